"""Rendering an annual report: the same article for the web page and the PDF.

Exhibits are built once per render; their charts are SVG files the article
points at (`charts/<name>.svg` beside the web page; a folder the PDF renderer
may read when printing), so both show the very same drawing.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from markupsafe import Markup

from yjsreport.annual.aggregates import RATING_ORDER
from yjsreport.annual.charts import Chart
from yjsreport.annual.disclosure import RULE
from yjsreport.annual.exhibit_names import build
from yjsreport.annual.exhibits.parts import Exhibit
from yjsreport.annual.map_drawing import draw_map
from yjsreport.annual.model import AnnualReport
from yjsreport.annual.placement import PlacedExhibit, PlacedImage, Prose
from yjsreport.annual.references import resolve_annual
from yjsreport.annual.services_map import drawn_name, map_alt, map_ratings
from yjsreport.annual.stat_charts import StatCharts
from yjsreport.prose.markdown import Source, render
from yjsreport.prose.notes import Mode, Notes
from yjsreport.prose.numbers import count_in_words
from yjsreport.render.report import PUBLISHER, environment
from yjsreport.rules.overall import SCORE_BANDS, band_ranges
from yjsreport.rules.ratings import Rating
from yjsreport.sources.text import read_bytes

CHARTS_FOLDER = "charts"


@dataclass(frozen=True)
class ProseBlock:
    """A chapter's prose between placements, as HTML, with the charts of statistics it
    places (in reading order, for the figure numbers and the chart files)."""

    html: Markup
    charts: tuple[Chart, ...] = ()

    def __html__(self) -> str:
        return str(self.html)

    def __str__(self) -> str:
        return str(self.html)


@dataclass(frozen=True)
class ChapterView:
    """A chapter in reading order: its blocks (prose, and the exhibits and images its
    prose places), then the exhibits its front-matter names that no line placed."""

    id: str
    title: str
    blocks: list[ProseBlock | Exhibit | PlacedImage]
    after: list[Exhibit]

    @property
    def exhibits(self) -> list[Exhibit]:
        """Every exhibit of the chapter, in reading order."""
        return [b for b in self.blocks if isinstance(b, Exhibit)] + self.after

    @property
    def figures(self) -> list[Chart | PlacedImage]:
        """Every figure of the chapter (charts and images), in reading order."""
        found: list[Chart | PlacedImage] = []
        for block in [*self.blocks, *self.after]:
            if isinstance(block, Exhibit):
                found += block.charts
            elif isinstance(block, PlacedImage):
                found.append(block)
            else:
                found += block.charts
        return found

    @property
    def charts(self) -> list[Chart]:
        """Every chart of the chapter, in reading order."""
        return [f for f in self.figures if isinstance(f, Chart)]


@dataclass(frozen=True)
class Numbered:
    """Figure and table numbers across the report, in reading order."""

    figures: dict[str, int]
    tables: dict[int, int]  # id(table) -> number
    data: dict[str, list[int]]  # chart name -> the numbers of the tables of its figures


def title_of(annual: AnnualReport) -> str:
    return annual.source.meta.title


def _exhibits(annual: AnnualReport) -> dict[str, Exhibit]:
    wanted = {e for c in annual.source.chapters for e in [*c.placed, *c.meta.exhibits]}
    return {e: build(e, annual.figures) for e in sorted(wanted)}


def chapters(annual: AnnualReport, notes: Notes, chart_base: str = "") -> list[ChapterView]:
    """Every chapter in reading order; a chart of statistics its prose places is
    numbered as it is met, with the exhibits' charts and the images before it (the
    same order `_numbering` reads the views in)."""
    built = _exhibits(annual)
    numbers: dict[str, int] = {}

    def count(figures: list[Chart] | list[PlacedImage]) -> None:
        for f in figures:
            numbers.setdefault(figure_key(f), len(numbers) + 1)

    placer = StatCharts(numbers, lambda name: f"{chart_base}{name}.svg", notes.mode == "web")
    views = []
    for chapter in annual.source.chapters:
        blocks: list[ProseBlock | Exhibit | PlacedImage] = []
        for k, part in enumerate(chapter.parts):
            if isinstance(part, Prose):
                html = render(
                    Source(part.text, chapter.path, part.line),
                    annual.figures,  # type: ignore[arg-type]
                    base_level=2,
                    doc_id=chapter.path.stem + (f"-{k}" if k else ""),
                    notes=notes,
                    resolver=resolve_annual,
                    figures=annual.quoted,
                    charts=placer,
                )
                blocks.append(ProseBlock(Markup(html), placer.taken()))
            elif isinstance(part, PlacedExhibit):
                count(built[part.id].charts)
                blocks.append(built[part.id])
            else:
                count([part])
                if part.of_services:  # a map: its text alternative from the ratings
                    part = replace(part, alt=map_alt(annual.figures))
                blocks.append(part)
        after = [built[e] for e in chapter.after_prose]
        for e in after:
            count(e.charts)
        views.append(ChapterView(chapter.slug, chapter.meta.title, blocks, after))
    return views


def all_charts(views: list[ChapterView]) -> list[Chart]:
    seen: dict[str, Chart] = {}
    for v in views:
        for c in v.charts:
            seen.setdefault(c.name, c)
    return list(seen.values())


def figure_key(figure: Chart | PlacedImage) -> str:
    """A figure's key in the numbering: a chart's name, an image's path."""
    return figure.name if isinstance(figure, Chart) else f"image:{figure.path}"


