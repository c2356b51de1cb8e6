"""Disclosure control: no figure in the annual report may point to one child.

The rule, stated in the report's notes from these constants: no percentage is
given over fewer than five cases, and a count of one or two is shown as
'fewer than three'. Zero identifies nobody and is shown.
"""

from __future__ import annotations

from collections.abc import Mapping

from yjsreport.engine.disclosure import (
    FEWER_THAN_THREE,
    MIN_BREAKDOWN,
    SMALL_COUNT,
    WITHHELD,
    protected_counts,
)
from yjsreport.prose.numbers import count_in_words

MIN_BASE = MIN_BREAKDOWN  # the single reports' rule, applied to the annual tables
SMALL_COUNTS = tuple(range(1, SMALL_COUNT))
SMALL_COUNT_TEXT = FEWER_THAN_THREE
SMALL_BASE_TEXT = f"fewer than {count_in_words(MIN_BASE)} cases"

RULE = (
    f"To protect children’s privacy, no percentage is given over fewer than "
    f"{count_in_words(MIN_BASE)} cases (shown as ‘{SMALL_BASE_TEXT}’), and a count of one "
    f"or two is shown as ‘{SMALL_COUNT_TEXT}’. Where only one figure of a row would be "
    "hidden, the next smallest is withheld too, so that no hidden figure can be worked out "
    "from a total."
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


def protected_count_cells(counts: Mapping[str, int]) -> dict[str, str]:
    """A set of counts that add up to a published total, as they may be published:
    the project's rule (yjsreport/engine/disclosure.py), never just one count hidden."""
    return {k: v if isinstance(v, str) else f"{v:,}" for k, v in protected_counts(counts).items()}


def protected_share_cells(shares: Mapping[str, tuple[int | None, int]]) -> dict[str, str]:
    """Percentages of groups whose bases add up to a published total, as 'n% (base)'.

    A share over fewer than five cases is not given; if that would hide only one
    group's share, the group with the next smallest base is withheld too, since
    the total's share and the other groups' shares would give the hidden one away.
    """
    hidden = {k for k, (_, base) in shares.items() if is_suppressed(base)}
    withheld: set[str] = set()
    if len(hidden) == 1:
        rest = sorted((base, k) for k, (_, base) in shares.items() if k not in hidden and base)
        if rest:
            withheld.add(rest[0][1])
    out = {}
    for k, (percent, base) in shares.items():
        if k in hidden:
            out[k] = SMALL_BASE_TEXT
        elif k in withheld:
            out[k] = WITHHELD
        else:
            cell = percent_cell(percent, base)
            out[k] = cell if base == 0 else f"{cell} ({count_cell(base)})"
    return out
