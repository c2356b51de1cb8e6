"""Key-question banding at every published boundary, on the printed whole number."""

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from yjsreport.rules.banding import (
    band_for,
    band_for_percent,
    printed_percent,
    proportion,
    rating_for,
    round_half_up,
)
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


def test_band_is_taken_from_the_printed_whole_number() -> None:
    # A published 2022 inspection: 11 of 17 relevant cases (64.7%) printed as 65% and
    # rated 'Good' with no professional discretion recorded.
    assert printed_percent(11, 17) == 65
    assert rating_for(11, 17) is R.GOOD
    # 79.6% prints as 80%: 'Outstanding', as the reader of the table sees it
    assert rating_for(199, 250) is R.OUTSTANDING


@pytest.mark.parametrize(
    ("yes", "relevant", "printed", "expected"),
    [
        (6449, 10000, 64, R.REQUIRES_IMPROVEMENT),  # 64.49 rounds down
        (645, 1000, 65, R.GOOD),  # 64.5 rounds half up, as a spreadsheet's ROUND does
        (129, 200, 65, R.GOOD),  # 64.5
        (99, 200, 50, R.REQUIRES_IMPROVEMENT),  # 49.5
        (4949, 10000, 49, R.INADEQUATE),  # 49.49
        (159, 200, 80, R.OUTSTANDING),  # 79.5
        (7949, 10000, 79, R.GOOD),  # 79.49
        (7, 11, 64, R.REQUIRES_IMPROVEMENT),  # 63.6: Wolverhampton 2.1.3
        (1, 8, 13, R.INADEQUATE),  # 12.5 rounds half up, not to even
        (10, 12, 83, R.OUTSTANDING),
    ],
)
def test_rounding_at_each_boundary(yes: int, relevant: int, printed: int, expected: Rating) -> None:
    assert printed_percent(yes, relevant) == printed
    assert rating_for(yes, relevant) is expected


def test_round_half_up() -> None:
    assert round_half_up(Fraction(25, 2)) == 13
    assert round_half_up(Fraction(249, 2)) == 125
    assert round_half_up(Fraction(1, 3)) == 0
    assert round_half_up(Fraction(129, 2)) == 65  # Python's round() gives 64


def test_no_relevant_cases_is_an_error_not_a_band() -> None:
    with pytest.raises(ValueError, match="at least one case"):
        band_for(0, 0)


counts = st.integers(min_value=1, max_value=400).flatmap(
    lambda n: st.tuples(st.integers(min_value=0, max_value=n), st.just(n))
)


@given(counts)
def test_the_band_is_always_that_of_the_printed_figure(case: tuple[int, int]) -> None:
    yes, relevant = case
    assert band_for(yes, relevant) == band_for_percent(printed_percent(yes, relevant))


@given(counts)
def test_the_printed_figure_is_the_exact_share_rounded_half_up(case: tuple[int, int]) -> None:
    yes, relevant = case
    assert printed_percent(yes, relevant) == round_half_up(proportion(yes, relevant))


@given(counts)
def test_more_yes_answers_never_lower_the_band(case: tuple[int, int]) -> None:
    yes, relevant = case
    if yes < relevant:
        assert rating_for(yes + 1, relevant).score >= rating_for(yes, relevant).score


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


def test_a_share_is_written_either_way_the_reports_write_it() -> None:
    from yjsreport.content.cases import QuestionCount
    from yjsreport.engine.results import QuestionResult
    from yjsreport.prose.references import question_text

    count = QuestionCount(7, 2, 1)
    q = QuestionResult("2.1.1a", "A prompt", count.yes, count.no, count.not_applicable)
    assert question_text(q, None, "2.1.1a") == "seven out of nine"
    assert question_text(q, "of", "2.1.1a") == "seven of the nine"
