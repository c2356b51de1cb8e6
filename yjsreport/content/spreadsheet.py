"""Reading case data as a table of text cells, each with its place in the file.

Inspectors keep case judgements in spreadsheets: a sample may be a CSV file or
a sheet of the workbook cases/cases.xlsx. Both become the same `Table`, so the
case loader validates them with one set of rules and one set of messages; only
the way a cell is located differs (line and character column in a CSV; sheet,
row and column letter in a workbook).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

from yjsreport.content.workbook_checks import (
    MAX_CELLS,
    MAX_COLUMNS,
    MAX_ROWS,
    MAX_SHEETS,
    MAX_WORKBOOK_BYTES,
    container_problem,
    feature_problems,
    too_long,
    too_many_cells,
    too_wide,
)
from yjsreport.errors import Problem
from yjsreport.sources.text import TextProblem, read_bytes, read_text

WORKBOOK = "cases.xlsx"
# What parsing a workbook that is not what it claims can raise: a damaged zip, XML that
# is not well formed (SyntaxError: ElementTree's and lxml's), entities refused by
# defusedxml (ValueError), a part that is missing (KeyError) or of the wrong type.
_UNREADABLE = (zipfile.BadZipFile, KeyError, OSError, SyntaxError, ValueError, TypeError, EOFError)
CODEBOOK_SHEET = "Codebook"  # a sheet for people, never read as case data


@dataclass(frozen=True)
class Row:
    number: int  # the 1-based line (CSV) or row (sheet)
    cells: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    """A header and rows of text cells, and how to point at a cell of them."""

    path: Path
    header: tuple[str, ...]
    rows: tuple[Row, ...]
    sheet: str | None = None  # None for a CSV file
    raw_lines: tuple[str, ...] = ()  # a CSV file's lines, for character columns

    @property
    def checks_width(self) -> bool:
        """A CSV row can have too few or too many fields; a sheet's rows cannot."""
        return self.sheet is None

    def problem(self, row: int, index: int | None, message: str) -> Problem:
        """A problem at a cell (`index` counts columns from 0; None for the whole row)."""
        if self.sheet is None:
            line = self.raw_lines[row - 1] if row <= len(self.raw_lines) else ""
            column = None if index is None else _csv_column(line, index)
            return Problem(self.path, message, row, column)
        if index is None:
            return Problem(self.path, f"sheet {self.sheet!r}, row {row}: {message}", row)
        from openpyxl.utils import get_column_letter  # only for workbooks: 0.14 s to import

        cell = f"{get_column_letter(index + 1)}{row}"
        return Problem(self.path, f"sheet {self.sheet!r}, cell {cell}: {message}", row, index + 1)


def _csv_column(raw_line: str, field_index: int) -> int | None:
    """Character column of a field, where the line has no quoting to confuse it."""
    if '"' in raw_line:
        return None
    return sum(len(f) + 1 for f in raw_line.split(",")[:field_index]) + 1


def read_csv(path: Path, text: str | None = None) -> Table:
    """A CSV file as a table; TextProblem if it is not readable UTF-8 CSV. Each row
    keeps the line it starts on: a quoted cell may run over several lines. `text` is
    the file already decoded by the caller (the case-id search reads a file in any
    encoding rather than miss its ids)."""
    if text is None:
        text = read_text(path)
    reader = csv.reader(io.StringIO(text, newline=""))
    records: list[Row] = []
    start = 1
    try:
        for cells in reader:
            if len(records) >= MAX_ROWS:  # the limits of a sheet hold for a CSV too
                raise TextProblem(
                    Problem(
                        path,
                        f"has more than {MAX_ROWS:,} rows; a sample has far fewer cases: "
                        "is it the right file?",
                        start,
                    )
                )
            if len(cells) > MAX_COLUMNS:
                raise TextProblem(
                    Problem(
                        path,
                        f"has more than {MAX_COLUMNS} columns on this line; a sample has far "
                        "fewer: is it the right file?",
                        start,
                    )
                )
            records.append(Row(start, tuple(cells)))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise TextProblem(Problem(path, f"cannot be read as CSV: {exc}", start)) from exc
    header = records[0].cells if records else ()
    return Table(path, header, tuple(records[1:]), None, tuple(text.splitlines()))


