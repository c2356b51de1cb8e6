"""Case data from a workbook: the same figures and the same checks as from CSV,
with each problem placed by sheet, cell, row and column."""

from __future__ import annotations

import csv
import os
import re
import zipfile
from collections.abc import Callable
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
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the start of an OLE compound file


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


# --- workbooks that are not what they seem ---------------------------------------------

SHEET = "xl/worksheets/sheet1.xml"  # the court sheet: csv_to_workbook adds it first


def only_problem(capsys: pytest.CaptureFixture[str]) -> str:
    code, err = check(capsys)
    assert code == 1, err
    assert err[-1] == "yjsreport: 1 problem found; nothing was written.", err
    assert len(err) == 2, err  # the cause alone, with no knock-on problems
    return err[0]


def replace_part(name: str, data: bytes) -> None:
    """Write the workbook again with one part's bytes replaced (or added)."""
    with zipfile.ZipFile(BOOK) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    parts[name] = data
    with zipfile.ZipFile(BOOK, "w", zipfile.ZIP_DEFLATED) as target:
        for part, payload in parts.items():
            target.writestr(part, payload)


def sheet_xml(rows: str, doctype: str = "") -> bytes:
    return (
        f'<?xml version="1.0"?>{doctype}<worksheet xmlns="http://schemas.openxmlformats.org/'
        f'spreadsheetml/2006/main"><sheetData>{rows}</sheetData></worksheet>'
    ).encode()


BOMB = (
    '<!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa">'
    + "".join(
        f'<!ENTITY {n} "{("&" + p + ";") * 10}">'
        for p, n in zip("abcdefgh", "bcdefghi", strict=True)
    )
    + "]>"
)
ENTITIES = (
    f"{BOOK}: holds XML entities (which can expand to gigabytes or fetch other files), so it "
    "is not read: save it again from a spreadsheet program as 'Excel Workbook (.xlsx)'"
)


@pytest.mark.parametrize(
    ("doctype", "cell"),
    [(BOMB, "&i;"), ('<!DOCTYPE worksheet [<!ENTITY e SYSTEM "file:///etc/passwd">]>', "&e;")],
    ids=["entity-bomb", "external-entity"],
)
def test_xml_entities_are_never_expanded(
    project: Path, capsys: pytest.CaptureFixture[str], doctype: str, cell: str
) -> None:
    csv_to_workbook(BRK / "cases")
    row = f'<row r="1"><c r="A1" t="inlineStr"><is><t>{cell}</t></is></c></row>'
    replace_part(SHEET, sheet_xml(row, doctype))
    assert only_problem(capsys) == ENTITIES


