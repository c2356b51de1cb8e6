"""Reading a sample's case CSV and reducing it to counts at once.

Case rows describe children, so nothing row-level leaves this module: what it
returns holds only counts per question and per attribute value.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from yjsreport.errors import Problem

ANSWERS = {"Yes": True, "No": False, "N/A": None}
CASE_COLUMN = "case"
REQUIRED_ATTRIBUTES = ("disposal_type",)
# Attribute columns and, where the framework fixes them, the values allowed.
ATTRIBUTES: dict[str, tuple[str, ...] | None] = {
    "disposal_type": None,
    "gender": ("male", "female", "other", "unknown"),
    "rosh": ("low", "medium", "high", "very-high"),
    "safety_wellbeing": ("low", "medium", "high", "very-high"),
    "offence_type": None,
    "age_band": None,
    "ethnicity": None,
}
SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


@dataclass(frozen=True)
class QuestionCount:
    yes: int
    no: int
    not_applicable: int

    @property
    def relevant(self) -> int:
        return self.yes + self.no


@dataclass(frozen=True)
class SampleCounts:
    """Aggregates of one sample: all that is ever published of case data."""

    name: str
    cases: int
    questions: dict[str, QuestionCount] = field(default_factory=dict)
    attributes: dict[str, dict[str, int]] = field(default_factory=dict)


def empty_sample(name: str, columns: Sequence[str]) -> SampleCounts:
    return SampleCounts(name, 0, {c: QuestionCount(0, 0, 0) for c in columns})


def _column_of(raw_line: str, field_index: int) -> int | None:
    """Character column of a field, where the line has no quoting to confuse it."""
    if '"' in raw_line:
        return None
    return sum(len(f) + 1 for f in raw_line.split(",")[:field_index]) + 1


def read_sample(
    path: Path, sample: str, question_columns: Sequence[str]
) -> tuple[SampleCounts | None, list[Problem]]:
    """Validate and count one case CSV; problems name line, column and expectation."""
    text = path.read_text(encoding="utf-8-sig")
    raw_lines = text.splitlines()
    rows = list(csv.reader(io.StringIO(text)))
    if not rows or not any(cell.strip() for cell in rows[0]):
        return None, [Problem(path, f"expected a header row starting with '{CASE_COLUMN}'", 1, 1)]
    header = [h.strip() for h in rows[0]]
    problems: list[Problem] = []

    def at(line: int, index: int, message: str) -> None:
        problems.append(Problem(path, message, line, _column_of(raw_lines[line - 1], index)))

    if header[0] != CASE_COLUMN:
        at(1, 0, f"first column must be '{CASE_COLUMN}' (the case id); got {header[0]!r}")
    expected = set(question_columns)
    seen: set[str] = set()
    for index, name in enumerate(header):
        if name in seen:
            at(1, index, f"column {name!r} appears twice")
        seen.add(name)
        if index and name not in expected and name not in ATTRIBUTES:
            at(
                1,
                index,
                f"unknown column {name!r}: expected a {sample} question id of this framework "
                f"or one of the attributes {', '.join(ATTRIBUTES)}",
            )
    missing = [c for c in (*REQUIRED_ATTRIBUTES, *question_columns) if c not in seen]
    if missing:
        shown = ", ".join(missing[:8]) + (
            f" and {len(missing) - 8} more" if len(missing) > 8 else ""
        )
        problems.append(Problem(path, f"missing columns: {shown}", 1, None))
    if problems:
        return None, problems

    yes: Counter[str] = Counter()
    no: Counter[str] = Counter()
    na: Counter[str] = Counter()
    attributes: dict[str, Counter[str]] = {
        name: Counter() for name in header[1:] if name in ATTRIBUTES
    }
    case_ids: set[str] = set()
    cases = 0
    for line_no, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            at(line_no, 0, f"expected {len(header)} fields as in the header; found {len(row)}")
            continue
        cases += 1
        case_id = row[0].strip()
        if not case_id:
            at(line_no, 0, "missing case id")
        elif case_id in case_ids:
            at(line_no, 0, f"case id {case_id!r} appears twice")
        case_ids.add(case_id)
        for index, (name, raw) in enumerate(zip(header, row, strict=True)):
            value = raw.strip()
            if name in expected:
                if value not in ANSWERS:
                    at(line_no, index, f"column {name}: expected Yes, No or N/A; got {raw!r}")
                    continue
                {True: yes, False: no, None: na}[ANSWERS[value]][name] += 1
            elif name in attributes:
                allowed = ATTRIBUTES[name]
                if allowed is not None and value not in allowed:
                    at(
                        line_no,
                        index,
                        f"column {name}: expected one of {', '.join(allowed)}; got {raw!r}",
                    )
                elif not SLUG.fullmatch(value):
                    at(
                        line_no,
                        index,
                        f"column {name}: expected a lower-case value with "
                        f"hyphens, such as 'referral-order'; got {raw!r}",
                    )
                else:
                    attributes[name][value] += 1
    if problems:
        return None, problems
    questions = {c: QuestionCount(yes[c], no[c], na[c]) for c in question_columns}
    return (
        SampleCounts(
            sample,
            cases,
            questions,
            {name: dict(sorted(counts.items())) for name, counts in attributes.items()},
        ),
        [],
    )
