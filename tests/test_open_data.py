"""The open data as a reuser gets it from the built site: every JSON download valid
against the JSON Schema the site publishes, counts as numbers with suppression as a
separate marker, CSV files that say which inspection each row is from and open in
Excel as UTF-8, the same tables as workbooks whose cells keep their types, and
Frictionless data packages that validate (and stop validating when a file is
changed)."""

from __future__ import annotations

import copy
import csv
import datetime as dt
import io
import json
import shutil
import zipfile
from pathlib import Path
from typing import Any

import jsonschema
import openpyxl
import pytest
from frictionless import validate
from lxml import html as lxml_html
from openpyxl.cell.cell import Cell

from tests.browser.project import ANNUAL_EXAMPLE, built_annual_project, built_site, slugs
from yjsreport.engine.result_schema import FILE_NAME, SCHEMA_ID, schema
from yjsreport.project import Report
from yjsreport.render.downloads import CHARACTERISTIC_COLUMNS, QUESTION_COLUMNS, Column
from yjsreport.render.workbook import workbook
from yjsreport.site import pages

BOM = b"\xef\xbb\xbf"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built_site(tmp_path_factory, "--no-pdf")


@pytest.fixture(scope="module")
def drafts_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built_site(tmp_path_factory, "--no-pdf", "--drafts")


def published_schema(site: Path) -> dict[str, Any]:
    return json.loads((site / "data" / FILE_NAME).read_text(encoding="utf-8"))


def download(site: Path, slug: str) -> dict[str, Any]:
    path = site / pages.report_dir(slug) / pages.json_name(slug)
    return json.loads(path.read_text(encoding="utf-8"))


def rows(path: Path) -> list[dict[str, str]]:
    data = path.read_bytes()
    assert data.startswith(BOM), f"{path.name}: no byte-order mark for Excel"
    return list(csv.DictReader(io.StringIO(data[len(BOM) :].decode("utf-8"), newline="")))


def test_the_schema_is_published_at_its_stable_address(site: Path) -> None:
    published = published_schema(site)
    assert published == schema()
    jsonschema.Draft202012Validator.check_schema(published)
    assert (
        published["properties"]["schema"]["const"] == SCHEMA_ID == "yjsreport/inspection-result/3"
    )


@pytest.mark.parametrize("build", ["published", "drafts"])
def test_every_built_download_validates_against_the_published_schema(
    build: str, site: Path, drafts_site: Path
) -> None:
    built = site if build == "published" else drafts_site
    validator = jsonschema.Draft202012Validator(published_schema(built))
    for slug in slugs(drafts=build == "drafts"):
        data = download(built, slug)
        errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(data)]
        assert errors == [], f"{slug}: {errors[:5]}"
        assert data["schema"] == SCHEMA_ID


def _with_first_count(data: dict[str, Any], cell: object) -> dict[str, Any]:
    """A copy of the download with its first count of a characteristic replaced."""
    changed = copy.deepcopy(data)
    for sample in changed["samples"].values():
        for counts in sample["attributes"].values():
            counts[next(iter(counts))] = cell
            return changed
    raise AssertionError("no count of a characteristic in the download")


@pytest.mark.parametrize(
    "cell",
    [
        "fewer than three",  # words in a count field: what version 2 published
        3,
        {"count": 3, "suppressed": "small-count"},  # a number and a marker at once
        {"count": None, "suppressed": None},
        {"count": None, "suppressed": "withheld"},  # not a reason the schema knows
        {"count": -1, "suppressed": None},
    ],
)
def test_the_schema_refuses_a_count_that_is_not_a_number_or_a_marker(
    site: Path, cell: object
) -> None:
    data = download(site, "brackenmoor-2022")
    validator = jsonschema.Draft202012Validator(published_schema(site))
    assert validator.is_valid(_with_first_count(data, {"count": 4, "suppressed": None}))
    bad = _with_first_count(data, cell)
    assert not validator.is_valid(bad)


def test_suppressed_counts_are_a_marker_beside_an_empty_count(site: Path) -> None:
    """Brackenmoor: two community resolutions (small), so the next smallest is withheld."""
    data = download(site, "brackenmoor-2022")
    assert data["samples"]["out-of-court"]["attributes"]["disposal_type"] == {
        "community-resolution": {"count": None, "suppressed": "small-count"},
        "youth-caution": {"count": 6, "suppressed": None},
        "youth-conditional-caution": {"count": None, "suppressed": "secondary"},
    }
    folder = site / pages.report_dir("brackenmoor-2022")
    table = rows(folder / pages.characteristics_name("brackenmoor-2022"))
    cells = {
        (r["sample"], r["characteristic"], r["value"]): (r["count"], r["suppressed"]) for r in table
    }
    assert cells[("out-of-court", "disposal_type", "community-resolution")] == ("", "small-count")
    assert cells[("out-of-court", "disposal_type", "youth-caution")] == ("6", "")
    assert cells[("out-of-court", "disposal_type", "youth-conditional-caution")] == (
        "",
        "secondary",
    )
    assert not [r for r in table if r["sample"] == "resettlement"]  # one case: never broken down
    words = {"fewer than three", "withheld"}  # what layout 2 put in count fields
    assert not words & set(_leaves(data["samples"]))
    for path in folder.glob("*.csv"):
        assert not words & {cell for row in rows(path) for cell in row.values()}, path.name


