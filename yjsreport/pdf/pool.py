"""Writing many PDFs at once, in worker processes, through the build cache.

Processes, not threads: the tag repair swaps a WeasyPrint module global for the
length of one ``write_pdf`` (see ``yjsreport.pdf.tagging``), and WeasyPrint's
layout holds the GIL. A worker gets only the print HTML and where it may read
files, writes the PDF to a file in a scratch folder the caller owns and returns
the files it read, so a PDF made in a worker is the same, byte for byte, as one
made in the calling process.

Memory is kept flat in the size of the archive: workers start from a fork server
that has imported WeasyPrint and nothing else (not from the build process, whose
loaded reports every forked worker would copy page by page as it runs), a job's
print HTML is made only when the job is handed to a worker, at most one job per
worker is in flight, finished PDFs wait on disk, not in memory, and each worker is
replaced by a fresh one after `TASKS_PER_WORKER` PDFs.

Nothing is written to the site here: the caller gets every PDF as a file, so a
build can make all of them before it touches the site folder.
"""

from __future__ import annotations

import hashlib
import mimetypes
import multiprocessing
import os
import tempfile
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from weasyprint.urls import URLFetcherResponse

from yjsreport.pdf.cache import ABSENT, PdfCache, entry_key, environment_fingerprint
from yjsreport.pdf.document import (
    fetcher_for,
    identifier,
    print_annex_html,
    print_html,
    render_pdf,
)
from yjsreport.pdf.fetcher import ProjectFetcher
from yjsreport.pdf.names import ANNEX_PART, annex_name
from yjsreport.pdf.progress import Progress
from yjsreport.project import Report

TASKS_PER_WORKER = 20  # PDFs a worker makes before a fresh one takes its place


@dataclass(frozen=True)
class PdfJob:
    """All a worker needs to make one PDF (small and picklable)."""

    name: str
    html: str
    templates: Path
    roots: tuple[Path, ...]
    ident: bytes
    layers: tuple[Path, ...] = ()  # template folders, the project's first

    @property
    def base_url(self) -> str:
        return _base_url(self.templates)


class RecordingFetcher(ProjectFetcher):
    """The project fetcher, noting the SHA-256 of every file it serves, for the cache."""

    def __init__(self, roots: Iterable[Path], layers: Iterable[Path] = ()) -> None:
        super().__init__(roots, layers)
        self.read: dict[str, str] = {}

    def manifest(self) -> dict[str, str]:
        """The files served, and the project files looked for in vain: adding one of
        those (a stylesheet of its own, say) changes the PDF, so the entry is stale."""
        return {**dict.fromkeys(sorted(self.absent), ABSENT), **self.read}

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
        path = self.resolve(url)
        data = path.read_bytes()
        self.read[str(path)] = hashlib.sha256(data).hexdigest()
        media_type, _ = mimetypes.guess_type(path.name)
        headers_out = {"Content-Type": media_type or "application/octet-stream"}
        return URLFetcherResponse(path.as_uri(), data, headers_out)


@dataclass(frozen=True)
class Document:
    """One PDF a report publishes: the report, or the data annex its format publishes
    beside it. Both are made, cached and pooled alike."""

    report: Report
    annex: bool = False

    @property
    def name(self) -> str:
        return annex_name(self.report.slug) if self.annex else self.report.slug

    def html(self, templates: Path) -> str:
        return (print_annex_html if self.annex else print_html)(self.report, templates)

    @property
    def ident(self) -> bytes:
        return identifier(self.report, ANNEX_PART if self.annex else "")


def documents(reports: Iterable[Report]) -> list[Document]:
    """Every PDF of these reports: each report's, and its data annex where its format
    publishes one."""
    out: list[Document] = []
    for report in reports:
        out.append(Document(report))
        if report.inspection.format.data_annex:
            out.append(Document(report, annex=True))
    return out


def job_for(document: Document, templates: Path) -> PdfJob:
    fetcher = fetcher_for(document.report, templates)
    return PdfJob(
        name=document.name,
        html=document.html(templates),
        templates=templates,
        roots=fetcher.roots[len(fetcher.layers) :],
        ident=document.ident,
        layers=fetcher.layers,
    )


def run_job(job: PdfJob) -> tuple[bytes, dict[str, str]]:
    """Make one PDF: its bytes and the files read (path to SHA-256). Runs in a worker."""
    fetcher = RecordingFetcher(job.roots, job.layers)
    data = render_pdf(job.html, job.templates, fetcher, job.ident)
    return data, fetcher.manifest()


def run_job_to_file(job: PdfJob, folder: Path) -> dict[str, str]:
    """Make one PDF into `folder`/<name>.pdf (written whole, then renamed into place)
    and return the files read. Runs in a worker: only the small manifest comes back."""
    data, read = run_job(job)
    _write_atomic(folder / f"{job.name}.pdf", data)
    return read


