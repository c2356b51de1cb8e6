"""From loaded content to results, applying each published rule in order:
case standards (with discretion), the governance limit, the score, the
overall rating and the resettlement limit."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from yjsreport.content.cases import SampleCounts, Subsample
from yjsreport.content.inspection import Inspection
from yjsreport.content.schema import StandardPart
from yjsreport.engine.results import (
    DiscretionResult,
    DomainResult,
    InspectionResult,
    KeyQuestionResult,
    QuestionResult,
    StandardResult,
)
from yjsreport.errors import Problem
from yjsreport.framework.model import Domain, KeyQuestion, Standard
from yjsreport.rules import discretion as discretion_rules
from yjsreport.rules.governance import governance_limit_applies, limit_governance
from yjsreport.rules.overall import limit_by_resettlement, overall_from_score, total_score
from yjsreport.rules.ratings import Rating
from yjsreport.rules.samples import too_small_to_rate
from yjsreport.rules.standards import Tally, case_standard_rating, lowest_key_questions


def with_subsamples(sample: SampleCounts, domains: tuple[Domain, ...], name: str) -> SampleCounts:
    """The sample with the sub-sample counts its report publishes: each key question
    the framework applies to some values of a characteristic publishes its relevant
    cases, the sum of those values' counts (where the case data agree: a case answered
    against the framework's rule makes the published count no such sum)."""
    found = set()
    for domain in domains:
        if domain.sample != name:
            continue
        for standard in domain.standards:
            for asked in (q for kq in standard.key_questions for q in (kq, *kq.prompts)):
                for attribute, values in asked.applies_when:
                    counts = sample.attributes.get(attribute)
                    question = sample.questions.get(asked.id)
                    if counts is None or question is None:
                        continue
                    if sum(counts.get(v, 0) for v in values) == question.relevant:
                        found.add(Subsample(attribute, frozenset(values), question.relevant))
    if not found:
        return sample
    ordered = sorted(found, key=lambda s: (s.attribute, sorted(s.values), s.count))
    return replace(sample, subsamples=tuple(ordered))


def _question(qid: str, text: str, sample: SampleCounts) -> QuestionResult:
    count = sample.questions[qid]
    return QuestionResult(qid, text, count.yes, count.no, count.not_applicable)


def _key_question(kq: KeyQuestion, sample: SampleCounts, lowest: set[str]) -> KeyQuestionResult:
    base = _question(kq.id, kq.text, sample)
    prompts = tuple(_question(p.id, p.text, sample) for p in kq.prompts)
    return KeyQuestionResult(
        **vars(base), aspect=kq.aspect, prompts=prompts, is_lowest=kq.id in lowest
    )


def _unrated_case_standard(
    domain: Domain, standard: Standard, sample: SampleCounts, minimum: int
) -> StandardResult:
    """A sample too small to rate: the figures are still shown, the rating is not given.
    The reason is a message for `check` and the author, in figures; the report's own
    sentences are worded by the templates."""
    if sample.cases == 0:
        reason = f"the {domain.sample} sample holds no case"
    else:
        reason = (
            f"the {domain.sample} sample of {sample.cases} "
            f"{'case' if sample.cases == 1 else 'cases'} is fewer than the "
            f"{minimum} needed to rate a standard"
        )
    return _standard_result(
        domain,
        standard,
        Rating.NOT_RATED,
        Rating.NOT_RATED,
        key_questions=tuple(_key_question(kq, sample, set()) for kq in standard.key_questions),
        not_rated_because=reason,
    )


def _case_standard(
    domain: Domain, standard: Standard, sample: SampleCounts, part: StandardPart | None
) -> StandardResult:
    tallies = [
        Tally(kq.id, sample.questions[kq.id].yes, sample.questions[kq.id].relevant)
        for kq in standard.key_questions
    ]
    computed = case_standard_rating(tallies)
    lowest = set(lowest_key_questions(tallies))
    rating = computed
    discretion = None
    if part is not None and part.discretion is not None:
        request = part.discretion
        verdict = discretion_rules.assess(tallies, Rating(request.from_), Rating(request.to))
        discretion = DiscretionResult(
            Rating(request.from_),
            Rating(request.to),
            request.reason,
            verdict.allowed,
            verdict.grounds,
            verdict.problem,
        )
        if verdict.allowed:
            rating = Rating(request.to)
    return _standard_result(
        domain,
        standard,
        computed,
        rating,
        key_questions=tuple(_key_question(kq, sample, lowest) for kq in standard.key_questions),
        discretion=discretion,
    )


