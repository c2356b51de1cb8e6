"""A download's table as an Excel workbook (.xlsx), beside its CSV.

Excel on Windows opens a CSV by guessing each cell's type, so the standard id
'3.10' becomes the number 3.1 whatever the quoting. In a workbook each cell's type
is written down: the columns declared as text are text cells, the counts and
percentages numbers, and a suppressed count an empty cell with its reason in the
`suppressed` column, as in the CSV. The rows are the CSV's rows, from the same
declaration of columns.

The bytes depend on the inspection only: the workbook is dated (created and
modified) with the report's publication date, not the clock (openpyxl's
`save_workbook` would stamp the time of the build as modified), and every member of
the zip is dated 1980-01-01, the earliest a zip can record.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Iterable
from typing import TYPE_CHECKING

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.writer.excel import ExcelWriter

from yjsreport.engine.results import InspectionResult
from yjsreport.render.downloads import (
    CHARACTERISTIC_COLUMNS,
    QUESTION_COLUMNS,
    Column,
    characteristic_rows,
    question_rows,
)

if TYPE_CHECKING:
    from yjsreport.render.derived_cache import DerivedCache

_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
_SHEET_TITLE_LIMIT = 31  # characters Excel allows in a sheet's name


Value = str | int | None


def _checked(columns: tuple[Column, ...], row: tuple[object, ...]) -> tuple[Value, ...]:
    """The row's cells as its columns declare them (None for an empty cell), checked
    before any workbook is started: a count that is not a whole number is an error."""
    if len(row) != len(columns):
        raise ValueError(f"a row of {len(row)} cells under {len(columns)} columns")
    cells: list[Value] = []
    for column, value in zip(columns, row, strict=True):
        if value is None or value == "":
            cells.append(None)
        elif column.type == "integer":
            if not isinstance(value, int) or isinstance(value, bool):
                raise TypeError(f"column {column.name!r} holds integers; got {value!r}")
            cells.append(value)
        else:
            cells.append(str(value))
    return tuple(cells)


def workbook(
    title: str,
    dated: dt.date,
    sheet: str,
    columns: tuple[Column, ...],
    rows: Iterable[tuple[object, ...]],
) -> bytes:
    """One sheet: a bold header row of the column names, then one row per table row.
    Taken from the build cache's kept workbooks where a build keeps them (see
    workbook_cache.py): the same cells give the same bytes."""
    checked = [_checked(columns, row) for row in rows]
    kept = _KEPT[0]
    if kept is None:
        return _made(title, dated, sheet, columns, checked)
    cells = repr((title, dated.isoformat(), sheet, columns, checked)).encode("utf-8")
    data = kept.get(cells)
    if data is None:
        data = _made(title, dated, sheet, columns, checked)
        kept.put(cells, data)
    return data


# Workbooks kept between builds (render/workbook_cache.py), where a build uses the cache.
_KEPT: list[DerivedCache | None] = [None]


def keep_workbooks(cache: DerivedCache | None) -> DerivedCache | None:
    """Take workbooks from, and keep new ones in, this cache (None: make every one);
    the cache used until now is returned."""
    before, _KEPT[0] = _KEPT[0], cache
    return before


def _made(
    title: str,
    dated: dt.date,
    sheet: str,
    columns: tuple[Column, ...],
    checked: list[tuple[Value, ...]],
) -> bytes:
    book = Workbook()  # not write-only: that mode writes no sheet dimension, without
    # which readers (frictionless) take a row's empty last cells as missing
    book.properties.title = title
    book.properties.creator = "yjsreport"
    midnight = dt.datetime(dated.year, dated.month, dated.day)
    book.properties.created = book.properties.modified = midnight
    ws = book.worksheets[0]  # a new workbook's one sheet
    ws.title = sheet[:_SHEET_TITLE_LIMIT]
    ws.append([c.name for c in columns])
    for row in checked:
        ws.append(row)
    bold = Font(bold=True)
    for cell in ws[1]:
        cell.font = bold
    for cells in ws.iter_rows(min_row=2):
        for cell in cells:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # text starting '=' stays text, never a formula
    ws.freeze_panes = "A2"
    made = io.BytesIO()
    with zipfile.ZipFile(made, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(book, archive).save()
    return _undated(made.getvalue())


def _undated(data: bytes) -> bytes:
    """The same zip, members in the same order, every one dated the zip epoch."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=_ZIP_EPOCH)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o644 << 16
            target.writestr(member, source.read(info.filename))
    return out.getvalue()


def aggregate_xlsx(result: InspectionResult, title: str) -> bytes:
    """The key-question and prompt figures, as `aggregate_csv` has them."""
    dated = result.meta.publication_date
    return workbook(title, dated, "questions", QUESTION_COLUMNS, question_rows(result))


def characteristics_xlsx(result: InspectionResult, title: str) -> bytes:
    """The sampled cases' characteristics after disclosure, as `characteristics_csv`."""
    rows = characteristic_rows(result)
    dated = result.meta.publication_date
    return workbook(title, dated, "characteristics", CHARACTERISTIC_COLUMNS, rows)
