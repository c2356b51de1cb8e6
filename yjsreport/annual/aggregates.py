"""Figures across inspections, as pure functions of computed results.

Every table and chart of the annual report is built from these; each takes
inspection results (never case rows), whose samples carry the joint counts the
one case reader (yjsreport/content/cases.py) made, and returns counts from which the shown
percentages follow. Standards and questions of different framework versions are
counted together only where the framework files declare the same meaning
(matching.py): the 2018 and 2021 frameworks use the id 3.4 for different standards.
Key-question series are drawn per framework version, never joined across the change.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING

from yjsreport.annual.matching import Matching
from yjsreport.annual.period import PeriodBy
from yjsreport.content.cases import QuestionCount, SampleCounts
from yjsreport.content.schema import InspectionMeta
from yjsreport.engine.results import InspectionResult, QuestionResult, StandardResult
from yjsreport.framework.model import Framework
from yjsreport.rules.banding import printed_percent
from yjsreport.rules.overall import FULL_SCALE, Score
from yjsreport.rules.ratings import Rating

if TYPE_CHECKING:
    from yjsreport.annual.links import Original


def case_samples(frameworks: Iterable[Framework]) -> tuple[str, ...]:
    """The rated samples of these frameworks (court and out-of-court in the published
    ones), each once, in the order the frameworks name them: which samples hold case
    standards is the framework files' to say."""
    return tuple(dict.fromkeys(s for f in frameworks for s in f.case_samples))


def all_samples(frameworks: Iterable[Framework]) -> tuple[str, ...]:
    """Every sample of these frameworks, rated or not, each once, in their order."""
    return tuple(dict.fromkeys(s for f in frameworks for s in f.samples))


@dataclass(frozen=True)
class Period:
    """Inspections published (or whose fieldwork ended, `by`) from `start` to `end`,
    both days included; which inspections it covers is decided in annual/period.py."""

    start: dt.date
    end: dt.date
    by: PeriodBy = "publication"
    published_by: dt.date | None = None

    def __contains__(self, day: object) -> bool:
        return isinstance(day, dt.date) and self.start <= day <= self.end

    def day_of(self, meta: InspectionMeta) -> dt.date:
        """The date that places an inspection in a reporting year."""
        return meta.publication_date if self.by == "publication" else meta.fieldwork_end

    def counted(self, meta: InspectionMeta) -> bool:
        """Whether an inspection falls in this reporting year or an earlier one."""
        cutoff = self.published_by or self.end
        return self.day_of(meta) <= self.end and meta.publication_date <= cutoff

    def year_of(self, day: dt.date) -> int:
        """The reporting year a date falls in, counted by the year its window ends:
        windows have the period's length of a year and end on the period's end day."""
        end_this_year = _same_day(self.end, day.year)
        return day.year if day <= end_this_year else day.year + 1

    def year_label(self, year: int) -> str:
        start = _same_day(self.end, year - 1) + dt.timedelta(days=1)
        return str(year) if start.year == year else f"{start.year}/{year % 100:02d}"


def _same_day(day: dt.date, year: int) -> dt.date:
    return (
        day.replace(year=year, day=min(day.day, 28)) if day.month == 2 else day.replace(year=year)
    )


def in_period(results: Iterable[InspectionResult], period: Period) -> list[InspectionResult]:
    """The inspections whose date falls in the period (and published by its cut-off),
    oldest first."""
    return sorted(
        (r for r in results if period.day_of(r.meta) in period and period.counted(r.meta)),
        key=lambda r: (r.meta.publication_date, r.slug),
    )


def latest_per_service(results: Sequence[InspectionResult]) -> list[InspectionResult]:
    """Each service once: an inspection and its reinspection among `results` are one
    service, counted at the later of the two (the rating that stands). Oldest first."""
    by_slug = {r.slug: r for r in results}

    def first(r: InspectionResult) -> str:
        seen = {r.slug}
        while (earlier := r.meta.reinspection_of) in by_slug and earlier not in seen:
            r = by_slug[earlier]
            seen.add(r.slug)
        return r.slug

    latest: dict[str, InspectionResult] = {}
    for r in sorted(results, key=lambda r: (r.meta.publication_date, r.slug)):
        latest[first(r)] = r
    return sorted(latest.values(), key=lambda r: (r.meta.publication_date, r.slug))


# ---------------------------------------------------------------- ratings matrix


