"""An annual report: its authored source and every figure computed for it, once."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from yjsreport.annual import aggregates as agg
from yjsreport.annual import trends
from yjsreport.annual.content import AnnualSource, load_annual_sources
from yjsreport.annual.crosstab import SampleCrosstab, inspection_crosstabs
from yjsreport.annual.disclosure import (
    SAFETY_PAIR,
    TYPE_ATTRIBUTES,
    AnnualCells,
    GroupSource,
    annual_cells,
)
from yjsreport.annual.history import HistoryYear, load_history
from yjsreport.annual.links import reinspection_problems
from yjsreport.annual.period import InspectionDates, Selection, select_inspections
from yjsreport.annual.themes import (
    Theme,
    ThemeCount,
    load_themes,
    tagged,
    theme_counts,
    theme_problems,
)
from yjsreport.engine.results import InspectionResult
from yjsreport.errors import ContentError, Problem
from yjsreport.framework.load import load_frameworks
from yjsreport.framework.model import Framework
from yjsreport.project import FRAMEWORKS_FOLDER, Report
from yjsreport.rules.ratings import Rating

MAPPA_GROUPS = {"level-1": "mappa", "level-2": "mappa", "level-3": "mappa"}
# The characteristics of the children of the resettlement sample the annual report
# profiles (the published report gives looked-after children, age, sex, ethnicity).
RESETTLEMENT_PROFILE = ("looked_after", "gender", "age_band", "ethnicity", "ehcp", "disability")


@dataclass(frozen=True)
class AnnualFigures:
    period: agg.Period
    selection: Selection
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
    # earlier years from their published figures (annual/history.py), oldest first,
    # and the trends over those in the window and the current year
    history: tuple[HistoryYear, ...] = ()
    current_label: str = ""
    trend_overall: tuple[trends.RatingsYear, ...] = ()
    trend_standards: dict[str, tuple[trends.RatingsYear, ...]] = field(default_factory=dict)
    trend_questions: tuple[trends.QuestionTrend, ...] = ()
    # recommendations by declared theme across the period, and those without a theme
    themes: tuple[ThemeCount, ...] = ()
    untagged: int = 0
    # the standards of the annual report's framework judged on the resettlement sample
    resettlement_standards: tuple[str, ...] = ()

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


def select(source: AnnualSource, reports: Sequence[Report]) -> Selection:
    """The inspections the annual report covers, by the rule its annual.yaml sets."""
    return select_inspections(
        source.meta.period_rule,
        (
            InspectionDates(
                r.slug, r.inspection.meta.fieldwork_end, r.inspection.meta.publication_date
            )
            for r in reports
        ),
    )


def _trend_fields(
    source: AnnualSource,
    history: Sequence[HistoryYear],
    frameworks: Mapping[str, Framework],
    period: agg.Period,
    results: Sequence[InspectionResult],
    own: Framework | None,
) -> dict[str, Any]:
    """The trend figures: the window's earlier years, then the current year's."""
    options = source.meta.trends
    year = period.year_of(period.end)
    label = period.year_label(year)
    earlier = trends.window(history, year, options.years)
    current_overall = agg.overall_distribution(results)
    current = {}
    if own is not None:
        for _, standard in own.standards():
            for kq in standard.key_questions:
                share = agg.question_share(results, own.id, kq.id)
                current[kq.id] = (share.percent, share.relevant)
    return {
        "history": tuple(history),
        "current_label": label,
        "trend_overall": tuple(trends.overall_trend(earlier, label, current_overall)),
        "trend_standards": {
            sid: tuple(
                trends.standard_trend(earlier, label, sid, agg.standard_distribution(results, sid))
            )
            for sid in options.standards
        },
        "trend_questions": tuple(
            trends.question_trends(earlier, own, frameworks, label, current) if own else ()
        ),
    }


def compute_figures(
    source: AnnualSource,
    reports: Sequence[Report],
    history: Sequence[HistoryYear] = (),
    framework_files: Mapping[str, Framework] | None = None,
    themes: Sequence[Theme] = (),
) -> AnnualFigures:
    """Every figure of one annual report; `framework_files` are the frameworks the
    earlier years' figures name, where no inspection of the content uses them."""
    meta = source.meta
    period = agg.Period(meta.period_start, meta.period_end, meta.period_by, meta.published_by)
    known = framework_files
    frameworks = _frameworks(reports, source.meta.framework)
    own = frameworks[0] if frameworks and frameworks[0].id == source.meta.framework else None
    if own is None and known is not None:
        own = known.get(source.meta.framework)
    standards = agg.matrix_standards(frameworks)
    all_results = [r.result for r in reports]
    selection = select(source, reports)
    slugs = set(selection.chosen)
    results = sorted(
        (r for r in all_results if r.slug in slugs),
        key=lambda r: (r.meta.publication_date, r.slug),
    )
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
        for attribute in (*TYPE_ATTRIBUTES, "disability")
    }
    attributes.update(
        {
            ("resettlement", attribute): agg.attribute_counts(results, "resettlement", attribute)
            for attribute in RESETTLEMENT_PROFILE
        }
    )
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
    theme_totals, untagged = theme_counts(tagged(chosen), themes)
    return AnnualFigures(
        period=period,
        themes=theme_totals,
        untagged=untagged,
        resettlement_standards=tuple(
            s.id for d, s in (own.standards() if own else ()) if d.sample == "resettlement"
        ),
        selection=selection,
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
        **_trend_fields(
            source,
            history,
            {**{f.id: f for f in frameworks}, **(known or {})},
            period,
            results,
            own,
        ),
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
    in_use = {r.inspection.framework.id: r.inspection.framework for r in reports}
    files = {**in_use, **framework_files(content)} if sources else in_use
    try:
        themes = load_themes(content) if sources else ()
    except ContentError as exc:
        return [], [*problems, *exc.problems]
    for source in sources:
        if source.meta.is_draft and not drafts:
            continue
        try:
            history = load_history(
                source.folder, files, source.meta.period_start, [t.id for t in themes]
            )
        except ContentError as exc:
            problems.extend(exc.problems)
            continue
        annual = AnnualReport(source, compute_figures(source, reports, history, files, themes))
        covered = set(annual.figures.selection.chosen)
        problems.extend(theme_problems(tagged(r for r in reports if r.slug in covered), themes))
        problems.extend(trend_problems(source, files))
        problems.extend(selection_problems(source, annual.figures.selection))
        if not annual.figures.results:
            line, col = source.meta_doc.locate(("period_start",))
            problems.append(
                Problem(
                    source.folder / "annual.yaml",
                    f"no inspection {_covered(source.meta.period_by)} in the period "
                    f"{source.meta.period_start} to {source.meta.period_end}",
                    line,
                    col,
                )
            )
            continue
        problems.extend(check_annual(annual))
        annuals.append(annual)
    return annuals, problems


def _covered(by: str) -> str:
    return "was published" if by == "publication" else "ended its fieldwork"


def selection_problems(source: AnnualSource, selection: Selection) -> list[Problem]:
    """What the period leaves undecided, each at the line of annual.yaml that sets it."""
    meta, doc, path = source.meta, source.meta_doc, source.folder / "annual.yaml"
    out: list[Problem] = []
    listed = meta.inspections or []
    for slug in selection.unknown:
        line, col = doc.locate(("inspections", listed.index(slug)))
        out.append(
            Problem(path, f"inspections: no inspection folder {slug!r} in the content", line, col)
        )
    for slug in selection.too_late:
        line, col = doc.locate(("inspections", listed.index(slug)))
        out.append(
            Problem(
                path,
                f"inspections: {slug!r} was published after the cut-off "
                f"{meta.published_by}; move published_by or leave it out",
                line,
                col,
            )
        )
    for slug in selection.straddling:
        key = "published_by" if meta.published_by is not None else "period_end"
        line, col = doc.locate((key,))
        out.append(
            Problem(
                path,
                f"{slug}: its inspection.yaml gives only the month of a date the period "
                "turns on, and the month runs across the period's boundary; give the day "
                "there, or list the inspections",
                line,
                col,
            )
        )
    return out


def framework_files(content: Path) -> dict[str, Framework]:
    """The content's framework files, for earlier years' figures (read once a build)."""
    folder = content / FRAMEWORKS_FOLDER
    return load_frameworks(folder) if folder.is_dir() else {}


def trend_problems(source: AnnualSource, frameworks: Mapping[str, Framework]) -> list[Problem]:
    """Standards named for trends that the annual report's framework does not have."""
    own = frameworks.get(source.meta.framework)
    if own is None:
        return []
    out = []
    for i, sid in enumerate(source.meta.trends.standards):
        if own.standard(sid) is None:
            line, col = source.meta_doc.locate(("trends", "standards", i))
            out.append(
                Problem(
                    source.folder / "annual.yaml",
                    f"trends.standards: framework {own.id} has no standard {sid}; expected "
                    f"one of {', '.join(s.id for _, s in own.standards())}",
                    line,
                    col,
                )
            )
    return out
