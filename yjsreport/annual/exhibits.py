"""The annual report's computed exhibits: each a message, its charts and its tables.

Every figure is formatted here, once, for the web page and the PDF alike, with
the disclosure rule applied to every cell that counts children's cases.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from yjsreport.annual import aggregates as agg
from yjsreport.annual import charts
from yjsreport.annual.disclosure import (
    ALL,
    COMBINED,
    LEVELS,
    MIN_BASE,
    RULE,
    SMALL_BASE_TEXT,
    GroupShare,
    JudgedShare,
    judged_count,
    judged_share,
)
from yjsreport.annual.model import AnnualFigures
from yjsreport.content.vocabulary import ATTRIBUTES
from yjsreport.engine.disclosure import withheld_text
from yjsreport.prose.numbers import count_in_words
from yjsreport.rules.banding import printed_percent
from yjsreport.rules.disclosure import Cell as Cell_
from yjsreport.rules.ratings import Rating

LABELS: dict[str, str] = {
    value: text for vocabulary in ATTRIBUTES.values() for value, text in vocabulary.values.items()
}
LEVEL_LABELS = {"low": "Low", "medium": "Medium", "high": "High", "very-high": "Very high"}
GROUP_LABELS = {
    "looked_after": ("Looked-after children", {"yes": "Looked after", "no": "Not looked after"}),
    "ehcp": (
        "Children with an education, health and care plan",
        {"yes": "With a plan", "no": "Without a plan"},
    ),
    "mappa": ("MAPPA cases", {"mappa": "MAPPA case", "none": "Not a MAPPA case"}),
}

# Who the first group of each is, and who it is compared with, in a chart's title.
GROUP_SUBJECTS = {
    "looked_after": ("Cases of looked-after children", "those of other children"),
    "ehcp": ("Cases of children with a plan", "those of children without one"),
    "mappa": ("MAPPA cases", "other cases"),
}


def _lower_first(text: str) -> str:
    """'Looked-after children' to 'looked-after children', but 'MAPPA cases' kept."""
    return text if text[:2].isupper() else text[:1].lower() + text[1:]


def label(value: str) -> str:
    """The published label of an attribute value (from the vocabulary)."""
    return LEVEL_LABELS.get(value) or LABELS.get(value) or value


@dataclass(frozen=True)
class Cell:
    text: str
    header: bool = False
    scope: str | None = None
    rating: Rating | None = None
    numeric: bool = False
    colspan: int = 1


@dataclass(frozen=True)
class Table:
    caption: str
    head: list[list[Cell]]
    body: list[list[Cell]]
    notes: list[str] = field(default_factory=list)
    kind: str = ""


@dataclass(frozen=True)
class Exhibit:
    id: str
    heading: str
    charts: list[charts.Chart] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    empty: str | None = None  # said instead, when the period has no such data


def _th(text: str, scope: str = "col", **kw: object) -> Cell:
    return Cell(text, header=True, scope=scope, **kw)  # type: ignore[arg-type]


def _num(text: str) -> Cell:
    return Cell(text, numeric=True)


def _rating_head() -> list[Cell]:
    return [_th(r.value, numeric=True) for r in agg.RATING_ORDER]


def _dist_row(name: str, dist: Mapping[Rating, int]) -> list[Cell]:
    return [_th(name, "row"), *(_num(str(dist.get(r, 0))) for r in agg.RATING_ORDER)]


def _good_or_better(dist: Mapping[Rating, int]) -> tuple[int, int]:
    rated = sum(v for r, v in dist.items() if r.is_rated)
    return dist.get(Rating.GOOD, 0) + dist.get(Rating.OUTSTANDING, 0), rated


def ratings_matrix(f: AnnualFigures) -> Exhibit:
    head = [
        [
            _th("Service inspected"),
            _th("Published"),
            _th("Score", numeric=True),
            _th("Overall rating"),
            *(_th(sid) for sid in f.matrix_standards),
        ]
    ]
    body = []
    notes = []
    joint: list[str] = []
    for row in f.matrix:
        marks = []
        if row.reinspection_of:
            marks.append("reinspection")
        if row.joint:
            marks.append("joint")
            joint.append(f"{row.service} with {', '.join(row.joint)}")
        name = row.service + (f" ({', '.join(marks)})" if marks else "")
        score = f"{row.score.total}/{row.score.maximum}"
        if row.reduced:
            score += "*"
        cells = [
            _th(name, "row"),
            Cell(f"{row.published:%d/%m/%Y}"),
            _num(score),
            Cell("", rating=row.overall),
        ]
        for sid in f.matrix_standards:
            r = row.ratings[sid]
            cells.append(Cell("Not in this framework") if r is None else Cell("", rating=r))
        body.append(cells)
    if joint:
        notes.append(
            "Joint inspections, led by HM Inspectorate of Probation: " + "; ".join(joint) + "."
        )
    if any(r.reinspection_of for r in f.matrix):
        notes.append(
            "A reinspection revisits a service rated ‘Inadequate’ overall; "
            "‘Services inspected again’ compares its scores."
        )
    if any(r.reduced for r in f.matrix):
        notes.append(
            "* Scored out of a reduced maximum: standards that could not be rated (a court or "
            f"out-of-court sample of fewer than {count_in_words(f.minimum_sample)} cases) do not "
            "count, and the score is banded on the 36-point scale in proportion."
        )
    others = sorted({r.framework for r in f.matrix} - {f.framework})
    for version in others:
        if version in f.framework_summaries:
            notes.append(f"The {version} framework: {f.framework_summaries[version]}")
    return Exhibit(
        "ratings-matrix",
        f"Ratings of the {count_in_words(len(f.matrix))} services inspected",
        tables=[
            Table(
                f"Inspection ratings, {f.period.start:%B %Y} to {f.period.end:%B %Y}",
                head,
                body,
                notes,
                kind="matrix",
            )
        ],
    )


def overall_by_year(f: AnnualFigures) -> Exhibit:
    label_, dist = f.by_year[-1]
    good, rated = _good_or_better(dist)
    title = (
        f"In {label_}, {count_in_words(good)} of the {count_in_words(rated)} services were "
        "rated ‘Good’ or ‘Outstanding’ overall"
    )
    chart = charts.rating_bars("overall-by-year", title, list(f.by_year), "services")
    table = Table(
        "Overall ratings by reporting year (services)",
        [[_th("Year"), *_rating_head()]],
        [_dist_row(y, d) for y, d in f.by_year],
    )
    return Exhibit("overall-by-year", "Overall ratings by year", [chart], [table])


def overall_distribution(f: AnnualFigures) -> Exhibit:
    good, rated = _good_or_better(f.overall)
    title = (
        f"{count_in_words(good).capitalize()} of the {count_in_words(rated)} services were "
        "rated ‘Good’ or ‘Outstanding’ overall"
    )
    rows = [("Overall", f.overall)]
    chart = charts.rating_bars("overall-distribution", title, rows, "services")
    table = Table(
        "Overall ratings in the period", [[_th(""), *_rating_head()]], [_dist_row(*rows[0])]
    )
    return Exhibit("overall-distribution", "Overall ratings", [chart], [table])


def distribution(f: AnnualFigures, exhibit_id: str) -> Exhibit:
    ids = f.distribution_groups.get(exhibit_id, ())
    titles = {}
    for row in f.matrix:
        titles.update(row.titles)
    rows = [(f"{sid} {titles[sid]}", f.distributions[sid]) for sid in ids if sid in titles]
    heading = {
        "distribution-organisational": "Ratings of organisational delivery",
        "distribution-court": "Ratings of court work",
        "distribution-out-of-court": "Ratings of out-of-court work",
        "distribution-resettlement": "Ratings of resettlement",
    }[exhibit_id]
    if not rows:
        return Exhibit(
            exhibit_id, heading, empty="No inspection in the period rated these standards."
        )
    best = max(rows, key=lambda r: (_good_or_better(r[1])[0], r[0]))
    good, rated = _good_or_better(best[1])
    title = (
        f"{best[0].split(' ', 1)[1]}: {count_in_words(good)} of {count_in_words(rated)} "
        "services rated ‘Good’ or ‘Outstanding’"
        + (", the most of these standards" if len(rows) > 1 else "")
    )
    chart = charts.rating_bars(exhibit_id, title, rows, "services")
    table = Table(
        f"{heading} (services)",
        [[_th("Standard"), *_rating_head()]],
        [_dist_row(n, d) for n, d in rows],
    )
    return Exhibit(exhibit_id, heading, [chart], [table])


def key_questions(f: AnnualFigures) -> Exhibit:
    by_stage: dict[str, list[agg.StageSeries]] = {}
    for s in f.series:
        by_stage.setdefault(s.stage, []).append(s)
    out_charts, tables = [], []
    for stage, series in by_stage.items():
        current = next((s for s in series if s.framework == f.framework), series[-1])
        year, shares = current.years[-1]
        judged = [
            (sh.percent, c)
            for sh, c in zip(shares, current.columns, strict=True)
            if sh.percent is not None
        ]
        if judged:
            low, col = min(judged, key=lambda t: (t[0], t[1].id))
            title = (
                f"{stage}: in {year}, {ASPECT_PHRASES.get(col.aspect, col.aspect)} was judged "
                f"sufficient least often ({charts.SAMPLE_LABELS[col.sample].lower()} "
                f"cases, {low} per cent)"
            )
        else:
            title = f"{stage}: share of cases judged sufficient by year"
        out_charts.append(
            charts.key_question_lines(f"key-questions-{_slug(stage)}", title, stage, series)
        )
        for s in series:
            head = [
                [
                    _th("Year"),
                    *(
                        _th(
                            f"{charts.SAMPLE_LABELS[c.sample]}: "
                            f"{charts.ASPECT_LABELS.get(c.aspect, c.aspect)} ({c.id})",
                            numeric=True,
                        )
                        for c in s.columns
                    ),
                ]
            ]
            body = [
                [
                    _th(y, "row"),
                    *(_num(_judged_text(judged_share(sh.percent, sh.relevant))) for sh in row),
                ]
                for y, row in s.years
            ]
            relevant = [
                _th("Relevant cases, all years", "row"),
                *(
                    _num(_count_text(judged_count(sum(row[i].relevant for _, row in s.years))))
                    for i in range(len(s.columns))
                ),
            ]
            body.append(relevant)
            tables.append(
                Table(
                    f"{stage}, {s.framework} framework: share of relevant cases judged sufficient",
                    head,
                    body,
                )
            )
    notes = [
        "Each key question counts the cases to which it applied; for example, keeping other "
        "people safe leaves out cases whose risk of serious harm was judged low.",
    ]
    versions = sorted({s.framework for s in f.series})
    if len(versions) > 1:
        since = (
            f"; the {f.framework} framework applies to inspections published from "
            f"{f.framework_from:%B %Y}"
            if f.framework_from
            else ""
        )
        named = f"{', '.join(versions[:-1])} and {versions[-1]}"
        notes.append(
            f"The {named} frameworks ask different questions, so their series are "
            f"shown separately and never joined{since}."
        )
    return Exhibit(
        "key-questions", "Cases judged sufficient on each key question", out_charts, tables, notes
    )


ASPECT_PHRASES = {
    "desistance": "supporting desistance",
    "child-safety": "keeping the child safe",
    "others-safety": "keeping other people safe",
    "joint-working": "joint working",
}


def _slug(text: str) -> str:
    return "-".join(text.lower().split())


def _prompt_table(caption: str, rows: Sequence[agg.PromptRow]) -> Table:
    return Table(
        caption,
        [
            [
                _th("Question"),
                _th("Cases judged sufficient", numeric=True),
                _th("Not needed", numeric=True),
                _th("Cases", numeric=True),
            ]
        ],
        [
            [
                _th(f"{r.id} {r.text}", "row"),
                _num(_judged_text(judged_share(r.share.percent_of_sample, r.share.cases))),
                _num(_judged_text(judged_share(r.share.not_applicable_percent, r.share.cases))),
                _num(_count_text(judged_count(r.share.cases))),
            ]
            for r in rows
        ],
        [
            "Shares are of every case in the sample, as in the data annexe of each report: "
            "‘not needed’ counts cases where the question did not apply."
        ],
    )


def contingency(f: AnnualFigures) -> Exhibit:
    if not f.contingency:
        return Exhibit(
            "contingency-planning",
            "Contingency planning",
            empty="No prompt on contingency planning was inspected in the period.",
        )
    return Exhibit(
        "contingency-planning",
        "Contingency planning",
        tables=[_prompt_table(f"Contingency planning, {f.framework} framework", f.contingency)],
    )


def _sample_of(row_id: str) -> str:
    """'management-oversight.court' -> 'court'."""
    return charts.SAMPLE_LABELS.get(row_id.rsplit(".", 1)[-1], "").lower()


def extra_questions(f: AnnualFigures) -> Exhibit:
    if not f.extras:
        return Exhibit(
            "extra-questions",
            "Questions beside the framework",
            empty="No inspection in the period recorded a question beside the framework.",
        )
    table = Table(
        "Questions asked beside the framework, over the cases where they applied",
        [
            [
                _th("Question"),
                _th("Cases judged sufficient", numeric=True),
                _th("Relevant cases", numeric=True),
            ]
        ],
        [
            [
                _th(f"{r.text} ({_sample_of(r.id)} cases)", "row"),
                _num(_judged_text(judged_share(r.share.percent, r.share.relevant))),
                _num(_count_text(judged_count(r.share.relevant))),
            ]
            for r in f.extras
        ],
    )
    return Exhibit("extra-questions", "Questions beside the framework", tables=[table])


def _judged_text(share: JudgedShare) -> str:
    """A judged share as printed: a dash with no cases to judge."""
    if share.reason is not None:
        return SMALL_BASE_TEXT
    return "—" if share.shown is None else f"{share.shown}%"


def _count_text(cell: Cell_) -> str:
    return withheld_text(cell) if cell.shown is None else f"{cell.shown:,}"


def _share_text(cell: Cell_) -> str:
    """A count's share of its base, given exactly where the count is."""
    if cell.shown is None:
        return withheld_text(cell)
    return f"{printed_percent(cell.shown, cell.base)}%" if cell.base else "—"


