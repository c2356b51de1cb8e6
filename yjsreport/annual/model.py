"""An annual report: its authored source and every figure computed for it, once."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from yjsreport.annual import aggregates as agg
from yjsreport.annual import trends
from yjsreport.annual.content import AnnualSource, load_annual_sources
from yjsreport.annual.disclosure import (
    SAFETY_PAIR,
    TYPE_ATTRIBUTES,
    AnnualCells,
    GroupSource,
    annual_cells,
)
from yjsreport.annual.exhibit_names import exhibit_problems
from yjsreport.annual.history import HistoryInspection, HistoryYear, load_history
from yjsreport.annual.links import (
    Original,
    history_entries,
    original_from_history,
    original_from_report,
    reinspection_problems,
    unrated_domains,
)
from yjsreport.annual.matching import Matching, match_frameworks
from yjsreport.annual.period import InspectionDates, Selection, select_inspections
from yjsreport.annual.placement import PlacedImage
from yjsreport.annual.services_map import map_ratings, position_problems
from yjsreport.annual.themes import (
    Theme,
    ThemeCount,
    load_themes,
    tagged,
    theme_counts,
    theme_problems,
)
from yjsreport.content.cases import SampleCounts
from yjsreport.content.figures import FIGURES_FILE
from yjsreport.engine.results import InspectionResult
from yjsreport.errors import ContentError, Problem
from yjsreport.figures.annual import annual_figure_set
from yjsreport.figures.collect import FigureSet
from yjsreport.framework.load import load_frameworks
from yjsreport.framework.model import Framework, SampleKind
from yjsreport.project import FRAMEWORKS_FOLDER, Report
from yjsreport.rules.ratings import Rating

MAPPA_GROUPS = {"level-1": "mappa", "level-2": "mappa", "level-3": "mappa"}


@dataclass(frozen=True)
class AnnualFigures:
    period: agg.Period
    selection: Selection
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
    # the rated samples of the period's frameworks, in their order (court, out-of-court)
    case_samples: tuple[str, ...] = ()
    # the report's framework's scored standards, and the score's maximum where one case
    # domain is not rated: the methodology's scale, from the framework file
    core_standards: int = 0
    reduced_maximum: int = 0
    # from the frameworks' files: the ratings matrix's columns, each domain's standards
    # (by the annual report's framework's domain id, for its distribution exhibit) and
    # title, the standards compared side by side, and the month the annual report's
    # framework came into force
    matrix_standards: tuple[str, ...] = ()
    matrix_headings: dict[str, tuple[str, str]] = field(default_factory=dict)  # domain, title
    distribution_groups: dict[str, tuple[str, ...]] = field(default_factory=dict)
    domain_titles: dict[str, str] = field(default_factory=dict)
    compared: tuple[tuple[str, str], ...] = ()
    framework_from: dt.date | None = None
    # each framework's own summary of how it differs, from its file, by version
    framework_summaries: dict[str, str] = field(default_factory=dict)
    # standards and questions of the frameworks matched by meaning (matching.py), and
    # the versions of the inspections each key-question group table pools
    matching: Matching = field(default_factory=lambda: Matching(""))
    group_versions: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # earlier years from their published figures (annual/history.py), oldest first,
    # and the trends over those in the window and the current year
    history: tuple[HistoryYear, ...] = ()
    current_label: str = ""
    trend_overall: tuple[trends.RatingsYear, ...] = ()
    trend_standards: dict[str, tuple[trends.RatingsYear, ...]] = field(default_factory=dict)
    # every standard of the own framework by year over the window, for `years.` references
    # (trend_standards holds those annual.yaml names for the exhibits)
    window_standards: dict[str, tuple[trends.RatingsYear, ...]] = field(default_factory=dict)
    trend_questions: tuple[trends.QuestionTrend, ...] = ()
    # recommendations by declared theme across the period, and those without a theme
    themes: tuple[ThemeCount, ...] = ()
    untagged: int = 0
    # the samples the framework files describe by their children's characteristics
    # (`profile`) and whose cases are not rated (resettlement), and the standards of the
    # annual report's framework judged on them
    profiled: tuple[str, ...] = ()
    profiled_standards: tuple[str, ...] = ()
    # each rated sample's characteristics its children are described by (`profile`),
    # and the disposal types its table of types lists apart by another attribute
    # (`split_types`), from the framework files
    caseload_profiles: dict[str, tuple[str, ...]] = field(default_factory=dict)
    split_types: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)
    # each key-question group table or sample's own attribute -> the sample it counts
    # (`quality_by` and `own_attributes` in the framework files)
    group_samples: dict[str, str] = field(default_factory=dict)
    # each standard of the annual report's framework -> the sample its domain inspects
    standard_samples: dict[str, str] = field(default_factory=dict)
    # each sample's label and noun as the framework files give them (court, court
    # disposals), for the exhibits' wording
    sample_labels: dict[str, str] = field(default_factory=dict)
    sample_nouns: dict[str, str] = field(default_factory=dict)

    @property
    def rated_samples(self) -> str:
        """'court or out-of-court': the samples the minimum-sample rule applies to."""
        own = set(self.standard_samples.values())
        return " or ".join(self.sample_labels.get(s, s) for s in self.case_samples if s in own)

    def sample_label(self, sample: str) -> str:
        """'Court', 'Out-of-court': a sample's label to open a caption or a line's name."""
        text = self.sample_labels.get(sample, sample)
        return text[:1].upper() + text[1:]

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
    own: Framework | None, frameworks: Sequence[Framework], matching: Matching
) -> dict[str, tuple[str, ...]]:
    """Each domain of the annual report's framework, by id, with its standards (matching
    keys), then any standard of another framework's matching domain that means something
    else (2018's 3.4 joint working, beside 2021's 3.4). Another framework's domain
    matches the own domain holding the standards it shares by meaning; sharing none, the
    own domain that inspects the same sample, or else the one of the same id."""
    if own is None:
        return {}
    groups = {d.id: [matching.key(own.id, s.id) for s in d.standards] for d in own.domains}
    by_sample = {d.sample: d.id for d in own.domains if d.sample}
    for framework in frameworks:
        if framework.id == own.id:
            continue
        for domain in framework.domains:
            keys = [matching.key(framework.id, s.id) for s in domain.standards]
            holding = [d for d, own_keys in groups.items() if set(keys) & set(own_keys)]
            if holding:
                target: str | None = holding[0] if len(holding) == 1 else None
            elif domain.sample:
                target = by_sample.get(domain.sample)
            else:
                target = domain.id if domain.id in groups else None
            if target is not None:
                groups[target] += [k for k in keys if k not in groups[target]]
    return {domain: tuple(keys) for domain, keys in groups.items()}


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
    services: Sequence[InspectionResult],
    own: Framework | None,
    matching: Matching,
) -> dict[str, Any]:
    """The trend figures: the window's earlier years, then the current year's, counted
    as the rest of the report counts them (services once, questions by meaning)."""
    options = source.meta.trends
    year = period.year_of(period.end)
    label = period.year_label(year)
    earlier = trends.window(history, year, options.years)
    current = {}
    if own is not None:
        for _, standard in own.standards():
            for kq in standard.key_questions:
                share = agg.question_share(results, matching, matching.key(own.id, kq.id))
                current[kq.id] = (share.percent, share.relevant)
    own_id = own.id if own else source.meta.framework
    by_meaning = match_frameworks(list(frameworks.values()), own_id) if own else None
    window_standards = {
        standard.id: tuple(
            trends.standard_trend(
                earlier,
                label,
                standard.id,
                agg.standard_distribution(services, matching.key(own_id, standard.id), matching),
                by_meaning,
            )
        )
        for _, standard in (own.standards() if own else ())
    }
    return {
        "history": tuple(history),
        "current_label": label,
        "trend_overall": tuple(
            trends.overall_trend(earlier, label, agg.overall_distribution(services))
        ),
        "trend_standards": {
            sid: window_standards[sid] for sid in options.standards if sid in window_standards
        },
        "window_standards": window_standards,
        "trend_questions": tuple(
            trends.question_trends(
                earlier, own, match_frameworks(list(frameworks.values()), own.id), label, current
            )
            if own
            else ()
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
    matching = match_frameworks(frameworks, source.meta.framework)
    all_results = [r.result for r in reports]
    selection = select(source, reports)
    slugs = set(selection.chosen)
    results = sorted(
        (r for r in all_results if r.slug in slugs),
        key=lambda r: (r.meta.publication_date, r.slug),
    )
    # the own framework's standards, and another's only where an inspection of the
    # period has it (a column of another version's 3.4 with no rating says nothing)
    standards = tuple(
        k
        for k in agg.matrix_standards(frameworks, matching)
        if matching.is_own(k) or any(agg.standard_distribution(results, k, matching).values())
    )
    # figures about services count each once, at its latest inspection in the period
    services = agg.latest_per_service(results)
    chosen = [r for r in reports if r.slug in slugs]
    framework = source.meta.framework
    # each sample's joint counts, as the one case reader counted them
    crosstabs: list[dict[str, SampleCounts]] = [r.result.samples for r in chosen]
    # Key questions against groups: pooled over the inspections whose framework asks the
    # narrative's framework's key questions (the same by meaning)
    pooled = [_pooled(r, own, matching) for r in chosen]
    # what the period's frameworks say of their samples (the labels: every framework's,
    # for the series that run over earlier years)
    in_period = {r.framework_id for r in results}
    kinds = _sample_kinds(own, [f for f in frameworks if f.id in in_period])
    named = _sample_kinds(own, frameworks)
    group_samples = {
        table: kind.id
        for kind in kinds.values()
        for table in (*kind.own_attributes, *kind.quality_by)
    }
    # quality set against a characteristic any child may have, and against one a sample
    # records of its own (whether an out-of-court disposal was the child's first)
    grouped = {
        table: agg.quality_by_value(
            pooled, kind.id, table, MAPPA_GROUPS if table == "mappa" else None
        )
        for kind in kinds.values()
        for table in kind.quality_by
    }
    own_tables = {t for kind in kinds.values() for t in kind.own_attributes}
    quality_groups = {t: g for t, g in grouped.items() if t not in own_tables}
    case_samples = agg.case_samples(frameworks)
    # a sample described by its children and not rated (resettlement); a rated sample's
    # profile is the caseload exhibit's
    profiled = tuple(
        kind.id for kind in kinds.values() if kind.profile and kind.id not in case_samples
    )
    attributes = {
        (sample, attribute): agg.attribute_counts(results, sample, attribute)
        for sample in case_samples
        for attribute in dict.fromkeys(
            (
                *TYPE_ATTRIBUTES,
                "disability",
                *(kinds[sample].profile if sample in kinds else ()),
            )
        )
    }
    attributes.update(
        {
            (sample, attribute): agg.attribute_counts(results, sample, attribute)
            for sample in profiled
            for attribute in kinds[sample].profile
        }
    )
    oocd_sequence = grouped.get("oocd_sequence", {})
    pooled_pairs = list(zip(pooled, chosen, strict=True))
    safety_by_risk = agg.pair_counts(crosstabs, case_samples, SAFETY_PAIR)
    safety_contributors = [
        (r.slug, sample, r.result.samples.get(sample))
        for c, r in zip(crosstabs, chosen, strict=True)
        for sample in case_samples
        if sample in c and SAFETY_PAIR in c[sample].pairs
    ]
    theme_totals, untagged = theme_counts(tagged(chosen), themes)
    return AnnualFigures(
        period=period,
        selection=selection,
        themes=theme_totals,
        untagged=untagged,
        profiled=profiled,
        caseload_profiles={
            s: kinds[s].profile for s in case_samples if s in kinds and kinds[s].profile
        },
        split_types={s: dict(kinds[s].split_types) for s in kinds if kinds[s].split_types},
        profiled_standards=tuple(
            s.id for d, s in (own.standards() if own else ()) if d.sample in profiled
        ),
        group_samples=group_samples,
        standard_samples={s.id: d.sample for d, s in (own.standards() if own else ()) if d.sample},
        sample_labels={sample: kind.label for sample, kind in named.items()},
        sample_nouns={sample: kind.noun for sample, kind in named.items()},
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
        revisits=tuple(
            agg.revisits(
                results,
                originals(reports, history, {**{f.id: f for f in frameworks}, **(known or {})}),
                {r.slug: unrated_domains(r) for r in chosen},
            )
        ),
        surveys=tuple(agg.survey_totals(_surveys(r) for r in chosen)),
        highest=agg.highest_score(results),
        cases={
            sample: sum(r.samples[sample].cases for r in results if sample in r.samples)
            for sample in agg.all_samples(frameworks)
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
        case_samples=case_samples,
        matrix_headings=agg.matrix_headings(frameworks, matching),
        distribution_groups=_distribution_groups(own, frameworks, matching),
        domain_titles={d.id: d.title for d in own.domains} if own else {},
        compared=own.annual.compared if own else (),
        core_standards=_scale(own)[0],
        reduced_maximum=_scale(own)[1],
        framework_from=own.in_force_from if own else None,
        framework_summaries={f.id: f.summary for f in frameworks},
        matching=matching,
        **_trend_fields(
            source,
            history,
            {**{f.id: f for f in frameworks}, **(known or {})},
            period,
            results,
            services,
            own,
            matching,
        ),
        group_versions={
            table: tuple(
                sorted(
                    {
                        r.result.framework_id
                        for c, r in pooled_pairs
                        if group_samples[table] in c and table in c[group_samples[table]].joint
                    }
                )
            )
            for table in grouped
        },
        cells=annual_cells(
            results,
            attributes,
            safety_by_risk,
            safety_contributors,
            {
                table: (groups, _group_source(group_samples[table], table, pooled_pairs))
                for table, groups in grouped.items()
            },
        ),
    )


def originals(
    reports: Sequence[Report], history: Sequence[HistoryYear], frameworks: Mapping[str, Framework]
) -> dict[str, Original]:
    """The first inspection each reinspection names, by that name: an inspection
    folder's or an entry of this annual report's history files. A name that is both,
    or neither, is left out (annual/links.py reports it)."""
    by_slug = {r.slug: r for r in reports}
    named = history_entries(y.inspections for y in history)
    top = Rating.scored()[-1].points
    out: dict[str, Original] = {}
    for r in reports:
        target = r.inspection.meta.reinspection_of
        if target is None or (target in by_slug) == (target in named):
            continue
        if target in by_slug:
            out[target] = original_from_report(by_slug[target])
            continue
        entry = named[target]
        framework = frameworks.get(entry.framework)
        if framework is None:
            continue
        scored = [s for _, s in framework.standards() if s.scored]
        unrated = tuple(
            d.title
            for d in framework.domains
            if (ids := [s.id for s in d.standards if s.scored])
            and all(entry.ratings.get(sid) is Rating.NOT_RATED for sid in ids)
        )
        source = next((y.source for y in history if entry in y.inspections), "")
        found = original_from_history(entry, top * len(scored), unrated, source)
        if found is not None:
            out[target] = found
    return out


def _group_source(
    sample: str, table: str, tabs: Sequence[tuple[dict[str, SampleCounts], Report]]
) -> GroupSource:
    """Which inspections' cases a group table counts: those of the narrative's framework
    whose case file records the characteristic."""
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


def _scale(own: Framework | None) -> tuple[int, int]:
    """How many standards the score adds up, and its maximum when the first domain of
    rated cases has too few cases to be rated (the standards of that domain drop out)."""
    if own is None:
        return 0, 0
    scored = [(d, s) for d, s in own.standards() if s.scored]
    top = Rating.scored()[-1].points
    case_domains = [d for d in own.domains if d.sample and d.has_case_standards]
    dropped = sum(1 for d, _ in scored if d.id == case_domains[0].id) if case_domains else 0
    return len(scored), top * (len(scored) - dropped)


def _sample_kinds(own: Framework | None, frameworks: Sequence[Framework]) -> dict[str, SampleKind]:
    """Each sample's kind as the framework files declare it, the annual report's own
    framework's word first: what its quality is grouped by, what it is profiled by."""
    kinds: dict[str, SampleKind] = {}
    for framework in (*([own] if own else []), *frameworks):
        for kind in framework.sample_kinds:
            kinds.setdefault(kind.id, kind)
    return kinds


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

    try:
        sources = load_annual_sources(content, frameworks)
    except ContentError as exc:
        return [], [*reinspection_problems(reports), *exc.problems]
    annuals = []
    in_use = {r.inspection.framework.id: r.inspection.framework for r in reports}
    files = {**in_use, **framework_files(content)} if sources else in_use
    try:
        themes = load_themes(content) if sources else ()
    except ContentError as exc:
        return [], [*reinspection_problems(reports), *exc.problems]
    # every annual report's history, drafts' too: a reinspection may name an entry of
    # any; the problems of a draft's history count only where the draft is built
    problems: list[Problem] = []
    histories: dict[Path, tuple[HistoryYear, ...]] = {}
    for source in sources:
        try:
            histories[source.folder] = load_history(
                source.folder, files, source.meta.period_start, [t.id for t in themes]
            )
        except ContentError as exc:
            if drafts or not source.meta.is_draft:
                problems.extend(exc.problems)
    named = history_entries(y.inspections for h in histories.values() for y in h)
    problems[:0] = reinspection_problems(
        reports, named if sources else None, history_read=len(histories) == len(sources)
    )
    for source in sources:
        if source.meta.is_draft and not drafts:
            continue
        wrong_names = exhibit_problems(source, files[source.meta.framework])
        if wrong_names:
            problems.extend(wrong_names)
            continue
        if source.folder not in histories:
            continue
        history = histories[source.folder]
        problems.extend(_history_elsewhere(source, reports, history, named))
        computed = compute_figures(source, reports, history, files, themes)
        slugs = {r.slug for r in computed.results}
        quoted, found = annual_figure_set(
            source.figures,
            source.folder / FIGURES_FILE,
            [r.inspection.context for r in reports if r.slug in slugs],
        )
        problems.extend(found)
        annual = AnnualReport(source, computed, quoted)
        covered = set(annual.figures.selection.chosen)
        problems.extend(theme_problems(tagged(r for r in reports if r.slug in covered), themes))
        problems.extend(trend_problems(source, files))
        services = sorted(map_ratings(annual.figures))
        for chapter in source.chapters:
            for part in chapter.parts:
                if isinstance(part, PlacedImage) and part.drawn is not None:
                    problems.extend(position_problems(part.drawn, services))
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


def _history_elsewhere(
    source: AnnualSource,
    reports: Sequence[Report],
    history: Sequence[HistoryYear],
    named: Mapping[str, HistoryInspection],
) -> list[Problem]:
    """A reinspection in this annual report's period that names an entry of another
    annual report's history only: this report could not compare it."""
    own = history_entries(y.inspections for y in history)
    chosen = set(select(source, reports).chosen)
    out = []
    for r in reports:
        target = r.inspection.meta.reinspection_of
        if r.slug not in chosen or target is None or target in own or target not in named:
            continue
        line, col = (
            r.inspection.meta_doc.locate(("reinspection_of",))
            if r.inspection.meta_doc
            else (None, None)
        )
        out.append(
            Problem(
                r.inspection.folder / "inspection.yaml",
                f"reinspection_of: {target!r} is in the history of another annual report "
                f"({named[target].place}), not in that of annual report {source.year}, "
                "whose period this reinspection is in: enter it there too",
                line,
                col,
            )
        )
    return out


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
