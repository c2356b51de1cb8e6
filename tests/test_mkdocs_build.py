"""`mkdocs build` and `yjsreport build` give the same site: the work is the plugin's."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from tests.browser.project import BUILD_TIMEOUT, ROOT, built_site, copy_project, snapshot
from yjsreport.site.site_folder import RECORD_HEADER, RECORD_NAME


def mkdocs_build(project: Path) -> subprocess.CompletedProcess[str]:
    """Plain `mkdocs build`, as someone who never heard of our CLI would run it."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--quiet"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=BUILD_TIMEOUT,
        check=False,
    )


def test_mkdocs_build_equals_yjsreport_build(
    tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    ours = built_site(tmp_path_factory)  # `yjsreport build`: published only, with PDFs
    project = copy_project(tmp_path / "plain")
    done = mkdocs_build(project)
    assert done.returncode == 0, done.stderr
    theirs = snapshot(project / "site")
    assert sorted(theirs) == sorted(snapshot(ours))
    assert theirs == snapshot(ours)
    assert any(name.endswith(".pdf") for name in theirs)


def test_mkdocs_build_shows_content_problems(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "broken")
    path = project / "content/inspections/brackenmoor-2022/report/1.1.md"
    path.write_text(path.read_text(encoding="utf-8").replace("rating: Good", "rating: Goood"))
    done = mkdocs_build(project)
    assert done.returncode != 0
    assert "content/inspections/brackenmoor-2022/report/1.1.md:4:9: rating: expected" in (
        done.stderr
    )
    assert not (project / "site").exists()


@pytest.mark.pdf
def test_mkdocs_build_with_a_failing_pdf_leaves_the_previous_site(tmp_path: Path) -> None:
    """The PDFs are made before MkDocs empties site/, so a PDF that cannot be made
    stops a bare `mkdocs build` with the previous site as it was."""
    project = copy_project(tmp_path / "pdf-fails")
    previous = project / "site"
    (previous / "inspections").mkdir(parents=True)
    (previous / "index.html").write_text("<p>The site as published yesterday.</p>\n")
    (previous / RECORD_NAME).write_text(f"{RECORD_HEADER}index.html\n")  # a build wrote it
    before = snapshot(previous)
    document = project / "templates/print/document.html"
    document.write_text(
        document.read_text(encoding="utf-8").replace(
            "</head>", '<link rel="stylesheet" href="https://fonts.example.invalid/x.css">\n</head>'
        ),
        encoding="utf-8",
    )
    done = mkdocs_build(project)
    assert done.returncode != 0
    assert "https://fonts.example.invalid/x.css" in done.stderr
    assert snapshot(previous) == before


def _imported(module: Path) -> set[str]:
    """Every module a source file imports, at the top or inside a function."""
    tree = ast.parse(module.read_text(encoding="utf-8"))
    found = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module}
    found |= {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    return found


def test_imports_run_one_way_from_the_site_folder_check_to_the_build() -> None:
    """build.py drives the plugin, so the plugin never imports build.py (not even
    lazily): the site-folder check and the build record are below both."""
    site = ROOT / "yjsreport/site"
    assert "yjsreport.site.build" not in _imported(site / "plugin.py")
    below = _imported(site / "site_folder.py")
    assert not {m for m in below if m.startswith("yjsreport.site.")}, below
    assert "yjsreport.site.site_folder" in _imported(site / "build.py")


def test_the_build_record_holds_only_the_names_of_the_sites_own_files(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """The record is in site/ (it travels with the folder it vouches for), so a server
    that serves site/ whole serves it: it names the files beside it, relative to
    site/, and nothing else (no build path, no time)."""
    site = built_site(tmp_path_factory, "--no-pdf")
    text = (site / RECORD_NAME).read_text(encoding="utf-8")
    assert text.startswith(RECORD_HEADER)
    listed = text[len(RECORD_HEADER) :].splitlines()
    files = sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())
    assert listed == [f for f in files if f != RECORD_NAME]
    assert str(site.parent) not in text and str(Path.home()) not in text
