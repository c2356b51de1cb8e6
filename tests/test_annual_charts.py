"""The annual charts as drawn: words as SVG text, a row with nothing in it labelled
0 rather than left empty, whole-number axes for counts, and text alternatives that
say what the chart shows rather than repeat its caption."""

from __future__ import annotations

import re

from yjsreport.annual import charts
from yjsreport.rules.ratings import Rating


def _texts(svg: str) -> list[str]:
    return re.findall(r"<text[^>]*>([^<]*)</text>", svg)


def test_a_row_of_zeros_is_labelled_0_and_counts_are_whole_numbers() -> None:
    chart = charts.rating_bars(
        "zeros", "One service rated", [("2021/22", {Rating.GOOD: 3}), ("2022/23", {})], "services"
    )
    texts = _texts(chart.svg)
    assert " 0" in texts  # the empty row says 0
    ticks = [t for t in texts if re.fullmatch(r"[\d.]+", t)]
    assert ticks and all("." not in t for t in ticks), ticks
    parts = charts.part_bars(
        "levels", "Levels", ["Low", "High"], [("A", [2, 3]), ("B", [0, 0])], "cases"
    )
    assert " 0 cases" in _texts(parts.svg)


def test_chart_words_are_text_and_the_alternative_is_not_the_caption() -> None:
    title = "Most services were rated Good"
    chart = charts.rating_bars("t", title, [("2021/22", {Rating.GOOD: 3})], "services")
    assert "Number of services" in _texts(chart.svg) and "<path" in chart.svg
    assert 'id="DejaVuSans-' not in chart.svg  # no glyph outlines
    assert title not in chart.alt
    assert (
        chart.alt == "Bar chart of the number of services given each rating (Good), a bar for each "
        "of: 2021/22."
    )
