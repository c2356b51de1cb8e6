"""The map of the services inspected: what it marks and says, from the ratings.

The author draws the land and places each service on it (annual/map_source.py);
the markers are drawn from each service's overall rating (annual/map_drawing.py),
and what the map says to a reader who cannot see it is each service of the
period, once, at its latest inspection, grouped by overall rating as the ratings
matrix gives them, so neither the marks nor the text can disagree with the matrix.

Every service of the period must have a position: a service left off the map would
make it show fewer services than the matrix counts, and a reader comparing the two
could not tell which is missing. A position for a service outside the period is
not drawn: one positions file may serve every year's report, whatever its period.
Where a service has none, the names that match no service of the period are named
too, as the likely misspellings.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from yjsreport.annual.aggregates import RATING_ORDER
from yjsreport.errors import Problem
from yjsreport.prose.numbers import count_in_words
from yjsreport.render.wording import join_and

if TYPE_CHECKING:
    from yjsreport.annual.map_source import MapSource
    from yjsreport.annual.model import AnnualFigures
    from yjsreport.rules.ratings import Rating


def map_ratings(f: AnnualFigures) -> dict[str, Rating]:
    """Each service of the period by its short name, with its overall rating."""
    return {result.meta.short_name: result.overall for result in f.services}


def drawn_name(path: str) -> str:
    """The drawn map's file, beside the charts: named after its positions file."""
    return f"services-{path.rsplit('/', 1)[-1].rsplit('.', 1)[0]}.svg"


def position_problems(source: MapSource, services: list[str]) -> list[Problem]:
    """A service of the period with no position, with the positions that match no
    service of the period (a misspelt name) where one is missing."""
    named = {p.name for p in source.positions}
    missing = sorted(set(services) - named)
    if not missing:
        return []
    # a misspelt name: the services still without a position are what it was meant to be
    meant = (
        f"; the {'service' if len(missing) == 1 else 'services'} with no position "
        f"{'is' if len(missing) == 1 else 'are'} {join_and(missing)}"
    )
    problems = [
        Problem(
            source.file,
            f"positions: {p.name}: no service of the period has this short name{meant}",
            p.line,
            p.column,
        )
        for p in source.positions
        if p.name not in services
    ]
    problems.append(
        Problem(
            source.file,
            f"positions: no position for {join_and(missing)}: every service of the "
            "period is marked on the map, so that it shows what the ratings matrix counts",
            source.line,
            1,
        )
    )
    return problems


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
