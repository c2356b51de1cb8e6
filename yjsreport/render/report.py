"""Rendering one report's article from the shared Jinja partials.

The same article template serves the web page and the print PDF; `mode`
changes only what must differ (notes at the page foot in print, links to
downloads on the web).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from html import unescape
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from yjsreport.content.dates import long_date
from yjsreport.content.inspection import Part
from yjsreport.engine import disclosure
from yjsreport.figures.tables import CONTINUED_END, continued_mark
from yjsreport.project import Report
from yjsreport.prose.check import body_source, inline_source
from yjsreport.prose.markdown import render, render_inline
from yjsreport.prose.notes import Mode, Notes
from yjsreport.prose.numbers import figure, id_in_words
from yjsreport.render import methodology, wording
from yjsreport.render.compiled_templates import compiled_templates
from yjsreport.render.downloads_info import PDF_SLOT
from yjsreport.render.figures import (
    RATING_SYMBOLS,
    attribute_shares,
    rating_class,
    table_percent,
    table_sample_percent,
)
from yjsreport.render.outline import outline, standard_anchor
from yjsreport.resources import template_folders
from yjsreport.rules.ratings import Rating


@dataclass(frozen=True)
class Links:
    """Where the report's downloads live, relative to its page (None: not offered)."""

    pdf: str | None = None
    json: str | None = None
    csv: str | None = None
    json_meta: str | None = None  # "JSON, 5.1 KB"; the PDF's is filled in once written
    csv_meta: str | None = None
    # The same tables as Excel workbooks, whose cells keep their types ('3.10' stays text)
    csv_workbook: str | None = None
    csv_workbook_meta: str | None = None
    characteristics: str | None = None  # counts of the cases' characteristics (CSV)
    characteristics_meta: str | None = None
    characteristics_workbook: str | None = None
    characteristics_workbook_meta: str | None = None
    package: str | None = None  # the data package describing the files above
    dictionary: str | None = None  # the data dictionary page
    schema: str | None = None  # the JSON download's schema
    # the format's data annex and glossary pages, where it publishes them beside the report
    data_annex: str | None = None
    glossary: str | None = None
    report: str | None = None  # from the data annex and glossary back to the report


@cache
def environment(templates: Path) -> Environment:
    """One environment per templates folder: it caches compiled templates (in memory,
    and between builds beside the project) and, with Jinja's auto-reload, still picks
    up edits during a live preview. A project's own template replaces the packaged one
    of the same name."""
    env = Environment(
        loader=FileSystemLoader([str(folder) for folder in template_folders(templates)]),
        bytecode_cache=compiled_templates(templates.parent),
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
        long_date=long_date,
        month_year=lambda d: f"{d:%B %Y}",
        words=wording.words,
        url_text=wording.url_text,
        join_and=wording.join_and,
        quoted=wording.quoted,
        id_words=id_in_words,
    )
    env.globals.update(
        symbols=RATING_SYMBOLS,
        Rating=Rating,
        date_range=wording.date_range,
        plural=wording.plural,
        continued_mark=continued_mark,
        continued_end=CONTINUED_END,
    )
    return env


class _Prose:
    """Template-side access to a report's prose, rendering in document order so
    that footnote numbers follow the page."""

    def __init__(self, report: Report, notes: Notes) -> None:
        self.report, self.notes = report, notes

    def body(
        self, part: Part | None, level: int, after_headings: dict[str, Markup] | None = None
    ) -> Markup:
        """A part's prose; `after_headings` places a table after the heading of that text
        (the 2018 layout prints each key question's prompts under its heading)."""
        if part is None or not part.body.strip():
            html = ""
        else:
            html = render(
                body_source(part),
                self.report.result,
                level,
                part.path.stem,
                self.notes,
                context=self.report.inspection.context,
                key_data=self.report.inspection.key_data,
            )
        if after_headings:
            html = insert_after_headings(html, after_headings, level + 1)
        return Markup(html)

    def inline(self, part: Part, path: tuple[str | int, ...], text: str) -> Markup:
        return Markup(
            render_inline(
                inline_source(part, path, text),
                self.report.result,
                self.notes,
                doc_id=part.path.stem,
                context=self.report.inspection.context,
                key_data=self.report.inspection.key_data,
            )
        )

    def note_markup(self, html: Markup) -> Markup:
        """A footnote whose text is already safe HTML (for example, rendered prose).

        A note of the same text as one given before cites that note's number again, on
        the web as in print (prose/notes.py), so both outputs number the notes the same."""
        return Markup(self.notes.reference(str(html)))

    def source_note(self, sources: dict[str, str], key: str) -> Markup:
        """A source's note, its title in italics."""
        return self.note_markup(wording.citation(sources[key]))


