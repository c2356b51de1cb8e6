"""An annual report: its authored source and every figure computed for it, once."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from yjsreport.annual import aggregates as agg
from yjsreport.annual.content import AnnualSource, load_annual_sources
from yjsreport.annual.crosstab import SampleCrosstab, inspection_crosstabs
from yjsreport.annual.disclosure import SAFETY_PAIR, AnnualCells, GroupSource, annual_cells
from yjsreport.annual.links import reinspection_problems
from yjsreport.content.figures import FIGURES_FILE
from yjsreport.engine.results import InspectionResult
from yjsreport.errors import ContentError, Problem
from yjsreport.figures.annual import annual_figure_set
from yjsreport.figures.collect import FigureSet
from yjsreport.framework.model import Framework
from yjsreport.project import Report
from yjsreport.rules.ratings import Rating

MAPPA_GROUPS = {"level-1": "mappa", "level-2": "mappa", "level-3": "mappa"}


@dataclass(frozen=True)
class AnnualFigures:
    period: agg.Period
    framework: str
    results: tuple[InspectionResult, ...]  # published in the period, oldest first
    matrix: tuple[agg.MatrixRow, ...]
    overall: dict[Rating, int]
    by_year: tuple[tuple[str, dict[Rating, int]], ...]
    distributions: dict[str, dict[Rating, int]]
    series: tuple[agg.StageSeries, ...]
    contingency: tuple[agg.PromptRow, ...]
    extras: tuple[agg.PromptRow, ...]
    safety_by_risk: Counter[tuple[str, str]]
    quality_groups: dict[str, dict[str, dict[str, agg.Share]]]
    oocd_sequence: dict[str, dict[str, agg.Share]]
    attributes: dict[tuple[str, str], dict[str, int]]  # (sample, attribute) -> counts
    revisits: tuple[agg.Revisit, ...]
    surveys: tuple[agg.SurveyTotal, ...]
    highest: InspectionResult | None
    cases: dict[str, int]
    minimum_sample: int  # below this a court or out-of-court sample is not rated
    cells: AnnualCells  # every count of a characteristic, as it may be published
    # from the frameworks' files: the ratings matrix's columns, each distribution
    # exhibit's standards, the standards compared side by side, and the month the
    # annual report's framework came into force
    matrix_standards: tuple[str, ...] = ()
    distribution_groups: dict[str, tuple[str, ...]] = field(default_factory=dict)
    compared: tuple[tuple[str, str], ...] = ()
    framework_from: dt.date | None = None
    # each framework's own summary of how it differs, from its file, by version
    framework_summaries: dict[str, str] = field(default_factory=dict)

    def key_question_text(self, qid: str) -> str | None:
        for r in self.results:
            if r.framework_id == self.framework and (q := r.question(qid)) is not None:
                return q.text
        return None


def _surveys(report: Report) -> list[tuple[str, str, int]]:
    """(id, title, responses) of each survey an inspection's context records."""
    context = report.inspection.context
    if context is None:
        return []
    return [(s.id, s.title, s.responses) for s in context.surveys]


def _frameworks(reports: Sequence[Report], own: str) -> list[Framework]:
    """The frameworks of the inspections, the annual report's own first, then newest first."""
    known = {r.inspection.framework.id: r.inspection.framework for r in reports}
    rest = sorted(
        (f for f in known.values() if f.id != own),
        key=lambda f: f.in_force_from or dt.date.min,
        reverse=True,
    )
    return [known[own], *rest] if own in known else rest


def _distribution_groups(framework: Framework | None) -> dict[str, tuple[str, ...]]:
    if framework is None:
        return {}
    return {
        exhibit: tuple(s.id for s in domain.standards)
        for exhibit, domain_id in framework.annual.distributions.items()
        if (domain := framework.domain(domain_id)) is not None
    }


