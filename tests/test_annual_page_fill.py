"""The annual PDF fills its pages: no page is left less than half full before a page
break a reader would not expect.

A page's fill is read from the written PDF: how far down its text area the lowest ink
reaches (charts are drawings, so the page is rendered), above the notes at its foot
(found by their numbers, "1.", at the left margin), as a share of the room the notes
leave. A page may end short only where the break is forced or a block that is never
split goes over whole: before a chapter, which starts a page; before a page of another
size (the landscape ratings matrix); and before a chart that, with the heading and
caption kept above it, is taller than the room the page had left.
"""

from __future__ import annotations

import itertools
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pikepdf
import pypdf
import pytest

from tests.conftest import ANNUAL_EXAMPLE
from tests.example_pdfs import AnnualPdf
from tests.pdf_tree import struct_elements

pytestmark = pytest.mark.pdf

MM = 72 / 25.4
TOP_MARGIN, FOOT_MARGIN, LEFT_MARGIN = 27 * MM, 22 * MM, 18 * MM  # print.css @page
CHAPTER_SIZE = 17  # a chapter's heading is 19pt; no other text is as large
MIN_FILL = 0.5
DPI = 50


@dataclass(frozen=True)
class Page:
    number: int  # from 1
    size: tuple[float, float]
    fill: float  # of the room the notes leave, from 0 to 1
    room: float  # the text area above the notes, in points
    opens_chapter: bool
    figure_foot: float | None  # how far below the text area's top the page's first
    # chart ends, where only a heading and caption stand above it


def _runs(page: pypdf.PageObject) -> list[tuple[float, float, float, str]]:
    """(type size, x, baseline height, text) of each run of text set in the page's own
    coordinates (a chart's words are drawn in the chart's, and are left out)."""
    found: list[tuple[float, float, float, str]] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if text.strip():
            found.append((size * tm[0] * cm[0], cm[4] + tm[4] * cm[0], cm[5] + tm[5] * cm[3], text))

    page.extract_text(visitor_text=visit)
    return found


def _ink_depth(pdf: Path, number: int, height: float, top: float, floor: float) -> float:
    """How far below `top` (points from the page's foot) ink reaches, above `floor`."""
    from PIL import Image

    stem = pdf.parent / f"{pdf.stem}-fill-{number}"
    subprocess.run(
        [
            *("pdftoppm", "-r", str(DPI), "-gray", "-png", "-singlefile"),
            *("-f", str(number), "-l", str(number), str(pdf), str(stem)),
        ],
        check=True,
    )
    with Image.open(stem.with_suffix(".png")) as image:
        scale = image.height / height
        area = image.convert("L").crop(
            (0, round((height - top) * scale), image.width, round((height - floor) * scale))
        )
        box = area.point(lambda v: 255 if v < 200 else 0).getbbox()
    return box[3] / scale if box else 0.0


def _first_figures(pdf: Path) -> dict[int, float]:
    """For each page (from 1), the foot of its first chart, in points below the page's
    top, from the tagged Figure's layout box (WeasyPrint writes it in CSS pixels)."""
    out: dict[int, float] = {}
    with pikepdf.open(pdf) as doc:
        index = {page.objgen: i for i, page in enumerate(doc.pages, start=1)}
        for element in struct_elements(doc):
            box = element.get("/A", {}).get("/BBox") if str(element.S) == "/Figure" else None
            if box is not None and "/Pg" in element:
                top, foot = sorted(float(v) * 0.75 for v in (box[1], box[3]))
                out.setdefault(index[element.Pg.objgen], foot if top < 140 + TOP_MARGIN else 0)
    return out


def pages(pdf: Path) -> list[Page]:
    figures = _first_figures(pdf)
    out = []
    for number, page in enumerate(pypdf.PdfReader(pdf).pages, start=1):
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        top, foot = height - TOP_MARGIN, FOOT_MARGIN
        runs = _runs(page)
        marks = [
            y
            for size, x, y, text in runs
            if size < 9.5 and re.fullmatch(r"\d+\.", text.strip()) and abs(x - LEFT_MARGIN) < 2
        ]
        floor = max(marks) + 16 if marks else foot  # the note rule above the first note
        depth = _ink_depth(pdf, number, height, top, floor)
        chart = figures.get(number)
        out.append(
            Page(
                number,
                (width, height),
                depth / (top - floor),
                top - floor,
                any(size >= CHAPTER_SIZE for size, _, _, _ in runs),
                chart - TOP_MARGIN if chart else None,
            )
        )
    return out


def short_pages(found: list[Page]) -> list[str]:
    """The pages left less than MIN_FILL full where nothing forced the break."""
    short = []
    for page, after in itertools.pairwise(found[1:]):  # never the cover
        if after.opens_chapter or after.size != page.size:
            continue  # a forced break: a chapter, or the landscape matrix
        if after.figure_foot and after.figure_foot > (1 - page.fill) * page.room:
            continue  # a chart, kept with its heading and caption, that could not fit
        if page.fill < MIN_FILL:
            short.append(f"page {page.number} is {page.fill:.0%} full")
    return short


@pytest.fixture(scope="module")
def annual_pages(annual_pdfs: dict[Path, list[AnnualPdf]], tmp_path_factory) -> list[Page]:  # type: ignore[no-untyped-def]
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    (made,) = annual_pdfs[ANNUAL_EXAMPLE]
    copy = tmp_path_factory.mktemp("fill") / made.path.name
    shutil.copy(made.path, copy)
    return pages(copy)


def test_no_page_of_the_annual_pdf_is_left_less_than_half_full(annual_pages: list[Page]) -> None:
    """Before the trend exhibits set each chart's table beside it in a row rather than
    float beside it, and drew those charts shorter, a page held one chart and its table
    and left the lower half blank (pages 16 and 31 of 44)."""
    assert len(annual_pages) > 30
    assert short_pages(annual_pages) == []
    checked = [p for p in annual_pages[1:-1] if p.fill >= MIN_FILL]
    assert len(checked) > len(annual_pages) / 2
