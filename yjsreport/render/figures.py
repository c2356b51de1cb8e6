"""Small, pure formatting helpers the templates use for figures."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction

from yjsreport.content.cases import SampleCounts
from yjsreport.engine.results import QuestionResult
from yjsreport.rules.banding import round_half_up
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
    return f"{q.shown}%" if q.shown is not None else "—"


@dataclass(frozen=True)
class ShareRow:
    label: str
    count: int
    percent: str


def attribute_shares(samples: list[SampleCounts], attribute: str) -> tuple[int, list[ShareRow]]:
    """Counts of an attribute across samples, as shares of the cases, largest first."""
    totals: dict[str, int] = {}
    cases = 0
    for sample in samples:
        values = sample.attributes.get(attribute, {})
        cases += sum(values.values())
        for value, n in values.items():
            totals[value] = totals.get(value, 0) + n
    rows = [
        ShareRow(humanise(value), n, f"{round_half_up(Fraction(100 * n, cases))}%")
        for value, n in sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))
    ]
    return cases, rows


def humanise(slug: str) -> str:
    """'violence-against-the-person' -> 'Violence against the person'."""
    text = slug.replace("-", " ")
    return text[:1].upper() + text[1:]
