"""Key-question banding: the share of relevant cases judged sufficient.

Banding uses the exact proportion (as a Fraction) so that 79.6 per cent is
'Good', never 'Outstanding'; the display rule below keeps the shown figure
from suggesting otherwise.
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
    """Exact percentage of relevant cases answered Yes."""
    if relevant <= 0:
        raise ValueError("a proportion needs at least one relevant case")
    if not 0 <= yes <= relevant:
        raise ValueError(f"yes={yes} must lie between 0 and relevant={relevant}")
    return Fraction(100 * yes, relevant)


def band_for_percent(percent: Fraction) -> Band:
    for band in BANDS:
        if percent >= band.floor:
            return band
    raise ValueError(f"negative percentage {percent}")


def band_for(yes: int, relevant: int) -> Band:
    return band_for_percent(proportion(yes, relevant))


def rating_for(yes: int, relevant: int) -> Rating:
    """A key question's rating; undefined (ValueError) with no relevant case."""
    return band_for(yes, relevant).rating


def round_half_up(value: Fraction) -> int:
    """Round as a reader expects (63.5 -> 64), not as Python's banker's rounding."""
    return int((value * 2 + 1) // 2)


def display_percent(yes: int, relevant: int) -> str:
    """The percentage as shown, without the % sign.

    Whole numbers, rounded half up, as the published tables show them; but
    where rounding would carry the figure across a band boundary (79.6 shown
    as 80) the figure is cut to one decimal place instead (79.6), which stays
    on the true side of the boundary.
    """
    exact = proportion(yes, relevant)
    rounded = round_half_up(exact)
    if band_for_percent(Fraction(rounded)) == band_for_percent(exact):
        return str(rounded)
    tenths = (exact * 10) // 1  # truncate: never rounds up over the boundary
    return f"{tenths // 10}.{tenths % 10}"
