"""Rendering one report to a tagged PDF with WeasyPrint.

The print document wraps the same article template the site uses (``mode="print"``)
with a cover, a contents page and running page margins from ``templates/print/``.
The PDF is PDF/UA-1, tagged from the HTML, with the structure tree repaired where
WeasyPrint 70 falls short (see ``yjsreport.pdf.tagging``), and it is byte-identical
on every build of the same content: its dates come from the publication date and
its file identifier from the report, never from the clock or a random source.
"""

from __future__ import annotations

import hashlib
import io
import re
from pathlib import Path
from typing import Any

from weasyprint import HTML
from weasyprint.urls import FatalURLFetchingError

from yjsreport.errors import PdfError
from yjsreport.pdf.fetcher import ProjectFetcher
from yjsreport.pdf.fonts import check_fonts
from yjsreport.pdf.names import ANNEX_PART
from yjsreport.pdf.pagination import chapter_ids, paginate
from yjsreport.pdf.tagging import TagRepair
from yjsreport.project import Report
from yjsreport.render.outline import Section
from yjsreport.render.report import article_context, environment
from yjsreport.resources import template_folders

PDF_VARIANT = "pdf/ua-1"
LANG = "en-GB"


def short_title(report: Report) -> str:
    """The running header, naming the service as it is called, as published:
    'Inspection of youth offending services: Brackenmoor YOT'."""
    meta = report.inspection.meta
    return f"Inspection of {meta.services_named}: {meta.short_name}"


def contents(sections: list[Section]) -> list[tuple[Section, list[Section]]]:
    """The outline as a two-level list, for the nested contents page."""
    tree: list[tuple[Section, list[Section]]] = []
    for section in sections:
        if section.level == 2 or not tree:
            tree.append((section, []))
        else:
            tree[-1][1].append(section)
    return tree


_TAG = re.compile(r"(<[^>]*>)")
_SLASHED = re.compile(r"\b[A-Za-z]+(?:/[A-Za-z]+)+\b")


def keep_slashed_words(html: str) -> str:
    """Wrap 'parents/carers' and the like so that a line never ends at the slash.

    The line-breaking rules allow a break after a slash; a typesetter would not leave
    "parents/" at a line end. Only text between tags is touched, never a URL in an
    attribute, and only words of letters, so a long web address can still wrap.
    """
    parts = _TAG.split(html)
    for index in range(0, len(parts), 2):  # even parts are text, odd parts are tags
        parts[index] = _SLASHED.sub(r'<span class="nobreak">\g<0></span>', parts[index])
    return "".join(parts)


def print_html(report: Report, templates: Path, mark_wording: bool = False) -> str:
    env = environment(templates)
    context = article_context(report, "print", mark_wording=mark_wording)
    context["short_title"] = short_title(report)
    context["contents"] = contents(context["outline"])
    return keep_slashed_words(env.get_template("print/document.html").render(context))


def print_annex_html(report: Report, templates: Path, mark_wording: bool = False) -> str:
    """The data annex a format publishes beside the report, as a print document of its own."""
    env = environment(templates)
    context = article_context(report, "print", mark_wording=mark_wording)
    context["short_title"] = short_title(report)
    context["article_template"] = "report/data_annex.html"
    context["document_title"] = f"Data annex: {context['title']}"
    return keep_slashed_words(env.get_template("print/document.html").render(context))


def write_annex_pdf(report: Report, templates: Path, target: Path) -> None:
    html = print_annex_html(report, templates)
    ident = identifier(report, ANNEX_PART)
    data = render_pdf(html, templates, fetcher_for(report, templates), ident)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)


def fetcher_for(report: Report, templates: Path) -> ProjectFetcher:
    """The renderer may read the project's templates folder and the packaged one, and
    nothing else: never content/, where the case files are, whatever a report's text
    asks for."""
    return ProjectFetcher([], layers=template_folders(templates))


def identifier(report: Report, part: str = "") -> bytes:
    """A stable PDF file identifier: the same report (or its data annex) always gets the
    same one."""
    meta = report.inspection.meta
    key = f"yjsreport:{report.slug}:{meta.publication_date.isoformat()}"
    key += f":{part}" if part else ""
    return hashlib.md5(key.encode(), usedforsecurity=False).hexdigest().encode()


def render_pdf(html: str, base_url: Path, fetcher: ProjectFetcher, ident: bytes) -> bytes:
    """WeasyPrint with the project's fetcher and options, and the tag repair."""
    options: dict[str, Any] = {
        "pdf_variant": PDF_VARIANT,
        "pdf_identifier": ident,
        "uncompressed_pdf": False,
    }
    # the faces named must be installed, else fontconfig silently sets another
    check_fonts(html, base_url, lambda path: fetcher.resolve(path.resolve().as_uri()))
    try:
        source = HTML(string=html, base_url=str(base_url.resolve()) + "/", url_fetcher=fetcher)
        repair = TagRepair(source.etree_element)
        document = paginate(source, chapter_ids(html))
        out = io.BytesIO()
        with repair.recording():
            document.write_pdf(out, finisher=repair.finish, **options)
    except FatalURLFetchingError as exc:
        raise PdfError(f"{exc}: {exc.__cause__}") from exc
    return out.getvalue()


def write_pdf(report: Report, templates: Path, target: Path) -> None:
    html = print_html(report, templates)
    data = render_pdf(html, templates, fetcher_for(report, templates), identifier(report))
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
