"""Counts made from cells already decided by the disclosure rule (the children with any
disability recorded: the cases less those with none recorded): each is shown only where
every cell it is made of is shown, so it tells a reader nothing the published cells do
not."""

from __future__ import annotations

from collections.abc import Sequence

from yjsreport.rules.disclosure import Cell, Key, Reason


def _withheld(parts: Sequence[Cell]) -> Reason | None:
    """Why a count made of these cells is withheld: as a sample too small to break down
    where one of them is, else as a count that would give another away."""
    reasons = [c.reason for c in parts if c.reason is not None]
    if not reasons:
        return None
    return Reason.SMALL_SAMPLE if Reason.SMALL_SAMPLE in reasons else Reason.SECONDARY


def remainder(key: Key, whole: Cell, parts: Sequence[Cell], base: int | None) -> Cell:
    """A published count less published cells, as a cell over `base` cases."""
    return Cell(key, whole.count - sum(c.count for c in parts), base, _withheld([whole, *parts]))
