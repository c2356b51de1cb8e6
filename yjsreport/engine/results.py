"""The computed results of an inspection: aggregates only, never case rows."""

from __future__ import annotations

from dataclasses import dataclass, field

from yjsreport.content.cases import SampleCounts
from yjsreport.content.schema import InspectionMeta
from yjsreport.rules.banding import band_for, printed_percent
from yjsreport.rules.discretion import Ground
from yjsreport.rules.overall import Score
from yjsreport.rules.ratings import Rating


@dataclass(frozen=True)
class QuestionResult:
    """Counts for one question. Two percentages, as the reports publish them: over the
    relevant cases (key questions, which decide ratings) and over the whole sample
    (prompt rows of the data annexe, where 'not applicable' cases count as not 'Yes')."""

    id: str
    text: str
    yes: int
    no: int
    not_applicable: int

    @property
    def relevant(self) -> int:
        return self.yes + self.no

    @property
    def sample(self) -> int:
        """Every case in the sample, whether or not the question applied to it."""
        return self.yes + self.no + self.not_applicable

    @property
    def percent(self) -> int | None:
        """Whole-number percentage of relevant cases, as printed and banded."""
        return printed_percent(self.yes, self.relevant) if self.relevant else None

    @property
    def shown(self) -> str | None:
        return str(self.percent) if self.percent is not None else None

    @property
    def sample_percent(self) -> int | None:
        """Whole-number percentage of the whole sample, as the data annexe prints prompts."""
        return printed_percent(self.yes, self.sample) if self.sample else None

    @property
    def band(self) -> Rating | None:
        return band_for(self.yes, self.relevant).rating if self.relevant else None


@dataclass(frozen=True)
class KeyQuestionResult(QuestionResult):
    aspect: str = ""
    prompts: tuple[QuestionResult, ...] = ()
    is_lowest: bool = False


@dataclass(frozen=True)
class DiscretionResult:
    from_: Rating
    to: Rating
    reason: str
    allowed: bool
    grounds: tuple[Ground, ...]
    problem: str | None


@dataclass(frozen=True)
class StandardResult:
    id: str
    title: str
    statement: str
    kind: str
    domain: str
    sample: str | None
    computed: Rating
    rating: Rating
    scored: bool
    key_questions: tuple[KeyQuestionResult, ...] = ()
    discretion: DiscretionResult | None = None
    governance_limited: bool = False
    questions: tuple[tuple[str, str], ...] = ()  # (id, wording) of a qualitative standard
    # why a case standard is 'Not rated', in words (e.g. the sample is too small)
    not_rated_because: str | None = None

    @property
    def is_case(self) -> bool:
        return self.kind == "case"

    @property
    def lowest(self) -> tuple[KeyQuestionResult, ...]:
        return tuple(kq for kq in self.key_questions if kq.is_lowest)


@dataclass(frozen=True)
class DomainResult:
    id: str
    title: str
    sample: str | None
    standards: tuple[StandardResult, ...]


@dataclass(frozen=True)
class InspectionResult:
    slug: str
    meta: InspectionMeta
    framework_id: str
    framework_title: str
    domains: tuple[DomainResult, ...]
    samples: dict[str, SampleCounts]
    score: Score
    score_rating: Rating
    overall: Rating
    resettlement: Rating | None
    governance_limit_applies: bool
    # the inspection's own case questions, per sample (see ExtraQuestion)
    extra: dict[str, tuple[QuestionResult, ...]] = field(default_factory=dict)
    # the domains whose ratings the governance rule counts, as the framework file says
    governance_domains: tuple[str, ...] = ()

    def standards(self) -> tuple[StandardResult, ...]:
        return tuple(s for d in self.domains for s in d.standards)

    def standard(self, standard_id: str) -> StandardResult | None:
        return next((s for s in self.standards() if s.id == standard_id), None)

    def question(self, question_id: str) -> QuestionResult | None:
        for standard in self.standards():
            for kq in standard.key_questions:
                if kq.id == question_id:
                    return kq
                for prompt in kq.prompts:
                    if prompt.id == question_id:
                        return prompt
        return None

    def extra_question(self, sample: str, question_id: str) -> QuestionResult | None:
        return next((q for q in self.extra.get(sample, ()) if q.id == question_id), None)

    def qualitative_question(self, question_id: str) -> str | None:
        for standard in self.standards():
            for qid, text in standard.questions:
                if qid == question_id:
                    return text
        return None

    @property
    def resettlement_limited(self) -> bool:
        return self.overall is not self.score_rating
