"""Safe YAML loading that remembers where every value was written.

pydantic reports a path such as ("discretion", "to"); authors need a line and
column. We compose the YAML node tree once, record each value's position by
its path, and construct the data from the same tree with the safe loader.

Content files are small and written by hand, so what YAML allows but no author
needs is refused with a located message before anything is built from it:
anchors and aliases (nine nested aliases make gigabytes: an "alias bomb"), a key
written twice (the last would silently win: a second `status:` or `rating:`),
and nesting deeper than any content file needs (thousands of levels overflow
the recursion of the loader). Nesting is counted on the parser's events by this module,
not left to the parser: libyaml's own limit (PyYAML 6.0.4) fails with a message of its own.

Composing uses libyaml's C parser where PyYAML has it (several times faster);
when it finds an error, the pure-Python loader parses the text again only to
word the message, so messages and positions are the same either way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from yjsreport.errors import Problem
from yjsreport.sources.characters import FORMAT, position, refused, unseen
from yjsreport.sources.scripts import find_script, message
from yjsreport.sources.text import TextProblem, read_text

PathKey = tuple[str | int, ...]
MAX_DEPTH = 32  # the deepest content file (a context table) is five levels deep
TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"  # a plain scalar YAML reads as a date

_FastLoader: type[yaml.SafeLoader] = (
    yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader  # type: ignore[assignment]
)


@dataclass
class YamlDocument:
    """Parsed data plus a map from value path to 1-based (line, column)."""

    path: Path
    data: Any
    positions: dict[PathKey, tuple[int, int]] = field(default_factory=dict)
    line_offset: int = 0
    key_positions: dict[PathKey, tuple[int, int]] = field(default_factory=dict)

    def locate_key(self, loc: PathKey) -> tuple[int | None, int | None]:
        """Position of a mapping key itself (for a key that should not be there)."""
        key = tuple(str(p) if not isinstance(p, int) else p for p in loc)
        if key in self.key_positions:
            line, col = self.key_positions[key]
            return line + self.line_offset, col
        return self.locate(loc)

    def locate(self, loc: PathKey) -> tuple[int | None, int | None]:
        """Position of the deepest known part of a path (falls back to the parent)."""
        key = tuple(str(p) if not isinstance(p, int) else p for p in loc)
        while key:
            if key in self.positions:
                line, col = self.positions[key]
                return line + self.line_offset, col
            key = key[:-1]
        if () in self.positions:
            line, col = self.positions[()]
            return line + self.line_offset, col
        return None, None


class YamlProblem(Exception):
    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        super().__init__(str(problem))


def _at(path: Path, message: str, mark: Any, line_offset: int) -> YamlProblem:
    if mark is None:
        return YamlProblem(Problem(path, message))
    return YamlProblem(Problem(path, message, mark.line + 1 + line_offset, mark.column + 1))


def _screen_events(text: str, path: Path, line_offset: int) -> None:
    """Refuse anchors, aliases and deep nesting from the event stream, before any node
    is built. The depth is counted here rather than left to the parsers' own limits,
    which differ between PyYAML releases: libyaml (from PyYAML 6.0.4) stops at its own
    nesting limit while scanning ahead, so on any error the pure-Python parser, which
    is iterative and has no such limit, screens the text again."""
    try:
        _screen_with(_FastLoader, text, path, line_offset)
    except yaml.YAMLError:
        try:
            _screen_with(yaml.SafeLoader, text, path, line_offset)
        except yaml.YAMLError:
            return  # a syntax error: composing finds and words it


def _screen_with(
    loader_class: type[yaml.SafeLoader], text: str, path: Path, line_offset: int
) -> None:
    loader = loader_class(text)
    # one entry per open collection: [is a mapping, its next node is a key]
    open_nodes: list[list[bool]] = []
    try:
        while (event := loader.get_event()) is not None:  # type: ignore[no-untyped-call]
            if isinstance(event, yaml.AliasEvent):
                raise _at(
                    path,
                    f"alias '*{event.anchor}' is not allowed in content files: "
                    "write the value out in full",
                    event.start_mark,
                    line_offset,
                )
            if isinstance(event, yaml.CollectionEndEvent):
                open_nodes.pop()
                _node_done(open_nodes)
                continue
            if not isinstance(event, yaml.NodeEvent):
                continue
            if event.anchor is not None:
                raise _at(
                    path,
                    f"anchor '&{event.anchor}' is not allowed in content files: "
                    "write each value out in full",
                    event.start_mark,
                    line_offset,
                )
            is_key = bool(open_nodes) and open_nodes[-1][0] and open_nodes[-1][1]
            if not is_key and len(open_nodes) > MAX_DEPTH:
                raise _at(
                    path,
                    f"nested more than {MAX_DEPTH} levels deep: "
                    "content files need only a few levels",
                    event.start_mark,
                    line_offset,
                )
            if isinstance(event, yaml.CollectionStartEvent):
                open_nodes.append([isinstance(event, yaml.MappingStartEvent), True])
            else:
                _node_done(open_nodes)
    finally:
        loader.dispose()


def _node_done(open_nodes: list[list[bool]]) -> None:
    """A node has ended: in a mapping, a key is followed by a value and a value by a key."""
    if open_nodes and open_nodes[-1][0]:
        open_nodes[-1][1] = not open_nodes[-1][1]


def _syntax_problem(text: str, path: Path, line_offset: int) -> YamlProblem:
    """Word a YAML error as the pure-Python loader does (same messages everywhere)."""
    try:
        loader = yaml.SafeLoader(text)
    except yaml.reader.ReaderError as exc:
        return _reader_problem(text, path, line_offset, exc)
    try:
        node = loader.get_single_node()
        loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        return _at(path, f"invalid YAML: {exc.problem or exc.context}", mark, line_offset)
    except yaml.reader.ReaderError as exc:
        return _reader_problem(text, path, line_offset, exc)
    except (yaml.YAMLError, RecursionError):
        pass
    finally:
        loader.dispose()
    return YamlProblem(Problem(path, "invalid YAML", 1 + line_offset, 1))


def _reader_problem(
    text: str, path: Path, line_offset: int, exc: yaml.reader.ReaderError
) -> YamlProblem:
    """A character YAML does not allow in a file (a control character, say)."""
    before = text[: exc.position]
    line = before.count("\n") + 1
    column = exc.position - (before.rfind("\n") + 1) + 1
    return YamlProblem(
        Problem(
            path,
            f"invalid YAML: character U+{exc.character:04X} is not allowed in a YAML file; "
            "remove it",
            line + line_offset,
            column,
        )
    )


def _compose(text: str, path: Path, line_offset: int) -> tuple[yaml.SafeLoader, yaml.Node | None]:
    try:
        loader = _FastLoader(text)
    except yaml.YAMLError as exc:
        raise _syntax_problem(text, path, line_offset) from exc
    try:
        return loader, loader.get_single_node()
    except (yaml.YAMLError, RecursionError) as exc:
        loader.dispose()
        raise _syntax_problem(text, path, line_offset) from exc


def _walk(
    root: yaml.Node, path: Path, line_offset: int
) -> tuple[dict[PathKey, tuple[int, int]], dict[PathKey, tuple[int, int]]]:
    """Positions of every value and key; refuses duplicate keys and shared nodes.
    Iterative; the depth was already bounded by the event screen."""
    positions: dict[PathKey, tuple[int, int]] = {}
    keys: dict[PathKey, tuple[int, int]] = {}
    seen: set[int] = set()
    stack: list[tuple[yaml.Node, PathKey]] = [(root, ())]
    while stack:
        node, where = stack.pop()
        if id(node) in seen:  # only an alias shares a node
            raise _at(
                path, "aliases are not allowed in content files", node.start_mark, line_offset
            )
        seen.add(id(node))
        _screen_tag(node, path, line_offset)
        positions[where] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, yaml.ScalarNode):
            _screen_scalar(node, path, line_offset)
        if isinstance(node, yaml.MappingNode):
            first: dict[tuple[str, str], yaml.Node] = {}
            for key_node, value_node in node.value:
                _screen_tag(key_node, path, line_offset)
                if isinstance(key_node, yaml.ScalarNode):
                    _screen_scalar(key_node, path, line_offset)
                    name = key_node.value
                    earlier = first.get((key_node.tag, name))
                    if earlier is not None:
                        raise _at(
                            path,
                            f"key '{name}' is written twice (first on line "
                            f"{earlier.start_mark.line + 1 + line_offset}); "
                            "write each key once",
                            key_node.start_mark,
                            line_offset,
                        )
                    first[(key_node.tag, name)] = key_node
                else:
                    name = str(key_node)
                mark = key_node.start_mark
                keys[(*where, name)] = (mark.line + 1, mark.column + 1)
                stack.append((value_node, (*where, name)))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((item, (*where, i)) for i, item in enumerate(node.value))
    return positions, keys


_CORE = "tag:yaml.org,2002:"
# The values content files hold: text, numbers, true/false, nothing, dates, lists and
# mappings. Other tags make other values (`!!binary` bytes, which a string field then
# takes as text the file never showed; `!!set`), and a merge key (`<<`) lets a key
# be written twice unseen.
_TAGS = frozenset(
    _CORE + name for name in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")
)


def _screen_tag(node: yaml.Node, path: Path, line_offset: int) -> None:
    if node.tag in _TAGS:
        return
    if node.tag == _CORE + "merge":
        message = "a merge key ('<<') is not allowed in content files: write each key once"
    else:
        shown = "!!" + node.tag.removeprefix(_CORE) if node.tag.startswith(_CORE) else node.tag
        message = (
            f"the YAML tag {shown!r} is not allowed in content files: write the value as "
            "text, a number, a date, a list or a mapping"
        )
    raise _at(path, message, node.start_mark, line_offset)


def _screen_scalar(node: yaml.ScalarNode, path: Path, line_offset: int) -> None:
    """A character a reader cannot see that the file holds only as an escape ("\\0",
    "\\u202e"; written out, the whole text was refused before parsing), or a script
    (yjsreport/sources/scripts.py): every YAML string may reach a published output."""
    found = unseen(node.value)
    if found is not None:
        raise _at(
            path, refused(found.group(), ", written as an escape"), node.start_mark, line_offset
        )
    script = find_script(node.value)
    if script is not None:
        mark = node.start_mark
        before = node.value[: script.start]
        column = mark.column + 1
        if "\n" not in before and not any(c in before for c in "\\'\""):
            column += script.start + (node.style in ("'", '"'))  # the opening quote
        shown = node.value[script.start : script.start + 30]
        raise YamlProblem(
            Problem(
                path,
                f"{message(script)} (found {shown!r})",
                mark.line + 1 + line_offset,
                column,
            )
        )


def _screen_text(text: str, path: Path, line_offset: int) -> None:
    """An invisible formatting character written out anywhere in the file (the parser
    allows them; a control character the parser refuses in its own words)."""
    found = FORMAT.search(text)
    if found is not None:
        line, column = position(text, found.start())
        raise YamlProblem(Problem(path, refused(found.group()), line + line_offset, column))


def parse_yaml(text: str, path: Path, line_offset: int = 0) -> YamlDocument:
    """Parse with the safe loader; any problem becomes a located YamlProblem."""
    text = text.removeprefix("\ufeff")
    _screen_text(text, path, line_offset)
    _screen_events(text, path, line_offset)
    loader, node = _compose(text, path, line_offset)
    try:
        positions: dict[PathKey, tuple[int, int]] = {}
        keys: dict[PathKey, tuple[int, int]] = {}
        if node is not None:
            positions, keys = _walk(node, path, line_offset)
        try:
            data = loader.construct_document(node) if node is not None else None
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            message = f"invalid YAML: {exc.problem or exc.context}"
            raise _at(path, message, mark, line_offset) from exc
        except ValueError as exc:  # a well-formed scalar that is no real value: 2022-02-30
            raise YamlProblem(_bad_scalar(node, path, line_offset, exc)) from exc
    finally:
        loader.dispose()
    return YamlDocument(path, data, positions, line_offset, keys)


def _bad_scalar(root: yaml.Node | None, path: Path, line_offset: int, exc: ValueError) -> Problem:
    """Find the scalar that failed to construct, to point at it."""
    stack = [root] if root is not None else []
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.MappingNode):
            stack.extend(v for pair in node.value for v in pair)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, yaml.ScalarNode):
            try:
                yaml.SafeLoader("").construct_object(node, deep=True)
            except ValueError as inner:
                mark = node.start_mark
                return Problem(
                    path,
                    f"invalid value {node.value!r}: {_why_refused(node, inner)}",
                    mark.line + 1 + line_offset,
                    mark.column + 1,
                )
    return Problem(path, f"invalid value: {exc}")


def _why_refused(node: yaml.ScalarNode, error: ValueError) -> str:
    """A date that is not on the calendar is worded here: Python words it differently
    from one version to the next ('day is out of range for month' until 3.14, 'day 30
    must be in range 1..28 for month 2 in year 2022' in 3.15), and the same input must
    give the same message on every Python the package supports."""
    if node.tag == TIMESTAMP_TAG:
        return "no such date on the calendar"
    return str(error)


def read_yaml(path: Path) -> YamlDocument:
    try:
        text = read_text(path, controls=True)  # the parser words its own refusal
    except TextProblem as exc:
        raise YamlProblem(exc.problem) from exc
    return parse_yaml(text, path)
