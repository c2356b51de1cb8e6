"""The results as plain data (JSON): what the site, the PDF and the annual
report read. Counts are kept beside percentages so figures can be summed
across inspections; no case row or case id is ever included."""

from __future__ import annotations

import json
from typing import Any

from yjsreport import __version__
from yjsreport.content.cases import SampleCounts
from yjsreport.engine import disclosure
from yjsreport.engine.result_schema import SCHEMA_ID
from yjsreport.engine.results import InspectionResult, KeyQuestionResult, QuestionResult
from yjsreport.rules.disclosure import Cell, Reason
from yjsreport.rules.ratings import Rating

SCHEMA = SCHEMA_ID


def _rating(rating: Rating | None) -> str | None:
    return rating.value if rating is not None else None


def _question(q: QuestionResult) -> dict[str, Any]:
    return {
        "id": q.id,
        "text": q.text,
        "yes": q.yes,
        "no": q.no,
        "not_applicable": q.not_applicable,
        "relevant": q.relevant,
        "sample": q.sample,
        "percent": q.percent,
        "sample_percent": q.sample_percent,
        "band": _rating(q.band),
    }


def _key_question(kq: KeyQuestionResult) -> dict[str, Any]:
    return {
        **_question(kq),
        "aspect": kq.aspect,
        "lowest": kq.is_lowest,
        "prompts": [_question(p) for p in kq.prompts],
    }


def count_cell(cell: Cell) -> dict[str, int | str | None]:
    """{"count": 4, "suppressed": null} or {"count": null, "suppressed": "small-count"}:
    the layout of the disclosure rule's answer, never a decision of its own."""
    return {"count": cell.shown, "suppressed": cell.reason.value if cell.reason else None}


def typed_attributes(slug: str, sample: SampleCounts) -> dict[str, dict[str, Any]]:
    """Each characteristic's counts as the typed cells publish them, a published zero
    left out; nothing for a sample too small to break down (listing its values, even
    without counts, would say which characteristics its few children have), unless a
    count of it is published all the same (a key question's not-applicable cases):
    then every value is listed, so the list says nothing more."""
    out: dict[str, dict[str, Any]] = {}
    for name, cells in disclosure.sample_cells(slug, sample).items():
        if all(c.reason is Reason.SMALL_SAMPLE for c in cells.values() if c.shown != 0):
            continue
        if any(c.reason is Reason.SMALL_SAMPLE for c in cells.values()):
            out[name] = {value: count_cell(c) for value, c in cells.items()}
            continue
        out[name] = {value: count_cell(c) for value, c in cells.items() if c.shown != 0}
    return out


def to_data(result: InspectionResult) -> dict[str, Any]:
    meta = result.meta
    return {
        "schema": SCHEMA,
        "generator": f"yjsreport {__version__}",
        "slug": result.slug,
        "service": meta.service,
        "short_name": meta.short_name,
        "place": meta.place,
        "kind": meta.kind,
        "status": meta.status,
        "framework": result.framework_id,
        "fieldwork_start": meta.fieldwork_start.isoformat() if meta.fieldwork_start else None,
        "fieldwork_end": meta.fieldwork_end.isoformat(),
        "publication_date": meta.publication_date.isoformat(),
        "lead_inspector": meta.lead_inspector,
        "score": result.score.total,
        "max_score": result.score.maximum,
        "score_rating": _rating(result.score_rating),
        "overall": _rating(result.overall),
        "resettlement": _rating(result.resettlement),
        "governance_limit_applies": result.governance_limit_applies,
        "disclosure": disclosure.RULE,
        "samples": {
            name: {"cases": s.cases, "attributes": typed_attributes(result.slug, s)}
            for name, s in result.samples.items()
        },
        "extra_questions": {
            sample: [_question(q) for q in questions] for sample, questions in result.extra.items()
        },
        "domains": [
            {
                "id": d.id,
                "title": d.title,
                "sample": d.sample,
                "standards": [
                    {
                        "id": s.id,
                        "title": s.title,
                        "kind": s.kind,
                        "scored": s.scored,
                        "computed": _rating(s.computed),
                        "rating": _rating(s.rating),
                        "governance_limited": s.governance_limited,
                        "discretion": None
                        if s.discretion is None
                        else {
                            "from": _rating(s.discretion.from_),
                            "to": _rating(s.discretion.to),
                            "allowed": s.discretion.allowed,
                            "grounds": [str(g) for g in s.discretion.grounds],
                        },
                        "key_questions": [_key_question(kq) for kq in s.key_questions],
                    }
                    for s in d.standards
                ],
            }
            for d in result.domains
        ],
    }


def to_json(result: InspectionResult) -> str:
    """Stable text: the same inputs always give the same bytes."""
    return json.dumps(to_data(result), indent=2, ensure_ascii=False, sort_keys=False) + "\n"
