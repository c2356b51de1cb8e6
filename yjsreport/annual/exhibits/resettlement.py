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


def resettlement_profile(f: AnnualFigures, spec: ExhibitSpec) -> Exhibit:
    """The first sample the framework files profile rather than rate (resettlement)."""
    sample = f.profiled[0] if f.profiled else ""
    # headed with the sample's noun in the framework file ('Resettlement cases')
    noun = f.sample_nouns.get(sample) or (f"{sample} cases" if sample else "profiled cases")
    spec = spec.worded(noun=noun)
    cases = f.cases.get(sample, 0)
    if not cases:
        return spec.nothing()
    tables = []
    for (sample_, attribute), cells in f.cells.types.items():
        if sample_ != sample:
            continue
        what = ATTRIBUTES[attribute].description
        tables.append(
            count_table(f"{noun[:1].upper()}{noun[1:]}: {what}", what.capitalize(), cells)
        )
    with_cases = sum(1 for r in f.results if r.samples.get(sample) and r.samples[sample].cases)
    rated = {sid: dist for sid, dist in f.distributions.items() if sid in f.profiled_standards}
    if rated:
        titles = {sid: title for row in f.matrix for sid, title in row.titles.items()}
        named = " and ".join(dict.fromkeys(titles.get(sid, sid).lower() for sid in rated))
        tables.append(
            Table(
                f"Ratings of {named} (services)",
                [[th("Standard"), *rating_head()]],
                [dist_row(sid, dist) for sid, dist in rated.items()],
            )
        )
    notes = [
        f"{with_cases} of the {len(f.results)} inspections of the period had {noun} "
        f"to inspect: {cases:,} cases in all."
    ]
    return spec.made([], tables, notes)
