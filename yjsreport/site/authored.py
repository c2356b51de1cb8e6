"""The site's own authored files, screened as content is: mkdocs.yml (its site name and
description are published on every page) and the Markdown pages MkDocs publishes as
written. Each may hold neither a character a reader cannot see nor a script."""

from __future__ import annotations

from pathlib import Path

from yjsreport.errors import Problem
from yjsreport.sources.characters import position
from yjsreport.sources.scripts import find_script, message
from yjsreport.sources.text import TextProblem, read_text


def authored_problem(path: Path) -> Problem | None:
    """Why an authored file may not be published, located; None when it may."""
    try:
        text = read_text(path)
    except TextProblem as exc:
        return exc.problem
    script = find_script(text)
    if script is None:
        return None
    line, column = position(text, script.start)
    shown = text[script.start : script.start + 30].split("\n", 1)[0]
    return Problem(path, f"{message(script)} (found {shown!r})", line, column)
