"""Building the site so that a failure never leaves a half-written site/.

MkDocs writes into a fresh folder beside site/; only when the whole build
(pages, downloads, PDFs) has succeeded is it swapped in place of the old one.
A lock file beside site/ makes a second build wait for the first, so two builds
never interleave their swaps; SIGTERM and SIGINT remove the staging folder on
the way out, and folders left by a build that was killed outright are removed
by the next one.

The site folder is replaced whole, so it must be one the build made: a site_dir that
is (or holds) the project, the content, docs_dir or the templates is refused, and
so is a folder holding any file not listed in the record each build leaves in it
(`.yjsreport-site`), so that a mistyped site_dir can never delete an author's files.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import threading
from collections.abc import Iterator
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, cast

from filelock import FileLock
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import ConfigurationError

from yjsreport.errors import ContentError, Problem, display_path

if TYPE_CHECKING:
    from yjsreport.site.plugin import InspectionsPlugin

PLUGIN = "yjsreport"
STAGING_PREFIX = ".site-build-"
OLD_PREFIX = ".site-old-"
LOCK_NAME = ".site.lock"
RECORD_NAME = ".yjsreport-site"  # in site/: every file the build wrote there
RECORD_HEADER = (
    "# Files written by yjsreport build; a site folder without this record is never replaced\n"
)


class Interrupted(BaseException):
    """A signal asked the build to stop; the staging folder is cleaned up on the way."""


@contextlib.contextmanager
def _exclusive(folder: Path) -> Iterator[None]:
    """Hold the build lock beside site/ (waits while another build holds it). filelock
    takes an OS lock on Linux, macOS and Windows alike, released if the build dies."""
    folder.mkdir(parents=True, exist_ok=True)
    with FileLock(folder / LOCK_NAME):
        yield


@contextlib.contextmanager
def _signals_interrupt() -> Iterator[None]:
    """SIGTERM and SIGINT raise Interrupted, so `finally` blocks run (main thread only)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum: int, frame: FrameType | None) -> None:
        raise Interrupted(signal.Signals(signum).name)

    previous = {s: signal.signal(s, stop) for s in (signal.SIGTERM, signal.SIGINT)}
    try:
        yield
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)


def _remove_leftovers(folder: Path) -> None:
    """Staging and old folders of builds that were killed (we hold the lock)."""
    for entry in folder.iterdir():
        if entry.name.startswith((STAGING_PREFIX, OLD_PREFIX)) and entry.is_dir():
            shutil.rmtree(entry, ignore_errors=True)


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


def build_site(config_file: Path, *, drafts: bool = False, pdf: bool = True) -> Path:
    """Build into a temporary folder, then replace the configured site folder."""
    try:
        probe = load_config(str(config_file))
    except ConfigurationError as exc:  # MkDocs has logged each error in the file
        message = " ".join(str(exc).split())
        raise ContentError(
            [Problem(config_file, f"is not a valid configuration: {message}")]
        ) from exc
    if PLUGIN not in probe.plugins:
        raise ContentError(
            [Problem(config_file, f"does not use the {PLUGIN} plugin: add it under 'plugins:'")]
        )
    problem = site_folder_problem(probe, config_file)
    if problem is not None:
        raise ContentError([problem])
    final = Path(probe.site_dir)
    staging = final.parent / f"{STAGING_PREFIX}{os.getpid()}"
    previous = final.parent / f"{OLD_PREFIX}{os.getpid()}"
    with _signals_interrupt(), _exclusive(final.parent):
        _remove_leftovers(final.parent)
        config = load_config(str(config_file), site_dir=str(staging))
        plugin = cast("InspectionsPlugin", config.plugins[PLUGIN])
        plugin.config.drafts = drafts
        plugin.config.pdf = pdf
        plugin.staged = True  # the final folder is checked above
        try:
            config.plugins.on_startup(command="build", dirty=False)
            try:
                build(config)
            finally:
                config.plugins.on_shutdown()
            if final.exists():
                final.rename(previous)
            staging.rename(final)
        except BaseException:
            if previous.exists() and not final.exists():
                previous.rename(final)
            shutil.rmtree(staging, ignore_errors=True)
            raise
        finally:
            shutil.rmtree(previous, ignore_errors=True)
    return final
