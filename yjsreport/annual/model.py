"""An annual report: its authored source and every figure computed for it, once."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from yjsreport.annual import aggregates as agg
from yjsreport.annual.content import AnnualSource, load_annual_sources
from yjsreport.annual.disclosure import SAFETY_PAIR, AnnualCells, GroupSource, annual_cells
from yjsreport.annual.links import reinspection_problems
from yjsreport.annual.matching import Matching, match_frameworks
from yjsreport.content.cases import SampleCounts
from yjsreport.engine.results import InspectionResult
from yjsreport.errors import ContentError, Problem
from yjsreport.framework.model import Framework
from yjsreport.project import Report
from yjsreport.rules.ratings import Rating

MAPPA_GROUPS = {"level-1": "mappa", "level-2": "mappa", "level-3": "mappa"}


@dataclass(frozen=True)
class AnnualFigures:
    period: agg.Period
    framework: str
    results: tuple[InspectionResult, ...]  # published in the period, oldest first
    # each service inspected in the period once, at its latest inspection (a service
    # inspected and reinspected in the period is one service); `results` has both
    services: tuple[InspectionResult, ...]
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
    matrix_headings: dict[str, tuple[str, str]] = field(default_factory=dict)  # domain, title
    distribution_groups: dict[str, tuple[str, ...]] = field(default_factory=dict)
    compared: tuple[tuple[str, str], ...] = ()
    framework_from: dt.date | None = None
    # each framework's own summary of how it differs, from its file, by version
    framework_summaries: dict[str, str] = field(default_factory=dict)
    # standards and questions of the frameworks matched by meaning (matching.py), and
    # the versions of the inspections each key-question group table pools
    matching: Matching = field(default_factory=lambda: Matching(""))
    group_versions: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def versions(self, keys: Iterable[str]) -> tuple[str, ...]:
        """The framework versions of the period's inspections that a figure over these
        standards or questions (matching keys) covers."""
        return self.matching.versions(keys, {r.framework_id for r in self.results})

    def label(self, key: str) -> str:
        """A standard's or question's id as shown, with its framework where not the
        annual report's own ('3.4 (2018 framework)')."""
        return self.matching.label(key)

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


def _distribution_groups(
    frameworks: Sequence[Framework], matching: Matching, own: str
) -> dict[str, tuple[str, ...]]:
    """Each distribution exhibit's standards (matching keys): those of the domain the
    annual report's framework names for it, then any standard of another framework's
    domain for the same exhibit that means something else (2018's 3.4)."""
    groups: dict[str, list[str]] = {}
    for framework in frameworks:
        if framework.id != own and own in {f.id for f in frameworks}:
            exhibits = [e for e in framework.annual.distributions if e in groups]
        else:
            exhibits = list(framework.annual.distributions)
        for exhibit in exhibits:
            domain = framework.domain(framework.annual.distributions[exhibit])
            if domain is None:
                continue
            keys = groups.setdefault(exhibit, [])
            keys += [
                k for s in domain.standards if (k := matching.key(framework.id, s.id)) not in keys
            ]
    return {exhibit: tuple(keys) for exhibit, keys in groups.items()}


def _pooled(report: Report, own: Framework | None, matching: Matching) -> dict[str, SampleCounts]:
    """An inspection's joint counts as the key-question group tables pool them: a sample
    counts only where its framework asks every key question the annual report's
    framework asks of that sample (matched by meaning), under the own framework's ids."""
    if own is None:
        return {}
    framework = report.inspection.framework
    out = {}
    for sample, counts in report.result.samples.items():
        wanted = set(own.sample_key_questions(sample))
        keys = {q: matching.key(framework.id, q) for q in framework.sample_key_questions(sample)}
        if not wanted <= set(keys.values()):
            continue
        joint = {
            attribute: {
                value: {keys[q]: c for q, c in per_q.items() if keys.get(q) in wanted}
                for value, per_q in by_value.items()
            }
            for attribute, by_value in counts.joint.items()
        }
        out[sample] = replace(counts, joint=joint)
    return out


def compute_figures(source: AnnualSource, reports: Sequence[Report]) -> AnnualFigures:
    period = agg.Period(source.meta.period_start, source.meta.period_end)
    frameworks = _frameworks(reports, source.meta.framework)
    own = frameworks[0] if frameworks and frameworks[0].id == source.meta.framework else None
    matching = match_frameworks(frameworks, source.meta.framework)
    all_results = [r.result for r in reports]
    results = agg.in_period(all_results, period)
    # the own framework's standards, and another's only where an inspection of the
    # period has it (a column of another version's 3.4 with no rating says nothing)
    standards = tuple(
        k
        for k in agg.matrix_standards(frameworks, matching)
        if matching.is_own(k) or any(agg.standard_distribution(results, k, matching).values())
    )
    # figures about services count each once, at its latest inspection in the period
    services = agg.latest_per_service(results)
    slugs = {r.slug for r in results}
    chosen = [r for r in reports if r.slug in slugs]
    framework = source.meta.framework
    # each sample's joint counts, as the one case reader counted them
    crosstabs: list[dict[str, SampleCounts]] = [r.result.samples for r in chosen]
    # Key questions against groups: pooled over the inspections whose framework asks the
    # narrative's framework's key questions (the same by meaning)
    pooled = [_pooled(r, own, matching) for r in chosen]
    same = pooled
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
    same_pairs = list(zip(pooled, chosen, strict=True))
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
        matrix=tuple(agg.ratings_matrix(results, standards, matching)),
        services=tuple(services),
        overall=agg.overall_distribution(services),
        by_year=tuple(agg.overall_by_year(all_results, period)),
        distributions={k: agg.standard_distribution(services, k, matching) for k in standards},
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
        matrix_headings=agg.matrix_headings(frameworks, matching),
        distribution_groups=_distribution_groups(frameworks, matching, framework),
        compared=own.annual.compared if own else (),
        framework_from=own.in_force_from if own else None,
        framework_summaries={f.id: f.summary for f in frameworks},
        matching=matching,
        group_versions={
            table: tuple(
                sorted(
                    {
                        r.result.framework_id
                        for c, r in same_pairs
                        if _sample_of(table) in c and table in c[_sample_of(table)].joint
                    }
                )
            )
            for table in (*quality_groups, "oocd_sequence")
        },
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
    table: str, tabs: Sequence[tuple[dict[str, SampleCounts], Report]]
) -> GroupSource:
    """Which inspections' cases a group table counts: those of the narrative's framework
    whose case file records the characteristic."""
    sample = _sample_of(table)
    grouping = MAPPA_GROUPS if table == "mappa" else {}
    return GroupSource(
        sample,
        table,
        grouping,
        [
            (r.slug, r.result.samples.get(sample))
            for c, r in tabs
            if sample in c and table in c[sample].joint
        ],
    )


def _sample_of(table: str) -> str:
    return "out-of-court" if table == "oocd_sequence" else "court"


@dataclass(frozen=True)
class AnnualReport:
    source: AnnualSource
    figures: AnnualFigures

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
        annual = AnnualReport(source, compute_figures(source, reports))
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
