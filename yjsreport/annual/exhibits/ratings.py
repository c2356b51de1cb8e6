"""Exhibits of the services' ratings: the matrix, overall ratings and each domain's."""

from __future__ import annotations

from typing import TYPE_CHECKING

from yjsreport.annual import charts
from yjsreport.annual.exhibits.parts import (
    Cell,
    Exhibit,
    ExhibitSpec,
    Table,
    covers_note,
    dist_row,
    good_or_better,
    matched_notes,
    num,
    rating_head,
    standard_name,
    th,
)
from yjsreport.prose.numbers import count_in_words, lower_first

if TYPE_CHECKING:
    from yjsreport.annual.model import AnnualFigures


def _named(f: AnnualFigures, key: str) -> str:
    """A matrix column's heading: the standard's label and its name in full."""
    title = f.matrix_headings.get(key, ("", ""))[1]
    return f"{f.label(key)} {title}" if title else f.label(key)


def ratings_matrix(f: AnnualFigures, spec: ExhibitSpec) -> Exhibit:
    """Every inspection's ratings, as published: a header row of domains over the
    standards, each standard named in full."""
    domains: list[tuple[str, int]] = []  # each domain's title and number of columns
    for sid in f.matrix_standards:
        domain = f.matrix_headings.get(sid, ("", ""))[0]
        if domains and domains[-1][0] == domain:
            domains[-1] = (domain, domains[-1][1] + 1)
        else:
            domains.append((domain, 1))
    head = [
        [
            Cell("", colspan=4),
            *(th(domain, colspan=span) for domain, span in domains),
        ],
        [
            th("Service inspected"),
            th("Published"),
            th("Score", numeric=True),
            th("Overall rating"),
            *(th(_named(f, key)) for key in f.matrix_standards),
        ],
    ]
    body = []
    notes = []
    joint: list[str] = []
    for row in f.matrix:
        marks = []
        if row.reinspection_of:
            marks.append("reinspection")
        if row.joint:
            marks.append("joint")
            joint.append(f"{row.service} with {', '.join(row.joint)}")
        name = row.service + (f" ({', '.join(marks)})" if marks else "")
        score = f"{row.score.total}/{row.score.maximum}"
        if row.reduced:
            score += "*"
        cells = [
            th(name, "row"),
            Cell(f"{row.published:%d/%m/%Y}"),
            num(score),
            Cell("", rating=row.overall),
        ]
        for sid in f.matrix_standards:
            r = row.ratings[sid]
            cells.append(Cell("Not in this framework") if r is None else Cell("", rating=r))
        body.append(cells)
    if joint:
        notes.append(
            "Joint inspections, led by HM Inspectorate of Probation: " + "; ".join(joint) + "."
        )
    if any(r.reinspection_of for r in f.matrix):
        notes.append(
            "A reinspection revisits a service rated ‘Inadequate’ overall; "
            "‘Services inspected again’ compares its scores."
        )
    if any(r.reduced for r in f.matrix):
        notes.append(
            "* Scored out of a reduced maximum: standards that could not be rated "
            + (
                f"(a {f.rated_samples} sample of fewer than {count_in_words(f.minimum_sample)} "
                "cases) "
                if f.minimum_sample
                else ""
            )
            + "do not count, and the score is banded on the 36-point scale in proportion."
        )
    notes.extend(matched_notes(f, f.matrix_standards))
    others = sorted({r.framework for r in f.matrix} - {f.framework})
    for version in others:
        if version in f.framework_summaries:
            notes.append(f"The {version} framework: {f.framework_summaries[version]}")
    return spec.made(
        tables=[
            Table(
                f"Inspection ratings, {f.period.start:%B %Y} to {f.period.end:%B %Y}",
                head,
                body,
                notes,
                kind="matrix",
            )
        ],
        heading=_matrix_heading(len(f.matrix), len(f.services)),
    )


def _matrix_heading(reports: int, services: int) -> str:
    """Said as it is where a service was inspected twice in the period."""
    if reports == services:
        return f"Ratings of the {count_in_words(services)} services inspected"
    return (
        f"Ratings of the {count_in_words(reports)} inspection reports, for "
        f"{count_in_words(services)} services"
    )


