"""Reading an author's text file as UTF-8, with a message an author can act on.

Spreadsheets and old editors save Windows-1252 or put a byte-order mark first;
folders get names like files and links point at nothing. Each of these becomes a
located Problem naming the file (and, for a bad byte, its line and column) instead
of a traceback.
"""

from __future__ import annotations

import errno
from pathlib import Path

from yjsreport.errors import Problem

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


def read_text(path: Path) -> str:
    """The file's text, without a leading byte-order mark; TextProblem otherwise."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise TextProblem(unreadable(path, exc)) from exc
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise TextProblem(not_utf8(path, data, exc)) from exc
    return text.removeprefix(BOM)


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
    return Problem(
        path,
        f"is not UTF-8 text: byte 0x{byte:02X} (byte {start + 1} of the file) cannot be "
        f"read; the file was probably saved as Windows-1252 or Latin-1: {SAVE_AS_UTF8}",
        line,
        column,
    )


def read_text_any_encoding(path: Path) -> str:
    """The file's text in whatever encoding it was saved (UTF-8, UTF-16 with its
    byte-order mark, else Windows-1252), for searches that must not miss anything in
    a file that loading refuses; OSError if it cannot be read."""
    data = path.read_bytes()
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8").removeprefix(BOM)
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")
