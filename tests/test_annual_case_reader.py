"""Case rows are read in one place: the annual report gets its joint counts (the
cross-tabulations) from the reader that loads an inspection, so cases kept in a
workbook count exactly as cases kept in CSV files do."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.test_spreadsheet import csv_to_workbook
from yjsreport.annual.exhibit_names import build, every_name
from yjsreport.annual.model import AnnualReport
from yjsreport.annual.render import render_annual
from yjsreport.annual.site import load_annuals
from yjsreport.content.inspection import load_inspection
from yjsreport.framework.load import load_frameworks
from yjsreport.project import load_reports

EXAMPLE = ROOT / "examples" / "annual" / "content"
PACKAGE = ROOT / "yjsreport"
# The reader: the loading of an inspection, its case tables and their checks.
READERS = {
    "content/cases.py",
    "content/spreadsheet.py",
    "content/inspection.py",
    "content/workbook_checks.py",
}
# What reading case rows looks like in the source.
READING = re.compile(
    r"\bcsv\.(reader|DictReader)\b|\bload_workbook\(|\bread_csv\(|\bread_workbook\("
    r"|\bsample_tables\(|\bcount_sample(_and_ids)?\(|\bread_sample(_and_ids)?\("
    r"|\.glob\([\"']\*\.(csv|xlsx)[\"']\)"
)


def _annual(content: Path) -> AnnualReport:
    return load_annuals(content, load_reports(content), drafts=True)[0]


def test_no_module_but_the_reader_reads_case_files() -> None:
    # the pattern finds the reading the annual code once did on its own
    assert READING.search("rows = list(csv.DictReader(handle))")
    checked = 0
    for path in sorted(PACKAGE.rglob("*.py")):
        name = path.relative_to(PACKAGE).as_posix()
        if name in READERS:
            continue
        found = READING.search(path.read_text(encoding="utf-8"))
        assert found is None, f"{name} reads case files ({found.group(0)!r})"
        checked += 1
    assert checked > 100


def test_cases_in_workbooks_give_the_same_annual_report(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(EXAMPLE, content)
    before = _annual(content)
    converted = 0
    for cases in sorted((content / "inspections").glob("*/cases")):
        csv_to_workbook(cases)
        converted += 1
    assert converted >= 30 and not list((content / "inspections").glob("*/cases/*.csv"))
    after = _annual(content)
    assert after.figures.cells == before.figures.cells
    assert after.figures.safety_by_risk == before.figures.safety_by_risk
    assert after.figures.quality_groups == before.figures.quality_groups
    assert sum(before.figures.safety_by_risk.values()) > 500
    names = every_name(load_frameworks(EXAMPLE / "frameworks")[before.source.meta.framework])
    # the published report's exhibits 20, 21 and 36 are among them, with their tables
    for shown in ("disposal-types-as-published", "out-of-court-decisions", "caseload-profile"):
        assert shown in names and build(shown, after.figures).tables, shown
    for name in names:
        old, new = build(name, before.figures), build(name, after.figures)
        assert new.tables == old.tables, name
        assert [(c.name, c.title, c.alt) for c in new.charts] == [
            (c.name, c.title, c.alt) for c in old.charts
        ], name
    templates = ROOT / "templates"
    assert render_annual(after, templates) == render_annual(before, templates)


@pytest.mark.parametrize("kept", ["csv", "xlsx"])
def test_a_sample_without_cases_has_no_joint_counts(tmp_path: Path, kept: str) -> None:
    content = tmp_path / "content"
    shutil.copytree(EXAMPLE, content)
    cases = content / "inspections" / "fallowdale-2022" / "cases"
    court = cases / "court.csv"
    court.write_text(court.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    if kept == "xlsx":
        csv_to_workbook(cases)
    frameworks = load_frameworks(content / "frameworks")
    inspection = load_inspection(cases.parent, frameworks)
    counts = inspection.samples["court"]
    assert counts.cases == 0 and counts.pairs == {} and counts.joint == {}
    other = inspection.samples["out-of-court"]
    assert other.cases and ("rosh", "safety_wellbeing") in other.pairs
    assert sum(other.pairs[("rosh", "safety_wellbeing")].values()) == other.cases
