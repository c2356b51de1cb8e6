"""Reading a sample's case data (a CSV file or a workbook sheet) and reducing it
to counts at once.

Case rows describe children, so nothing row-level leaves this module: what it
returns holds only counts per question and per attribute value.
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from yjsreport.content.spreadsheet import Table, read_csv
from yjsreport.content.vocabulary import (
    ATTRIBUTES,
    REQUIRED_ATTRIBUTES,
    SampleVocabulary,
    allowed_values,
)
from yjsreport.errors import Problem
from yjsreport.sources.text import TextProblem

ANSWERS = {"Yes": True, "No": False, "N/A": None}
CASE_COLUMN = "case"
# Attributes whose values are set against key-question judgements, and pairs of
# attributes counted together: the joint counts the annual report's
# cross-tabulations are made of, counted here so that no other module reads rows.
JOINT_ATTRIBUTES = (
    "looked_after",
    "ehcp",
    "mappa",
    "oocd_sequence",
    "decision_basis",
    "disposal_type",
    "rosh",
)
JOINT_PAIRS = (("rosh", "safety_wellbeing"), ("disposal_type", "oocd_sequence"))


@dataclass(frozen=True)
class QuestionCount:
    yes: int
    no: int
    not_applicable: int

    @property
    def relevant(self) -> int:
        return self.yes + self.no


@dataclass(frozen=True)
class Subsample:
    """A published count of cases that is a sum of one characteristic's counts: the
    relevant cases of a question the framework applies to some values only."""

    attribute: str
    values: frozenset[str]
    count: int


@dataclass(frozen=True)
class SampleCounts:
    """Aggregates of one sample: all that is ever published of case data."""

    name: str
    cases: int
    questions: dict[str, QuestionCount] = field(default_factory=dict)
    attributes: dict[str, dict[str, int]] = field(default_factory=dict)
    subsamples: tuple[Subsample, ...] = ()
    # joint counts, for cross-tabulations: cases by the values of two attributes
    # (JOINT_PAIRS present in the file), and for each attribute of JOINT_ATTRIBUTES
    # present, value -> key question -> answers
    pairs: dict[tuple[str, str], Counter[tuple[str, str]]] = field(default_factory=dict)
    joint: dict[str, dict[str, dict[str, QuestionCount]]] = field(default_factory=dict)
    # the values each attribute may take in this sample, from its framework file (see
    # Framework.sample_vocabulary); empty: every value of the vocabulary
    vocabulary: SampleVocabulary = field(default_factory=dict)

    def values_of(self, attribute: str) -> tuple[str, ...]:
        """The values a table of this sample's attribute lists, zeros included."""
        return allowed_values(attribute, self.vocabulary)


def empty_sample(
    name: str, columns: Sequence[str], vocabulary: SampleVocabulary | None = None
) -> SampleCounts:
    return SampleCounts(
        name, 0, {c: QuestionCount(0, 0, 0) for c in columns}, vocabulary=dict(vocabulary or {})
    )


def read_sample(
    path: Path,
    sample: str,
    question_columns: Sequence[str],
    extra_columns: Sequence[str] = (),
    vocabulary: SampleVocabulary | None = None,
) -> tuple[SampleCounts | None, list[Problem]]:
    """Validate and count one case CSV; problems name line, column and expectation.
    `vocabulary` is what the sample may record (Framework.sample_vocabulary); without
    it, every attribute and value of the vocabulary."""
    counts, _ids, problems = read_sample_and_ids(
        path, sample, question_columns, extra_columns, vocabulary
    )
    return counts, problems


def read_sample_and_ids(
    path: Path,
    sample: str,
    question_columns: Sequence[str],
    extra_columns: Sequence[str] = (),
    vocabulary: SampleVocabulary | None = None,
) -> tuple[SampleCounts | None, frozenset[str], list[Problem]]:
    """As read_sample, plus the case ids (see count_sample_and_ids)."""
    try:
        table = read_csv(path)
    except TextProblem as exc:
        return None, frozenset(), [exc.problem]
    return count_sample_and_ids(
        table, sample, question_columns, extra_columns, vocabulary=vocabulary
    )


