"""Charts of tables of statistics, placed in an annual report's prose with
`{{ chart stat.<table> }}`: the table's `chart:` says which kind.

A chart is drawn by the annual charts' own code (annual/charts.py), so it is kept
in the build cache, written beside the page and read by the privacy checks as every
other chart is. It is never shown alone: its caption is the table's title, with the
table's source as a note; its text alternative says what it draws and where its
figures are; and the table of its figures follows it, on the web page and in the PDF.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from markupsafe import Markup

from yjsreport.annual import charts
from yjsreport.annual.charts import Chart
from yjsreport.content.figures import StatTable
from yjsreport.figures.collect import FigureSet
from yjsreport.figures.references import SourceNote, stat_table
from yjsreport.figures.tables import note_mark, stat_table_html
from yjsreport.prose.notes import Notes
from yjsreport.prose.numbers import figure
from yjsreport.prose.references import ReferenceProblem
from yjsreport.render.wording import join_and


def chart_name(table_id: str) -> str:
    """The chart's file name (without .svg): apart from every exhibit's charts."""
    return f"stat-{table_id}"


def _numbers(table: StatTable) -> list[list[float]]:
    """Each row's figures (a table that asks for a chart holds numbers only: checked
    where it is read, content/figures.py)."""
    return [[float(c.value) for c in row.values] for row in table.rows]


def _percent(table: StatTable) -> bool:
    return all(table.unit_of(c) == "percent" for c in table.columns)


def _axis(table: StatTable) -> str:
    assert table.chart is not None
    if table.chart.axis:
        return table.chart.axis
    if table.chart.kind == "stacked-bars":
        return "Share of the total (%)"
    return "Share (%)" if _percent(table) else "Number"


def _in_words(axis: str) -> str:
    """An axis title inside a sentence: 'Share of children (%)' is 'share of children,
    in per cent'."""
    words = axis[0].lower() + axis[1:]
    words = words if words.startswith("the ") else f"the {words}"
    return words.removesuffix(" (%)") + ", in per cent" if words.endswith(" (%)") else words


def stat_chart(table: StatTable) -> Chart:
    """The chart a table asks for, captioned with the table's title."""
    assert table.chart is not None
    kind = table.chart.kind
    name, title, axis = chart_name(table.id), table.title, _axis(table)
    columns = [c.label for c in table.columns]
    rows = [r.label for r in table.rows]
    values = _numbers(table)
    if kind == "lines":
        alt = (
            f"Line chart of {_in_words(axis)}, from {columns[0]} to {columns[-1]}, a line "
            f"for each of: {join_and(rows)}."
        )
        return charts.value_lines(
            name,
            title,
            alt,
            columns,
            list(zip(rows, values, strict=True)),
            axis,
            percent=_percent(table),
        )
    if kind == "stacked-bars":
        chart = charts.part_bars(
            name,
            title,
            rows,
            [(column, [v[c] for v in values]) for c, column in enumerate(columns)],
            "the total",
            axis=axis,
            row_height=0.5 if len(columns) <= 6 else 0.32,  # a decade stays on a page
        )
        return dataclasses.replace(
            chart,
            alt=f"Bar chart of each of {join_and(columns)} split into {join_and(rows)}, "
            "each part as a share of its bar's total, written on the part where it is "
            "wide enough.",
        )
    shown = [
        (
            label,
            [
                (v, figure(cell.value, table.unit_of(col)))
                for v, cell, col in zip(row_values, row.values, table.columns, strict=True)
            ],
        )
        for label, row_values, row in zip(rows, values, table.rows, strict=True)
    ]
    top = max(v for row_values in values for v in row_values)
    return charts.grouped_bars(
        name, title, columns, shown, axis, limit=100 if _percent(table) and top <= 100 else None
    )


class StatCharts:
    """Places the charts of statistics in an annual report's prose, numbered with its
    other figures (`numbers`: figure key to number, in reading order, shared with the
    chapters' exhibits and images); `src` gives a chart's address for the page or PDF."""

    def __init__(self, numbers: dict[str, int], src: Callable[[str], str], web: bool) -> None:
        self.numbers = numbers
        self.src = src
        self.web = web
        self.placed: list[Chart] = []  # since the last `taken`, in reading order
        self.seen: set[str] = set()

    def place(self, table_id: str, figures: FigureSet) -> int:
        chart = stat_chart(stat_table(table_id, figures))
        if chart.name in self.seen:  # one figure, one place: its id and number are its own
            raise ReferenceProblem(
                f"{{{{ chart stat.{table_id} }}}} is placed twice in the report: a chart "
                "has one place; refer to it by its figure number elsewhere"
            )
        self.seen.add(chart.name)
        self.placed.append(chart)
        return self.numbers.setdefault(chart.name, len(self.numbers) + 1)

    def taken(self) -> tuple[Chart, ...]:
        """The charts placed since the last call."""
        placed, self.placed = tuple(self.placed), []
        return placed

    def html(self, table_id: str, number: int, figures: FigureSet, notes: Notes) -> Markup:
        """The chart as a figure (caption, source note, text alternative, a link to its
        table), then the table of its figures."""
        table = stat_table(table_id, figures)
        chart = stat_chart(table)
        src = self.src(chart.name)
        source = Markup("")
        if table.source is not None and table.source in figures.sources:
            cited = SourceNote(f"source:{table.source}", figures.sources[table.source])
            source = note_mark(notes, cited)
        out = [
            Markup('<figure class="chart statistics-chart" id="figure-{}">\n').format(chart.name),
            Markup("<figcaption><strong>Figure {}:</strong> {}{}</figcaption>\n").format(
                number, chart.title, source
            ),
            Markup('<img src="{}" alt="{} Its figures are in the table after it.">\n').format(
                src, chart.alt
            ),
            Markup(
                '<p class="chart-data">Figures in <a href="#stat-{}">the table after it</a>.</p>\n'
            ).format(table.id),
        ]
        if self.web:
            out.append(
                Markup(
                    '<p class="chart-open"><a href="{}">Open figure {} on its own, to enlarge '
                    "it</a></p>\n"
                ).format(src, number)
            )
        out.append(Markup("</figure>\n"))
        # in a region of its own, as an exhibit's table is: a narrow window scrolls the
        # table, never the page (the site's script makes it a tab stop where it scrolls)
        out.append(
            Markup(
                '<div class="table-scroll" role="region" aria-label="Figures of figure {}" '
                'tabindex="0">\n{}</div>\n'
            ).format(number, stat_table_html(table, figures, notes, of_figure=number))
        )
        return Markup("").join(out)
