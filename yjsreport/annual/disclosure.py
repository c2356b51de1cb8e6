"""What the annual report publishes of children's characteristics: typed cells.

The annual tables sum the single reports' counts over the period, so the rule
(yjsreport/rules/disclosure.py) is applied to them with everything the single
reports publish as known: their published counts fixed, their withheld counts
unknown within the bounds a reader has, their sample sizes known. A count of the
annual report is withheld wherever it, with the single reports, would give a
withheld count away. Every annual table, chart and reference reads these cells.

Judgement figures (cases judged sufficient, relevant cases) sum figures every single
report publishes in full, so they are not counts of a characteristic; they keep the
percentage rule below (no share over fewer than five cases).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from yjsreport.annual import aggregates as agg
from yjsreport.content.cases import SampleCounts
from yjsreport.content.vocabulary import ATTRIBUTES, allowed_values
from yjsreport.engine import disclosure as single
from yjsreport.engine.disclosure import (
    FEWER_THAN_THREE,
    RULE_REASONS,
    attribute_cells,
    base_sums,
    cases_key,
    cell_key,
    subsample_key,
)
from yjsreport.engine.results import InspectionResult
from yjsreport.prose.numbers import count_in_words
from yjsreport.rules.banding import printed_percent
from yjsreport.rules.disclosure import (
    MIN_BREAKDOWN,
    READER_BOUNDS,
    SMALL_COUNT,
    Cell,
    Key,
    Problem,
    Reason,
    Sum,
    protect,
)

__all__ = ["RULE", "AnnualCells", "GroupShare", "GroupSource", "annual_cells", "group_cells"]

MIN_BASE = MIN_BREAKDOWN
SMALL_COUNTS = tuple(range(1, SMALL_COUNT))
SMALL_COUNT_TEXT = FEWER_THAN_THREE
SMALL_BASE_TEXT = f"fewer than {count_in_words(MIN_BASE)} cases"
# The single reports' rule, applied to the annual tables with the single reports'
# figures as known, and the percentage rule of the judgement tables.
RULE = (
    f"{single.RULE} The annual report’s counts are withheld wherever, set against the "
    "single reports’ published figures, they would give a withheld count away. A count "
    "that the single reports’ published figures already give exactly is shown, however "
    "small (such as the cases at low risk of serious harm, which each report’s count of "
    "cases less those the keeping-others-safe question applied to gives): withholding it "
    "would protect no child. No share of "
    f"cases judged sufficient is given over fewer than {count_in_words(MIN_BASE)} cases "
    f"(shown as ‘{SMALL_BASE_TEXT}’). {RULE_REASONS}"
)

LEVELS = ("low", "medium", "high", "very-high")
COMBINED = "high-or-very-high"
LEVEL_SETS: dict[str, tuple[str, ...]] = {
    **{level: (level,) for level in LEVELS},
    COMBINED: ("high", "very-high"),
}
ALL = "all"
TYPE_ATTRIBUTES = (
    "offence_type",
    "disposal_type",
    "oocd_sequence",
    "decision_basis",
    "decided_by",
    "escalation",
    "assessment_tool",
)
SAFETY_PAIR = ("rosh", "safety_wellbeing")


@dataclass(frozen=True)
class GroupShare:
    """A group's share of cases judged sufficient: published with its base or not at all."""

    yes: Cell
    relevant: Cell

    @property
    def published(self) -> bool:
        return self.yes.published and self.relevant.published

    @property
    def percent(self) -> int | None:
        if not self.published or not self.relevant.count:
            return None
        return printed_percent(self.yes.count, self.relevant.count)


@dataclass(frozen=True)
class AnnualCells:
    # (sample, attribute) -> value (or "all" for the total) -> cell
    types: dict[tuple[str, str], dict[str, Cell]]
    # (risk of serious harm level or set, safety and wellbeing level or set, or "all")
    safety: dict[tuple[str, str], Cell]
    # group table (looked_after, ehcp, mappa, oocd_sequence) -> key question -> group
    groups: dict[str, dict[str, dict[str, GroupShare]]]


# ---------------------------------------------------------------- what the single reports say


