"""Content problems, each tied to the file, line and column an author must fix."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the content, located as precisely as we know."""

    path: Path
    message: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        where = display_path(self.path)
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where}: {self.message}"


class ContentError(Exception):
    """Raised with every problem found, so an author sees them all at once."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class PdfError(RuntimeError):
    """The PDF could not be made (e.g. it asked for a file outside the project)."""


class ProblemLog:
    """Collects problems while loading continues, then raises them together."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(
        self, path: Path, message: str, line: int | None = None, column: int | None = None
    ) -> None:
        self.problems.append(Problem(path, message, line, column))

    def extend(self, problems: Iterable[Problem]) -> None:
        self.problems.extend(problems)

    def raise_if_any(self) -> None:
        if self.problems:
            raise ContentError(self.problems)


def display_path(path: Path) -> str:
    """Paths relative to the working directory read best in a terminal. The file's own
    name is kept as written: a link is named, not the file it points to."""
    try:
        return str((path.parent.resolve() / path.name).relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def unexpected(where: Path, exc: BaseException) -> Problem:
    """A failure no check foresaw, said as plainly as it can be, with its place if known."""
    path = getattr(exc, "filename", None) or getattr(exc, "name", None)
    line = getattr(exc, "lineno", None)
    message = getattr(exc, "message", None) or str(exc) or type(exc).__name__
    return Problem(
        Path(path) if isinstance(path, str) else where,
        f"{type(exc).__name__}: {message}",
        line if isinstance(line, int) else None,
    )
