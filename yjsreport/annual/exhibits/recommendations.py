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
    # the latest earlier year whose annual report counted themes, for comparison
    earlier = next((h for h in reversed(f.history) if h.themes), None)
    body: list[list[Cell]] = [
        [
            th(t.theme.label, "row"),
            num(str(t.recommendations)),
            num(str(t.inspections)),
            *([num(str(earlier.themes.get(t.theme.id, "—")))] if earlier else []),
        ]
        for t in ordered
    ]
    total = sum(t.recommendations for t in f.themes) + f.untagged
    notes = [
        f"{count_in_words(total).capitalize()} recommendations in the "
        f"{count_in_words(len(f.results))} inspections of the period; a recommendation "
        "counts under the theme its inspection gives it."
    ]
    if earlier is not None:
        notes.append(f"{earlier.label}: {earlier.source}; a dash where it gave no count.")
    if f.untagged:
        notes.append(f"{count_in_words(f.untagged).capitalize()} recommendations have no theme.")
    table = Table(
        "Recommendations by theme across the period",
        [
            [
                th("Theme"),
                th("Recommendations", numeric=True),
                th("Inspections with one or more", numeric=True),
                *([th(f"Recommendations in {earlier.label}", numeric=True)] if earlier else []),
            ]
        ],
        body,
        notes,
    )
    return spec.made([], [table])
