"""Building the example site in a scratch copy of the project.

Tests never build into the working tree's site/: other people (and other tests)
use it. Each distinct build is made once per test session and shared.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.shared_builds import shared_folder
from yjsreport.content.inspection import find_inspections, is_draft_folder
from yjsreport.project import load_reports
from yjsreport.render.cache_files import CACHE_FOLDER

ROOT = Path(__file__).resolve().parents[2]
CONTENT = ROOT / "content"
PROJECT_FILES = ("content", "templates", "mkdocs.yml")
BUILD_TIMEOUT = 600  # seconds; the PDFs take a few seconds each

# The builds the page checks cover: the published site and the drafts preview, both
# without PDFs (PDFs are slow and have their own tests), and the drafts build with PDFs,
# whose pages also link to them. Each is made once per session and shared.
BUILDS: dict[str, tuple[str, ...]] = {
    "published": ("--no-pdf",),
    "drafts": ("--no-pdf", "--drafts"),
    "with-pdf": ("--drafts",),
}

_built: dict[tuple[str, ...], Path] = {}

ANNUAL_EXAMPLE = Path("examples/annual")  # its own mkdocs.yml, content and site/
ANNUAL_CONFIG = f"{ANNUAL_EXAMPLE}/mkdocs.yml"
_annual_built: dict[str, Path] = {}


def copy_project(dest: Path) -> Path:
    """Content, templates and config: all a build reads."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, dest / name)
        else:
            shutil.copy(source, dest / name)
    return dest


def run_build(project: Path, *options: str) -> subprocess.CompletedProcess[str]:
    """`yjsreport build` as an author runs it, in its own process, from the project folder."""
    return subprocess.run(
        [sys.executable, "-m", "yjsreport", "build", *options],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=BUILD_TIMEOUT,
        check=False,
    )


def built_site(factory: pytest.TempPathFactory, *options: str) -> Path:
    """The site/ of a build with these options, made once per session."""
    key = tuple(sorted(options))
    if key not in _built:
        name = "site-" + ("-".join(o.lstrip("-") for o in key) or "default")

        def make(project: Path) -> None:
            copy_project(project)
            done = run_build(project, *options)
            assert done.returncode == 0, f"build {options} failed:\n{done.stdout}\n{done.stderr}"

        _built[key] = shared_folder(factory, name, make) / "site"
    return _built[key]


def built_annual_project(factory: pytest.TempPathFactory) -> Path:
    """A scratch project holding the annual example (with the templates and frameworks
    it reads) and its site, built without PDFs, made once per session: the site is
    `ANNUAL_EXAMPLE / "site"` in it. Read it only; a test that edits copies it."""
    if "annual" not in _annual_built:
        _annual_built["annual"] = shared_folder(factory, "annual-example", _build_annual)
    return _annual_built["annual"]


def _build_annual(project: Path) -> None:
    shutil.copytree(ROOT / "templates", project / "templates")
    shutil.copytree(ROOT / "content" / "frameworks", project / "content" / "frameworks")
    shutil.copytree(
        ROOT / ANNUAL_EXAMPLE,
        project / ANNUAL_EXAMPLE,
        symlinks=True,  # its frameworks folder is a link to the project's
        ignore=shutil.ignore_patterns("site"),
    )
    done = run_build(project, "--no-pdf", "--config", ANNUAL_CONFIG)
    assert done.returncode == 0, f"annual build failed:\n{done.stdout}\n{done.stderr}"


def own_copy(project: Path, dest: Path) -> Path:
    """A copy of a built project (its site and build record included) for a test that
    edits it and builds again: the shared one stays as built. The PDF cache is left
    behind, so the copy renders what it renders, as a new clone would."""
    shutil.copytree(
        project,
        dest,
        symlinks=True,
        dirs_exist_ok=True,
        ignore=shutil.ignore_patterns(CACHE_FOLDER),
    )
    return dest


def slugs(*, drafts: bool) -> list[str]:
    """Inspection folders, read from the content rather than hard-coded, so a new
    inspection is checked without editing the tests."""
    return [
        folder.name for folder in find_inspections(CONTENT) if drafts or not is_draft_folder(folder)
    ]


def draft_slugs() -> list[str]:
    return [folder.name for folder in find_inspections(CONTENT) if is_draft_folder(folder)]


def page_paths(*, drafts: bool) -> list[str]:
    """Every HTML page a build should write: the home page, the accessibility statement,
    the search page, the data dictionary and one per report, with its data annex and
    glossary where its format has them."""
    beside = {
        r.slug for r in load_reports(CONTENT, drafts=drafts) if r.inspection.format.data_annex
    }
    return [
        "index.html",
        "accessibility/index.html",
        "search/index.html",
        "data/index.html",
        *(
            path
            for slug in slugs(drafts=drafts)
            for path in (
                f"inspections/{slug}/index.html",
                *(
                    (
                        f"inspections/{slug}/data-annex/index.html",
                        f"inspections/{slug}/glossary/index.html",
                    )
                    if slug in beside
                    else ()
                ),
            )
        ),
    ]


def pages_of(builds: list[str]) -> list[tuple[str, str]]:
    """(build, page path) for every page of those builds."""
    return [
        (build, path) for build in builds for path in page_paths(drafts="--drafts" in BUILDS[build])
    ]


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file's bytes (and every folder, as empty bytes), keyed by relative path."""
    return {
        path.relative_to(folder).as_posix() + ("/" if path.is_dir() else ""): (
            b"" if path.is_dir() else path.read_bytes()
        )
        for path in sorted(folder.rglob("*"))
    }
