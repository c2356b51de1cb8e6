"""Case data from a workbook: the same figures and the same checks as from CSV,
with each problem placed by sheet, cell, row and column."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from yjsreport.cli import main
from yjsreport.content.inspection import case_file_ids
from yjsreport.content.spreadsheet import cell_text
from yjsreport.engine.export import to_json
from yjsreport.project import load_reports

BRK = Path("content/inspections/brackenmoor-2022")
BOOK = BRK / "cases/cases.xlsx"


def csv_to_workbook(folder: Path, *, numbers: bool = False) -> None:
    """Move every sample's CSV into a sheet of cases.xlsx, as an inspector would keep it."""
    book = Workbook()
    book.remove(book.active)
    for path in sorted(folder.glob("*.csv")):
        sheet = book.create_sheet(path.stem)
        for row in csv.reader(path.read_text(encoding="utf-8").splitlines()):
            sheet.append([int(c) if numbers and c.isdigit() else c for c in row])
        path.unlink()
    book.save(folder / "cases.xlsx")


def check(capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    code = main(["check"])
    return code, capsys.readouterr().err.strip().splitlines()


def set_cell(column_name: str, row: int, value: object, sheet: str = "court") -> str:
    book = load_workbook(BOOK)
    ws = book[sheet]
    header = [c.value for c in ws[1]]
    letter = ws.cell(row=1, column=header.index(column_name) + 1).column_letter
    ws[f"{letter}{row}"] = value
    book.save(BOOK)
    return letter


def test_a_workbook_gives_the_same_results_as_the_csv_files(project: Path) -> None:
    before = {r.slug: to_json(r.result) for r in load_reports(Path("content"))}
    csv_to_workbook(BRK / "cases")
    after = {r.slug: to_json(r.result) for r in load_reports(Path("content"))}
    assert after == before


def test_a_drafts_case_ids_are_read_from_a_workbook_as_from_csv_files(project: Path) -> None:
    """A build without drafts reads only a draft's case ids (to keep them out of the
    reports it publishes): the same from sheets as from CSV files."""
    draft = Path("content/inspections/kestrel-vale-2026")
    from_csv = case_file_ids(draft)
    assert "KV-C01" in from_csv and len(from_csv) == 10  # court, out-of-court, resettlement
    csv_to_workbook(draft / "cases")
    assert case_file_ids(draft) == from_csv


def test_an_answer_in_a_sheet_is_checked_and_located(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    csv_to_workbook(BRK / "cases")
    letter = set_cell("2.1.1a", 4, "yes")
    code, err = check(capsys)
    assert code == 1
    column = sum((ord(ch) - 64) * 26**i for i, ch in enumerate(reversed(letter)))
    assert err == [
        f"{BOOK}:4:{column}: sheet 'court', cell {letter}4: column 2.1.1a: expected Yes, No "
        "or N/A; got 'yes'",
        "yjsreport: 1 problem found; nothing was written.",
    ]


def test_every_problem_in_a_sheet_in_one_run(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    csv_to_workbook(BRK / "cases")
    set_cell("2.1.1a", 3, "Maybe")
    set_cell("gender", 5, "boy")
    set_cell("case", 6, None)
    code, err = check(capsys)
    assert code == 1
    assert len(err) == 4
    assert "cell" in err[0] and "got 'Maybe'" in err[0]
    assert "column gender: expected one of male, female, other, unknown" in err[1]
    assert err[2].endswith("cell A6: missing case id")


def test_numbers_and_blank_rows_read_as_a_csv_would(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cell_text(12.0) == "12"
    assert cell_text(None) == ""
    assert cell_text(3.5) == "3.5"
    csv_to_workbook(BRK / "cases")
    wb = load_workbook(BOOK)
    wb["court"].append([])  # a blank row at the end is not a case
    wb["court"]["A2"] = 101  # a case id typed as a number
    wb.save(BOOK)
    assert check(capsys) == (0, [])


def test_unknown_sheet_and_a_sample_in_two_places(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = BRK / "cases"
    court = (folder / "court.csv").read_text(encoding="utf-8")
    csv_to_workbook(folder)
    (folder / "court.csv").write_text(court, encoding="utf-8")
    wb = load_workbook(BOOK)
    wb.create_sheet("Notes")
    wb.create_sheet("Codebook")  # for people; never read
    wb.save(BOOK)
    code, err = check(capsys)
    assert code == 1
    assert err[:-1] == [
        f"{BOOK}: sheet 'court': the court cases are also in court.csv; keep them in one place",
        f"{BOOK}: unknown sheet 'Notes': expected a sheet per sample (court, out-of-court, "
        "resettlement) and, if you like, a 'Codebook' sheet",
    ]


def test_a_value_right_of_the_table(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    csv_to_workbook(BRK / "cases")
    wb = load_workbook(BOOK)
    ws = wb["resettlement"]
    ws.cell(row=2, column=ws.max_column + 2, value="note")
    wb.save(BOOK)
    code, err = check(capsys)
    assert code == 1
    assert err[0].endswith("a value outside the table: no header names this column")
    assert "sheet 'resettlement', cell" in err[0]


def test_a_file_that_is_not_a_workbook(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    csv_to_workbook(BRK / "cases")
    BOOK.write_text("not a workbook", encoding="utf-8")
    code, err = check(capsys)
    assert code == 1
    assert err[0].startswith(f"{BOOK}: cannot read the workbook")
    assert len(err) == 2  # no knock-on problems from samples it could not read


def test_new_with_a_workbook_template(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "moorfield-2027", "--xlsx"]) == 0
    path = Path("content/inspections/moorfield-2027/cases/cases.xlsx")
    assert not list(path.parent.glob("*.csv"))
    wb = load_workbook(path)
    assert wb.sheetnames == ["court", "out-of-court", "resettlement", "Codebook"]
    court = wb["court"]
    header = [c.value for c in court[1]]
    assert header[:2] == ["case", "disposal_type"]
    lists = {str(v.sqref): v.formula1 for v in court.data_validations.dataValidation}
    assert lists["C2:C61"] == '"Yes,No,N/A"'
    assert "referral-order" in lists["B2:B61"]
    codebook = {(r[0], r[1]): r for r in wb["Codebook"].iter_rows(min_row=2, values_only=True)}
    assert codebook[("court", "2.1.1")][2].startswith("Does assessment sufficiently analyse")
    # a row entered as an inspector would: it loads
    court.append(["MF-1", "referral-order", *["Yes"] * (len(header) - 2)])
    wb.save(path)
    capsys.readouterr()
    assert main(["check"]) == 0
    assert "Cases: court 1," in capsys.readouterr().out


def test_csv_messages_are_unchanged_by_the_shared_reader(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = BRK / "cases/court.csv"
    path.write_text("", encoding="utf-8")
    assert check(capsys)[1][0] == f"{path}:1:1: expected a header row starting with 'case'"