def safety_by_risk(f: AnnualFigures) -> Exhibit:
    levels = LEVELS
    cells = f.cells.safety
    if not cells:
        return Exhibit(
            "safety-by-risk",
            "Safety and wellbeing by risk of serious harm",
            empty="No case in the period recorded both levels.",
        )
    body = []
    for rosh in levels:
        row = [_th(LEVEL_LABELS[rosh], "row")]
        for sw in levels:
            cell = cells[(rosh, sw)]
            text = _count_text(cell)
            if cell.shown is not None and cell.base:
                text += f" ({_share_text(cell)})"
            row.append(_num(text))
        row.append(_num(_count_text(cells[(rosh, ALL)])))
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
                _th("Risk of serious harm"),
                *(
                    _th(f"Safety and wellbeing: {LEVEL_LABELS[s].lower()}", numeric=True)
                    for s in levels
                ),
                _th("Cases", numeric=True),
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
    return Exhibit(
        "safety-by-risk",
        "Safety and wellbeing by risk of serious harm",
        out_charts,
        [table],
    )


def _group_text(share: GroupShare) -> str:
    if not share.published:
        return withheld_text(share.relevant if share.relevant.shown is None else share.yes)
    if not share.relevant.count:
        return "—"
    return f"{share.percent}% ({share.relevant.count:,})"


