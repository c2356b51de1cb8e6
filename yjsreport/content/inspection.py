"""Loading one inspection folder, checking its parts against its framework."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from yjsreport.content.cases import SampleCounts, count_sample_and_ids, empty_sample
from yjsreport.content.figures import chart_problems, unknown_sources
from yjsreport.content.frontmatter import FrontMatterProblem, split_front_matter
from yjsreport.content.privacy import case_id_problems
from yjsreport.content.schema import (
    REQUIRED_PARTS,
    SINGLE_PARTS,
    AnyPart,
    Context,
    DomainPart,
    InspectionMeta,
    KeyData,
    PartFrontMatter,
    StandardPart,
)
from yjsreport.content.spreadsheet import WORKBOOK, sample_tables
from yjsreport.errors import ContentError, Problem, ProblemLog
from yjsreport.framework.model import Framework
from yjsreport.framework.report_format import ReportFormat, default_format
from yjsreport.sources.text import TextProblem, read_text
from yjsreport.sources.validation import validate
from yjsreport.sources.yamldoc import YamlDocument, YamlProblem, read_yaml

INSPECTION_FILE = "inspection.yaml"
CONTEXT_FILE = "context.yaml"
CASES_FOLDER = "cases"
REPORT_FOLDER = "report"
# An inspection's folder name becomes its web address and its download file names.
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
SLUG_MAX = 80
_STATUS_DRAFT = re.compile(r"^status:[ \t]*(['\"]?)draft\1[ \t]*(#.*)?$", re.MULTILINE)


@dataclass(frozen=True)
class Part:
    """A report part: validated front-matter, the Markdown body and where it came from."""

    meta: AnyPart
    body: str
    path: Path
    body_line: int
    front: YamlDocument

    @property
    def kind(self) -> str:
        return self.meta.part


@dataclass(frozen=True)
class Inspection:
    slug: str
    folder: Path
    meta: InspectionMeta
    framework: Framework
    context: Context | None
    context_doc: YamlDocument | None
    parts: tuple[Part, ...]
    samples: dict[str, SampleCounts]
    # Only to check that no published text names a case; never passed to results.
    case_ids: frozenset[str] = frozenset()
    # inspection.yaml as read, to place messages about its values checked later (a
    # reinspection_of checked against the annual reports' history)
    meta_doc: YamlDocument | None = None

    @property
    def format(self) -> ReportFormat:
        """The report's format, with the inspection's own choices applied."""
        return self.framework.report_format(
            self.meta.format, self.meta.publication_date, self.meta.choices
        )

    def published_files(self) -> list[Path]:
        """Every file whose text reaches the site or the PDF."""
        return published_files(self.folder)

    @cached_property
    def key_data(self) -> Mapping[str, KeyData]:
        """Each standard's key data table, by standard id: the figures prose quotes as
        {{ key_data.<standard>.<figure> }} (one object per inspection, so the prose
        parsed for `check` serves the build too)."""
        return {
            p.meta.standard: p.meta.key_data
            for p in self.parts
            if isinstance(p.meta, StandardPart) and p.meta.key_data is not None
        }

    def single(self, kind: str) -> Part | None:
        return next((p for p in self.parts if p.kind == kind), None)

    def standard_part(self, standard_id: str) -> Part | None:
        return next(
            (
                p
                for p in self.parts
                if isinstance(p.meta, StandardPart) and p.meta.standard == standard_id
            ),
            None,
        )

    def domain_part(self, domain_id: str) -> Part | None:
        return next(
            (
                p
                for p in self.parts
                if isinstance(p.meta, DomainPart) and p.meta.domain == domain_id
            ),
            None,
        )


def _read_doc(path: Path, log: ProblemLog) -> YamlDocument | None:
    try:
        return read_yaml(path)
    except YamlProblem as exc:
        log.problems.append(exc.problem)
        return None


def _load_parts(folder: Path, log: ProblemLog, unreadable: list[Path]) -> list[Part]:
    """Valid parts; files that could not be read are listed in `unreadable`."""
    parts: list[Part] = []
    if not folder.is_dir():
        log.add(folder, "missing report folder: expected Markdown parts under report/")
        return parts
    for path in sorted(folder.iterdir()):
        if path.name.startswith("."):  # an editor's lock or backup file, never a part
            continue
        if path.suffix != ".md":
            if path.suffix.lower() == ".md":
                log.add(path, misnamed(path.name, path.stem + ".md"))
            continue
        try:
            source = split_front_matter(read_text(path), path)
        except (FrontMatterProblem, YamlProblem, TextProblem) as exc:
            log.problems.append(exc.problem)
            unreadable.append(path)
            continue
        front, problems = validate(PartFrontMatter, source.front, tag_key="part")
        log.extend(problems)
        if problems:
            unreadable.append(path)
        if front is not None:
            parts.append(Part(front.root, source.body, path, source.body_line, source.front))
    return parts


def _check_parts(
    parts: list[Part],
    framework: Framework,
    report_format: ReportFormat,
    samples: dict[str, SampleCounts],
    folder: Path,
    log: ProblemLog,
    draft: bool = False,
    *,
    report_missing: bool = True,
) -> None:
    """Each standard and domain once; ratings only where inspectors give them."""

    def at(part: Part, key: tuple[Any, ...], message: str) -> None:
        line, col = part.front.locate(key)
        log.add(part.path, message, line, col)

    seen: dict[tuple[str, str], Part] = {}
    for part in parts:
        meta = part.meta
        key = (
            (meta.part, meta.standard)
            if isinstance(meta, StandardPart)
            else (meta.part, meta.domain)
            if isinstance(meta, DomainPart)
            else (meta.part, "")
        )
        if key in seen:
            at(
                part,
                ("part",),
                f"{' '.join(key).strip()} is already written in "
                f"{seen[key].path.name}; each part appears once",
            )
            continue
        seen[key] = part
        if isinstance(meta, DomainPart) and framework.domain(meta.domain) is None:
            ids = ", ".join(d.id for d in framework.domains)
            at(
                part,
                ("domain",),
                f"domain {meta.domain!r} is not in framework {framework.id}; expected one of {ids}",
            )
        if isinstance(meta, StandardPart):
            _check_standard_part(part, meta, framework, samples, at, draft)

    summary = seen.get(("summary", ""))
    if summary is not None and not report_format.executive_summary:
        at(
            summary,
            ("part",),
            f"reports in format {report_format.id} have no executive summary; move this "
            f"prose into the {report_format.opening_heading.lower()} (part: foreword)",
        )
    if not report_missing:
        return
    for kind in REQUIRED_PARTS:
        if (kind, "") not in seen:
            log.add(
                folder / REPORT_FOLDER,
                f"missing part '{kind}' "
                f"({SINGLE_PARTS[kind]}): add a Markdown file with 'part: {kind}'",
            )
    for domain in framework.domains:
        if ("domain", domain.id) not in seen:
            log.add(
                folder / REPORT_FOLDER,
                f"missing part for domain {domain.id} "
                f"({domain.title}): add a file with 'part: domain' and 'domain: \"{domain.id}\"'",
            )
        for standard in domain.standards:
            if ("standard", standard.id) not in seen:
                log.add(
                    folder / REPORT_FOLDER,
                    f"missing part for standard {standard.id} "
                    f"({standard.title}): add a file with 'part: standard' and "
                    f"'standard: \"{standard.id}\"'",
                )


def _check_standard_part(
    part: Part,
    meta: StandardPart,
    framework: Framework,
    samples: dict[str, SampleCounts],
    at: Any,
    draft: bool,
) -> None:
    found = next(((d, s) for d, s in framework.standards() if s.id == meta.standard), None)
    if found is None:
        ids = ", ".join(s.id for _, s in framework.standards())
        at(
            part,
            ("standard",),
            f"standard {meta.standard!r} is not in framework {framework.id}; expected one of {ids}",
        )
        return
    domain, standard = found
    own = {kq.id for kq in standard.key_questions}
    for kq_id in meta.headings:
        if kq_id not in own:
            expected = ", ".join(sorted(own)) or "none: it has no key questions"
            at(
                part,
                ("headings", kq_id),
                f"headings names {kq_id!r}, not a key question of standard {standard.id}; "
                f"expected one of {expected}",
            )
    if standard.is_case:
        if meta.rating is not None:
            at(
                part,
                ("rating",),
                f"standard {standard.id} is rated from the case data; "
                "remove 'rating' (use 'discretion' for a ratings panel's decision)",
            )
        return
    if meta.discretion is not None:
        at(
            part,
            ("discretion",),
            f"professional discretion applies to case standards only; "
            f"{standard.id} is rated by the inspectors",
        )
    if meta.rating is None:
        written_empty = isinstance(part.front.data, dict) and "rating" in part.front.data
        if not (draft and written_empty):  # a draft's empty rating is a placeholder
            at(part, (), f"missing required key 'rating' for qualitative standard {standard.id}")
        return
    # Resettlement (a domain of qualitative standards over its own sample) can be
    # rated only when that sample holds a case; 3.4 is judged on provision alone.
    if not domain.sample or any(s.is_case for s in domain.standards):
        return
    cases = samples[domain.sample].cases if domain.sample in samples else None
    if cases == 0 and meta.rating != "Not rated":
        at(
            part,
            ("rating",),
            f"standard {standard.id} cannot be rated: the {domain.sample} "
            "sample has no cases; expected 'Not rated'",
        )
    if cases and meta.rating == "Not rated":
        at(
            part,
            ("rating",),
            f"standard {standard.id} must be rated: the {domain.sample} sample has {cases} case(s)",
        )


def load_inspection(folder: Path, frameworks: dict[str, Framework]) -> Inspection:
    """Load and cross-check everything in one inspection folder; raise all problems."""
    log = ProblemLog()
    problem = slug_problem(folder)
    if problem is not None:
        log.problems.append(problem)
    _check_names(folder, log)
    meta_doc = None
    if _present(folder / INSPECTION_FILE):
        meta_doc = _read_doc(folder / INSPECTION_FILE, log)
    else:
        log.add(folder / INSPECTION_FILE, "missing inspection file")
    meta: InspectionMeta | None = None
    if meta_doc is not None:
        meta, problems = validate(InspectionMeta, meta_doc)
        log.extend(problems)
    framework = None
    if meta is not None:
        framework = frameworks.get(meta.framework)
        if framework is None:
            line, col = meta_doc.locate(("framework",)) if meta_doc else (None, None)
            log.add(
                folder / INSPECTION_FILE,
                f"framework: unknown version {meta.framework!r}; "
                f"expected one of {', '.join(sorted(frameworks))}",
                line,
                col,
            )
    if meta is not None and framework is not None and meta_doc is not None:
        _check_format(meta, framework, meta_doc, folder / INSPECTION_FILE, log)
        for i, question in enumerate(meta.extra_questions):
            if question.sample not in framework.samples:
                line, col = meta_doc.locate(("extra_questions", i, "sample"))
                log.add(
                    folder / INSPECTION_FILE,
                    f"extra question {question.id!r}: framework {framework.id} has no "
                    f"{question.sample!r} sample; expected one of {', '.join(framework.samples)}",
                    line,
                    col,
                )
    log.raise_if_any()
    assert meta is not None and framework is not None

    context = context_doc = None
    if _present(folder / CONTEXT_FILE):
        context_doc = _read_doc(folder / CONTEXT_FILE, log)
        if context_doc is not None:
            context, problems = validate(Context, context_doc)
            log.extend(problems)
            if context is not None:
                _check_sources(context, context_doc, log)

    samples: dict[str, SampleCounts] = {}
    case_ids: set[str] = set()
    tables, problems, readable = sample_tables(folder / CASES_FOLDER, framework.samples)
    log.extend(problems)
    for sample in framework.samples:
        columns = framework.sample_columns(sample)
        extra = tuple(q.id for q in meta.extra_questions if q.sample == sample)
        if sample not in tables:
            if readable:  # a workbook that cannot be read is not an empty sample
                samples[sample] = empty_sample(
                    sample, (*columns, *extra), framework.sample_vocabulary(sample)
                )
            continue
        counts, ids, found = count_sample_and_ids(
            tables[sample],
            sample,
            columns,
            extra,
            framework.sample_key_questions(sample),
            vocabulary=framework.sample_vocabulary(sample),
        )
        case_ids.update(ids)
        log.extend(found)
        if counts is not None:
            samples[sample] = counts

    log.extend(case_id_problems(published_files(folder), case_ids))
    unreadable: list[Path] = []
    parts = _load_parts(folder / REPORT_FOLDER, log, unreadable)
    # a part that failed to load would also be reported missing: say it once, but
    # still check the parts that did load, so every problem shows in one run
    if len(samples) == len(framework.samples):
        _check_parts(
            parts,
            framework,
            framework.report_format(meta.format, meta.publication_date, meta.choices),
            samples,
            folder,
            log,
            meta.is_draft,
            report_missing=not unreadable,
        )
    if context is not None or not _present(folder / CONTEXT_FILE):  # else reported already
        _check_key_data_sources(parts, context.sources if context else {}, log)
    log.raise_if_any()
    return Inspection(
        folder.name,
        folder,
        meta,
        framework,
        context,
        context_doc,
        tuple(parts),
        samples,
        frozenset(case_ids),
        meta_doc,
    )


def _check_format(
    meta: InspectionMeta, framework: Framework, doc: YamlDocument, path: Path, log: ProblemLog
) -> None:
    """The format named must lay out the framework; where none is named, one must be in use."""
    names = ", ".join(sorted(framework.formats))
    if meta.format is not None and meta.format not in framework.formats:
        line, col = doc.locate(("format",))
        log.add(
            path,
            f"format: {meta.format!r} does not lay out framework {framework.id}; "
            f"expected one of {names}",
            line,
            col,
        )
    elif meta.format is None and (
        default_format(framework.formats, framework.id, meta.publication_date) is None
    ):
        log.add(path, f"format: none given and none in use; expected one of {names}")
    if meta.choices is not None:
        placed = {"involvement": meta.choices.involvement, "diversity": meta.choices.diversity}
        for key, placement in placed.items():
            if placement is None:
                continue
            target = placement.within or placement.after or ""
            known = framework.domain(target) is not None or (
                placement.within is not None and framework.standard(target) is not None
            )
            if not known:
                which = "within" if placement.within else "after"
                line, col = doc.locate(("choices", key, which))
                log.add(
                    path,
                    f"choices: {key} is placed {which} {target!r}, which is not a "
                    f"{'domain or standard' if which == 'within' else 'domain'} of framework "
                    f"{framework.id}",
                    line,
                    col,
                )


def published_files(folder: Path) -> list[Path]:
    """inspection.yaml, context.yaml and the report parts: all that is published."""
    report = folder / REPORT_FOLDER
    parts = (
        sorted(p for p in report.glob("*.md") if p.is_file() and not p.name.startswith("."))
        if report.is_dir()
        else []
    )
    return [p for p in (folder / INSPECTION_FILE, folder / CONTEXT_FILE) if p.is_file()] + parts


def _check_key_data_sources(parts: list[Part], sources: Mapping[str, str], log: ProblemLog) -> None:
    """A key data figure's source is one of context.yaml's, as every other figure's is:
    its note is printed under the table and wherever prose quotes the figure."""
    for part in parts:
        if not isinstance(part.meta, StandardPart) or part.meta.key_data is None:
            continue
        for i, figure in enumerate(part.meta.key_data.figures):
            if figure.source is not None and figure.source not in sources:
                line, col = part.front.locate(("key_data", "figures", i, "source"))
                known = ", ".join(sources) or "none defined yet"
                log.add(
                    part.path,
                    f"source {figure.source!r} is not defined under 'sources' in "
                    f"{CONTEXT_FILE} (defined: {known})",
                    line,
                    col,
                )


def _check_sources(context: Context, doc: YamlDocument, log: ProblemLog) -> None:
    def check(key: str | None, path: tuple[Any, ...]) -> None:
        if key is not None and key not in context.sources:
            line, col = doc.locate(path)
            log.add(doc.path, f"source {key!r} is not defined under 'sources'", line, col)

    for group_name in ("population", "caseload"):
        group = getattr(context, group_name)
        if group is None:
            continue
        check(group.source, (group_name, "source"))
        for i, figure in enumerate(group.figures):
            check(figure.source, (group_name, "figures", i, "source"))
    if context.caseload_demographics is not None:
        check(context.caseload_demographics.source, ("caseload_demographics", "source"))
        for t, table in enumerate(context.caseload_demographics.tables):
            for r, row in enumerate(table.rows):
                check(row.source, ("caseload_demographics", "tables", t, "rows", r, "source"))
    log.extend(unknown_sources(context.sources, context.statistics, context.surveys, doc))
    log.extend(chart_problems(context.statistics, doc))


def _present(path: Path) -> bool:
    """There, even as a link to nothing or a folder: reading it then says what is wrong."""
    return path.exists() or path.is_symlink()


def misnamed(name: str, expected: str) -> str:
    return (
        f"'{name}' is not read: names are case-sensitive; rename it to '{expected}' "
        "if it belongs to the report"
    )


def _check_names(folder: Path, log: ProblemLog) -> None:
    """`Cases/`, `court.CSV` or `Inspection.YAML` would be skipped without a word."""
    known = (INSPECTION_FILE, CONTEXT_FILE, CASES_FOLDER, REPORT_FOLDER)
    for entry in sorted(folder.iterdir()):
        expected = next((k for k in known if k.lower() == entry.name.lower()), None)
        if expected is not None and expected != entry.name:
            log.add(entry, misnamed(entry.name, expected))
    cases = folder / CASES_FOLDER
    if cases.is_dir():
        for entry in sorted(cases.iterdir()):
            message = case_file_name_problem(entry.name)
            if message is not None:
                log.add(entry, message)


# Spreadsheet files saved in a format or under a name that is not read: each would
# otherwise show only through its consequences (an empty sample, a stale CSV read).
OTHER_SPREADSHEETS = (
    *(".xls", ".xlsm", ".xlsb", ".xltx", ".xltm", ".ods", ".fods", ".numbers"),
    *(".tsv", ".tab", ".prn", ".dif", ".slk"),  # a spreadsheet's other text formats
)


def case_file_name_problem(name: str) -> str | None:
    """Why a file in cases/ that looks like case data will not be read, if it will not."""
    if name.startswith(("~$", ".")):  # an editor's lock file, or hidden
        return None
    stem, dot, suffix = name.rpartition(".")
    lower = f".{suffix.lower()}" if dot else ""
    if name.lower() == WORKBOOK and name != WORKBOOK:
        return misnamed(name, WORKBOOK)
    if lower in (".csv", ".xlsx") and f".{suffix}" != lower:
        return misnamed(name, stem + lower)
    if lower == ".xlsx" and name != WORKBOOK:
        return (
            f"'{name}' is not read: case data in a workbook is read only from "
            f"'{WORKBOOK}', with a sheet per sample; move its sheet into '{WORKBOOK}' "
            f"(named '{stem}' if it holds that sample), or save it as '{stem}.csv'"
        )
    if lower in OTHER_SPREADSHEETS:
        return (
            f"'{name}' is not read: case data is read only from CSV files and from "
            f"'{WORKBOOK}'; save it as 'Excel Workbook (.xlsx)' named '{WORKBOOK}', or "
            f"as '{stem}.csv' ('CSV UTF-8')"
        )
    return None


def slug_problem(folder: Path) -> Problem | None:
    """An inspection folder's name is used in web addresses and file names."""
    name = folder.name
    if SLUG.fullmatch(name) and len(name) <= SLUG_MAX:
        return None
    shown = name if len(name) <= 40 else name[:40] + "…"
    return Problem(
        folder.parent,
        f"inspection folder {shown!r}: its name is the report's web address, so it may hold "
        f"only lower-case letters, digits and single hyphens, at most {SLUG_MAX} characters, "
        "such as 'brackenmoor-2022'; rename the folder",
    )