def compute_figures(source: AnnualSource, reports: Sequence[Report]) -> AnnualFigures:
    period = agg.Period(source.meta.period_start, source.meta.period_end)
    frameworks = _frameworks(reports, source.meta.framework)
    own = frameworks[0] if frameworks and frameworks[0].id == source.meta.framework else None
    standards = agg.matrix_standards(frameworks)
    all_results = [r.result for r in reports]
    results = agg.in_period(all_results, period)
    slugs = {r.slug for r in results}
    chosen = [r for r in reports if r.slug in slugs]
    framework = source.meta.framework
    crosstabs: list[dict[str, SampleCrosstab]] = [
        inspection_crosstabs(r.inspection) for r in chosen
    ]
    # Key questions against groups are summed within the narrative's framework only.
    same = [c for c, r in zip(crosstabs, chosen, strict=True) if r.result.framework_id == framework]
    quality_groups = {
        "looked_after": agg.quality_by_value(same, "court", "looked_after"),
        "ehcp": agg.quality_by_value(same, "court", "ehcp"),
        "mappa": agg.quality_by_value(same, "court", "mappa", MAPPA_GROUPS),
    }
    attributes = {
        (sample, attribute): agg.attribute_counts(results, sample, attribute)
        for sample in agg.CASE_SAMPLES
        for attribute in ("offence_type", "disposal_type", "oocd_sequence", "decision_basis")
    }
    oocd_sequence = agg.quality_by_value(same, "out-of-court", "oocd_sequence")
    same_pairs = [
        (c, r) for c, r in zip(crosstabs, chosen, strict=True) if r.result.framework_id == framework
    ]
    safety_by_risk = agg.pair_counts(crosstabs, agg.CASE_SAMPLES, SAFETY_PAIR)
    safety_contributors = [
        (r.slug, sample, r.result.samples.get(sample))
        for c, r in zip(crosstabs, chosen, strict=True)
        for sample in agg.CASE_SAMPLES
        if sample in c and SAFETY_PAIR in c[sample].pairs
    ]
    return AnnualFigures(
        period=period,
        framework=source.meta.framework,
        results=tuple(results),
        matrix=tuple(agg.ratings_matrix(results, standards)),
        overall=agg.overall_distribution(results),
        by_year=tuple(agg.overall_by_year(all_results, period)),
        distributions={sid: agg.standard_distribution(results, sid) for sid in standards},
        series=tuple(agg.key_question_series(all_results, period)),
        contingency=tuple(agg.prompts_about(results, source.meta.framework, "contingency")),
        extras=tuple(agg.extra_question_shares(results)),
        safety_by_risk=safety_by_risk,
        quality_groups=quality_groups,
        oocd_sequence=oocd_sequence,
        attributes=attributes,
        revisits=tuple(agg.revisits(results, all_results)),
        surveys=tuple(agg.survey_totals(_surveys(r) for r in chosen)),
        highest=agg.highest_score(results),
        cases={
            sample: sum(r.samples[sample].cases for r in results if sample in r.samples)
            for sample in ("court", "out-of-court", "resettlement")
        },
        minimum_sample=next(
            (
                r.inspection.framework.minimum_sample
                for r in chosen
                if r.inspection.framework.id == framework
            ),
            0,
        ),
        matrix_standards=standards,
        distribution_groups=_distribution_groups(own),
        compared=own.annual.compared if own else (),
        framework_from=own.in_force_from if own else None,
        framework_summaries={f.id: f.summary for f in frameworks},
        cells=annual_cells(
            results,
            attributes,
            safety_by_risk,
            safety_contributors,
            {
                table: (groups, _group_source(table, same_pairs))
                for table, groups in {**quality_groups, "oocd_sequence": oocd_sequence}.items()
            },
        ),
    )


def _group_source(
    table: str, tabs: Sequence[tuple[dict[str, SampleCrosstab], Report]]
) -> GroupSource:
    """Which inspections' cases a group table counts: those of the narrative's framework
    whose case file records the characteristic."""
    sample = "out-of-court" if table == "oocd_sequence" else "court"
    grouping = MAPPA_GROUPS if table == "mappa" else {}
    return GroupSource(
        sample,
        table,
        grouping,
        [
            (r.slug, r.result.samples.get(sample))
            for c, r in tabs
            if sample in c and table in c[sample].quality
        ],
    )


@dataclass(frozen=True)
class AnnualReport:
    source: AnnualSource
    figures: AnnualFigures
    # statistics and surveys from outside the case data (figures/annual.py)
    quoted: FigureSet = field(default_factory=FigureSet)

    @property
    def year(self) -> str:
        return self.source.year

    @property
    def is_draft(self) -> bool:
        return self.source.meta.is_draft


def collect_annuals(
    content: Path, reports: Sequence[Report], frameworks: set[str], *, drafts: bool = True
) -> tuple[list[AnnualReport], list[Problem]]:
    """Every annual report that loads, with its figures, and every problem found."""
    from yjsreport.annual.check import check_annual  # prose checks need the renderer

    problems = reinspection_problems(reports)
    try:
        sources = load_annual_sources(content, frameworks)
    except ContentError as exc:
        return [], [*problems, *exc.problems]
    annuals = []
    for source in sources:
        if source.meta.is_draft and not drafts:
            continue
        computed = compute_figures(source, reports)
        slugs = {r.slug for r in computed.results}
        quoted, found = annual_figure_set(
            source.figures,
            source.folder / FIGURES_FILE,
            [r.inspection.context for r in reports if r.slug in slugs],
        )
        problems.extend(found)
        annual = AnnualReport(source, computed, quoted)
        if not annual.figures.results:
            line, col = source.meta_doc.locate(("period_start",))
            problems.append(
                Problem(
                    source.folder / "annual.yaml",
                    "no inspection was published in the period "
                    f"{source.meta.period_start} to {source.meta.period_end}",
                    line,
                    col,
                )
            )
            continue
        problems.extend(check_annual(annual))
        annuals.append(annual)
    return annuals, problems
