"""Checking every inspection on its own, so one that is broken never hides the
others' results, and gathering every problem a stage can find in one run.

Besides problems, a check gives what is left to write in a draft (placeholders
and empty samples; in a published inspection a placeholder is a problem) and,
for each case standard, whether professional discretion is open to the
ratings panel and on which published ground.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from yjsreport.content.inspection import (
    INSPECTION_FILE,
    case_file_ids,
    find_inspections,
    is_draft_folder,
    load_inspection,
)
from yjsreport.engine.compute import compute
from yjsreport.engine.results import InspectionResult, StandardResult
from yjsreport.errors import ContentError, Problem
from yjsreport.framework.load import load_framework
from yjsreport.framework.model import Framework
from yjsreport.project import FRAMEWORKS_FOLDER, Report, others_case_ids
from yjsreport.prose.check import check_prose
from yjsreport.prose.placeholders import find_placeholders
from yjsreport.rules.discretion import Opening, openings
from yjsreport.rules.standards import Tally
from yjsreport.sources.yamldoc import YamlProblem, read_yaml


@dataclass
class InspectionCheck:
    """One inspection's outcome: its results if they could be computed, its problems
    (which fail the check) and, for a draft, what is left to write (which does not)."""

    folder: Path
    report: Report | None = None
    problems: list[Problem] = field(default_factory=list)
    to_write: list[Problem] = field(default_factory=list)

    @property
    def slug(self) -> str:
        return self.folder.name


@dataclass
class ContentCheck:
    framework_problems: list[Problem]
    inspections: list[InspectionCheck]

    @property
    def problems(self) -> list[Problem]:
        return self.framework_problems + [p for i in self.inspections for p in i.problems]

    @property
    def reports(self) -> list[Report]:
        return [i.report for i in self.inspections if i.report is not None]


def load_frameworks_apart(folder: Path) -> tuple[dict[str, Framework], set[str], list[Problem]]:
    """Each framework file on its own: a broken one stops only the inspections that use it."""
    if not folder.is_dir():
        return {}, set(), [Problem(folder, "framework folder not found")]
    frameworks: dict[str, Framework] = {}
    broken: set[str] = set()
    problems: list[Problem] = []
    for path in sorted(folder.glob("*.yaml")):
        try:
            frameworks[path.stem] = load_framework(path)
        except ContentError as exc:
            broken.add(path.stem)
            problems.extend(exc.problems)
    return frameworks, broken, problems


def _framework_named(folder: Path) -> str | None:
    try:
        data = read_yaml(folder / INSPECTION_FILE).data
    except (OSError, YamlProblem):
        return None
    value = data.get("framework") if isinstance(data, dict) else None
    return None if value is None else str(value)


def _empty_samples(report: Report) -> list[Problem]:
    """Samples of case standards with no case yet: a draft's most likely gap."""
    found = []
    for domain in report.inspection.framework.domains:
        if not domain.sample or not any(s.is_case for s in domain.standards):
            continue
        if report.inspection.samples[domain.sample].cases == 0:
            found.append(
                Problem(
                    report.inspection.folder / "cases",
                    f"no {domain.sample} cases recorded yet: add one row per case to "
                    f"{domain.sample}.csv (see CODEBOOK.md) or to the '{domain.sample}' sheet "
                    "of cases.xlsx",
                )
            )
    return found


def check_inspection(
    folder: Path, frameworks: dict[str, Framework], broken: set[str]
) -> InspectionCheck:
    """Load, compute and check one inspection; never raises for its content."""
    outcome = InspectionCheck(folder)
    named = _framework_named(folder)
    if named in broken:
        outcome.problems.append(
            Problem(
                folder / INSPECTION_FILE,
                f"cannot be checked until framework {named} loads: fix the problems reported "
                "in its file",
            )
        )
        return outcome
    try:
        inspection = load_inspection(folder, frameworks)
    except ContentError as exc:
        outcome.problems.extend(exc.problems)
    else:
        result, rule_problems = compute(inspection)
        outcome.problems.extend(rule_problems)
        outcome.problems.extend(check_prose(inspection, result))
        outcome.report = Report(inspection, result)
    draft = outcome.report.is_draft if outcome.report else is_draft_folder(folder)
    placeholders = find_placeholders(folder, empty_ratings=draft)
    if draft:
        outcome.to_write.extend(placeholders)
        if outcome.report is not None:
            outcome.to_write.extend(_empty_samples(outcome.report))
    else:
        outcome.problems.extend(
            Problem(
                p.path, f"{p.message} (not allowed in a published inspection)", p.line, p.column
            )
            for p in placeholders
        )
    return outcome


def check_content(content: Path) -> ContentCheck:
    frameworks, broken, framework_problems = load_frameworks_apart(content / FRAMEWORKS_FOLDER)
    try:
        folders = find_inspections(content)
    except ContentError as exc:
        return ContentCheck(framework_problems + list(exc.problems), [])
    checks = [check_inspection(f, frameworks, broken) for f in folders]
    # as the build does: no inspection may publish another's case id, not even one of
    # an inspection that does not load (its ids read straight from its case files)
    unloaded = [case_file_ids(c.folder) for c in checks if c.report is None]
    found = others_case_ids([c.report for c in checks if c.report is not None], unloaded)
    for check in checks:
        check.problems.extend(found.get(check.slug, []))
    return ContentCheck(framework_problems, checks)


def standard_openings(standard: StandardResult) -> tuple[Opening, ...]:
    """Discretion open on a case standard's computed rating, by the published rule."""
    if not standard.is_case or not standard.computed.is_rated:
        return ()
    tallies = [Tally(kq.id, kq.yes, kq.relevant) for kq in standard.key_questions]
    return openings(tallies)


def discretion_lines(result: InspectionResult) -> list[str]:
    """One line per possible move of each case standard: open (with its grounds) or not."""
    lines: list[str] = []
    for standard in result.standards():
        if not standard.is_case:
            continue
        if not standard.computed.is_rated:
            lines.append(f"    {standard.id:<4} 'Not rated': no rating to move")
        for opening in standard_openings(standard):
            move = (
                f"    {standard.id:<4} '{standard.computed}' {opening.direction} "
                f"to '{opening.target}'"
            )
            verdict = opening.verdict
            lines.append(
                f"{move}: open: {'; '.join(map(str, verdict.grounds))}"
                if verdict.allowed
                else f"{move}: not open"
            )
    return lines
