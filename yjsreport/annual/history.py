"""Earlier years of an annual report, from their published figures.

content/annual/<year>/history/<earlier year>.yaml holds what an earlier annual
report published, entered as data, where the inspections of that year have no case
rows in the content: its ratings table (service, date, framework, overall and
standard ratings, or the published score and its maximum) and its aggregates (the
share of cases judged sufficient on a key question, with the number of relevant
cases), each file with its source. The file's name is the year its reporting year
ends in (2021.yaml for October 2020 to September 2021).

An inspection a reinspection revisits may carry an `id`, which the reinspection's
`reinspection_of` names (annual/links.py), and, for a consortium since split, the
places it `became`. Of the history, only such a named inspection's service, date,
score and rating are published (in the comparison of reinspections): its service
was named in its own published report; every other service name stays unpublished.

This module is the one reader of those files; it checks them against the framework
files and returns a typed model. The current year's figures come from the
inspections, as always.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated

from pydantic import Field

from yjsreport.annual.aggregates import distribution
from yjsreport.annual.period import PeriodBy
from yjsreport.content.dates import DateOrMonth, latest
from yjsreport.content.schema import Date, Id, RatingWord, Slug, Text, _Strict
from yjsreport.content.validation import validate
from yjsreport.content.yamlsource import YamlDocument, YamlProblem, read_yaml
from yjsreport.errors import ProblemLog
from yjsreport.framework.model import Framework
from yjsreport.rules.banding import printed_percent
from yjsreport.rules.overall import Score, overall_from_score, total_score
from yjsreport.rules.ratings import Rating

HISTORY_FOLDER = "history"


class _Inspection(_Strict):
    # what a reinspection's reinspection_of names it by (unique in the history files)
    id: Slug | None = None
    service: Text
    # the date that year's report counted it by: publication or end of fieldwork
    date: DateOrMonth
    framework: Id
    overall: RatingWord
    # the standards' ratings, or the published score (out of `maximum`, by default
    # the framework's full scale), or both
    ratings: dict[Id, RatingWord] = Field(default_factory=dict)
    score: int | None = Field(default=None, ge=0)
    maximum: int | None = Field(default=None, ge=1)
    # a consortium since split: the places of the services it became
    became: list[Text] = Field(default_factory=list)


class _Question(_Strict):
    id: Id
    framework: Id
    percent: int = Field(ge=0, le=100)
    cases: int = Field(ge=1)  # relevant cases: the sample the percentage is of


class _HistoryFile(_Strict):
    year: int
    period_start: Date
    period_end: Date
    period_by: PeriodBy = "publication"
    source: Text
    inspections: list[_Inspection] = Field(default_factory=list)
    key_questions: list[_Question] = Field(default_factory=list)
    # recommendations by theme (content/annual/recommendation-themes.yaml), as counted
    recommendation_themes: dict[Id, Annotated[int, Field(ge=0)]] = Field(default_factory=dict)


@dataclass(frozen=True)
class HistoryInspection:
    service: str
    date: dt.date
    framework: str
    overall: Rating
    ratings: dict[str, Rating]
    id: str | None = None
    # as published, or from the ratings of every scored standard; None if neither
    score: Score | None = None
    became: tuple[str, ...] = ()
    # where the entry is written: history file, line and column of its id
    path: Path | None = None
    line: int | None = None
    column: int | None = None

    @property
    def place(self) -> str:
        """'annual/2022/history/2019.yaml:15' (from the content folder on), for messages."""
        if self.path is None:
            return "a history file"
        shown = "/".join(self.path.parts[-4:])  # annual/<year>/history/<file>
        return f"{shown}:{self.line}" if self.line else shown


@dataclass(frozen=True)
class HistoryQuestion:
    id: str
    framework: str
    percent: int
    cases: int


@dataclass(frozen=True)
class HistoryYear:
    """One earlier reporting year as its annual report published it."""

    year: int
    start: dt.date
    end: dt.date
    source: str
    path: Path
    inspections: tuple[HistoryInspection, ...]
    key_questions: tuple[HistoryQuestion, ...]
    themes: dict[str, int] = field(default_factory=dict)

    @property
    def label(self) -> str:
        """'2020/21' for a year across two calendar years, '2021' for one."""
        if self.start.year == self.end.year:
            return str(self.end.year)
        return f"{self.start.year}/{self.end.year % 100:02d}"

    def overall(self) -> dict[Rating, int]:
        return _count(i.overall for i in self.inspections)

    def standard(self, standard_id: str) -> dict[Rating, int]:
        """Ratings of one standard among the year's inspections that have it."""
        return _count(i.ratings[standard_id] for i in self.inspections if standard_id in i.ratings)

    def question(self, question_id: str, framework: str) -> HistoryQuestion | None:
        return next(
            (q for q in self.key_questions if q.id == question_id and q.framework == framework),
            None,
        )


