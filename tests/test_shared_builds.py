"""The builds the tests share: made once a session, and never read half-made."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.shared_builds import session_root, shared_folder


class Factory:
    """A session's temporary folders, as pytest-xdist gives one to a worker."""

    def __init__(self, base: Path) -> None:
        self.base = base

    def getbasetemp(self) -> Path:
        return self.base


def test_a_build_is_made_once_and_read_by_every_worker(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PYTEST_XDIST_WORKER", "gw0")
    made: list[Path] = []

    def make(folder: Path) -> None:
        made.append(folder)
        (folder / "index.html").write_text("built", encoding="utf-8")

    workers = [Factory(tmp_path / "session" / f"popen-gw{n}") for n in range(2)]
    first, second = (shared_folder(w, "site", make) for w in workers)
    assert first == second == tmp_path / "session" / "shared" / "site"
    assert made == [first] and (first / "index.html").read_text(encoding="utf-8") == "built"


def test_without_workers_the_sessions_own_folder_is_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("PYTEST_XDIST_WORKER", raising=False)
    assert session_root(Factory(tmp_path)) == tmp_path


def test_a_build_that_failed_is_made_again_from_an_empty_folder(tmp_path: Path) -> None:
    factory = Factory(tmp_path)
    calls: list[list[str]] = []

    def failing(folder: Path) -> None:
        calls.append(sorted(p.name for p in folder.iterdir()))
        (folder / "half.html").write_text("half", encoding="utf-8")
        raise AssertionError("build failed")

    for _ in range(2):
        with pytest.raises(AssertionError, match="build failed"):
            shared_folder(factory, "site", failing)
    assert calls == [[], []]  # each try starts empty: nothing half-made is read
