"""The live preview's memory between rebuilds: each inspection is checked again
only when one of its files changed.

A preview rebuilds the site on every save. Loading, checking and rendering every
inspection each time made a save at 50 inspections take seconds; here an
inspection whose files (and the frameworks) are unchanged keeps its check (report,
problems, what is left to write), its rendered article and its downloads from the
rebuild before. What the preview shows is the same as `preview.preview_state`.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from yjsreport.content.inspection import find_inspections
from yjsreport.errors import ContentError, Problem, unexpected
from yjsreport.framework.model import Framework
from yjsreport.project import FRAMEWORKS_FOLDER, Report
from yjsreport.review.checking import InspectionCheck, check_inspection, load_frameworks_apart
from yjsreport.site.preview import PreviewState

T = TypeVar("T")  # what a store keeps: a page's text, a report's downloads

Fingerprint = tuple[tuple[str, int, int], ...]
Frameworks = tuple[dict[str, Framework], set[str], list[Problem]]


def fingerprint(folder: Path) -> Fingerprint:
    """Every file under a folder by relative path, size and modification time (ns)."""
    found: list[tuple[str, int, int]] = []
    for root, dirs, files in os.walk(folder):
        dirs.sort()
        for name in sorted(files):
            path = os.path.join(root, name)
            try:
                st = os.stat(path)
            except OSError:
                continue
            found.append((os.path.relpath(path, folder), st.st_size, st.st_mtime_ns))
    return tuple(found)


@dataclass
class ReportStore:
    """Checked inspections by folder, and pages and downloads by report."""

    _checks: dict[Path, tuple[Fingerprint, InspectionCheck]] = field(default_factory=dict)
    _frameworks_stamp: Fingerprint | None = None
    _frameworks: Frameworks | None = None
    _made: dict[tuple[str, str], tuple[Report, object, Any]] = field(default_factory=dict)
    reloaded: list[str] = field(default_factory=list)  # inspections checked afresh last time

    def preview(self, content: Path) -> PreviewState:
        """As `preview.preview_state`, checking again only the inspections that changed;
        never raises for what an author wrote."""
        try:
            checks = self._checked(content)
        except ContentError as exc:
            return PreviewState(general=list(exc.problems))
        except Exception as exc:  # the preview must outlive any failure while editing
            return PreviewState(general=[unexpected(content, exc)])
        assert self._frameworks is not None
        framework_problems = self._frameworks[2]
        state = PreviewState()
        for checked in checks:
            if checked.problems or checked.report is None:
                state.broken[checked.slug] = [*framework_problems, *checked.problems]
            else:
                state.reports.append(checked.report)
        state.reports.sort(key=lambda r: (r.inspection.meta.publication_date, r.slug), reverse=True)
        return state

    def _checked(self, content: Path) -> list[InspectionCheck]:
        folder = content / FRAMEWORKS_FOLDER
        stamp = fingerprint(folder)
        if stamp != self._frameworks_stamp or self._frameworks is None:
            self._checks.clear()
            self._frameworks = load_frameworks_apart(folder)
            self._frameworks_stamp = stamp
        frameworks, broken, _ = self._frameworks
        folders = find_inspections(content)
        self.reloaded = []
        checks: list[InspectionCheck] = []
        for inspection in folders:
            stamp = fingerprint(inspection)
            kept = self._checks.get(inspection)
            if kept is None or kept[0] != stamp:
                kept = self._checks[inspection] = (
                    stamp,
                    check_inspection(inspection, frameworks, broken),
                )
                self.reloaded.append(inspection.name)
            checks.append(kept[1])
        for gone in set(self._checks) - set(folders):
            del self._checks[gone]
        return checks

    def made(self, report: Report, kind: str, key: object, make: Callable[[], T]) -> T:
        """A page or download made from this very report object (checking again makes a
        new one) with the same `key` (templates, links) last time, or made now and kept."""
        kept = self._made.get((report.slug, kind))
        if kept is not None and kept[0] is report and kept[1] == key:
            return kept[2]  # type: ignore[no-any-return]  # what make() gave for this kind
        made = make()
        self._made[(report.slug, kind)] = (report, key, made)
        return made
