"""The framework's shape, validated so that ids are unique and well formed.

Duplicate prompt letters appeared in a published data annexe; validating the
framework file makes that impossible here.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Sequence
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    PrivateAttr,
    StringConstraints,
    field_validator,
    model_validator,
)

from yjsreport.content.dates import DateOrMonth
from yjsreport.content.primitives import Unit
from yjsreport.framework.report_format import Choices, ReportFormat, default_format

# A sample and an aspect are named by the framework file, so a framework of another shape
# (other samples, other kinds of case) needs no change here: court, out-of-court and
# resettlement samples; desistance, child-safety, others-safety and joint-working aspects
# (joint-working: the older framework rates 3.4, joint working with the police, from cases).
SampleName = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
Aspect = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
# What a standard or key question judges, named so that the same name in two framework
# versions says they are the same thing (declared only where the published texts show
# it): the annual report counts them together across a change of framework, and keeps
# apart those that share an id but not a meaning (2018's 3.4 joint working, 2021's 3.4
# out-of-court disposal policy and provision).
Meaning = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+([-.][a-z0-9]+)*$")]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


def _check_values(owner: str, attribute: str, values: Sequence[str]) -> None:
    """A list of a characteristic's values, as a framework file names them: at least one,
    each once, each a value the vocabulary knows."""
    from yjsreport.content.vocabulary import ATTRIBUTES

    unknown = [v for v in values if v not in ATTRIBUTES[attribute].values]
    if unknown or not values or len(set(values)) != len(values):
        allowed = ", ".join(ATTRIBUTES[attribute].values)
        raise ValueError(
            f"{owner}: {attribute} values must be distinct values "
            f"of {allowed}; got {', '.join(values) or 'none'}"
        )


class _Applicable(_Frozen):
    """`applies_when` names the case characteristic that defines a question's
    sub-sample and the values it applies to (`{rosh: [medium, high, very-high]}`: the
    question is not applicable to the other cases). The published counts of relevant
    and not-applicable cases are then sums of that characteristic's counts, which the
    disclosure rule takes into account. A key question or a prompt may declare it; a
    prompt's not-applicable count that follows no declared rule is tied to no
    characteristic, so it gives none of their counts away."""

    id: str
    applies_when: tuple[tuple[str, tuple[str, ...]], ...] = ()

    @field_validator("applies_when", mode="before")
    @classmethod
    def _applies_when_as_pairs(cls, value: object) -> object:
        if isinstance(value, dict):
            return tuple((k, tuple(v) if isinstance(v, list) else v) for k, v in value.items())
        return value

    @model_validator(mode="after")
    def _applies_when_known(self) -> _Applicable:
        from yjsreport.content.vocabulary import ATTRIBUTES

        if len(self.applies_when) > 1:
            raise ValueError(f"applies_when of {self.id} names more than one characteristic")
        for attribute, values in self.applies_when:
            if attribute not in ATTRIBUTES:
                known = ", ".join(sorted(ATTRIBUTES))
                raise ValueError(
                    f"applies_when of {self.id}: unknown characteristic {attribute!r}; "
                    f"expected one of {known}"
                )
            _check_values(f"applies_when of {self.id}", attribute, values)
        return self


class Prompt(_Applicable):
    text: str


class KeyQuestion(_Applicable):
    aspect: Aspect
    text: str
    meaning: Meaning | None = None
    prompts: tuple[Prompt, ...] = ()

    @model_validator(mode="after")
    def _prompt_ids(self) -> KeyQuestion:
        letters = [p.id.removeprefix(self.id) for p in self.prompts]
        expected = [chr(ord("a") + i) for i in range(len(self.prompts))]
        if letters != expected:
            raise ValueError(
                f"prompts of {self.id} must be lettered {', '.join(expected)} in order; "
                f"found {', '.join(p.id for p in self.prompts)}"
            )
        return self


class Question(_Frozen):
    """A question inspectors consider for a qualitative standard."""

    id: str
    text: str


class KeyDataFigure(_Frozen):
    label: str
    unit: Unit
    # the short name prose quotes it by, {{ key_data.<standard>.<id> }}; `new` writes it
    id: str | None = None


class KeyData(_Frozen):
    """A key data table the published reports print under a standard; `new` writes it
    into the standard's part, commented out until the inspectors have the figures."""

    title: str
    figures: tuple[KeyDataFigure, ...]


