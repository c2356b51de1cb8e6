"""Charts drawn from tables of statistics (the published annual report's figures of
children cautioned or sentenced by ethnicity and by sex): a table asks for its chart
in figures.yaml, the prose places it with {{ chart stat.<table> }}, and the page and
the PDF show it with its caption, source note, text alternative and the table of its
figures. Bad input is named with its file, line and column; the drawings carry no
second title, and the same content gives the same bytes."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import lxml.html
import pytest

from tests.conftest import ANNUAL_EXAMPLE, CONTENT, TEMPLATES, edit, line_of
from tests.disclosure_audit import chart_bar_values, chart_marks
from tests.example_pdfs import AnnualPdf
from yjsreport.annual import charts
from yjsreport.annual.model import AnnualReport
from yjsreport.annual.references import resolve_annual
from yjsreport.annual.render import all_charts, chapters, chart_files, render_annual
from yjsreport.annual.site import load_annuals
from yjsreport.annual.stat_charts import StatCharts
from yjsreport.content.figures import StatTable, read_figures
from yjsreport.errors import ContentError
from yjsreport.figures.collect import FigureSet
from yjsreport.project import load_reports
from yjsreport.prose.markdown import Source, render
from yjsreport.prose.notes import Notes

CHARTED = {
    "by-ethnicity": "Children cautioned or sentenced by ethnicity, years ending March 2012 to 2022",
    "by-sex": "Children cautioned or sentenced by sex, years ending March 2012 to 2022",
}


@pytest.fixture(scope="module")
def annual() -> AnnualReport:
    return load_annuals(ANNUAL_EXAMPLE, load_reports(ANNUAL_EXAMPLE, drafts=True), drafts=True)[0]


@pytest.fixture(scope="module")
def page(annual: AnnualReport) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(render_annual(annual, TEMPLATES, "web"))


def _table(annual: AnnualReport, table_id: str) -> StatTable:
    found = annual.quoted.table(table_id)
    assert found is not None
    return found


def _texts(svg: str) -> list[str]:
    return re.findall(r"<text[^>]*>([^<]*)</text>", svg)


# -- on the page ----------------------------------------------------------------------


@pytest.mark.parametrize("table_id", sorted(CHARTED))
def test_the_chart_is_a_figure_with_caption_source_alt_and_its_table_after_it(
    page: lxml.html.HtmlElement, table_id: str
) -> None:
    title = CHARTED[table_id]
    figure = page.get_element_by_id(f"figure-stat-{table_id}")
    assert figure.tag == "figure"
    (caption,) = figure.xpath("./figcaption")
    number = re.fullmatch(rf"Figure (\d+): {re.escape(title)}\d+", caption.text_content())
    assert number is not None, caption.text_content()
    # the table's source, as a note whose text names the Youth Justice Board
    (note_ref,) = caption.xpath(".//sup[@class='note-ref']/a/@href")
    note = page.get_element_by_id(note_ref.lstrip("#"))
    assert "Youth Justice Board (2023). Youth justice statistics" in note.text_content()
    (img,) = figure.xpath("./img")
    assert img.get("src") == f"charts/stat-{table_id}.svg"
    alt = img.get("alt")
    assert title not in alt and title.split(",")[0] not in alt  # not the caption again
    assert alt.startswith(("Line chart of", "Bar chart of"))
    assert alt.endswith("Its figures are in the table after it.")
    assert figure.xpath("./p[@class='chart-data']/a/@href") == [f"#stat-{table_id}"]
    # the table of its figures comes straight after it, saying whose figures they are,
    # in a region that scrolls on a narrow screen rather than the page
    region = figure.getnext()
    assert region.get("class") == "table-scroll" and region.get("role") == "region"
    assert region.get("aria-label") == f"Figures of figure {number[1]}"
    (table,) = region.xpath("./table")
    assert table.get("id") == f"stat-{table_id}"
    assert table.xpath("./caption")[0].text_content() == (
        f"{title}: the figures of figure {number[1]}"
    )
    assert table.xpath("./thead/tr/th/text()")[1:3] == ["2012", "2013"]


def test_every_note_goes_back_to_its_call(page: lxml.html.HtmlElement) -> None:
    """The source is a note of the chart's caption alone: the table after it makes no
    second note, which would have no call on the page to go back to."""
    ids = set(page.xpath("//@id"))
    backs = page.xpath("//a[starts-with(@href, '#note-ref-')]/@href")
    # a note per source (a source cited again cites its note again): the example's three
    assert len(backs) == len(set(backs)) >= 3
    assert [b for b in backs if b[1:] not in ids] == []


def test_the_charts_are_numbered_in_reading_order_with_every_other_figure(
    page: lxml.html.HtmlElement,
) -> None:
    captions = [c.text_content() for c in page.xpath("//figure/figcaption")]
    numbers = [int(re.match(r"Figure (\d+):", c)[1]) for c in captions]  # type: ignore[index]
    assert numbers == list(range(1, len(numbers) + 1))
    placed = [c for c in captions if any(t in c for t in CHARTED.values())]
    assert len(placed) == 2


def test_the_charts_sit_in_the_chapter_where_the_prose_places_them(
    page: lxml.html.HtmlElement,
) -> None:
    (chapter,) = page.xpath("//section[@aria-labelledby='involvement']")
    order = [e.get("id") or e.xpath("string(./table/@id)") for e in chapter.xpath("./*")]
    ethnicity = order.index("figure-stat-by-ethnicity")
    sex = order.index("figure-stat-by-sex")
    assert order[ethnicity + 1] == "stat-by-ethnicity" and order[sex + 1] == "stat-by-sex"
    assert ethnicity < sex
    # the paragraph before each quotes figures of the table it introduces
    before = chapter.xpath("./*")[ethnicity - 1].text_content()
    assert "15 per cent" in before and "69 per cent" in before


# -- the drawings ---------------------------------------------------------------------


def test_the_lines_read_back_as_the_tables_figures(annual: AnnualReport) -> None:
    table = _table(annual, "by-ethnicity")
    svg = chart_files(annual)["stat-by-ethnicity.svg"].decode("utf-8")
    marks = chart_marks(svg)
    assert marks.y_numeric and not marks.bars
    drawn = [[round(y, 1) for _, y in line] for line in marks.lines]
    assert drawn == [[float(c.value) for c in row.values] for row in table.rows]
    texts = _texts(svg)
    assert {r.label for r in table.rows} <= set(texts)  # every series in the key
    assert {c.label for c in table.columns} <= set(texts)  # every year on the axis


def test_the_stacked_bars_read_back_as_each_years_shares(annual: AnnualReport) -> None:
    table = _table(annual, "by-sex")
    svg = chart_files(annual)["stat-by-sex.svg"].decode("utf-8")
    drawn = chart_bar_values(svg)
    expected = [float(c.value) for row in table.rows for c in row.values]
    assert len(drawn) == len(expected) == 22  # no bar left out, none empty
    assert sorted(round(v, 1) for v in drawn) == sorted(expected)
    assert all(v > 0 for v in drawn)
    assert {"Boys", "Girls", "86%", "14%"} <= set(_texts(svg))


def test_no_chart_repeats_its_caption_inside_the_drawing(annual: AnnualReport) -> None:
    """The caption is printed once, outside the drawing; every chart's words are text."""
    every = all_charts(chapters(annual, Notes("web")))
    assert len(every) >= 20
    for chart in every:
        svg = chart.svg
        words = " ".join(_texts(svg))
        assert chart.title not in words, chart.name
        assert chart.title.split(":")[0] not in _texts(svg), chart.name
        assert "<text" in svg and 'id="DejaVuSans-' not in svg, chart.name


