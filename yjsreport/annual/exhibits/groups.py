"""Exhibits of case quality for groups of children (looked after, with a plan, MAPPA;
first and repeat out-of-court disposals): shares judged sufficient, group by group."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from yjsreport.annual import charts
from yjsreport.annual.disclosure import GroupShare
from yjsreport.annual.exhibits.parts import (
    Exhibit,
    ExhibitSpec,
    Table,
    count_table,
    label,
    num,
    th,
)
from yjsreport.annual.matching import versions_in_words
from yjsreport.engine.disclosure import withheld_text
from yjsreport.prose.numbers import count_in_words, lower_first

if TYPE_CHECKING:
    from yjsreport.annual.model import AnnualFigures

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


def _pooled_note(f: AnnualFigures, table: str) -> str:
    """Which framework versions' cases a table of key questions by group pools."""
    versions = f.group_versions.get(table, ())
    if len(versions) > 1:
        return (
            f"Counts cases of inspections under {versions_in_words(versions)}, whose key "
            f"questions the framework files declare the same; the questions are worded as in "
            f"the {f.framework} framework."
        )
    return f"Counts cases of inspections under {versions_in_words(versions)}."


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
    head = [[th("Key question"), *(th(names.get(g, label(g)), numeric=True) for g in groups)]]
    body = [
        [
            th(f"{kq} {f.key_question_text(kq) or kq}", "row"),
            *(num(per[g][1]) for g in groups),
        ]
        for kq, per in cells.items()
    ]
    table = Table(
        caption,
        head,
        body,
        [
            "Each cell gives the share of relevant cases judged sufficient, with the number "
            "of relevant cases in brackets.",
            _pooled_note(f, table_id),
        ],
        chart=chart_id,
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


def case_quality_by_group(f: AnnualFigures, spec: ExhibitSpec) -> Exhibit:
    tables, out_charts = [], []
    for attribute, (title, names) in GROUP_LABELS.items():
        chart, t = _quality_exhibit_parts(
            f"quality-{attribute.replace('_', '-')}",
            f"{f.sample_label(f.group_samples.get(attribute, ''))} cases judged sufficient: "
            f"{lower_first(title)}",
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
        return spec.nothing()
    return spec.made(out_charts, tables)


def out_of_court_sequence(f: AnnualFigures, spec: ExhibitSpec) -> Exhibit:
    """First and repeat disposals of the sample whose kind records them (`quality_by`
    and `own_attributes` in the framework file), headed with that sample's noun."""
    sample = f.group_samples.get("oocd_sequence", "")
    noun = f.sample_nouns.get(sample) or "cases"
    spec = spec.worded(noun=noun, label=f.sample_labels.get(sample, ""))
    counts = f.cells.types.get((sample, "oocd_sequence"), {})
    if not counts:
        return spec.nothing()
    cases = f"{f.sample_label(sample)} cases"
    tables = [
        count_table(f"{cases} by whether the disposal was the child's first", "Disposal", counts)
    ]
    basis = f.cells.types.get((f.group_samples.get("decision_basis", ""), "decision_basis"), {})
    if basis:
        tables.append(count_table(f"{cases} by how the disposal was decided", "Decision", basis))
    chart, t = _quality_exhibit_parts(
        "quality-oocd-sequence",
        f"{cases} judged sufficient: first and repeat disposals",
        (f"First {noun}", f"repeat {noun}"),
        "oocd_sequence",
        {"first": "First disposal", "repeat": "Repeat disposal"},
        f,
    )
    if t is not None:
        tables.append(t)
    return spec.made([chart] if chart is not None else [], tables)
