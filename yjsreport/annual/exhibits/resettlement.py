"""The resettlement sample: who the children were and how resettlement was rated.

Counts of children's cases, each under the disclosure rule like the other
cross-tabulations: the resettlement samples are small (often one to four cases an
inspection), so many single reports withhold their counts and the annual sums are
withheld wherever they would give one away."""

from __future__ import annotations

from typing import TYPE_CHECKING

from yjsreport.annual.exhibits.parts import (
    Exhibit,
    ExhibitSpec,
    Table,
    count_table,
    dist_row,
    rating_head,
    th,
)
from yjsreport.content.vocabulary import ATTRIBUTES

if TYPE_CHECKING:
    from yjsreport.annual.model import AnnualFigures

SAMPLE = "resettlement"


def resettlement_profile(f: AnnualFigures, spec: ExhibitSpec) -> Exhibit:
    cases = f.cases.get(SAMPLE, 0)
    if not cases:
        return spec.nothing()
    tables = []
    for (sample, attribute), cells in f.cells.types.items():
        if sample != SAMPLE:
            continue
        what = ATTRIBUTES[attribute].description
        tables.append(count_table(f"Resettlement cases: {what}", what.capitalize(), cells))
    with_cases = sum(1 for r in f.results if r.samples.get(SAMPLE) and r.samples[SAMPLE].cases)
    rated = {sid: dist for sid, dist in f.distributions.items() if sid in f.resettlement_standards}
    if rated:
        tables.append(
            Table(
                "Ratings of resettlement policy and provision (services)",
                [[th("Standard"), *rating_head()]],
                [dist_row(sid, dist) for sid, dist in rated.items()],
            )
        )
    notes = [
        f"{with_cases} of the {len(f.results)} inspections of the period had resettlement "
        f"cases to inspect: {cases:,} cases in all."
    ]
    return spec.made([], tables, notes)
