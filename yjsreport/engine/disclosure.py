"""What one inspection publishes of its samples' case characteristics: typed cells.

Every output of a single report (the page's offence table, prose references, the
JSON download) reads these cells, so each count is published or withheld the same
way everywhere. The rule itself is yjsreport/rules/disclosure.py; here it is applied
to each characteristic of each sample, whose counts add up to the sample's size.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache

from yjsreport.content.cases import SampleCounts
from yjsreport.content.vocabulary import ATTRIBUTES, allowed_values
from yjsreport.prose.numbers import count_in_words
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
    recoverable,
)

FEWER_THAN_THREE = f"fewer than {count_in_words(SMALL_COUNT)}"
WITHHELD = "withheld"
# How a withheld count reads, in tables and in the current downloads.
WITHHELD_TEXT: Mapping[Reason, str] = {
    Reason.SMALL_COUNT: FEWER_THAN_THREE,
    Reason.SECONDARY: WITHHELD,
    Reason.SMALL_SAMPLE: "too few cases to show",
}
WHY: Mapping[Reason, str] = {
    Reason.SMALL_COUNT: f"it counts fewer than {count_in_words(SMALL_COUNT)} children",
    Reason.SECONDARY: "it would give away a smaller count that is withheld",
    Reason.SMALL_SAMPLE: (
        f"its cases are fewer than {count_in_words(MIN_BREAKDOWN)}, or too thinly spread, to be "
        "broken down by a characteristic without identifying a child"
    ),
}
RULE = (
    "To protect the identity of children, no group of fewer than "
    f"{count_in_words(MIN_BREAKDOWN)} cases is broken down by any characteristic, nor a larger "
    "group whose counts would all be given away (such as six cases of six kinds): its counts "
    f"are shown as ‘{WITHHELD_TEXT[Reason.SMALL_SAMPLE]}’. A count of one or two children is "
    f"shown as ‘{FEWER_THAN_THREE}’, and further counts are ‘{WITHHELD}’ wherever a hidden "
    "count could otherwise be worked out from published figures: from a total, from a "
    "combined level (such as ‘high or very high’), or from the same counts in another report. "
    "A percentage is given only where its count is; a count of none is shown, since it "
    "identifies no one. Where the framework applies a key question only to cases of "
    "some levels of a characteristic (such as a risk level), its "
    "counts of relevant and not-applicable cases are published as the evidence for its "
    "rating, so a count they give away is shown too, and the other counts of that "
    "characteristic are withheld wherever those counts would let them be worked out."
)
RULE_REASONS = (
    "The same counts are withheld in the report’s tables, its text and its data downloads, "
    "so that no child can be identified from any of them, alone or together; where the "
    "Inspectorate’s reports give every share of a small sample (such as offence types), "
    "this report gives only the shares whose counts may be published."
)


def cases_key(slug: str, sample: str) -> Key:
    return (slug, sample, "cases")


def cell_key(slug: str, sample: str, attribute: str, value: str) -> Key:
    return (slug, sample, attribute, value)


def attribute_cells(slug: str, sample: SampleCounts, attribute: str) -> dict[str, Cell]:
    """Every value of one characteristic of one sample (zeros included), as published:
    the counts add up to the sample's size, which the report always gives, and the
    values a sub-sample counts add up to its published size."""
    counts = sample.attributes.get(attribute, {})
    subsamples = tuple(
        (tuple(sorted(s.values)), s.count) for s in sample.subsamples if s.attribute == attribute
    )
    return dict(
        _decided(
            slug,
            sample.name,
            sample.cases,
            attribute,
            tuple(counts.items()),
            subsamples,
            sample.values_of(attribute),
            _base_cells(slug, sample, attribute),
        )
    )


# The published cells of the attribute another applies under (a placement applies to a
# child looked after): its name and each value's count and reason for being withheld.
Base = tuple[str, tuple[tuple[str, int, Reason | None], ...]]


def _base_cells(slug: str, sample: SampleCounts, attribute: str) -> Base | None:
    """The cells, as published, of the attribute `attribute` applies under, where the
    sample records both: its counts are sums of this one's (the looked-after children
    are those placed in area and out of area), so this one is decided with them known."""
    when = ATTRIBUTES[attribute].applies_when
    if when is None or when[0] not in sample.attributes or attribute not in sample.attributes:
        return None
    cells = attribute_cells(slug, sample, when[0])
    return when[0], tuple((v, c.count, c.reason) for v, c in cells.items())


def base_sums(
    attribute: str, other: str, own: Mapping[str, Key], theirs: Mapping[str, Key]
) -> list[Sum]:
    """How an attribute's counts add up to those of the attribute it applies under: the
    cases where it applies are the other's cases of its value (looked-after children are
    those placed in area and out of area), the rest are its not-applicable value's."""
    vocabulary = ATTRIBUTES[attribute]
    assert vocabulary.applies_when is not None and vocabulary.not_applicable is not None
    value = vocabulary.applies_when[1]
    applicable = tuple(own[v] for v in vocabulary.applicable() if v in own)
    rest = tuple(k for v, k in theirs.items() if v != value)
    sums = []
    if value in theirs:
        sums.append(Sum(theirs[value], applicable))
    if vocabulary.not_applicable in own and rest:
        sums.append(Sum(own[vocabulary.not_applicable], rest))
    return sums


