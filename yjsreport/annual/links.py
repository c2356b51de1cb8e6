"""Links between inspections that the annual figures rely on (a reinspection counts
with the inspection it follows), checked in every build, annual report or not.

A reinspection names the inspection it revisits in `reinspection_of`: the folder
name of an inspection in the content, or the `id` of an inspection an annual report's
history files hold, where the first inspection is known only from its published
figures (annual/history.py). One name must mean one inspection: a name that is both
is refused, as is a consortium's successor whose place the consortium did not become.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from yjsreport.annual.history import HistoryInspection
from yjsreport.content.dates import latest
from yjsreport.errors import Problem
from yjsreport.project import Report
from yjsreport.render.wording import join_and
from yjsreport.rules.overall import Score
from yjsreport.rules.ratings import Rating


@dataclass(frozen=True)
class Original:
    """The first inspection a reinspection revisits, as the comparison needs it, from
    an inspection folder's results or from a history entry's published figures."""

    service: str
    published: dt.date
    score: Score
    overall: Rating
    # the scored standards' ratings where known (a history entry may give only a score)
    ratings: Mapping[str, Rating]
    full_maximum: int  # its framework's score with every scored standard rated
    from_history: bool
    became: tuple[str, ...] = ()  # a consortium since split: the places it became
    # the titles of its domains whose scored standards were none rated
    unrated_domains: tuple[str, ...] = ()
    source: str = ""  # where a history entry's figures were published


def history_entries(years: Iterable[Iterable[HistoryInspection]]) -> dict[str, HistoryInspection]:
    """The history entries a reinspection can name, by id (the first of a repeated id:
    an annual report's history files are checked for repeats when they load)."""
    named: dict[str, HistoryInspection] = {}
    for entries in years:
        for entry in entries:
            if entry.id is not None:
                named.setdefault(entry.id, entry)
    return named


def _at(report: Report) -> tuple[int | None, int | None]:
    doc = report.inspection.meta_doc
    return doc.locate(("reinspection_of",)) if doc is not None else (None, None)


def _problem(report: Report, message: str) -> Problem:
    line, col = _at(report)
    return Problem(
        report.inspection.folder / "inspection.yaml", f"reinspection_of: {message}", line, col
    )


def reinspection_problems(
    reports: Sequence[Report],
    history: Mapping[str, HistoryInspection] | None = None,
    *,
    history_read: bool = True,
) -> list[Problem]:
    """A reinspection must name one earlier inspection that exists: an inspection
    folder, or an entry of the history files (`history`: None where the content has
    no annual report, so has no history files). Where a history file could not be
    read (`history_read` False: its own problems are reported), a name found nowhere
    may be in it, and is not reported until it is read."""
    slugs = {r.slug for r in reports}
    named = history or {}
    problems = []
    for r in reports:
        target = r.inspection.meta.reinspection_of
        if target is None:
            continue
        entry = named.get(target)
        if target in slugs and entry is not None:
            problems.append(
                _problem(
                    r,
                    f"{target!r} names both the inspection folder inspections/{target} and "
                    f"the history entry at {entry.place}; rename the history entry's id, or "
                    "remove the entry if it is the same inspection",
                )
            )
        elif target in slugs or (entry is None and not history_read):
            continue
        elif entry is None:
            where = (
                " or the id of an inspection in an annual report's history/ files"
                if history is not None
                else ""
            )
            problems.append(
                _problem(
                    r,
                    f"no inspection {target!r}; expected the folder name of an earlier "
                    f"inspection under inspections/{where}",
                )
            )
        else:
            problems.extend(_history_link_problems(r, target, entry))
    return problems


def _history_link_problems(report: Report, target: str, entry: HistoryInspection) -> list[Problem]:
    """A history entry named: earlier than the reinspection, and, for a consortium,
    one it became."""
    meta = report.inspection.meta
    out = []
    if latest(entry.date) >= latest(meta.publication_date):
        out.append(
            _problem(
                report,
                f"{target!r} ({entry.service}, {entry.place}) is dated {entry.date}, not "
                f"before this reinspection's publication date {meta.publication_date}",
            )
        )
    if entry.became and meta.place not in entry.became:
        out.append(
            _problem(
                report,
                f"{target!r} ({entry.service}) was a consortium that became "
                f"{join_and(list(entry.became))} ({entry.place}); this inspection's place "
                f"{meta.place!r} is none of them: correct the place here or 'became' there",
            )
        )
    if entry.score is None:
        out.append(
            _problem(
                report,
                f"{target!r} ({entry.place}) gives neither the score nor every scored "
                "standard's rating, so the reinspection cannot be compared with it; give "
                "its published score",
            )
        )
    return out


def original_from_report(report: Report) -> Original:
    result = report.result
    scored = [s for s in result.standards() if s.scored]
    top = Rating.scored()[-1].points
    return Original(
        service=result.meta.short_name,
        published=result.meta.publication_date,
        score=result.score,
        overall=result.overall,
        ratings={s.id: s.rating for s in scored},
        full_maximum=top * len(scored),
        from_history=False,
        unrated_domains=unrated_domains(report),
    )


def unrated_domains(report: Report) -> tuple[str, ...]:
    """The titles of the inspection's domains none of whose scored standards was rated."""
    return tuple(
        d.title
        for d in report.result.domains
        if (scored := [s for s in d.standards if s.scored])
        and not any(s.rating.is_rated for s in scored)
    )


def original_from_history(
    entry: HistoryInspection, full_maximum: int, unrated: tuple[str, ...] = (), source: str = ""
) -> Original | None:
    if entry.score is None:
        return None
    return Original(
        service=entry.service,
        published=entry.date,
        score=entry.score,
        overall=entry.overall,
        ratings=dict(entry.ratings),
        full_maximum=full_maximum,
        from_history=True,
        became=entry.became,
        unrated_domains=unrated,
        source=source,
    )
