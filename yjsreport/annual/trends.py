"""Trends over earlier years' published figures and the current year's own, as pure
functions.

Earlier years come from annual/history.py; the current year from the inspections.
A trend runs over a window of years ending with the current one. A key question of
an earlier framework counts in a trend of the current one's only where the framework
files declare the same meaning (annual/matching.py, as for every pooled figure);
each year says which framework its figure covers.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from yjsreport.annual.aggregates import distribution
from yjsreport.annual.history import HistoryYear
from yjsreport.annual.matching import Matching
from yjsreport.framework.model import Framework
from yjsreport.rules.ratings import Rating


@dataclass(frozen=True)
class RatingsYear:
    """Ratings counted in one year: from that year's published table, or (source None)
    from this year's inspections."""

    label: str
    counts: dict[Rating, int]
    source: str | None


@dataclass(frozen=True)
class QuestionYear:
    """One year's share of relevant cases judged sufficient on a key question."""

    label: str
    framework: str
    percent: int | None
    cases: int
    source: str | None


@dataclass(frozen=True)
class QuestionTrend:
    id: str
    standard: str  # the standard's title
    sample: str
    aspect: str
    text: str
    years: tuple[QuestionYear, ...]


def window(history: Sequence[HistoryYear], current_year: int, years: int) -> list[HistoryYear]:
    """The earlier years that fall in a window of `years` ending with the current one."""
    return [h for h in history if current_year - years < h.year < current_year]


def overall_trend(
    history: Sequence[HistoryYear], label: str, current: Mapping[Rating, int]
) -> list[RatingsYear]:
    return [RatingsYear(h.label, h.overall(), h.source) for h in history] + [
        RatingsYear(label, dict(current), None)
    ]


def standard_trend(
    history: Sequence[HistoryYear],
    label: str,
    standard_id: str,
    current: Mapping[Rating, int],
    matching: Matching | None = None,
) -> list[RatingsYear]:
    """Ratings of one standard by year; a year none of whose inspections had the
    standard (4.1 before 2021) is left out. With `matching`, an earlier inspection's
    rating counts only where its framework's standard of that id means what the
    current one's does (2018's 3.4, joint working, is not 2021's 3.4)."""
    mine = matching.key(matching.own, standard_id) if matching else standard_id
    rows = [
        RatingsYear(h.label, counts, h.source)
        for h in history
        if sum(
            (
                counts := distribution(
                    i.ratings[standard_id]
                    for i in h.inspections
                    if standard_id in i.ratings
                    and (matching is None or matching.key(i.framework, standard_id) == mine)
                )
            ).values()
        )
    ]
    return [*rows, RatingsYear(label, dict(current), None)]


def question_trends(
    history: Sequence[HistoryYear],
    own: Framework,
    matching: Matching,
    label: str,
    current: Mapping[str, tuple[int | None, int]],
) -> list[QuestionTrend]:
    """Every case key question of the current framework, by year: earlier years'
    published figures where they mean the same (`matching`, as the framework files
    declare meanings), then the current (percent, cases)."""
    out = []
    for domain, standard in own.standards():
        for kq in standard.key_questions:
            mine = matching.key(own.id, kq.id)
            years = []
            for h in history:
                matches = [q for q in h.key_questions if matching.key(q.framework, q.id) == mine]
                for q in matches:  # a year across the change may give a figure under each
                    when = h.label if len(matches) == 1 else f"{h.label} ({q.framework})"
                    years.append(QuestionYear(when, q.framework, q.percent, q.cases, h.source))
            percent, cases = current.get(kq.id, (None, 0))
            if cases:
                years.append(QuestionYear(label, own.id, percent, cases, None))
            if len(years) > 1:
                out.append(
                    QuestionTrend(
                        kq.id, standard.title, domain.sample or "", kq.aspect, kq.text, tuple(years)
                    )
                )
    return out
