"""Shared fixtures: the example content, loaded once, and editable copies of it."""

from __future__ import annotations

import os
import shutil
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from yjsreport.project import Report, load_reports

if TYPE_CHECKING:  # the PDF code is imported by the fixtures that write PDFs, not here
    from tests.example_pdfs import AnnualPdf, ReportPdfs

# A published build needs the site's address (mkdocs.yml reads it from here); the
# tests' builds, in this process and in the ones it starts, use this one.
os.environ.setdefault("YJSREPORT_SITE_URL", "https://inspections.example.org/")

ROOT = Path(__file__).resolve().parents[1]
CONTENT = ROOT / "content"
TEMPLATES = ROOT / "templates"
PUBLISHED = ROOT / "tests" / "published"
ANNUAL_EXAMPLE = ROOT / "examples" / "annual" / "content"


@pytest.fixture(scope="session")
def reports() -> dict[str, Report]:
    return {r.slug: r for r in load_reports(CONTENT, drafts=True)}


# -- the examples' PDFs, written once per session for the tests that only read them ----


@pytest.fixture(scope="session")
def content_pdfs(tmp_path_factory: pytest.TempPathFactory) -> ReportPdfs:
    """The example inspections' PDFs (drafts included) and their data annexes, as the
    drafts build of the site publishes them (built once a session, for its tests too)."""
    from tests.browser.project import built_site
    from tests.example_pdfs import published_report_pdfs

    return published_report_pdfs(CONTENT, built_site(tmp_path_factory, "--drafts"))


@pytest.fixture(scope="session")
def annual_example_pdfs(tmp_path_factory: pytest.TempPathFactory) -> ReportPdfs:
    """The annual example's inspections as PDFs."""
    from tests.example_pdfs import report_pdfs_in, write_report_pdfs
    from tests.shared_builds import shared_folder

    make = partial(write_report_pdfs, ANNUAL_EXAMPLE, TEMPLATES)
    folder = shared_folder(tmp_path_factory, "annual-example-pdfs", make)
    return report_pdfs_in(ANNUAL_EXAMPLE, folder)


@pytest.fixture(scope="session")
def annual_pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[Path, list[AnnualPdf]]:
    """Every annual report the examples hold, as PDFs, by content folder: the project's
    content, then the annual example."""
    from tests.example_pdfs import annual_pdfs_in, write_annual_pdfs
    from tests.shared_builds import shared_folder

    out = {}
    for content, name in (
        (CONTENT, "annual-pdfs-content"),
        (ANNUAL_EXAMPLE, "annual-pdfs-example"),
    ):
        make = partial(write_annual_pdfs, content, TEMPLATES)
        folder = shared_folder(tmp_path_factory, name, make)
        out[content] = annual_pdfs_in(content, TEMPLATES, folder)
    return out


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A scratch copy of the project's content, templates and config, as the cwd."""
    shutil.copytree(CONTENT, tmp_path / "content")
    shutil.copytree(TEMPLATES, tmp_path / "templates")
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def edit(path: Path, old: str, new: str) -> None:
    """Replace text that must be there: a test that edits nothing proves nothing."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not found in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {path}")
