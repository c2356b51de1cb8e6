"""A count's share of the cases a characteristic applies to (joint decisions agreed
without escalation, of all joint decisions), taken from the typed cells.

The base leaves out the vocabulary's not-applicable value (one agency decided alone).
It is a sum of the published counts of the other values, so it is given only where
every one of them is published: a withheld count is never worked out from it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from yjsreport.annual.disclosure import ALL
from yjsreport.content.vocabulary import ATTRIBUTES
from yjsreport.rules.banding import printed_percent
from yjsreport.rules.disclosure import Cell


@dataclass(frozen=True)
class ApplicableShare:
    """`count` of the `base` cases the characteristic applies to, or why not given."""

    count: int | None
    base: int | None
    withheld: Cell | None = None  # the first withheld count the base would need

    @property
    def percent(self) -> int | None:
        if self.count is None or not self.base:
            return None
        return printed_percent(self.count, self.base)


def applicable_share(cells: Mapping[str, Cell], attribute: str, value: str) -> ApplicableShare:
    """`value`'s share of the cases whose value is not the attribute's not-applicable one."""
    vocabulary = ATTRIBUTES[attribute]
    if value not in vocabulary.applicable():
        raise ValueError(f"{value!r} is not an applicable value of {attribute}")
    parts = [cells[v] for v in vocabulary.applicable() if v in cells and v != ALL]
    hidden = next((c for c in parts if c.shown is None), None)
    if hidden is not None or value not in cells:
        return ApplicableShare(None, None, hidden)
    return ApplicableShare(cells[value].shown, sum(c.shown or 0 for c in parts))