def _quality_cells(
    shares: Mapping[str, Mapping[str, GroupShare]], groups: Sequence[str]
) -> dict[str, dict[str, tuple[int | None, str]]]:
    """Per key question, each group's share (None where not published) and its text."""
    return {
        kq: {g: (per[g].percent, _group_text(per[g])) for g in groups} for kq, per in shares.items()
    }


def _quality_exhibit_parts(
    chart_id: str,
    caption: str,
    subject: tuple[str, str],
    table_id: str,
    names: Mapping[str, str],
    f: AnnualFigures,
) -> tuple[charts.Chart | None, Table | None]:
    """A table of key-question shares by group, and its chart where any share is shown."""
    shares = f.cells.groups.get(table_id, {})
    present = sorted({g for per in shares.values() for g in per})
    if not present:
        return None, None
    # the group of interest first (as `names` lists it), then the others it is set against
    groups = [g for g in names if g in present] + [g for g in present if g not in names]
    cells = _quality_cells(shares, groups)
    head = [[_th("Key question"), *(_th(names.get(g, label(g)), numeric=True) for g in groups)]]
    body = [
        [
            _th(f"{kq} {f.key_question_text(kq) or kq}", "row"),
            *(_num(per[g][1]) for g in groups),
        ]
        for kq, per in cells.items()
    ]
    table = Table(
        caption,
        head,
        body,
        [
            "Each cell gives the share of relevant cases judged sufficient, with the number "
            "of relevant cases in brackets."
        ],
    )
    keys = list(groups)
    if not any(v is not None for per in cells.values() for v, _ in per.values()):
        return None, table
    first, rest = keys[0], keys[1:]
    compared = [
        per
        for per in cells.values()
        if per[first][0] is not None and rest and per[rest[0]][0] is not None
    ]
    lower = sum(1 for per in compared if per[first][0] < per[rest[0]][0])  # type: ignore[operator,misc]
    if compared and rest:
        title = (
            f"{subject[0]} were less often judged sufficient than {subject[1]} on "
            f"{count_in_words(lower)} of the {count_in_words(len(compared))} key questions "
            "where both shares are given"
        )
    else:
        title = f"{subject[0]}: shares judged sufficient on each key question"
    chart = charts.grouped_bars(
        chart_id,
        title,
        [names.get(g, label(g)) for g in keys],
        [(kq, [(per[g][0], per[g][1]) for g in keys]) for kq, per in cells.items()],
        "Relevant cases judged sufficient (%)",
    )
    return chart, table


