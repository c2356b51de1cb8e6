"""The annual report as a tagged PDF, through the same renderer as single reports.

Charts are written to a folder the renderer is allowed to read; the drawing is
the same SVG the web page shows. With the PDF build cache, that folder sits in
the cache (so the print HTML, which names it, is the same from build to build)
and the PDF is kept as single reports' are: keyed by its HTML and environment,
checked against every file the renderer read (the charts among them). The one
annual PDF is made in this process rather than the worker pool: the pool takes
inspection reports, and the annual PDF is made after them.
"""

from __future__ import annotations

import hashlib
import tempfile
from pathlib import Path

from yjsreport.annual.model import AnnualReport
from yjsreport.annual.render import annual_context, chart_files, write_charts
from yjsreport.pdf.cache import PdfCache, entry_key, environment_fingerprint
from yjsreport.pdf.document import render_pdf
from yjsreport.pdf.fetcher import ProjectFetcher
from yjsreport.render.cache_files import own_folder, write_own_files
from yjsreport.render.outline import Section
from yjsreport.render.report import environment
from yjsreport.resources import template_folders


def print_html(annual: AnnualReport, templates: Path, charts: Path) -> str:
    context = annual_context(
        annual,
        "print",
        charts.resolve().as_uri() + "/",
        image_base=annual.source.folder.resolve().as_uri() + "/",
    )
    context["short_title"] = annual.source.meta.title
    context["contents"] = [  # chapters and their exhibits, as the PDF's bookmarks are
        *(
            (
                Section(ch.id, ch.title, 2),
                [Section(f"exhibit-{ex.id}", ex.heading, 3) for ex in ch.exhibits],
            )
            for ch in context["chapters"]
        ),
        (Section("about-the-figures", "About the figures", 2), []),
    ]
    return environment(templates).get_template("annual/document.html").render(context)


def identifier(annual: AnnualReport) -> bytes:
    meta = annual.source.meta
    key = f"yjsreport:annual:{annual.year}:{meta.publication_date.isoformat()}"
    return hashlib.md5(key.encode(), usedforsecurity=False).hexdigest().encode()


def cache_name(annual: AnnualReport) -> str:
    return f"annual-{annual.year}"


def cached_annual_pdf(annual: AnnualReport, templates: Path, cache: PdfCache) -> bytes:
    """The annual PDF from the cache where its entry is still valid, else made and kept."""
    from yjsreport.pdf.pool import PdfJob, run_job

    content = annual.source.folder.resolve().parents[1]
    charts = own_folder(cache.folder.parent, "annual-charts", annual.year)  # never a link
    write_own_files(charts, chart_files(annual))  # deletes only the charts it wrote before
    job = PdfJob(
        cache_name(annual),
        print_html(annual, templates, charts),
        templates,
        (content, charts),
        identifier(annual),
        template_folders(templates),
    )
    key = entry_key(job.html, job.base_url, job.ident, environment_fingerprint())
    data = cache.get(job.name, key)
    if data is None:
        data, read = run_job(job)
        cache.put(job.name, key, data, read)
    return data


def write_annual_pdf(
    annual: AnnualReport, templates: Path, target: Path, cache: PdfCache | None = None
) -> None:
    if cache is not None:
        data = cached_annual_pdf(annual, templates, cache)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        return
    content = annual.source.folder.resolve().parents[1]
    with tempfile.TemporaryDirectory(prefix="yjsreport-charts-") as scratch:
        charts = Path(scratch)
        write_charts(annual, charts)
        html = print_html(annual, templates, charts)
        fetcher = ProjectFetcher([content, charts], layers=template_folders(templates))
        data = render_pdf(html, templates, fetcher, identifier(annual))
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
