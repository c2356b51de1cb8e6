"""Which inspections an annual report covers: the period as the Inspectorate sets it.

The Inspectorate sets an annual report's period by when inspections were published,
or by when their fieldwork ended (the 2022 report covers inspections from October
2021 to October 2022), or by naming them; a publication cut-off, set apart, stops
inspections published too late from being counted (that report's ratings table runs
to publications of January 2023). One pure function decides, from dates alone.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from yjsreport.content.dates import latest

PeriodBy = Literal["publication", "fieldwork"]


@dataclass(frozen=True)
class InspectionDates:
    """What the choice reads of one inspection: its folder name and two dates (a
    month-only date is the first of its month, as content/dates.py reads it)."""

    slug: str
    fieldwork_end: dt.date
    publication_date: dt.date


@dataclass(frozen=True)
class PeriodRule:
    """`start` to `end`, both days included, by publication or fieldwork; `listed`
    names the inspections instead of dates; `published_by` is the last publication
    day counted (None: the period's end, or no limit for a list)."""

    start: dt.date
    end: dt.date
    by: PeriodBy = "publication"
    published_by: dt.date | None = None
    listed: tuple[str, ...] | None = None

    @property
    def cutoff(self) -> dt.date | None:
        if self.published_by is not None:
            return self.published_by
        return self.end if self.by == "publication" and self.listed is None else None


@dataclass(frozen=True)
class Selection:
    """The inspections covered, in the order given, and what could not be decided:
    month-only dates that straddle a boundary, listed folders that do not exist, and
    listed inspections published after the cut-off."""

    chosen: tuple[str, ...]
    straddling: tuple[str, ...] = ()
    unknown: tuple[str, ...] = ()
    too_late: tuple[str, ...] = ()


def _within(day: dt.date, start: dt.date, end: dt.date) -> bool | None:
    """In, out, or None where a month-only date runs across a boundary."""
    first, last = day, latest(day)
    if start <= first and last <= end:
        return True
    if last < start or first > end:
        return False
    return None


def select_inspections(rule: PeriodRule, inspections: Iterable[InspectionDates]) -> Selection:
    """The inspections the period covers, in the order given."""
    items = list(inspections)
    cutoff = rule.cutoff
    chosen: list[str] = []
    straddling: list[str] = []
    too_late: list[str] = []
    if rule.listed is not None:
        by_slug = {i.slug: i for i in items}
        unknown = tuple(s for s in rule.listed if s not in by_slug)
        for item in items:
            if item.slug not in rule.listed:
                continue
            published = cutoff is None or _within(item.publication_date, dt.date.min, cutoff)
            if published is None:
                straddling.append(item.slug)
            elif published:
                chosen.append(item.slug)
            else:
                too_late.append(item.slug)
        return Selection(tuple(chosen), tuple(straddling), unknown, tuple(too_late))
    for item in items:
        day = item.publication_date if rule.by == "publication" else item.fieldwork_end
        inside = _within(day, rule.start, rule.end)
        published = cutoff is None or _within(item.publication_date, dt.date.min, cutoff)
        if inside is None or (inside and published is None):
            straddling.append(item.slug)
        elif inside and published:
            chosen.append(item.slug)
    return Selection(tuple(chosen), tuple(straddling))