def _count(ratings: Iterable[Rating]) -> dict[Rating, int]:
    return distribution(ratings)


def _check(
    data: _HistoryFile,
    doc: YamlDocument,
    frameworks: Mapping[str, Framework],
    themes: Collection[str],
    log: ProblemLog,
) -> None:
    path = doc.path

    def add(loc: tuple[str | int, ...], message: str) -> None:
        line, col = doc.locate(loc)
        log.add(path, message, line, col)

    if path.stem != str(data.year):
        add(("year",), f"year {data.year} does not match the file name; expected {path.stem}")
    if data.period_end < data.period_start:
        add(("period_end",), "period_end is before period_start")
    for i, item in enumerate(data.inspections):
        here: tuple[str | int, ...] = ("inspections", i)
        if not (data.period_start <= item.date and latest(item.date) <= data.period_end):
            add(
                (*here, "date"),
                f"{item.date} is outside the year's period {data.period_start} to "
                f"{data.period_end}",
            )
        framework = frameworks.get(item.framework)
        if framework is None:
            add((*here, "framework"), _unknown_framework(item.framework, frameworks))
            continue
        for sid in item.ratings:
            if framework.standard(sid) is None:
                add(
                    (*here, "ratings", sid),
                    f"framework {framework.id} has no standard {sid}; expected one of "
                    f"{', '.join(s.id for _, s in framework.standards())}",
                )
        scored = [s.id for _, s in framework.standards() if s.scored]
        rated = None
        if all(sid in item.ratings for sid in scored):
            rated = total_score(Rating(item.ratings[sid]) for sid in scored)
            follows = overall_from_score(rated)
            if follows is not Rating(item.overall):
                add(
                    (*here, "overall"),
                    f"'{item.overall}' does not follow from the standards' ratings: they "
                    f"score {rated.total} of {rated.maximum}, which is '{follows}'",
                )
        _check_score(item, here, len(scored), rated, add)
        if len(item.became) == 1:
            add(
                (*here, "became", 0),
                f"became: a consortium becomes two services or more; got only "
                f"{item.became[0]!r} (a service renamed needs no 'became')",
            )
        for j, place in enumerate(item.became):
            if place in item.became[:j]:
                add((*here, "became", j), f"became: {place!r} is given twice")
    for theme in data.recommendation_themes:
        if theme not in themes:
            declared = ", ".join(themes) or "none: declare them in recommendation-themes.yaml"
            add(
                ("recommendation_themes", theme),
                f"recommendation_themes: unknown theme {theme!r}; expected one of {declared}",
            )
    seen: set[tuple[str, str]] = set()
    for i, q in enumerate(data.key_questions):
        here = ("key_questions", i)
        framework = frameworks.get(q.framework)
        if framework is None:
            add((*here, "framework"), _unknown_framework(q.framework, frameworks))
            continue
        known = {kq.id for _, s in framework.standards() for kq in s.key_questions}
        if q.id not in known:
            add((*here, "id"), f"framework {framework.id} has no key question {q.id}")
        if (q.id, q.framework) in seen:
            add((*here, "id"), f"key question {q.id} ({q.framework}) is given twice this year")
        seen.add((q.id, q.framework))
        if not any(printed_percent(yes, q.cases) == q.percent for yes in range(q.cases + 1)):
            add(
                (*here, "percent"),
                f"{q.percent}% cannot be a whole-number share of {q.cases} cases; check the "
                "percentage and the number of cases against the source",
            )