@dataclass(frozen=True)
class MatrixRow:
    slug: str
    service: str
    published: dt.date
    framework: str
    score: Score
    overall: Rating
    ratings: dict[str, Rating | None]  # None: the framework has no such standard
    titles: dict[str, str]
    reinspection_of: str | None
    joint: tuple[str, ...]

    @property
    def reduced(self) -> bool:
        return self.score.maximum < FULL_SCALE


def matrix_standards(frameworks: Sequence[Framework], matching: Matching) -> tuple[str, ...]:
    """The columns of the ratings matrix, as matching keys: every standard of the
    frameworks, in the order of the first (the annual report's own), then any standard
    of the others that means something else."""
    keys: list[str] = []
    for framework in frameworks:
        for _, s in framework.standards():
            key = matching.key(framework.id, s.id)
            if key not in keys:
                keys.append(key)
    return tuple(keys)


def _by_key(r: InspectionResult, matching: Matching) -> dict[str, StandardResult]:
    return {matching.key(r.framework_id, s.id): s for s in r.standards()}


def matrix_headings(
    frameworks: Sequence[Framework], matching: Matching
) -> dict[str, tuple[str, str]]:
    """Each matrix column's (matching key's) domain and standard title, from the first
    framework (the annual report's own) that has the standard: the matrix's two
    header rows."""
    found: dict[str, tuple[str, str]] = {}
    for framework in frameworks:
        for domain, standard in framework.standards():
            key = matching.key(framework.id, standard.id)
            found.setdefault(key, (domain.title, standard.title))
    return found


def ratings_matrix(
    results: Sequence[InspectionResult], standards: Sequence[str], matching: Matching
) -> list[MatrixRow]:
    rows = []
    for r in results:
        by_id = _by_key(r, matching)
        rows.append(
            MatrixRow(
                slug=r.slug,
                service=r.meta.short_name,
                published=r.meta.publication_date,
                framework=r.framework_id,
                score=r.score,
                overall=r.overall,
                ratings={sid: by_id[sid].rating if sid in by_id else None for sid in standards},
                titles={sid: by_id[sid].title for sid in standards if sid in by_id},
                reinspection_of=r.meta.reinspection_of,
                joint=tuple(r.meta.joint_services),
            )
        )
    return rows


# ---------------------------------------------------------------- distributions

RATING_ORDER = (*reversed(Rating.scored()), Rating.NOT_RATED)  # Outstanding first


def distribution(ratings: Iterable[Rating | None]) -> dict[Rating, int]:
    """How many of each rating, every rating present (zero where none)."""
    counts = Counter(r for r in ratings if r is not None)
    return {rating: counts.get(rating, 0) for rating in RATING_ORDER}


def standard_distribution(
    results: Sequence[InspectionResult], key: str, matching: Matching
) -> dict[Rating, int]:
    """Ratings of one standard (a matching key); inspections whose framework has no
    standard of that meaning are left out."""
    return distribution(
        s.rating for r in results if (s := _by_key(r, matching).get(key)) is not None
    )


def overall_distribution(results: Sequence[InspectionResult]) -> dict[Rating, int]:
    return distribution(r.overall for r in results)


def overall_by_year(
    results: Iterable[InspectionResult], period: Period
) -> list[tuple[str, dict[Rating, int]]]:
    """Overall ratings for each reporting year in the content, up to the period's end,
    each service once a year."""
    years: dict[int, list[InspectionResult]] = {}
    for r in results:
        if period.counted(r.meta):
            years.setdefault(period.year_of(period.day_of(r.meta)), []).append(r)
    return [
        (period.year_label(y), overall_distribution(latest_per_service(years[y])))
        for y in sorted(years)
    ]


# ---------------------------------------------------------------- case judgements


@dataclass(frozen=True)
class Share(QuestionCount):
    """A question's counts summed across inspections, with their shares: over the
    relevant cases (key questions) or over the whole sample (prompts, as the data
    annexes show them)."""

    @property
    def cases(self) -> int:
        return self.yes + self.no + self.not_applicable

    @property
    def percent(self) -> int | None:
        """Share of relevant cases, rounded half up; None with none relevant."""
        return printed_percent(self.yes, self.relevant) if self.relevant else None

    @property
    def percent_of_sample(self) -> int | None:
        return printed_percent(self.yes, self.cases) if self.cases else None

    @property
    def not_applicable_percent(self) -> int | None:
        if not self.cases:
            return None
        return printed_percent(self.not_applicable, self.cases)

    def __add__(self, other: Share) -> Share:
        return Share(
            self.yes + other.yes,
            self.no + other.no,
            self.not_applicable + other.not_applicable,
        )


NO_SHARE = Share(0, 0, 0)


