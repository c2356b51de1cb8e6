"""The map of the services is drawn from the ratings: the author gives the land and
each service's position; every marker on the published drawing is read back here
and compared with the ratings matrix as the page prints it."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import lxml.etree
import lxml.html
import pytest

from tests.conftest import ROOT, TEMPLATES
from yjsreport.annual.map_source import read_map
from yjsreport.annual.model import AnnualReport
from yjsreport.annual.render import chart_files, render_annual
from yjsreport.annual.services_map import position_problems
from yjsreport.annual.site import load_annuals
from yjsreport.errors import ContentError
from yjsreport.project import load_reports

CONTENT = ROOT / "examples" / "annual" / "content"
NS = {"svg": "http://www.w3.org/2000/svg"}
# the matrix's symbol for each rating, and the shape a marker of it must have
SHAPES = {
    "★": ("polygon", 10, "filled"),
    "●": ("circle", 0, "filled"),
    "▲": ("polygon", 3, "filled"),
    "■": ("polygon", 4, "filled"),
    "○": ("circle", 0, "open"),
}


@pytest.fixture(scope="module")
def annual() -> AnnualReport:
    return load_annuals(CONTENT, load_reports(CONTENT), drafts=False)[0]


def _shape(group: lxml.etree._Element) -> tuple[str, int, str]:
    (shape,) = group.xpath("./svg:polygon | ./svg:circle", namespaces=NS)
    points = len(shape.get("points", "").split())
    return (
        lxml.etree.QName(shape).localname,
        points,
        "open" if shape.get("fill") == "#ffffff" else "filled",
    )


def _matrix(annual: AnnualReport) -> dict[str, tuple[str, str]]:
    """Each service's overall rating as the page's ratings matrix prints it: its
    words and its symbol, at the service's latest inspection."""
    page = lxml.html.fromstring(render_annual(annual, TEMPLATES))
    (table,) = page.xpath("//section[@aria-labelledby='exhibit-ratings-matrix']//table")
    latest: dict[str, tuple[dt.date, tuple[str, str]]] = {}
    for row in table.xpath("./tbody/tr"):
        # 'Brindleholme YOS (reinspection)': the service's short name, then what it was
        name = row.xpath("./th")[0].text_content().split(" (")[0].strip()
        cells = row.xpath("./td")
        published = dt.datetime.strptime(cells[0].text_content().strip(), "%d/%m/%Y").date()
        overall = cells[2]
        rating = (
            overall.xpath(".//*[@class='visually-hidden']")[0].text_content(),
            overall.xpath(".//*[@class='rating-symbol']")[0].text_content(),
        )
        if name not in latest or published > latest[name][0]:
            latest[name] = (published, rating)
    return {name: rating for name, (_, rating) in latest.items()}


def test_each_service_is_marked_once_by_its_rating_in_the_matrix(annual: AnnualReport) -> None:
    drawing = lxml.etree.fromstring(chart_files(annual)["services-map.svg"])
    key = {
        entry.xpath("./svg:text", namespaces=NS)[0].text: _shape(entry)
        for entry in drawing.xpath("//svg:g[@class='key-entry']", namespaces=NS)
    }
    markers = drawing.xpath("//svg:g[@class='marker']", namespaces=NS)
    matrix = _matrix(annual)
    marked = [m.get("data-service") for m in markers]
    assert sorted(marked) == sorted(matrix)  # one marker for each service, none other
    assert len(marked) == 33
    for group in markers:
        words, symbol = matrix[group.get("data-service")]
        assert _shape(group) == SHAPES[symbol] == key[words], group.get("data-service")
    assert set(key) == {words for words, _ in matrix.values()}  # the key: the ratings shown
    assert len({_shape(m) for m in markers}) == 4  # four ratings in the period, four shapes


def test_the_map_is_placed_as_a_figure_and_drawn_the_same_every_time(
    annual: AnnualReport,
) -> None:
    page = lxml.html.fromstring(render_annual(annual, TEMPLATES))
    (image,) = page.xpath("//figure/img[@src='charts/services-map.svg']")
    assert image.get("alt").startswith("A map of the 33 services inspected")
    again = load_annuals(CONTENT, load_reports(CONTENT), drafts=False)[0]
    assert chart_files(again)["services-map.svg"] == chart_files(annual)["services-map.svg"]
    base = (CONTENT / "annual" / "2022" / "images" / "base-map.svg").read_text(encoding="utf-8")
    assert "<polygon" in base and "marker" not in base  # the author's land carries no rating


BASE = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 50">'
    '<rect width="100" height="50"/></svg>'
)


