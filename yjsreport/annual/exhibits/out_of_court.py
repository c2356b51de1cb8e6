"""The exhibit of how out-of-court disposals were decided: who decided, and whether a
joint decision was agreed without escalation, counted under the disclosure rule.

The sample is the one whose case files record the characteristic (the framework files
say which: `own_attributes`), never named here. Older inspections' case files may not
record it, so the exhibit says how many cases and inspections it covers.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from yjsreport.annual.applicable import applicable_share
from yjsreport.annual.disclosure import ALL
from yjsreport.annual.exhibits.parts import (
    Exhibit,
    ExhibitSpec,
    Table,
    count_table,
    count_text,
    label,
    num,
    th,
)
from yjsreport.annual.sequence_split import SEQUENCE, Split, sequence_split
from yjsreport.content.vocabulary import ATTRIBUTES
from yjsreport.prose.numbers import count_in_words
from yjsreport.rules.banding import printed_percent
from yjsreport.rules.disclosure import Cell as Cell_

if TYPE_CHECKING:
    from yjsreport.annual.model import AnnualFigures

DECIDED_BY = "decided_by"
ESCALATION = "escalation"
AGREED = "agreed-without-escalation"
TYPE = "disposal_type"
ASSESSMENT = "assessment_tool"


def coverage_note(f: AnnualFigures, sample: str, attribute: str) -> str:
    """How many of the sample's cases and inspections the counts cover."""
    inspections = [r for r in f.results if sample in r.samples and r.samples[sample].cases]
    recording = [r for r in inspections if attribute in r.samples[sample].attributes]
    recorded = sum(r.samples[sample].cases for r in recording)
    total = f.cases.get(sample, 0)
    noun = "inspection" if len(inspections) == 1 else "inspections"
    if len(recording) == len(inspections):
        return (
            f"Covers all {recorded:,} {sample} cases of the {count_in_words(len(inspections))} "
            f"{noun} in the period."
        )
    return (
        f"Covers {recorded:,} of the {total:,} {sample} cases: "
        f"{count_in_words(len(recording))} of the {count_in_words(len(inspections))} {noun} "
        f"in the period recorded {ATTRIBUTES[attribute].description.split(';')[0]}; the case "
        "files of the others do not."
    )


def _heading(sample: str) -> str:
    return sample[:1].upper() + sample[1:]


def decisions(f: AnnualFigures, spec: ExhibitSpec) -> Exhibit:
    sample = next(
        (s for s in f.cases if any((s, a) in f.cells.types for a in (DECIDED_BY, ASSESSMENT))),
        None,
    )
    if sample is None:
        return spec.nothing()
    tables: list[Table] = []
    deciders = f.cells.types.get((sample, DECIDED_BY))
    if deciders:
        table = count_table(
            f"{_heading(sample)} cases by who decided the disposal", "Decided by", deciders
        )
        tables.append(
            Table(table.caption, table.head, table.body, [coverage_note(f, sample, DECIDED_BY)])
        )
    escalation = f.cells.types.get((sample, ESCALATION))
    if escalation:
        share = applicable_share(escalation, ESCALATION, AGREED)
        table = count_table(
            f"{_heading(sample)} cases by whether a joint decision was agreed without escalation",
            "Joint decision",
            escalation,
        )
        table_notes = [coverage_note(f, sample, ESCALATION)]
        if share.percent is not None and share.base is not None:
            table_notes.append(
                f"Of the {share.base:,} joint decisions (by the police and the service "
                f"together, or by a panel), {share.percent} per cent were agreed without "
                "escalation."
            )
        elif escalation[ALL].count:
            table_notes.append(
                "No share of joint decisions is given: a count it would be taken from is withheld."
            )
        tables.append(Table(table.caption, table.head, table.body, table_notes))
    tools = f.cells.types.get((sample, ASSESSMENT))
    if tools:
        table = count_table(
            f"{_heading(sample)} cases by the assessment that informed the decision",
            "Assessment",
            tools,
        )
        tables.append(
            Table(table.caption, table.head, table.body, [coverage_note(f, sample, ASSESSMENT)])
        )
    return spec.made([], tables)


