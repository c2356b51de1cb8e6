"""The build cache's own files, which are never reached through a link.

`.yjsreport-cache/` sits in the project folder, where anyone who can change the
project (a pull request can commit a link by that name) could plant a link in
it. Following one would make the build write, or prune, files outside the
project, or read a device for ever. So every folder of the cache is checked
with lstat and refused if it is a link; entries are opened with O_NOFOLLOW and
read only if they are ordinary files; and only files whose names the cache
itself gives are ever deleted.

Files can also be committed into the folder (git add -f), and a compiled template
is code that the build runs. So every key mixes in a random machine key kept outside
every project, in the user's own cache folder: an entry made anywhere else never
matches, so planted code is never run and a planted PDF never published.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import secrets
import stat
import sys
from collections.abc import Mapping
from functools import cache
from importlib import metadata
from pathlib import Path

from yjsreport.errors import PdfError, display_path

CACHE_FOLDER = ".yjsreport-cache"  # beside mkdocs.yml, outside site/, ignored by git
MAX_ENTRY_BYTES = 256 * 1024 * 1024  # far above any PDF or compiled template
_OPEN_ENTRY = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)


class CacheLinkError(PdfError):
    """A folder of the cache is a link (or not a folder); the build stops there."""


def own_folder(base: Path, *parts: str) -> Path:
    """`base/parts...`, made where missing; each part must be a real folder, not a link."""
    folder = base
    for part in parts:
        folder = folder / part
        try:
            info = os.lstat(folder)
        except FileNotFoundError:
            folder.mkdir(parents=True, exist_ok=True)
            info = os.lstat(folder)
        if stat.S_ISLNK(info.st_mode):
            raise CacheLinkError(
                f"{display_path(folder)} is a link (to {os.readlink(folder)}), not a folder of the "
                "build cache's own; the cache never writes through a link: remove the link "
                "and build again (the cache is safe to delete)"
            )
        if not stat.S_ISDIR(info.st_mode):
            raise NotADirectoryError(errno.ENOTDIR, "not a folder", str(folder))
    return folder


def read_entry(path: Path, limit: int = MAX_ENTRY_BYTES, *, follow: bool = False) -> bytes | None:
    """An entry's bytes if it is an ordinary file (not a pipe or device, and not a link
    unless `follow`) of at most `limit` bytes; None (a miss) otherwise."""
    try:
        fd = os.open(path, _OPEN_ENTRY & ~os.O_NOFOLLOW if follow else _OPEN_ENTRY)
    except OSError:
        return None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > limit:
            return None
        data = handle.read(limit + 1)
    return data if len(data) <= limit else None


def write_entry(path: Path, data: bytes) -> None:
    """Write to a fresh temporary name (never an existing file or link), then rename."""
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with contextlib.suppress(FileNotFoundError):
        os.unlink(temp)  # left by a build that was killed (a link is removed, not followed)
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o644)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
    os.replace(temp, path)


WRITTEN = ".written"  # in a folder of the cache's own: the names of the files it wrote there
_OWN_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,200}")


def write_own_files(folder: Path, files: Mapping[str, bytes]) -> None:
    """Make a folder of the cache's own hold `files` (name to bytes), each written as
    write_entry writes (a link in its place is replaced, never followed). Of what was
    there, only the files the cache wrote before (named in the folder's list of them)
    and not written now are deleted, and only where each is still an ordinary file: a
    file or link put there by anyone else is left alone."""
    for name in files:
        if not _OWN_NAME.fullmatch(name):
            raise ValueError(f"not a name the cache gives a file: {name!r}")
    listed = read_entry(folder / WRITTEN, 1024 * 1024) or b""
    for name in listed.decode("utf-8", errors="replace").splitlines():
        if name in files or name == WRITTEN or not _OWN_NAME.fullmatch(name):
            continue
        try:
            info = os.lstat(folder / name)
        except FileNotFoundError:
            continue
        if stat.S_ISREG(info.st_mode):
            os.unlink(folder / name)
    for name, data in sorted(files.items()):
        write_entry(folder / name, data)
    write_entry(folder / WRITTEN, "".join(f"{name}\n" for name in sorted(files)).encode())


def _key_file() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "yjsreport" / "cache-key"


@cache
def machine_key() -> str:
    """This user's random cache key (made on first use, readable by the user only); a
    key of this process alone where none can be kept, so the cache is then only missed."""
    path = _key_file()
    for _ in range(2):
        data = read_entry(path, 1024)
        if data is not None and re.fullmatch(rb"[0-9a-f]{64}\n?", data):
            return data.decode().strip()
        try:
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
        except FileExistsError:
            continue  # made meanwhile by another build, or damaged: read it again
        except OSError:
            break
        with os.fdopen(fd, "w", encoding="ascii") as handle:
            handle.write(secrets.token_hex(32) + "\n")
    return secrets.token_hex(32)


def library_versions(*distributions: str) -> list[str]:
    """Python's version and each installed distribution's, for a cache key: a result
    made by other versions of the code that makes it is never used."""
    lines = [f"python {sys.version}"]
    for name in distributions:
        try:
            lines.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            lines.append(f"{name} absent")
    return lines


def file_line(path: str) -> str:
    """A file a result depends on (a program, a library), by path, size, time and inode:
    a reinstall changes it."""
    try:
        st = os.stat(path)
    except OSError:
        return f"{path} missing"
    return f"{path} {st.st_size} {st.st_mtime_ns} {st.st_ino}"
