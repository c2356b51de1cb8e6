"""Rendering one report's article from the shared Jinja partials.

The same article template serves the web page and the print PDF; `mode`
changes only what must differ (notes at the page foot in print, links to
downloads on the web).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from yjsreport.content.inspection import Part
from yjsreport.project import Report
from yjsreport.prose.check import body_source, inline_source
from yjsreport.prose.markdown import render, render_inline
from yjsreport.prose.notes import Mode, Notes
from yjsreport.prose.numbers import count_in_words, figure
from yjsreport.render import methodology
from yjsreport.render.downloads_info import PDF_SLOT
from yjsreport.render.figures import (
    RATING_SYMBOLS,
    attribute_shares,
    rating_class,
    table_percent,
    table_sample_percent,
)
from yjsreport.render.outline import outline, standard_anchor
from yjsreport.rules.ratings import Rating


@dataclass(frozen=True)
class Links:
    """Where the report's downloads live, relative to its page (None: not offered)."""

    pdf: str | None = None
    json: str | None = None
    csv: str | None = None
    json_meta: str | None = None  # "JSON, 5.1 KB"; the PDF's is filled in once written
    csv_meta: str | None = None


@cache
def environment(templates: Path) -> Environment:
    """One environment per templates folder: it caches compiled templates and,
    with Jinja's auto-reload, still picks up edits during a live preview."""
    env = Environment(
        loader=FileSystemLoader(str(templates)),
        autoescape=select_autoescape(["html", "xml"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        figure=figure,
        percent=table_percent,
        sample_percent=table_sample_percent,
        rating_class=rating_class,
        anchor=standard_anchor,
        long_date=lambda d: f"{d.day} {d:%B %Y}",
        words=count_in_words,
        month_year=lambda d: f"{d:%B %Y}",
    )
    env.globals.update(symbols=RATING_SYMBOLS, Rating=Rating)
    return env


class _Prose:
    """Template-side access to a report's prose, rendering in document order so
    that footnote numbers follow the page."""

    def __init__(self, report: Report, notes: Notes) -> None:
        self.report, self.notes = report, notes

    def body(self, part: Part | None, level: int) -> Markup:
        if part is None or not part.body.strip():
            return Markup("")
        html = render(
            body_source(part),
            self.report.result,
            level,
            part.path.stem,
            self.notes,
            context=self.report.inspection.context,
        )
        return Markup(html)

    def inline(self, part: Part, path: tuple[str | int, ...], text: str) -> Markup:
        return Markup(
            render_inline(
                inline_source(part, path, text),
                self.report.result,
                self.notes,
                doc_id=part.path.stem,
                context=self.report.inspection.context,
            )
        )

    def note(self, html: str) -> Markup:
        return Markup(self.notes.reference(str(Markup.escape(html))))


def article_context(report: Report, mode: Mode, links: Links | None = None) -> dict[str, Any]:
    notes = Notes(mode)
    inspection, result = report.inspection, report.result
    # Court cases only, as the published table counts them (Wolverhampton: 9, 1 and 1 of 11).
    offences_total, offence_rows = attribute_shares(result.samples["court"], "offence_type")
    return {
        "report": report,
        "inspection": inspection,
        "result": result,
        "meta": inspection.meta,
        "context": inspection.context,
        "sources": inspection.context.sources if inspection.context else {},
        "prose": _Prose(report, notes),
        "notes": notes,
        "mode": mode,
        "links": links or Links(),
        "outline": outline(report),
        "offences_total": offences_total,
        "offence_rows": offence_rows,
        "method": methodology.facts(result, inspection.framework.minimum_sample),
        "title": report_title(report),
        "publisher": PUBLISHER,
        "pdf_slot": Markup(PDF_SLOT),
    }


def report_title(report: Report) -> str:
    meta = report.inspection.meta
    return f"An inspection of youth {SERVICE_WORDS[meta.kind]} services in {meta.place}"


PUBLISHER = "HM Inspectorate of Probation"
SERVICE_WORDS = {"YOT": "offending", "YOS": "offending", "YJS": "justice"}


def render_article(
    report: Report, templates: Path, mode: Mode = "web", links: Links | None = None
) -> str:
    env = environment(templates)
    context = article_context(report, mode, links)
    return env.get_template("report/article.html").render(context)
