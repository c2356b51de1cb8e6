"""Splitting a Markdown file into its YAML front-matter and body, keeping lines."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from yjsreport.errors import Problem
from yjsreport.sources.yamldoc import YamlDocument, parse_yaml

FENCE = "---"


@dataclass(frozen=True)
class MarkdownSource:
    front: YamlDocument
    body: str
    body_line: int  # 1-based line number of the body's first line in the file


class FrontMatterProblem(Exception):
    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        super().__init__(str(problem))


def split_front_matter(text: str, path: Path) -> MarkdownSource:
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != FENCE:
        raise FrontMatterProblem(
            Problem(path, "expected YAML front-matter: the file must start with a '---' line", 1, 1)
        )
    for index in range(1, len(lines)):
        if lines[index].strip() == FENCE:
            front = parse_yaml("".join(lines[1:index]), path, line_offset=1)
            return MarkdownSource(front, "".join(lines[index + 1 :]), index + 2)
    raise FrontMatterProblem(
        Problem(path, "front-matter is not closed: expected a second '---' line", 1, 1)
    )
