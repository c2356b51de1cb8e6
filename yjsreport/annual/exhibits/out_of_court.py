"""The exhibit of how out-of-court disposals were decided: who decided, and whether a
joint decision was agreed without escalation, counted under the disclosure rule.

The sample is the one whose case files record the characteristic (the framework files
say which: `own_attributes`), never named here. Older inspections' case files may not
record it, so the exhibit says how many cases and inspections it covers.
"""

from __future__ import annotations

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
from yjsreport.annual.sequence_split import SEQUENCE, sequence_split
from yjsreport.content.vocabulary import ATTRIBUTES
from yjsreport.prose.numbers import count_in_words

if TYPE_CHECKING:
    from yjsreport.annual.model import AnnualFigures

DECIDED_BY = "decided_by"
ESCALATION = "escalation"
AGREED = "agreed-without-escalation"


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
    sample = next((s for s in f.cases if (s, DECIDED_BY) in f.cells.types), None)
    if sample is None:
        return spec.nothing()
    deciders = f.cells.types[(sample, DECIDED_BY)]
    tables: list[Table] = []
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
