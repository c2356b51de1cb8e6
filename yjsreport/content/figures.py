"""Figures from outside the case data, as authors write them: surveys with their
answers counted, and tables of statistics with their sources.

One model for both kinds of report: an inspection's context.yaml holds these keys
beside its population and caseload figures; an annual report holds them in its
own figures.yaml. Prose quotes every figure by name (prose/figure_refs.py), so a
survey answer or a national statistic is never typed by hand.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StrictInt, model_validator

from yjsreport.content.primitives import FigureValue, Slug, Text, Unit
from yjsreport.errors import Problem
from yjsreport.sources.validation import validate
from yjsreport.sources.yamldoc import YamlDocument, YamlProblem, read_yaml

Count = Annotated[StrictInt, Field(ge=0)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def key_of(label: str) -> str:
    """The name prose uses for a row or column that has no id: its label in lower case,
    every run of other characters a hyphen ('10–14 years' is 10-14-years)."""
    return re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-")


class SurveyOption(_Strict):
    id: Slug
    label: Text
    count: Count
    # the answer's place on a rating scale ('8' of 'rate us from 1 to 10'), or the band of
    # places it stands for ([8, 10] for '8 to 10'), for averages and lowest scores
    score: Count | tuple[Count, Count] | None = None

    @property
    def lowest(self) -> int | None:
        return self.score[0] if isinstance(self.score, tuple) else self.score

    @property
    def highest(self) -> int | None:
        return self.score[1] if isinstance(self.score, tuple) else self.score


class SurveyQuestion(_Strict):
    """One question: how many answered it, and how many gave each answer. `groups` name
    answers quoted together (agree: [strongly-agree, agree])."""

    id: Slug
    text: Text
    answered: Count
    options: list[SurveyOption] = Field(min_length=1)
    groups: dict[Slug, list[Slug]] = Field(default_factory=dict)
    # more than one answer allowed: the counts may add up to more than `answered`
    multiple: bool = False
    # the top of a rating scale, where no option has it ('with 10 being fantastic')
    scale: Count | None = None

    @model_validator(mode="after")
    def _counts_add_up(self) -> SurveyQuestion:
        ids = [o.id for o in self.options]
        if len(set(ids)) != len(ids):
            raise ValueError(f"question {self.id!r}: each answer needs its own id")
        for option in self.options:
            if option.count > self.answered:
                raise ValueError(
                    f"question {self.id!r}: {option.count} gave the answer {option.id!r}, "
                    f"more than the {self.answered} who answered"
                )
        total = sum(o.count for o in self.options)
        if not self.multiple and total != self.answered:
            raise ValueError(
                f"question {self.id!r}: the answers add up to {total}, not the "
                f"{self.answered} who answered (write multiple: true where one person "
                "could give more than one answer)"
            )
        for option in self.options:
            if isinstance(option.score, tuple) and option.score[0] > option.score[1]:
                raise ValueError(
                    f"question {self.id!r}: answer {option.id!r} has the band of scores "
                    f"{list(option.score)}; write the lower score first"
                )
        scored = [o.score is not None for o in self.options]
        if any(scored) and not all(scored):
            raise ValueError(
                f"question {self.id!r}: give every answer a score, or none: "
                f"{', '.join(o.id for o in self.options if o.score is None)} has none"
            )
        if self.scale is not None and not all(scored):
            raise ValueError(f"question {self.id!r}: a scale needs a score on every answer")
        top = max((o.highest or 0 for o in self.options), default=0)
        if self.scale is not None and self.scale < top:
            raise ValueError(
                f"question {self.id!r}: the scale's top, {self.scale}, is below the score "
                f"{top} of an answer"
            )
        for name, members in self.groups.items():
            if name in ids:
                raise ValueError(f"question {self.id!r}: group {name!r} has an answer's id")
            unknown = [m for m in members if m not in ids]
            if unknown or not members:
                raise ValueError(
                    f"question {self.id!r}: group {name!r} names "
                    f"{', '.join(map(repr, unknown)) or 'no answer'}; expected answers "
                    f"of {', '.join(ids)}"
                )
        return self

    def count(self, answer: str) -> int | None:
        """How many gave an answer, or any answer of a group; None for neither."""
        if answer in self.groups:
            members = set(self.groups[answer])
            return sum(o.count for o in self.options if o.id in members)
        return next((o.count for o in self.options if o.id == answer), None)

    @property
    def answers(self) -> list[str]:
        return [o.id for o in self.options] + list(self.groups)

    @property
    def scored(self) -> bool:
        return all(o.score is not None for o in self.options)

    @property
    def banded(self) -> bool:
        """Whether some answers stand for a band of scores, so no average can be given."""
        return any(isinstance(o.score, tuple) for o in self.options)

    def given(self) -> list[SurveyOption]:
        return [o for o in self.options if o.count and o.score is not None]

    @property
    def top_of_scale(self) -> int:
        return self.scale if self.scale is not None else max(o.highest or 0 for o in self.options)


class Survey(_Strict):
    """A survey the inspection ran or drew on: quoted as {{ survey.<id>.responses }} and,
    where its questions are given, per question ({{ survey.<id>.<question>.<answer> }})."""

    id: Slug
    title: Text
    responses: Count
    source: str | None = None
    # who answered, as prose names them after a count: 'staff', 'children'
    respondents: Text | None = None
    questions: list[SurveyQuestion] = Field(default_factory=list)

    @model_validator(mode="after")
    def _questions(self) -> Survey:
        ids = [q.id for q in self.questions]
        if len(set(ids)) != len(ids):
            raise ValueError(f"survey {self.id!r}: each question needs its own id")
        for q in self.questions:
            if q.answered > self.responses:
                raise ValueError(
                    f"survey {self.id!r}: {q.answered} answered {q.id!r}, more than its "
                    f"{self.responses} responses"
                )
        return self

    def question(self, question_id: str) -> SurveyQuestion | None:
        return next((q for q in self.questions if q.id == question_id), None)


def _column(value: object) -> object:
    """A column given as its label alone."""
    return {"label": value} if isinstance(value, str) else value


def _cell(value: object) -> object:
    """A cell given as its figure alone; {value: ..., source: ...} for one with a source."""
    return value if isinstance(value, dict) else {"value": value}


class StatColumn(_Strict):
    label: Text
    id: Slug | None = None
    unit: Unit | None = None  # by default the table's

    @property
    def key(self) -> str:
        return self.id or key_of(self.label)


class StatCell(_Strict):
    value: FigureValue
    source: str | None = None


class StatRow(_Strict):
    label: Text
    values: list[
        Annotated[
            StatCell, BeforeValidator(_cell, json_schema_input_type=int | float | str | StatCell)
        ]
    ]
    id: Slug | None = None
    source: str | None = None

    @property
    def key(self) -> str:
        return self.id or key_of(self.label)


# The charts a table of statistics may ask for (see StatChart).
CHART_KINDS = ("lines", "stacked-bars", "bars")


class StatChart(_Strict):
    """A chart drawn from a table of statistics, placed with {{ chart stat.<table> }}.

    - `lines`: a line for each row across the columns, read as years or other steps
      in order (at least two columns): a measure over time, such as shares by year.
    - `stacked-bars`: a bar for each column, split into the rows as shares of the
      column's total: the make-up of a whole in each year.
    - `bars`: a cluster for each row, a bar for each column, each labelled with its
      figure: a few figures side by side.

    `axis` names what the values measure ('Children cautioned or sentenced (%)'); by
    default the table's unit ('Per cent', 'Number')."""

    kind: Literal["lines", "stacked-bars", "bars"]
    axis: Text | None = None


