"""The aggregate data offered beside each report as CSV, never case rows.

Each table's columns are declared once, with their type and meaning: the CSV's
header, the data package's Table Schema and the data dictionary page all read
the same declaration. Every row names its inspection, service and framework, so
the files of many inspections can be stacked into one table.

For spreadsheets: the files start with a UTF-8 byte-order mark, which Excel on
Windows needs to read them as UTF-8 (without it, 'Brackenmoor’s' comes out as
'Brackenmoorâ€™s'), and every text cell is quoted, ids included ('3.10'), which
tools that honour quoting (LibreOffice's "quoted field as text", R, pandas with
the data package's types) keep as text.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from yjsreport.engine.export import typed_attributes
from yjsreport.engine.results import InspectionResult, QuestionResult

BOM = "\ufeff"
ENCODING = "utf-8-sig"  # as a data package names UTF-8 with a byte-order mark


@dataclass(frozen=True)
class Column:
    """One column of a download: its name, Table Schema type and what it holds."""

    name: str
    type: str  # a Table Schema type: "string", "integer" or "date"
    description: str


INSPECTION_COLUMNS = (
    Column("inspection", "string", "The inspection’s id, the last part of its web address."),
    Column("service", "string", "The full name of the youth justice service inspected."),
    Column("framework", "string", "The version of the inspection framework, such as ‘2021’."),
)

QUESTION_COLUMNS = (
    *INSPECTION_COLUMNS,
    Column(
        "standard",
        "string",
        "The standard’s id, such as ‘2.1’; empty for a question of the inspection’s own.",
    ),
    Column(
        "key_question",
        "string",
        "The key question’s id, such as ‘2.1.1’; empty for a question of the inspection’s own.",
    ),
    Column(
        "question",
        "string",
        "The id of the question on this row: a key question, a "
        "prompt (‘2.1.1a’) or a question of the inspection’s own.",
    ),
    Column("level", "string", "‘key question’, ‘prompt’, or ‘extra question’ with its sample."),
    Column("text", "string", "The question as the framework words it."),
    Column("relevant", "integer", "Cases the question applied to (‘Yes’ and ‘No’)."),
    Column("yes", "integer", "Cases answered ‘Yes’."),
    Column("no", "integer", "Cases answered ‘No’."),
    Column("not_applicable", "integer", "Cases where the question did not apply."),
    Column("sample", "integer", "Every case in the sample."),
    Column(
        "percent_yes_of_relevant",
        "integer",
        "‘Yes’ as a whole-number percentage of the "
        "relevant cases, as printed and as ratings are banded; empty where none applied.",
    ),
    Column(
        "percent_yes_of_sample",
        "integer",
        "‘Yes’ as a whole-number percentage of the "
        "whole sample, as the data annexe prints prompts; empty for an empty sample.",
    ),
)

CHARACTERISTIC_COLUMNS = (
    *INSPECTION_COLUMNS,
    Column("sample", "string", "The sample: ‘court’, ‘out-of-court’ or ‘resettlement’."),
    Column("cases", "integer", "The number of cases in the sample."),
    Column("characteristic", "string", "What is counted, such as ‘gender’ or ‘offence_type’."),
    Column("value", "string", "The value counted, such as ‘female’."),
    Column("count", "integer", "Cases with that value; empty where the count is suppressed."),
    Column(
        "suppressed",
        "string",
        "Empty where the count is given; otherwise why it is "
        "not: ‘small-count’, ‘secondary’ or ‘small-sample’ (see the data dictionary).",
    ),
)

CSV_COLUMNS = tuple(c.name for c in QUESTION_COLUMNS)


# A cell a spreadsheet would run as a formula: neutralised with a leading apostrophe,
# as the OWASP guidance on CSV injection advises.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(cell: object) -> object:
    if isinstance(cell, str) and cell.startswith(_FORMULA_START):
        return "'" + cell
    return cell


def _who(result: InspectionResult) -> tuple[str, str, str]:
    return (result.slug, result.meta.service, result.framework_id)


def question_rows(result: InspectionResult) -> Iterator[tuple[object, ...]]:
    """The rows under QUESTION_COLUMNS, for the CSV and the workbook alike."""
    for s in result.standards():
        for kq in s.key_questions:
            for q, level in ((kq, "key question"), *((p, "prompt") for p in kq.prompts)):
                yield (*_who(result), s.id, kq.id, *_figures(q, level))
    for sample, questions in result.extra.items():
        for q in questions:
            yield (*_who(result), "", "", *_figures(q, f"extra question ({sample})"))


def _figures(q: QuestionResult, level: str) -> tuple[object, ...]:
    return (
        q.id,
        level,
        q.text,
        q.relevant,
        q.yes,
        q.no,
        q.not_applicable,
        q.sample,
        q.percent,
        q.sample_percent,
    )


def characteristic_rows(result: InspectionResult) -> Iterator[tuple[object, ...]]:
    """The rows under CHARACTERISTIC_COLUMNS (a suppressed count is None)."""
    for name, sample in result.samples.items():
        for attribute, counts in typed_attributes(result.slug, sample).items():
            for value, cell in counts.items():
                yield (
                    *_who(result),
                    name,
                    sample.cases,
                    attribute,
                    value,
                    cell["count"],
                    cell["suppressed"],
                )


def _cell(value: object) -> str:
    """Text quoted (ids included), numbers bare, a missing number empty."""
    if value is None:
        return ""
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return '"' + str(spreadsheet_safe(value)).replace('"', '""') + '"'


def table(columns: tuple[Column, ...], rows: Iterable[tuple[object, ...]]) -> str:
    """RFC 4180 lines (CRLF), after a byte-order mark."""
    lines = [",".join(_cell(c.name) for c in columns)]
    lines += [",".join(_cell(cell) for cell in row) for row in rows]
    return BOM + "".join(line + "\r\n" for line in lines)


def aggregate_csv(result: InspectionResult) -> str:
    """One row per key question and prompt: the figures behind every table."""
    return table(QUESTION_COLUMNS, question_rows(result))


def characteristics_csv(result: InspectionResult) -> str:
    """One row per value of each case characteristic of each sample, after disclosure."""
    return table(CHARACTERISTIC_COLUMNS, characteristic_rows(result))
