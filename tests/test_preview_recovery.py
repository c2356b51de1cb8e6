"""The preview outlives broken content: one broken inspection shows its own
problems while the others render, a broken template says where it is, and the
next save that fixes a problem brings the page back."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import edit
from tests.test_preview import preview_build

BRK = Path("content/inspections/brackenmoor-2022")


def page(site: Path, slug: str) -> str:
    return (site / f"inspections/{slug}/index.html").read_text(encoding="utf-8")


def test_one_broken_inspection_leaves_the_others_in_the_preview(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(BRK / "cases/court.csv", ",Yes,", ",Yess,")
    site = tmp_path / "preview"
    preview_build(project, site)
    broken = page(site, "brackenmoor-2022")
    assert 'role="alert"' in broken
    assert f"{BRK / 'cases/court.csv'}:2:" in broken
    assert "expected Yes, No or N/A" in broken
    other = page(site, "fenwold-2020")
    assert 'role="alert"' not in other
    assert "Fenwold Youth Offending Service" in other

    edit(BRK / "cases/court.csv", ",Yess,", ",Yes,")  # the author saves the fix
    preview_build(project, site)
    assert 'role="alert"' not in page(site, "brackenmoor-2022")
    assert "Brackenmoor Youth Offending Team" in page(site, "brackenmoor-2022")


def test_a_broken_framework_shows_on_the_inspections_it_stops(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(Path("content/frameworks/2018.yaml"), '- id: "2.1.1b"', '- id: "2.1.1a"')
    site = tmp_path / "preview"
    preview_build(project, site)
    fenwold = page(site, "fenwold-2020")
    assert "content/frameworks/2018.yaml:" in fenwold
    assert "cannot be checked until framework 2018 loads" in fenwold
    assert 'role="alert"' not in page(site, "brackenmoor-2022")


def test_a_broken_template_says_where_and_the_preview_keeps_running(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    template = Path("templates/report/partials/findings.html")
    text = template.read_text(encoding="utf-8")
    template.write_text("{% if %}\n" + text, encoding="utf-8")
    site = tmp_path / "preview"
    preview_build(project, site)  # does not raise
    shown = page(site, "brackenmoor-2022").replace("&#39;", "'")
    assert 'role="alert"' in shown
    assert "TemplateSyntaxError" in shown and "findings.html:1" in shown
    assert "TemplateSyntaxError" in capsys.readouterr().err

    template.write_text(text, encoding="utf-8")
    preview_build(project, site)
    assert 'role="alert"' not in page(site, "brackenmoor-2022")