def _leaves(value: object) -> list[object]:
    if isinstance(value, dict):
        return [leaf for v in value.values() for leaf in _leaves(v)]
    return [value]


def test_csv_rows_name_their_inspection_and_keep_ids_as_quoted_text(
    site: Path, reports: dict[str, Report]
) -> None:
    for slug in slugs(drafts=False):
        meta = reports[slug].inspection.meta
        path = site / pages.report_dir(slug) / pages.csv_name(slug)
        table = rows(path)
        assert list(table[0]) == [c.name for c in QUESTION_COLUMNS]
        assert {(r["inspection"], r["service"], r["framework"]) for r in table} == {
            (slug, meta.service, meta.framework)
        }
        raw = path.read_bytes()[len(BOM) :].decode("utf-8")
        assert raw.endswith("\r\n")
        first = raw.splitlines()[1]
        assert first.startswith(f'"{slug}","{meta.service}","{meta.framework}","2.1","2.1.1",')
    characteristics = site / pages.report_dir(slug) / pages.characteristics_name(slug)
    assert list(rows(characteristics)[0]) == [c.name for c in CHARACTERISTIC_COLUMNS]


def _questions_workbook(slug: str) -> str:
    return pages.workbook_name(pages.csv_name(slug))


def _characteristics_workbook(slug: str) -> str:
    return pages.workbook_name(pages.characteristics_name(slug))


def _sheet(path: Path) -> list[list[Cell]]:
    """A workbook's only sheet, its cells as openpyxl reads them."""
    book = openpyxl.load_workbook(path)
    assert len(book.worksheets) == 1, path.name
    return [list(row) for row in book.worksheets[0].iter_rows()]


def _typed(value: str, column: Column) -> object:
    """A CSV cell as the column's declared type says it is."""
    if value == "":
        return None
    return int(value) if column.type == "integer" else value


def test_each_table_is_offered_as_a_workbook_whose_cells_keep_their_types(site: Path) -> None:
    """Excel reads the id '3.10' in a CSV as the number 3.1: in the workbook every id is
    a text cell, counts are numbers, and the rows are the CSV's, cell for cell."""
    tables = (
        (pages.csv_name, _questions_workbook, QUESTION_COLUMNS),
        (pages.characteristics_name, _characteristics_workbook, CHARACTERISTIC_COLUMNS),
    )
    for slug in slugs(drafts=False):
        folder = site / pages.report_dir(slug)
        for csv_name, book_name, columns in tables:
            sheet = _sheet(folder / book_name(slug))
            assert [c.value for c in sheet[0]] == [c.name for c in columns]
            assert all(c.font.bold for c in sheet[0])
            expected = [
                [_typed(r[c.name], c) for c in columns] for r in rows(folder / csv_name(slug))
            ]
            assert [[c.value for c in row] for row in sheet[1:]] == expected, slug
            for row in sheet[1:]:
                for cell, column in zip(row, columns, strict=True):
                    if cell.value is not None:
                        kind = "n" if column.type == "integer" else "s"
                        assert cell.data_type == kind, (slug, column.name, cell.value)