def _of(q: QuestionResult | QuestionCount) -> Share:
    return Share(q.yes, q.no, q.not_applicable)


def question_share(results: Iterable[InspectionResult], matching: Matching, key: str) -> Share:
    """A key question or prompt (a matching key) summed over the inspections whose
    framework has a question of that meaning."""
    total = NO_SHARE
    for r in results:
        qid = matching.id_in(r.framework_id, key)
        q = r.question(qid) if qid is not None else None
        if q is not None:
            total = total + _of(q)
    return total


def _own_share(results: Iterable[InspectionResult], framework_id: str, question_id: str) -> Share:
    """A key question summed over the inspections of one framework version."""
    total = NO_SHARE
    for r in results:
        q = r.question(question_id) if r.framework_id == framework_id else None
        if q is not None:
            total = total + _of(q)
    return total


@dataclass(frozen=True)
class KeyQuestionColumn:
    id: str
    sample: str
    standard: str
    aspect: str
    text: str


@dataclass(frozen=True)
class StageSeries:
    """One stage of casework (assessment, planning ...) in one framework version:
    court and out-of-court key questions side by side, a row per reporting year."""

    framework: str
    stage: str
    columns: tuple[KeyQuestionColumn, ...]
    years: tuple[tuple[str, tuple[Share, ...]], ...]


def _case_standards(result: InspectionResult) -> list[StandardResult]:
    return [s for s in result.standards() if s.is_case and s.sample]


def key_question_series(results: Iterable[InspectionResult], period: Period) -> list[StageSeries]:
    """For each framework version and stage, the share of cases judged sufficient on
    each key question, by reporting year. Stages pair court and out-of-court
    standards of the same title (2.1 and 3.1 'Assessment')."""
    upto = [r for r in results if period.counted(r.meta)]
    out: list[StageSeries] = []
    for framework in sorted({r.framework_id for r in upto}):
        members = [r for r in upto if r.framework_id == framework]
        stages: dict[str, list[KeyQuestionColumn]] = {}
        for s in _case_standards(members[0]):
            for kq in s.key_questions:
                stages.setdefault(s.title, []).append(
                    KeyQuestionColumn(kq.id, s.sample or "", s.id, kq.aspect, kq.text)
                )
        years = sorted({period.year_of(period.day_of(r.meta)) for r in members})
        for stage, columns in stages.items():
            rows = []
            for y in years:
                in_year = [r for r in members if period.year_of(period.day_of(r.meta)) == y]
                rows.append(
                    (
                        period.year_label(y),
                        tuple(_own_share(in_year, framework, c.id) for c in columns),
                    )
                )
            out.append(StageSeries(framework, stage, tuple(columns), tuple(rows)))
    return out


@dataclass(frozen=True)
class PromptRow:
    id: str
    text: str
    share: Share


def prompts_about(
    results: Sequence[InspectionResult], framework_id: str, word: str
) -> list[PromptRow]:
    """Every prompt whose wording mentions `word` (e.g. contingency), summed over the
    period's inspections of one framework; shares over the whole sample."""
    rows: dict[str, PromptRow] = {}
    for r in results:
        if r.framework_id != framework_id:
            continue
        for s in _case_standards(r):
            for kq in s.key_questions:
                for p in kq.prompts:
                    if word.lower() in p.text.lower():
                        before = rows.get(p.id)
                        share = _of(p) + (before.share if before else NO_SHARE)
                        rows[p.id] = PromptRow(p.id, p.text, share)
    return [rows[k] for k in sorted(rows)]


def extra_question_shares(results: Sequence[InspectionResult]) -> list[PromptRow]:
    """Questions inspectors add beside the framework (management oversight), summed by
    id and sample over the relevant cases; present only where inspections declare them.
    The row id is '<question id>.<sample>'."""
    rows: dict[str, PromptRow] = {}
    for r in results:
        for sample, questions in r.extra.items():
            for q in questions:
                key = f"{q.id}.{sample}"
                before = rows.get(key)
                share = _of(q) + (before.share if before else NO_SHARE)
                rows[key] = PromptRow(key, q.text, share)
    return [rows[k] for k in sorted(rows)]


# ---------------------------------------------------------------- attributes and joint counts


def attribute_counts(
    results: Iterable[InspectionResult], sample: str, attribute: str
) -> dict[str, int]:
    """Cases by attribute value in one sample, largest first."""
    totals: Counter[str] = Counter()
    for r in results:
        if sample in r.samples:
            totals.update(r.samples[sample].attributes.get(attribute, {}))
    return dict(sorted(totals.items(), key=lambda kv: (-kv[1], kv[0])))


