"""The text alternative of a map of the services inspected, made from the ratings.

An author may draw the map (boundary data is not part of the content); what it
says to a reader who cannot see it is each service of the period, once, at its
latest inspection, grouped by overall rating as the ratings matrix gives them, so
no hand-typed list can disagree with the matrix.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from yjsreport.annual.aggregates import RATING_ORDER
from yjsreport.prose.numbers import count_in_words
from yjsreport.render.wording import join_and

if TYPE_CHECKING:
    from yjsreport.annual.model import AnnualFigures


def map_alt(f: AnnualFigures) -> str:
    """'A map of the 33 services inspected in the period, each marked by its overall
    rating. Rated ‘Outstanding’ (three): A, B and C. ...'"""
    by_rating: dict[str, list[str]] = {}
    for result in f.services:
        by_rating.setdefault(result.overall.value, []).append(result.meta.short_name)
    groups = [
        f"Rated ‘{rating.value}’ ({count_in_words(len(names))}): {join_and(sorted(names))}."
        for rating in RATING_ORDER
        if (names := by_rating.get(rating.value))
    ]
    total = len(f.services)
    return " ".join(
        [
            f"A map of the {count_in_words(total)} "
            f"{'service' if total == 1 else 'services'} inspected in the period, each "
            "marked by its overall rating.",
            *groups,
        ]
    )
