"""Loading every inspection under content/ and computing its results.

All problems across all inspections are gathered before anything fails, so an
author sees every mistake in one run.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from yjsreport.content.inspection import (
    Inspection,
    case_file_ids,
    find_inspections,
    is_draft_folder,
    load_inspection,
)
from yjsreport.content.privacy import CaseIdIndex
from yjsreport.engine.compute import compute
from yjsreport.engine.results import InspectionResult
from yjsreport.errors import ContentError, Problem
from yjsreport.framework.load import LazyFrameworks, load_frameworks
from yjsreport.framework.model import Framework
from yjsreport.prose.check import check_prose

FRAMEWORKS_FOLDER = "frameworks"


@dataclass(frozen=True)
class Report:
    inspection: Inspection
    result: InspectionResult

    @property
    def slug(self) -> str:
        return self.inspection.slug

    @property
    def is_draft(self) -> bool:
        return self.inspection.meta.is_draft


def collect_reports(content: Path, *, drafts: bool = True) -> tuple[list[Report], list[Problem]]:
    """Every inspection that could be computed, and every problem found on the way.

    An inspection whose files load is computed even if its prose or discretion has
    problems, so `check` can still show what the rules made of it.
    """
    frameworks = load_frameworks(content / FRAMEWORKS_FOLDER)
    reports: list[Report] = []
    problems: list[Problem] = []
    left_out: list[frozenset[str]] = []  # the case ids of drafts not built
    for folder in find_inspections(content):
        if not drafts and is_draft_folder(folder):
            left_out.append(case_file_ids(folder))
            continue
        try:
            inspection = load_inspection(folder, frameworks)
        except ContentError as exc:
            problems.extend(exc.problems)
            continue
        result, rule_problems = compute(inspection)
        problems.extend(rule_problems)
        problems.extend(check_prose(inspection, result))
        reports.append(Report(inspection, result))
    problems.extend(p for found in others_case_ids(reports, left_out).values() for p in found)
    reports.sort(key=lambda r: (r.inspection.meta.publication_date, r.slug), reverse=True)
    return reports, problems


def others_case_ids(
    reports: list[Report], drafts_left_out: Iterable[frozenset[str]] = ()
) -> dict[str, list[Problem]]:
    """For each inspection (by slug), the case ids of the other inspections (and of
    drafts left out of the build) written in its published files. Each inspection
    checks its own ids as it loads."""
    index = CaseIdIndex([*(r.inspection.case_ids for r in reports), *drafts_left_out])
    return {
        r.slug: index.others_in(r.inspection.published_files(), r.inspection.case_ids)
        for r in reports
    }


def load_reports(content: Path, *, drafts: bool = True) -> list[Report]:
    """Every inspection (published ones only unless `drafts`), checked end to end;
    any problem anywhere raises, so nothing is built from doubtful content."""
    reports, problems = collect_reports(content, drafts=drafts)
    if problems:
        raise ContentError(problems)
    return reports


def report_for_folder(
    folder: Path, frameworks: Mapping[str, Framework]
) -> tuple[Report | None, list[Problem]]:
    """One inspection loaded, computed and its prose checked, with every problem found;
    the report is None when its files do not load."""
    try:
        inspection = load_inspection(folder, frameworks)  # type: ignore[arg-type]
    except ContentError as exc:
        return None, list(exc.problems)
    result, rule_problems = compute(inspection)
    problems = [*rule_problems, *check_prose(inspection, result)]
    return Report(inspection, result), problems


def load_report(content: Path, slug: str) -> Report | None:
    """The inspection in folder `slug` (drafts included), reading only its own files and
    the framework it names, so the time taken does not grow with the archive. None if
    there is no such folder; any problem in it raises."""
    folder = next((f for f in find_inspections(content) if f.name == slug), None)
    if folder is None:
        return None
    report, problems = report_for_folder(folder, LazyFrameworks(content / FRAMEWORKS_FOLDER))
    if problems:
        raise ContentError(problems)
    assert report is not None
    return report
