"""One folder per shared build for the whole test session, however many processes run it.

`bash .ci/test` runs the suite in two or more pytest-xdist workers, each a process with
its own temporary folder and its own session fixtures. A build that many tests only read
(an example site, the examples' PDFs) would then be made once per worker: on the 2-core
machines CI runs on, the second copy costs as much as the parallel run saves. So such a
build is made in a folder every worker of the session shares, by the first worker that
asks for it, while any other that asks waits on a lock; run without workers (plain
`pytest`), the folder is the session's own, as before.

A build that fails leaves no mark that it is done, so each worker that asks for it tries
it again and fails with its own message, rather than reading a half-made folder.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from filelock import FileLock


def session_root(factory: pytest.TempPathFactory) -> Path:
    """The folder every process of this test session can see: pytest-xdist gives each
    worker `…/pytest-N/popen-gwK/`, so the shared one is its parent."""
    base = factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


def shared_folder(factory: pytest.TempPathFactory, name: str, make: Callable[[Path], None]) -> Path:
    """`name`'s folder, filled by `make` once for the session (by whichever process asks
    first). `make` must write only into the folder it is given."""
    folder = session_root(factory) / "shared" / name
    folder.parent.mkdir(parents=True, exist_ok=True)
    done = folder.parent / f"{name}.done"
    with FileLock(folder.parent / f"{name}.lock"):
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)  # left by a build that failed
            folder.mkdir()
            make(folder)
            done.touch()
    return folder
