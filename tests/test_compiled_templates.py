"""The compiled-template cache (issue 13) saves compiling, and never serves old code."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from jinja2 import Environment, FileSystemLoader

from yjsreport.render.cache_files import machine_key
from yjsreport.render.compiled_templates import CACHE_FOLDER, compiled_templates


def _render(project: Path, **settings: bool) -> str:
    """A fresh environment each time, as a new build process would have."""
    env = Environment(
        loader=FileSystemLoader(str(project / "templates")),
        bytecode_cache=compiled_templates(project),
        **settings,
    )
    return env.get_template("page.html").render(name="<b>")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates/page.html").write_text("{% if 1 %}\nHello {{ name }}\n{% endif %}\n")
    return tmp_path


def test_a_second_build_loads_the_compiled_code(project: Path) -> None:
    first = _render(project)
    entries = list((project / CACHE_FOLDER / "templates").iterdir())
    assert len(entries) == 1
    os.utime(entries[0], ns=(0, 0))  # mark the entry: a rewrite would change its time
    assert _render(project) == first
    assert entries[0].stat().st_mtime_ns == 0


def test_an_edited_template_is_compiled_again(project: Path) -> None:
    assert _render(project).strip() == "Hello <b>"
    (project / "templates/page.html").write_text("Goodbye {{ name }}\n")
    assert _render(project) == "Goodbye <b>"


def test_environments_with_other_settings_do_not_share_code(project: Path) -> None:
    plain = _render(project)
    trimmed = _render(project, trim_blocks=True)
    escaped = _render(project, trim_blocks=True, autoescape=True)
    assert (plain, trimmed, escaped) == ("\nHello <b>\n", "Hello <b>\n", "Hello &lt;b&gt;\n")
    assert len(list((project / CACHE_FOLDER / "templates").iterdir())) == 3


def test_a_folder_that_cannot_be_written_only_skips_the_cache(project: Path) -> None:
    (project / CACHE_FOLDER).write_text("a file where the folder would be")
    assert compiled_templates(project) is None
    assert _render(project).strip() == "Hello <b>"

    (project / CACHE_FOLDER).unlink()
    cache = compiled_templates(project)
    assert cache is not None
    Path(cache.directory).rmdir()
    Path(cache.directory).write_text("the folder went away while the build ran")
    env = Environment(loader=FileSystemLoader(str(project / "templates")), bytecode_cache=cache)
    assert env.get_template("page.html").render(name="x").strip() == "Hello x"


@pytest.mark.parametrize("keep", [0, 3, 12, 30])
def test_an_entry_cut_short_is_compiled_again(project: Path, keep: int) -> None:
    first = _render(project)
    (entry,) = (project / CACHE_FOLDER / "templates").iterdir()
    entry.write_bytes(entry.read_bytes()[:keep])
    assert _render(project) == first


def test_an_entry_made_elsewhere_is_never_run(
    project: Path, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Compiled code committed into a project's cache (git add -f) would run in every
    build: entries are keyed with a random key kept outside the project, so one made
    on another machine (here: under another user's cache folder) never matches."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("other-machine")))
    machine_key.cache_clear()
    _render(project)
    (planted,) = (project / CACHE_FOLDER / "templates").iterdir()
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("this-machine")))
    machine_key.cache_clear()
    try:
        assert _render(project).strip() == "Hello <b>"
        entries = sorted((project / CACHE_FOLDER / "templates").iterdir())
        assert len(entries) == 2 and planted in entries  # compiled afresh, under its own key
        key = Path(os.environ["XDG_CACHE_HOME"]) / "yjsreport/cache-key"
        assert key.stat().st_mode & 0o777 == 0o600
    finally:
        machine_key.cache_clear()