def _numbering(views: list[ChapterView]) -> Numbered:
    figures: dict[str, int] = {}
    tables: dict[int, int] = {}
    for v in views:
        for f in v.figures:
            figures.setdefault(figure_key(f), len(figures) + 1)
        for e in v.exhibits:
            for _, group in e.in_order():
                for t in group:
                    tables.setdefault(id(t), len(tables) + 1)
    data = {
        c.name: [tables[id(t)] for t in e.tables_of(c)]
        for v in views
        for e in v.exhibits
        for c in e.charts
    }
    return Numbered(figures, tables, data)


def annual_context(
    annual: AnnualReport,
    mode: Mode,
    chart_base: str,
    pdf: str | None = None,
    data: str | None = None,
    image_base: str = "",
) -> dict[str, Any]:
    """`chart_base` and `image_base` are where the page finds the charts and the
    annual folder's images: beside the web page, or folders the PDF may read."""
    notes = Notes(mode)
    views = chapters(annual, notes, chart_base)
    return {
        "annual": annual,
        "meta": annual.source.meta,
        "figures": annual.figures,
        "chapters": views,
        "numbers": _numbering(views),
        "chart_src": lambda chart: f"{chart_base}{chart.name}.svg",
        "image_src": lambda image: (
            f"{chart_base}{drawn_name(image.path)}"  # drawn with the charts
            if image.drawn is not None
            else f"{image_base}{image.path}"
        ),
        "figure_key": figure_key,
        "is_exhibit": lambda block: isinstance(block, Exhibit),
        "is_image": lambda block: isinstance(block, PlacedImage),
        "notes": notes,
        "mode": mode,
        "pdf": pdf,
        "data": data,  # the ratings download (CSV), on the web page
        "title": title_of(annual),
        "publisher": PUBLISHER,
        "disclosure_rule": RULE,
        "score_bands": SCORE_BANDS,
        "reduced_bands": band_ranges(annual.figures.reduced_maximum or 1),
        "scale": {
            "standards": count_in_words(annual.figures.core_standards),
            "lowest": Rating.scored()[0],
            "highest": Rating.scored()[-1],
            "full": Rating.scored()[-1].points * annual.figures.core_standards,
            "reduced": annual.figures.reduced_maximum,
        },
        "id": id,
        "ratings_order": RATING_ORDER,
        "minimum_words": count_in_words(annual.figures.minimum_sample),
        "rated_samples": annual.figures.rated_samples,
        "minimum_sample": annual.figures.minimum_sample,
        # the samples rated apart from the score (resettlement), as their labels open a sentence
        "separately_rated": [annual.figures.sample_label(s) for s in annual.figures.profiled],
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


def images(annual: AnnualReport) -> list[PlacedImage]:
    """Every image the report's chapters place, in reading order."""
    return [p for c in annual.source.chapters for p in c.parts if isinstance(p, PlacedImage)]


def copy_images(annual: AnnualReport, folder: Path) -> None:
    """The images beside the web page, at the paths the chapters name them by."""
    for image in images(annual):
        if image.drawn is not None:  # a map drawn from the ratings: with the charts
            continue
        target = folder / image.path
        target.parent.mkdir(parents=True, exist_ok=True)
        # read as content is (never through a link), checked by the chapter's reader
        target.write_bytes(read_bytes(annual.source.folder / image.path))


def chart_files(annual: AnnualReport) -> dict[str, bytes]:
    """Every chart the report shows, as SVG files: file name to bytes."""
    drawn = {
        drawn_name(image.path): draw_map(image.drawn, map_ratings(annual.figures)).encode("utf-8")
        for image in images(annual)
        if image.drawn is not None
    }
    return {
        **{
            f"{chart.name}.svg": chart.svg.encode("utf-8")
            for chart in all_charts(chapters(annual, Notes("web")))
        },
        **drawn,
    }


def write_charts(annual: AnnualReport, folder: Path) -> list[Path]:
    """Every chart the report shows, as SVG files in `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, data in chart_files(annual).items():
        path = folder / name
        path.write_bytes(data)
        written.append(path)
    return written