class Standard(_Frozen):
    id: str
    title: str
    statement: str
    kind: Literal["case", "qualitative"]
    meaning: Meaning | None = None
    key_questions: tuple[KeyQuestion, ...] = ()
    questions: tuple[Question, ...] = ()
    scored: bool = True
    # whether the sentence that introduces a qualitative standard's questions gives their
    # number ('these four questions'); the published reports leave it out for some standards
    counted_questions: bool = True
    # the noun the standard wording uses ("In making a judgement about staffing"); the
    # title in lower case where not given
    subject: str | None = None
    key_data: KeyData | None = None

    @property
    def judgement_subject(self) -> str:
        return self.subject or self.title.lower()

    @model_validator(mode="after")
    def _shape(self) -> Standard:
        if self.kind == "case" and not self.key_questions:
            raise ValueError(f"case standard {self.id} needs key_questions")
        if self.kind == "qualitative" and self.key_questions:
            raise ValueError(f"qualitative standard {self.id} cannot have key_questions")
        for kq in self.key_questions:
            if not re.fullmatch(re.escape(self.id) + r"\.\d+", kq.id):
                raise ValueError(f"key question {kq.id} does not belong to standard {self.id}")
        return self

    @property
    def is_case(self) -> bool:
        return self.kind == "case"


class Domain(_Frozen):
    id: str
    title: str
    sample: SampleName | None = None
    # the published sentence that opens the domain's standards ("Organisations that are
    # well led ..."); the count of standards is added by the template
    introduction: str | None = None
    standards: tuple[Standard, ...]

    @property
    def has_case_standards(self) -> bool:
        """False for a domain whose sample only illustrates qualitative standards
        (resettlement: its cases are not rated)."""
        return any(s.is_case for s in self.standards)


class SampleKind(_Frozen):
    """How the report names a sample's cases: the methodology examined 'eight court
    disposals' (noun) and does not rate a court sample that is too small (label).
    What its case file may record: `values` narrows an attribute to the values this
    sample may hold (a court sample's disposal types); `own_attributes` are recorded
    by this sample only (whether an out-of-court disposal was the child's first).
    What the annual report does with it: `quality_by` are the characteristics its case
    quality is set against (looked-after children's cases against the others');
    `profile` are those it describes a sample by whose cases are not rated (the
    resettlement children). `circumstance` is what brings a child into a sample whose
    cases only illustrate a qualitative standard, as the standard wording says it
    ('supervised after a custodial sentence', 'no child with a custodial sentence')."""

    id: SampleName
    label: str
    noun: str
    values: dict[str, tuple[str, ...]] = {}
    own_attributes: tuple[str, ...] = ()
    quality_by: tuple[str, ...] = ()
    profile: tuple[str, ...] = ()
    circumstance: str = ""
    # disposal types the annual table of types lists apart by another attribute, by that
    # attribute: {oocd_sequence: [youth-caution]} lists a first youth caution apart from
    # a repeat one, as the published report does
    split_types: dict[str, tuple[str, ...]] = {}

    @model_validator(mode="after")
    def _known_attributes(self) -> SampleKind:
        from yjsreport.content.vocabulary import ATTRIBUTES

        for attribute in (*self.values, *self.own_attributes, *self.quality_by, *self.profile):
            if attribute not in ATTRIBUTES:
                known = ", ".join(ATTRIBUTES)
                raise ValueError(
                    f"sample kind {self.id}: unknown attribute {attribute!r}; "
                    f"expected one of {known}"
                )
        for attribute, values in self.values.items():
            _check_values(f"sample kind {self.id}", attribute, values)
        from yjsreport.content.cases import JOINT_PAIRS

        # the case reader counts a disposal type with these attributes together
        splits = [b for a, b in JOINT_PAIRS if a == "disposal_type"]
        for attribute, types in self.split_types.items():
            if attribute not in splits:
                raise ValueError(
                    f"sample kind {self.id}: split_types: cannot split disposal types by "
                    f"{attribute!r}; expected {', '.join(splits)}"
                )
            _check_values(f"split_types of sample kind {self.id}", "disposal_type", types)
        return self


