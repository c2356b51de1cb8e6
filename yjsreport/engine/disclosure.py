"""Disclosure control: what of a sample's case characteristics may be published.

Case characteristics describe children, so no table or download may let one
child's record be read off. The published reports print no rule for this; the
rule is ours, stated in the methodology annexe and in every data download:

- a sample of fewer than five cases is never broken down by any characteristic;
- the downloads list several characteristics of one sample side by side, so
  there a count of one or two is shown as "fewer than three", and where that
  would leave one hidden count in a characteristic (which the total would give
  away), the next smallest count is withheld too.

Report tables show one characteristic of one sample at a time, as shares of a
sample of five or more, as the published reports do.
"""

from __future__ import annotations

from collections.abc import Mapping

MIN_BREAKDOWN = 5
SMALL_COUNT = 3
FEWER_THAN_THREE = "fewer than three"
WITHHELD = "withheld"
RULE = (
    "To protect the identity of children, no sample of fewer than five cases is broken "
    "down by any characteristic, counts of one or two are shown as 'fewer than three', "
    "and where only one count of a characteristic would be hidden, the next smallest is "
    "withheld too, so that no hidden count can be worked out from the total."
)


def may_break_down(cases: int) -> bool:
    return cases >= MIN_BREAKDOWN


def protected_counts(counts: Mapping[str, int]) -> dict[str, int | str]:
    """Counts of one characteristic with small cells hidden, and never just one hidden."""
    hidden = {k for k, v in counts.items() if 0 < v < SMALL_COUNT}
    withheld: set[str] = set()
    if len(hidden) == 1:
        rest = sorted((v, k) for k, v in counts.items() if k not in hidden and v > 0)
        if rest:
            withheld.add(rest[0][1])
    return {
        k: FEWER_THAN_THREE if k in hidden else WITHHELD if k in withheld else v
        for k, v in counts.items()
    }


def publishable_attributes(
    cases: int, attributes: Mapping[str, Mapping[str, int]]
) -> dict[str, dict[str, int | str]]:
    """What a download may say of a sample's characteristics: nothing below five cases."""
    if not may_break_down(cases):
        return {}
    return {name: protected_counts(counts) for name, counts in attributes.items()}
