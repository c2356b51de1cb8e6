"""What an author writes for an annual report, and loading it with located problems.

content/annual/<year>/
  annual.yaml        the title, the period (inspections published between two
                     dates), publication date, status, who signs it, and the
                     framework version whose questions the narrative quotes
  figures.yaml       optional: statistics and surveys from outside the inspections,
                     with their sources (content/figures.py, as in context.yaml)
  chapters/*.md      the narrative, one chapter a file in name order; each
                     chapter's front-matter gives its title and the computed
                     exhibits (tables and charts) shown after its prose
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import Field, model_validator

from yjsreport.annual.folders import find_annuals
from yjsreport.content.figures import FIGURES_FILE, FiguresFile, read_figures
from yjsreport.content.frontmatter import FrontMatterProblem, split_front_matter
from yjsreport.content.schema import Date, Id, Signatory, Text, _Strict
from yjsreport.content.validation import validate
from yjsreport.content.yamlsource import YamlDocument, YamlProblem, read_yaml
from yjsreport.errors import ContentError, ProblemLog
from yjsreport.sources.text import TextProblem, read_text

META_FILE = "annual.yaml"
CHAPTERS_FOLDER = "chapters"

# Computed exhibits a chapter may show, with what each is.
EXHIBITS: dict[str, str] = {
    "ratings-matrix": "the ratings of every inspection in the period",
    "overall-by-year": "overall ratings by reporting year, across all years in the content",
    "overall-distribution": "overall ratings in the period",
    "distribution-organisational": "ratings of standards 1.1 to 1.4",
    "distribution-court": "ratings of the court standards 2.1 to 2.4",
    "distribution-out-of-court": "ratings of the out-of-court standards 3.1 to 3.4",
    "distribution-resettlement": "ratings of resettlement policy and provision",
    "key-questions": "cases judged sufficient on each key question, court and "
    "out-of-court side by side, by year and framework version",
    "contingency-planning": "prompts on contingency planning",
    "extra-questions": "questions asked beside the framework, such as management oversight",
    "safety-by-risk": "safety and wellbeing levels by risk of serious harm",
    "case-quality-by-group": "case quality for looked-after children, children with an "
    "education, health and care plan, and MAPPA cases",
    "out-of-court-first-repeat": "first and repeat out-of-court disposals",
    "offence-types": "offence types, court and out-of-court",
    "disposal-types": "types of disposal, court and out-of-court",
    "court-and-out-of-court": "ratings of court and out-of-court assessment, planning and "
    "delivery side by side",
    "reinspections": "services inspected again, earlier and later scores",
    "surveys": "survey responses recorded by inspections",
}

ExhibitId = Literal[
    "ratings-matrix",
    "overall-by-year",
    "overall-distribution",
    "distribution-organisational",
    "distribution-court",
    "distribution-out-of-court",
    "distribution-resettlement",
    "key-questions",
    "contingency-planning",
    "extra-questions",
    "safety-by-risk",
    "case-quality-by-group",
    "out-of-court-first-repeat",
    "offence-types",
    "disposal-types",
    "court-and-out-of-court",
    "reinspections",
    "surveys",
]


class AnnualMeta(_Strict):
    title: Text
    period_start: Date
    period_end: Date
    publication_date: Date
    status: Literal["draft", "published"]
    framework: Id
    signed_by: Signatory

    @model_validator(mode="after")
    def _dates_in_order(self) -> AnnualMeta:
        if self.period_end < self.period_start:
            raise ValueError("period_end is before period_start")
        if self.publication_date < self.period_end:
            raise ValueError("publication_date is before period_end")
        return self

    @property
    def is_draft(self) -> bool:
        return self.status == "draft"


class ChapterFront(_Strict):
    title: Text
    exhibits: list[ExhibitId] = Field(default_factory=list)


@dataclass(frozen=True)
class Chapter:
    meta: ChapterFront
    body: str
    path: Path
    body_line: int
    front: YamlDocument

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
        if front is not None:
            chapters.append(Chapter(front, source.body, path, source.body_line, source.front))
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
