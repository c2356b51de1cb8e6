"""Small, pure formatting helpers the templates use for figures."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from yjsreport.content.cases import SampleCounts
from yjsreport.content.vocabulary import ATTRIBUTES
from yjsreport.engine.disclosure import together_cells, withheld_text
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


def attribute_shares(
    slug: str, samples: tuple[SampleCounts, ...], attribute: str
) -> tuple[int, list[ShareRow]]:
    """One characteristic of one sample, or of several counted as one table, as shares
    of its cases, from the published cells (engine/disclosure.py): published shares
    largest first (among equals in the vocabulary's order), then the withheld ones in
    the vocabulary's order, so the order tells nothing of a withheld count. Empty for a
    sample too small to break down."""
    if not any(attribute in s.attributes for s in samples):
        return 0, []
    cases, cells = together_cells(slug, samples, attribute)
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
        ShareRow(vocabulary.label(v), c.shown, f"{printed_percent(c.shown or 0, cases)}%")
        for v, c in shown
    ] + [ShareRow(vocabulary.label(v), None, withheld_text(c)) for v, c in withheld]
    return cases, rows
