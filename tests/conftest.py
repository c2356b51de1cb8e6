"""Shared fixtures: the example content, loaded once, and editable copies of it."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from yjsreport.project import Report, load_reports

# A published build needs the site's address (mkdocs.yml reads it from here); the
# tests' builds, in this process and in the ones it starts, use this one.
os.environ.setdefault("YJSREPORT_SITE_URL", "https://inspections.example.org/")

ROOT = Path(__file__).resolve().parents[1]
CONTENT = ROOT / "content"
TEMPLATES = ROOT / "templates"
PUBLISHED = ROOT / "tests" / "published"


@pytest.fixture(scope="session")
def reports() -> dict[str, Report]:
    return {r.slug: r for r in load_reports(CONTENT, drafts=True)}


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
