"""Building the site so that a failure never leaves a half-written site/.

MkDocs writes into a fresh folder beside site/; only when the whole build
(pages, downloads, PDFs) has succeeded is it swapped in place of the old one.
A lock file beside site/ makes a second build wait for the first, so two builds
never interleave their swaps; SIGTERM and SIGINT remove the staging folder on
the way out, and folders left by a build that was killed outright are removed
by the next one.

The site folder is replaced whole, so it must be one the build made (see
site_folder.py, which the plugin also asks before a bare `mkdocs build`).
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
from mkdocs.exceptions import ConfigurationError

from yjsreport.errors import ContentError, Problem
from yjsreport.site.site_folder import LOCK_NAME, PLUGIN, STAGING_PREFIX, site_folder_problem

if TYPE_CHECKING:
    from yjsreport.site.plugin import InspectionsPlugin

OLD_PREFIX = ".site-old-"


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
