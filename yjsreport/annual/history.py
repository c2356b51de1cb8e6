"""Earlier years of an annual report, from their published figures.

content/annual/<year>/history/<earlier year>.yaml holds what an earlier annual
report published, entered as data, where the inspections of that year have no case
rows in the content: its ratings table (service, date, framework, overall and
standard ratings) and its aggregates (the share of cases judged sufficient on a key
question, with the number of relevant cases), each file with its source. The file's
name is the year its reporting year ends in (2021.yaml for October 2020 to
September 2021). This module is the one reader of those files; it checks them
against the framework files and returns a typed model. The current year's figures
come from the inspections, as always.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated

from pydantic import Field

from yjsreport.annual.aggregates import distribution
from yjsreport.annual.period import PeriodBy
from yjsreport.content.dates import DateOrMonth, latest
from yjsreport.content.schema import Date, Id, RatingWord, Text, _Strict
from yjsreport.content.validation import validate
from yjsreport.content.yamlsource import YamlDocument, YamlProblem, read_yaml
from yjsreport.errors import ProblemLog
from yjsreport.framework.model import Framework
from yjsreport.rules.banding import printed_percent
from yjsreport.rules.overall import overall_from_score, total_score
from yjsreport.rules.ratings import Rating

HISTORY_FOLDER = "history"


class _Inspection(_Strict):
    service: Text
    # the date that year's report counted it by: publication or end of fieldwork
    date: DateOrMonth
    framework: Id
    overall: RatingWord
    ratings: dict[Id, RatingWord] = Field(min_length=1)


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
        if all(sid in item.ratings for sid in scored):
            score = total_score(Rating(item.ratings[sid]) for sid in scored)
            follows = overall_from_score(score)
            if follows is not Rating(item.overall):
                add(
                    (*here, "overall"),
                    f"'{item.overall}' does not follow from the standards' ratings: they "
                    f"score {score.total} of {score.maximum}, which is '{follows}'",
                )
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
        years.append(
            HistoryYear(
                data.year,
                data.period_start,
                data.period_end,
                data.source,
                path,
                tuple(
                    HistoryInspection(
                        i.service,
                        i.date,
                        i.framework,
                        Rating(i.overall),
                        {sid: Rating(r) for sid, r in i.ratings.items()},
                    )
                    for i in data.inspections
                ),
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
