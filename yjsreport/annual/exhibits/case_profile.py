"""Exhibits of who the cases were: levels of risk and of safety and wellbeing, offence
and disposal types. Counts of children's cases, each under the disclosure rule."""

from __future__ import annotations

from typing import TYPE_CHECKING

from yjsreport.annual import charts
from yjsreport.annual.disclosure import ALL, COMBINED, LEVELS, MIN_BASE
from yjsreport.annual.exhibits.parts import (
    LEVEL_LABELS,
    Builder,
    Exhibit,
    ExhibitSpec,
    Table,
    count_table,
    count_text,
    in_order,
    label,
    num,
    share_text,
    th,
)
from yjsreport.rules.banding import printed_percent

if TYPE_CHECKING:
    from yjsreport.annual.model import AnnualFigures


def safety_by_risk(f: AnnualFigures, spec: ExhibitSpec) -> Exhibit:
    levels = LEVELS
    cells = f.cells.safety
    if not cells:
        return spec.nothing()
    body = []
    for rosh in levels:
        row = [th(LEVEL_LABELS[rosh], "row")]
        for sw in levels:
            cell = cells[(rosh, sw)]
            text = count_text(cell)
            if cell.shown is not None and cell.base:
                text += f" ({share_text(cell)})"
            row.append(num(text))
        row.append(num(count_text(cells[(rosh, ALL)])))
        body.append(row)
    both = cells[(COMBINED, COMBINED)]
    pct = printed_percent(both.shown, both.base) if both.shown is not None and both.base else None
    note = []
    if pct is not None:
        note.append(
            f"Of the children whose risk of serious harm to others was high or very high, "
            f"{pct} per cent also had high or very high concerns for their own safety and "
            "wellbeing."
        )
    table = Table(
        "Court and out-of-court cases: safety and wellbeing level (columns) by risk of serious "
        "harm level (rows), number of cases (share of the row)",
        [
            [
                th("Risk of serious harm"),
                *(
                    th(f"Safety and wellbeing: {LEVEL_LABELS[s].lower()}", numeric=True)
                    for s in levels
                ),
                th("Cases", numeric=True),
            ]
        ],
        body,
        note,
    )
    chart_rows = [
        (
            f"Risk of serious harm: {LEVEL_LABELS[rosh].lower()}",
            [cells[(rosh, sw)].shown or 0 for sw in levels],
        )
        for rosh in levels
        if all(cells[(rosh, sw)].shown is not None for sw in levels)
        and (cells[(rosh, ALL)].shown or 0) >= MIN_BASE
    ]
    if pct is not None:
        title = (
            f"{pct} per cent of children with a high or very high risk of serious harm to "
            "others also had high or very high concerns for their own safety and wellbeing"
        )
    else:
        title = "Safety and wellbeing levels by risk of serious harm"
    out_charts = []
    if chart_rows:
        out_charts.append(
            charts.part_bars(
                "safety-by-risk",
                title,
                [f"Safety and wellbeing: {LEVEL_LABELS[s].lower()}" for s in levels],
                chart_rows,
                "cases in the row",
            )
        )
        if len(chart_rows) < len(levels):
            note.append(
                "The chart leaves out rows with a hidden or withheld count; the table gives them."
            )
    return spec.made(out_charts, [table])


def by_attribute(attribute: str, what: str) -> Builder:
    """The builder of an exhibit of cases counted by one attribute (e.g. offence type)."""

    def build(f: AnnualFigures, spec: ExhibitSpec) -> Exhibit:
        return _attribute_exhibit(f, spec, attribute, what)

    return build


def _attribute_exhibit(f: AnnualFigures, spec: ExhibitSpec, attribute: str, what: str) -> Exhibit:
    tables = []
    for sample in f.case_samples:
        cells = f.cells.types.get((sample, attribute), {})
        if cells:
            tables.append(
                count_table(f"{f.sample_label(sample)} cases by {what.lower()}", what, cells)
            )
    if not tables:
        return spec.nothing()
    return spec.made([_attribute_chart(f, spec.id, attribute, what)], tables)


def _attribute_chart(f: AnnualFigures, chart_id: str, attribute: str, what: str) -> charts.Chart:
    """Counts by value, court and out-of-court side by side; a withheld count has no bar.
    Ordered and titled by published counts only."""
    samples = [s for s in f.case_samples if (s, attribute) in f.cells.types]
    cells = {s: f.cells.types[(s, attribute)] for s in samples}
    listed = {v for s in samples for v in in_order(cells[s])}
    values = sorted(
        listed, key=lambda v: (-sum(cells[s][v].shown or 0 for s in samples if v in cells[s]), v)
    )
    rows = []
    for v in values:
        row: list[tuple[float | None, str]] = []
        for s in samples:
            cell = cells[s].get(v)
            if cell is None:
                row.append((0.0, "0"))
            else:
                row.append((None if cell.shown is None else float(cell.shown), count_text(cell)))
        rows.append((label(v), row))
    # only published counts are compared: with any withheld, the title says so
    tops = {
        s: label(first).lower()
        for s in samples
        if (first := next((v for v in in_order(cells[s]) if cells[s][v].shown), None))
    }
    among = (
        " among the published counts"
        if any(c.shown is None for s in samples for c in cells[s].values())
        else ""
    )
    if len(set(tops.values())) == 1:
        title = (
            f"The most common {what.lower()}{among} was {next(iter(tops.values()))}, "
            + (
                f"among {' and '.join(f.sample_labels.get(s, s) for s in tops)} cases alike"
                if len(tops) > 1
                else ""
            )
        ).rstrip(", ")
    elif tops:
        title = f"The most common {what.lower()}{among} was " + " and ".join(
            f"{top} among {f.sample_labels.get(s, s)} cases" for s, top in tops.items()
        )
    else:
        title = f"Cases by {what.lower()}: every count withheld"
    return charts.grouped_bars(
        chart_id,
        title,
        [f"{f.sample_label(s)} cases" for s in samples],
        rows,
        "Number of cases",
        limit=None,
    )
