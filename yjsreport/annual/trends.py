"""Trends over earlier years' published figures and the current year's own, as pure
functions.

Earlier years come from annual/history.py; the current year from the inspections.
A trend runs over a window of years ending with the current one. A key question of
an earlier framework counts in a trend of the current one's only where it means the
same: its standard has the same title and sample, and it asks about the same aspect
(2018's 2.1.1 and 2021's 2.1.1 both ask whether assessment supports desistance);
each year says which framework its figure covers.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from yjsreport.annual.history import HistoryYear
from yjsreport.framework.model import Framework, KeyQuestion, Standard
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
    history: Sequence[HistoryYear], label: str, standard_id: str, current: Mapping[Rating, int]
) -> list[RatingsYear]:
    """Ratings of one standard by year; a year none of whose inspections had the
    standard (4.1 before 2021) is left out."""
    rows = [
        RatingsYear(h.label, counts, h.source)
        for h in history
        if sum((counts := h.standard(standard_id)).values())
    ]
    return [*rows, RatingsYear(label, dict(current), None)]


def _owner(framework: Framework, question_id: str) -> tuple[Standard, KeyQuestion, str] | None:
    for domain, standard in framework.standards():
        for kq in standard.key_questions:
            if kq.id == question_id:
                return standard, kq, domain.sample or ""
    return None


def same_meaning(own: Framework, other: Framework, question_id: str) -> bool:
    """Whether `other`'s key question of this id asks what `own`'s does."""
    if own.id == other.id:
        return _owner(own, question_id) is not None
    a, b = _owner(own, question_id), _owner(other, question_id)
    if a is None or b is None:
        return False
    return a[0].title == b[0].title and a[1].aspect == b[1].aspect and a[2] == b[2]


def question_trends(
    history: Sequence[HistoryYear],
    own: Framework,
    frameworks: Mapping[str, Framework],
    label: str,
    current: Mapping[str, tuple[int | None, int]],
) -> list[QuestionTrend]:
    """Every case key question of the current framework, by year: earlier years'
    published figures where they mean the same, then the current (percent, cases)."""
    out = []
    for domain, standard in own.standards():
        for kq in standard.key_questions:
            years = []
            for h in history:
                matches = [
                    q
                    for q in h.key_questions
                    if q.id == kq.id
                    and (other := frameworks.get(q.framework)) is not None
                    and same_meaning(own, other, kq.id)
                ]
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
