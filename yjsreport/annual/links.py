"""Links between inspections that the annual figures rely on (a reinspection counts
with the inspection it follows), checked in every build, annual report or not."""

from __future__ import annotations

from collections.abc import Sequence

from yjsreport.errors import Problem
from yjsreport.project import Report


def reinspection_problems(reports: Sequence[Report]) -> list[Problem]:
    """A reinspection must name an inspection that exists."""
    slugs = {r.slug for r in reports}
    problems = []
    for r in reports:
        target = r.inspection.meta.reinspection_of
        if target is not None and target not in slugs:
            path = r.inspection.folder / "inspection.yaml"
            problems.append(
                Problem(
                    path,
                    f"reinspection_of: no inspection {target!r}; expected the folder name of "
                    "an earlier inspection under inspections/",
                )
            )
    return problems
