"""A case standard's rating: the band of its lowest key question."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from yjsreport.rules.banding import proportion, rating_for
from yjsreport.rules.ratings import Rating


@dataclass(frozen=True)
class Tally:
    """How many relevant cases a question had, and how many were judged Yes."""

    id: str
    yes: int
    relevant: int

    @property
    def percent(self) -> Fraction | None:
        return proportion(self.yes, self.relevant) if self.relevant else None


def lowest_key_questions(tallies: Sequence[Tally]) -> tuple[str, ...]:
    """Ids of the key question(s) with the lowest exact share; ties are all lowest.

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
    return min((rating_for(t.yes, t.relevant) for t in judged), key=lambda r: r.score)