class GovernanceLimit(_Frozen):
    """Which standard the governance rule limits, and the domains whose ratings it counts."""

    standard: str
    counted_domains: tuple[str, ...]


class AnnualGroups(_Frozen):
    """The pairs of standards the annual report sets side by side (court and
    out-of-court assessment). The exhibits made for one domain or sample are named by
    the chapters (`distribution:2`), not bound here."""

    compared: tuple[tuple[str, str], ...] = ()

    @model_validator(mode="before")
    @classmethod
    def _no_exhibit_bindings(cls, data: object) -> object:
        """The keys that bound the published report's exhibit ids to a domain or sample."""
        for key, instead in (
            ("distributions", "distribution:<domain id>"),
            ("trends", "trend-key-questions:<sample>"),
        ):
            if isinstance(data, dict) and key in data:
                raise ValueError(
                    f"annual.{key} is no longer read: a chapter of the annual report names "
                    f"the exhibit for a domain or sample itself ({instead}); remove it"
                )
        return data


class Framework(_Frozen):
    id: str
    title: str
    summary: str
    # A court or out-of-court sample with fewer cases than this is not rated (0: no minimum).
    # A property of the version, because the published practice differs between them.
    minimum_sample: int = 0
    # the month the version came into force, as published ('from <month> <year>'); None where
    # our references do not say
    in_force_from: DateOrMonth | None = None
    governance_limit: GovernanceLimit | None = None
    # the samples' names in the report's standard wording
    sample_kinds: tuple[SampleKind, ...] = ()
    annual: AnnualGroups = AnnualGroups()
    domains: tuple[Domain, ...]
    # the report formats that lay this version out, attached by the loader from their
    # own files (a format is not part of the framework)
    _formats: dict[str, ReportFormat] = PrivateAttr(default_factory=dict)

    def attach_formats(self, formats: dict[str, ReportFormat]) -> None:
        self._formats = dict(formats)

    @property
    def formats(self) -> dict[str, ReportFormat]:
        return self._formats

    def report_format(
        self, name: str | None, published: dt.date, choices: Choices | None = None
    ) -> ReportFormat:
        """The format an inspection names, or the one in use when it was published, with
        the inspection's own choices applied."""
        formats = self._formats
        chosen = formats.get(name) if name else default_format(formats, self.id, published)
        if chosen is None:
            raise KeyError(name)
        return chosen.with_choices(choices)

    @model_validator(mode="after")
    def _unique_ids(self) -> Framework:
        seen: set[str] = set()
        for item_id in self._all_ids():
            if item_id in seen:
                raise ValueError(f"id {item_id} appears more than once")
            seen.add(item_id)
        for domain in self.domains:
            if any(s.is_case for s in domain.standards) and domain.sample is None:
                raise ValueError(f"domain {domain.id} has case standards but no sample")
        standard_ids = {s.id for _, s in self.standards()}
        domain_ids = {d.id for d in self.domains}
        named: list[tuple[str, set[str], str]] = []
        if self.governance_limit is not None:
            named.append((self.governance_limit.standard, standard_ids, "governance_limit"))
            counted = self.governance_limit.counted_domains
            named += [(d, domain_ids, "governance_limit") for d in counted]
        samples = {d.sample for d in self.domains if d.sample}
        named += [(k.id, samples, "sample_kinds") for k in self.sample_kinds]
        circumstances = {k.id: k.circumstance for k in self.sample_kinds}
        for domain in self.domains:
            sample = domain.sample
            if sample and not domain.has_case_standards and not circumstances.get(sample):
                raise ValueError(
                    f"domain {domain.id}'s sample {sample} only illustrates its "
                    "standards, so sample_kinds must give its circumstance: what brings a "
                    "child into it, as the standard wording says it ('a custodial sentence')"
                )
        named += [(s, standard_ids, "annual") for pair in self.annual.compared for s in pair]
        for item, known, where in named:
            if item not in known:
                raise ValueError(f"{where} names {item!r}, which is not in this framework")
        meanings: dict[str, str] = {}
        for item_id, meaning in self.meanings().items():
            if meaning in meanings:
                raise ValueError(
                    f"meaning {meaning!r} is declared by both {meanings[meaning]} and {item_id}"
                )
            meanings[meaning] = item_id
        return self

    def meanings(self) -> dict[str, str]:
        """The meaning each standard and key question declares, by id."""
        out: dict[str, str] = {}
        for _, standard in self.standards():
            if standard.meaning:
                out[standard.id] = standard.meaning
            out.update({kq.id: kq.meaning for kq in standard.key_questions if kq.meaning})
        return out

    def _all_ids(self) -> Iterator[str]:
        for domain in self.domains:
            for standard in domain.standards:
                yield standard.id
                for q in standard.questions:
                    yield q.id
                for kq in standard.key_questions:
                    yield kq.id
                    yield from (p.id for p in kq.prompts)

    def standards(self) -> Iterator[tuple[Domain, Standard]]:
        for domain in self.domains:
            for standard in domain.standards:
                yield domain, standard

    def standard(self, standard_id: str) -> Standard | None:
        return next((s for _, s in self.standards() if s.id == standard_id), None)

    def domain(self, domain_id: str) -> Domain | None:
        return next((d for d in self.domains if d.id == domain_id), None)

    def sample_columns(self, sample: str) -> tuple[str, ...]:
        """Question columns a case CSV of this sample must have, in framework order."""
        columns: list[str] = []
        for domain in self.domains:
            if domain.sample != sample:
                continue
            for standard in domain.standards:
                for kq in standard.key_questions:
                    columns.append(kq.id)
                    columns.extend(p.id for p in kq.prompts)
        return tuple(columns)

    def sample_key_questions(self, sample: str) -> tuple[str, ...]:
        """The key questions a case file of this sample answers, in framework order."""
        return tuple(
            kq.id
            for domain in self.domains
            if domain.sample == sample
            for standard in domain.standards
            for kq in standard.key_questions
        )

    @property
    def samples(self) -> tuple[str, ...]:
        return tuple(d.sample for d in self.domains if d.sample)

    @property
    def case_samples(self) -> tuple[str, ...]:
        """The samples whose cases are rated (court and out-of-court; not resettlement,
        whose cases only illustrate a qualitative standard), in framework order."""
        return tuple(d.sample for d in self.domains if d.sample and d.has_case_standards)

    def sample_kind(self, sample: str) -> SampleKind | None:
        return next((k for k in self.sample_kinds if k.id == sample), None)

    def sample_vocabulary(self, sample: str) -> dict[str, tuple[str, ...]]:
        """Each attribute a sample's case file may record, with the values it may take
        there, in the vocabulary's order: an attribute another kind of sample names as
        its own is left out, and values are narrowed where the framework file says."""
        from yjsreport.content.vocabulary import ATTRIBUTES

        kind = self.sample_kind(sample)
        mine = set(kind.own_attributes) if kind else set()
        others = {a for k in self.sample_kinds if k.id != sample for a in k.own_attributes}
        narrowed = kind.values if kind else {}
        return {
            name: tuple(v for v in vocabulary.values if v in narrowed.get(name, vocabulary.values))
            for name, vocabulary in ATTRIBUTES.items()
            if name in mine or name not in others
        }

    def in_force_on(self, day: dt.date) -> bool:
        return self.in_force_from is None or self.in_force_from <= day


def framework_in_force(frameworks: dict[str, Framework], day: dt.date) -> Framework:
    """The newest version in force on a day (a version with no date is the oldest)."""
    ordered = sorted(frameworks.values(), key=lambda f: f.in_force_from or dt.date.min)
    in_force = [f for f in ordered if f.in_force_on(day)]
    return (in_force or ordered[:1])[-1]
