"""What the live preview shows while content is being written: every inspection
that works, and for each one that does not, a page saying what to fix.

Under `serve` nothing an author saves may stop the server: problems in one
inspection are shown on that inspection's page, problems that stop everything
(a broken framework file, an unexpected failure) on every page, and the next
save that fixes them brings the pages back.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from yjsreport.errors import Problem, unexpected
from yjsreport.project import Report
from yjsreport.review.checking import check_content


@dataclass
class PreviewState:
    reports: list[Report] = field(default_factory=list)
    broken: dict[str, list[Problem]] = field(default_factory=dict)  # slug: its problems
    general: list[Problem] = field(default_factory=list)  # shown on every page


def preview_state(content: Path) -> PreviewState:
    """Check each inspection on its own; never raises for what an author wrote."""
    try:
        outcome = check_content(content)
    except Exception as exc:  # the preview must outlive any failure while editing
        return PreviewState(general=[unexpected(content, exc)])
    state = PreviewState()
    for checked in outcome.inspections:
        if checked.problems or checked.report is None:
            # a broken framework file is shown where it stops an inspection
            state.broken[checked.slug] = [*outcome.framework_problems, *checked.problems]
        else:
            state.reports.append(checked.report)
    state.reports.sort(key=lambda r: (r.inspection.meta.publication_date, r.slug), reverse=True)
    return state