class StatTable(_Strict):
    """A table of statistics: every cell quoted as {{ stat.<table>.<row>.<column> }},
    each source (of the table, a row or a cell) given once as a note; `chart` asks for
    a chart of its figures as well."""

    id: Slug
    title: Text
    columns: list[
        Annotated[StatColumn, BeforeValidator(_column, json_schema_input_type=str | StatColumn)]
    ] = Field(min_length=1)
    rows: list[StatRow] = Field(min_length=1)
    # what the rows' labels name, heading their column (a screen reader reads it out
    # with each row's label)
    row_heading: Text = "Measure"
    unit: Unit = "number"
    source: str | None = None
    chart: StatChart | None = None

    @model_validator(mode="after")
    def _shape(self) -> StatTable:
        for row in self.rows:
            if len(row.values) != len(self.columns):
                raise ValueError(
                    f"row '{row.label}' has {len(row.values)} values for "
                    f"{len(self.columns)} columns"
                )
        for what, keys in (
            ("row", [r.key for r in self.rows]),
            ("column", [c.key for c in self.columns]),
        ):
            twice = sorted({k for k in keys if keys.count(k) > 1})
            if twice:
                raise ValueError(
                    f"table {self.id!r}: two {what}s are named {twice[0]!r}; give one an id"
                )
        return self

    def unit_of(self, column: StatColumn) -> str:
        return column.unit or self.unit


class FiguresFile(_Strict):
    """An annual report's figures.yaml: the same keys as an inspection's context.yaml
    holds for statistics and surveys."""

    sources: dict[str, Text] = Field(default_factory=dict)
    statistics: list[StatTable] = Field(default_factory=list)
    surveys: list[Survey] = Field(default_factory=list)
    # proper names with a number in them, read by the figure check as names
    names: list[Text] = Field(default_factory=list)

    @model_validator(mode="after")
    def _unique(self) -> FiguresFile:
        unique_ids(self.statistics, self.surveys)
        return self


