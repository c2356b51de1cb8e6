"""The case-data template as one workbook: a sheet per sample, with the answers
offered as a drop-down list, and a codebook sheet with each column's wording.

Written with openpyxl; the columns come from the same codebook the CSV
templates use, so the two forms cannot differ.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from yjsreport.authoring.codebook import sample_columns
from yjsreport.content.spreadsheet import CODEBOOK_SHEET
from yjsreport.framework.model import Framework

TEMPLATE_ROWS = 60  # rows offered with drop-down lists; more can be added
LIST_LIMIT = 255  # Excel's limit on a list written into a validation rule


def _validation(allowed: tuple[str, ...], cells: str) -> DataValidation | None:
    formula = ",".join(allowed)
    if len(formula) > LIST_LIMIT - 2:
        return None  # too long for an in-cell list; the codebook sheet lists the values
    rule = DataValidation(type="list", formula1=f'"{formula}"', allow_blank=True)
    rule.error = f"Expected one of: {', '.join(allowed)}"
    rule.errorTitle = "Not an allowed value"
    rule.add(cells)
    return rule


def write_template(framework: Framework, path: Path) -> None:
    book = Workbook()
    if book.active is not None:  # the sheet every new workbook starts with
        book.remove(book.active)
    bold = Font(bold=True)
    for sample in framework.samples:
        sheet = book.create_sheet(sample)
        columns = [c for c in sample_columns(framework, sample) if c.required]
        for index, column in enumerate(columns, start=1):
            cell = sheet.cell(row=1, column=index, value=column.name)
            cell.font = bold
            letter = get_column_letter(index)
            if column.allowed is not None:
                rule = _validation(column.allowed, f"{letter}2:{letter}{TEMPLATE_ROWS + 1}")
                if rule is not None:
                    sheet.add_data_validation(rule)
        sheet.freeze_panes = "B2"
    codebook = book.create_sheet(CODEBOOK_SHEET)
    codebook.append(["sample", "column", "what it records", "allowed values", "required"])
    for cell in codebook[1]:
        cell.font = bold
    for sample in framework.samples:
        for column in sample_columns(framework, sample):
            codebook.append(
                [
                    sample,
                    column.name,
                    column.wording,
                    column.allowed_text,
                    "yes" if column.required else "no",
                ]
            )
    for letter, width in zip("ABCDE", (14, 18, 80, 40, 10), strict=True):
        codebook.column_dimensions[letter].width = width
    for row in codebook.iter_rows(min_row=2):
        row[2].alignment = Alignment(wrap_text=True, vertical="top")
    book.save(path)