def case_quality_by_group(f: AnnualFigures) -> Exhibit:
    tables, out_charts = [], []
    for attribute, (title, names) in GROUP_LABELS.items():
        chart, t = _quality_exhibit_parts(
            f"quality-{attribute.replace('_', '-')}",
            f"Court cases judged sufficient: {_lower_first(title)}",
            GROUP_SUBJECTS[attribute],
            attribute,
            names,
            f,
        )
        if t is not None:
            tables.append(t)
        if chart is not None:
            out_charts.append(chart)
    if not tables:
        return Exhibit(
            "case-quality-by-group",
            "Case quality for groups of children",
            empty="No case in the period recorded whether the child was looked "
            "after, had an education, health and care plan or was a MAPPA case.",
        )
    return Exhibit(
        "case-quality-by-group", "Case quality for groups of children", out_charts, tables
    )


def out_of_court_sequence(f: AnnualFigures) -> Exhibit:
    counts = f.cells.types.get(("out-of-court", "oocd_sequence"), {})
    if not counts:
        return Exhibit(
            "out-of-court-first-repeat",
            "First and repeat out-of-court disposals",
            empty="No out-of-court case in the period recorded whether the disposal "
            "was the child's first.",
        )
    tables = [
        _count_table(
            "Out-of-court cases by whether the disposal was the child's first", "Disposal", counts
        )
    ]
    basis = f.cells.types.get(("out-of-court", "decision_basis"), {})
    if basis:
        tables.append(
            _count_table("Out-of-court cases by how the disposal was decided", "Decision", basis)
        )
    chart, t = _quality_exhibit_parts(
        "quality-oocd-sequence",
        "Out-of-court cases judged sufficient: first and repeat disposals",
        ("First out-of-court disposals", "repeat disposals"),
        "oocd_sequence",
        {"first": "First disposal", "repeat": "Repeat disposal"},
        f,
    )
    if t is not None:
        tables.append(t)
    return Exhibit(
        "out-of-court-first-repeat",
        "First and repeat out-of-court disposals",
        [chart] if chart is not None else [],
        tables,
    )


