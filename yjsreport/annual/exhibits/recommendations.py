"""The exhibit of recommendations by theme across the period's inspections."""

from __future__ import annotations

from typing import TYPE_CHECKING

from yjsreport.annual.exhibits.parts import Cell, Exhibit, ExhibitSpec, Table, num, th
from yjsreport.prose.numbers import count_in_words

if TYPE_CHECKING:
    from yjsreport.annual.model import AnnualFigures


def recommendation_themes(f: AnnualFigures, spec: ExhibitSpec) -> Exhibit:
    counted = [t for t in f.themes if t.recommendations]
    if not counted:
        return spec.nothing()
    ordered = sorted(counted, key=lambda t: -t.recommendations)
    body: list[list[Cell]] = [
        [th(t.theme.label, "row"), num(str(t.recommendations)), num(str(t.inspections))]
        for t in ordered
    ]
    total = sum(t.recommendations for t in f.themes) + f.untagged
    notes = [
        f"{count_in_words(total).capitalize()} recommendations in the "
        f"{count_in_words(len(f.results))} inspections of the period; a recommendation "
        "counts under the theme its inspection gives it."
    ]
    if f.untagged:
        notes.append(f"{count_in_words(f.untagged).capitalize()} recommendations have no theme.")
    table = Table(
        "Recommendations by theme across the period",
        [
            [
                th("Theme"),
                th("Recommendations", numeric=True),
                th("Inspections with one or more", numeric=True),
            ]
        ],
        body,
        notes,
    )
    return spec.made([], [table])