def subsample_key(slug: str, sample: str, attribute: str, values: tuple[str, ...]) -> Key:
    return (slug, sample, attribute, "+".join(values))


@lru_cache(maxsize=4096)
def _decided(
    slug: str,
    name: str,
    cases: int,
    attribute: str,
    counts: tuple[tuple[str, int], ...],
    subsamples: tuple[tuple[tuple[str, ...], int], ...] = (),
    values: tuple[str, ...] = (),
    base: Base | None = None,
) -> tuple[tuple[str, Cell], ...]:
    """Decided once per characteristic of a sample, however many outputs ask. A count
    that the published sub-sample sizes give exactly (a key question's relevant cases
    are the cases of medium risk or higher, so the rest are the low-risk cases) is
    published: the key question publishes it already, and withholding it here would
    claim a secrecy the report does not have. Secondary suppression then keeps every
    other withheld count from being worked out with those sizes."""
    recorded = dict(counts)
    keys = {
        cell_key(slug, name, attribute, v): recorded.get(v, 0)
        for v in values or allowed_values(attribute)
    }
    known = {cases_key(slug, name): cases}
    sums = [Sum(cases_key(slug, name), tuple(keys))]
    for values, size in subsamples:
        key = subsample_key(slug, name, attribute, values)
        known[key] = size
        sums.append(Sum(key, tuple(cell_key(slug, name, attribute, v) for v in values)))
    given = _given_by_subsamples(keys, sums, known) if subsamples else {}
    small = cases < MIN_BREAKDOWN
    hidden: dict[Key, tuple[int, int | None]] = {}
    truth: dict[Key, int] = {}
    if base is not None:
        other, other_cells = base
        theirs = {v: cell_key(slug, name, other, v) for v, _, _ in other_cells}
        for v, n, reason in other_cells:
            if reason is None:
                known[theirs[v]] = n
            else:
                hidden[theirs[v]], truth[theirs[v]] = READER_BOUNDS[reason], n
        sums.append(Sum(cases_key(slug, name), tuple(theirs.values())))
        own = {k[-1]: k for k in keys}
        sums.extend(base_sums(attribute, other, own, theirs))
    cells = protect(
        Problem(
            {k: n for k, n in keys.items() if k not in given},
            sums,
            known={**known, **given},
            hidden=hidden,
            hidden_counts=truth,
            small_sample=frozenset(keys) - set(given) if small else frozenset(),
        )
    )
    return tuple(  # in the vocabulary's order
        (
            key[-1],
            Cell(key, n, cases)
            if key in given
            else Cell(key, cells[key].count, cases, cells[key].reason),
        )
        for key, n in keys.items()
    )


