"""What every exhibit is made of (cells, tables, charts) and the helpers the exhibit
modules share; the registry (registry.py) says which exhibits there are.

Every figure is formatted once, for the web page and the PDF alike, with the
disclosure rule applied to every cell that counts children's cases.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Literal

from yjsreport.annual import aggregates as agg
from yjsreport.annual import charts
from yjsreport.annual.charts import Chart
from yjsreport.annual.disclosure import ALL
from yjsreport.annual.matching import versions_in_words
from yjsreport.content.vocabulary import ATTRIBUTES
from yjsreport.engine.disclosure import withheld_text
from yjsreport.prose.numbers import capitalise_first
from yjsreport.rules.banding import printed_percent
from yjsreport.rules.disclosure import Cell as Cell_
from yjsreport.rules.ratings import Rating

if TYPE_CHECKING:
    from yjsreport.annual.model import AnnualFigures

LABELS: dict[str, str] = {
    value: text for vocabulary in ATTRIBUTES.values() for value, text in vocabulary.values.items()
}
LEVEL_LABELS = {"low": "Low", "medium": "Medium", "high": "High", "very-high": "Very high"}


def label(value: str) -> str:
    """The published label of an attribute value (from the vocabulary)."""
    return LEVEL_LABELS.get(value) or LABELS.get(value) or value


@dataclass(frozen=True)
class Cell:
    text: str
    header: bool = False
    scope: str | None = None
    rating: Rating | None = None
    numeric: bool = False
    colspan: int = 1


@dataclass(frozen=True)
class Table:
    caption: str
    head: list[list[Cell]]
    body: list[list[Cell]]
    notes: list[str] = field(default_factory=list)
    kind: str = ""
    chart: str = ""  # the chart whose figures it gives, where its exhibit has several


@dataclass(frozen=True)
class Exhibit:
    id: str
    heading: str
    charts: list[charts.Chart] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    empty: str | None = None  # said instead, when the period has no such data
    # in print, each chart's tables are set beside it (as the published trend figures
    # are); on the web page, and to a screen reader, the tables follow their chart
    beside: bool = False

    def in_order(self) -> list[tuple[Chart | None, list[Table]]]:
        """The exhibit in reading order: each chart followed by the tables that name
        it, then the tables that name no chart. Where no table names a chart, every
        table follows the last chart."""
        if not any(t.chart for t in self.tables):
            return [(c, []) for c in self.charts] + [(None, list(self.tables))]
        names = {c.name for c in self.charts}
        return [(c, [t for t in self.tables if t.chart == c.name]) for c in self.charts] + [
            (None, [t for t in self.tables if t.chart not in names])
        ]

    def tables_of(self, chart: Chart) -> list[Table]:
        """The tables giving a chart's figures: those that name it, or, where no table
        names a chart, every table of the exhibit."""
        if any(t.chart for t in self.tables):
            return [t for t in self.tables if t.chart == chart.name]
        return list(self.tables)


# What an exhibit shows: a chart (or several) with its data as tables, or tables alone.
Shows = Literal["chart and table", "table"]
# Where it goes: after the prose of the chapter whose front-matter names it.
Placement = Literal["after-prose"]
Builder = Callable[["AnnualFigures", "ExhibitSpec"], Exhibit]


# What an exhibit may be made for: one domain or one sample of the annual report's
# framework, named in the chapter after a colon (`distribution:2`, `trend-key-questions:court`).
Takes = Literal["domain", "sample"]


@dataclass(frozen=True)
class ExhibitSpec:
    """One kind of exhibit, declared once: the registry's entry for it.

    `title` is the heading the exhibit is shown under (a builder may make it more
    precise, e.g. with a count); `describes` tells authors what it shows; `empty` is
    said instead when the period has no such data. An exhibit that `takes` a domain or
    a sample is made for the one a chapter names (`param`), and its title and `empty`
    sentence hold the framework's words for it in braces ({domain}, {sample}), filled
    by its builder through `worded`: no domain or sample is named in the registry.
    `optional`: the exhibit may also be named alone (then over every sample)."""

    id: str
    title: str
    subject: str
    describes: str
    build: Builder
    shows: Shows
    empty: str | None = None
    placement: Placement = "after-prose"
    takes: Takes | None = None
    optional: bool = False
    param: str | None = None  # the domain or sample this one is made for

    def __call__(self, figures: AnnualFigures) -> Exhibit:
        return self.build(figures, self)

    def of(self, param: str | None) -> ExhibitSpec:
        """The exhibit made for one domain or sample: its own id (`distribution-2`), so
        that its anchor and its charts' names differ from another domain's."""
        if param is None:
            return self
        return replace(self, id=f"{self.id}-{slug(param)}", param=param)

    def worded(self, **words: str) -> ExhibitSpec:
        """The title and `empty` sentence with the framework's words filled in, the
        title in sentence case ('Ratings of court disposals')."""
        return replace(
            self,
            title=capitalise_first(self.title.format(**words)),
            empty=self.empty.format(**words) if self.empty else None,
        )

    def made(
        self,
        charts_: Sequence[charts.Chart] = (),
        tables: Sequence[Table] = (),
        notes: Sequence[str] = (),
        *,
        heading: str | None = None,
        beside: bool = False,
    ) -> Exhibit:
        return Exhibit(
            self.id,
            heading or self.title,
            list(charts_),
            list(tables),
            list(notes),
            beside=beside,
        )

    def nothing(self) -> Exhibit:
        """The exhibit when the period has no data for it: its `empty` sentence."""
        return Exhibit(self.id, self.title, empty=self.empty)


def slug(text: str) -> str:
    """A domain's or sample's id as part of an exhibit's id: 'A' as 'a', '2.b' as '2-b'."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "x"


