"""The exhibit of services inspected again: scores at the first inspection and at
reinspection, on the standards rated at both."""

from __future__ import annotations

from typing import TYPE_CHECKING

from yjsreport.annual import charts
from yjsreport.annual.exhibits.parts import Cell, Exhibit, ExhibitSpec, Table, num, th
from yjsreport.prose.numbers import count_in_words

if TYPE_CHECKING:
    from yjsreport.annual.model import AnnualFigures


def reinspections(f: AnnualFigures, spec: ExhibitSpec) -> Exhibit:
    if not f.revisits:
        return spec.nothing()
    rows = [
        (
            v.service,
            v.earlier_comparable.total,
            v.later_comparable.total,
            v.later_comparable.maximum,
        )
        for v in f.revisits
    ]
    improved = sum(1 for _, a, b, _ in rows if b > a)
    if len(rows) == 1:
        title = (
            f"{rows[0][0]} scored {'higher' if improved else 'no higher'} at "
            "reinspection than at its first inspection"
        )
    else:
        title = (
            f"{count_in_words(improved).capitalize()} of the {count_in_words(len(rows))} "
            "services inspected again scored higher at reinspection"
        )
    chart = charts.score_pairs(spec.id, title, rows)
    body = [
        [
            th(v.service, "row"),
            Cell(f"{v.earlier.meta.publication_date:%B %Y}"),
            num(f"{v.earlier.score.total}/{v.earlier.score.maximum}"),
            Cell("", rating=v.earlier.overall),
            Cell(f"{v.later.meta.publication_date:%B %Y}"),
            num(f"{v.later.score.total}/{v.later.score.maximum}"),
            Cell("", rating=v.later.overall),
            num(
                f"{v.earlier_comparable.total} and {v.later_comparable.total} out of "
                f"{v.later_comparable.maximum}"
            ),
        ]
        for v in f.revisits
    ]
    table = Table(
        "Scores at the first inspection and at reinspection",
        [
            [
                th("Service"),
                th("First inspection"),
                th("Score", numeric=True),
                th("Overall rating"),
                th("Reinspection"),
                th("Score", numeric=True),
                th("Overall rating"),
                th("Scores on the standards rated in both", numeric=True),
            ]
        ],
        body,
        [
            "Where a standard could not be rated at one of the two inspections, the last column "
            "compares the scores over only the standards rated at both, so the maxima match."
        ],
    )
    return spec.made([chart], [table])
