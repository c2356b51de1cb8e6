"""The figures one report may quote from outside its case rows, gathered once.

A single report's come from its context.yaml and, for pooled questions, from the
counts the engine already computed per sample; an annual report's come from its
figures.yaml and from the surveys of the period's inspections, summed question by
question. Both give a FigureSet, which one resolver (figures/references.py) reads.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from yjsreport.content.figures import (
    StatCell,
    StatColumn,
    StatRow,
    StatTable,
    Survey,
    SurveyOption,
    SurveyQuestion,
    key_of,
)
from yjsreport.content.schema import Context, DemographicTable, Figure, KeyData
from yjsreport.engine.results import InspectionResult, QuestionResult


@dataclass(frozen=True)
class FigureSet:
    sources: Mapping[str, str] = field(default_factory=dict)
    tables: tuple[StatTable, ...] = ()
    surveys: tuple[Survey, ...] = ()
    # extra case questions summed over every sample that asks them
    pooled: Mapping[str, QuestionResult] = field(default_factory=dict)
    # context.yaml's figures with an id, for comparisons
    figures: Mapping[str, Figure] = field(default_factory=dict)
    # for summed surveys: how many inspections each sums, and each question
    survey_inspections: Mapping[str, int] = field(default_factory=dict)
    question_inspections: Mapping[tuple[str, str], int] = field(default_factory=dict)
    # proper names with a number in them ('Junction 10 Project'), not figures
    names: tuple[str, ...] = ()
    # each standard's key data table (its part's front-matter), by standard id
    key_data: Mapping[str, KeyData] = field(default_factory=dict)

    def table(self, table_id: str) -> StatTable | None:
        return next((t for t in self.tables if t.id == table_id), None)

    def survey(self, survey_id: str) -> Survey | None:
        return next((s for s in self.surveys if s.id == survey_id), None)


def demographic_table(table: DemographicTable, source: str | None) -> StatTable:
    """A caseload-demographics table of context.yaml as a table of statistics (its cells
    are percentages), named by its title: 'Age' is stat.age."""
    return StatTable.model_construct(
        id=key_of(table.title),
        title=table.title,
        columns=[StatColumn.model_construct(label=c, id=None, unit=None) for c in table.columns],
        rows=[
            StatRow.model_construct(
                label=row.label,
                values=[StatCell.model_construct(value=v, source=None) for v in row.values],
                id=None,
                source=row.source,
            )
            for row in table.rows
        ],
        unit="percent",
        source=source,
    )


def pooled_questions(result: InspectionResult) -> dict[str, QuestionResult]:
    """Each extra question's counts summed over the samples that ask it, from the counts
    computed per sample (case rows are read once, by the engine)."""
    pooled: dict[str, QuestionResult] = {}
    for sample in result.extra.values():
        for q in sample:
            before = pooled.get(q.id)
            pooled[q.id] = (
                q
                if before is None
                else QuestionResult(
                    q.id,
                    before.text,
                    before.yes + q.yes,
                    before.no + q.no,
                    before.not_applicable + q.not_applicable,
                )
            )
    return pooled


def for_inspection(
    context: Context | None,
    result: InspectionResult | None,
    key_data: Mapping[str, KeyData] | None = None,
) -> FigureSet:
    pooled = pooled_questions(result) if result is not None else {}
    key_data = key_data if key_data is not None else {}
    if context is None:
        return FigureSet(pooled=pooled, key_data=key_data)
    demographics = context.caseload_demographics
    tables = list(context.statistics)
    if demographics is not None:
        tables += [demographic_table(t, demographics.source) for t in demographics.tables]
    # each with its group's source where it names none, as its table prints it
    figures = {
        f.id: f if f.source or not group.source else f.model_copy(update={"source": group.source})
        for group in (context.population, context.caseload)
        if group is not None
        for f in group.figures
        if f.id
    }
    return FigureSet(
        context.sources,
        tuple(tables),
        tuple(context.surveys),
        pooled,
        figures,
        names=tuple(context.names),
        key_data=key_data,
    )


def summed_surveys(
    per_inspection: Iterable[Sequence[Survey]],
) -> tuple[list[Survey], dict[str, int]]:
    """Each survey summed across inspections, by id: responses, and each question's
    answers matched by question and answer id (the first wording kept)."""
    order: list[str] = []
    found: dict[str, list[Survey]] = {}
    for surveys in per_inspection:
        for s in surveys:
            if s.id not in found:
                order.append(s.id)
            found.setdefault(s.id, []).append(s)
    return [_sum(found[i]) for i in order], {i: len(found[i]) for i in order}


def question_counts(per_inspection: Iterable[Sequence[Survey]]) -> dict[tuple[str, str], int]:
    """How many inspections asked each survey question."""
    counts: dict[tuple[str, str], int] = {}
    for surveys in per_inspection:
        for s in surveys:
            for q in s.questions:
                counts[(s.id, q.id)] = counts.get((s.id, q.id), 0) + 1
    return counts


def _sum(surveys: list[Survey]) -> Survey:
    first = surveys[0]
    questions: dict[str, list[SurveyQuestion]] = {}
    for s in surveys:
        for q in s.questions:
            questions.setdefault(q.id, []).append(q)
    return Survey.model_construct(
        id=first.id,
        title=first.title,
        responses=sum(s.responses for s in surveys),
        source=None,
        respondents=first.respondents,
        questions=[_sum_question(qs) for qs in questions.values()],
    )


def _sum_question(questions: list[SurveyQuestion]) -> SurveyQuestion:
    counts: dict[str, int] = {}
    labels: dict[str, str] = {}
    groups: dict[str, list[str]] = {}
    for q in questions:
        for o in q.options:
            counts[o.id] = counts.get(o.id, 0) + o.count
            labels.setdefault(o.id, o.label)
        for name, members in q.groups.items():
            groups.setdefault(name, list(members))
    first = questions[0]
    return SurveyQuestion.model_construct(
        id=first.id,
        text=first.text,
        answered=sum(q.answered for q in questions),
        options=[
            SurveyOption.model_construct(id=i, label=labels[i], count=n) for i, n in counts.items()
        ],
        groups=groups,
        multiple=any(q.multiple for q in questions),
    )
