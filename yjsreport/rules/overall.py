"""The overall rating: the sum of the core standards' scores, banded.

The published bands are for twelve rated standards (0-36). Where standards go
unrated the maximum falls by three for each; the reports do not say how such
a score is banded, so this rule scales it to the 36-point scale exactly
(score x 36 / maximum, no rounding) and applies the published bands. For the
full 36 that is the published table unchanged; for 24 it gives 0-4
'Inadequate', 5-12 'Requires improvement', 13-20 'Good', 21-24 'Outstanding'.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction

from yjsreport.rules.ratings import Rating

FULL_SCALE = 36


@dataclass(frozen=True)
class ScoreBand:
    low: int
    high: int
    rating: Rating


# The published banding of the 0-36 total.
SCORE_BANDS: tuple[ScoreBand, ...] = (
    ScoreBand(0, 6, Rating.INADEQUATE),
    ScoreBand(7, 18, Rating.REQUIRES_IMPROVEMENT),
    ScoreBand(19, 30, Rating.GOOD),
    ScoreBand(31, 36, Rating.OUTSTANDING),
)


@dataclass(frozen=True)
class Score:
    total: int
    maximum: int
    rated_standards: int


def total_score(core_ratings: Iterable[Rating]) -> Score:
    """Sum of the rated core standards; 'Not rated' standards lower the maximum."""
    rated = [r for r in core_ratings if r.is_rated]
    return Score(sum(r.points for r in rated), 3 * len(rated), len(rated))


def scaled_score(score: Score) -> Fraction:
    return Fraction(score.total * FULL_SCALE, score.maximum)


def overall_from_score(score: Score) -> Rating:
    """Band the score; 'Not rated' if no core standard was rated."""
    if score.maximum == 0:
        return Rating.NOT_RATED
    scaled = scaled_score(score)
    for band in reversed(SCORE_BANDS):
        if scaled >= band.low:
            return band.rating
    raise ValueError(f"negative score {score}")


def band_ranges(maximum: int) -> tuple[tuple[int, int, Rating], ...]:
    """The whole-number score ranges of each rating for a given maximum, for the
    methodology annexe: derived from overall_from_score, so they cannot disagree."""
    ranges: list[tuple[int, int, Rating]] = []
    for total in range(maximum + 1):
        rating = overall_from_score(Score(total, maximum, maximum // 3))
        if ranges and ranges[-1][2] is rating:
            ranges[-1] = (ranges[-1][0], total, rating)
        else:
            ranges.append((total, total, rating))
    return tuple(ranges)


def limit_by_resettlement(overall: Rating, resettlement: Rating | None) -> Rating:
    """An 'Inadequate' resettlement rating stops the overall rating being 'Outstanding'."""
    if resettlement is Rating.INADEQUATE and overall is Rating.OUTSTANDING:
        return Rating.GOOD
    return overall
