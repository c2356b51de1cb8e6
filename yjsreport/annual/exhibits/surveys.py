"""The exhibit of survey responses the inspections recorded."""

from __future__ import annotations

from typing import TYPE_CHECKING

from yjsreport.annual.exhibits.parts import Exhibit, ExhibitSpec, Table, num, th

if TYPE_CHECKING:
    from yjsreport.annual.model import AnnualFigures


def surveys(f: AnnualFigures, spec: ExhibitSpec) -> Exhibit:
    if not f.surveys:
        return spec.nothing()
    table = Table(
        "Survey responses across the period",
        [
            [
                th("Survey"),
                th("Responses", numeric=True),
                th("Inspections recording it", numeric=True),
            ]
        ],
        [[th(s.title, "row"), num(f"{s.responses:,}"), num(str(s.inspections))] for s in f.surveys],
    )
    return spec.made(tables=[table])
