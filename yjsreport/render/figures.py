"""Small, pure formatting helpers the templates use for figures."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from yjsreport.content.cases import SampleCounts
from yjsreport.content.vocabulary import ATTRIBUTES
from yjsreport.engine.disclosure import attribute_cells, withheld_text
from yjsreport.engine.results import QuestionResult
from yjsreport.rules.banding import printed_percent
from yjsreport.rules.disclosure import Reason
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
    count: int | None  # None where withheld
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


def attribute_shares(slug: str, sample: SampleCounts, attribute: str) -> tuple[int, list[ShareRow]]:
    """One characteristic of one sample as shares of its cases, from the published cells
    (engine/disclosure.py): published shares largest first (among equals in the
    vocabulary's order), then the withheld ones in the vocabulary's order, so the order
    tells nothing of a withheld count. Empty for a sample too small to break down."""
    if attribute not in sample.attributes:
        return 0, []
    cells = attribute_cells(slug, sample, attribute)
    if any(c.reason is Reason.SMALL_SAMPLE for c in cells.values()):
        return 0, []
    vocabulary = ATTRIBUTES[attribute]
    order = list(vocabulary.values)
    shown = sorted(
        ((v, c) for v, c in cells.items() if c.shown),
        key=lambda vc: (-(vc[1].shown or 0), order.index(vc[0])),
    )
    withheld = [(v, c) for v, c in cells.items() if c.shown is None]
    rows = [
        ShareRow(vocabulary.label(v), c.shown, f"{printed_percent(c.shown or 0, sample.cases)}%")
        for v, c in shown
    ] + [ShareRow(vocabulary.label(v), None, withheld_text(c)) for v, c in withheld]
    return sample.cases, rows
