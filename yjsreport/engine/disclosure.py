"""What one inspection publishes of its samples' case characteristics: typed cells.

Every output of a single report (the page's offence table, prose references, the
JSON download) reads these cells, so each count is published or withheld the same
way everywhere. The rule itself is yjsreport/rules/disclosure.py; here it is applied
to each characteristic of each sample, whose counts add up to the sample's size.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache

from yjsreport.content.cases import SampleCounts
from yjsreport.content.vocabulary import allowed_values
from yjsreport.prose.numbers import count_in_words
from yjsreport.rules.disclosure import (
    MIN_BREAKDOWN,
    SMALL_COUNT,
    Cell,
    Key,
    Problem,
    Reason,
    Sum,
    protect,
)

FEWER_THAN_THREE = f"fewer than {count_in_words(SMALL_COUNT)}"
WITHHELD = "withheld"
# How a withheld count reads, in tables and in the current downloads.
WITHHELD_TEXT: Mapping[Reason, str] = {
    Reason.SMALL_COUNT: FEWER_THAN_THREE,
    Reason.SECONDARY: WITHHELD,
    Reason.SMALL_SAMPLE: "too few cases to show",
}
WHY: Mapping[Reason, str] = {
    Reason.SMALL_COUNT: f"it counts fewer than {count_in_words(SMALL_COUNT)} children",
    Reason.SECONDARY: "it would give away a smaller count that is withheld",
    Reason.SMALL_SAMPLE: (
        f"its cases are fewer than {count_in_words(MIN_BREAKDOWN)}, or too thinly spread, to be "
        "broken down by a characteristic without identifying a child"
    ),
}
RULE = (
    "To protect the identity of children, no group of fewer than "
    f"{count_in_words(MIN_BREAKDOWN)} cases is broken down by any characteristic, nor a larger "
    "group whose counts would all be given away (such as six cases of six kinds): its counts "
    f"are shown as ‘{WITHHELD_TEXT[Reason.SMALL_SAMPLE]}’. A count of one or two children is "
    f"shown as ‘{FEWER_THAN_THREE}’, and further counts are ‘{WITHHELD}’ wherever a hidden "
    "count could otherwise be worked out from published figures: from a total, from a "
    "combined level (such as ‘high or very high’), or from the same counts in another report. "
    "A percentage is given only where its count is; a count of none is shown, since it "
    "identifies no one."
)
RULE_REASONS = (
    "The same counts are withheld in the report’s tables, its text and its data downloads, "
    "so that no child can be identified from any of them, alone or together; where the "
    "Inspectorate’s reports give every share of a small sample (such as offence types), "
    "this report gives only the shares whose counts may be published."
)


def cases_key(slug: str, sample: str) -> Key:
    return (slug, sample, "cases")


def cell_key(slug: str, sample: str, attribute: str, value: str) -> Key:
    return (slug, sample, attribute, value)


def attribute_cells(slug: str, sample: SampleCounts, attribute: str) -> dict[str, Cell]:
    """Every value of one characteristic of one sample (zeros included), as published:
    the counts add up to the sample's size, which the report always gives."""
    counts = sample.attributes.get(attribute, {})
    return dict(_decided(slug, sample.name, sample.cases, attribute, tuple(counts.items())))


@lru_cache(maxsize=4096)
def _decided(
    slug: str, name: str, cases: int, attribute: str, counts: tuple[tuple[str, int], ...]
) -> tuple[tuple[str, Cell], ...]:
    """Decided once per characteristic of a sample, however many outputs ask."""
    recorded = dict(counts)
    keys = {
        cell_key(slug, name, attribute, v): recorded.get(v, 0)
        for v in allowed_values(attribute, name)
    }
    small = cases < MIN_BREAKDOWN
    cells = protect(
        Problem(
            keys,
            [Sum(cases_key(slug, name), tuple(keys))],
            known={cases_key(slug, name): cases},
            small_sample=frozenset(keys) if small else frozenset(),
        )
    )
    return tuple(  # in the vocabulary's order
        (key[-1], Cell(key, cells[key].count, cases, cells[key].reason)) for key in keys
    )


def sample_cells(slug: str, sample: SampleCounts) -> dict[str, dict[str, Cell]]:
    """Every recorded characteristic of a sample, as published."""
    return {a: attribute_cells(slug, sample, a) for a in sample.attributes}


def withheld_text(cell: Cell) -> str:
    assert cell.reason is not None
    return WITHHELD_TEXT[cell.reason]