def unique_ids(statistics: list[StatTable], surveys: list[Survey]) -> None:
    for what, ids in (("table", [t.id for t in statistics]), ("survey", [s.id for s in surveys])):
        twice = sorted({i for i in ids if ids.count(i) > 1})
        if twice:
            raise ValueError(f"each {what} needs its own id: {twice[0]!r} is used twice")


def _cited(
    statistics: list[StatTable], surveys: list[Survey]
) -> Iterator[tuple[str, tuple[Any, ...]]]:
    """Every source id the figures cite, with where it is written."""
    for t, table in enumerate(statistics):
        if table.source:
            yield table.source, ("statistics", t, "source")
        for r, row in enumerate(table.rows):
            if row.source:
                yield row.source, ("statistics", t, "rows", r, "source")
            for c, cell in enumerate(row.values):
                if cell.source:
                    yield cell.source, ("statistics", t, "rows", r, "values", c, "source")
    for s, survey in enumerate(surveys):
        if survey.source:
            yield survey.source, ("surveys", s, "source")


def unknown_sources(
    sources: dict[str, str],
    statistics: list[StatTable],
    surveys: list[Survey],
    doc: YamlDocument,
) -> list[Problem]:
    """A source id that `sources` does not define, located where it is cited."""
    problems = []
    for key, path in _cited(statistics, surveys):
        if key not in sources:
            line, col = doc.locate(path)
            known = ", ".join(sources) or "none defined yet"
            problems.append(
                Problem(
                    doc.path,
                    f"source {key!r} is not defined under 'sources' (defined: {known})",
                    line,
                    col,
                )
            )
    return problems


def chart_problems(statistics: list[StatTable], doc: YamlDocument) -> list[Problem]:
    """What stops a table's chart from being drawn, located where it is written: a
    figure that is not a number (a chart cannot draw '<5'), or lines over one column."""
    problems = []
    for t, table in enumerate(statistics):
        if table.chart is None:
            continue
        for r, row in enumerate(table.rows):
            for c, cell in enumerate(row.values):
                if not isinstance(cell.value, int | float):
                    line, col = doc.locate(("statistics", t, "rows", r, "values", c))
                    problems.append(
                        Problem(
                            doc.path,
                            f"table {table.id!r} asks for a chart, but row {row.key!r} "
                            f"holds {cell.value!r}, which is not a number: a chart draws "
                            "numbers only (give the figure as a number, or remove chart:)",
                            line,
                            col,
                        )
                    )
        if table.chart.kind != "lines":
            problems += _bar_problems(t, table, doc)
        if table.chart.kind == "lines" and len(table.columns) < 2:
            line, col = doc.locate(("statistics", t, "chart", "kind"))
            problems.append(
                Problem(
                    doc.path,
                    f"table {table.id!r} has one column, and a chart of lines needs at "
                    "least two (a column for each year it follows); give it more columns "
                    "or ask for kind: bars",
                    line,
                    col,
                )
            )
    return problems


def _bar_problems(t: int, table: StatTable, doc: YamlDocument) -> list[Problem]:
    """A bar is as long as its figure: one below zero cannot be drawn as a share, and a
    column adding up to nothing would be an empty stacked bar."""
    problems = []
    for r, row in enumerate(table.rows):
        for c, cell in enumerate(row.values):
            if isinstance(cell.value, int | float) and cell.value < 0:
                line, col = doc.locate(("statistics", t, "rows", r, "values", c))
                problems.append(
                    Problem(
                        doc.path,
                        f"table {table.id!r}: row {row.key!r} holds {cell.value}, below "
                        "zero, which a bar cannot show; ask for kind: lines",
                        line,
                        col,
                    )
                )
    if table.chart is not None and table.chart.kind == "stacked-bars":
        for c, column in enumerate(table.columns):
            values = [row.values[c].value for row in table.rows]
            if all(isinstance(v, int | float) for v in values) and not any(values):
                line, col = doc.locate(("statistics", t, "columns", c))
                problems.append(
                    Problem(
                        doc.path,
                        f"table {table.id!r}: column {column.key!r} adds up to 0, so its "
                        "stacked bar would be empty; leave the column out or ask for "
                        "kind: bars",
                        line,
                        col,
                    )
                )
    return problems


FIGURES_FILE = "figures.yaml"


def read_figures(path: Path) -> tuple[FiguresFile | None, list[Problem]]:
    """An annual report's figures file, or the located problems that stop it."""
    try:
        doc = read_yaml(path)
    except YamlProblem as exc:
        return None, [exc.problem]
    figures, problems = validate(FiguresFile, doc)
    if figures is None:
        return None, problems
    problems = unknown_sources(figures.sources, figures.statistics, figures.surveys, doc)
    problems += chart_problems(figures.statistics, doc)
    return (None if problems else figures), problems
