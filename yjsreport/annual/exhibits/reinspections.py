"""The exhibit of services inspected again: the overall score at the first inspection
and at reinspection, as each was published (the first inspection's from its folder,
or from an earlier year's published figures where its case data is not held), and
the scores on the standards rated at both where both inspections' ratings are known."""

from __future__ import annotations

from typing import TYPE_CHECKING

from yjsreport.annual import charts
from yjsreport.annual.exhibits.parts import Cell, Exhibit, ExhibitSpec, Table, num, th
from yjsreport.prose.numbers import count_in_words
from yjsreport.render.wording import join_and
from yjsreport.rules.overall import scaled_score

if TYPE_CHECKING:
    from yjsreport.annual import aggregates as agg
    from yjsreport.annual.model import AnnualFigures


def _unrated(domains: tuple[str, ...]) -> str:
    if not domains:
        return ""
    quoted = join_and([f"‘{d}’" for d in domains])
    return f": {quoted} {'was' if len(domains) == 1 else 'were'} not rated"


def notes(revisits: tuple[agg.Revisit, ...]) -> list[str]:
    """What a reader needs to read the scores, each from the data: reduced maxima (and
    the domains not rated), a score of nought (no bar), a consortium since split, and
    a first inspection known from its published figures."""
    out = []
    for v in revisits:
        e = v.earlier
        first = f"{v.service}’s first inspection" + (
            f" (of {e.service})" if e.service != v.service else ""
        )
        if e.score.maximum < e.full_maximum:
            out.append(
                f"{first} was scored out of {e.score.maximum} rather than {e.full_maximum}"
                f"{_unrated(e.unrated_domains)}."
            )
        if v.later.score.maximum < v.later_full_maximum:
            out.append(
                f"{v.service}’s reinspection was scored out of {v.later.score.maximum} "
                f"rather than {v.later_full_maximum}{_unrated(v.later_unrated)}."
            )
        if e.became:
            out.append(
                f"{e.service} was a consortium of services, since split into the services of "
                f"{join_and(list(e.became))}; {v.service}’s reinspection is set beside the "
                "consortium’s inspection."
            )
        if e.from_history:
            out.append(
                f"{first} is given as published"
                + (f" ({e.source})" if e.source else "")
                + "; its case data is not held."
            )
    for v in revisits:
        scores = (("first inspection", v.earlier.score), ("reinspection", v.later.score))
        for which, score in scores:
            if score.maximum and score.total == 0:
                out.append(
                    f"A score of nought draws no bar: {v.service}’s {which} scored 0 out of "
                    f"{score.maximum}."
                )
    return out


def reinspections(f: AnnualFigures, spec: ExhibitSpec) -> Exhibit:
    if not f.revisits:
        return spec.nothing()
    rows = [
        (
            v.service,
            v.earlier.score.total,
            v.earlier.score.maximum,
            v.later.score.total,
            v.later.score.maximum,
        )
        for v in f.revisits
    ]
    improved = sum(
        1 for v in f.revisits if scaled_score(v.later.score) > scaled_score(v.earlier.score)
    )
    if len(rows) == 1:
        title = (
            f"{rows[0][0]} scored {'higher' if improved else 'no higher'} at "
            "reinspection than at its first inspection"
        )
    elif improved == len(rows):
        every = "Both" if len(rows) == 2 else f"All {count_in_words(len(rows))}"
        title = f"{every} services inspected again scored higher at reinspection"
    else:
        title = (
            f"{count_in_words(improved).capitalize()} of the {count_in_words(len(rows))} "
            "services inspected again scored higher at reinspection"
        )
    chart = charts.score_pairs(spec.id, title, rows)
    body = [
        [
            th(v.service, "row"),
            Cell(
                (f"{v.earlier.service}, " if v.earlier.service != v.service else "")
                + f"{v.earlier.published:%B %Y}"
            ),
            num(f"{v.earlier.score.total}/{v.earlier.score.maximum}"),
            Cell("", rating=v.earlier.overall),
            Cell(f"{v.later.meta.publication_date:%B %Y}"),
            num(f"{v.later.score.total}/{v.later.score.maximum}"),
            Cell("", rating=v.later.overall),
            num(
                f"{v.earlier_comparable.total} and {v.later_comparable.total} out of "
                f"{v.later_comparable.maximum}"
            )
            if v.earlier_comparable is not None and v.later_comparable is not None
            else Cell("Not known"),
        ]
        for v in f.revisits
    ]
    explained = [
        "Where a standard could not be rated at one of the two inspections, the last column "
        "compares the scores over only the standards rated at both, so the maxima match."
    ]
    if any(v.comparable is None for v in f.revisits):
        explained.append(
            "‘Not known’: the first inspection’s published figures give its score, not "
            "each standard’s rating."
        )
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
        [*explained, *notes(f.revisits)],
    )
    return spec.made([chart], [table])
