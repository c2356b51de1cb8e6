"""Counts that join two facts about the same case, read from the case CSVs.

The annual report sets judgements against case attributes (the safety and
wellbeing level against the risk of serious harm; looked-after children, children
with an education, health and care plan and MAPPA cases against case quality).
A sample's per-question totals cannot give those, so this reads the rows once
more, as yjsreport/content/cases.py does, and keeps only counts: nothing
row-level leaves this module. The CSVs have been validated by then.
"""

from __future__ import annotations

import csv
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from yjsreport.content.cases import ANSWERS, QuestionCount
from yjsreport.content.inspection import CASES_FOLDER, Inspection

# Attributes whose values are set against key-question judgements.
QUALITY_ATTRIBUTES = (
    "looked_after",
    "ehcp",
    "mappa",
    "oocd_sequence",
    "decision_basis",
    "disposal_type",
    "rosh",
)
# Pairs of attributes counted together.
PAIRS = (("rosh", "safety_wellbeing"),)


@dataclass(frozen=True)
class SampleCrosstab:
    """One sample's joint counts: attribute pairs, and key questions by attribute value."""

    pairs: dict[tuple[str, str], Counter[tuple[str, str]]] = field(default_factory=dict)
    # attribute -> value -> key question id -> count
    quality: dict[str, dict[str, dict[str, QuestionCount]]] = field(default_factory=dict)


def read_crosstab(path: Path, key_questions: tuple[str, ...]) -> SampleCrosstab:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = [
            {k.strip(): (v or "").strip() for k, v in row.items() if k is not None}
            for row in csv.DictReader(handle)
        ]
    rows = [r for r in rows if any(r.values())]
    pairs: dict[tuple[str, str], Counter[tuple[str, str]]] = {}
    for a, b in PAIRS:
        if rows and a in rows[0] and b in rows[0]:
            pairs[(a, b)] = Counter((r[a], r[b]) for r in rows)
    tallies: dict[str, dict[str, dict[str, Counter[str]]]] = {}
    for attribute in QUALITY_ATTRIBUTES:
        if not rows or attribute not in rows[0]:
            continue
        by_value = tallies.setdefault(attribute, {})
        for r in rows:
            per_kq = by_value.setdefault(r[attribute], {})
            for kq in key_questions:
                if kq in r:
                    answer = ANSWERS.get(r[kq])
                    per_kq.setdefault(kq, Counter())[str(answer)] += 1
    quality = {
        attribute: {
            value: {kq: QuestionCount(c["True"], c["False"], c["None"]) for kq, c in per_kq.items()}
            for value, per_kq in sorted(by_value.items())
        }
        for attribute, by_value in tallies.items()
    }
    return SampleCrosstab(pairs, quality)


def inspection_crosstabs(inspection: Inspection) -> dict[str, SampleCrosstab]:
    """Joint counts for each sample with a case file."""
    out: dict[str, SampleCrosstab] = {}
    framework = inspection.framework
    for sample in framework.samples:
        path = inspection.folder / CASES_FOLDER / f"{sample}.csv"
        if not path.is_file():
            continue
        kqs = tuple(
            kq.id
            for domain in framework.domains
            if domain.sample == sample
            for standard in domain.standards
            for kq in standard.key_questions
        )
        out[sample] = read_crosstab(path, kqs)
    return out