def disposal_types_by_sequence(f: AnnualFigures, spec: ExhibitSpec) -> Exhibit:
    """Disposal types with first disposals set apart from repeat ones (a first youth
    caution from a second or later one), where the case files record both."""
    split = sequence_split(f.results, f.cells.types)
    if split is None or not split.recorded:
        return spec.nothing()
    rows = [d for d in split.rows if any(split.cells[(d, s)].shown != 0 for s in split.columns)]
    head = [
        [
            th("Disposal type"),
            *(th(f"{label(s)} disposal", numeric=True) for s in split.columns),
        ]
    ]
    body = [
        [th(label(d), "row"), *(num(count_text(split.cells[(d, s)])) for s in split.columns)]
        for d in rows
    ]
    table = Table(
        f"{_heading(split.sample)} cases by disposal type and whether the disposal was the "
        "child's first",
        head,
        body,
        [
            coverage_note(f, split.sample, SEQUENCE),
            "Each cell counts cases of one disposal type that were the child's first "
            "out-of-court disposal, or a repeat (for a youth caution, a second or later "
            "caution).",
        ],
    )
    return spec.made([], [table])


def published_type_rows(
    types: Mapping[str, Cell_], split: Split | None, apart: Sequence[str]
) -> list[tuple[str, str | None, Cell_]]:
    """The rows of the table of disposal types as the Inspectorate publishes it: each
    type once, in the vocabulary's order, except those listed `apart` (youth cautions),
    given once for each value of the split (first, repeat) and, where some case files
    of the period do not record it, once more for those. Each row is (type, split value
    or None for the type whole or its unrecorded rest, cell); every type the sample may
    hold is listed, a zero too, as the published list is fixed. Every cell is one the
    disclosure rule has decided."""
    rows: list[tuple[str, str | None, Cell_]] = []
    for value, cell in types.items():
        if value == ALL:
            continue
        if split is None or value not in apart or value not in split.rows:
            rows.append((value, None, cell))
            continue
        parts = [split.cells[(value, s)] for s in split.columns]
        rows += [(value, s, c) for s, c in zip(split.columns, parts, strict=True)]
        # where some case files do not record the split, the type's cases they hold
        if value in split.rest:
            rows.append((value, None, split.rest[value]))
    return rows


def disposal_types_as_published(f: AnnualFigures, spec: ExhibitSpec) -> Exhibit:
    """Out-of-court disposal types in one list, as the published report gives them: the
    types the framework file lists apart (`split_types`) split by first and repeat."""
    sample = next((s for s in f.split_types if (s, TYPE) in f.cells.types), None)
    if sample is None:
        return spec.nothing()
    types = f.cells.types[(sample, TYPE)]
    apart = f.split_types[sample].get(SEQUENCE, ())
    split = sequence_split(f.results, f.cells.types) if apart else None
    if split is not None and split.sample != sample:
        split = None
    total = types[ALL]
    body = []
    for value, sequence, cell in published_type_rows(types, split, apart):
        name = label(value)
        if sequence is not None:
            name += f" ({label(sequence).lower()})"
        elif split is not None and value in apart:
            name += " (first or repeat not recorded)"
        share = (
            f"{printed_percent(cell.shown, total.count)}%"
            if cell.shown is not None and total.count
            else count_text(cell)
        )
        body.append([th(name, "row"), num(count_text(cell)), num(share)])
    body.append([th("All cases", "row"), num(count_text(total)), num("100%")])
    notes = [coverage_note(f, sample, TYPE)]
    if split is not None and any(v in apart for v in split.rows):
        named = " and ".join(label(v).lower() + "s" for v in apart)
        notes.append(
            f"{named[:1].upper()}{named[1:]} are given apart by whether the disposal was the "
            "child's first or a repeat (a second or later one)"
            + (
                f", where the case files record it: {split.recorded:,} cases."
                if split.recorded < total.count
                else "."
            )
        )
    table = Table(
        f"{_heading(f.sample_labels.get(sample, sample))} cases by type of disposal",
        [[th("Type of disposal"), th("Cases", numeric=True), th("Share", numeric=True)]],
        body,
        notes,
    )
    return spec.made([], [table])
