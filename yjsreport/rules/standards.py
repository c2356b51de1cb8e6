"""A case standard's rating: the band of its lowest key question."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from yjsreport.rules.banding import printed_percent, rating_for
from yjsreport.rules.ratings import Rating


@dataclass(frozen=True)
class Tally:
    """How many relevant cases a question had, and how many were judged Yes."""

    id: str
    yes: int
    relevant: int

    @property
    def percent(self) -> int | None:
        """The whole-number percentage as printed: the figure that is banded."""
        return printed_percent(self.yes, self.relevant) if self.relevant else None


def lowest_key_questions(tallies: Sequence[Tally]) -> tuple[str, ...]:
    """Ids of the key question(s) with the lowest printed percentage; ties are all lowest,
    as a reader of the table would see them.

    Key questions with no relevant case take no part: they cannot be judged.
    """
    judged = [t for t in tallies if t.relevant]
    if not judged:
        return ()
    low = min(t.percent for t in judged)  # type: ignore[type-var]
    return tuple(t.id for t in judged if t.percent == low)


def case_standard_rating(tallies: Sequence[Tally]) -> Rating:
    """'Not rated' when no key question had a relevant case."""
    judged = [t for t in tallies if t.relevant]
    if not judged:
        return Rating.NOT_RATED
    return min((rating_for(t.yes, t.relevant) for t in judged), key=lambda r: r.points)