def count_sample(
    table: Table,
    sample: str,
    question_columns: Sequence[str],
    extra_columns: Sequence[str] = (),
    vocabulary: SampleVocabulary | None = None,
) -> tuple[SampleCounts | None, list[Problem]]:
    """Validate and count one sample's table (a CSV file or a workbook sheet).

    `extra_columns` are the inspection's own case questions (not framework prompts,
    such as management oversight), answered and counted like prompts."""
    counts, _ids, problems = count_sample_and_ids(
        table, sample, question_columns, extra_columns, vocabulary=vocabulary
    )
    return counts, problems


def _delimiter_problem(table: Table, header: list[str]) -> Problem | None:
    """A spreadsheet set to another locale saves ';' (or a tab) between fields."""
    if len(header) != 1:
        return None
    for mark, name in ((";", "semicolons"), ("\t", "tabs")):
        if mark in header[0]:
            return table.problem(
                1,
                0,
                f"the fields are separated by {name}, not commas: save the file as "
                "'CSV UTF-8 (comma delimited)' from the spreadsheet",
            )
    return None


def count_sample_and_ids(
    table: Table,
    sample: str,
    question_columns: Sequence[str],
    extra_columns: Sequence[str] = (),
    joint_columns: Sequence[str] = (),
    vocabulary: SampleVocabulary | None = None,
) -> tuple[SampleCounts | None, frozenset[str], list[Problem]]:
    """As count_sample, plus the sample's case ids: kept by the content layer only to
    check that no published text names a case, and never passed on to results.

    `joint_columns` are the questions (the sample's key questions) counted for each
    value of each attribute in JOINT_ATTRIBUTES."""
    if not table.header or not any(cell.strip() for cell in table.header):
        problem = table.problem(1, 0, f"expected a header row starting with '{CASE_COLUMN}'")
        return None, frozenset(), [problem]
    header = [h.strip() for h in table.header]
    delimiter = _delimiter_problem(table, header)
    if delimiter is not None:
        return None, frozenset(), [delimiter]
    problems: list[Problem] = []

    def at(line: int, index: int | None, message: str) -> None:
        problems.append(table.problem(line, index, message))

    if header[0] != CASE_COLUMN:
        at(1, 0, f"first column must be '{CASE_COLUMN}' (the case id); got {header[0]!r}")
    expected = {*question_columns, *extra_columns}
    allowed_in = dict(vocabulary or {a: tuple(v.values) for a, v in ATTRIBUTES.items()})
    attribute_names = list(allowed_in)
    seen: set[str] = set()
    for index, name in enumerate(header):
        if name in seen:
            at(1, index, f"column {name!r} appears twice")
        seen.add(name)
        if index and name not in expected and name not in attribute_names:
            at(
                1,
                index,
                f"unknown column {name!r}: expected a {sample} question id of this framework, "
                "an extra question declared in inspection.yaml, or one of the attributes "
                f"{', '.join(attribute_names)}",
            )
    required = (*REQUIRED_ATTRIBUTES, *question_columns, *extra_columns)
    missing = [c for c in required if c not in seen]
    if missing:
        shown = ", ".join(missing[:8]) + (
            f" and {len(missing) - 8} more" if len(missing) > 8 else ""
        )
        at(1, None, f"missing columns: {shown}")
    if problems:
        return None, frozenset(), problems

    yes: Counter[str] = Counter()
    no: Counter[str] = Counter()
    na: Counter[str] = Counter()
    attributes: dict[str, Counter[str]] = {
        name: Counter() for name in header[1:] if name in attribute_names
    }
    pairs = {p: Counter[tuple[str, str]]() for p in JOINT_PAIRS if set(p) <= seen}
    # attributes that apply only where another has a value (a placement, to a child
    # looked after), with the column each is in
    conditional = [
        (name, when[0], header.index(name))
        for name in attributes
        if (when := ATTRIBUTES[name].applies_when) is not None and when[0] in attributes
    ]
    joined = [a for a in JOINT_ATTRIBUTES if a in seen]
    asked = [c for c in joint_columns if c in seen]
    joint: dict[str, dict[str, dict[str, Counter[bool | None]]]] = {a: {} for a in joined}
    case_ids: set[str] = set()
    cases = 0
    for line_no, row in ((r.number, r.cells) for r in table.rows):
        if not any(cell.strip() for cell in row):
            continue
        if table.checks_width and len(row) != len(header):
            at(line_no, 0, f"expected {len(header)} fields as in the header; found {len(row)}")
            continue
        cases += 1
        case_id = row[0].strip()
        if not case_id:
            at(line_no, 0, "missing case id")
        elif any(c.isspace() for c in case_id):
            # an id broken over lines or words is read as one by a reader ('BRK-' over
            # 'C01'), but would be searched for, in what is published, as written
            at(line_no, 0, f"case id {case_id!r} holds a space or line break: write it as one word")
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
                allowed = allowed_in[name]
                if value not in allowed:
                    at(line_no, index, _unexpected_value(name, sample, allowed, raw))
                else:
                    attributes[name][value] += 1
        cells = dict(zip(header, (cell.strip() for cell in row), strict=True))
        for name, other, index in conditional:
            clash = _contradiction(name, cells[name], other, cells[other])
            if clash:
                at(line_no, index, clash)
        for a, b in pairs:
            pairs[(a, b)][(cells[a], cells[b])] += 1
        for attribute in joined:
            per_question = joint[attribute].setdefault(cells[attribute], {})
            for question in asked:
                per_question.setdefault(question, Counter())[ANSWERS.get(cells[question])] += 1
    ids = frozenset(i for i in case_ids if i)
    if problems:
        return None, ids, problems
    if not cases:  # a sample without cases has nothing to set side by side
        pairs, joint = {}, {}
    questions = {
        c: QuestionCount(yes[c], no[c], na[c]) for c in (*question_columns, *extra_columns)
    }
    return (
        SampleCounts(
            sample,
            cases,
            questions,
            {
                name: {v: counts[v] for v in allowed_in[name] if counts[v]}
                for name, counts in attributes.items()
            },
            pairs=pairs,
            joint={
                attribute: {
                    value: {q: QuestionCount(c[True], c[False], c[None]) for q, c in per_q.items()}
                    for value, per_q in sorted(by_value.items())
                }
                for attribute, by_value in joint.items()
            },
            vocabulary=allowed_in,
        ),
        ids,
        [],
    )


