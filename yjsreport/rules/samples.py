"""Whether a case sample is large enough to rate its standards."""

from __future__ import annotations


def too_small_to_rate(cases: int, minimum: int) -> bool:
    """A sample with no case, or fewer cases than the framework's minimum, is not rated.

    The minimum is a property of the framework version (see content/frameworks/): the
    2022 annual report states that a sample of fewer than six cases "could not be rated",
    while the 2018-framework North Somerset report rated a sample of five.
    """
    return cases == 0 or cases < minimum
