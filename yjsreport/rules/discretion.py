"""Professional discretion: when a ratings panel may move a case standard.

The published criteria: the lowest key question is within five percentage
points of a band boundary, or one case judged differently would change the
rating, or the rating rests on a sample or sub-sample of five cases or fewer.
A move is only ever from the computed rating, by one band, across the
boundary the evidence is near.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Literal

from yjsreport.rules.banding import BANDS
from yjsreport.rules.ratings import Rating
from yjsreport.rules.standards import Tally, case_standard_rating, lowest_key_questions

NEAR_BOUNDARY_POINTS = 5
SMALL_SAMPLE_MAX = 5


GroundKind = Literal["near-boundary", "one-case", "small-sample"]


@dataclass(frozen=True)
class Ground:
    """One published ground for discretion, with the figures it rests on, so that
    every sentence about it (check, JSON, the report) says the same thing."""

    kind: GroundKind
    percent: int  # the lowest key question, as printed
    boundary: int  # the band boundary the move crosses
    cases: int  # relevant cases of the lowest key question

    def __str__(self) -> str:
        if self.kind == "near-boundary":
            return (
                f"the lowest key question ({self.percent}%) is within {NEAR_BOUNDARY_POINTS} "
                f"percentage points of the {self.boundary}% boundary"
            )
        if self.kind == "one-case":
            return "one case judged differently would change the rating"
        return f"the rating rests on a sample of {self.cases} cases ({SMALL_SAMPLE_MAX} or fewer)"


@dataclass(frozen=True)
class Verdict:
    """Whether a requested move is allowed, and on which published grounds."""

    allowed: bool
    grounds: tuple[Ground, ...]
    problem: str | None = None


def boundary_between(a: Rating, b: Rating) -> int:
    """The percentage that separates two adjacent ratings (e.g. 65 for RI/Good)."""
    upper = max(a, b, key=lambda r: r.points)
    return next(band.floor for band in BANDS if band.rating is upper)


def _one_case_changes_rating(tallies: Sequence[Tally], target: Rating) -> bool:
    """Would judging a single answer differently give the target rating?"""
    step = 1 if target.points > case_standard_rating(tallies).points else -1
    for i, t in enumerate(tallies):
        changed = t.yes + step
        if t.relevant and 0 <= changed <= t.relevant:
            trial = list(tallies)
            trial[i] = replace(t, yes=changed)
            if case_standard_rating(trial) is target:
                return True
    return False


def assess(tallies: Sequence[Tally], requested_from: Rating, requested_to: Rating) -> Verdict:
    """Check a panel's move against the computed rating and the published criteria."""
    computed = case_standard_rating(tallies)
    if computed is Rating.NOT_RATED:
        return Verdict(False, (), "the standard is not rated, so there is nothing to move")
    if requested_from is not computed:
        return Verdict(
            False,
            (),
            f"discretion must start from the computed rating '{computed}', not '{requested_from}'",
        )
    if not requested_to.is_rated or abs(requested_to.points - computed.points) != 1:
        return Verdict(
            False,
            (),
            f"discretion moves a rating by one band; '{computed}' cannot become '{requested_to}'",
        )
    lowest_ids = set(lowest_key_questions(tallies))
    lowest = [t for t in tallies if t.id in lowest_ids]
    boundary = boundary_between(computed, requested_to)
    share = lowest[0].percent
    assert share is not None
    distance = abs(share - boundary)
    smallest = min(t.relevant for t in lowest)
    holds: list[GroundKind] = []
    if distance <= NEAR_BOUNDARY_POINTS:
        holds.append("near-boundary")
    if _one_case_changes_rating(tallies, requested_to):
        holds.append("one-case")
    if smallest <= SMALL_SAMPLE_MAX:
        holds.append("small-sample")
    grounds = [Ground(kind, share, boundary, smallest) for kind in holds]
    if not grounds:
        return Verdict(
            False,
            (),
            f"no published ground allows moving '{computed}' to '{requested_to}': the "
            f"lowest key question ({share}%) is {distance} points from the "
            f"{boundary}% boundary, one case would not change the rating, and the sample "
            f"is {smallest} cases",
        )
    return Verdict(True, tuple(grounds))


@dataclass(frozen=True)
class Opening:
    """Whether the panel may move a computed rating one band in one direction."""

    direction: str  # "up" or "down"
    target: Rating
    verdict: Verdict


def openings(tallies: Sequence[Tally]) -> tuple[Opening, ...]:
    """The moves open to a ratings panel, up and down, judged by `assess` itself so
    that what `check` offers and what the build accepts can never disagree."""
    computed = case_standard_rating(tallies)
    if not computed.is_rated:
        return ()
    found: list[Opening] = []
    score = computed.score
    assert score is not None
    for direction, step in (("up", 1), ("down", -1)):
        if 0 <= score + step < len(Rating.scored()):
            target = Rating.from_score(score + step)
            found.append(Opening(direction, target, assess(tallies, computed, target)))
    return tuple(found)