def _single(
    slug: str,
    sample: SampleCounts,
    attribute: str,
    known: dict[Key, int],
    hidden: dict[Key, tuple[int, int | None]],
    truth: dict[Key, int],
) -> list[Sum]:
    """One single report's counts of a characteristic as a reader has them, and the sums
    they are published in: the sample's size, and the relevant and not-applicable cases
    of each key question the framework applies to some of its values only (keeping
    other people safe: the cases of medium risk of serious harm or higher). Those key
    questions' counts are published in the single report and summed in the annual
    report, so a withheld annual count is decided against them too."""
    cells = attribute_cells(slug, sample, attribute)
    for cell in cells.values():
        if cell.shown is None:
            assert cell.reason is not None
            hidden[cell.key] = READER_BOUNDS[cell.reason]
            truth[cell.key] = cell.count
        else:
            known[cell.key] = cell.shown
    known[cases_key(slug, sample.name)] = sample.cases
    sums = [Sum(cases_key(slug, sample.name), tuple(c.key for c in cells.values()))]
    for sub in sample.subsamples:
        if sub.attribute != attribute:
            continue
        values = tuple(sorted(sub.values))
        key = subsample_key(slug, sample.name, attribute, values)
        known[key] = sub.count
        sums.append(Sum(key, tuple(cell_key(slug, sample.name, attribute, v) for v in values)))
    return sums


def _values_in(samples: Iterable[SampleCounts | None], attribute: str) -> tuple[str, ...]:
    """The values an attribute may take in any of these samples (one sample's name in
    several inspections, perhaps of different frameworks), in the vocabulary's order."""
    allowed = {v for s in samples if s is not None for v in s.values_of(attribute)}
    return tuple(v for v in allowed_values(attribute) if v in allowed) or allowed_values(attribute)


def _type_cells(
    results: Sequence[InspectionResult],
    sample: str,
    attribute: str,
    counts: Mapping[str, int],
    tables: Mapping[tuple[str, str], Mapping[str, Cell]] | None = None,
) -> dict[str, Cell]:
    """An annual table of cases by one characteristic. Where it applies under another
    (a placement, to a looked-after child), the other's annual table (in `tables`) and
    the single reports' counts of both are set against it too."""
    values = _values_in((r.samples.get(sample) for r in results), attribute)
    mine = {v: ("annual", sample, attribute, v) for v in values}
    total = ("annual", sample, attribute, ALL)
    known: dict[Key, int] = {}
    hidden: dict[Key, tuple[int, int | None]] = {}
    truth: dict[Key, int] = {}
    sums = [Sum(total, tuple(mine.values()))]
    contributors = [
        r for r in results if sample in r.samples and attribute in r.samples[sample].attributes
    ]
    for r in contributors:
        sums.extend(_single(r.slug, r.samples[sample], attribute, known, hidden, truth))
    sums.extend(reports_sum(mine[v], sample, attribute, v, contributors) for v in values)
    when = ATTRIBUTES[attribute].applies_when
    if when is not None:
        sums.extend(_base_relations(sample, attribute, when[0], contributors, known, hidden, truth))
        theirs = (tables or {}).get((sample, when[0]))
        if theirs:
            for cell in theirs.values():
                as_read(cell, known, hidden, truth)
            parts = {v: c.key for v, c in theirs.items() if v != ALL}
            sums.append(Sum(theirs[ALL].key, tuple(parts.values())))
            sums.extend(base_sums(attribute, when[0], mine, parts))
    n = sum(counts.values())
    decided: dict[Key, int] = {mine[v]: counts.get(v, 0) for v in values}
    known[total] = n
    cells = protect_annual(decided, sums, known, hidden, truth, base=n)
    out = {v: _with_base(cells[mine[v]], n) for v in values}
    out[ALL] = Cell(total, n, n)
    return out


def as_read(
    cell: Cell,
    known: dict[Key, int],
    hidden: dict[Key, tuple[int, int | None]],
    truth: dict[Key, int],
) -> None:
    """A published cell as a reader has it: its count, or the bounds of a withheld one."""
    if cell.shown is None:
        assert cell.reason is not None
        hidden[cell.key], truth[cell.key] = READER_BOUNDS[cell.reason], cell.count
    else:
        known[cell.key] = cell.shown


