"""The site's own authored files, screened as content is: mkdocs.yml (its site name and
description are published on every page) and the pages of docs_dir, which MkDocs
publishes as written. Each may hold neither a character a reader cannot see nor a
script. Decided here once: `build` and `serve` refuse what `check` finds, and the
reverse."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import yaml

from yjsreport.errors import Problem
from yjsreport.site.published_folders import MAX_PAGE_FILES
from yjsreport.sources.characters import position, refused, unseen
from yjsreport.sources.scripts import find_script, message
from yjsreport.sources.text import TextProblem, read_text

# The files of docs_dir a browser reads as a page or a drawing, so a script in one runs
# (MkDocs renders Markdown and copies the others as they are)
PAGE_TEXT_SUFFIXES = frozenset({".md", ".markdown", ".html", ".htm", ".svg", ".xhtml"})
DEFAULT_DOCS_DIR = "docs"  # MkDocs' own default


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


def _scalars(root: yaml.Node) -> Iterator[yaml.ScalarNode]:
    """Each scalar once, however often aliases repeat it (a 'billion laughs' of
    aliases is a few nodes), without recursion (nesting is as deep as the file says)."""
    seen: set[int] = set()
    waiting = [root]
    while waiting:
        node = waiting.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.ScalarNode):
            yield node
        elif isinstance(node, yaml.SequenceNode):
            waiting.extend(reversed(node.value))
        elif isinstance(node, yaml.MappingNode):
            for key, value in reversed(node.value):
                waiting.extend((value, key))


def _composed(config: Path) -> yaml.Node | None:
    """The configuration's YAML as nodes (composed, never constructed, so its tags run
    nothing), or None where it does not parse: MkDocs then says why."""
    try:
        return yaml.compose(read_text(config), Loader=yaml.SafeLoader)
    except (TextProblem, yaml.YAMLError, RecursionError):
        return None


def config_problem(config: Path) -> Problem | None:
    """mkdocs.yml as written, and each of its values as YAML reads it: a right-to-left
    override written as an escape ("\\u202e") is found too."""
    problem = authored_problem(config)
    if problem is not None:
        return problem
    root = _composed(config)
    for node in _scalars(root) if root is not None else ():
        hidden = unseen(node.value)
        if hidden is not None:
            line, column = node.start_mark.line + 1, node.start_mark.column + 1
            return Problem(config, refused(hidden.group(), ", written as an escape"), line, column)
    return None


def docs_folder(config: Path) -> Path:
    """The folder of pages this configuration publishes (its docs_dir), as MkDocs finds it."""
    root = _composed(config)
    chosen = DEFAULT_DOCS_DIR
    if isinstance(root, yaml.MappingNode):
        for key, value in root.value:
            if key.value == "docs_dir" and isinstance(value, yaml.ScalarNode) and value.value:
                chosen = value.value
    return config.parent / chosen


def pages_problems(folder: Path) -> list[Problem]:
    """Every page or drawing of docs_dir that may not be published (dot files and folders
    are left out, as MkDocs leaves them out). Only the first MAX_PAGE_FILES files are
    read: a docs_dir holding more (`docs_dir: /`) is refused by the build as a whole
    (yjsreport/site/published_folders.py), and reading it would take for ever."""
    if not folder.is_dir():
        return []
    found = []
    for seen, path in enumerate(folder.rglob("*")):
        if seen > MAX_PAGE_FILES:
            break
        if any(part.startswith(".") for part in path.relative_to(folder).parts):
            continue
        if path.suffix.lower() in PAGE_TEXT_SUFFIXES and not path.is_dir():
            problem = authored_problem(path)
            if problem is not None:
                found.append(problem)
    return sorted(found, key=lambda p: str(p.path))


def site_problems(config: Path, docs: Path | None = None) -> list[Problem]:
    """What in the site's own files stops a build: the configuration, then its pages
    (`docs`, the docs_dir MkDocs read, else the one the configuration names)."""
    problem = config_problem(config)
    found = [problem] if problem is not None else []
    return found + pages_problems(docs if docs is not None else docs_folder(config))