def pair_counts(
    crosstabs: Iterable[Mapping[str, SampleCounts]],
    samples: Sequence[str],
    pair: tuple[str, str],
) -> Counter[tuple[str, str]]:
    total: Counter[tuple[str, str]] = Counter()
    for per_sample in crosstabs:
        for sample in samples:
            if sample in per_sample and pair in per_sample[sample].pairs:
                total.update(per_sample[sample].pairs[pair])
    return total


def quality_by_value(
    crosstabs: Iterable[Mapping[str, SampleCounts]],
    sample: str,
    attribute: str,
    groups: Mapping[str, str] | None = None,
) -> dict[str, dict[str, Share]]:
    """Key-question shares for each value (or group of values) of an attribute.

    `groups` maps values to the group they count in (e.g. every MAPPA level to
    'MAPPA'); values not in it keep their own name.
    """
    out: dict[str, dict[str, Share]] = {}
    for per_sample in crosstabs:
        tab = per_sample.get(sample)
        if tab is None or attribute not in tab.joint:
            continue
        for value, per_kq in tab.joint[attribute].items():
            group = (groups or {}).get(value, value)
            target = out.setdefault(group, {})
            for kq, count in per_kq.items():
                target[kq] = target.get(kq, NO_SHARE) + _of(count)
    return dict(sorted(out.items()))


# ---------------------------------------------------------------- reinspections and surveys


@dataclass(frozen=True)
class Revisit:
    service: str
    earlier: Original
    later: InspectionResult
    # the scored standards rated in both, and both scores over only those (None where
    # the first inspection is known only by its score, standard by standard unknown)
    comparable: tuple[str, ...] | None
    earlier_comparable: Score | None
    later_comparable: Score | None
    later_full_maximum: int  # the reinspection's framework's score, every standard rated
    later_unrated: tuple[str, ...] = ()  # its domains with no scored standard rated


def _score_on(ratings: Mapping[str, Rating], standard_ids: Iterable[str]) -> Score:
    rated = [ratings[sid] for sid in standard_ids if sid in ratings]
    return Score(sum(r.score or 0 for r in rated), 3 * len(rated), len(rated))


def revisits(
    period_results: Sequence[InspectionResult],
    originals: Mapping[str, Original],
    later_unrated: Mapping[str, tuple[str, ...]] | None = None,
) -> list[Revisit]:
    """Each reinspection in the period beside the first inspection it revisits (an
    inspection folder's or a history entry's, by the name `reinspection_of` gives),
    with both scores also taken over only the standards rated in both, where the
    first inspection's ratings are known, so maxima match."""
    out = []
    for later in period_results:
        name = later.meta.reinspection_of
        if name is None or name not in originals:
            continue
        earlier = originals[name]
        scored = [s for s in later.standards() if s.scored]
        comparable = earlier_score = later_score = None
        if earlier.ratings:
            comparable = tuple(
                s.id
                for s in scored
                if s.rating.is_rated and (e := earlier.ratings.get(s.id)) is not None and e.is_rated
            )
            earlier_score = _score_on(earlier.ratings, comparable)
            later_score = _score_on({s.id: s.rating for s in scored}, comparable)
        out.append(
            Revisit(
                later.meta.short_name,
                earlier,
                later,
                comparable,
                earlier_score,
                later_score,
                Rating.scored()[-1].points * len(scored),
                (later_unrated or {}).get(later.slug, ()),
            )
        )
    return out


@dataclass(frozen=True)
class SurveyTotal:
    id: str
    title: str
    responses: int
    inspections: int


def survey_totals(surveys: Iterable[Iterable[tuple[str, str, int]]]) -> list[SurveyTotal]:
    """Responses by survey id (staff, children ...) summed over the inspections that
    recorded it, with how many did; the title is the first one recorded."""
    responses: Counter[str] = Counter()
    inspections: Counter[str] = Counter()
    titles: dict[str, str] = {}
    for per_inspection in surveys:
        for survey_id, title, n in per_inspection:
            responses[survey_id] += n
            inspections[survey_id] += 1
            titles.setdefault(survey_id, title)
    return [SurveyTotal(k, titles[k], responses[k], inspections[k]) for k in sorted(responses)]


def highest_score(results: Sequence[InspectionResult]) -> InspectionResult | None:
    """The highest score, compared on the 36-point scale; the earliest wins ties."""
    scored = [r for r in results if r.score.maximum]
    if not scored:
        return None
    return max(scored, key=lambda r: Fraction(r.score.total, r.score.maximum))