def test_two_builds_give_the_same_bytes(annual: AnnualReport) -> None:
    kept = charts.kept_drawings()
    try:
        charts.forget()
        first = chart_files(annual)
        page = render_annual(annual, TEMPLATES, "web")
        charts.forget()
        assert chart_files(annual) == first
        assert render_annual(annual, TEMPLATES, "web") == page
    finally:
        charts.keep_drawings(kept)
    assert first["stat-by-ethnicity.svg"] and first["stat-by-sex.svg"]


# -- bad input ------------------------------------------------------------------------


def _figures_file(tmp_path: Path, chart: str, columns: str, values: str) -> list[str]:
    path = tmp_path / "figures.yaml"
    path.write_text(
        "statistics:\n"
        "  - id: girls\n"
        "    title: Girls cautioned or sentenced\n"
        f"    chart: {chart}\n"
        f"    columns: {columns}\n"
        "    rows:\n"
        f"      - {{label: Girls, values: {values}}}\n",
        encoding="utf-8",
    )
    figures, problems = read_figures(path)
    assert figures is None
    return [f"{p.line}:{p.column}: {p.message}" for p in problems]


@pytest.mark.parametrize(
    ("chart", "columns", "values", "expected"),
    [
        (
            "{kind: pie}",
            "['2021', '2022']",
            "[14, 15]",
            "4:19: statistics[1].chart.kind: expected 'lines', 'stacked-bars' or 'bars'; got 'pie'",
        ),
        (
            "{kind: lines}",
            "['2021', '2022']",
            "['<5', 15]",
            "7:33: table 'girls' asks for a chart, but row 'girls' holds '<5', which is not "
            "a number: a chart draws numbers only",
        ),
        (
            "{kind: lines}",
            "['2022']",
            "[15]",
            "4:19: table 'girls' has one column, and a chart of lines needs at least two",
        ),
        (
            "{kind: bars}",
            "['2021', '2022']",
            "[-2, 15]",
            "7:33: table 'girls': row 'girls' holds -2, below zero, which a bar cannot show",
        ),
        (
            "{kind: stacked-bars}",
            "['2021', '2022']",
            "[0, 15]",
            "5:15: table 'girls': column '2021' adds up to 0, so its stacked bar would be empty",
        ),
    ],
)
def test_a_chart_that_cannot_be_drawn_is_named_where_it_is_written(
    tmp_path: Path, chart: str, columns: str, values: str, expected: str
) -> None:
    (problem,) = _figures_file(tmp_path, chart, columns, values)
    assert problem.startswith(expected), problem


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "{{ chart stat.nope }}",
            "3:1: no table of statistics 'nope': expected one of caseload, custody, ",
        ),
        (
            "{{ chart stat.caseload }}",
            "3:1: table 'caseload' asks for no chart: add chart: {kind: lines}",
        ),
        ("{{ chart survey.staff }}", "3:1: {{ chart survey.staff }}: expected chart stat.<table>"),
        (
            "{{ chart stat.by-sex }}\n\n{{ chart stat.by-sex }}",
            "5:1: {{ chart stat.by-sex }} is placed twice in the report: a chart has one place",
        ),
        (
            "See {{ chart stat.by-sex }}",
            "3:5: {{ chart stat.by-sex }} prints a chart: put it on a line of its own",
        ),
    ],
)
def test_a_bad_chart_reference_is_named_with_its_line_and_column(
    annual: AnnualReport, line: str, expected: str
) -> None:
    path = ANNUAL_EXAMPLE / "annual" / "2022" / "chapters" / "07-involvement.md"
    with pytest.raises(ContentError) as caught:
        render(
            Source(f"Some prose.\n\n{line}\n", path, 1),
            annual.figures,  # type: ignore[arg-type]
            base_level=2,
            doc_id="chart",
            resolver=resolve_annual,
            figures=annual.quoted,
            charts=StatCharts({}, str, web=True),
        )
    (problem,) = caught.value.problems
    assert problem.path == path
    assert f"{problem.line}:{problem.column}: {problem.message}".startswith(expected), problem


