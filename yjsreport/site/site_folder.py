"""Which folder a build may replace, and the record that says a build made it.

A site_dir that is (or holds) the project, the content, docs_dir or the templates is
refused, and so is a folder holding any file not listed in the record each build
leaves in it (`.yjsreport-site`), so that a mistyped site_dir can never delete an
author's files. The build (build.py) and the plugin (a bare `mkdocs build`) both ask
here, so this module imports neither.

The record lives in site/ because it must travel with the folder it vouches for (a
site folder copied or moved elsewhere is still known as a build's). It is published
with the site where a server serves site/ whole, and holds nothing private: the
paths, relative to site/, of the files beside it, which a reader can list by
following the site's own links; no build path, user, time or content. GitHub Pages
leaves it out (upload-pages-artifact v4 and later skip files whose names start with
a dot), as does the preview artifact (upload-artifact's default).
"""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from yjsreport.errors import Problem, display_path

PLUGIN = "yjsreport"
STAGING_PREFIX = ".site-build-"  # the folder a build writes into, beside site/
LOCK_NAME = ".site.lock"
RECORD_NAME = ".yjsreport-site"  # in site/: every file the build wrote there
RECORD_HEADER = (
    "# Files written by yjsreport build; a site folder without this record is never replaced\n"
)


def _site_files(folder: Path) -> set[str]:
    """Every file under `folder` (links not followed), as paths relative to it."""
    found: set[str] = set()
    for top, dirs, files in os.walk(folder):
        base = Path(top).relative_to(folder)
        found.update((base / name).as_posix() for name in files)
        found.update((base / name).as_posix() for name in dirs if (Path(top) / name).is_symlink())
    return found


def write_record(folder: Path) -> None:
    """The record of what a build wrote, kept in the site folder (the plugin writes it)."""
    files = sorted(_site_files(folder) - {RECORD_NAME})
    (folder / RECORD_NAME).write_text(RECORD_HEADER + "".join(f"{f}\n" for f in files), "utf-8")


def _recorded(folder: Path) -> set[str] | None:
    try:
        text = (folder / RECORD_NAME).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    if not text.startswith(RECORD_HEADER):
        return None
    return set(text[len(RECORD_HEADER) :].splitlines())


def site_folder_problem(config: MkDocsConfig, config_file: Path) -> Problem | None:
    """site_problem as a problem located at site_dir in mkdocs.yml."""
    problem = site_problem(config, config_file)
    if problem is None:
        return None
    return Problem(config_file, problem, _config_line(config_file, "site_dir"))


def site_problem(config: MkDocsConfig, config_file: Path) -> str | None:
    """Why the configured site folder may not be replaced by a build, if it may not."""
    site = Path(config.site_dir).resolve()
    shown = display_path(site)
    root = config_file.resolve().parent
    plugin = config.plugins[PLUGIN]
    plugin.root = root  # type: ignore[attr-defined]  # as on_config sets it; --content honoured
    outer = {"the project folder (where mkdocs.yml is)": root, "the working folder": Path.cwd()}
    kept = {
        **{name: folder.resolve() for name, folder in outer.items()},
        "docs_dir": Path(config.docs_dir).resolve(),
        "the content folder": plugin.content.resolve(),  # type: ignore[attr-defined]
        "the templates folder": plugin.templates.resolve(),  # type: ignore[attr-defined]
    }
    for name, folder in kept.items():
        if folder == site or folder.is_relative_to(site):
            which = "is" if folder == site else "holds"
            return (
                f"site_dir {shown!r} {which} {name}; the build replaces the whole "
                "site folder, so name a folder of its own, such as 'site'"
            )
        if name not in outer and site.is_relative_to(folder):
            return f"site_dir {shown!r} is inside {name}; name a folder such as 'site'"
    if not site.exists():
        return None
    if not site.is_dir():
        return f"site_dir {shown!r} is a file, not a folder; name a folder such as 'site'"
    present = _site_files(site)
    listed = _recorded(site)
    foreign = sorted(present - (listed or set()) - {RECORD_NAME, LOCK_NAME})
    if not foreign:
        return None
    named = ", ".join(foreign[:3]) + (f" and {len(foreign) - 3} more" if len(foreign) > 3 else "")
    record = "" if listed is not None else f" and no record of a build ({RECORD_NAME})"
    return (
        f"site_dir {shown!r} holds files the build did not write ({named}){record}; "
        "the build replaces the whole folder, so it stops here: move those files, or "
        "delete the folder if it is an old site"
    )


def _config_line(config_file: Path, key: str) -> int | None:
    try:
        lines = config_file.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    return next((n for n, line in enumerate(lines, 1) if line.startswith(f"{key}:")), None)
