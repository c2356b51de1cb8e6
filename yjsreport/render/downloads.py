"""The aggregate data offered beside each report: JSON and CSV, never case rows."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from yjsreport.engine.results import InspectionResult, QuestionResult

CSV_COLUMNS = (
    "standard",
    "key_question",
    "question",
    "level",
    "text",
    "relevant",
    "yes",
    "no",
    "not_applicable",
    "sample",
    "percent_yes_of_relevant",
    "percent_yes_of_sample",
)


# A cell a spreadsheet would run as a formula: neutralised with a leading apostrophe,
# as the OWASP guidance on CSV injection advises.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(cell: object) -> object:
    if isinstance(cell, str) and cell.startswith(_FORMULA_START):
        return "'" + cell
    return cell


def _rows(result: InspectionResult) -> Iterator[tuple[object, ...]]:
    for s in result.standards():
        for kq in s.key_questions:
            for q, level in ((kq, "key question"), *((p, "prompt") for p in kq.prompts)):
                yield (s.id, kq.id, *_figures(q, level))
    for sample, questions in result.extra.items():
        for q in questions:
            yield ("", "", *_figures(q, f"extra question ({sample})"))


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
        "" if q.percent is None else q.percent,
        "" if q.sample_percent is None else q.sample_percent,
    )


def aggregate_csv(result: InspectionResult) -> str:
    """One row per key question and prompt: the figures behind every table."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for row in _rows(result):
        writer.writerow(tuple(spreadsheet_safe(cell) for cell in row))
    return out.getvalue()
