"""What an author writes for an annual report, and loading it with located problems.

content/annual/<year>/
  annual.yaml        the title, the period (inspections published between two
                     dates, or whose fieldwork ended between them, or a list of
                     inspections; with an optional publication cut-off), publication
                     date, status, who signs it, and the framework version whose
                     questions the narrative quotes
  figures.yaml       optional: statistics and surveys from outside the inspections,
                     with their sources (content/figures.py, as in context.yaml)
  chapters/*.md      the narrative, one chapter a file in name order; each
                     chapter's front-matter gives its title and the computed
                     exhibits (tables and charts; `distribution:2` for one made
                     for a domain or sample) shown after its prose, unless
                     a line of the prose places one (placement.py), as it may
                     place an image of the folder with its alt text and caption
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BeforeValidator, Field, ValidationInfo, field_validator, model_validator

from yjsreport.annual.exhibit_names import syntax_problem
from yjsreport.annual.folders import find_annuals
from yjsreport.annual.period import PeriodBy, PeriodRule
from yjsreport.annual.placement import Part, PlacedExhibit, split_parts
from yjsreport.content.figures import FIGURES_FILE, FiguresFile, read_figures
from yjsreport.content.frontmatter import FrontMatterProblem, split_front_matter
from yjsreport.content.schema import Date, Id, Signatory, Text, _Strict
from yjsreport.content.validation import validate
from yjsreport.content.yamlsource import YamlDocument, YamlProblem, read_yaml
from yjsreport.errors import ContentError, ProblemLog
from yjsreport.sources.text import TextProblem, read_text

META_FILE = "annual.yaml"
CHAPTERS_FOLDER = "chapters"


def _one_word(text: object) -> object:
    """An exhibit's name is one word (`distribution:2`); whether the registry and the
    framework have it is checked with the framework (annual/exhibit_names.py)."""
    wrong = syntax_problem(text)
    if wrong is not None:
        raise ValueError(wrong)
    return text


ExhibitText = Annotated[str, BeforeValidator(_one_word)]


class TrendOptions(_Strict):
    """The trend exhibits' window of years (the current one included) and the
    standards whose ratings are followed year by year."""

    years: int = Field(default=4, ge=2, le=20)
    standards: list[Id] = Field(default_factory=list)


class AnnualMeta(_Strict):
    title: Text
    period_start: Date
    period_end: Date
    publication_date: Date
    status: Literal["draft", "published"]
    framework: Id
    signed_by: Signatory
    # by publication (the default) or by the day fieldwork ended
    period_by: PeriodBy = "publication"
    # the inspections (folder names) covered, where the Inspectorate lists them
    inspections: list[Id] | None = Field(default=None, min_length=1)
    # the last publication day counted, where it differs from the period's end
    published_by: Date | None = None
    trends: TrendOptions = Field(default_factory=TrendOptions)

    @model_validator(mode="after")
    def _dates_in_order(self) -> AnnualMeta:
        if self.period_end < self.period_start:
            raise ValueError("period_end is before period_start")
        if self.publication_date < self.period_end:
            raise ValueError("publication_date is before period_end")
        return self

    @field_validator("published_by")
    @classmethod
    def _cutoff_after_period(cls, value: dt.date | None, info: ValidationInfo) -> dt.date | None:
        """Located at published_by: it is checked against the keys above it."""
        if value is None:
            return value
        if info.data.get("period_by") == "publication" and info.data.get("inspections") is None:
            raise ValueError(
                "a publication cut-off belongs to a period by fieldwork (period_by: "
                "fieldwork) or a list of inspections; by publication, period_end is the cut-off"
            )
        end, published = info.data.get("period_end"), info.data.get("publication_date")
        if end is not None and value < end:
            raise ValueError(f"the cut-off {value} is before period_end {end}")
        if published is not None and published < value:
            raise ValueError(f"the cut-off {value} is after publication_date {published}")
        return value

    @property
    def period_rule(self) -> PeriodRule:
        listed = tuple(self.inspections) if self.inspections is not None else None
        return PeriodRule(
            self.period_start, self.period_end, self.period_by, self.published_by, listed
        )

    @property
    def is_draft(self) -> bool:
        return self.status == "draft"


class ChapterFront(_Strict):
    title: Text
    exhibits: list[ExhibitText] = Field(default_factory=list)


@dataclass(frozen=True)
class Chapter:
    meta: ChapterFront
    body: str
    path: Path
    body_line: int
    front: YamlDocument
    parts: tuple[Part, ...] = ()  # the body as prose and placed exhibits and images

    @property
    def placed(self) -> list[str]:
        """The exhibits its prose places, in order."""
        return [p.id for p in self.parts if isinstance(p, PlacedExhibit)]

    @property
    def after_prose(self) -> list[str]:
        """The exhibits its front-matter names that no line places: after the prose."""
        return [e for e in self.meta.exhibits if e not in self.placed]

    @property
    def slug(self) -> str:
        """The chapter's anchor: its file name without a leading number."""
        stem = self.path.stem
        head, _, rest = stem.partition("-")
        return rest if head.isdigit() and rest else stem


