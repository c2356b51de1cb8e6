"""What inspectors may write: the shape of inspection.yaml, context.yaml and
each report part's front-matter. pydantic gives precise messages for free."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    RootModel,
    StringConstraints,
    model_validator,
)

from yjsreport.content.dates import DateOrMonth, in_range, latest
from yjsreport.content.figures import StatTable, Survey, key_of, unique_ids
from yjsreport.content.primitives import FigureValue as FigureValue
from yjsreport.content.primitives import Slug as Slug
from yjsreport.content.primitives import Text as Text
from yjsreport.content.primitives import Unit
from yjsreport.content.primitives import _figure_value as _figure_value
from yjsreport.framework.report_format import Choices

RatingWord = Literal["Outstanding", "Good", "Requires improvement", "Inadequate", "Not rated"]
ScoredRatingWord = Literal["Outstanding", "Good", "Requires improvement", "Inadequate"]


def _as_id(value: object) -> object:
    """`standard: 2.1` is a float to YAML; authors mean the id, which is text."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return repr(value)
    return value


Id = Annotated[str, BeforeValidator(_as_id)]


def _as_date(value: object) -> object:
    """Only a calendar date: pydantic would read `20211025` or `1` as seconds since 1970."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        return value.strip()
    shown = f"'{value}' (a date and time)" if isinstance(value, dt.datetime) else repr(value)
    raise ValueError(f"expected a date written as YYYY-MM-DD, such as 2022-02-15; got {shown}")


Date = Annotated[dt.date, BeforeValidator(_as_date), AfterValidator(in_range)]
# a sample of the inspection's framework (checked against it when the inspection loads)
SampleName = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ExtraQuestion(_Strict):
    """A case question of the inspection's own that reports quote (for example on
    management oversight): a column of its id in that sample's CSV, answered Yes, No
    or N/A, counted like a prompt."""

    id: Slug
    sample: SampleName
    text: Text


class TeamMember(_Strict):
    name: Text
    role: Text

    @property
    def label(self) -> str:
        return f"{self.name} ({self.role})"


class InsideCover(_Strict):
    """What the inside cover prints besides the Inspectorate's standard wording: who did
    the work, the ISBN and where the publisher is."""

    team: list[TeamMember] = []
    isbn: Annotated[str, Field(pattern=r"^97[89]-\d{1,5}-\d{1,7}-\d{1,7}-\d$")]
    publisher_address: list[Text] = Field(min_length=1)


class InspectionMeta(_Strict):
    service: Text
    short_name: Text
    place: Text
    kind: Literal["YOT", "YOS", "YJS"]
    framework: Id
    # the report format (content/frameworks/formats/); by default the one in use on the
    # publication date
    format: Id | None = None
    # the choices the format leaves to each inspection, where this report made others
    choices: Choices | None = None
    # Where a report gives only the month fieldwork ended ("Fieldwork completed January
    # 2022"), leave out fieldwork_start and write fieldwork_end as 2022-01.
    fieldwork_start: Date | None = None
    fieldwork_end: DateOrMonth
    publication_date: DateOrMonth  # 2022-05 where the report gives only 'May 2022'
    lead_inspector: Text
    status: Literal["draft", "published"]
    extra_questions: list[ExtraQuestion] = []
    inside_cover: InsideCover | None = None
    # the services as the report names them in its title; by default from `kind`
    # (YOT and YOS: youth offending services; YJS: youth justice services)
    services: Literal["youth offending services", "youth justice services"] | None = None
    # For the annual report: the earlier inspection (folder name) this one revisits,
    # and the inspectorates that joined a joint inspection.
    reinspection_of: Text | None = None
    joint_services: list[Text] = []

    @model_validator(mode="after")
    def _dates_in_order(self) -> InspectionMeta:
        if self.fieldwork_start is not None and latest(self.fieldwork_end) < self.fieldwork_start:
            raise ValueError("fieldwork_end is before fieldwork_start")
        if latest(self.publication_date) < self.fieldwork_end:
            raise ValueError("publication_date is before fieldwork_end")
        seen = set()
        for q in self.extra_questions:
            if (q.sample, q.id) in seen:
                raise ValueError(f"extra question {q.id!r} is declared twice for {q.sample}")
            seen.add((q.sample, q.id))
        return self

    @model_validator(mode="after")
    def _one_name_for_the_service(self) -> InspectionMeta:
        """`kind` is what every standard sentence calls the service ('the YJS's work'); a
        short name that calls it otherwise would make the report call it two things."""
        other = {"YOT", "YOS", "YJS"} - {self.kind}
        called = [word for word in self.short_name.split() if word in other]
        if called:
            raise ValueError(
                f"short_name {self.short_name!r} calls the service a {called[0]}, but kind is "
                f"{self.kind}: the service is called one thing throughout the report"
            )
        return self

    @property
    def services_named(self) -> str:
        if self.services is not None:
            return self.services
        return "youth justice services" if self.kind == "YJS" else "youth offending services"

    @property
    def is_draft(self) -> bool:
        return self.status == "draft"


class Figure(_Strict):
    label: Text
    value: FigureValue
    unit: Unit
    source: str | None = None
    # to quote it in prose: {{ context.<id> }} in context.yaml, and under a standard's
    # key_data {{ key_data.<standard>.<id> }}
    id: Slug | None = None

    @property
    def key(self) -> str:
        """The name a key data figure is quoted by: its id, else its label as a key."""
        return self.id or key_of(self.label)


class FigureGroup(_Strict):
    source: str | None = None
    figures: list[Figure] = Field(min_length=1)


class DemographicRow(_Strict):
    label: Text
    values: list[FigureValue]
    source: str | None = None


class DemographicTable(_Strict):
    title: Text
    columns: list[Text] = Field(min_length=1)
    rows: list[DemographicRow] = Field(min_length=1)

    @model_validator(mode="after")
    def _row_widths(self) -> DemographicTable:
        for row in self.rows:
            if len(row.values) != len(self.columns):
                raise ValueError(
                    f"row '{row.label}' has {len(row.values)} values for "
                    f"{len(self.columns)} columns"
                )
        return self


class Demographics(_Strict):
    source: str | None = None
    tables: list[DemographicTable] = Field(min_length=1)


class Context(_Strict):
    sources: dict[str, Text] = {}
    population: FigureGroup | None = None
    caseload_demographics: Demographics | None = None
    caseload: FigureGroup | None = None
    # surveys and tables of statistics (content/figures.py), as an annual report has them
    surveys: list[Survey] = []
    statistics: list[StatTable] = []
    # proper names with a number in them ('Junction 10 Project'): the figure check reads
    # them as names, not as figures
    names: list[Text] = []

    @model_validator(mode="after")
    def _unique_ids(self) -> Context:
        seen: set[str] = set()
        for group in (self.population, self.caseload):
            for figure in group.figures if group else []:
                if figure.id is not None and figure.id in seen:
                    raise ValueError(f"figure id {figure.id!r} is used twice")
                seen.add(figure.id or "")
        unique_ids(self.statistics, self.surveys)
        # the caseload demographics tables are quoted as stat.<their title>
        titles = (
            {key_of(t.title) for t in self.caseload_demographics.tables}
            if (self.caseload_demographics)
            else set()
        )
        for table in self.statistics:
            if table.id in titles:
                raise ValueError(
                    f"table id {table.id!r} is also the name of a caseload demographics "
                    f"table (stat.{table.id}); give this one another id"
                )
        return self

    def figure(self, figure_id: str) -> Figure | None:
        for group in (self.population, self.caseload):
            for figure in group.figures if group else []:
                if figure.id == figure_id:
                    return figure
        return None

    def survey(self, survey_id: str) -> Survey | None:
        return next((s for s in self.surveys if s.id == survey_id), None)


class Signatory(_Strict):
    name: Text
    role: Text


class Discretion(_Strict):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    from_: ScoredRatingWord = Field(alias="from")
    to: ScoredRatingWord
    reason: Text


class KeyData(_Strict):
    """The key data table printed under a standard: each figure quoted in prose as
    {{ key_data.<standard>.<figure> }}, the figure named by its id or its label."""

    title: Text
    figures: list[Figure] = Field(min_length=1)

    @model_validator(mode="after")
    def _names(self) -> KeyData:
        keys = [f.key for f in self.figures]
        twice = sorted({k for k in keys if keys.count(k) > 1})
        if twice:
            raise ValueError(f"two figures are named {twice[0]!r}; give one an id")
        return self

    def figure(self, key: str) -> Figure | None:
        return next((f for f in self.figures if f.key == key), None)


class RecommendationItem(_Strict):
    """A recommendation with its own theme (for the annual report's count of themes)."""

    text: Text
    theme: Id


class RecommendationGroup(_Strict):
    who: Text
    # the theme of every item of the group that does not name its own; themes are
    # declared in content/annual/recommendation-themes.yaml
    theme: Id | None = None
    items: list[Text | RecommendationItem] = Field(min_length=1)

    def entries(self) -> list[tuple[tuple[str | int, ...], str, str | None]]:
        """Each item's path within the group (for locating its text), text and theme."""
        out: list[tuple[tuple[str | int, ...], str, str | None]] = []
        for i, item in enumerate(self.items):
            if isinstance(item, RecommendationItem):
                out.append((("items", i, "text"), item.text, item.theme))
            else:
                out.append((("items", i), item, self.theme))
        return out


class ForewordPart(_Strict):
    part: Literal["foreword"]
    signed_by: Signatory


class SummaryPart(_Strict):
    part: Literal["summary"]


class RecommendationsPart(_Strict):
    part: Literal["recommendations"]
    groups: list[RecommendationGroup] = Field(min_length=1)


class BackgroundPart(_Strict):
    part: Literal["background"]


class DomainPart(_Strict):
    part: Literal["domain"]
    domain: Id
    strengths: list[Text] = []
    improvements: list[Text] = []


class StandardPart(_Strict):
    part: Literal["standard"]
    standard: Id
    rating: RatingWord | None = None
    discretion: Discretion | None = None
    strengths: list[Text] = []
    improvements: list[Text] = []
    key_data: KeyData | None = None
    # a key question's heading as this report printed it, where the report words it
    # differently from the framework (North Somerset, 2020: 'Does planning focus on
    # supporting ...' over a table asking whether it focuses sufficiently): the question's
    # figures go under the heading written so
    headings: dict[Id, Text] = {}


class InvolvementPart(_Strict):
    part: Literal["involvement"]


class DiversityPart(_Strict):
    part: Literal["diversity"]


class MethodologyPart(_Strict):
    """Annexe 1: how this inspection's fieldwork was done, in the inspectors' words."""

    part: Literal["methodology"]


AnyPart = (
    ForewordPart
    | SummaryPart
    | RecommendationsPart
    | BackgroundPart
    | DomainPart
    | StandardPart
    | InvolvementPart
    | DiversityPart
    | MethodologyPart
)


class PartFrontMatter(RootModel[Annotated[AnyPart, Field(discriminator="part")]]):
    """Front-matter of any report part, told apart by its `part` key."""


# Parts a report may hold once only, with the heading each is published under.
SINGLE_PARTS: dict[str, str] = {
    "foreword": "Foreword",
    "summary": "Executive summary",
    "recommendations": "Recommendations",
    "background": "Background",
    "involvement": "Involvement of children and parents or carers",
    "diversity": "Diversity",
    "methodology": "Annexe 1: Methodology",
}
REQUIRED_PARTS: tuple[str, ...] = ("foreword", "recommendations", "background")
