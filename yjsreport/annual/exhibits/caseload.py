"""The characteristics of the children on the rated samples' caseloads (looked after,
placed out of area, with a disability, by ethnicity), as the framework files list them
under each sample's `profile`: a number and a share for each, every count one the
disclosure rule has decided or a published count less published counts.

How an attribute is given follows its vocabulary: one with a value saying the child has
none of it (no disability recorded) is one row of the children with any other value;
one that applies to some children only (a placement, to a looked-after child) gives its
values as shares of those children; any other gives each value.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from yjsreport.annual.applicable import applicable_share
from yjsreport.annual.derived_cells import remainder
from yjsreport.annual.disclosure import ALL
from yjsreport.annual.exhibits.out_of_court import coverage_note
from yjsreport.annual.exhibits.parts import (
    Exhibit,
    ExhibitSpec,
    Table,
    count_text,
    label,
    num,
    th,
)
from yjsreport.content.vocabulary import ATTRIBUTES
from yjsreport.rules.banding import printed_percent
from yjsreport.rules.disclosure import Cell

if TYPE_CHECKING:
    from yjsreport.annual.model import AnnualFigures

ANY = "any"


@dataclass(frozen=True)
class ProfileRow:
    """One row: the attribute, the value (or ANY), its name, its count as it may be
    published, and its share's base (None where the base is withheld)."""

    attribute: str
    value: str
    name: str
    cell: Cell
    base: int | None
    of_applicable: bool = False

    @property
    def percent(self) -> int | None:
        if self.cell.shown is None or not self.base:
            return None
        return printed_percent(self.cell.shown, self.base)


def _name(attribute: str) -> str:
    return attribute.replace("_", " ").capitalize()


def profile_rows(
    sample: str, attributes: Sequence[str], cells: Mapping[str, Mapping[str, Cell]]
) -> list[ProfileRow]:
    """The rows of one sample's profile, in the framework file's order of attributes;
    `cells` are the annual tables' cells of each attribute the period records."""
    rows: list[ProfileRow] = []
    for attribute in attributes:
        table = cells.get(attribute)
        if not table:
            continue
        vocabulary = ATTRIBUTES[attribute]
        total = table[ALL]
        if vocabulary.none is not None:
            none = table.get(vocabulary.none, Cell(("none",), 0, total.count))
            cell = remainder(("annual", sample, attribute, ANY), total, [none], total.count)
            rows.append(ProfileRow(attribute, ANY, vocabulary.any_label, cell, total.count))
            continue
        if vocabulary.not_applicable is not None and vocabulary.applies_when is not None:
            over = ATTRIBUTES[vocabulary.applies_when[0]].any_label
            whom = f"of those {over[:1].lower()}{over[1:]}" if over else "of those it applies to"
            for value in vocabulary.applicable():
                if value not in table or table[value].shown == 0:
                    continue
                share = applicable_share(table, attribute, value)
                rows.append(
                    ProfileRow(
                        attribute,
                        value,
                        f"{label(value)} ({whom})",
                        table[value],
                        share.base,
                        of_applicable=True,
                    )
                )
            continue
        for value, cell in table.items():
            if value != ALL and cell.shown != 0:
                name = f"{_name(attribute)}: {label(value)}"
                rows.append(ProfileRow(attribute, value, name, cell, total.count))
    return rows


def sample_rows(f: AnnualFigures, sample: str) -> list[ProfileRow]:
    attributes = f.caseload_profiles.get(sample, ())
    cells = {a: f.cells.types[(sample, a)] for a in attributes if (sample, a) in f.cells.types}
    return profile_rows(sample, attributes, cells)


def caseload_profile(f: AnnualFigures, spec: ExhibitSpec) -> Exhibit:
    tables = []
    for sample in f.case_samples:
        rows = sample_rows(f, sample)
        if not rows:
            continue
        body = []
        for row in rows:
            share = f"{row.percent}%" if row.percent is not None else count_text(row.cell)
            if row.cell.shown is not None and row.percent is None:
                share = "—"
            body.append([th(row.name, "row"), num(count_text(row.cell)), num(share)])
        notes = [
            coverage_note(f, sample, attribute)
            for attribute in dict.fromkeys(r.attribute for r in rows)
        ]
        notes = list(dict.fromkeys(notes))
        if any(r.of_applicable for r in rows):
            notes.append(
                "Where a row names whom it counts among (of those looked after), its share is "
                "of those children, not of all the cases."
            )
        tables.append(
            Table(
                f"{f.sample_label(sample)} cases: characteristics of the children",
                [[th("Characteristic"), th("Cases", numeric=True), th("Share", numeric=True)]],
                body,
                notes,
            )
        )
    if not tables:
        return spec.nothing()
    return spec.made([], tables)
