"""Under `yjsreport serve`, a problem in an annual report shows on its page in the
browser, as a broken inspection's does, the inspections still render, and the
next save that fixes it brings the report back."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import ROOT, edit, line_of
from tests.test_preview import preview_build

CHAPTER = Path("content/annual/2022/chapters/04-court-work.md")


@pytest.fixture
def example(tmp_path: Path) -> Path:
    """A scratch copy of the annual example and what its configuration reads."""
    shutil.copytree(ROOT / "templates", tmp_path / "templates")
    shutil.copytree(
        ROOT / "examples" / "annual",
        tmp_path / "examples" / "annual",
        ignore=shutil.ignore_patterns("site"),
    )
    return tmp_path / "examples" / "annual"


def _page(site: Path, src: str) -> str:
    return (site / src / "index.html").read_text(encoding="utf-8").replace("&#39;", "'")


def test_a_broken_annual_report_shows_its_problem_and_recovers(
    example: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    chapter = example / CHAPTER
    good = "{{ crosstab.mappa.none.2.3.3.percent }}"
    edit(chapter, good, "{{ crosstab.mappa.nobody.2.3.3.percent }}")
    line = line_of(chapter, "crosstab.mappa.nobody")
    site = tmp_path / "preview"
    preview_build(example, site)
    shown = _page(site, "annual/2022")
    assert 'role="alert"' in shown
    assert f"04-court-work.md:{line}:" in shown and "unknown cell 'nobody.2.3.3.percent'" in shown
    assert "unknown cell" in capsys.readouterr().err  # and in the terminal
    inspection = next((site / "inspections").iterdir())
    assert 'role="alert"' not in (inspection / "index.html").read_text(encoding="utf-8")

    edit(chapter, "{{ crosstab.mappa.nobody.2.3.3.percent }}", good)  # the author saves the fix
    preview_build(example, site)
    shown = _page(site, "annual/2022")
    assert 'role="alert"' not in shown
    assert (
        "Annual report 2022" in shown and (site / "annual/2022/charts/quality-mappa.svg").is_file()
    )


def test_a_broken_annual_template_says_where_and_the_preview_keeps_running(
    example: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    template = example.parents[1] / "templates" / "annual" / "exhibit.html"
    text = template.read_text(encoding="utf-8")
    template.write_text("{% if %}\n" + text, encoding="utf-8")
    site = tmp_path / "preview"
    preview_build(example, site)  # does not raise
    shown = _page(site, "annual/2022")
    assert 'role="alert"' in shown and "TemplateSyntaxError" in shown

    template.write_text(text, encoding="utf-8")
    preview_build(example, site)
    assert 'role="alert"' not in _page(site, "annual/2022")