def _in_order(cells: Mapping[str, Cell_]) -> list[str]:
    """Values to list: published counts largest first, then the withheld ones in the
    vocabulary's order, so that the order tells nothing of a withheld count; a
    published zero is left out."""
    values = [v for v in cells if v != ALL]
    shown = sorted((v for v in values if cells[v].shown), key=lambda v: (-(cells[v].shown or 0), v))
    return shown + [v for v in values if cells[v].shown is None]


def _count_table(caption: str, what: str, cells: Mapping[str, Cell_]) -> Table:
    body = [
        [_th(label(k), "row"), _num(_count_text(cells[k])), _num(_share_text(cells[k]))]
        for k in _in_order(cells)
    ]
    body.append([_th("All cases", "row"), _num(_count_text(cells[ALL])), _num("100%")])
    return Table(
        caption, [[_th(what), _th("Cases", numeric=True), _th("Share", numeric=True)]], body
    )


def _attribute_exhibit(
    f: AnnualFigures, exhibit_id: str, attribute: str, heading: str, what: str
) -> Exhibit:
    tables = []
    for sample in agg.CASE_SAMPLES:
        cells = f.cells.types.get((sample, attribute), {})
        if cells:
            tables.append(
                _count_table(f"{charts.SAMPLE_LABELS[sample]} cases by {what.lower()}", what, cells)
            )
    if not tables:
        return Exhibit(
            exhibit_id, heading, empty=f"No case in the period recorded the {what.lower()}."
        )
    return Exhibit(exhibit_id, heading, [_attribute_chart(f, exhibit_id, attribute, what)], tables)


