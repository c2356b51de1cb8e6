"""Exhibits of trends over years: earlier years from their published figures
(annual/history.py), the current year from its inspections. Each table names the
source of every earlier year and the framework of every key-question figure."""

from __future__ import annotations

from itertools import groupby
from typing import TYPE_CHECKING

from yjsreport.annual import charts
from yjsreport.annual.exhibits.parts import (
    Cell,
    Exhibit,
    ExhibitSpec,
    Table,
    dist_row,
    good_or_better,
    num,
    rating_head,
    th,
)
from yjsreport.annual.trends import RatingsYear
from yjsreport.prose.numbers import count_in_words
from yjsreport.rules.banding import printed_percent

if TYPE_CHECKING:
    from yjsreport.annual.model import AnnualFigures

THIS_YEAR = "this report's inspections"


def _sources(rows: tuple[RatingsYear, ...]) -> list[str]:
    return [f"{r.label}: {r.source}." for r in rows if r.source is not None] + [
        f"{rows[-1].label}: {THIS_YEAR}."
    ]


def _ratings_rows(rows: tuple[RatingsYear, ...]) -> list[list[Cell]]:
    body = []
    for r in rows:
        good, rated = good_or_better(r.counts)
        share = f"{printed_percent(good, rated)}%" if rated else "—"
        body.append([*dist_row(r.label, r.counts), num(share)])
    return body


def trend_overall(f: AnnualFigures, spec: ExhibitSpec) -> Exhibit:
    rows = f.trend_overall
    if len(rows) < 2:
        return spec.nothing()
    first, last = rows[0], rows[-1]
    g0, r0 = good_or_better(first.counts)
    g1, r1 = good_or_better(last.counts)
    title = (
        f"Services rated ‘Good’ or ‘Outstanding’ overall: {printed_percent(g0, r0)} per cent "
        f"in {first.label}, {printed_percent(g1, r1)} per cent in {last.label}"
    )
    chart = charts.rating_bars(spec.id, title, [(r.label, r.counts) for r in rows], "services")
    table = Table(
        f"Overall ratings by reporting year, {first.label} to {last.label} (services)",
        [[th("Year"), *rating_head(), th("‘Good’ or better", numeric=True)]],
        _ratings_rows(rows),
        ["Sources: " + " ".join(_sources(rows))],
    )
    return spec.made([chart], [table], heading=f"{spec.title}, {first.label} to {last.label}")


def trend_standards(f: AnnualFigures, spec: ExhibitSpec) -> Exhibit:
    out_charts, tables = [], []
    titles = {sid: t for row in f.matrix for sid, t in row.titles.items()}
    for sid, rows in f.trend_standards.items():
        if len(rows) < 2:
            continue
        name = f"{sid} {titles.get(sid, '')}".strip()
        g1, r1 = good_or_better(rows[-1].counts)
        title = (
            f"{name}: {count_in_words(g1)} of {count_in_words(r1)} services rated ‘Good’ or "
            f"‘Outstanding’ in {rows[-1].label}"
        )
        chart_name = f"{spec.id}-{sid.replace('.', '-')}"
        out_charts.append(
            charts.rating_bars(
                chart_name,
                title,
                [(r.label, r.counts) for r in rows],
                "services",
            )
        )
        tables.append(
            Table(
                f"Ratings of {name} by reporting year (services)",
                [[th("Year"), *rating_head(), th("‘Good’ or better", numeric=True)]],
                _ratings_rows(rows),
                ["Sources: " + " ".join(_sources(rows))],
                chart=chart_name,
            )
        )
    if not tables:
        return spec.nothing()
    return spec.made(out_charts, tables)


def trend_key_questions(f: AnnualFigures, spec: ExhibitSpec) -> Exhibit:
    """The key questions over the years, a chart and table per standard: of every sample,
    or of the one sample a chapter names (`trend-key-questions:court`), so that the court
    and the out-of-court trends are each placed in their own chapter, as the published
    report places them. The heading takes the sample's label from the framework file."""
    if spec.param is None:
        return _trend_key_questions(f, spec.worded(sample=""), None)
    sample = f.sample_labels.get(spec.param, spec.param)
    return _trend_key_questions(f, spec.worded(sample=f"{sample} "), spec.param)


def _trend_key_questions(f: AnnualFigures, spec: ExhibitSpec, sample_: str | None) -> Exhibit:
    tables = []
    out_charts: list[charts.Chart] = []
    questions = [t for t in f.trend_questions if sample_ in (None, t.sample)]
    for (standard, _), group in groupby(questions, key=lambda t: (t.standard, t.sample)):
        trends = list(group)
        labels = sorted({y.label for t in trends for y in t.years})
        head = [
            th("Year"),
            *(
                th(f"{t.id} {charts.ASPECT_LABELS.get(t.aspect, t.aspect)}", numeric=True)
                for t in trends
            ),
            th("Framework"),
        ]
        body: list[list[Cell]] = []
        year_frameworks: list[tuple[str, str]] = []
        for label_ in labels:
            cells: list[Cell] = []
            frameworks = set()
            for t in trends:
                year = next((y for y in t.years if y.label == label_), None)
                if year is None or year.percent is None:
                    cells.append(num("—"))
                    continue
                frameworks.add(year.framework)
                cells.append(num(f"{year.percent}% of {year.cases:,}"))
            body.append([th(label_, "row"), *cells, th(", ".join(sorted(frameworks)), "row")])
            year_frameworks.append((label_, ", ".join(sorted(frameworks))))
        sample = f.sample_labels.get(trends[0].sample, trends[0].sample)
        first, last = trends[0].years[0], trends[0].years[-1]
        chart_name = f"{spec.id}-{trends[0].id.rsplit('.', 1)[0].replace('.', '-')}"
        out_charts.append(
            charts.trend_lines(
                chart_name,
                f"{standard}, {sample} cases: {trends[0].id} "
                f"({charts.ASPECT_LABELS.get(trends[0].aspect, trends[0].aspect)}) "
                f"{first.percent} per cent in {first.label}, {last.percent} per cent in "
                f"{last.label}",
                year_frameworks,
                [
                    (
                        f"{t.id} {charts.ASPECT_LABELS.get(t.aspect, t.aspect)}",
                        t.aspect,
                        [
                            next((y.percent for y in t.years if y.label == lb), None)
                            for lb in labels
                        ],
                    )
                    for t in trends
                ],
                charts.BESIDE_WIDTH,
            )
        )
        tables.append(
            Table(
                f"{standard} ({sample} cases): share of "
                "relevant cases judged sufficient on each key question, by reporting year",
                [head],
                body,
                chart=chart_name,
            )
        )
    if not tables:
        return spec.nothing()
    sources = {y.label: y.source for t in questions for y in t.years if y.source}
    notes = [
        "Earlier years’ figures are those their annual reports published, under the framework "
        "named in the last column; an earlier framework’s key question is shown where the "
        "framework files declare that it asks what this framework’s does.",
        "Sources: "
        + " ".join(f"{k}: {v}." for k, v in sorted(sources.items()))
        + f" {f.current_label}: {THIS_YEAR}.",
    ]
    return spec.made(out_charts, tables, notes, beside=True)
