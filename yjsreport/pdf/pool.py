"""Writing many PDFs at once, in worker processes, through the build cache.

Processes, not threads: the tag repair swaps a WeasyPrint module global for the
length of one ``write_pdf`` (see ``yjsreport.pdf.tagging``), and WeasyPrint's
layout holds the GIL. A worker gets only the print HTML and where it may read
files, and returns the PDF's bytes with the files it read, so a PDF made in a
worker is the same, byte for byte, as one made in the calling process.

Nothing is written here: the caller gets every PDF's bytes, so a build can make
all of them before it touches the site folder.
"""

from __future__ import annotations

import hashlib
import mimetypes
import multiprocessing
import os
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path

from weasyprint.urls import URLFetcherResponse

from yjsreport.pdf.cache import PdfCache, entry_key, environment_fingerprint
from yjsreport.pdf.document import fetcher_for, identifier, print_html, render_pdf
from yjsreport.pdf.fetcher import ProjectFetcher
from yjsreport.pdf.progress import Progress
from yjsreport.project import Report


@dataclass(frozen=True)
class PdfJob:
    """All a worker needs to make one PDF (small and picklable)."""

    name: str
    html: str
    templates: Path
    roots: tuple[Path, ...]
    ident: bytes

    @property
    def base_url(self) -> str:
        return str(self.templates.resolve()) + "/"


class RecordingFetcher(ProjectFetcher):
    """The project fetcher, noting the SHA-256 of every file it serves, for the cache."""

    def __init__(self, roots: Iterable[Path]) -> None:
        super().__init__(roots)
        self.read: dict[str, str] = {}

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
        path = self.resolve(url)
        data = path.read_bytes()
        self.read[str(path)] = hashlib.sha256(data).hexdigest()
        media_type, _ = mimetypes.guess_type(path.name)
        headers_out = {"Content-Type": media_type or "application/octet-stream"}
        return URLFetcherResponse(path.as_uri(), data, headers_out)


def job_for(report: Report, templates: Path) -> PdfJob:
    return PdfJob(
        name=report.slug,
        html=print_html(report, templates),
        templates=templates,
        roots=fetcher_for(report, templates).roots,
        ident=identifier(report),
    )


def run_job(job: PdfJob) -> tuple[bytes, dict[str, str]]:
    """Make one PDF: its bytes and the files read (path to SHA-256). Runs in a worker."""
    fetcher = RecordingFetcher(job.roots)
    data = render_pdf(job.html, job.templates, fetcher, job.ident)
    return data, fetcher.read


def default_jobs() -> int:
    """One worker per CPU this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def _context() -> multiprocessing.context.BaseContext:
    """Fork where it is safe (one thread, POSIX): workers start at once with WeasyPrint
    already imported. Otherwise spawn, which starts clean."""
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def build_pdfs(
    reports: Iterable[Report],
    templates: Path,
    *,
    jobs: int | None = None,
    cache: PdfCache | None = None,
    progress: Progress | None = None,
) -> dict[str, bytes]:
    """Every report's PDF bytes, by slug: from the cache where an entry is still
    valid, the rest made `jobs` at a time (None: one per CPU). The first failure
    stops the build and is raised; nothing is written but cache entries."""
    all_jobs = [job_for(r, templates) for r in reports]
    progress = progress or Progress(len(all_jobs))
    fingerprint = environment_fingerprint() if cache is not None else ""
    keys = {j.name: entry_key(j.html, j.base_url, j.ident, fingerprint) for j in all_jobs}
    out: dict[str, bytes] = {}
    pending: list[PdfJob] = []
    for job in all_jobs:
        hit = cache.get(job.name, keys[job.name]) if cache is not None else None
        if hit is None:
            pending.append(job)
        else:
            out[job.name] = hit
            progress.from_cache(job.name)

    def keep(job: PdfJob, data: bytes, read: dict[str, str]) -> None:
        out[job.name] = data
        if cache is not None:
            cache.put(job.name, keys[job.name], data, read)
        progress.end(job.name)

    pending.sort(key=lambda j: len(j.html), reverse=True)  # longest first: less idle at the end
    workers = min(jobs or default_jobs(), len(pending))
    try:
        if workers <= 1:
            for job in pending:
                progress.begin(job.name)
                keep(job, *run_job(job))
        else:
            _run_in_pool(pending, workers, keep, progress)
    finally:
        progress.close()
    return {job.name: out[job.name] for job in all_jobs}


def _run_in_pool(
    pending: list[PdfJob],
    workers: int,
    keep: Callable[[PdfJob, bytes, dict[str, str]], None],
    progress: Progress,
) -> None:
    """At most `workers` jobs in flight, so progress shows what is really being made
    and a failure stops the build without starting the rest."""
    queue = list(reversed(pending))
    running: dict[Future[tuple[bytes, dict[str, str]]], PdfJob] = {}
    with ProcessPoolExecutor(max_workers=workers, mp_context=_context()) as pool:
        try:
            while queue or running:
                while queue and len(running) < workers:
                    job = queue.pop()
                    progress.begin(job.name)
                    running[pool.submit(run_job, job)] = job
                finished, _ = wait(running, return_when=FIRST_COMPLETED)
                for future in finished:
                    job = running.pop(future)
                    keep(job, *future.result())
        except BaseException:
            for future in running:
                future.cancel()
            raise
