"""The key-question banding table in the annual report: the same table, cell for cell,
as every report's methodology prints, made from the one definition of the bands
(rules/banding.py) through the one description of the table (render/methodology.py)."""

from __future__ import annotations

import lxml.html
import pytest

from tests.conftest import ROOT, TEMPLATES
from yjsreport.annual.render import render_annual
from yjsreport.annual.site import load_annuals
from yjsreport.project import load_reports
from yjsreport.render.methodology import banding_table
from yjsreport.render.report import render_article
from yjsreport.rules.banding import BANDS

EXAMPLE = ROOT / "examples" / "annual" / "content"


def _cells(table: lxml.html.HtmlElement) -> list[list[str]]:
    """Every row of a table, head and body, as the text of its cells."""
    return [
        [" ".join(c.text_content().split()) for c in row.xpath("./th | ./td")]
        for row in table.xpath(".//tr")
    ]


@pytest.fixture(scope="module")
def pages() -> tuple[lxml.html.HtmlElement, lxml.html.HtmlElement]:
    reports = load_reports(EXAMPLE)
    (annual,) = load_annuals(EXAMPLE, reports, drafts=False)
    caption = banding_table().caption
    single = next(
        page
        for report in reports
        if caption in (html := render_article(report, TEMPLATES))
        for page in [lxml.html.fromstring(html)]
    )
    return single, lxml.html.fromstring(render_annual(annual, TEMPLATES))


def test_the_banding_exhibit_is_the_methodologys_table_cell_for_cell(
    pages: tuple[lxml.html.HtmlElement, lxml.html.HtmlElement],
) -> None:
    single, annual = pages
    caption = banding_table().caption
    (method,) = single.xpath(f"//table[caption[normalize-space(.)='{caption}']]")
    (section,) = annual.xpath("//section[@aria-labelledby='exhibit-banding']")
    (exhibit,) = section.xpath(".//table")
    assert _cells(exhibit) == _cells(method)
    # its caption is the methodology's, numbered as the annual report's tables are
    assert " ".join(exhibit.xpath("./caption")[0].text_content().split()).endswith(f": {caption}")
    # a row for each band, lowest first, its range and rating from the rules' bands
    rows = _cells(exhibit)[1:]
    assert len(rows) == len(BANDS)
    for row, band in zip(rows, sorted(BANDS, key=lambda b: b.floor), strict=True):
        assert row[0].startswith(f"{band.label}: ") and row[1].endswith(band.rating.value)
    assert rows[0][0].endswith(f"under {sorted(b.floor for b in BANDS)[1]}%")


def test_the_example_places_the_banding_table_in_its_court_chapter(
    pages: tuple[lxml.html.HtmlElement, lxml.html.HtmlElement],
) -> None:
    _, annual = pages
    (section,) = annual.xpath("//section[@aria-labelledby='exhibit-banding']")
    assert section.xpath("./h3")[0].text_content() == "How key questions set a standard’s rating"
    chapter = section.getparent()
    assert "court" in chapter.xpath("./h2")[0].text_content()
    # placed in the prose, after the sentence that introduces it
    assert section.getprevious().tag == "p"
    assert "banded as follows" in section.getprevious().text_content()
