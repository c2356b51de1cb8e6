"""Disclosure control: which counts of children may be published, decided once.

Case characteristics (gender, ethnicity, offence type, risk levels) describe
children, so no published figure, nor any combination of published figures, may
let one child's record be read off. The published reports print no rule for this;
the rule is ours, the standard practice of official statistics (primary and
secondary cell suppression):

- primary suppression: a breakdown of fewer than five cases is not given at all
  (small sample), and a count of one or two is withheld (small count);
- secondary suppression: further counts are withheld until no withheld count can
  be worked out from what is published, exactly (by adding and subtracting
  published figures: totals, combined levels, the same counts in another report)
  or by bounds (counts are never negative, a small count is one or two, a count
  withheld to protect another is three or more).

A percentage of a published base gives its count away, so a share is published
exactly when its count is. Everything here is arithmetic on integers and
fractions: no I/O, no formatting.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from fractions import Fraction

MIN_BREAKDOWN = 5  # no breakdown of fewer cases
SMALL_COUNT = 3  # counts from one up to this, less one, are withheld

Key = tuple[str, ...]


class Reason(StrEnum):
    """Why a count is withheld; the values are those the downloads print."""

    SMALL_COUNT = "small-count"
    SECONDARY = "secondary"
    SMALL_SAMPLE = "small-sample"


# What a reader who knows this rule learns from each reason: the count's bounds.
READER_BOUNDS: Mapping[Reason, tuple[int, int | None]] = {
    Reason.SMALL_COUNT: (1, SMALL_COUNT - 1),
    Reason.SECONDARY: (SMALL_COUNT, None),
    Reason.SMALL_SAMPLE: (0, None),
}


@dataclass(frozen=True)
class Cell:
    """One count as it may be published: its value, the base a share of it is taken
    over, and, when withheld, why. Outputs print `shown`, never `count`."""

    key: Key
    count: int
    base: int | None = None
    reason: Reason | None = None

    @property
    def published(self) -> bool:
        return self.reason is None

    @property
    def shown(self) -> int | None:
        """The count as published: None when withheld."""
        return self.count if self.reason is None else None


@dataclass(frozen=True)
class Sum:
    """A published linear relation: the count `total` is the sum of `parts`."""

    total: Key
    parts: tuple[Key, ...]


@dataclass(frozen=True)
class Problem:
    """Everything a reader can know about a set of counts.

    `counts` are the counts decided here; `known` are counts published elsewhere
    (sample sizes, another report's figures), fixed; `hidden` are counts withheld
    elsewhere, with the bounds a reader has for them, which must stay unknown too;
    `small_sample` are counts of a breakdown of fewer than five cases; `exempt` are
    counts the small-count rule does not apply to (judgements rather than children's
    characteristics); `linked` are sets of counts published together or not at all
    (a share and its base)."""

    counts: Mapping[Key, int]
    sums: Sequence[Sum]
    known: Mapping[Key, int] = field(default_factory=dict)
    hidden: Mapping[Key, tuple[int, int | None]] = field(default_factory=dict)
    small_sample: frozenset[Key] = frozenset()
    exempt: frozenset[Key] = frozenset()
    linked: Sequence[frozenset[Key]] = ()
    auxiliary: frozenset[Key] = frozenset()  # unpublished terms of a relation, not protected
    hidden_counts: Mapping[Key, int] = field(default_factory=dict)  # the true hidden counts


def protect(problem: Problem) -> dict[Key, Cell]:
    """Primary suppression, then secondary suppression until nothing withheld can be
    recovered; where no choice of further counts protects a set of related counts,
    the whole set is treated as a sample too small to break down.

    A count that the figures published elsewhere already give exactly (the single
    reports' key-question counts of relevant cases, summed over the annual report's
    inspections, give its count of cases at low risk of serious harm) is published as
    it is: withholding it protects nobody and would claim a secrecy the site does not
    have. The others are decided with it known."""
    given = given_elsewhere(problem)
    if given:
        rest = replace(
            problem,
            counts={k: n for k, n in problem.counts.items() if k not in given},
            known={**problem.known, **given},
        )
        cells = protect(rest) if rest.counts else {}
        cells.update({key: Cell(key, n) for key, n in given.items()})
        return dict(sorted(cells.items()))
    reasons: dict[Key, Reason] = {}
    for key, n in problem.counts.items():
        if key in problem.small_sample:
            reasons[key] = Reason.SMALL_SAMPLE
        elif key not in problem.exempt and 0 < n < SMALL_COUNT:
            reasons[key] = Reason.SMALL_COUNT
    _spread_links(problem, reasons, None)
    while exposed := recoverable(problem, reasons):
        target = sorted(exposed)[0]
        choice = _secondary_choice(problem, reasons, target)
        if choice is None:
            group = _component(problem, target)
            for key in group:
                if key in problem.counts:
                    reasons[key] = Reason.SMALL_SAMPLE
            if recoverable(problem, reasons) & group:
                # what others published gives it away: nothing left to withhold here
                _publish_what_is_known(problem, reasons)
                break
            continue
        reasons[choice] = Reason.SECONDARY
        _spread_links(problem, reasons, Reason.SECONDARY)
    return {key: Cell(key, n, reason=reasons.get(key)) for key, n in sorted(problem.counts.items())}


def given_elsewhere(problem: Problem) -> dict[Key, int]:
    """The counts to decide (other than zeros) that a reader works out from the figures
    published elsewhere alone, knowing none of these counts."""
    unknown = {k: Reason.SMALL_SAMPLE for k in problem.counts}
    return {k: problem.counts[k] for k in recoverable(problem, unknown) if k in problem.counts}


def _publish_what_is_known(problem: Problem, reasons: dict[Key, Reason]) -> None:
    """A count withheld here that a reader works out anyway from what others published
    (the sum of two reports' published counts) is published: withholding it protects
    nobody and would claim a secrecy the site does not have. A small count so exposed
    stays withheld, so that the recovery check still reports the exposure. Publishing
    a count a reader can already work out tells nothing new, so all go at once."""
    for key in recoverable(problem, reasons):
        if (
            key in reasons
            and key in problem.counts
            and not 0 < problem.counts[key] < SMALL_COUNT
            and not any(key in group for group in problem.linked)
        ):
            del reasons[key]


def _spread_links(problem: Problem, reasons: dict[Key, Reason], why: Reason | None) -> None:
    for group in problem.linked:
        withheld = [reasons[k] for k in sorted(group) if k in reasons]
        if withheld:
            for key in group:
                if key not in reasons and key in problem.counts:
                    reasons[key] = why or withheld[0]


def _secondary_choice(problem: Problem, reasons: Mapping[Key, Reason], target: Key) -> Key | None:
    """A published count of three or more, sharing a relation with the exposed one (a
    nearer relation first), whose withholding leaves the fewest counts exposed; among
    equals the smallest. None if there is none to withhold."""

    def candidates(keys: Iterable[Key]) -> list[Key]:
        return sorted(
            {
                k
                for k in keys
                if k in problem.counts and k not in reasons and problem.counts[k] >= SMALL_COUNT
            }
        )

    def exposed_after(key: Key) -> int:
        trial = dict(reasons)
        trial[key] = Reason.SECONDARY
        for group in problem.linked:
            if key in group:
                trial.update({k: Reason.SECONDARY for k in group if k not in trial})
        return len(recoverable(problem, trial))

    near = [k for s in problem.sums if target in (s.total, *s.parts) for k in (s.total, *s.parts)]
    for pool in (near, _component(problem, target)):
        found = candidates(pool)
        if found:
            return min(found, key=lambda k: (exposed_after(k), problem.counts[k], k))
    return None


def _component(problem: Problem, start: Key) -> set[Key]:
    by_key: dict[Key, list[tuple[Key, ...]]] = {}
    for s in problem.sums:
        terms = (s.total, *s.parts)
        for key in terms:
            by_key.setdefault(key, []).append(terms)
    seen = {start}
    frontier = [start]
    while frontier:
        for terms in by_key.get(frontier.pop(), ()):
            for other in terms:
                if other not in seen:
                    seen.add(other)
                    frontier.append(other)
    return seen


# ---------------------------------------------------------------- what a reader can recover


def recoverable(problem: Problem, reasons: Mapping[Key, Reason]) -> set[Key]:
    """The withheld counts (here or elsewhere) a reader can work out exactly, other than
    zeros: a zero identifies nobody, as a published zero does not."""
    values: dict[Key, int] = dict(problem.known)
    bounds: dict[Key, tuple[int, int | None]] = dict(problem.hidden)
    for key, n in problem.counts.items():
        if key in reasons:
            bounds[key] = READER_BOUNDS[reasons[key]]
        else:
            values[key] = n
    equations = []
    for s in problem.sums:
        row: dict[Key, int] = {}
        constant = 0  # sum of row[k] * k = constant
        for key, coefficient in ((s.total, 1), *((p, -1) for p in s.parts)):
            if key in values:
                constant -= coefficient * values[key]
            else:
                row[key] = row.get(key, 0) + coefficient
        row = {k: c for k, c in row.items() if c}
        if row:
            equations.append((row, constant))
    truth = {**problem.hidden_counts, **problem.counts}
    return {k for k in derivable(equations, bounds) - problem.auxiliary if truth.get(k) != 0}


def derivable(
    equations: Sequence[tuple[Mapping[Key, int], int]],
    bounds: Mapping[Key, tuple[int, int | None]],
) -> set[Key]:
    """Unknowns fixed by linear equations (exactly) or pinned by bounds."""
    exact = _exact(equations)
    return exact | _pinned(equations, bounds)


def _exact(equations: Sequence[tuple[Mapping[Key, int], int]]) -> set[Key]:
    """An unknown is derivable when its unit vector lies in the row space of the
    equations: in reduced row echelon form, a row with only that unknown."""
    rows = [{k: Fraction(c) for k, c in eq.items()} for eq, _ in equations]
    reduced: list[dict[Key, Fraction]] = []
    for column in sorted({k for eq in rows for k in eq}):
        at = next((i for i, r in enumerate(rows) if column in r), None)
        if at is None:
            continue
        pivot = rows.pop(at)
        scale = pivot[column]
        pivot = {k: v / scale for k, v in pivot.items()}
        for group in (rows, reduced):
            for r in group:
                factor = r.get(column)
                if factor:
                    for k, v in pivot.items():  # r -= factor * pivot, in place
                        new = r.get(k, 0) - factor * v
                        if new:
                            r[k] = new
                        else:
                            r.pop(k, None)
        reduced.append(pivot)
    return {next(iter(r)) for r in reduced if len(r) == 1}


def _pinned(
    equations: Sequence[tuple[Mapping[Key, int], int]],
    bounds: Mapping[Key, tuple[int, int | None]],
) -> set[Key]:
    """Interval propagation: each equation bounds each of its unknowns by the others'
    bounds, repeated until nothing tightens; a count whose bounds meet is known."""
    lo: dict[Key, int] = {}
    hi: dict[Key, int | None] = {}
    for eq, _ in equations:
        for k in eq:
            lo[k], hi[k] = bounds.get(k, (0, None))
    for _ in range(200):
        changed = False
        for eq, constant in equations:
            for k, ck in eq.items():
                if abs(ck) != 1:
                    continue  # every published relation is a plain sum
                # ck * k = constant - sum(others); others' range gives k's range
                low_rest, high_rest = 0, 0
                unbounded_low = unbounded_high = False
                for j, cj in eq.items():
                    if j == k:
                        continue
                    a, b = lo[j], hi[j]
                    if cj > 0:
                        low_rest += cj * a
                        if b is None:
                            unbounded_high = True
                        else:
                            high_rest += cj * b
                    else:
                        high_rest += cj * a
                        if b is None:
                            unbounded_low = True
                        else:
                            low_rest += cj * b
                # ck * k lies in [constant - high_rest, constant - low_rest]
                upper_term = None if unbounded_low else constant - low_rest
                lower_term = None if unbounded_high else constant - high_rest
                if ck > 0:
                    new_lo, new_hi = lower_term, upper_term
                else:
                    new_lo = None if upper_term is None else -upper_term
                    new_hi = None if lower_term is None else -lower_term
                if new_lo is not None and new_lo > lo[k]:
                    lo[k], changed = new_lo, True
                if new_hi is not None and (hi[k] is None or new_hi < hi[k]):  # type: ignore[operator]
                    hi[k], changed = new_hi, True
        if not changed:
            break
    return {k for k in lo if hi[k] is not None and lo[k] >= hi[k]}  # type: ignore[operator]