def test_a_workbook_reads_an_id_like_3_10_as_text_and_its_bytes_never_change(
    tmp_path: Path,
) -> None:
    """The id a CSV loses in Excel, through the workbook writer itself; the same table
    gives the same bytes (no clock in the zip or in the document's properties)."""
    columns = (Column("question", "string", "An id."), Column("count", "integer", "A count."))
    rows_in = [("3.10", 4), ("=1+2", None), ("2.1.1a", 0)]
    made = workbook("A table", dt.date(2022, 2, 15), "questions", columns, rows_in)
    assert made == workbook("A table", dt.date(2022, 2, 15), "questions", columns, rows_in)
    path = tmp_path / "table.xlsx"
    path.write_bytes(made)
    sheet = _sheet(path)
    first = sheet[1][0]
    assert first.value == "3.10" and first.data_type == "s"
    assert (sheet[2][0].value, sheet[2][0].data_type) == ("=1+2", "s")  # text, not a formula
    assert sheet[2][1].value is None and sheet[3][1].value == 0
    properties = openpyxl.load_workbook(path).properties
    assert properties.created == properties.modified == dt.datetime(2022, 2, 15)
    with zipfile.ZipFile(path) as archive:
        assert {i.date_time for i in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    with pytest.raises(TypeError, match="'count' holds integers"):
        workbook("A table", dt.date(2022, 2, 15), "q", columns, [("3.10", "4")])


def test_the_workbooks_of_two_builds_are_byte_identical(site: Path, drafts_site: Path) -> None:
    """A published report's workbooks are the same whether or not drafts were built,
    though the builds ran at different times."""
    for slug in slugs(drafts=False):
        for name in (_questions_workbook(slug), _characteristics_workbook(slug)):
            first = (site / pages.report_dir(slug) / name).read_bytes()
            assert first == (drafts_site / pages.report_dir(slug) / name).read_bytes()


def _frictionless_errors(descriptor: Path) -> list[str]:
    report = validate(str(descriptor))
    found = [e.message for e in report.errors]
    found += [f"{t.name}: {e.message}" for t in report.tasks for e in t.errors]
    return found


def test_each_report_and_the_archive_is_a_valid_data_package(site: Path) -> None:
    archive = json.loads((site / pages.PACKAGE).read_text(encoding="utf-8"))
    assert {r["path"] for r in archive["resources"]} == {
        f"{pages.report_dir(slug)}/{name(slug)}"
        for slug in slugs(drafts=False)
        for name in (
            pages.csv_name,
            _questions_workbook,
            pages.characteristics_name,
            _characteristics_workbook,
            pages.json_name,
        )
    }
    assert _frictionless_errors(site / pages.PACKAGE) == []
    for slug in slugs(drafts=False):
        package = site / pages.report_dir(slug) / pages.PACKAGE
        assert _frictionless_errors(package) == [], slug
        described = json.loads(package.read_text(encoding="utf-8"))
        table = next(r for r in described["resources"] if r["path"] == pages.csv_name(slug))
        fields = {f["name"]: f["type"] for f in table["schema"]["fields"]}
        assert fields["standard"] == fields["question"] == "string"  # '3.10' stays text
        assert fields["yes"] == "integer"
        assert table["encoding"] == "utf-8-sig"
        book = next(r for r in described["resources"] if r["path"] == _questions_workbook(slug))
        assert book["format"] == "xlsx" and book["schema"] == table["schema"]
        assert "encoding" not in book  # a workbook's text is UTF-8 by its own format


def test_a_changed_file_no_longer_matches_its_data_package(site: Path, tmp_path: Path) -> None:
    slug = "brackenmoor-2022"
    folder = shutil.copytree(site / pages.report_dir(slug), tmp_path / slug)
    path = folder / pages.csv_name(slug)
    path.write_bytes(path.read_bytes().replace(b",82,82\r\n", b",83,82\r\n", 1))
    assert _frictionless_errors(folder / pages.PACKAGE) != []


def test_the_data_dictionary_explains_every_column_and_field(site: Path) -> None:
    page = site / "data" / "index.html"
    doc = lxml_html.fromstring(page.read_bytes())
    explained = {
        (table.findtext("caption"), row.findtext("th/code"))
        for table in doc.iter("table")
        for row in table.iter("tr")
        if row.find("th/code") is not None
    }
    names = {name for _, name in explained}
    for column in (*QUESTION_COLUMNS, *CHARACTERISTIC_COLUMNS):
        assert column.name in names
    for field in schema()["properties"]:
        assert field in names
    for link in doc.iter("a"):
        href = link.get("href", "").partition("#")[0]
        if href and not href.startswith("http"):
            assert (page.parent / href).is_file(), href


def test_each_report_page_links_its_data_the_schema_and_the_dictionary(site: Path) -> None:
    for slug in slugs(drafts=False):
        page = site / pages.report_dir(slug) / "index.html"
        doc = lxml_html.fromstring(page.read_bytes())
        downloads = doc.find_class("downloads")[0]
        targets = {(page.parent / a.get("href")).resolve() for a in downloads.iter("a")}
        targets |= {
            (page.parent / a.get("href")).resolve()
            for note in doc.find_class("downloads-note")
            for a in note.iter("a")
        }
        wanted = {
            site / pages.report_dir(slug) / name
            for name in (
                pages.csv_name(slug),
                _questions_workbook(slug),
                pages.characteristics_name(slug),
                _characteristics_workbook(slug),
                pages.json_name(slug),
                pages.PACKAGE,
            )
        } | {site / "data" / FILE_NAME, site / "data" / "index.html"}
        assert {p.resolve() for p in wanted} <= targets
        assert all(t.is_file() for t in targets)


@pytest.fixture(scope="module")
def annual_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built_annual_project(tmp_path_factory) / ANNUAL_EXAMPLE / "site"


def test_the_annual_report_offers_its_ratings_as_a_data_package(annual_site: Path) -> None:
    folder = annual_site / "annual" / "2022"
    assert _frictionless_errors(folder / pages.PACKAGE) == []
    table = rows(folder / "annual-report-2022-ratings.csv")
    page = (folder / "index.html").read_text(encoding="utf-8")
    assert 'href="annual-report-2022-ratings.csv"' in page
    inspections = {r["inspection"] for r in table}
    assert len(inspections) == 33  # the period's inspections, as the report counts them
    for inspection in inspections:
        mine = [r for r in table if r["inspection"] == inspection]
        assert len({r["overall"] for r in mine}) == 1
        assert {r["standard"] for r in mine} >= {"1.1", "2.1", "3.1"}


def test_every_link_of_the_annual_site_works_from_disk(annual_site: Path) -> None:
    from tests.test_site_features import broken_links_from_disk

    assert broken_links_from_disk(annual_site) == []