def _given_by_subsamples(
    keys: Mapping[Key, int], sums: list[Sum], known: Mapping[Key, int]
) -> dict[Key, int]:
    """The counts a reader works out from the published sizes alone (the sample's and
    its sub-samples'), knowing nothing of the characteristic's own counts."""
    unknown = {k: Reason.SMALL_SAMPLE for k in keys}
    problem = Problem(keys, sums, known=known)
    return {k: keys[k] for k in recoverable(problem, unknown)}


def together_cells(
    slug: str, samples: tuple[SampleCounts, ...], attribute: str
) -> tuple[int, dict[str, Cell]]:
    """One characteristic of several samples counted as one table (a report's offence
    types of its court and resettlement cases together), with the cases it counts. Each
    sample's own counts are published in its download as `attribute_cells` decides
    them; the table's counts are then decided against those, so that no count of the
    table, less a sample's published count, gives away one the sample withholds."""
    if len(samples) == 1:
        return samples[0].cases, attribute_cells(slug, samples[0], attribute)
    parts = tuple(
        (
            s.name,
            s.cases,
            tuple(s.attributes.get(attribute, {}).items()),
            attribute in s.attributes,
            s.values_of(attribute),
        )
        for s in samples
    )
    subsamples = tuple(
        tuple((tuple(sorted(x.values)), x.count) for x in s.subsamples if x.attribute == attribute)
        for s in samples
    )
    decided = _decided_together(slug, attribute, parts, subsamples)
    return sum(s.cases for s in samples), dict(decided)


@lru_cache(maxsize=1024)
def _decided_together(
    slug: str,
    attribute: str,
    parts: tuple[tuple[str, int, tuple[tuple[str, int], ...], bool, tuple[str, ...]], ...],
    subsamples: tuple[tuple[tuple[tuple[str, ...], int], ...], ...],
) -> tuple[tuple[str, Cell], ...]:
    name = "+".join(part[0] for part in parts)
    values = [v for v in ATTRIBUTES[attribute].values if any(v in p[4] for p in parts)]
    cases = sum(part[1] for part in parts)
    counts = {cell_key(slug, name, attribute, v): 0 for v in values}
    known: dict[Key, int] = {cases_key(slug, name): cases}
    hidden: dict[Key, tuple[int, int | None]] = {}
    truth: dict[Key, int] = {}
    sums = [Sum(cases_key(slug, name), tuple(counts))]
    members: dict[str, list[Key]] = {v: [] for v in values}
    for (part, size, recorded, broken_down, allowed), subs in zip(parts, subsamples, strict=True):
        known[cases_key(slug, part)] = size
        own = dict(recorded)
        keys = []
        cells = (
            dict(_decided(slug, part, size, attribute, recorded, subs, allowed))
            if broken_down
            else {}
        )
        for v in allowed:
            key = cell_key(slug, part, attribute, v)
            keys.append(key)
            members[v].append(key)
            counts[cell_key(slug, name, attribute, v)] += own.get(v, 0)
            cell = cells.get(v)
            if cell is not None and cell.published:
                known[key] = own.get(v, 0)
            else:
                reason = cell.reason if cell is not None else Reason.SMALL_SAMPLE
                assert reason is not None
                hidden[key] = READER_BOUNDS[reason]
                truth[key] = own.get(v, 0)
        sums.append(Sum(cases_key(slug, part), tuple(keys)))
    for v in values:
        sums.append(Sum(cell_key(slug, name, attribute, v), tuple(members[v])))
    decided = protect(
        Problem(
            counts,
            sums,
            known=known,
            hidden=hidden,
            hidden_counts=truth,
            small_sample=frozenset(counts) if cases < MIN_BREAKDOWN else frozenset(),
        )
    )
    return tuple(
        (key[-1], Cell(key, decided[key].count, cases, decided[key].reason)) for key in counts
    )


def sample_cells(slug: str, sample: SampleCounts) -> dict[str, dict[str, Cell]]:
    """Every recorded characteristic of a sample, as published."""
    return {a: attribute_cells(slug, sample, a) for a in sample.attributes}


def withheld_text(cell: Cell) -> str:
    assert cell.reason is not None
    return WITHHELD_TEXT[cell.reason]
