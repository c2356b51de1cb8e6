"""The governance limit: the standard it limits and the domains it counts are the
framework's (`governance_limit:` in its file)."""

from __future__ import annotations

from collections.abc import Iterable

from yjsreport.rules.ratings import Rating

GOVERNANCE_CAP = Rating.REQUIRES_IMPROVEMENT


def governance_limit_applies(case_domain_ratings: Iterable[Rating]) -> bool:
    """True where fewer than half of the rated standards counted (those of domains two
    and three) are 'Good' or 'Outstanding'; unrated standards are left out of the count."""
    rated = [r for r in case_domain_ratings if r.is_rated]
    good = sum(r in (Rating.GOOD, Rating.OUTSTANDING) for r in rated)
    return 2 * good < len(rated)


def limit_governance(rating: Rating, applies: bool) -> Rating:
    """The limited standard can be no better than 'Requires improvement' when the limit
    applies."""
    if applies and rating.is_rated and rating.points > GOVERNANCE_CAP.points:
        return GOVERNANCE_CAP
    return rating