def _base_relations(
    sample: str,
    attribute: str,
    other: str,
    contributors: Sequence[InspectionResult],
    known: dict[Key, int],
    hidden: dict[Key, tuple[int, int | None]],
    truth: dict[Key, int],
) -> list[Sum]:
    """Each single report's counts of the attribute `attribute` applies under, as
    published, and how they add up to its own counts."""
    sums: list[Sum] = []
    for r in contributors:
        counts = r.samples[sample]
        if other not in counts.attributes:
            continue
        sums.extend(_single(r.slug, counts, other, known, hidden, truth))
        own = {v: cell_key(r.slug, sample, attribute, v) for v in counts.values_of(attribute)}
        theirs = {v: cell_key(r.slug, sample, other, v) for v in counts.values_of(other)}
        sums.extend(base_sums(attribute, other, own, theirs))
    return sums


def reports_sum(
    key: Key, sample: str, attribute: str, value: str, reports: Iterable[InspectionResult]
) -> Sum:
    """An annual count as the single reports' published counts add up to it."""
    return Sum(key, tuple(cell_key(r.slug, sample, attribute, value) for r in reports))


def protect_annual(
    decided: Mapping[Key, int],
    sums: Sequence[Sum],
    known: Mapping[Key, int],
    hidden: Mapping[Key, tuple[int, int | None]],
    truth: Mapping[Key, int],
    base: int,
    auxiliary: frozenset[Key] = frozenset(),
) -> dict[Key, Cell]:
    """The rule on an annual breakdown of `base` cases, against the single reports'
    counts: a breakdown of fewer than MIN_BASE cases is too small to give at all."""
    return protect(
        Problem(
            decided,
            sums,
            known=known,
            hidden=hidden,
            hidden_counts=truth,
            small_sample=frozenset(decided) if base < MIN_BASE else frozenset(),
            auxiliary=auxiliary,
        )
    )


def _with_base(cell: Cell, base: int) -> Cell:
    return Cell(cell.key, cell.count, base, cell.reason)


def _safety_cells(
    counts: Mapping[tuple[str, str], int],
    contributors: Iterable[tuple[str, str, SampleCounts | None]],
) -> dict[tuple[str, str], Cell]:
    columns = (*LEVEL_SETS, ALL)

    def key(r: str, s: str) -> Key:
        return ("annual", "safety", r, s)

    def count(r: str, s: str) -> int:
        sw = LEVELS if s == ALL else LEVEL_SETS[s]
        return sum(counts.get((a, b), 0) for a in LEVEL_SETS[r] for b in sw)

    decided = {key(r, s): count(r, s) for r in LEVEL_SETS for s in columns}
    sums = []
    for r in LEVEL_SETS:
        sums.append(Sum(key(r, ALL), tuple(key(r, s) for s in LEVELS)))
        sums.append(Sum(key(r, COMBINED), (key(r, "high"), key(r, "very-high"))))
    for s in columns:
        sums.append(Sum(key(COMBINED, s), (key("high", s), key("very-high", s))))
    known: dict[Key, int] = {}
    hidden: dict[Key, tuple[int, int | None]] = {}
    truth: dict[Key, int] = {}
    rosh_parts: dict[str, list[Key]] = {level: [] for level in LEVELS}
    sw_parts: dict[str, list[Key]] = {level: [] for level in LEVELS}
    auxiliary: set[Key] = set()
    for slug, name, sample in contributors:
        for attribute, parts in zip(SAFETY_PAIR, (rosh_parts, sw_parts), strict=True):
            if sample is not None and attribute in sample.attributes:
                sums.extend(_single(slug, sample, attribute, known, hidden, truth))
            else:  # counted from its case file, but its report publishes no such counts
                auxiliary.update(cell_key(slug, name, attribute, level) for level in LEVELS)
            for level in LEVELS:
                parts[level].append(cell_key(slug, name, attribute, level))
    for level in LEVELS:
        if rosh_parts[level]:
            sums.append(Sum(key(level, ALL), tuple(rosh_parts[level])))
        if sw_parts[level]:  # the column's total, published by no one, links both
            column = ("annual", "safety", "column", level)
            auxiliary.add(column)
            sums.append(Sum(column, tuple(key(r, level) for r in LEVELS)))
            sums.append(Sum(column, tuple(sw_parts[level])))
    small = frozenset(
        key(r, s) for r in LEVEL_SETS for s in LEVEL_SETS if decided[key(r, ALL)] < MIN_BASE
    )
    cells = protect(
        Problem(
            decided,
            sums,
            known=known,
            hidden=hidden,
            hidden_counts=truth,
            small_sample=small,
            auxiliary=frozenset(auxiliary),
        )
    )
    return {
        (r, s): _with_base(cells[key(r, s)], decided[key(r, ALL)])
        for r in LEVEL_SETS
        for s in columns
    }


