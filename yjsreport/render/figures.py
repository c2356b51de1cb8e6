"""Small, pure formatting helpers the templates use for figures."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from yjsreport.content.cases import SampleCounts
from yjsreport.content.vocabulary import ATTRIBUTES
from yjsreport.engine.disclosure import may_break_down
from yjsreport.engine.results import QuestionResult
from yjsreport.rules.banding import printed_percent
from yjsreport.rules.ratings import Rating

# A shape for each rating, so that meaning never rests on colour alone.
RATING_SYMBOLS: Mapping[Rating, str] = {
    Rating.OUTSTANDING: "★",
    Rating.GOOD: "●",
    Rating.REQUIRES_IMPROVEMENT: "▲",
    Rating.INADEQUATE: "■",
    Rating.NOT_RATED: "○",
}


def rating_class(rating: Rating) -> str:
    return "rating-" + rating.name.lower().replace("_", "-")


def table_percent(q: QuestionResult) -> str:
    """'%' in tables, as the house style has it; an em dash where nothing was relevant."""
    return f"{q.percent}%" if q.percent is not None else "—"


def table_sample_percent(q: QuestionResult) -> str:
    """A prompt's share of the whole sample, as the published data annexe prints it."""
    return f"{q.sample_percent}%" if q.sample_percent is not None else "—"


@dataclass(frozen=True)
class ShareRow:
    label: str
    count: int
    percent: str


def samples_together(samples: list[SampleCounts]) -> SampleCounts:
    """Several samples' attributes counted as one sample (a published offence-type table
    may count court and resettlement cases together); questions are not combined."""
    attributes: dict[str, dict[str, int]] = {}
    for sample in samples:
        for name, values in sample.attributes.items():
            merged = attributes.setdefault(name, {})
            for value, n in values.items():
                merged[value] = merged.get(value, 0) + n
    return SampleCounts(
        "+".join(s.name for s in samples), sum(s.cases for s in samples), {}, attributes
    )


def attribute_shares(sample: SampleCounts, attribute: str) -> tuple[int, list[ShareRow]]:
    """One characteristic of one sample as shares of its cases, largest first and, among
    equals, in the vocabulary's published order. Empty for a sample too small to show
    without identifying a child (see engine/disclosure.py)."""
    values = sample.attributes.get(attribute, {})
    cases = sum(values.values())
    if not cases or not may_break_down(sample.cases):
        return 0, []
    vocabulary = ATTRIBUTES[attribute]
    order = list(vocabulary.values)
    rows = [
        ShareRow(vocabulary.label(value), n, f"{printed_percent(n, cases)}%")
        for value, n in sorted(values.items(), key=lambda kv: (-kv[1], order.index(kv[0])))
    ]
    return cases, rows
