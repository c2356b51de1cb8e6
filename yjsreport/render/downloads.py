"""The aggregate data offered beside each report: JSON and CSV, never case rows."""

from __future__ import annotations

import csv
import io

from yjsreport.engine.results import InspectionResult

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
    "percent_yes",
)


def aggregate_csv(result: InspectionResult) -> str:
    """One row per key question and prompt: the figures behind every table."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for s in result.standards():
        for kq in s.key_questions:
            for q, level in ((kq, "key question"), *((p, "prompt") for p in kq.prompts)):
                writer.writerow(
                    (
                        s.id,
                        kq.id,
                        q.id,
                        level,
                        q.text,
                        q.relevant,
                        q.yes,
                        q.no,
                        q.not_applicable,
                        q.shown if q.shown is not None else "",
                    )
                )
    return out.getvalue()