@dataclass(frozen=True)
class GroupSource:
    """Where a group table's cases come from: the sample, the attribute, how its values
    form groups (every MAPPA level is one group), and the inspections counted, each with
    its sample's counts as its report publishes them (None: counted from the case file,
    but not among the report's counts)."""

    sample: str
    attribute: str
    grouping: Mapping[str, str]
    contributors: Sequence[tuple[str, SampleCounts | None]]


def group_cells(
    table: str,
    groups: Mapping[str, Mapping[str, agg.Share]],
    source: GroupSource | None = None,
    published: tuple[Mapping[str, Cell], Sequence[InspectionResult]] | None = None,
) -> dict[str, dict[str, GroupShare]]:
    """Each group's share of each key question, decided for the whole table at once: the
    groups' relevant, 'Yes' and not-applicable counts add up to the key question's,
    which the single reports publish, and a group's relevant and not-applicable cases
    add up to the group's cases on every key question alike, which are the single
    reports' counts of that characteristic summed. `published` is the annual table of
    the same characteristic, if there is one, with the inspections it sums: its counts
    are known too (first and repeat out-of-court disposals)."""
    kqs = sorted({k for per in groups.values() for k in per})
    shares = {kq: {g: groups[g].get(kq, agg.NO_SHARE) for g in groups} for kq in kqs}

    def key(kq: str, g: str, what: str) -> Key:
        return ("annual", "group", table, kq, g, what)

    decided: dict[Key, int] = {}
    known: dict[Key, int] = {}
    hidden: dict[Key, tuple[int, int | None]] = {}
    truth: dict[Key, int] = {}
    auxiliary: set[Key] = set()
    sums: list[Sum] = []
    members = {g: ("annual", "group", table, "cases", g) for g in groups}
    auxiliary.update(members.values())
    for kq, per in shares.items():
        for g, sh in per.items():
            decided[key(kq, g, "relevant")] = sh.relevant
            decided[key(kq, g, "yes")] = sh.yes
            auxiliary.add(key(kq, g, "not_applicable"))
            sums.append(Sum(members[g], (key(kq, g, "relevant"), key(kq, g, "not_applicable"))))
        for what in ("relevant", "yes", "not_applicable"):
            total = ("annual", "group", table, kq, ALL, what)
            known[total] = sum(getattr(sh, what) for sh in per.values())
            sums.append(Sum(total, tuple(key(kq, g, what) for g in per)))
    if source is not None:
        parts: dict[str, list[Key]] = {g: [] for g in groups}
        every = _values_in((s for _, s in source.contributors), source.attribute)
        for slug, sample in source.contributors:
            values = every if sample is None else sample.values_of(source.attribute)
            if sample is not None and source.attribute in sample.attributes:
                sums.extend(_single(slug, sample, source.attribute, known, hidden, truth))
            else:
                auxiliary.update(cell_key(slug, source.sample, source.attribute, v) for v in values)
            for v in values:
                group = source.grouping.get(v, v)
                if group in parts:
                    parts[group].append(cell_key(slug, source.sample, source.attribute, v))
        sums.extend(Sum(members[g], tuple(p)) for g, p in parts.items() if p)
        if published is not None:
            table_cells, results = published
            counted = {slug for slug, _ in source.contributors}
            for r in results:
                sample = r.samples.get(source.sample)
                if r.slug in counted or sample is None or source.attribute not in sample.attributes:
                    continue
                sums.extend(_single(r.slug, sample, source.attribute, known, hidden, truth))
            for value, cell in table_cells.items():
                if value == ALL:
                    continue
                if cell.shown is None:
                    assert cell.reason is not None
                    hidden[cell.key], truth[cell.key] = READER_BOUNDS[cell.reason], cell.count
                else:
                    known[cell.key] = cell.shown
                everyone = [
                    cell_key(r.slug, source.sample, source.attribute, value)
                    for r in results
                    if source.sample in r.samples
                    and source.attribute in r.samples[source.sample].attributes
                ]
                sums.append(Sum(cell.key, tuple(everyone)))
    cells = protect(
        Problem(
            decided,
            sums,
            known=known,
            hidden=hidden,
            hidden_counts=truth,
            small_sample=frozenset(
                key(kq, g, w)
                for kq, per in shares.items()
                for g, sh in per.items()
                if 0 < sh.relevant < MIN_BASE
                for w in ("relevant", "yes")
            ),
            exempt=frozenset(key(kq, g, "yes") for kq in kqs for g in groups),
            linked=[
                frozenset({key(kq, g, "relevant"), key(kq, g, "yes")}) for kq in kqs for g in groups
            ],
            auxiliary=frozenset(auxiliary),
        )
    )
    return {
        kq: {
            g: GroupShare(
                _with_base(cells[key(kq, g, "yes")], sh.relevant), cells[key(kq, g, "relevant")]
            )
            for g, sh in per.items()
        }
        for kq, per in shares.items()
    }


