"""`yjsreport build` as an author uses it: drafts stay out of the published site and are
marked when asked for, a content error stops the build with its place and leaves the
previous site exactly as it was, and the same content always gives the same bytes."""

from __future__ import annotations

import csv
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.browser.pages import parse, rating_text, table_by_caption, text
from tests.browser.project import (
    CONTENT,
    built_site,
    copy_project,
    draft_slugs,
    run_build,
    slugs,
    snapshot,
)
from yjsreport.content.inspection import find_inspections
from yjsreport.project import load_reports

TEXT_SUFFIXES = {".html", ".json", ".csv", ".xml", ".css", ".js", ".txt"}
LOCATED = re.compile(r"^(?P<file>[^\s:]+):(?P<line>\d+):(?P<col>\d+): \S")


@pytest.fixture(scope="module")
def published_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built_site(tmp_path_factory, "--no-pdf")


@pytest.fixture(scope="module")
def drafts_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built_site(tmp_path_factory, "--no-pdf", "--drafts")


def draft_names() -> dict[str, str]:
    """slug -> service name of every draft, as the content gives them."""
    drafts = set(draft_slugs())
    return {r.slug: r.inspection.meta.service for r in load_reports(CONTENT) if r.slug in drafts}


def test_the_example_content_has_a_draft() -> None:
    """Without one, the draft tests below would prove nothing."""
    assert draft_slugs(), "no inspection under content/ has status: draft"


def test_published_build_leaves_out_drafts(published_site: Path) -> None:
    names = draft_names()
    built = {p.name for p in (published_site / "inspections").iterdir()}
    assert built == set(slugs(drafts=False))
    for path in published_site.rglob("*"):
        if path.suffix in TEXT_SUFFIXES:
            content = path.read_text(encoding="utf-8")
            for slug, service in names.items():
                assert slug not in content, f"{path.name} mentions draft {slug}"
                assert service not in content, f"{path.name} mentions draft {service}"
    home = parse(published_site / "index.html")
    assert not home.find_class("draft-tag")
    assert not home.find_class("draft-strip")


def test_drafts_build_includes_drafts_with_a_banner(drafts_site: Path) -> None:
    drafts = set(draft_slugs())
    assert {p.name for p in (drafts_site / "inspections").iterdir()} == set(slugs(drafts=True))
    for slug in slugs(drafts=True):
        doc = parse(drafts_site / "inspections" / slug / "index.html")
        banners = doc.find_class("draft-banner") + doc.find_class("draft-strip")
        if slug in drafts:
            assert len(banners) == 2, f"{slug}: expected the page strip and the report banner"
            assert all("Draft" in text(b) for b in banners)
        else:
            assert not banners, f"published {slug} is marked as a draft"


def test_drafts_are_tagged_on_the_home_page(drafts_site: Path) -> None:
    home = parse(drafts_site / "index.html")
    table = table_by_caption(home, "Inspection reports, including drafts, newest first")
    names = draft_names()
    rows = {text(tr.find("th"), skip=("draft-tag",)): tr for tr in table.xpath("./tbody/tr")}
    for report in load_reports(CONTENT):
        row = rows[report.inspection.meta.service]
        tagged = bool(row.find_class("draft-tag"))
        assert tagged == (report.slug in names), report.slug
        assert rating_text(row.findall("td")[-1]) == report.result.overall.value


def located_lines(stderr: str) -> list[re.Match[str]]:
    return [m for line in stderr.splitlines() if (m := LOCATED.match(line))]


def break_prose(project: Path) -> tuple[Path, int, int]:
    """A data reference the data cannot answer, appended to a published report's prose.
    Returns the file, line and column of the reference."""
    slug = slugs(drafts=False)[0]
    part = sorted((project / "content" / "inspections" / slug / "report").glob("*.md"))[-1]
    lines = part.read_text(encoding="utf-8").splitlines()
    number = max(i for i, line in enumerate(lines) if line.strip()) + 1
    lines[number - 1] += " See {{ 9.9.9z }}."
    part.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return part, number, lines[number - 1].rindex("{{") + 1


def break_case_data(project: Path) -> tuple[Path, int, int]:
    """An answer that is not Yes, No or N/A in a published inspection's case data."""
    slug = slugs(drafts=False)[0]
    folder = project / "content" / "inspections" / slug / "cases"
    sample = max(folder.glob("*.csv"), key=lambda p: len(p.read_text(encoding="utf-8")))
    lines = sample.read_text(encoding="utf-8").splitlines()
    row = next(csv.reader([lines[1]]))
    answer = max(i for i, cell in enumerate(row) if cell in ("Yes", "No"))
    column = len(",".join(row[:answer])) + 2
    row[answer] = "Maybe"
    lines[1] = ",".join(row)
    sample.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return sample, 2, column


@pytest.mark.parametrize("breakage", [break_prose, break_case_data], ids=["prose", "case-data"])
def test_failed_build_is_located_and_leaves_the_site_untouched(
    project: Path, breakage: Callable[[Path], tuple[Path, int, int]]
) -> None:
    first = run_build(project, "--no-pdf")
    assert first.returncode == 0, first.stderr
    before = snapshot(project / "site")
    assert "index.html" in before

    broken, line, column = breakage(project)
    failed = run_build(project, "--no-pdf")

    assert failed.returncode != 0
    where = broken.relative_to(project).as_posix()
    located = located_lines(failed.stderr)
    assert any(
        (m["file"], int(m["line"]), int(m["col"])) == (where, line, column) for m in located
    ), f"expected a '{where}:{line}:{column}: ...' message; stderr was:\n{failed.stderr}"
    assert snapshot(project / "site") == before, "the failed build changed site/"
    leftovers = [p.name for p in project.iterdir() if p.name.startswith(".site-")]
    assert not leftovers, f"the failed build left {leftovers}"


def test_failed_first_build_writes_no_site(project: Path) -> None:
    break_prose(project)
    failed = run_build(project, "--no-pdf")
    assert failed.returncode != 0
    assert not (project / "site").exists()
    assert not [p for p in project.iterdir() if p.name.startswith(".site-")]


def test_build_is_byte_identical(tmp_path: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Twice in one place, and once elsewhere: no clock, path or ordering leaks in.
    PDFs included, as the published site has them."""
    elsewhere = snapshot(built_site(tmp_path_factory, "--drafts"))
    project = copy_project(tmp_path / "again")
    first = run_build(project, "--drafts")
    assert first.returncode == 0, first.stderr
    once = snapshot(project / "site")
    second = run_build(project, "--drafts")
    assert second.returncode == 0, second.stderr
    twice = snapshot(project / "site")

    assert any(name.endswith(".pdf") for name in once), "no PDF was built"
    assert sorted(once) == sorted(twice)
    assert [n for n in once if once[n] != twice[n]] == []
    assert sorted(once) == sorted(elsewhere)
    assert [n for n in once if once[n] != elsewhere[n]] == []


def test_every_inspection_folder_is_accounted_for() -> None:
    """Published and draft together are every inspection: none silently dropped."""
    every = {folder.name for folder in find_inspections(CONTENT)}
    assert set(slugs(drafts=True)) == every
    assert set(slugs(drafts=False)) | set(draft_slugs()) == every
