"""Standard ratings, discretion criteria, the governance limit and the overall score."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from yjsreport.rules import discretion
from yjsreport.rules.governance import governance_limit_applies, limit_governance
from yjsreport.rules.overall import (
    Score,
    band_ranges,
    limit_by_resettlement,
    overall_from_score,
    total_score,
)
from yjsreport.rules.ratings import Rating
from yjsreport.rules.standards import Tally, case_standard_rating, lowest_key_questions

R = Rating


def tallies(*pairs: tuple[int, int]) -> list[Tally]:
    return [Tally(f"2.1.{i + 1}", yes, rel) for i, (yes, rel) in enumerate(pairs)]


def test_lowest_key_question_decides() -> None:
    # Wolverhampton 2.1: 82%, 73%, 64% -> the 64% decides
    t = tallies((9, 11), (8, 11), (7, 11))
    assert case_standard_rating(t) is R.REQUIRES_IMPROVEMENT
    assert lowest_key_questions(t) == ("2.1.3",)


def test_ties_are_all_lowest() -> None:
    assert lowest_key_questions(tallies((7, 11), (9, 11), (7, 11))) == ("2.1.1", "2.1.3")


def test_key_question_without_relevant_cases_takes_no_part() -> None:
    t = tallies((5, 5), (0, 0), (4, 5))
    assert case_standard_rating(t) is R.OUTSTANDING
    assert lowest_key_questions(t) == ("2.1.3",)


def test_standard_with_no_relevant_case_is_not_rated() -> None:
    assert case_standard_rating(tallies((0, 0), (0, 0))) is R.NOT_RATED


answers = st.lists(
    st.integers(min_value=1, max_value=30).flatmap(
        lambda n: st.tuples(st.integers(min_value=0, max_value=n), st.just(n))
    ),
    min_size=1,
    max_size=4,
)


@given(answers, st.data())
def test_more_yes_answers_never_lower_a_standard(pairs: list[tuple[int, int]], data) -> None:
    index = data.draw(st.integers(min_value=0, max_value=len(pairs) - 1))
    yes, rel = pairs[index]
    if yes == rel:
        return
    better = list(pairs)
    better[index] = (yes + 1, rel)
    assert (
        case_standard_rating(tallies(*better)).score >= case_standard_rating(tallies(*pairs)).score
    )


# --- professional discretion ---------------------------------------------


def test_wolverhampton_discretion_is_allowed() -> None:
    verdict = discretion.assess(tallies((9, 11), (8, 11), (7, 11)), R.REQUIRES_IMPROVEMENT, R.GOOD)
    assert verdict.allowed
    assert verdict.grounds == (
        discretion.Ground("near-boundary", 64, 65, 11),
        discretion.Ground("one-case", 64, 65, 11),
    )
    assert str(verdict.grounds[0]) == (
        "the lowest key question (64%) is within 5 percentage points of the 65% boundary"
    )


def test_discretion_must_start_from_the_computed_rating() -> None:
    verdict = discretion.assess(tallies((9, 11), (8, 11), (7, 11)), R.GOOD, R.OUTSTANDING)
    assert not verdict.allowed
    assert verdict.problem == (
        "discretion must start from the computed rating 'Requires improvement', not 'Good'"
    )


def test_discretion_moves_one_band_only() -> None:
    verdict = discretion.assess(tallies((7, 11)), R.REQUIRES_IMPROVEMENT, R.OUTSTANDING)
    assert not verdict.allowed
    assert "by one band" in (verdict.problem or "")


def test_discretion_without_published_grounds_is_refused() -> None:
    # 55% of 40 cases: 10 points from 65, one case moves it to 57.5%, sample > 5
    verdict = discretion.assess(tallies((22, 40)), R.REQUIRES_IMPROVEMENT, R.GOOD)
    assert not verdict.allowed
    assert "no published ground" in (verdict.problem or "")


@pytest.mark.parametrize(
    ("yes", "rel", "allowed"),
    [
        (60, 100, True),  # exactly five points below 65: inclusive
        (59, 100, False),  # six points below
    ],
)
def test_near_boundary_is_within_five_points_inclusive(yes: int, rel: int, allowed: bool) -> None:
    verdict = discretion.assess(tallies((yes, rel)), R.REQUIRES_IMPROVEMENT, R.GOOD)
    assert verdict.allowed is allowed


def test_discretion_downwards_near_boundary() -> None:
    verdict = discretion.assess(tallies((70, 100)), R.GOOD, R.REQUIRES_IMPROVEMENT)
    assert verdict.allowed


def test_small_sample_allows_discretion() -> None:
    # 1 of 4 = 25%: far from 50, one case gives 50% (which also counts), sample of 4
    verdict = discretion.assess(tallies((1, 4)), R.INADEQUATE, R.REQUIRES_IMPROVEMENT)
    assert verdict.allowed
    assert [g.kind for g in verdict.grounds] == ["one-case", "small-sample"]
    assert str(verdict.grounds[-1]) == "the rating rests on a sample of 4 cases (5 or fewer)"


def test_one_case_ground_needs_the_standard_to_change() -> None:
    # two key questions tie at 7/11: changing one answer leaves the other lowest
    t = tallies((7, 11), (7, 11))
    verdict = discretion.assess(t, R.REQUIRES_IMPROVEMENT, R.GOOD)
    assert [g.kind for g in verdict.grounds] == ["near-boundary"]
    assert verdict.allowed  # still within five points of 65


def test_unrated_standard_cannot_be_moved() -> None:
    verdict = discretion.assess(tallies((0, 0)), R.GOOD, R.OUTSTANDING)
    assert not verdict.allowed


# --- governance limit ------------------------------------------------------


def test_governance_limit_when_fewer_than_half_good() -> None:
    ratings = [R.GOOD, R.GOOD, R.GOOD] + [R.REQUIRES_IMPROVEMENT] * 5
    assert governance_limit_applies(ratings)
    assert limit_governance(R.OUTSTANDING, True) is R.REQUIRES_IMPROVEMENT
    assert limit_governance(R.GOOD, True) is R.REQUIRES_IMPROVEMENT
    assert limit_governance(R.INADEQUATE, True) is R.INADEQUATE


def test_governance_limit_not_at_exactly_half() -> None:
    ratings = [R.GOOD] * 4 + [R.INADEQUATE] * 4
    assert not governance_limit_applies(ratings)
    assert limit_governance(R.OUTSTANDING, False) is R.OUTSTANDING


def test_governance_limit_ignores_unrated_standards() -> None:
    assert not governance_limit_applies([R.GOOD, R.NOT_RATED, R.NOT_RATED, R.NOT_RATED])


# --- overall ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("total", "expected"),
    [
        (0, R.INADEQUATE),
        (6, R.INADEQUATE),
        (7, R.REQUIRES_IMPROVEMENT),
        (18, R.REQUIRES_IMPROVEMENT),
        (19, R.GOOD),
        (30, R.GOOD),
        (31, R.OUTSTANDING),
        (36, R.OUTSTANDING),
    ],
)
def test_overall_bands_at_boundaries(total: int, expected: Rating) -> None:
    assert overall_from_score(Score(total, 36, 12)) is expected


def test_wolverhampton_score() -> None:
    ratings = [
        R.GOOD,
        R.OUTSTANDING,
        R.OUTSTANDING,
        R.OUTSTANDING,
        R.GOOD,
        R.REQUIRES_IMPROVEMENT,
        R.OUTSTANDING,
        R.GOOD,
        R.GOOD,
        R.GOOD,
        R.OUTSTANDING,
        R.GOOD,
    ]
    score = total_score(ratings)
    assert (score.total, score.maximum) == (28, 36)
    assert overall_from_score(score) is R.GOOD


def test_reduced_maximum_scales_to_the_published_bands() -> None:
    assert band_ranges(36) == (
        (0, 6, R.INADEQUATE),
        (7, 18, R.REQUIRES_IMPROVEMENT),
        (19, 30, R.GOOD),
        (31, 36, R.OUTSTANDING),
    )
    assert band_ranges(24) == (
        (0, 4, R.INADEQUATE),
        (5, 12, R.REQUIRES_IMPROVEMENT),
        (13, 20, R.GOOD),
        (21, 24, R.OUTSTANDING),
    )


def test_not_rated_standards_lower_the_maximum() -> None:
    score = total_score([R.GOOD] * 8 + [R.NOT_RATED] * 4)
    assert (score.total, score.maximum, score.rated_standards) == (16, 24, 8)
    assert overall_from_score(score) is R.GOOD


def test_nothing_rated_is_not_rated() -> None:
    assert overall_from_score(total_score([R.NOT_RATED] * 3)) is R.NOT_RATED


def test_inadequate_resettlement_stops_outstanding() -> None:
    assert limit_by_resettlement(R.OUTSTANDING, R.INADEQUATE) is R.GOOD
    assert limit_by_resettlement(R.OUTSTANDING, R.REQUIRES_IMPROVEMENT) is R.OUTSTANDING
    assert limit_by_resettlement(R.GOOD, R.INADEQUATE) is R.GOOD
    assert limit_by_resettlement(R.OUTSTANDING, None) is R.OUTSTANDING


@given(st.lists(st.sampled_from(Rating.scored()), min_size=12, max_size=12), st.data())
def test_a_better_standard_never_lowers_the_overall(ratings: list[Rating], data) -> None:
    i = data.draw(st.integers(min_value=0, max_value=11))
    if ratings[i] is R.OUTSTANDING:
        return
    better = list(ratings)
    better[i] = Rating.from_score(ratings[i].score + 1)
    assert (
        overall_from_score(total_score(better)).score
        >= overall_from_score(total_score(ratings)).score
    )
