"""The plain-text view of results that `yjsreport check` prints."""

from __future__ import annotations

from yjsreport.engine.results import InspectionResult, StandardResult
from yjsreport.prose.numbers import domains_in_words


def _explain(s: StandardResult) -> str:
    if not s.is_case:
        note = "inspectors' judgement"
        if s.governance_limited:
            note += f" '{s.computed}', limited to '{s.rating}' by the governance rule"
        return note + ("" if s.scored else "; not scored")
    if s.not_rated_because:
        return f"not rated: {s.not_rated_because}"
    if not s.lowest:
        return "no relevant cases"
    lows = ", ".join(f"{kq.id} {kq.shown}% ({kq.yes}/{kq.relevant})" for kq in s.lowest)
    note = f"lowest key question {lows}"
    if s.discretion is not None:
        d = s.discretion
        verdict = (
            ("allowed: " + "; ".join(map(str, d.grounds)))
            if d.allowed
            else f"NOT allowed: {d.problem}"
        )
        note += f"; computed '{s.computed}', discretion to '{d.to}' {verdict}"
    return note


def summarise(result: InspectionResult) -> str:
    meta = result.meta
    lines = [
        f"{result.slug}: {meta.service} (framework {result.framework_id}, {meta.status})",
        f"  Score {result.score.total}/{result.score.maximum}   Overall '{result.overall}'",
    ]
    if result.resettlement_limited:
        lines.append(
            f"  (score band '{result.score_rating}', limited by the 'Inadequate' "
            "resettlement rating)"
        )
    if result.governance_limit_applies:
        counted = domains_in_words(result.governance_domains)
        lines.append(
            f"  Governance limit applies: fewer than half of the {counted} "
            "standards are 'Good' or better"
        )
    samples = ", ".join(f"{name} {s.cases}" for name, s in result.samples.items())
    lines.append(f"  Cases: {samples}")
    for s in result.standards():
        lines.append(f"  {s.id:<4} {s.title:<45} {s.rating.value:<21} {_explain(s)}")
    return "\n".join(lines)