def find_inspections(content: Path) -> list[Path]:
    root = content / "inspections"
    if not root.is_dir():
        raise ContentError([Problem(root, "inspections folder not found")])
    return sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith("."))


def is_draft_folder(folder: Path) -> bool:
    """A quick look at the status, so a half-written draft never blocks publishing:
    a file too broken to parse still counts as a draft if a line says `status: draft`."""
    path = folder / INSPECTION_FILE
    try:
        data = read_yaml(path).data
    except YamlProblem:
        try:
            return _STATUS_DRAFT.search(read_text(path)) is not None
        except TextProblem:
            return False
    return isinstance(data, dict) and data.get("status") == "draft"


def case_file_ids(folder: Path) -> frozenset[str]:
    """The case ids in a folder's case files (every CSV and every sheet), read without
    loading the inspection: a build that leaves drafts out, and `check` where an
    inspection does not load, must still keep those ids out of what is published.
    Files are read whatever their encoding and the letter case of their names
    (`Cases/court.CSV`, `court.xlsx`), so a file that loading refuses still gives its
    ids; files that cannot be read give none (loading the inspection says why)."""
    from yjsreport.content.spreadsheet import read_csv, read_workbook
    from yjsreport.sources.text import read_text_any_encoding

    tables = []
    for cases in sorted(p for p in folder.iterdir() if p.name.lower() == CASES_FOLDER.lower()):
        if not cases.is_dir():
            continue
        for path in sorted(p for p in cases.iterdir() if p.is_file()):
            suffix = path.suffix.lower()
            try:
                if suffix == ".csv":
                    tables.append(read_csv(path, read_text_any_encoding(path)))
                elif suffix in (".xlsx", ".xlsm"):
                    tables.extend(read_workbook(path)[0].values())
            except (TextProblem, OSError):
                continue
    return frozenset(
        row.cells[0].strip()
        for table in tables
        for row in table.rows
        if row.cells and row.cells[0].strip()
    )