def _attribute_chart(f: AnnualFigures, chart_id: str, attribute: str, what: str) -> charts.Chart:
    """Counts by value, court and out-of-court side by side; a withheld count has no bar.
    Ordered and titled by published counts only."""
    samples = [s for s in agg.CASE_SAMPLES if (s, attribute) in f.cells.types]
    cells = {s: f.cells.types[(s, attribute)] for s in samples}
    listed = {v for s in samples for v in _in_order(cells[s])}
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
                row.append((None if cell.shown is None else float(cell.shown), _count_text(cell)))
        rows.append((label(v), row))
    # only published counts are compared: with any withheld, the title says so
    tops = {
        s: label(first).lower()
        for s in samples
        if (first := next((v for v in _in_order(cells[s]) if cells[s][v].shown), None))
    }
    among = (
        " among the published counts"
        if any(c.shown is None for s in samples for c in cells[s].values())
        else ""
    )
    if len(set(tops.values())) == 1:
        title = (
            f"The most common {what.lower()}{among} was {next(iter(tops.values()))}, "
            + ("among court and out-of-court cases alike" if len(tops) > 1 else "")
        ).rstrip(", ")
    elif tops:
        title = f"The most common {what.lower()}{among} was " + " and ".join(
            f"{top} among {charts.SAMPLE_LABELS[s].lower()} cases" for s, top in tops.items()
        )
    else:
        title = f"Cases by {what.lower()}: every count withheld"
    return charts.grouped_bars(
        chart_id,
        title,
        [f"{charts.SAMPLE_LABELS[s]} cases" for s in samples],
        rows,
        "Number of cases",
        limit=None,
    )


def court_and_out_of_court(f: AnnualFigures) -> Exhibit:
    """Ratings of the same kind of work for court and out-of-court cases, side by side."""
    titles: dict[str, str] = {}
    for row in f.matrix:
        titles.update(row.titles)
    pairs = [(c, o) for c, o in f.compared if c in titles and o in titles]
    heading = "Court and out-of-court work compared"
    if not pairs:
        return Exhibit(
            "court-and-out-of-court",
            heading,
            empty="No inspection in the period rated both court and out-of-court work.",
        )
    rows = [
        (f"{titles[sid]}: {which} ({sid})", f.distributions[sid])
        for c, o in pairs
        for sid, which in ((c, "court"), (o, "out-of-court"))
    ]
    court, oocd = pairs[0]
    good_c, rated_c = _good_or_better(f.distributions[court])
    good_o, rated_o = _good_or_better(f.distributions[oocd])
    title = (
        f"{titles[court]}: {count_in_words(good_c)} of {count_in_words(rated_c)} services "
        f"rated ‘Good’ or ‘Outstanding’ for court work, {count_in_words(good_o)} of "
        f"{count_in_words(rated_o)} for out-of-court work"
    )
    chart = charts.rating_bars("court-and-out-of-court", title, rows, "services")
    table = Table(
        "Ratings of court and out-of-court work (services)",
        [[_th("Standard"), *_rating_head()]],
        [_dist_row(n, d) for n, d in rows],
    )
    return Exhibit("court-and-out-of-court", heading, [chart], [table])


