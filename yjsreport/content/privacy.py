"""No published text may name a case: case ids identify children's records.

Every file whose text is published (inspection.yaml, context.yaml and each report
part, front-matter and body alike) is searched as written, so an id in a comment,
a heading, a YAML string or a link is found wherever it sits. An id matches as a
whole word in any letter case ('brk-c03' is still that case).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from pathlib import Path

from yjsreport.errors import Problem
from yjsreport.sources.text import TextProblem, read_text

_EDGE = r"[\w-]"


def case_id_pattern(case_ids: Collection[str]) -> re.Pattern[str] | None:
    """One pattern for all ids, longest first so 'C1' never hides 'C10'."""
    ids = sorted({i for i in case_ids if i.strip()}, key=lambda i: (-len(i), i))
    if not ids:
        return None
    alternatives = "|".join(re.escape(i) for i in ids)
    return re.compile(rf"(?<!{_EDGE})(?:{alternatives})(?!{_EDGE})", re.IGNORECASE)


def case_id_problems(
    files: Iterable[Path], case_ids: Collection[str], owner: str = "this inspection"
) -> list[Problem]:
    """A located problem for each case id written in one of `files`."""
    pattern = case_id_pattern(case_ids)
    if pattern is None:
        return []
    problems: list[Problem] = []
    for path in files:
        try:
            text = read_text(path)
        except TextProblem:
            continue  # reported where the file is loaded
        for number, line in enumerate(text.splitlines(), start=1):
            for match in pattern.finditer(line):
                problems.append(
                    Problem(
                        path,
                        f"case id {match[0]!r} (a case in the samples of {owner}) is written "
                        "in text that is published; case ids are never published: remove it",
                        number,
                        match.start() + 1,
                    )
                )
    return problems
