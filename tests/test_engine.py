"""The engine applies the rules in order on real content: limits, unrated
domains and the reduced maximum, exercised by changing one input at a time."""

from __future__ import annotations

from dataclasses import replace

from yjsreport.content.cases import QuestionCount, SampleCounts, empty_sample
from yjsreport.content.inspection import Inspection
from yjsreport.engine.compute import compute
from yjsreport.project import Report
from yjsreport.rules.ratings import Rating

R = Rating


def all_no(sample: SampleCounts) -> SampleCounts:
    """The same sample with every relevant answer turned to No."""
    questions = {
        qid: QuestionCount(0, q.yes + q.no, q.not_applicable) for qid, q in sample.questions.items()
    }
    return replace(sample, questions=questions)


def with_samples(inspection: Inspection, **samples: SampleCounts) -> Inspection:
    renamed = {k.replace("_", "-"): v for k, v in samples.items()}
    return replace(inspection, samples={**inspection.samples, **renamed})


def test_governance_limit_caps_1_1(reports: dict[str, Report]) -> None:
    inspection = reports["brackenmoor-2022"].inspection
    poor = with_samples(
        inspection,
        court=all_no(inspection.samples["court"]),
        out_of_court=all_no(inspection.samples["out-of-court"]),
    )
    result, problems = compute(poor)
    governance = result.standard("1.1")
    assert result.governance_limit_applies
    assert (governance.computed, governance.rating, governance.governance_limited) == (
        R.GOOD,
        R.REQUIRES_IMPROVEMENT,
        True,
    )
    # the discretion requested on 2.1 and 2.4 no longer starts from the computed rating
    assert [p.message.split(":")[0] for p in problems] == [
        "discretion on 2.1 is not allowed",
        "discretion on 2.4 is not allowed",
    ]


def test_no_governance_limit_for_the_published_example(reports: dict[str, Report]) -> None:
    result = reports["brackenmoor-2022"].result
    assert not result.governance_limit_applies
    assert result.standard("1.1").rating is R.GOOD


def test_unrated_domain_lowers_the_maximum(reports: dict[str, Report]) -> None:
    inspection = reports["fenwold-2020"].inspection
    columns = inspection.framework.sample_columns("out-of-court")
    result, _ = compute(
        with_samples(inspection, out_of_court=empty_sample("out-of-court", columns))
    )
    unrated = [s.id for s in result.standards() if s.rating is R.NOT_RATED]
    assert unrated == ["3.1", "3.2", "3.3", "3.4"]
    # Fenwold's other eight: 1.x 1+2+1+2, 2.x 3+3+2+2 = 16 out of 24 -> 24 x 36/24 ... Good
    assert (result.score.total, result.score.maximum) == (16, 24)
    assert result.overall is R.GOOD


def all_yes(sample: SampleCounts) -> SampleCounts:
    questions = {
        qid: QuestionCount(q.yes + q.no, 0, q.not_applicable) for qid, q in sample.questions.items()
    }
    return replace(sample, questions=questions)


def test_inadequate_resettlement_stops_outstanding(reports: dict[str, Report]) -> None:
    inspection = reports["brackenmoor-2022"].inspection
    parts = []
    for part in inspection.parts:
        meta = part.meta
        if getattr(meta, "rating", None) is not None:
            rating = "Inadequate" if meta.standard == "4.1" else "Outstanding"
            meta = meta.model_copy(update={"rating": rating})
        parts.append(replace(part, meta=meta))
    excellent = replace(
        with_samples(
            inspection,
            court=all_yes(inspection.samples["court"]),
            out_of_court=all_yes(inspection.samples["out-of-court"]),
        ),
        parts=tuple(parts),
    )
    result, _ = compute(excellent)
    assert (result.score.total, result.score.maximum) == (36, 36)
    assert result.score_rating is R.OUTSTANDING
    assert result.resettlement is R.INADEQUATE
    assert result.overall is R.GOOD
    assert result.resettlement_limited


def test_results_are_the_same_every_time(reports: dict[str, Report]) -> None:
    from yjsreport.engine.export import to_json

    inspection = reports["brackenmoor-2022"].inspection
    assert to_json(compute(inspection)[0]) == to_json(compute(inspection)[0])
