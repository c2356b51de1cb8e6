"""What inspectors may write: the shape of inspection.yaml, context.yaml and
each report part's front-matter. pydantic gives precise messages for free."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, RootModel, model_validator

RatingWord = Literal["Outstanding", "Good", "Requires improvement", "Inadequate", "Not rated"]
ScoredRatingWord = Literal["Outstanding", "Good", "Requires improvement", "Inadequate"]


def _as_id(value: object) -> object:
    """`standard: 2.1` is a float to YAML; authors mean the id "2.1"."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return repr(value)
    return value


Id = Annotated[str, BeforeValidator(_as_id)]
Text = Annotated[str, Field(min_length=1)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class InspectionMeta(_Strict):
    service: Text
    short_name: Text
    place: Text
    kind: Literal["YOT", "YOS", "YJS"]
    framework: Id
    fieldwork_start: dt.date
    fieldwork_end: dt.date
    publication_date: dt.date
    lead_inspector: Text
    status: Literal["draft", "published"]

    @model_validator(mode="after")
    def _dates_in_order(self) -> InspectionMeta:
        if self.fieldwork_end < self.fieldwork_start:
            raise ValueError("fieldwork_end is before fieldwork_start")
        if self.publication_date < self.fieldwork_end:
            raise ValueError("publication_date is before fieldwork_end")
        return self

    @property
    def is_draft(self) -> bool:
        return self.status == "draft"


class Figure(_Strict):
    label: Text
    value: int | float
    unit: Literal["number", "percent", "pounds", "days"]
    source: str | None = None


class FigureGroup(_Strict):
    source: str | None = None
    figures: list[Figure] = Field(min_length=1)


class DemographicRow(_Strict):
    label: Text
    values: list[int | float]


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


class Signatory(_Strict):
    name: Text
    role: Text


class Discretion(_Strict):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    from_: ScoredRatingWord = Field(alias="from")
    to: ScoredRatingWord
    reason: Text


class KeyData(_Strict):
    title: Text
    figures: list[Figure] = Field(min_length=1)


class RecommendationGroup(_Strict):
    who: Text
    items: list[Text] = Field(min_length=1)


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


class InvolvementPart(_Strict):
    part: Literal["involvement"]


class DiversityPart(_Strict):
    part: Literal["diversity"]


AnyPart = (
    ForewordPart
    | SummaryPart
    | RecommendationsPart
    | BackgroundPart
    | DomainPart
    | StandardPart
    | InvolvementPart
    | DiversityPart
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
}
REQUIRED_PARTS: tuple[str, ...] = ("foreword", "recommendations", "background")
