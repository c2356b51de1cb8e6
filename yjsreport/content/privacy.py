"""No published text may name a case: case ids identify children's records.

Every file whose text is published (inspection.yaml, context.yaml and each report
part, front-matter and body alike) is searched as written, so an id in a comment,
a heading, a YAML string or a link is found wherever it sits. An id matches as a
whole word in any letter case ('brk-c03' is still that case).

This is the first, quick look, made as each inspection loads (and under `serve`). A
disguised id (markup, escapes, look-alike or invisible characters) is found in what
is published, by site/published_ids.py, which `check` and every build also run.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from pathlib import Path

from yjsreport.errors import Problem
from yjsreport.sources.text import TextProblem, read_text

_EDGE = r"[\w-]"
_RUN = re.compile(r"[\w-]+")  # a whole-word match of an id of these characters is a run
_PLAIN = re.compile(r"[A-Za-z0-9_-]+")  # the usual shape of an id
# The characters beyond ASCII that match an ASCII letter when case is ignored, as `re`
# folds case: KELVIN SIGN, LONG S, DOTLESS I, CAPITAL I WITH DOT ABOVE (checked against
# every code point in the tests).
_ASCII_TWINS = str.maketrans({"\u212a": "k", "\u017f": "s", "\u0131": "i", "\u0130": "i"})


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


class CaseIdIndex:
    """Every inspection's case ids, so each inspection's files can be searched for the
    others' ids without a pattern of them all per inspection (which grew with the
    square of the archive: 1.7 s of a 50-inspection build).

    An id of the usual shape (ASCII letters, digits, '_' and '-') can only be found as
    a whole run of word characters and hyphens that equals it when case is ignored, so
    only the ids equal to some run in the files are searched for, with the same
    pattern as before; ids of any other shape are always searched for. The problems
    found are the same."""

    def __init__(self, id_sets: Iterable[Collection[str]]) -> None:
        self.plain: dict[str, set[str]] = {}
        self.other: set[str] = set()
        for ids in id_sets:
            for case_id in ids:
                if _PLAIN.fullmatch(case_id):
                    self.plain.setdefault(case_id.lower(), set()).add(case_id)
                elif case_id.strip():
                    self.other.add(case_id)

    def others_in(self, files: Iterable[Path], own: Collection[str]) -> list[Problem]:
        """A located problem for each id, not among `own`, written in one of `files`."""
        files = list(files)
        candidates = set(self.other)
        for path in files:
            try:
                text = read_text(path)
            except TextProblem:
                continue  # reported where the file is loaded
            for run in set(_RUN.findall(text)):
                key = run.lower() if run.isascii() else run.translate(_ASCII_TWINS).lower()
                candidates.update(self.plain.get(key, ()))
        return case_id_problems(files, candidates - set(own), "another inspection")
