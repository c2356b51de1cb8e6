"""Facts for the methodology annexe, read from the rules themselves.

The annexe is generated from the same constants the engine applies, so it
cannot describe a different scale or number of standards than was used.
"""

from __future__ import annotations

from dataclasses import dataclass

from yjsreport.engine.results import InspectionResult
from yjsreport.framework.model import Framework
from yjsreport.prose.numbers import id_in_words
from yjsreport.rules.banding import BANDS
from yjsreport.rules.discretion import NEAR_BOUNDARY_POINTS, SMALL_SAMPLE_MAX
from yjsreport.rules.governance import GOVERNANCE_CAP
from yjsreport.rules.overall import FULL_SCALE, band_ranges
from yjsreport.rules.ratings import Rating


@dataclass(frozen=True)
class BandRow:
    label: str
    share: str
    rating: Rating


@dataclass(frozen=True)
class ScoreRow:
    low: int
    high: int
    rating: Rating


@dataclass(frozen=True)
class MethodFacts:
    bands: tuple[BandRow, ...]
    core_standards: int
    core_domains: int  # the domains whose standards are scored: 'three broad areas'
    rated_standards: int
    maximum: int
    full_scale: int
    score_rows: tuple[ScoreRow, ...]
    reduced_rows: tuple[ScoreRow, ...]
    near_points: int
    small_sample: int
    governance_standard: str | None  # the standard the governance rule limits, if any
    governance_domains: str  # 'domains two and three', the domains the rule counts
    governance_cap: Rating
    qualitative: tuple[str, ...]
    has_resettlement: bool
    score_values: tuple[tuple[Rating, int], ...]
    minimum_sample: int
    band_floors: tuple[int, ...]  # 80, 65, 50: the floors of the rated bands, highest first
    case_samples: tuple[CaseSample, ...]  # eight court disposals, 13 out-of-court disposals
    # cases of the samples that only illustrate a qualitative standard (resettlement)
    resettlement_cases: int
    joint_working: bool  # the 2018 framework rates joint working with the police from cases
    qualitative_groups: tuple[QualitativeGroup, ...]
    # where a sample was too small to rate a standard of this report, the samples the
    # minimum-sample rule applies to, as the framework names them ('court'); else none
    unrated_samples: tuple[str, ...]


def _band_rows() -> tuple[BandRow, ...]:
    """Whole-number ranges, as published: the band is taken from the printed whole number."""
    rows = []
    ordered = sorted(BANDS, key=lambda b: b.floor)
    for i, band in enumerate(ordered):
        upper = ordered[i + 1].floor if i + 1 < len(ordered) else None
        if band.floor == 0:
            share = f"under {upper}%"
        elif upper is None:
            share = f"{band.floor}% or more"
        else:
            share = f"{band.floor}–{upper - 1}%"
        rows.append(BandRow(band.label, share, band.rating))
    return tuple(rows)


@dataclass(frozen=True)
class CaseSample:
    """A rated sample as the methodology names it: 'eight court disposals'."""

    cases: int
    noun: str


@dataclass(frozen=True)
class QualitativeGroup:
    """Standards judged on qualitative evidence, as the methodology names them: a whole
    domain, a domain's one qualitative standard, or the standard of a domain whose cases
    only illustrate it (resettlement)."""

    domain: str
    domain_title: str
    standard: str
    whole_domain: bool
    illustrative: bool


def _case_samples(result: InspectionResult, framework: Framework) -> tuple[CaseSample, ...]:
    """The rated samples the framework file names ('court disposals'), in its order."""
    return tuple(
        CaseSample(sample.cases, kind.noun)
        for kind in framework.sample_kinds
        if kind.id in _rated_samples(framework) and (sample := result.samples.get(kind.id))
    )


def _rated_samples(framework: Framework) -> tuple[str, ...]:
    return tuple(d.sample for d in framework.domains if d.sample and d.has_case_standards)


def _qualitative_groups(result: InspectionResult) -> tuple[QualitativeGroup, ...]:
    groups: list[QualitativeGroup] = []
    for domain in result.domains:
        qualitative = [s for s in domain.standards if not s.is_case]
        if not qualitative:
            continue
        whole = len(qualitative) == len(domain.standards) and not domain.sample
        illustrative = bool(domain.sample) and len(qualitative) == len(domain.standards)
        groups += [
            QualitativeGroup(domain.id, domain.title, s.id, whole, illustrative)
            for s in (qualitative[:1] if whole else qualitative)
        ]
    return tuple(groups)


def _unrated_samples(result: InspectionResult, framework: Framework) -> tuple[str, ...]:
    """The minimum-sample rule is said only where it left a standard of this report unrated."""
    if not framework.minimum_sample or not any(s.not_rated_because for s in result.standards()):
        return ()
    rated = _rated_samples(framework)
    return tuple(kind.label for kind in framework.sample_kinds if kind.id in rated)


def _score_rows(maximum: int) -> tuple[ScoreRow, ...]:
    return tuple(ScoreRow(low, high, r) for low, high, r in band_ranges(maximum))


def _domains_in_words(ids: tuple[str, ...]) -> str:
    words = [id_in_words(i) for i in ids]
    noun = "domain" if len(words) == 1 else "domains"
    return f"{noun} {', '.join(words[:-1]) + ' and ' + words[-1] if len(words) > 1 else words[0]}"


def facts(result: InspectionResult, framework: Framework) -> MethodFacts:
    minimum_sample = framework.minimum_sample
    rule = framework.governance_limit
    standards = result.standards()
    core = [s for s in standards if s.scored]
    maximum = result.score.maximum
    return MethodFacts(
        bands=_band_rows(),
        core_standards=len(core),
        core_domains=len({s.domain for s in core}),
        rated_standards=result.score.rated_standards,
        maximum=maximum,
        full_scale=3 * len(core),
        score_rows=_score_rows(FULL_SCALE),
        reduced_rows=_score_rows(maximum) if 0 < maximum < FULL_SCALE else (),
        near_points=NEAR_BOUNDARY_POINTS,
        small_sample=SMALL_SAMPLE_MAX,
        governance_standard=rule.standard if rule else None,
        governance_domains=_domains_in_words(rule.counted_domains) if rule else "",
        governance_cap=GOVERNANCE_CAP,
        qualitative=tuple(s.id for s in standards if not s.is_case),
        has_resettlement=any(not s.scored for s in standards),
        score_values=tuple((r, r.points) for r in Rating.scored()),
        minimum_sample=minimum_sample,
        band_floors=tuple(b.floor for b in sorted(BANDS, key=lambda b: -b.floor) if b.floor),
        case_samples=_case_samples(result, framework),
        resettlement_cases=sum(
            result.samples[d.sample].cases
            for d in framework.domains
            if d.sample and not d.has_case_standards and d.sample in result.samples
        ),
        joint_working=any(
            kq.aspect == "joint-working" for s in standards for kq in s.key_questions
        ),
        qualitative_groups=_qualitative_groups(result),
        unrated_samples=_unrated_samples(result, framework),
    )
