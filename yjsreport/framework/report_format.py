"""A report format: what a published report prints and where, kept apart from the
framework (what is rated and how). The Inspectorate has published the same framework
in more than one layout, so an inspection names its format, or takes the one in use
when it was published, and may make the choices a format leaves to each inspection."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, StringConstraints, model_validator

from yjsreport.content.dates import DateOrMonth

SectionName = Literal[
    "foreword",
    "ratings",
    "summary",
    "recommendations",
    "background",
    "context",
    "domains",
    "further-information",
    "methodology",
    "inspection-data",
]
# a sample of the framework the format lays out (court, resettlement ...)
CountedSample = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Placement(_Frozen):
    """Where a part sits: `within` a standard (after its narrative) or a domain (at its
    end), or `after` a domain, as a section of its own."""

    within: str | None = None
    after: str | None = None

    @model_validator(mode="after")
    def _one(self) -> Placement:
        if (self.within is None) == (self.after is None):
            raise ValueError("give exactly one of 'within' and 'after'")
        return self


class Choices(_Frozen):
    """What a format leaves to each inspection; an inspection's `choices:` override the
    format's. The published reports of one format differ in exactly these."""

    # professional discretion: a paragraph under the rating, or a footnote on it
    discretion: Literal["paragraph", "footnote"] | None = None
    # the samples the offence-type table counts (none: no table)
    offence_types: tuple[CountedSample, ...] | None = None
    involvement_heading: str | None = None
    involvement: Placement | None = None
    diversity: Placement | None = None


class GlossaryEntry(_Frozen):
    term: str
    meaning: str


class ReportFormat(_Frozen):
    id: str
    title: str
    # the framework versions this format lays out
    frameworks: tuple[str, ...]
    # an inspection that names no format takes the newest in use when it was published
    used_from: DateOrMonth | None = None
    sections: tuple[SectionName, ...]
    # a domain's heading: {id}, {words} (the id in words) and {title}; by domain id where
    # one is printed otherwise
    domain_heading: str = "{id}. {title}"
    domain_headings: dict[str, str] = {}
    # the published sentence that opens a domain's standards ("Organisations that are well
    # led ... We inspect against four standards.")
    domain_introduction: bool = True
    # "Key findings about organisational delivery were as follows." after a domain's opening
    key_findings: bool = False
    # "In making a judgement about ..., we take into account the answers to the following
    # ... questions:" and the questions as headings
    judgement_questions: bool = True
    # the opening part: 'Foreword' (signed by the Chief Inspector) or 'Introduction'
    # (signed by the Director of Operations)
    opening_heading: str = "Foreword"
    # the standard opening that gives the overall rating ("Overall, ... is rated as: ..."):
    # at the head of the executive summary or of the opening part, or not printed
    overall_statement: Literal["summary", "foreword"] | None = "summary"
    # key-question tables: 'percent' (% 'Yes') or 'counts' (Relevant cases, Number 'Yes')
    key_question_table: Literal["percent", "counts"] = "percent"
    # prompt-level figures: in an inspection-data annexe, or under each key question
    prompt_tables: Literal["annexe", "under-key-question"] = "annexe"
    # the heading of the caseload demographics among the contextual facts
    demographics_heading: str = "Caseload information"
    # the annexe that explains banding and scoring ('Annexe 1' or 'Annexe 2'); in a format
    # with a data annex, the data annex explains them
    rules_annexe: Literal["Annexe 1", "Annexe 2"] = "Annexe 2"
    # the paragraphs of the rules' explanation that only some layouts print: the percentages
    # of each band in words, which standards are judged on qualitative evidence, sub-samples
    # and professional discretion
    rules_paragraphs: tuple[
        Literal["band-thresholds", "qualitative", "sub-samples", "discretion"], ...
    ] = ()
    # the first header cell of a prompt table: by key-question id, as printed; else by
    # aspect where some cases are not relevant; {n} is the number of relevant cases
    subsample_captions: dict[str, str] = {}
    # methodology, contextual facts and the inspection data published beside the report,
    # as a page of their own, with a glossary page
    data_annex: bool = False
    glossary: tuple[GlossaryEntry, ...] = ()
    # the Jinja catalogue of the format's standard wording: templates/report/wording/<name>
    wording: str
    # the defaults of the choices an inspection may make
    discretion: Literal["paragraph", "footnote"] = "paragraph"
    # the samples whose cases the offence-type table counts (none: no table)
    offence_types: tuple[CountedSample, ...] = ()
    involvement_heading: str = "Involvement of children and their parents or carers"
    involvement: Placement
    diversity: Placement

    @model_validator(mode="after")
    def _shape(self) -> ReportFormat:
        if len(set(self.sections)) != len(self.sections):
            raise ValueError("a section is listed twice")
        if "domains" not in self.sections:
            raise ValueError("sections must include 'domains'")
        if self.data_annex and {"context", "methodology", "inspection-data"} & set(self.sections):
            raise ValueError(
                "a format with a data annex prints the contextual facts, methodology and "
                "inspection data there, not in the report"
            )
        if self.data_annex and "further-information" not in self.sections:
            raise ValueError("a format with a data annex links to it from 'further-information'")
        return self

    @property
    def executive_summary(self) -> bool:
        return "summary" in self.sections

    @property
    def inspection_data_annexe(self) -> bool:
        """Prompt-level tables in an annexe of their own (in the report or the data annex)."""
        return self.prompt_tables == "annexe"

    def domain_title(self, domain_id: str, title: str, words: str) -> str:
        pattern = self.domain_headings.get(domain_id, self.domain_heading)
        return pattern.format(id=domain_id, words=words, title=title)

    def with_choices(self, choices: Choices | None) -> ReportFormat:
        if choices is None:
            return self
        return self.model_copy(
            update={k: v for k, v in choices.model_dump(exclude_none=True).items()}
            | {
                k: getattr(choices, k)
                for k in ("involvement", "diversity")
                if getattr(choices, k) is not None
            }
        )


def default_format(
    formats: Mapping[str, ReportFormat], framework_id: str, published: dt.date
) -> ReportFormat | None:
    """The newest format of the framework in use on the publication date (a format with
    no date is the oldest)."""
    usable = sorted(
        (f for f in formats.values() if framework_id in f.frameworks),
        key=lambda f: (f.used_from or dt.date.min, f.id),
    )
    in_use = [f for f in usable if f.used_from is None or f.used_from <= published]
    chosen = in_use or usable[:1]
    return chosen[-1] if chosen else None
