"""How the annual code is put together: one registry of exhibits that every consumer
goes through, and imports that run one way (the annual code never imports the site
or the command line, and the fictional-data generator is an authoring tool)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import ROOT
from yjsreport.annual.content import load_annual
from yjsreport.annual.exhibits.registry import ENTRIES, REGISTRY
from yjsreport.annual.model import AnnualFigures, collect_annuals
from yjsreport.project import load_reports

PACKAGE = ROOT / "yjsreport"
EXAMPLE = ROOT / "examples" / "annual" / "content"


def _imports(path: Path) -> set[str]:
    """Every module a file imports, at its top or inside a function."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


@pytest.fixture(scope="module")
def figures() -> AnnualFigures:
    reports = load_reports(EXAMPLE)
    # with everything the content gives an annual report: earlier years, themes
    annuals, problems = collect_annuals(EXAMPLE, reports, {"2018", "2021"})
    assert problems == []
    return annuals[0].figures


def test_the_annual_code_never_imports_the_site_or_the_command_line() -> None:
    files = sorted((PACKAGE / "annual").rglob("*.py"))
    assert len(files) > 15
    for path in files:
        upward = {m for m in _imports(path) if m.startswith(("yjsreport.site", "yjsreport.cli"))}
        assert not upward, f"{path.relative_to(ROOT)} imports {sorted(upward)}"


def test_the_generator_is_an_authoring_tool_the_reports_never_import() -> None:
    assert not (PACKAGE / "annual" / "generate.py").exists()
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.parent.name in {"authoring"} or path.name == "cli.py":
            continue
        assert "yjsreport.authoring.fictional" not in _imports(path), path


def test_every_exhibit_is_declared_once_and_its_entry_says_what_it_shows(
    figures: AnnualFigures,
) -> None:
    assert len(REGISTRY) == len(ENTRIES), "an exhibit id is declared twice"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for spec in ENTRIES:
        assert f"`{spec.id}`" in readme, f"the README does not list {spec.id}"
        exhibit = spec(figures)
        assert exhibit.id == spec.id
        assert exhibit.tables, spec.id  # the example has data for every exhibit
        assert bool(exhibit.charts) == (spec.shows == "chart and table"), spec.id
        assert spec.title in exhibit.heading or spec.id == "ratings-matrix", spec.id


def test_a_chapter_may_name_only_a_declared_exhibit(tmp_path: Path) -> None:
    from yjsreport.errors import ContentError

    folder = tmp_path / "2022"
    (folder / "chapters").mkdir(parents=True)
    source = EXAMPLE / "annual" / "2022" / "annual.yaml"
    (folder / "annual.yaml").write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "chapters" / "01-one.md").write_text(
        "---\ntitle: One\nexhibits: [surveys, ratings-matrx]\n---\n\nText.\n", encoding="utf-8"
    )
    with pytest.raises(ContentError) as caught:
        load_annual(folder, {"2018", "2021"})
    message = str(caught.value)
    assert "01-one.md:3:" in message
    assert "got 'ratings-matrx'" in message and "ratings-matrix" in message