def overall_by_year(f: AnnualFigures, spec: ExhibitSpec) -> Exhibit:
    label_, dist = f.by_year[-1]
    good, rated = good_or_better(dist)
    title = (
        f"In {label_}, {count_in_words(good)} of the {count_in_words(rated)} services were "
        "rated ‘Good’ or ‘Outstanding’ overall"
    )
    chart = charts.rating_bars(spec.id, title, list(f.by_year), "services")
    notes = []
    if len(f.by_year) > 1:
        # the content holds only some of an earlier year's inspections: said, so that a
        # short bar is not read as a year with few services inspected
        held = ", ".join(f"{count_in_words(sum(d.values()))} in {y}" for y, d in f.by_year[:-1])
        notes.append(
            f"Years before {label_} count only the earlier inspections held with this "
            f"report ({held}), not every service inspected in those years."
        )
    table = Table(
        "Overall ratings by reporting year (services)",
        [[th("Year"), *rating_head()]],
        [dist_row(y, d) for y, d in f.by_year],
        notes,
    )
    return spec.made([chart], [table])


def overall_distribution(f: AnnualFigures, spec: ExhibitSpec) -> Exhibit:
    good, rated = good_or_better(f.overall)
    title = (
        f"{count_in_words(good).capitalize()} of the {count_in_words(rated)} services were "
        "rated ‘Good’ or ‘Outstanding’ overall"
    )
    rows = [("Overall", f.overall)]
    chart = charts.rating_bars(spec.id, title, rows, "services")
    table = Table("Overall ratings in the period", [[th(""), *rating_head()]], [dist_row(*rows[0])])
    return spec.made([chart], [table])


def distribution(f: AnnualFigures, spec: ExhibitSpec) -> Exhibit:
    """The ratings of the standards of the domain the chapter names (`distribution:2`),
    headed with the domain's title from the framework file."""
    domain = spec.param or ""
    spec = spec.worded(domain=lower_first(f.domain_titles.get(domain, domain)))
    ids = f.distribution_groups.get(domain, ())
    titles = {}
    for row in f.matrix:
        titles.update(row.titles)
    rows = [(standard_name(f, k, titles[k]), f.distributions[k]) for k in ids if k in titles]
    if not rows:
        return spec.nothing()
    best = max(rows, key=lambda r: (good_or_better(r[1])[0], r[0]))
    good, rated = good_or_better(best[1])
    title = (
        f"{best[0].split(' ', 1)[1]}: {count_in_words(good)} of {count_in_words(rated)} "
        "services rated ‘Good’ or ‘Outstanding’"
        + (", the most of these standards" if len(rows) > 1 else "")
    )
    chart = charts.rating_bars(spec.id, title, rows, "services")
    table = Table(
        f"{spec.title} (services)",
        [[th("Standard"), *rating_head()]],
        [dist_row(n, d) for n, d in rows],
        [covers_note(f, [k for k in ids if k in titles]), *matched_notes(f, ids)],
    )
    return spec.made([chart], [table])


def court_and_out_of_court(f: AnnualFigures, spec: ExhibitSpec) -> Exhibit:
    """Ratings of the same kind of work for court and out-of-court cases, side by side."""
    titles: dict[str, str] = {}
    for row in f.matrix:
        titles.update(row.titles)
    # each side's sample as the framework file labels it (court, out-of-court)
    first, second = (
        (f.sample_labels.get(f.standard_samples.get(sid, ""), "") for sid in f.compared[0])
        if f.compared
        else ("one sample's", "another sample's")
    )
    spec = spec.worded(first=first, second=second)
    pairs = [(c, o) for c, o in f.compared if c in titles and o in titles]
    if not pairs:
        return spec.nothing()
    court, oocd = pairs[0]
    rows = [
        (
            f"{titles[sid]}: {f.sample_labels.get(f.standard_samples.get(sid, ''), '')} ({sid})",
            f.distributions[sid],
        )
        for pair in pairs
        for sid in pair
    ]
    good_c, rated_c = good_or_better(f.distributions[court])
    good_o, rated_o = good_or_better(f.distributions[oocd])
    title = (
        f"{titles[court]}: {count_in_words(good_c)} of {count_in_words(rated_c)} services "
        f"rated ‘Good’ or ‘Outstanding’ for {first} work, {count_in_words(good_o)} of "
        f"{count_in_words(rated_o)} for {second} work"
    )
    chart = charts.rating_bars(spec.id, title, rows, "services")
    table = Table(
        f"Ratings of {first} and {second} work (services)",
        [[th("Standard"), *rating_head()]],
        [dist_row(n, d) for n, d in rows],
        [covers_note(f, [k for pair in pairs for k in pair])],
    )
    return spec.made([chart], [table])