def default_jobs() -> int:
    """One worker per CPU this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def _context() -> multiprocessing.context.BaseContext:
    """A fork server where there is one (POSIX): workers fork from a small process that
    has imported WeasyPrint, so they start at once and share nothing of the build's
    loaded reports. Otherwise spawn, which starts clean."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload([__name__])
        return context
    return multiprocessing.get_context("spawn")


class _Todo(NamedTuple):
    document: Document
    size: int  # characters of print HTML: the longest are started first


def make_pdfs(
    reports: Iterable[Report],
    templates: Path,
    folder: Path,
    *,
    jobs: int | None = None,
    cache: PdfCache | None = None,
    progress: Progress | None = None,
) -> dict[str, Path]:
    """Every PDF of the reports (see `documents`) as a file in `folder` (which the caller
    owns and removes), by name (a report's slug, its data annex's `annex_name`): copied from
    the cache where an entry is still valid, the rest made `jobs` at a time (None: one per
    CPU). The first failure stops the build and is raised; nothing is written but cache
    entries and files in `folder`."""
    docs = documents(reports)
    progress = progress or Progress(len(docs))
    fingerprint = environment_fingerprint() if cache is not None else ""
    out = {d.name: folder / f"{d.name}.pdf" for d in docs}
    todo: list[_Todo] = []
    for document in docs:
        html = document.html(templates)
        key = entry_key(html, _base_url(templates), document.ident, fingerprint)
        hit = cache.get(document.name, key) if cache is not None else None
        if hit is None:
            todo.append(_Todo(document, len(html)))
        else:
            _write_atomic(out[document.name], hit)
            progress.from_cache(document.name)
        del html, hit  # one document's HTML and PDF at a time in this process

    def keep(job: PdfJob, read: dict[str, str]) -> None:
        if cache is not None:
            key = entry_key(job.html, job.base_url, job.ident, fingerprint)
            cache.put(job.name, key, out[job.name].read_bytes(), read)
        progress.end(job.name)

    todo.sort(key=lambda t: t.size, reverse=True)  # longest first: less idle at the end
    pending = [t.document for t in todo]
    workers = min(jobs or default_jobs(), len(pending))
    try:
        if workers <= 1:
            for document in pending:
                job = job_for(document, templates)
                progress.begin(job.name)
                data, read = run_job(job)
                _write_atomic(out[job.name], data)
                del data
                keep(job, read)
        else:
            _run_in_pool(pending, templates, folder, workers, keep, progress)
    finally:
        progress.close()
    return out


def build_pdfs(
    reports: Iterable[Report],
    templates: Path,
    *,
    jobs: int | None = None,
    cache: PdfCache | None = None,
    progress: Progress | None = None,
) -> dict[str, bytes]:
    """Every PDF's bytes, by name (see `make_pdfs`): for one report or a few."""
    with tempfile.TemporaryDirectory(prefix="yjsreport-pdfs-") as scratch:
        paths = make_pdfs(
            reports, templates, Path(scratch), jobs=jobs, cache=cache, progress=progress
        )
        return {name: path.read_bytes() for name, path in paths.items()}


def _run_in_pool(
    pending: list[Document],
    templates: Path,
    folder: Path,
    workers: int,
    keep: Callable[[PdfJob, dict[str, str]], None],
    progress: Progress,
) -> None:
    """At most `workers` jobs in flight, so progress shows what is really being made,
    a failure stops the build without starting the rest, and only the jobs in flight
    hold their print HTML."""
    queue = list(reversed(pending))
    running: dict[Future[dict[str, str]], PdfJob] = {}
    context = _context()
    # A worker grows by about half a MiB for each PDF it makes (WeasyPrint's caches and
    # the heap); a fresh one from the fork server every so often keeps the build's
    # memory flat however large the archive. (Not possible with plain fork.)
    renew = TASKS_PER_WORKER if context.get_start_method() != "fork" else None
    with ProcessPoolExecutor(
        max_workers=workers, mp_context=context, max_tasks_per_child=renew
    ) as pool:
        try:
            while queue or running:
                while queue and len(running) < workers:
                    job = job_for(queue.pop(), templates)
                    progress.begin(job.name)
                    running[pool.submit(run_job_to_file, job, folder)] = job
                finished, _ = wait(running, return_when=FIRST_COMPLETED)
                for future in finished:
                    job = running.pop(future)
                    keep(job, future.result())
        except BaseException:
            for future in running:
                future.cancel()
            raise


def _base_url(templates: Path) -> str:
    return str(templates.resolve()) + "/"


def _write_atomic(path: Path, data: bytes) -> None:
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temp.write_bytes(data)
    os.replace(temp, path)