def _check_score(
    item: _Inspection,
    here: tuple[str | int, ...],
    scored: int,
    rated: Score | None,
    add: Callable[[tuple[str | int, ...], str], None],
) -> None:
    """A published score: on the framework's scale, in the band of the overall rating,
    and the standards' ratings' own score where every scored standard is given."""
    if item.score is None:
        if item.maximum is not None:
            add((*here, "maximum"), "maximum is given without a score; give the score too")
        if not item.ratings:
            add(
                (*here, "overall"),
                "give the standards' ratings (ratings:) or the published score (score:)",
            )
        return
    top = Rating.scored()[-1].points
    full = top * scored
    maximum = full if item.maximum is None else item.maximum
    if item.maximum is not None and (maximum > full or maximum % top):
        add(
            (*here, "maximum"),
            f"maximum {maximum} is not on framework {item.framework}'s scale: {top} points "
            f"for each scored standard rated, {full} at most",
        )
        return
    if item.score > maximum:
        add((*here, "score"), f"score {item.score} is more than its maximum {maximum}")
        return
    published = Score(item.score, maximum, maximum // top)
    band = overall_from_score(published)
    if item.overall != "Not rated" and band is not Rating(item.overall):
        add(
            (*here, "score"),
            f"score {item.score} out of {maximum} is '{band}' on framework "
            f"{item.framework}'s scale, not '{item.overall}'; check the score, its maximum "
            "and the overall rating against the source",
        )
    if rated is not None and (rated.total, rated.maximum) != (item.score, maximum):
        add(
            (*here, "score"),
            f"score {item.score} out of {maximum} disagrees with the standards' ratings "
            f"given, which score {rated.total} out of {rated.maximum}",
        )


def _published_score(item: _Inspection, framework: Framework) -> Score | None:
    """The entry's score: as published, else from the ratings of every scored standard."""
    scored = [s.id for _, s in framework.standards() if s.scored]
    top = Rating.scored()[-1].points
    if item.score is not None:
        maximum = item.maximum if item.maximum is not None else top * len(scored)
        return Score(item.score, maximum, maximum // top)
    if all(sid in item.ratings for sid in scored):
        return total_score(Rating(item.ratings[sid]) for sid in scored)
    return None


def _unknown_framework(name: str, frameworks: Mapping[str, Framework]) -> str:
    return f"unknown framework {name!r}; expected one of {', '.join(sorted(frameworks))}"


def load_history(
    folder: Path,
    frameworks: Mapping[str, Framework],
    before: dt.date,
    themes: Collection[str] = (),
) -> tuple[HistoryYear, ...]:
    """Every earlier year under the annual report's history/ folder, oldest first; each
    must end before `before` (the annual report's own period start). Raises every
    problem found."""
    history = folder / HISTORY_FOLDER
    if not history.is_dir():
        return ()
    log = ProblemLog()
    years: list[HistoryYear] = []
    named: dict[str, HistoryInspection] = {}
    for path in sorted(history.glob("*.yaml")):
        try:
            doc = read_yaml(path)
        except YamlProblem as exc:
            log.problems.append(exc.problem)
            continue
        data, problems = validate(_HistoryFile, doc)
        log.extend(problems)
        if data is None:
            continue
        before_count = len(log.problems)
        _check(data, doc, frameworks, themes, log)
        if data.period_end >= before:
            line, col = doc.locate(("period_end",))
            log.add(
                path,
                f"period_end {data.period_end} is not before the annual report's period, "
                f"which starts {before}; an earlier year's figures only",
                line,
                col,
            )
        if len(log.problems) > before_count:
            continue
        entries = []
        for n, i in enumerate(data.inspections):
            line, col = doc.locate(("inspections", n, "id") if i.id else ("inspections", n))
            entry = HistoryInspection(
                i.service,
                i.date,
                i.framework,
                Rating(i.overall),
                {sid: Rating(r) for sid, r in i.ratings.items()},
                i.id,
                _published_score(i, frameworks[i.framework]),
                tuple(i.became),
                path,
                line,
                col,
            )
            if i.id is not None and i.id in named:
                log.add(
                    path,
                    f"id {i.id!r} is given twice in the history files; the other is at "
                    f"{named[i.id].place}",
                    line,
                    col,
                )
            elif i.id is not None:
                named[i.id] = entry
            entries.append(entry)
        years.append(
            HistoryYear(
                data.year,
                data.period_start,
                data.period_end,
                data.source,
                path,
                tuple(entries),
                tuple(
                    HistoryQuestion(q.id, q.framework, q.percent, q.cases)
                    for q in data.key_questions
                ),
                dict(data.recommendation_themes),
            )
        )
    log.raise_if_any()
    return tuple(sorted(years, key=lambda y: y.year))


__all__ = [
    "HISTORY_FOLDER",
    "HistoryInspection",
    "HistoryQuestion",
    "HistoryYear",
    "load_history",
]