@pytest.mark.parametrize(
    ("base", "positions", "expected"),
    [
        (
            BASE,
            "  A YOS: [120, 10]",
            "map.yaml:5:3: positions: A YOS: [120, 10] is outside the base drawing's "
            "viewBox (0 0 100 50)",
        ),
        (BASE, "  A YOS: [10]", "map.yaml:5:3: positions: A YOS: expected [x, y]"),
        (
            '<svg xmlns="http://www.w3.org/2000/svg"><rect width="1" height="1"/></svg>',
            "  A YOS: [1, 1]",
            "base.svg:1:1: expected a viewBox on the <svg> element",
        ),
        ("<html><body/></html>", "  A YOS: [1, 1]", "base.svg:1:1: expected an SVG drawing"),
        (
            "<svg viewBox='0 0 1 1'",
            "  A YOS: [1, 1]",
            "base.svg:1:1: expected an SVG drawing: unclosed token",
        ),
        (
            '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 9 9">\n'
            "<script>x()</script></svg>",
            "  A YOS: [1, 1]",
            "base.svg:2:1: a <script> element is not allowed",
        ),
        (
            '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 9 9">\n'
            '<image href="https://example.org/land.png"/></svg>',
            "  A YOS: [1, 1]",
            "base.svg:1:1: <image>: the base drawing must be self-contained",
        ),
        (
            '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 9 9">\n'
            '<rect style="fill: url(https://example.org/a)"/></svg>',
            "  A YOS: [1, 1]",
            "base.svg:2:20: the base drawing must be self-contained",
        ),
        (
            '<!-- <svg viewBox="0 0 1 1"> -->\n'
            '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 9 9"><rect/></svg>',
            "  A YOS: [1, 1]",
            "base.svg:1:1: expected the <svg> element to open the file",
        ),
        (
            '<!DOCTYPE svg [<!ENTITY a "aa">]><svg xmlns="http://www.w3.org/2000/svg" '
            'viewBox="0 0 9 9"/>',
            "  A YOS: [1, 1]",
            "base.svg:1:1: expected an SVG drawing with no DOCTYPE or entity",
        ),
    ],
)
def test_a_bad_map_is_named_with_its_file_line_and_column(
    tmp_path: Path, base: str, positions: str, expected: str
) -> None:
    (tmp_path / "base.svg").write_text(base, encoding="utf-8")
    (tmp_path / "map.yaml").write_text(
        f"# the land and the services\n\nbase: base.svg\npositions:\n{positions}\n",
        encoding="utf-8",
    )
    source, problems = read_map(tmp_path / "map.yaml", tmp_path)
    shown = [f"{p.path.name}:{p.line}:{p.column}: {p.message}" for p in problems]
    assert source is None
    assert any(s.startswith(expected) for s in shown), shown


def test_a_base_that_is_not_an_svg_is_refused(tmp_path: Path) -> None:
    (tmp_path / "land.png").write_bytes(b"\x89PNG")
    (tmp_path / "map.yaml").write_text(
        "base: land.png\npositions:\n  A YOS: [1, 1]\n", encoding="utf-8"
    )
    _, problems = read_map(tmp_path / "map.yaml", tmp_path)
    assert [(p.line, p.column, p.message) for p in problems] == [
        (1, 7, f"base: expected an SVG file in {tmp_path.name}/; got 'land.png'")
    ]


def test_every_service_of_the_period_has_a_position_and_a_misspelling_is_named(
    tmp_path: Path,
) -> None:
    (tmp_path / "base.svg").write_text(BASE, encoding="utf-8")
    (tmp_path / "map.yaml").write_text(
        "base: base.svg\npositions:\n  A YOS: [1, 1]\n  Z YOT: [2, 2]\n", encoding="utf-8"
    )
    source, problems = read_map(tmp_path / "map.yaml", tmp_path)
    assert source is not None and not problems
    found = position_problems(source, ["A YOS", "B YJS", "C YOS"])
    assert [(p.line, p.column, p.message) for p in found] == [
        (
            4,
            3,
            "positions: Z YOT: no service of the period has this short name; the services "
            "with no position are B YJS and C YOS",
        ),
        (
            2,
            1,
            "positions: no position for B YJS and C YOS: every service of the period is "
            "marked on the map, so that it shows what the ratings matrix counts",
        ),
    ]
    # with every service of the period placed, a position for another service (one
    # positions file serving several years) is not drawn and not refused
    assert position_problems(source, ["A YOS"]) == []


def test_the_check_refuses_a_map_that_leaves_a_service_off(tmp_path: Path) -> None:
    """The positions are checked against the period's services when the report loads,
    so `check` and `build` stop before anything is written."""
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    positions = content / "annual" / "2022" / "map.yaml"
    lines = positions.read_text(encoding="utf-8").splitlines(keepends=True)
    left = next(i for i, line in enumerate(lines) if line.startswith("  Tamberworth YOS:"))
    lines[left] = "  Tamberworth Vale YOS: [300, 300]\n"
    positions.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(ContentError) as raised:
        load_annuals(content, load_reports(content), drafts=False)
    shown = [f"{p.path.name}:{p.line}:{p.column}: {p.message}" for p in raised.value.problems]
    assert f"map.yaml:{left + 1}:3: positions: Tamberworth Vale YOS: no service of the period" in (
        "\n".join(shown)
    )
    assert "map.yaml:4:1: positions: no position for Tamberworth YOS: every service" in (
        "\n".join(shown)
    )


def test_a_base_that_is_no_ordinary_file_is_named_for_what_it_is(tmp_path: Path) -> None:
    """A pipe (or a link) in the base's place is said to be one, without opening it."""
    os.mkfifo(tmp_path / "land.svg")
    (tmp_path / "map.yaml").write_text(
        "base: land.svg\npositions:\n  A YOS: [1, 1]\n", encoding="utf-8"
    )
    _, problems = read_map(tmp_path / "map.yaml", tmp_path)
    assert [(p.path.name, p.message) for p in problems] == [
        (
            "land.svg",
            "is a named pipe (FIFO), not an ordinary file; content must be in ordinary files",
        )
    ]
