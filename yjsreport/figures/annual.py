"""The figures an annual report quotes from outside the case data: its own
figures.yaml (statistics, surveys it reports whole) and the surveys of the period's
inspections, summed question by question, under the same references as a single
report's."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from yjsreport.content.figures import FiguresFile
from yjsreport.content.schema import Context
from yjsreport.errors import Problem
from yjsreport.figures.collect import FigureSet, question_counts, summed_surveys


def annual_figure_set(
    own: FiguresFile | None, path: Path, contexts: Sequence[Context | None]
) -> tuple[FigureSet, list[Problem]]:
    """The annual report's figures; a survey id both in figures.yaml and in the
    inspections' surveys is a problem, since one reference would name two figures."""
    recorded = [c.surveys for c in contexts if c is not None]
    summed, inspections = summed_surveys(recorded)
    own = own or FiguresFile()
    problems = [
        Problem(
            path,
            f"survey {s.id!r} is also the id of a survey of the period's inspections, whose "
            f"answers are summed as survey.{s.id}; give this one another id",
        )
        for s in own.surveys
        if s.id in inspections
    ]
    figures = FigureSet(
        sources=own.sources,
        names=tuple(own.names),
        tables=tuple(own.statistics),
        surveys=(*own.surveys, *(s for s in summed if s.id not in {o.id for o in own.surveys})),
        survey_inspections=inspections,
        question_inspections=question_counts(recorded),
    )
    return figures, problems
