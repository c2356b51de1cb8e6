"""Rendering an annual report: the same article for the web page and the PDF.

Exhibits are built once per render; their charts are SVG files the article
points at (`charts/<name>.svg` beside the web page; a folder the PDF renderer
may read when printing), so both show the very same drawing.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markupsafe import Markup

from yjsreport.annual.aggregates import RATING_ORDER
from yjsreport.annual.charts import Chart
from yjsreport.annual.disclosure import RULE
from yjsreport.annual.exhibits.parts import Exhibit
from yjsreport.annual.exhibits.registry import REGISTRY
from yjsreport.annual.model import AnnualReport
from yjsreport.annual.references import resolve_annual
from yjsreport.prose.markdown import Source, render
from yjsreport.prose.notes import Mode, Notes
from yjsreport.prose.numbers import count_in_words
from yjsreport.render.report import PUBLISHER, environment
from yjsreport.rules.overall import SCORE_BANDS, band_ranges

CHARTS_FOLDER = "charts"


@dataclass(frozen=True)
class ChapterView:
    id: str
    title: str
    html: Markup
    exhibits: list[Exhibit]


@dataclass(frozen=True)
class Numbered:
    """Figure and table numbers across the report, in reading order."""

    figures: dict[str, int]
    tables: dict[int, int]  # id(table) -> number


def title_of(annual: AnnualReport) -> str:
    return annual.source.meta.title


def _exhibits(annual: AnnualReport) -> dict[str, Exhibit]:
    wanted = {e for c in annual.source.chapters for e in c.meta.exhibits}
    return {e: REGISTRY[e](annual.figures) for e in sorted(wanted)}


def chapters(annual: AnnualReport, notes: Notes) -> list[ChapterView]:
    built = _exhibits(annual)
    views = []
    for chapter in annual.source.chapters:
        html = render(
            Source(chapter.body, chapter.path, chapter.body_line),
            annual.figures,  # type: ignore[arg-type]
            base_level=2,
            doc_id=chapter.path.stem,
            notes=notes,
            resolver=resolve_annual,
            figures=annual.quoted,
        )
        views.append(
            ChapterView(
                chapter.slug,
                chapter.meta.title,
                Markup(html),
                [built[e] for e in chapter.meta.exhibits],
            )
        )
    return views


def all_charts(views: list[ChapterView]) -> list[Chart]:
    seen: dict[str, Chart] = {}
    for v in views:
        for e in v.exhibits:
            for c in e.charts:
                seen.setdefault(c.name, c)
    return list(seen.values())


def _numbering(views: list[ChapterView]) -> Numbered:
    figures: dict[str, int] = {}
    tables: dict[int, int] = {}
    for v in views:
        for e in v.exhibits:
            for c in e.charts:
                figures.setdefault(c.name, len(figures) + 1)
            for t in e.tables:
                tables.setdefault(id(t), len(tables) + 1)
    return Numbered(figures, tables)


def annual_context(
    annual: AnnualReport,
    mode: Mode,
    chart_base: str,
    pdf: str | None = None,
    data: str | None = None,
) -> dict[str, Any]:
    notes = Notes(mode)
    views = chapters(annual, notes)
    return {
        "annual": annual,
        "meta": annual.source.meta,
        "figures": annual.figures,
        "chapters": views,
        "numbers": _numbering(views),
        "chart_src": lambda chart: f"{chart_base}{chart.name}.svg",
        "notes": notes,
        "mode": mode,
        "pdf": pdf,
        "data": data,  # the ratings download (CSV), on the web page
        "title": title_of(annual),
        "publisher": PUBLISHER,
        "disclosure_rule": RULE,
        "score_bands": SCORE_BANDS,
        "reduced_bands": band_ranges(24),
        "id": id,
        "ratings_order": RATING_ORDER,
        "minimum_words": count_in_words(annual.figures.minimum_sample),
    }


def render_annual(
    annual: AnnualReport,
    templates: Path,
    mode: Mode = "web",
    pdf: str | None = None,
    data: str | None = None,
) -> str:
    env = environment(templates)
    context = annual_context(annual, mode, f"{CHARTS_FOLDER}/", pdf, data)
    return env.get_template("annual/article.html").render(context)


def write_charts(annual: AnnualReport, folder: Path) -> list[Path]:
    """Every chart the report shows, as SVG files in `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for chart in all_charts(chapters(annual, Notes("web"))):
        path = folder / f"{chart.name}.svg"
        path.write_text(chart.svg, encoding="utf-8")
        written.append(path)
    return written
