"""Key-question banding: the share of relevant cases judged sufficient.

The band is taken from the percentage as the report prints it: a whole number,
rounded half up. Evidence: the published bands are stated in whole per cent
("between 65 per cent and 79 per cent ... 'Good'"), and a published 2022
inspection printed 11 of 17 relevant cases (64.7 per cent) as 65% and rated
the standard 'Good' with no professional discretion recorded. Every figure
shown (tables, `check`, JSON, the discretion explanation) is this same number.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from yjsreport.rules.ratings import Rating


@dataclass(frozen=True)
class Band:
    """One published band: the lowest percentage that reaches it, its label and rating."""

    floor: int
    label: str
    rating: Rating


# Highest first. The published table: <50% Minority, 50-64% Too few,
# 65-79% Reasonable majority, 80%+ Large majority.
BANDS: tuple[Band, ...] = (
    Band(80, "Large majority", Rating.OUTSTANDING),
    Band(65, "Reasonable majority", Rating.GOOD),
    Band(50, "Too few", Rating.REQUIRES_IMPROVEMENT),
    Band(0, "Minority", Rating.INADEQUATE),
)

# The percentages at which the rating changes, lowest first: 50, 65, 80.
BOUNDARIES: tuple[int, ...] = tuple(sorted(b.floor for b in BANDS if b.floor > 0))


def proportion(yes: int, relevant: int) -> Fraction:
    """Exact percentage of the cases counted that were answered Yes."""
    if relevant <= 0:
        raise ValueError("a proportion needs at least one case")
    if not 0 <= yes <= relevant:
        raise ValueError(f"yes={yes} must lie between 0 and relevant={relevant}")
    return Fraction(100 * yes, relevant)


def round_half_up(value: Fraction) -> int:
    """Round as a spreadsheet's ROUND does (64.5 -> 65), not as Python's banker's rounding."""
    return int((value * 2 + 1) // 2)


def printed_percent(yes: int, relevant: int) -> int:
    """The whole-number percentage the report prints, and the one that is banded:
    floor(100 * yes / relevant + 1/2), in whole numbers (the same as
    round_half_up(proportion(...)), which the tests check, without Fraction's cost)."""
    if relevant <= 0:
        raise ValueError("a proportion needs at least one case")
    if not 0 <= yes <= relevant:
        raise ValueError(f"yes={yes} must lie between 0 and relevant={relevant}")
    return (200 * yes + relevant) // (2 * relevant)


def band_for_percent(percent: int) -> Band:
    for band in BANDS:
        if percent >= band.floor:
            return band
    raise ValueError(f"negative percentage {percent}")


def band_for(yes: int, relevant: int) -> Band:
    return band_for_percent(printed_percent(yes, relevant))


def rating_for(yes: int, relevant: int) -> Rating:
    """A key question's rating; undefined (ValueError) with no relevant case."""
    return band_for(yes, relevant).rating