def th(text: str, scope: str = "col", **kw: object) -> Cell:
    return Cell(text, header=True, scope=scope, **kw)  # type: ignore[arg-type]


def num(text: str) -> Cell:
    return Cell(text, numeric=True)


def rating_head() -> list[Cell]:
    return [th(r.value, numeric=True) for r in agg.RATING_ORDER]


def dist_row(name: str, dist: Mapping[Rating, int]) -> list[Cell]:
    return [th(name, "row"), *(num(str(dist.get(r, 0))) for r in agg.RATING_ORDER)]


def good_or_better(dist: Mapping[Rating, int]) -> tuple[int, int]:
    rated = sum(v for r, v in dist.items() if r.is_rated)
    return dist.get(Rating.GOOD, 0) + dist.get(Rating.OUTSTANDING, 0), rated


def count_text(cell: Cell_) -> str:
    return withheld_text(cell) if cell.shown is None else f"{cell.shown:,}"


def share_text(cell: Cell_) -> str:
    """A count's share of its base, given exactly where the count is."""
    if cell.shown is None:
        return withheld_text(cell)
    return f"{printed_percent(cell.shown, cell.base)}%" if cell.base else "—"


def in_order(cells: Mapping[str, Cell_]) -> list[str]:
    """Values to list: published counts largest first, then the withheld ones in the
    vocabulary's order, so that the order tells nothing of a withheld count; a
    published zero is left out."""
    values = [v for v in cells if v != ALL]
    shown = sorted((v for v in values if cells[v].shown), key=lambda v: (-(cells[v].shown or 0), v))
    return shown + [v for v in values if cells[v].shown is None]


def count_table(caption: str, what: str, cells: Mapping[str, Cell_]) -> Table:
    body = [
        [th(label(k), "row"), num(count_text(cells[k])), num(share_text(cells[k]))]
        for k in in_order(cells)
    ]
    body.append([th("All cases", "row"), num(count_text(cells[ALL])), num("100%")])
    return Table(caption, [[th(what), th("Cases", numeric=True), th("Share", numeric=True)]], body)


def standard_name(f: AnnualFigures, key: str, title: str) -> str:
    """'2.1 Assessment'; a standard of another framework only, with its version:
    '3.4 Joint working (2018 framework)'."""
    item, version = f.matching.origins.get(key, (key, f.framework))
    return f"{item} {title}" + ("" if version == f.framework else f" ({version} framework)")


def covers_note(f: AnnualFigures, keys: Sequence[str]) -> str:
    """Which framework versions a figure over these standards counts inspections of."""
    versions = f.versions(keys)
    if len(versions) > 1:
        return (
            f"Counts inspections under {versions_in_words(versions)}: a standard is counted "
            "together across frameworks only where the framework files declare it the same."
        )
    return f"Counts inspections under {versions_in_words(versions)}."


def matched_notes(f: AnnualFigures, keys: Sequence[str]) -> list[str]:
    """A note for each standard of another framework that shares an id, not a meaning,
    with one of the annual report's own framework (2018's 3.4)."""
    titles: dict[str, str] = {}
    for row in f.matrix:
        titles.update(row.titles)
    notes = []
    for key in keys:
        item, version = f.matching.origins.get(key, (key, f.framework))
        if version == f.framework or key not in titles or item not in titles:
            continue
        notes.append(
            f"{item} ‘{titles[key]}’ of the {version} framework judges something other than "
            f"{item} ‘{titles[item]}’ of the {f.framework} framework, so the two are counted "
            "apart."
        )
    return notes