def reinspections(f: AnnualFigures) -> Exhibit:
    if not f.revisits:
        return Exhibit(
            "reinspections",
            "Services inspected again",
            empty="No service was inspected again in the period.",
        )
    rows = [
        (
            v.service,
            v.earlier_comparable.total,
            v.later_comparable.total,
            v.later_comparable.maximum,
        )
        for v in f.revisits
    ]
    improved = sum(1 for _, a, b, _ in rows if b > a)
    if len(rows) == 1:
        title = (
            f"{rows[0][0]} scored {'higher' if improved else 'no higher'} at "
            "reinspection than at its first inspection"
        )
    else:
        title = (
            f"{count_in_words(improved).capitalize()} of the {count_in_words(len(rows))} "
            "services inspected again scored higher at reinspection"
        )
    chart = charts.score_pairs("reinspections", title, rows)
    body = [
        [
            _th(v.service, "row"),
            Cell(f"{v.earlier.meta.publication_date:%B %Y}"),
            _num(f"{v.earlier.score.total}/{v.earlier.score.maximum}"),
            Cell("", rating=v.earlier.overall),
            Cell(f"{v.later.meta.publication_date:%B %Y}"),
            _num(f"{v.later.score.total}/{v.later.score.maximum}"),
            Cell("", rating=v.later.overall),
            _num(
                f"{v.earlier_comparable.total} and {v.later_comparable.total} out of "
                f"{v.later_comparable.maximum}"
            ),
        ]
        for v in f.revisits
    ]
    table = Table(
        "Scores at the first inspection and at reinspection",
        [
            [
                _th("Service"),
                _th("First inspection"),
                _th("Score", numeric=True),
                _th("Overall rating"),
                _th("Reinspection"),
                _th("Score", numeric=True),
                _th("Overall rating"),
                _th("Scores on the standards rated in both", numeric=True),
            ]
        ],
        body,
        [
            "Where a standard could not be rated at one of the two inspections, the last column "
            "compares the scores over only the standards rated at both, so the maxima match."
        ],
    )
    return Exhibit("reinspections", "Services inspected again", [chart], [table])


def surveys(f: AnnualFigures) -> Exhibit:
    if not f.surveys:
        return Exhibit(
            "surveys",
            "Survey responses",
            empty="No inspection in the period recorded survey responses.",
        )
    table = Table(
        "Survey responses across the period",
        [
            [
                _th("Survey"),
                _th("Responses", numeric=True),
                _th("Inspections recording it", numeric=True),
            ]
        ],
        [
            [_th(s.title, "row"), _num(f"{s.responses:,}"), _num(str(s.inspections))]
            for s in f.surveys
        ],
    )
    return Exhibit("surveys", "Survey responses", tables=[table])


BUILDERS: dict[str, Callable[[AnnualFigures], Exhibit]] = {
    "ratings-matrix": ratings_matrix,
    "overall-by-year": overall_by_year,
    "overall-distribution": overall_distribution,
    "distribution-organisational": lambda f: distribution(f, "distribution-organisational"),
    "distribution-court": lambda f: distribution(f, "distribution-court"),
    "distribution-out-of-court": lambda f: distribution(f, "distribution-out-of-court"),
    "distribution-resettlement": lambda f: distribution(f, "distribution-resettlement"),
    "key-questions": key_questions,
    "contingency-planning": contingency,
    "extra-questions": extra_questions,
    "safety-by-risk": safety_by_risk,
    "case-quality-by-group": case_quality_by_group,
    "out-of-court-first-repeat": out_of_court_sequence,
    "offence-types": lambda f: _attribute_exhibit(
        f, "offence-types", "offence_type", "Offence types", "Offence type"
    ),
    "disposal-types": lambda f: _attribute_exhibit(
        f, "disposal-types", "disposal_type", "Types of disposal", "Disposal type"
    ),
    "court-and-out-of-court": court_and_out_of_court,
    "reinspections": reinspections,
    "surveys": surveys,
}

DISCLOSURE_RULE = RULE