def test_damaged_xml(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    csv_to_workbook(BRK / "cases")
    with zipfile.ZipFile(BOOK) as book:
        whole = book.read(SHEET)
    replace_part(SHEET, whole[: len(whole) // 2])
    problem = only_problem(capsys)
    assert problem.startswith(f"{BOOK}: is damaged: its XML cannot be read (")
    assert problem.endswith(
        "); save it again from a spreadsheet program as 'Excel Workbook (.xlsx)'"
    )


def test_a_million_rows_stop_at_once(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    csv_to_workbook(BRK / "cases")
    rows = "".join(f'<row r="{n}"><c r="A{n}"><v>{n}</v></c></row>' for n in range(1, 1_000_001))
    replace_part(SHEET, sheet_xml(rows))
    problem = only_problem(capsys)
    assert re.fullmatch(
        rf"{re.escape(str(BOOK))}: unpacks to \d+ MB in \d+ parts, more than the 16 MB a "
        r"workbook of case data may: is it the right file\?",
        problem,
    ), problem


def test_rows_past_the_limit_are_never_read(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """One value in row 1,000,000 (a few bytes) stands for a million rows."""
    csv_to_workbook(BRK / "cases")
    rows = (
        '<row r="1"><c r="A1" t="inlineStr"><is><t>case</t></is></c></row>'
        '<row r="1000000"><c r="A1000000"><v>1</v></c></row>'
    )
    replace_part(SHEET, sheet_xml(rows))
    assert only_problem(capsys) == (
        f"{BOOK}: sheet 'court' has more than 5,000 rows (blank rows with formatting count "
        "too); a sample has far fewer cases: is it the right file?"
    )


def test_a_value_far_to_the_right(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    csv_to_workbook(BRK / "cases")
    wb = load_workbook(BOOK)
    wb["court"]["XFD3"] = "note"
    wb.save(BOOK)
    assert only_problem(capsys) == (
        f"{BOOK}: sheet 'court' has cells beyond column 200; a sample has far fewer columns: "
        "delete what is there"
    )


def edit_book(change: Callable[[Workbook], None]) -> None:
    csv_to_workbook(BRK / "cases")
    wb = load_workbook(BOOK)
    change(wb)
    wb.save(BOOK)


def test_a_formula_without_a_saved_value(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """openpyxl, like any program that does not calculate, saves no value for it."""
    csv_to_workbook(BRK / "cases")
    letter = set_cell("2.1.1a", 4, '=IF(TRUE,"Yes","No")')
    column = load_workbook(BOOK)["court"][f"{letter}4"].column
    assert only_problem(capsys) == (
        f"{BOOK}:4:{column}: sheet 'court', cell {letter}4: the formula "
        '=IF(TRUE,"Yes","No") has no saved value, so it would be read as blank: open the '
        "workbook in a spreadsheet program and save it, or type the value"
    )


def test_a_dde_command(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    csv_to_workbook(BRK / "cases")
    letter = set_cell("2.1.1a", 4, "=cmd|' /C calc'!A0")
    column = load_workbook(BOOK)["court"][f"{letter}4"].column
    assert only_problem(capsys) == (
        f"{BOOK}:4:{column}: sheet 'court', cell {letter}4: \"=cmd|' /C calc'!A0\" asks the "
        "spreadsheet to run a program (a DDE command); delete it and type the answer"
    )


def test_links_to_other_workbooks(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    csv_to_workbook(BRK / "cases")
    replace_part("xl/externalLinks/externalLink1.xml", b"<externalLink/>")
    assert only_problem(capsys) == (
        f"{BOOK}: links to other workbooks (external links), whose values would be read as "
        "they were when last saved: copy the values in and break the links (Data > Edit "
        "Links > Break Link)"
    )


def test_merged_cells(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit_book(lambda wb: wb["court"].merge_cells("C3:C5"))
    assert only_problem(capsys) == (
        f"{BOOK}: sheet 'court', cells C3:C5: merged cells, of which only the first holds a "
        "value: unmerge them and give each case its own answer"
    )


def test_a_hidden_sheet(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit_book(lambda wb: setattr(wb["resettlement"], "sheet_state", "hidden"))
    assert only_problem(capsys) == (
        f"{BOOK}: sheet 'resettlement' is hidden, but would be read: unhide it or delete it"
    )


def test_hidden_rows(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit_book(lambda wb: setattr(wb["court"].row_dimensions[3], "hidden", True))
    assert only_problem(capsys) == (
        f"{BOOK}:3: sheet 'court': rows 3 are hidden, but would be read: show them (or delete them)"
    )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            OLE + b"\0" * 64 + "EncryptedPackage".encode("utf-16-le"),
            "is protected by a password, so it cannot be read: remove the password (File > "
            "Info > Protect Workbook > Encrypt with Password, and clear it), then save it again",
        ),
        (
            OLE + b"\0" * 64 + "Workbook".encode("utf-16-le"),
            "is an Excel 97-2003 (.xls) workbook under an .xlsx name: save it from the "
            "spreadsheet program as 'Excel Workbook (.xlsx)'",
        ),
    ],
    ids=["password", "xls-named-xlsx"],
)
def test_ole_files_named_xlsx(
    project: Path, capsys: pytest.CaptureFixture[str], data: bytes, message: str
) -> None:
    csv_to_workbook(BRK / "cases")
    BOOK.write_bytes(data)
    assert only_problem(capsys) == f"{BOOK}: {message}"


def test_a_pipe_named_cases_xlsx(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Not skipped as if absent, and never opened (it would wait for ever)."""
    os.mkfifo(BOOK)
    assert only_problem(capsys) == (
        f"{BOOK}: is a named pipe (FIFO), not an ordinary file; content must be in ordinary files"
    )


NOT_READ = (
    "is not read: case data is read only from CSV files and from 'cases.xlsx'; save it as "
    "'Excel Workbook (.xlsx)' named 'cases.xlsx', or as 'court.csv' ('CSV UTF-8')"
)


@pytest.mark.parametrize(
    ("name", "message"),
    [
        (
            "court.xlsx",
            "'court.xlsx' is not read: case data in a workbook is read only from 'cases.xlsx', "
            "with a sheet per sample; move its sheet into 'cases.xlsx' (named 'court' if it "
            "holds that sample), or save it as 'court.csv'",
        ),
        (
            "Cases.xlsx",
            "'Cases.xlsx' is not read: names are case-sensitive; rename it to 'cases.xlsx' if "
            "it belongs to the report",
        ),
        ("court.xls", f"'court.xls' {NOT_READ}"),
        ("court.xlsm", f"'court.xlsm' {NOT_READ}"),
        ("court.ods", f"'court.ods' {NOT_READ}"),
        ("court.tsv", f"'court.tsv' {NOT_READ}"),  # tab-separated text, not comma-separated
    ],
)
def test_a_workbook_under_another_name_is_named_first(
    project: Path, capsys: pytest.CaptureFixture[str], name: str, message: str
) -> None:
    """Corrected answers saved as a workbook beside the old court.csv: the stale CSV is
    never read as if nothing were wrong, and the workbook is named as the cause."""
    folder = BRK / "cases"
    court = (folder / "court.csv").read_text(encoding="utf-8")
    csv_to_workbook(folder)
    (folder / "cases.xlsx").rename(folder / name)
    (folder / "court.csv").write_text(court, encoding="utf-8")  # the stale copy
    code, err = check(capsys)
    assert code == 1
    assert err[0] == f"{folder / name}: {message}"
