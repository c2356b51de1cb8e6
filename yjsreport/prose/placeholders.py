"""Text an author left to fill in: 'TBC', 'XX', '[insert …]' and empty ratings.

Published reports have gone out with template instructions still in them. A
draft may hold placeholders (check lists them as what remains to write); a
published inspection may not. The raw files are scanned, not the parsed
content, so a placeholder is found even where the content does not load.
"""

from __future__ import annotations

import re
from pathlib import Path

from yjsreport.content.frontmatter import FrontMatterProblem, split_front_matter
from yjsreport.errors import Problem
from yjsreport.sources.text import TextProblem, read_text
from yjsreport.sources.yamldoc import YamlProblem

PATTERNS: tuple[re.Pattern[str], ...] = (
    re.compile(r"(?<![A-Za-z0-9])TBC(?![A-Za-z0-9])"),
    re.compile(r"(?<![A-Za-z0-9])XX+(?![A-Za-z0-9])"),
    re.compile(r"\[insert\b[^\]\n]*\]?", re.IGNORECASE),
)
FILES = ("inspection.yaml", "context.yaml")
REPORT_GLOB = "report/*.md"
QUOTE_LIMIT = 60


def _quote(text: str) -> str:
    text = text.strip()
    return text if len(text) <= QUOTE_LIMIT else text[: QUOTE_LIMIT - 1] + "…"


def find_in_text(text: str, path: Path) -> list[Problem]:
    """Every placeholder in a file's text, at its line and column."""
    found: list[Problem] = []
    for number, line in enumerate(text.splitlines(), start=1):
        hits = sorted(
            (match.start(), match.group(0))
            for pattern in PATTERNS
            for match in pattern.finditer(line)
        )
        for start, matched in hits:
            shown = _quote(matched if matched.startswith("[") else line)
            found.append(Problem(path, f"placeholder {shown!r}", number, start + 1))
    return found


def _empty_rating(text: str, path: Path) -> list[Problem]:
    """A standard part whose `rating:` is written but left empty."""
    try:
        source = split_front_matter(text, path)
    except (FrontMatterProblem, YamlProblem):
        return []  # the loader reports the broken front-matter itself
    data = source.front.data
    if not isinstance(data, dict) or data.get("part") != "standard":
        return []
    if "rating" not in data or data["rating"] is not None:
        return []
    line, column = source.front.locate_key(("rating",))
    return [
        Problem(
            path,
            f"placeholder: the rating of standard {data.get('standard')} is empty: "
            "expected 'Outstanding', 'Good', 'Requires improvement', 'Inadequate' or 'Not rated'",
            line,
            column,
        )
    ]


def find_placeholders(folder: Path, *, empty_ratings: bool = True) -> list[Problem]:
    """Placeholders in an inspection's own files, in file order. `empty_ratings`
    off leaves an empty rating to the loader, which refuses it outside a draft."""
    found: list[Problem] = []
    paths = [folder / name for name in FILES] + sorted(folder.glob(REPORT_GLOB))
    for path in paths:
        if not path.is_file():
            continue
        try:
            text = read_text(path, controls=True)
        except TextProblem:
            continue  # unreadable files are the loader's to report
        found.extend(find_in_text(text, path))
        if empty_ratings and path.suffix == ".md":
            found.extend(_empty_rating(text, path))
    return found