def _unexpected_value(name: str, sample: str, allowed: Sequence[str], raw: str) -> str:
    """Name the allowed values, or the nearest ones where the list is long."""
    typed = raw.strip().lower()
    near = [a for a in allowed if typed and a.startswith(typed)][:1] or difflib.get_close_matches(
        typed, allowed, n=1, cutoff=0.5
    )
    hint = f"; did you mean {near[0]!r}?" if near else ""
    if len(allowed) <= 6:
        expected = "one of " + ", ".join(allowed)
    else:
        expected = f"one of the {len(allowed)} values listed in the README (such as {allowed[0]})"
    return f"column {name}: expected {expected} in the {sample} sample; got {raw!r}{hint}"


def _contradiction(name: str, value: str, other: str, other_value: str) -> str | None:
    """Why a value contradicts the attribute it depends on, or None: a child not looked
    after has no placement, and a looked-after child has one."""
    vocabulary = ATTRIBUTES[name]
    assert vocabulary.applies_when is not None and vocabulary.not_applicable is not None
    needed = vocabulary.applies_when[1]
    if other_value not in ATTRIBUTES[other].values or value not in vocabulary.values:
        return None  # the value itself is reported as unexpected
    applies = other_value == needed
    if applies and value == vocabulary.not_applicable:
        return (
            f"column {name}: {value!r} contradicts {other} {other_value!r}: where {other} is "
            f"{needed}, expected one of {', '.join(vocabulary.applicable())}"
        )
    if not applies and value != vocabulary.not_applicable:
        return (
            f"column {name}: {value!r} contradicts {other} {other_value!r}: where {other} is "
            f"not {needed}, expected {vocabulary.not_applicable}"
        )
    return None