def _qualitative_standard(
    domain: Domain, standard: Standard, part: StandardPart | None
) -> StandardResult:
    given = Rating(part.rating) if part is not None and part.rating else Rating.NOT_RATED
    return _standard_result(
        domain, standard, given, given, questions=tuple((q.id, q.text) for q in standard.questions)
    )


def _standard_result(
    domain: Domain, standard: Standard, computed: Rating, rating: Rating, **rest: Any
) -> StandardResult:
    """The framework's facts about a standard, with its ratings and what else applies."""
    return StandardResult(
        id=standard.id,
        title=standard.title,
        statement=standard.statement,
        kind=standard.kind,
        domain=domain.id,
        sample=domain.sample,
        computed=computed,
        rating=rating,
        scored=standard.scored,
        **rest,
    )


def compute(inspection: Inspection) -> tuple[InspectionResult, list[Problem]]:
    """Results, plus problems for any discretion the published rules do not allow."""
    problems: list[Problem] = []
    domains: list[DomainResult] = []
    for domain in inspection.framework.domains:
        standards: list[StandardResult] = []
        for standard in domain.standards:
            part = inspection.standard_part(standard.id)
            meta = part.meta if part is not None else None
            assert meta is None or isinstance(meta, StandardPart)
            if standard.is_case:
                assert domain.sample is not None
                sample = inspection.samples[domain.sample]
                minimum = inspection.framework.minimum_sample
                if too_small_to_rate(sample.cases, minimum):
                    result = _unrated_case_standard(domain, standard, sample, minimum)
                    if meta is not None and meta.discretion is not None and part is not None:
                        line, col = part.front.locate(("discretion",))
                        problems.append(
                            Problem(
                                part.path,
                                f"discretion on {standard.id} is not allowed: the standard "
                                f"is not rated because {result.not_rated_because}",
                                line,
                                col,
                            )
                        )
                else:
                    result = _case_standard(domain, standard, sample, meta)
                if result.discretion and not result.discretion.allowed and part is not None:
                    line, col = part.front.locate(("discretion",))
                    problems.append(
                        Problem(
                            part.path,
                            f"discretion on {standard.id} is not "
                            f"allowed: {result.discretion.problem}",
                            line,
                            col,
                        )
                    )
            else:
                result = _qualitative_standard(domain, standard, meta)
            standards.append(result)
        domains.append(DomainResult(domain.id, domain.title, domain.sample, tuple(standards)))

    rule = inspection.framework.governance_limit
    applies = False
    if rule is not None:
        counted = [s.rating for d in domains if d.id in rule.counted_domains for s in d.standards]
        applies = governance_limit_applies(counted)
        domains = [_limit_governance(d, rule.standard, applies) for d in domains]

    core = [s for d in domains for s in d.standards if s.scored]
    score = total_score(s.rating for s in core)
    score_rating = overall_from_score(score)
    unscored = [s for d in domains for s in d.standards if not s.scored]
    resettlement = unscored[0].rating if unscored else None
    inspection_result = InspectionResult(
        slug=inspection.slug,
        meta=inspection.meta,
        framework_id=inspection.framework.id,
        framework_title=inspection.framework.title,
        domains=tuple(domains),
        samples={
            name: with_subsamples(sample, inspection.framework.domains, name)
            for name, sample in inspection.samples.items()
        },
        score=score,
        score_rating=score_rating,
        overall=limit_by_resettlement(score_rating, resettlement),
        resettlement=resettlement,
        governance_limit_applies=applies,
        extra=_extra_questions(inspection),
        governance_domains=rule.counted_domains if rule else (),
    )
    return inspection_result, problems


def _extra_questions(inspection: Inspection) -> dict[str, tuple[QuestionResult, ...]]:
    extra: dict[str, list[QuestionResult]] = {}
    for q in inspection.meta.extra_questions:
        extra.setdefault(q.sample, []).append(_question(q.id, q.text, inspection.samples[q.sample]))
    return {sample: tuple(questions) for sample, questions in extra.items()}


def _limit_governance(domain: DomainResult, limited_id: str, applies: bool) -> DomainResult:
    standards = []
    for s in domain.standards:
        if s.id == limited_id:
            limited = limit_governance(s.rating, applies)
            s = replace(s, rating=limited, governance_limited=limited is not s.rating)
        standards.append(s)
    return replace(domain, standards=tuple(standards))
