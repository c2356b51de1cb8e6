"""Facts for the methodology annexe, read from the rules themselves.

The annexe is generated from the same constants the engine applies, so it
cannot describe a different scale or number of standards than was used.
"""

from __future__ import annotations

from dataclasses import dataclass

from yjsreport.engine.results import InspectionResult
from yjsreport.framework.model import Framework
from yjsreport.prose.numbers import domains_in_words
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
class OwnStandards:
    """The case standards of one domain that the other rated domains do not have."""

    domain: str  # 'court disposals'
    standards: tuple[str, ...]  # ('reviewing',)


@dataclass(frozen=True)
class BandingTable:
    """The key-question bands and the rating each gives a standard, as a table: the
    methodology annexe of every report and the annual report's exhibit print this one."""

    caption: str
    head: tuple[str, str]
    rows: tuple[BandRow, ...]


@dataclass(frozen=True)
class MethodFacts:
    banding: BandingTable
    core_standards: int
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
    # the domains holding case standards ('domains two and three') and those judged on
    # qualitative evidence alone ('domain one'), as the framework file has them
    case_domains: str
    qualitative_domains: str
    # what every case is inspected against, and what each domain's cases add
    common_case_standards: tuple[str, ...]
    own_case_standards: tuple[OwnStandards, ...]
    # the domains whose standards count in the score ('organisational delivery', ...), the
    # case domains as one phrase ('court or out-of-court disposals'), and the domain and
    # standard rated apart from the score (resettlement, and resettlement policy and
    # provision; empty where the framework has none)
    core_domains: tuple[str, ...]
    case_sections: str
    separate_domain: str
    separate_standard: str
    qualitative_groups: tuple[QualitativeGroup, ...]
    # where a sample was too small to rate a standard of this report, the samples the
    # minimum-sample rule applies to, as the framework names them (court); else none
    unrated_samples: tuple[str, ...]


def banding_table() -> BandingTable:
    """The bands in whole-number ranges, as published (the band is taken from the
    printed whole number), lowest first."""
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
    return BandingTable(
        "Bands for key questions and the standard’s rating",
        ("Lowest banding (key question level)", "Rating (standard)"),
        tuple(rows),
    )


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
        if kind.id in framework.case_samples and (sample := result.samples.get(kind.id))
    )


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
    rated = framework.case_samples
    return tuple(kind.label for kind in framework.sample_kinds if kind.id in rated)


def _score_rows(maximum: int) -> tuple[ScoreRow, ...]:
    return tuple(ScoreRow(low, high, r) for low, high, r in band_ranges(maximum))


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _one_phrase(titles: list[str]) -> str:
    """'court disposals' and 'out-of-court disposals' as 'court or out-of-court
    disposals': a last word they share is said once."""
    if (
        len(titles) > 1
        and len({t.rsplit(" ", 1)[-1] for t in titles}) == 1
        and all(" " in t for t in titles)
    ):
        tail = titles[0].rsplit(" ", 1)[-1]
        heads = [t.rsplit(" ", 1)[0] for t in titles]
        return ", ".join(heads[:-1]) + " or " + heads[-1] + " " + tail
    return ", ".join(titles[:-1]) + " or " + titles[-1] if len(titles) > 1 else "".join(titles)


def _case_standards(framework: Framework) -> tuple[tuple[str, ...], tuple[OwnStandards, ...]]:
    """What every case is inspected against (the case standards' subjects that each
    rated domain has, in the first domain's order), and what each domain adds ('court
    disposals' are also judged on 'reviewing')."""
    domains = [d for d in framework.domains if d.sample and d.has_case_standards]
    subjects = [[s.judgement_subject for s in d.standards if s.is_case] for d in domains]
    common = tuple(t for t in (subjects[0] if subjects else []) if all(t in o for o in subjects))
    own = tuple(
        OwnStandards(_lower_first(d.title), tuple(t for t in ts if t not in common))
        for d, ts in zip(domains, subjects, strict=True)
        if any(t not in common for t in ts)
    )
    return common, own


def facts(result: InspectionResult, framework: Framework) -> MethodFacts:
    minimum_sample = framework.minimum_sample
    rule = framework.governance_limit
    standards = result.standards()
    core = [s for s in standards if s.scored]
    maximum = result.score.maximum
    return MethodFacts(
        banding=banding_table(),
        core_standards=len(core),
        rated_standards=result.score.rated_standards,
        maximum=maximum,
        full_scale=3 * len(core),
        score_rows=_score_rows(FULL_SCALE),
        reduced_rows=_score_rows(maximum) if 0 < maximum < FULL_SCALE else (),
        near_points=NEAR_BOUNDARY_POINTS,
        small_sample=SMALL_SAMPLE_MAX,
        governance_standard=rule.standard if rule else None,
        governance_domains=domains_in_words(rule.counted_domains) if rule else "",
        case_domains=domains_in_words(
            [d.id for d in framework.domains if d.sample and d.has_case_standards]
        ),
        qualitative_domains=domains_in_words(
            [
                d.id
                for d in framework.domains
                if not d.sample and not any(s.is_case for s in d.standards)
            ]
        ),
        core_domains=tuple(
            _lower_first(d.title) for d in framework.domains if any(s.scored for s in d.standards)
        ),
        case_sections=_one_phrase(
            [_lower_first(d.title) for d in framework.domains if d.sample and d.has_case_standards]
        ),
        separate_domain=next(
            (
                _lower_first(d.title)
                for d in framework.domains
                if not any(s.scored for s in d.standards)
            ),
            "",
        ),
        separate_standard=next(
            (_lower_first(s.title) for _, s in framework.standards() if not s.scored), ""
        ),
        common_case_standards=_case_standards(framework)[0],
        own_case_standards=_case_standards(framework)[1],
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
        qualitative_groups=_qualitative_groups(result),
        unrated_samples=_unrated_samples(result, framework),
    )
