"""Disclosure control: no figure in the annual report may point to one child.

The rule, stated in the report's notes from these constants: no percentage is
given over fewer than five cases, and a count of one or two is shown as
'fewer than three'. Zero identifies nobody and is shown.
"""

from __future__ import annotations

from yjsreport.engine.disclosure import FEWER_THAN_THREE, MIN_BREAKDOWN, SMALL_COUNT
from yjsreport.prose.numbers import count_in_words

MIN_BASE = MIN_BREAKDOWN  # the single reports' rule, applied to the annual tables
SMALL_COUNTS = tuple(range(1, SMALL_COUNT))
SMALL_COUNT_TEXT = FEWER_THAN_THREE
SMALL_BASE_TEXT = f"fewer than {count_in_words(MIN_BASE)} cases"

RULE = (
    f"To protect children’s privacy, no percentage is given over fewer than "
    f"{count_in_words(MIN_BASE)} cases (shown as ‘{SMALL_BASE_TEXT}’), and a count of one "
    f"or two is shown as ‘{SMALL_COUNT_TEXT}’."
)


def count_cell(n: int) -> str:
    """A count of cases as it may be published."""
    return SMALL_COUNT_TEXT if n in SMALL_COUNTS else f"{n:,}"


def is_suppressed(base: int) -> bool:
    return 0 < base < MIN_BASE


def percent_cell(percent: int | None, base: int) -> str:
    """A percentage over `base` cases as it may be published; a dash with no cases."""
    if base == 0 or percent is None:
        return "—"
    if base < MIN_BASE:
        return SMALL_BASE_TEXT
    return f"{percent}%"
