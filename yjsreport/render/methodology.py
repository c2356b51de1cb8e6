"""Facts for the methodology annexe, read from the rules themselves.

The annexe is generated from the same constants the engine applies, so it
cannot describe a different scale or number of standards than was used.
"""

from __future__ import annotations

from dataclasses import dataclass

from yjsreport.engine.results import InspectionResult
from yjsreport.rules.banding import BANDS
from yjsreport.rules.discretion import NEAR_BOUNDARY_POINTS, SMALL_SAMPLE_MAX
from yjsreport.rules.governance import GOVERNANCE_CAP, GOVERNANCE_STANDARD
from yjsreport.rules.overall import FULL_SCALE, band_ranges
from yjsreport.rules.ratings import Rating


@dataclass(frozen=True)
class BandRow:
    label: str
    share: str
    rating: Rating


@dataclass(frozen=True)
class ScoreRow:
    low: int
    high: int
    rating: Rating


@dataclass(frozen=True)
class MethodFacts:
    bands: tuple[BandRow, ...]
    core_standards: int
    rated_standards: int
    maximum: int
    full_scale: int
    score_rows: tuple[ScoreRow, ...]
    reduced_rows: tuple[ScoreRow, ...]
    near_points: int
    small_sample: int
    governance_standard: str
    governance_cap: Rating
    qualitative: tuple[str, ...]
    has_resettlement: bool
    score_values: tuple[tuple[Rating, int], ...]
    minimum_sample: int


def _band_rows() -> tuple[BandRow, ...]:
    rows = []
    ordered = sorted(BANDS, key=lambda b: b.floor)
    for i, band in enumerate(ordered):
        upper = ordered[i + 1].floor if i + 1 < len(ordered) else None
        if band.floor == 0:
            share = f"under {upper}%"
        elif upper is None:
            share = f"{band.floor}% or more"
        else:
            share = f"{band.floor}% or more, under {upper}%"
        rows.append(BandRow(band.label, share, band.rating))
    return tuple(rows)


def _score_rows(maximum: int) -> tuple[ScoreRow, ...]:
    return tuple(ScoreRow(low, high, r) for low, high, r in band_ranges(maximum))


def facts(result: InspectionResult, minimum_sample: int = 0) -> MethodFacts:
    standards = result.standards()
    core = [s for s in standards if s.scored]
    maximum = result.score.maximum
    return MethodFacts(
        bands=_band_rows(),
        core_standards=len(core),
        rated_standards=result.score.rated_standards,
        maximum=maximum,
        full_scale=3 * len(core),
        score_rows=_score_rows(FULL_SCALE),
        reduced_rows=_score_rows(maximum) if 0 < maximum < FULL_SCALE else (),
        near_points=NEAR_BOUNDARY_POINTS,
        small_sample=SMALL_SAMPLE_MAX,
        governance_standard=GOVERNANCE_STANDARD,
        governance_cap=GOVERNANCE_CAP,
        qualitative=tuple(s.id for s in standards if not s.is_case),
        has_resettlement=any(not s.scored for s in standards),
        score_values=tuple((r, r.score) for r in Rating.scored()),
        minimum_sample=minimum_sample,
    )