@dataclass(frozen=True)
class AnnualSource:
    year: str
    folder: Path
    meta: AnnualMeta
    meta_doc: YamlDocument
    chapters: tuple[Chapter, ...]
    figures: FiguresFile | None = None  # figures.yaml


def load_annual(folder: Path, frameworks: set[str]) -> AnnualSource:
    """Read and validate one annual report's files; raise every problem found."""
    log = ProblemLog()
    meta_path = folder / META_FILE
    meta = doc = None
    if not meta_path.is_file():
        log.add(
            meta_path,
            "missing annual report file: expected title, period_start, "
            "period_end, publication_date, status, framework and signed_by",
        )
    else:
        try:
            doc = read_yaml(meta_path)
        except YamlProblem as exc:
            log.problems.append(exc.problem)
        if doc is not None:
            meta, problems = validate(AnnualMeta, doc)
            log.extend(problems)
    if meta is not None and doc is not None:
        seen: set[str] = set()
        for i, slug in enumerate(meta.inspections or []):
            if slug in seen:
                line, col = doc.locate(("inspections", i))
                log.add(meta_path, f"inspections: {slug!r} is listed twice", line, col)
            seen.add(slug)
    if meta is not None and doc is not None and meta.framework not in frameworks:
        line, col = doc.locate(("framework",))
        log.add(
            meta_path,
            f"framework: unknown version {meta.framework!r}; expected one of "
            f"{', '.join(sorted(frameworks))}",
            line,
            col,
        )
    chapters: list[Chapter] = []
    chapter_folder = folder / CHAPTERS_FOLDER
    paths = sorted(chapter_folder.glob("*.md")) if chapter_folder.is_dir() else []
    if not paths:
        log.add(chapter_folder, "expected the narrative as Markdown files under chapters/")
    for path in paths:
        try:
            source = split_front_matter(read_text(path), path)
        except (FrontMatterProblem, YamlProblem, TextProblem) as exc:
            log.problems.append(exc.problem)
            continue
        front, problems = validate(ChapterFront, source.front)
        log.extend(problems)
        parts, problems = split_parts(source.body, source.body_line, path, folder)
        log.extend(problems)
        if front is not None:
            chapters.append(
                Chapter(front, source.body, path, source.body_line, source.front, tuple(parts))
            )
    figures = None
    if (folder / FIGURES_FILE).is_file():
        figures, problems = read_figures(folder / FIGURES_FILE)
        log.extend(problems)
    log.raise_if_any()
    assert meta is not None and doc is not None
    return AnnualSource(folder.name, folder, meta, doc, tuple(chapters), figures)


def load_annual_sources(content: Path, frameworks: set[str]) -> list[AnnualSource]:
    log = ProblemLog()
    sources = []
    for folder in find_annuals(content):
        try:
            sources.append(load_annual(folder, frameworks))
        except ContentError as exc:
            log.extend(exc.problems)
    log.raise_if_any()
    return sources
