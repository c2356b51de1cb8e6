"""Reading an author's text file as UTF-8, with a message an author can act on.

Spreadsheets and old editors save Windows-1252 or put a byte-order mark first;
folders get names like files and links point at nothing. Each of these becomes a
located Problem naming the file (and, for a bad byte, its line and column) instead
of a traceback. Only ordinary files of a bounded size are read, and never through
a link to a file: a named pipe would wait for ever, a link to /dev/zero would fill
the memory and a link to /proc/self/environ or ~/.git-credentials would publish it,
so anything else is refused before a byte is read. (A folder may still be a link.)
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from yjsreport.errors import Problem
from yjsreport.sources.characters import CONTROL, position, refused, unseen

__all__ = ["CONTROL", "TextProblem", "read_bytes", "read_text"]

BOM = "\ufeff"
SAVE_AS_UTF8 = (
    "save it as UTF-8 (in a spreadsheet: Save As 'CSV UTF-8'; in a text editor: "
    "choose the encoding UTF-8)"
)


class TextProblem(Exception):
    """A file that could not be read as text; `problem` says where and why."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        super().__init__(str(problem))


MAX_TEXT_BYTES = 16 * 1024 * 1024  # far above any part or case file an inspection has
_KINDS = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISDIR, "a folder"),
)


def read_bytes(path: Path, limit: int = MAX_TEXT_BYTES) -> bytes:
    """The bytes of an ordinary file of at most `limit` bytes; TextProblem otherwise.

    The kind of file is checked before it is opened, and again on the open file
    (opened without waiting, so a pipe swapped in meanwhile cannot block)."""
    if path.is_symlink() and path.exists():
        raise TextProblem(
            Problem(
                path,
                f"is a link to {os.readlink(path)}; a content file must be the file itself, "
                "not a link, since a link could publish any file on this computer: copy "
                "the file here instead",
            )
        )
    try:
        _check_kind(path, os.stat(path), limit)
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise TextProblem(unreadable(path, exc)) from exc
    with os.fdopen(fd, "rb") as handle:
        _check_kind(path, os.fstat(fd), limit)
        data = handle.read(limit + 1)
    if len(data) > limit:  # it grew while being read
        raise TextProblem(_too_large(path, limit))
    return data


def _check_kind(path: Path, info: os.stat_result, limit: int) -> None:
    if stat.S_ISREG(info.st_mode):
        if info.st_size > limit:
            raise TextProblem(_too_large(path, limit))
        return
    if stat.S_ISDIR(info.st_mode):
        raise OSError(errno.EISDIR, "is a folder", str(path))
    kind = next((name for test, name in _KINDS if test(info.st_mode)), "a special file")
    raise TextProblem(
        Problem(path, f"is {kind}, not an ordinary file; content must be in ordinary files")
    )


def _too_large(path: Path, limit: int) -> Problem:
    return Problem(
        path,
        f"is larger than {limit // (1024 * 1024)} MB, the most a content file may be; "
        "is it the right file?",
    )


def read_text(path: Path, *, controls: bool = False) -> str:
    """The file's text, without a leading byte-order mark; TextProblem otherwise.

    With `controls` False a character a reader cannot see (a control character, or an
    invisible formatting character such as a right-to-left override) is a located
    problem (yjsreport/sources/characters.py decides which): it would be published
    unseen, change how the text reads, or cut the text short in a PDF. A YAML file is
    read with `controls` True and screened by its own reader, where the parser words
    the refusal of a control character itself."""
    data = read_bytes(path)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise TextProblem(not_utf8(path, data, exc)) from exc
    text = text.removeprefix(BOM)
    found = None if controls else unseen(text)
    if found is not None:
        line, column = position(text, found.start())
        raise TextProblem(Problem(path, refused(found.group()), line, column))
    return text


def unreadable(path: Path, exc: OSError) -> Problem:
    """Why a path could not be read, in words (never the OS's traceback)."""
    if path.is_symlink() and not path.exists():
        return Problem(path, "is a link to a file that does not exist; remove or mend the link")
    if exc.errno == errno.EISDIR or path.is_dir():
        return Problem(path, "is a folder, but a file was expected here; rename the folder")
    if exc.errno == errno.ENAMETOOLONG:
        return Problem(path, "the path is too long to open; use a shorter folder or file name")
    reason = exc.strerror or type(exc).__name__
    return Problem(path, f"cannot be read: {reason}")


def not_utf8(path: Path, data: bytes, exc: UnicodeDecodeError) -> Problem:
    """Which byte is not UTF-8, at which line and column, and how to fix the file."""
    start = exc.start
    line_start = data.rfind(b"\n", 0, start) + 1
    line = data.count(b"\n", 0, start) + 1
    column = len(data[line_start:start].decode("utf-8", errors="replace")) + 1
    byte = data[start]
    saved_as = (
        "UTF-16 (a spreadsheet's 'Unicode text')"
        if data.startswith((b"\xff\xfe", b"\xfe\xff"))
        else "Windows-1252 or Latin-1"
    )
    return Problem(
        path,
        f"is not UTF-8 text: byte 0x{byte:02X} (byte {start + 1} of the file) cannot be "
        f"read; the file was probably saved as {saved_as}: {SAVE_AS_UTF8}",
        line,
        column,
    )


def read_text_any_encoding(path: Path) -> str:
    """The file's text in whatever encoding it was saved (UTF-8, UTF-16 with its
    byte-order mark, else Windows-1252), for searches that must not miss anything in
    a file that loading refuses; TextProblem where `read_bytes` refuses the file (a
    link, a special file, one too large)."""
    data = read_bytes(path)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8").removeprefix(BOM)
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")