_HEADING = re.compile(r"(<h(\d)\b[^>]*>)(.*?)(</h\2>)", re.S)


def insert_after_headings(html: str, blocks: dict[str, Markup], level: int) -> str:
    """Put each block after the heading whose text it is keyed by; a block whose heading
    the author did not write gets the heading, at the part's heading level, at the end."""
    placed: set[str] = set()

    def place(match: re.Match[str]) -> str:
        text = unescape(re.sub(r"<[^>]+>", "", match.group(3))).strip()
        if text in blocks and text not in placed:
            placed.add(text)
            return match.group(0) + "\n" + str(blocks[text])
        return match.group(0)

    html = _HEADING.sub(place, html)
    for text, block in blocks.items():
        if text not in placed:
            html += f"<h{level}>{Markup.escape(text)}</h{level}>\n{block}\n"
    return html


def article_context(
    report: Report, mode: Mode, links: Links | None = None, mark_wording: bool = False
) -> dict[str, Any]:
    notes = Notes(mode)
    inspection, result = report.inspection, report.result
    # The samples the format (or the inspection's choice) counts: Wolverhampton counts its
    # court cases only (9, 1 and 1 of 11); another 2022 report, court and resettlement.
    counted = tuple(
        result.samples[n] for n in inspection.format.offence_types if n in result.samples
    )
    offences_total, offence_rows = (
        attribute_shares(result.slug, counted, "offence_type") if counted else (0, [])
    )
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
        # the disclosure rule, said on the offence table where it withheld a figure of it
        "disclosure_rule": (
            f"{disclosure.RULE} {disclosure.RULE_REASONS}"
            if any(row.count is None for row in offence_rows)
            else ""
        ),
        "method": methodology.facts(result, inspection.framework),
        "title": report_title(report),
        "layout": inspection.format,
        "service_words": inspection.meta.services_named,
        "publisher": PUBLISHER,
        "pdf_slot": Markup(PDF_SLOT),
        # each standard sentence marked with its name in the catalogue (the format test)
        "mark_wording": mark_wording,
    }


def report_title(report: Report) -> str:
    """The report's title; a reinspection's says so, so that it never reads as the
    inspection it follows (both are listed, under the same service's name)."""
    meta = report.inspection.meta
    kind = "A reinspection" if meta.reinspection_of else "An inspection"
    return f"{kind} of {meta.services_named} in {meta.place}"


PUBLISHER = "HM Inspectorate of Probation"


def render_article(
    report: Report,
    templates: Path,
    mode: Mode = "web",
    links: Links | None = None,
    mark_wording: bool = False,
) -> str:
    env = environment(templates)
    context = article_context(report, mode, links, mark_wording)
    return env.get_template("report/article.html").render(context)


def render_data_annex(
    report: Report,
    templates: Path,
    mode: Mode = "web",
    links: Links | None = None,
    mark_wording: bool = False,
) -> str:
    """The page a format with a data annex publishes beside the report."""
    context = article_context(report, mode, links, mark_wording)
    return environment(templates).get_template("report/data_annex.html").render(context)


def render_glossary(report: Report, templates: Path, links: Links | None = None) -> str:
    context = article_context(report, "web", links)
    return environment(templates).get_template("report/glossary.html").render(context)
