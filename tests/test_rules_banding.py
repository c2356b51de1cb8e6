"""Key-question banding at every published boundary, and the display rule."""

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from yjsreport.rules.banding import band_for, display_percent, rating_for, round_half_up
from yjsreport.rules.ratings import Rating

R = Rating


@pytest.mark.parametrize(
    ("yes", "relevant", "expected"),
    [
        (49, 100, R.INADEQUATE),
        (50, 100, R.REQUIRES_IMPROVEMENT),
        (64, 100, R.REQUIRES_IMPROVEMENT),
        (65, 100, R.GOOD),
        (79, 100, R.GOOD),
        (80, 100, R.OUTSTANDING),
        (100, 100, R.OUTSTANDING),
        (0, 3, R.INADEQUATE),
        (1, 2, R.REQUIRES_IMPROVEMENT),  # exactly 50%
        (13, 20, R.GOOD),  # exactly 65%
        (4, 5, R.OUTSTANDING),  # exactly 80%
        (7, 11, R.REQUIRES_IMPROVEMENT),  # 63.6%: Wolverhampton 2.1.3
    ],
)
def test_band_boundaries(yes: int, relevant: int, expected: Rating) -> None:
    assert rating_for(yes, relevant) is expected


def test_band_uses_exact_proportion_not_the_rounded_figure() -> None:
    # 79.6% would round to 80%, but the band is 'Good'
    assert rating_for(199, 250) is R.GOOD
    assert rating_for(129, 200) is R.REQUIRES_IMPROVEMENT  # 64.5%
    assert rating_for(99, 200) is R.INADEQUATE  # 49.5%


@pytest.mark.parametrize(
    ("yes", "relevant", "shown"),
    [
        (7, 11, "64"),
        (9, 11, "82"),
        (10, 12, "83"),
        (1, 8, "13"),  # 12.5 rounds half up, not to even
        (199, 250, "79.6"),  # would show 80: cut to a decimal that stays 'Good'
        (129, 200, "64.5"),
        (99, 200, "49.5"),
        (3999, 5000, "79.9"),  # 79.98: truncated, never rounded up to 80.0
        (4, 5, "80"),
    ],
)
def test_display_percent(yes: int, relevant: int, shown: str) -> None:
    assert display_percent(yes, relevant) == shown


def test_round_half_up() -> None:
    assert round_half_up(Fraction(25, 2)) == 13
    assert round_half_up(Fraction(249, 2)) == 125
    assert round_half_up(Fraction(1, 3)) == 0


def test_no_relevant_cases_is_an_error_not_a_band() -> None:
    with pytest.raises(ValueError, match="at least one relevant case"):
        band_for(0, 0)


counts = st.integers(min_value=1, max_value=400).flatmap(
    lambda n: st.tuples(st.integers(min_value=0, max_value=n), st.just(n))
)


@given(counts)
def test_displayed_figure_never_suggests_another_band(case: tuple[int, int]) -> None:
    yes, relevant = case
    shown = Fraction(display_percent(yes, relevant))
    assert band_for(yes, relevant).rating is _band_of(shown)


@given(counts)
def test_more_yes_answers_never_lower_the_band(case: tuple[int, int]) -> None:
    yes, relevant = case
    if yes < relevant:
        assert rating_for(yes + 1, relevant).score >= rating_for(yes, relevant).score


def _band_of(percent: Fraction) -> Rating:
    from yjsreport.rules.banding import band_for_percent

    return band_for_percent(percent).rating


def test_house_style_numbers_and_shares() -> None:
    from yjsreport.prose.numbers import count_in_words, figure
    from yjsreport.prose.references import share

    assert [count_in_words(n) for n in (0, 7, 9, 10, 1250)] == [
        "zero",
        "seven",
        "nine",
        "10",
        "1,250",
    ]
    assert [share(11, 11), share(10, 11), share(0, 11), share(7, 11), share(2, 2)] == [
        "all 11",
        "all but one of the 11",
        "none of the 11",
        "seven out of 11",
        "both",
    ]
    assert [figure(2242456, "pounds"), figure(40.6, "percent"), figure(3.2, "days")] == [
        "£2,242,456",
        "40.6%",
        "3.2 days",
    ]