def cell_text(value: object) -> str:
    """A cell as the text a CSV would hold: 12.0 typed as a number reads as '12'."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _trimmed(cells: tuple[str, ...]) -> tuple[str, ...]:
    end = len(cells)
    while end and not cells[end - 1].strip():
        end -= 1
    return cells[:end]


def read_workbook(path: Path) -> tuple[dict[str, Table], list[Problem]]:
    """Every sheet but the codebook, as tables; a workbook that cannot be opened, is
    beyond the limits or holds what would be read differently from how it looks (see
    workbook_checks) is a problem, and then no sheet is read. Cells right of the
    header are reported, since no column names them."""
    try:
        data = read_bytes(path, MAX_WORKBOOK_BYTES)
    except TextProblem as exc:
        return {}, [exc.problem]
    problem = container_problem(path, data)
    if problem is not None:
        return {}, [problem]
    try:
        grids, problems = _read_values(path, data)
        if not problems:
            problems = _read_features(path, data, grids)
    except _UNREADABLE as exc:
        return {}, [_unreadable(path, exc)]
    if problems:
        return {}, problems
    tables: dict[str, Table] = {}
    for title, records in grids.items():
        table, found = _sheet_table(path, title, records)
        tables[title] = table
        problems.extend(found)
    return tables, problems


Grids = dict[str, list[tuple[str, ...]]]  # each case sheet's rows of cell text


def _read_values(path: Path, data: bytes) -> tuple[Grids, list[Problem]]:
    """Each case sheet's cells as text (as saved, formulas by their saved value), read
    lazily so that a sheet beyond the limits stops at the first row past them."""
    from openpyxl import load_workbook  # imported only when a workbook is there

    book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    grids: Grids = {}
    cells = 0
    try:
        if len(book.worksheets) > MAX_SHEETS:
            return {}, [Problem(path, f"has more than {MAX_SHEETS} sheets: is it the right file?")]
        for sheet in book.worksheets:
            if sheet.title.casefold() == CODEBOOK_SHEET.casefold():
                continue
            sheet.reset_dimensions()  # a saved size may be wrong: the rows say
            records = []
            rows = sheet.iter_rows(max_col=MAX_COLUMNS + 1, values_only=True)
            for number, row in enumerate(rows, start=1):
                if number > MAX_ROWS:
                    return {}, [too_long(path, sheet.title)]
                record = _trimmed(tuple(cell_text(v) for v in row))
                if len(record) > MAX_COLUMNS:
                    return {}, [too_wide(path, sheet.title)]
                cells += sum(1 for c in record if c)
                if cells > MAX_CELLS:
                    return {}, [too_many_cells(path)]
                records.append(record)
            grids[sheet.title] = records
    finally:
        book.close()
    return grids, []


def _read_features(path: Path, data: bytes, grids: Grids) -> list[Problem]:
    """Formulas, merged cells, hidden sheets, rows and columns (a full read, made only
    once the workbook is known to be within the limits)."""
    from openpyxl import load_workbook

    def saved(title: str, row: int, column: int) -> str:
        records = grids.get(title, [])
        record = records[row - 1] if row <= len(records) else ()
        return record[column - 1] if column <= len(record) else ""

    book = load_workbook(io.BytesIO(data), data_only=False)
    try:
        return feature_problems(path, book, CODEBOOK_SHEET, saved)
    finally:
        book.close()


def _unreadable(path: Path, exc: BaseException) -> Problem:
    """A workbook openpyxl could not parse, said without its traceback (openpyxl wraps
    what went wrong in a ValueError of its own: the cause is named)."""
    while exc.__cause__ is not None:
        exc = exc.__cause__
    if isinstance(exc, ValueError) and type(exc).__module__.startswith("defusedxml"):
        return Problem(
            path,
            "holds XML entities (which can expand to gigabytes or fetch other files), so "
            "it is not read: save it again from a spreadsheet program as 'Excel Workbook "
            "(.xlsx)'",
        )
    if isinstance(exc, SyntaxError):  # ElementTree's and lxml's ParseError
        return Problem(
            path,
            f"is damaged: its XML cannot be read ({exc}); save it again from a spreadsheet "
            "program as 'Excel Workbook (.xlsx)'",
        )
    return Problem(path, f"cannot read the workbook ({exc}); expected an .xlsx file")


def _sheet_table(
    path: Path, title: str, records: list[tuple[str, ...]]
) -> tuple[Table, list[Problem]]:
    header = _trimmed(records[0]) if records else ()
    width = len(header)
    probe = Table(path, header, (), title)
    problems = []
    rows = []
    for number, cells in enumerate(records[1:], start=2):
        beyond = _trimmed(cells)[width:]
        if any(c.strip() for c in beyond):
            index = width + next(i for i, c in enumerate(beyond) if c.strip())
            problems.append(
                probe.problem(
                    number, index, "a value outside the table: no header names this column"
                )
            )
        rows.append(Row(number, (cells + ("",) * width)[:width]))
    return Table(path, header, tuple(rows), title), problems


def sample_tables(
    folder: Path, samples: tuple[str, ...]
) -> tuple[dict[str, Table], list[Problem], bool]:
    """Each sample's table, from `<sample>.csv` or the `<sample>` sheet of cases.xlsx,
    the problems found, and whether every sample's place could be read.

    A sample in both places, a sheet or CSV that names no sample, and a workbook that
    cannot be read are problems; a sample in neither place is an empty sample."""
    readable = True
    tables: dict[str, Table] = {}
    problems: list[Problem] = []
    expected = ", ".join(samples)
    for path in sorted(folder.glob("*.csv")):
        if path.stem in samples:
            try:
                tables[path.stem] = read_csv(path)
            except TextProblem as exc:  # not an empty sample: a sample that cannot be read
                problems.append(exc.problem)
                readable = False
        else:
            problems.append(
                Problem(
                    path,
                    f"unknown sample {path.stem!r}: expected "
                    f"{', '.join(f'{s}.csv' for s in samples)}",
                )
            )
    workbook = folder / WORKBOOK
    if workbook.exists() or workbook.is_symlink():  # a pipe or a device is named, not skipped
        sheets, found = read_workbook(workbook)
        problems.extend(found)
        readable = bool(sheets) or not found
        for title, table in sheets.items():
            if title not in samples:
                problems.append(
                    Problem(
                        workbook,
                        f"unknown sheet {title!r}: expected a sheet per sample ({expected}) "
                        f"and, if you like, a '{CODEBOOK_SHEET}' sheet",
                    )
                )
            elif title in tables:
                problems.append(
                    Problem(
                        workbook,
                        f"sheet {title!r}: the {title} cases are also in {title}.csv; keep "
                        "them in one place",
                    )
                )
            else:
                tables[title] = table
    return tables, problems, readable
