"""Safe YAML loading that remembers where every value was written.

pydantic reports a path such as ("discretion", "to"); authors need a line and
column. We compose the YAML node tree once, record each value's position by
its path, and construct the data from the same tree with the safe loader.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from yjsreport.errors import Problem

PathKey = tuple[str | int, ...]


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


def _record(
    node: yaml.Node,
    path: PathKey,
    out: dict[PathKey, tuple[int, int]],
    keys: dict[PathKey, tuple[int, int]],
) -> None:
    out[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node)
            keys[(*path, key)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            _record(value_node, (*path, key), out, keys)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _record(item, (*path, i), out, keys)


def parse_yaml(text: str, path: Path, line_offset: int = 0) -> YamlDocument:
    """Parse with the safe loader; YAML syntax errors become a located Problem."""
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        message = f"invalid YAML: {exc.problem or exc.context}"
        if mark is None:
            raise YamlProblem(Problem(path, message)) from exc
        raise YamlProblem(
            Problem(path, message, mark.line + 1 + line_offset, mark.column + 1)
        ) from exc
    except ValueError as exc:  # a well-formed scalar that is no real value, e.g. 2022-02-30
        raise YamlProblem(_bad_scalar(loader, node, path, line_offset, exc)) from exc
    finally:
        loader.dispose()
    positions: dict[PathKey, tuple[int, int]] = {}
    keys: dict[PathKey, tuple[int, int]] = {}
    if node is not None:
        _record(node, (), positions, keys)
    return YamlDocument(path, data, positions, line_offset, keys)


def _bad_scalar(
    loader: yaml.SafeLoader, root: yaml.Node, path: Path, line_offset: int, exc: ValueError
) -> Problem:
    """Find the scalar that failed to construct, to point at it."""
    stack = [root]
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
                    f"invalid value {node.value!r}: {inner}",
                    mark.line + 1 + line_offset,
                    mark.column + 1,
                )
    return Problem(path, f"invalid value: {exc}")


def read_yaml(path: Path) -> YamlDocument:
    return parse_yaml(path.read_text(encoding="utf-8"), path)


class YamlProblem(Exception):
    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        super().__init__(str(problem))
