"""What a workbook may hold before its cells are read as case data.

A workbook is a zip of XML parts written by any program, so it is checked in two
steps. Before openpyxl parses anything: the file's kind (an encrypted workbook and
an old .xls are both OLE files, not zips), the size it unpacks to, and links to other
workbooks. After the cells are read within their limits: what a spreadsheet shows an
inspector differently from what its cells hold, each named with its place, since
each would change a figure unseen: a formula with no saved value (read as blank),
a DDE command, merged cells (only the first holds the value), hidden sheets, rows
and columns.

The XML itself is parsed by openpyxl through defusedxml (a dependency for this):
entities are never expanded and no other file is fetched.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from yjsreport.errors import Problem

Saved = Callable[[str, int, int], str]  # sheet, row, column (from 1): the saved value

MAX_WORKBOOK_BYTES = 16 * 1024 * 1024  # the file itself
MAX_UNPACKED_BYTES = 16 * 1024 * 1024  # its parts unpacked: a zip bomb stops here
MAX_PARTS = 2000
MAX_SHEETS = 50
MAX_ROWS = 5000  # a sheet's rows, blank ones included; samples have a few dozen cases
MAX_COLUMNS = 200  # a sample has fewer than a hundred columns
MAX_CELLS = 200_000  # cells holding a value, in the whole workbook

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Excel 97-2003 files and encrypted workbooks
ENCRYPTED = "EncryptedPackage".encode("utf-16-le")
SAVE_AS_XLSX = "save it from the spreadsheet program as 'Excel Workbook (.xlsx)'"
# A formula or text that asks Excel to run another program: =cmd|' /C calc'!A0
DDE = re.compile(r"^\s*[=+\-@].*\w\s*\|", re.DOTALL)


def container_problem(path: Path, data: bytes) -> Problem | None:
    """Why these bytes cannot be opened as a workbook, before any XML is parsed."""
    if data.startswith(OLE_MAGIC):
        if ENCRYPTED in data:
            return Problem(
                path,
                "is protected by a password, so it cannot be read: remove the password "
                "(File > Info > Protect Workbook > Encrypt with Password, and clear it), "
                "then save it again",
            )
        return Problem(
            path, f"is an Excel 97-2003 (.xls) workbook under an .xlsx name: {SAVE_AS_XLSX}"
        )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as exc:
        return Problem(path, f"cannot read the workbook ({exc}); expected an .xlsx file")
    unpacked = sum(p.file_size for p in parts)
    if len(parts) > MAX_PARTS or unpacked > MAX_UNPACKED_BYTES:
        return Problem(
            path,
            f"unpacks to {unpacked // (1024 * 1024)} MB in {len(parts)} parts, more than "
            f"the {MAX_UNPACKED_BYTES // (1024 * 1024)} MB a workbook of case data may: "
            "is it the right file?",
        )
    if any(p.filename.startswith("xl/externalLinks/") for p in parts):
        return Problem(
            path,
            "links to other workbooks (external links), whose values would be read as "
            "they were when last saved: copy the values in and break the links (Data > "
            "Edit Links > Break Link)",
        )
    return None


def too_long(path: Path, title: str) -> Problem:
    """Said as soon as the row after the limit is reached: the rest is never read."""
    return Problem(
        path,
        f"sheet {title!r} has more than {MAX_ROWS:,} rows (blank rows with formatting "
        "count too); a sample has far fewer cases: is it the right file?",
    )


def too_wide(path: Path, title: str) -> Problem:
    return Problem(
        path,
        f"sheet {title!r} has cells beyond column {MAX_COLUMNS}; a sample has far fewer "
        "columns: delete what is there",
    )


def too_many_cells(path: Path) -> Problem:
    return Problem(
        path,
        f"holds more than {MAX_CELLS:,} values; a workbook of case data holds far fewer: "
        "is it the right file?",
    )


def feature_problems(path: Path, book: Any, skip: str, saved: Saved) -> list[Problem]:
    """What each sheet shows differently from what it holds (a full openpyxl workbook
    read with formulas, not their values; `saved` gives the value a cell was saved
    with); the sheet named `skip` is for people and never read."""
    problems: list[Problem] = []
    for sheet in book.worksheets:
        if sheet.title.casefold() == skip.casefold():
            continue
        where = f"sheet {sheet.title!r}"
        if sheet.sheet_state != "visible":
            problems.append(
                Problem(path, f"{where} is hidden, but would be read: unhide it or delete it")
            )
        if sheet.max_column > MAX_COLUMNS:
            problems.append(too_wide(path, sheet.title))
            continue
        for merged in sorted(str(r) for r in sheet.merged_cells.ranges):
            problems.append(
                Problem(
                    path,
                    f"{where}, cells {merged}: merged cells, of which only the first holds "
                    "a value: unmerge them and give each case its own answer",
                )
            )
        problems.extend(_hidden(path, sheet))
        problems.extend(_formulas(path, sheet, saved))
    return problems


def _hidden(path: Path, sheet: Any) -> Iterator[Problem]:
    rows = [n for n, d in sorted(sheet.row_dimensions.items()) if d.hidden]
    columns = [k for k, d in sorted(sheet.column_dimensions.items()) if d.hidden]
    if rows:
        shown = ", ".join(str(r) for r in rows[:5]) + (", ..." if len(rows) > 5 else "")
        yield Problem(
            path,
            f"sheet {sheet.title!r}: rows {shown} are hidden, but would be read: show them "
            "(or delete them)",
            rows[0],
        )
    if columns:
        shown = ", ".join(columns[:5]) + (", ..." if len(columns) > 5 else "")
        yield Problem(
            path,
            f"sheet {sheet.title!r}: columns {shown} are hidden, but would be read: show "
            "them (or delete them)",
        )


def _formulas(path: Path, sheet: Any, saved: Saved) -> Iterator[Problem]:
    for row in sheet.iter_rows():
        for cell in row:
            value = cell.value
            if not isinstance(value, str):
                continue
            place = f"sheet {sheet.title!r}, cell {cell.coordinate}"
            shown = value if len(value) <= 40 else value[:40] + "…"
            if DDE.match(value):
                yield Problem(
                    path,
                    f"{place}: {shown!r} asks the spreadsheet to run a program (a DDE "
                    "command); delete it and type the answer",
                    cell.row,
                    cell.column,
                )
            elif cell.data_type == "f" and not saved(sheet.title, cell.row, cell.column):
                yield Problem(
                    path,
                    f"{place}: the formula {shown} has no saved value, so it would be read "
                    "as blank: open the workbook in a spreadsheet program and save it, or "
                    "type the value",
                    cell.row,
                    cell.column,
                )