def test_a_single_report_is_told_to_place_the_table(annual: AnnualReport) -> None:
    """Single reports draw no charts: a chart asked there is refused with what to write."""
    report = load_reports(CONTENT, drafts=True)[0]
    path = CONTENT / "inspections" / report.slug / "report" / "background.md"
    with pytest.raises(ContentError) as caught:
        render(
            Source("Prose.\n\n{{ chart stat.by-sex }}\n", path, 1),
            report.result,
            base_level=2,
            doc_id="single",
            figures=FigureSet(annual.quoted.sources, (_table(annual, "by-sex"),)),
        )
    (problem,) = caught.value.problems
    assert (problem.line, problem.column) == (3, 1)
    assert problem.message == (
        "{{ chart stat.by-sex }}: charts of statistics are drawn in annual reports only; "
        "here, place the table: {{ table stat.by-sex }}"
    )


# -- in print -------------------------------------------------------------------------


@pytest.mark.pdf
def test_the_pdf_prints_each_chart_with_caption_source_and_table(
    annual: AnnualReport, annual_pdfs: dict[Path, list[AnnualPdf]]
) -> None:
    (made,) = [a for a in annual_pdfs[ANNUAL_EXAMPLE] if a.annual.year == annual.year]
    text = subprocess.run(
        ["pdftotext", "-layout", str(made.path), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    flat = " ".join(text.split())
    for title in CHARTED.values():
        found = re.search(rf"Figure (\d+): {re.escape(title)}", flat)
        assert found is not None, title
        assert f"{title}: the figures of figure {found[1]}" in flat
        # the drawing's own words are text in the PDF, the caption is not repeated
        assert flat.count(title) == 2
    assert "Share of children cautioned or sentenced (%)" in flat
    assert "Mixed ethnicity" in flat and "Other ethnic group" in flat
    assert "Youth Justice Board (2023). Youth justice statistics: 2021 to 2022" in flat
    html = lxml.html.fromstring(made.html)
    for table_id in CHARTED:
        alt = html.get_element_by_id(f"figure-stat-{table_id}").xpath("./img/@alt")[0]
        assert alt.endswith("Its figures are in the table after it.")


def test_a_single_reports_context_file_is_checked_the_same_way(tmp_path: Path) -> None:
    """context.yaml holds the same tables: a chart over one column is named there too."""
    from yjsreport.content.inspection import load_inspection
    from yjsreport.framework.load import load_frameworks

    folder = tmp_path / "brackenmoor-2022"
    shutil.copytree(CONTENT / "inspections" / "brackenmoor-2022", folder)
    context = folder / "context.yaml"
    edit(
        context,
        "    unit: percent\n    columns: [Share of neighbourhoods]",
        ("    unit: percent\n    chart: {kind: lines}\n    columns: [Share of neighbourhoods]"),
    )
    with pytest.raises(ContentError) as caught:
        load_inspection(folder, load_frameworks(CONTENT / "frameworks"))
    (problem,) = caught.value.problems
    assert (problem.path, problem.line, problem.column) == (
        context,
        line_of(context, "chart: {kind: lines}"),
        19,
    )
    assert problem.message.startswith(
        "table 'deprivation' has one column, and a chart of lines needs at least two"
    )


def test_bars_draw_each_figure_and_label_a_zero_rather_than_leave_it_empty() -> None:
    from yjsreport.annual.stat_charts import stat_chart

    table = StatTable.model_validate(
        {
            "id": "spoken",
            "title": "Children and parents spoken to",
            "chart": {"kind": "bars"},
            "columns": ["2021", "2022"],
            "rows": [
                {"label": "Children", "values": [5, 7]},
                {"label": "Parents or carers", "values": [0, 3]},
            ],
        }
    )
    chart = stat_chart(table)
    assert chart.alt == (
        "Bar chart of the number, 2021 and 2022 side by side, for each of: Children and "
        "Parents or carers."
    )
    drawn = chart_bar_values(chart.svg)
    assert sorted(v for v in drawn if v) == [3.0, 5.0, 7.0]
    assert {"0", "3", "5", "7", "Number"} <= set(_texts(chart.svg))