def annual_cells(
    results: Sequence[InspectionResult],
    attributes: Mapping[tuple[str, str], Mapping[str, int]],
    safety_by_risk: Mapping[tuple[str, str], int],
    safety_contributors: Iterable[tuple[str, str, SampleCounts | None]],
    groups: Mapping[str, tuple[Mapping[str, Mapping[str, agg.Share]], GroupSource | None]],
) -> AnnualCells:
    """Every count of a characteristic the annual report may show, decided once: the
    tables of cases by a characteristic first, then the group shares with them known."""
    types: dict[tuple[str, str], dict[str, Cell]] = {}
    # an attribute that applies under another (a placement) is decided after it
    for (sample, attribute), counts in sorted(
        attributes.items(), key=lambda item: ATTRIBUTES[item[0][1]].applies_when is not None
    ):
        if counts:
            types[(sample, attribute)] = _type_cells(results, sample, attribute, counts, types)
    types = {key: types[key] for key in attributes if key in types}  # in the figures' order

    def beside(
        source: GroupSource | None,
    ) -> tuple[Mapping[str, Cell], Sequence[InspectionResult]] | None:
        if source is None or (source.sample, source.attribute) not in types:
            return None
        return types[(source.sample, source.attribute)], results

    return AnnualCells(
        types=types,
        safety=_safety_cells(safety_by_risk, safety_contributors) if safety_by_risk else {},
        groups={
            table: group_cells(table, g, source, beside(source))
            for table, (g, source) in groups.items()
        },
    )


# ---------------------------------------------------------------- judgement figures


@dataclass(frozen=True)
class JudgedShare:
    """A share of cases judged sufficient, as it may be published: `percent` over `base`
    cases, withheld (`reason`) where the base is too small; nothing to show with no
    cases."""

    percent: int | None
    base: int
    reason: Reason | None = None

    @property
    def shown(self) -> int | None:
        return None if self.reason is not None or not self.base else self.percent


def judged_count(n: int) -> Cell:
    """A count of judged cases as it may be published: one or two are withheld."""
    return Cell(("judged",), n, reason=Reason.SMALL_COUNT if n in SMALL_COUNTS else None)


def judged_share(percent: int | None, base: int) -> JudgedShare:
    """A percentage over `base` cases as it may be published."""
    small = 0 < base < MIN_BASE and percent is not None
    return JudgedShare(percent, base, Reason.SMALL_SAMPLE if small else None)
