"""Disposal types split by whether the disposal was the child's first (a first youth
caution set apart from a second or later one, as the published report's figure of
out-of-court disposal types does), as typed cells under the disclosure rule.

The split counts the cases whose files record both characteristics. Its rows are
tied to the annual table of disposal types (with the cases of inspections that do not
record the sequence), its columns to the table of first and repeat disposals, and
every cell to the single reports' counts, so no withheld count of any of those tables
can be worked out from it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from yjsreport.annual.disclosure import (
    ALL,
    _single,  # the single reports' counts, as read
    as_read,
    protect_annual,
    reports_sum,
)
from yjsreport.engine.disclosure import cell_key
from yjsreport.engine.results import InspectionResult
from yjsreport.rules.disclosure import Cell, Key, Sum

TYPE = "disposal_type"
SEQUENCE = "oocd_sequence"
PAIR = (TYPE, SEQUENCE)


@dataclass(frozen=True)
class Split:
    """Cases by disposal type (rows) and sequence (columns), each cell as it may be
    published; `rows` and `columns` are the values listed, in the vocabulary's order."""

    sample: str
    rows: tuple[str, ...]
    columns: tuple[str, ...]
    cells: Mapping[tuple[str, str], Cell]
    recorded: int  # cases whose files record both
    # each row's cases in the files that do not record the sequence, where some do not
    rest: Mapping[str, Cell] = field(default_factory=dict)

    def row_total(self, row: str) -> int:
        return sum(self.cells[(row, c)].count for c in self.columns)


def _key(sample: str, row: str, column: str) -> Key:
    return ("annual", "split", sample, row, column)


# The last split decided, with the figures it was decided from: a build asks for the
# exhibit once per output (web page, print, checks), and deciding it takes a few tenths
# of a second, so it is decided once per set of figures.
_Types = Mapping[tuple[str, str], Mapping[str, Cell]]
_LAST: list[tuple[Sequence[InspectionResult], _Types, Split | None]] = []


def sequence_split(
    results: Sequence[InspectionResult],
    types: Mapping[tuple[str, str], Mapping[str, Cell]],
) -> Split | None:
    """The split of the sample whose cases record the sequence, or None where no case of
    the period records both. `types` are the annual tables' typed cells."""
    if _LAST and _LAST[0][0] is results and _LAST[0][1] is types:
        return _LAST[0][2]
    split = _decide(results, types)
    _LAST[:] = [(results, types, split)]
    return split


def _decide(
    results: Sequence[InspectionResult],
    types: Mapping[tuple[str, str], Mapping[str, Cell]],
) -> Split | None:
    sample = next((s for s, a in types if a == SEQUENCE and (s, TYPE) in types), None)
    if sample is None:
        return None
    contributors = [r for r in results if sample in r.samples and PAIR in r.samples[sample].pairs]
    if not contributors:
        return None
    rows = tuple(v for v in types[(sample, TYPE)] if v != ALL)
    columns = tuple(v for v in types[(sample, SEQUENCE)] if v != ALL)
    counts = {
        (d, s): sum(r.samples[sample].pairs[PAIR].get((d, s), 0) for r in contributors)
        for d in rows
        for s in columns
    }
    known: dict[Key, int] = {}
    hidden: dict[Key, tuple[int, int | None]] = {}
    truth: dict[Key, int] = {}
    auxiliary: set[Key] = set()
    sums: list[Sum] = []
    # the annual tables this one is set against, as they are published
    for attribute in PAIR:
        for cell in types[(sample, attribute)].values():
            as_read(cell, known, hidden, truth)
    recording = {r.slug for r in contributors}
    everyone = [r for r in results if sample in r.samples]
    for r in everyone:
        for attribute in PAIR:
            if attribute in r.samples[sample].attributes:
                sums.extend(_single(r.slug, r.samples[sample], attribute, known, hidden, truth))
            else:
                auxiliary.update(cell_key(r.slug, sample, attribute, v) for v in (*rows, *columns))
    for r in contributors:  # each inspection's own split: published by no one
        for d in rows:
            parts = tuple(("split", r.slug, sample, d, s) for s in columns)
            auxiliary.update(parts)
            sums.append(Sum(cell_key(r.slug, sample, TYPE, d), parts))
        for s in columns:
            parts = tuple(("split", r.slug, sample, d, s) for d in rows)
            sums.append(Sum(cell_key(r.slug, sample, SEQUENCE, s), parts))
    for d in rows:
        for s in columns:
            sums.append(
                Sum(
                    _key(sample, d, s), tuple(("split", r.slug, sample, d, s) for r in contributors)
                )
            )
        # the annual row: the split's cells and the cases whose files lack the sequence,
        # which the list of types as published gives as a count of its own
        others = tuple(
            cell_key(r.slug, sample, TYPE, d) for r in everyone if r.slug not in recording
        )
        annual_type = types[(sample, TYPE)][d].key
        in_split = tuple(_key(sample, d, s) for s in columns)
        if others:
            sums.append(Sum(annual_type, (*in_split, _rest_key(sample, d))))
            sums.append(Sum(_rest_key(sample, d), others))
        else:
            sums.append(Sum(annual_type, in_split))
    for s in columns:
        annual_sequence = types[(sample, SEQUENCE)][s].key
        sums.append(Sum(annual_sequence, tuple(_key(sample, d, s) for d in rows)))
    # and each annual count, the single reports' counts summed (as the annual tables are)
    for attribute, values in ((TYPE, rows), (SEQUENCE, columns)):
        recorders = [r for r in everyone if attribute in r.samples[sample].attributes]
        sums.extend(
            reports_sum(types[(sample, attribute)][v].key, sample, attribute, v, recorders)
            for v in values
        )
    recorded = sum(counts.values())
    decided = {_key(sample, d, s): n for (d, s), n in counts.items()}
    unrecorded = [r for r in everyone if r.slug not in recording]
    rest = {
        d: sum(r.samples[sample].attributes.get(TYPE, {}).get(d, 0) for r in unrecorded)
        for d in rows
    }
    if unrecorded:
        decided.update({_rest_key(sample, d): n for d, n in rest.items()})
    cells = protect_annual(
        decided, sums, known, hidden, truth, base=recorded, auxiliary=frozenset(auxiliary)
    )
    return Split(
        sample,
        rows,
        columns,
        {(d, s): cells[_key(sample, d, s)] for d in rows for s in columns},
        recorded,
        {d: cells[_rest_key(sample, d)] for d in rows} if unrecorded else {},
    )


def _rest_key(sample: str, row: str) -> Key:
    return ("annual", "split-rest", sample, row)
