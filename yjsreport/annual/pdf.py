"""The annual report as a tagged PDF, through the same renderer as single reports.

Charts are written to a scratch folder the renderer is allowed to read; the
drawing is the same SVG the web page shows.
"""

from __future__ import annotations

import hashlib
import tempfile
from pathlib import Path

from yjsreport.annual.model import AnnualReport
from yjsreport.annual.render import annual_context, write_charts
from yjsreport.pdf.document import render_pdf
from yjsreport.pdf.fetcher import ProjectFetcher
from yjsreport.render.outline import Section
from yjsreport.render.report import environment


def print_html(annual: AnnualReport, templates: Path, charts: Path) -> str:
    context = annual_context(annual, "print", charts.resolve().as_uri() + "/")
    context["short_title"] = annual.source.meta.title
    context["contents"] = [
        *((Section(ch.id, ch.title, 2), []) for ch in context["chapters"]),
        (Section("about-the-figures", "About the figures", 2), []),
    ]
    return environment(templates).get_template("annual/document.html").render(context)


def identifier(annual: AnnualReport) -> bytes:
    meta = annual.source.meta
    key = f"yjsreport:annual:{annual.year}:{meta.publication_date.isoformat()}"
    return hashlib.md5(key.encode(), usedforsecurity=False).hexdigest().encode()


def write_annual_pdf(annual: AnnualReport, templates: Path, target: Path) -> None:
    content = annual.source.folder.resolve().parents[1]
    with tempfile.TemporaryDirectory(prefix="yjsreport-charts-") as scratch:
        charts = Path(scratch)
        write_charts(annual, charts)
        html = print_html(annual, templates, charts)
        fetcher = ProjectFetcher([templates, content, charts])
        data = render_pdf(html, templates, fetcher, identifier(annual))
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
