"""A recovery checker: given everything published, try to work out each withheld count.

Written apart from yjsreport/rules/disclosure.py (which decides what to withhold) so
that a fault in the rule's own arithmetic is not repeated here. It knows what a
reader knows: every published count, the bounds each withheld marker implies, and
every published linear relation (a total and its parts, a combined level and its
levels, the annual report's counts and the single reports' counts they sum). Two
attacks: exact (Gaussian elimination in fractions, with the published values on the
right-hand side) and bounds (non-negativity and the markers' bounds, propagated
through the sums). A recovered zero is not counted: it identifies nobody.

Collectors read the built site's JSON downloads and report pages, and the annual
report's typed cells.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from functools import cache
from pathlib import Path

from lxml import html as lxml_html

from yjsreport.annual.aggregates import question_share
from yjsreport.annual.disclosure import ALL, COMBINED, LEVEL_SETS, LEVELS
from yjsreport.annual.model import AnnualReport
from yjsreport.content.vocabulary import ATTRIBUTES
from yjsreport.framework.load import load_frameworks
from yjsreport.project import Report
from yjsreport.site import pages

Key = tuple[str, ...]
Bounds = tuple[int, int | None]

# What a reader learns from each marker, by the words the outputs print or the reason.
BY_TEXT: dict[str, Bounds] = {
    "fewer than three": (1, 2),
    "withheld": (3, None),
    "too few cases to show": (0, None),
}
BY_REASON: dict[str, Bounds] = {
    "small-count": (1, 2),
    "secondary": (3, None),
    "small-sample": (0, None),
}


@dataclass
class Release:
    """Everything published, as a reader can use it."""

    known: dict[Key, int] = field(default_factory=dict)
    withheld: dict[Key, Bounds] = field(default_factory=dict)
    truth: dict[Key, int] = field(default_factory=dict)  # the true withheld counts
    sums: list[tuple[Key, tuple[Key, ...]]] = field(default_factory=list)
    auxiliary: set[Key] = field(default_factory=set)  # unpublished terms of a relation
    conflicts: list[str] = field(default_factory=list)  # one count, two published forms

    def publish(self, key: Key, value: int, where: str) -> None:
        if key in self.withheld:
            self.conflicts.append(f"{key} withheld elsewhere, published as {value} in {where}")
        if key in self.known and self.known[key] != value:
            self.conflicts.append(f"{key} published as {self.known[key]} and {value} ({where})")
        self.known[key] = value

    def withhold(self, key: Key, bounds: Bounds, truth: int | None, where: str) -> None:
        if key in self.known:
            self.conflicts.append(f"{key} published elsewhere, withheld in {where}")
            return
        self.withheld[key] = bounds
        if truth is not None:
            self.truth[key] = truth

    def add_sum(self, total: Key, parts: Iterable[Key]) -> None:
        self.sums.append((total, tuple(parts)))

    def recovered(self) -> dict[Key, int]:
        """Each withheld count a reader can work out, with its value (zeros left out)."""
        equations = []
        for total, parts in self.sums:
            row: dict[Key, int] = {}
            rhs = 0
            for key, c in ((total, 1), *((p, -1) for p in parts)):
                if key in self.known:
                    rhs -= c * self.known[key]
                else:
                    row[key] = row.get(key, 0) + c
            row = {k: c for k, c in row.items() if c}
            if row:
                equations.append((row, rhs))
            elif rhs:
                self.conflicts.append(f"published figures disagree: {total} = sum of {parts}")
        found = {**exact_solutions(equations), **bound_solutions(equations, self.withheld)}
        return {k: v for k, v in found.items() if k in self.withheld and v != 0}


def exact_solutions(equations: Sequence[tuple[dict[Key, int], int]]) -> dict[Key, int]:
    """Unknowns determined by the equations alone, with their values: reduce the
    augmented matrix; a row left with one unknown gives it."""
    rows: list[tuple[dict[Key, Fraction], Fraction]] = [
        ({k: Fraction(c) for k, c in eq.items()}, Fraction(rhs)) for eq, rhs in equations
    ]
    done: list[tuple[dict[Key, Fraction], Fraction]] = []
    columns = sorted({k for eq, _ in rows for k in eq})
    for col in columns:
        index = next((i for i, (eq, _) in enumerate(rows) if eq.get(col)), None)
        if index is None:
            continue
        eq, rhs = rows.pop(index)
        pivot = eq[col]
        eq = {k: v / pivot for k, v in eq.items()}
        rhs = rhs / pivot

        def eliminate(
            pair: tuple[dict[Key, Fraction], Fraction],
            eq: dict[Key, Fraction] = eq,
            rhs: Fraction = rhs,
            col: Key = col,
        ) -> tuple[dict[Key, Fraction], Fraction]:
            other, other_rhs = pair
            f = other.get(col)
            if not f:
                return pair
            merged = {
                k: other.get(k, Fraction(0)) - f * eq.get(k, Fraction(0)) for k in {*other, *eq}
            }
            return {k: v for k, v in merged.items() if v}, other_rhs - f * rhs

        rows = [eliminate(p) for p in rows]
        done = [eliminate(p) for p in done]
        done.append((eq, rhs))
    out = {}
    for eq, rhs in done:
        if len(eq) == 1:
            ((key, c),) = eq.items()
            value = rhs / c
            if value.denominator == 1:
                out[key] = int(value)
    return out


def bound_solutions(
    equations: Sequence[tuple[dict[Key, int], int]], withheld: dict[Key, Bounds]
) -> dict[Key, int]:
    """Unknowns pinned by bounds: each is at least its marker's floor (never negative),
    at most its ceiling; each equation narrows each unknown from the others' ranges."""
    inf = None
    lo: dict[Key, int] = {}
    hi: dict[Key, int | None] = {}
    for eq, _ in equations:
        for k in eq:
            lo[k], hi[k] = withheld.get(k, (0, inf))
    for _ in range(500):
        moved = False
        for eq, rhs in equations:
            for k, c in eq.items():
                if abs(c) != 1:
                    continue
                # c*k = rhs - sum(other terms)
                low = high = Fraction(rhs)
                high_open = low_open = False
                for j, cj in eq.items():
                    if j == k:
                        continue
                    top = hi[j]
                    if cj > 0:  # subtracting cj*j: lowers the top by cj*lo, the bottom by cj*hi
                        high -= cj * lo[j]
                        if top is None:
                            low_open = True
                        else:
                            low -= cj * top
                    else:
                        low -= cj * lo[j]
                        if top is None:
                            high_open = True
                        else:
                            high -= cj * top
                if c < 0:
                    low, high, low_open, high_open = -high, -low, high_open, low_open
                if not low_open and low > lo[k]:
                    lo[k], moved = int(low), True
                if not high_open and (hi[k] is None or high < hi[k]):  # type: ignore[operator]
                    hi[k], moved = int(high), True
        if not moved:
            break
    return {k: lo[k] for k in lo if hi[k] is not None and lo[k] == hi[k]}


# ---------------------------------------------------------------- collectors


@cache
def _framework_values() -> dict[tuple[str, str], tuple[str, ...]]:
    """What a reader knows without any report: the values each sample may hold, from
    the published framework files."""
    frameworks = load_frameworks(Path(__file__).parent.parent / "content" / "frameworks")
    found: dict[tuple[str, str], set[str]] = {}
    for framework in frameworks.values():
        for sample in framework.samples:
            for attribute, values in framework.sample_vocabulary(sample).items():
                found.setdefault((attribute, sample), set()).update(values)
    return {
        key: tuple(v for v in ATTRIBUTES[key[0]].values if v in values)
        for key, values in found.items()
    }


def allowed_values(attribute: str, sample: str) -> tuple[str, ...]:
    """The values of an attribute in a sample, as the framework files allow them."""
    return _framework_values().get((attribute, sample), tuple(ATTRIBUTES[attribute].values))


def single_key(slug: str, sample: str, attribute: str, value: str) -> Key:
    return ("single", slug, sample, attribute, value)


def read_downloads(release: Release, site: Path, reports: Iterable[Report]) -> None:
    """Each report's JSON download, as a reader has it: a listed count is published, a
    marker gives bounds, an unlisted value is zero; a characteristic recorded but not
    listed (a sample too small to break down) is wholly unknown. The counts of each
    characteristic add up to the sample's size, which is published."""
    for report in reports:
        path = site / pages.report_dir(report.slug) / pages.json_name(report.slug)
        data = json.loads(path.read_text(encoding="utf-8"))
        for sample, published in data["samples"].items():
            cases = ("single", report.slug, sample, "cases")
            release.publish(cases, published["cases"], path.name)
            counts = report.result.samples[sample]
            for attribute, recorded in counts.attributes.items():
                listed = published["attributes"].get(attribute)
                keys = []
                for value in allowed_values(attribute, sample):
                    key = single_key(report.slug, sample, attribute, value)
                    keys.append(key)
                    truth = recorded.get(value, 0)
                    if listed is None:
                        release.withhold(key, (0, None), truth, path.name)
                    elif value not in listed:
                        release.publish(key, 0, path.name)
                    elif listed[value]["count"] is not None:
                        release.publish(key, listed[value]["count"], path.name)
                    else:
                        bounds = BY_REASON[listed[value]["suppressed"]]
                        release.withhold(key, bounds, truth, path.name)
                release.add_sum(cases, keys)
        read_subsamples(release, report, data, path.name)


def read_attribute_relations(
    release: Release, key: object, samples: Iterable[tuple[object, str, Iterable[str]]]
) -> None:
    """What the README says of an attribute that applies under another: a placement is
    in-area or out-of-area for a looked-after child and not-looked-after for any other,
    so its counts add up to the looked-after counts. `samples` are (owner, sample, the
    attributes it records); `key(owner, sample, attribute, value)` names a count."""
    for owner, sample, recorded in samples:
        recorded = set(recorded)
        for attribute in recorded:
            vocabulary = ATTRIBUTES[attribute]
            when = vocabulary.applies_when
            if when is None or when[0] not in recorded or vocabulary.not_applicable is None:
                continue
            other, value = when
            own = [v for v in allowed_values(attribute, sample) if v != vocabulary.not_applicable]
            release.add_sum(
                key(owner, sample, other, value),  # type: ignore[operator]
                [key(owner, sample, attribute, v) for v in own],  # type: ignore[operator]
            )
            release.add_sum(
                key(owner, sample, attribute, vocabulary.not_applicable),  # type: ignore[operator]
                [
                    key(owner, sample, other, v)  # type: ignore[operator]
                    for v in allowed_values(other, sample)
                    if v != value
                ],
            )


def _single_relations(release: Release, reports: Iterable[Report]) -> None:
    read_attribute_relations(
        release,
        single_key,
        (
            (r.slug, sample, counts.attributes)
            for r in reports
            for sample, counts in r.result.samples.items()
        ),
    )


def read_subsamples(release: Release, report: Report, data: dict, where: str) -> None:  # type: ignore[type-arg]
    """A key question the framework applies to some values of a characteristic only:
    its published relevant and not-applicable counts are the sums of those values'
    counts and of the others' (where the case data keep to the framework's rule: a
    reader assumes they do, and an assumption that fails recovers nothing true)."""
    published = {
        q["id"]: (q["relevant"], q["not_applicable"])
        for domain in data["domains"]
        for standard in domain["standards"]
        for kq in standard["key_questions"]
        for q in (kq, *kq["prompts"])
    }
    question_relations(release, report, published, where)


def question_relations(
    release: Release, report: Report, published: dict[str, tuple[int, int]], where: str
) -> None:
    """Each published key question's and prompt's relevant and not-applicable counts as
    a reader has them, and, for one the framework applies to some values of a
    characteristic only, as sums of the single report's counts of those values. A
    prompt's counts that follow no declared rule are tied to no characteristic."""
    for domain in report.inspection.framework.domains:
        sample = domain.sample
        if sample is None or sample not in report.result.samples:
            continue
        counts = report.result.samples[sample]
        for standard in domain.standards:
            for kq in (q for k in standard.key_questions for q in (k, *k.prompts)):
                if kq.id not in published:
                    continue
                for what, value in zip(
                    ("relevant", "not_applicable"), published[kq.id], strict=True
                ):
                    key = question_key(report.slug, sample, kq.id, what)
                    release.publish(key, value, where)
                for attribute, values in kq.applies_when:
                    if attribute not in counts.attributes:
                        continue
                    every = allowed_values(attribute, sample)
                    for what, chosen, value in (
                        ("relevant", [v for v in every if v in values], published[kq.id][0]),
                        (
                            "not_applicable",
                            [v for v in every if v not in values],
                            published[kq.id][1],
                        ),
                    ):
                        truth = sum(counts.attributes[attribute].get(v, 0) for v in chosen)
                        if truth != value:
                            continue
                        release.add_sum(
                            question_key(report.slug, sample, kq.id, what),
                            [single_key(report.slug, sample, attribute, v) for v in chosen],
                        )


def question_key(slug: str, sample: str, question: str, what: str) -> Key:
    return ("single", slug, sample, "question", question, what)


def read_key_question_sums(release: Release, annual: AnnualReport) -> int:
    """The annual report's key-question counts summed over its inspections (relevant and
    not-applicable cases, which its tables and references publish): each is the sum of
    the single reports' published counts of that key question, which for keeping other
    people safe are sums of their risk levels' counts, set against the annual risk-level
    tables. Returns how many sums were read."""
    f = annual.figures
    read = 0
    questions = {
        kq.id
        for r in f.results
        for d in report_by_slug[r.slug].inspection.framework.domains
        for s in d.standards
        for kq in s.key_questions
        if kq.applies_when and r.framework_id == f.framework
    }
    for qid in sorted(questions):
        share = question_share(f.results, f.matching, qid)
        for what in ("relevant", "not_applicable"):
            total = ("annual", annual.year, "question", qid, what)
            release.publish(total, getattr(share, what), f"annual {annual.year} {qid}")
            parts = []
            for r in f.results:
                own = f.matching.id_in(r.framework_id, qid)
                q = r.question(own) if own is not None else None
                if q is None:
                    continue
                sample = next(
                    d.sample
                    for d in report_by_slug[r.slug].inspection.framework.domains
                    for s in d.standards
                    for kq in s.key_questions
                    if kq.id == own
                )
                assert sample is not None
                key = question_key(r.slug, sample, own, what)
                release.publish(key, getattr(q, what), f"{r.slug} {own}")
                parts.append(key)
            release.add_sum(total, parts)
            read += 1
    return read


def _implied_count(percent: int, base: int) -> int | None:
    """The count a printed whole percentage of `base` gives, when only one does."""
    fits = [n for n in range(base + 1) if (200 * n + base) // (2 * base) == percent]
    return fits[0] if len(fits) == 1 else None


def read_offence_tables(release: Release, site: Path, reports: Iterable[Report]) -> None:
    """The report page's offence table: a printed share of the cases it counts is a
    count. A table of several samples together (court and resettlement cases) counts,
    for each offence type, the sum of the samples' counts their downloads publish."""
    labels = {text: value for value, text in ATTRIBUTES["offence_type"].values.items()}
    for report in reports:
        page = site / pages.report_dir(report.slug) / "index.html"
        doc = lxml_html.fromstring(page.read_bytes())
        counted = [n for n in report.inspection.format.offence_types if n in report.result.samples]
        name = "+".join(counted)
        base = sum(report.result.samples[n].cases for n in counted)
        truth: dict[str, int] = {}
        for n in counted:
            for value, count in report.result.samples[n].attributes.get("offence_type", {}).items():
                truth[value] = truth.get(value, 0) + count
        for table in doc.iter("table"):
            caption = table.find("caption")
            if caption is None or not caption.text_content().startswith("Offence types"):
                continue
            if len(counted) > 1:
                total = ("single", report.slug, name, "cases")
                release.publish(total, base, f"{page} offence table")
                values = [
                    v
                    for v in ATTRIBUTES["offence_type"].values
                    if any(v in allowed_values("offence_type", n) for n in counted)
                ]
                release.add_sum(
                    total, [single_key(report.slug, name, "offence_type", v) for v in values]
                )
                for v in values:
                    release.add_sum(
                        single_key(report.slug, name, "offence_type", v),
                        [single_key(report.slug, n, "offence_type", v) for n in counted],
                    )
                listed = {
                    labels[row.find("th").text_content().strip()]
                    for row in table.iter("tr")
                    if row.find("th") is not None and len(row.findall("td")) == 1
                }
                for v in values:  # an offence type the table leaves out counts none
                    if v not in listed:
                        release.publish(
                            single_key(report.slug, name, "offence_type", v), 0, str(page)
                        )
            for row in table.iter("tr"):
                head, cells = row.find("th"), row.findall("td")
                if head is None or len(cells) != 1:
                    continue
                text = cells[0].text_content().strip()
                value = labels[head.text_content().strip()]
                key = single_key(report.slug, name, "offence_type", value)
                if m := re.fullmatch(r"(\d+)%", text):
                    n = _implied_count(int(m[1]), base)
                    if n is not None:
                        release.publish(key, n, f"{page} offence table")
                elif text in BY_TEXT:
                    release.withhold(
                        key, BY_TEXT[text], truth.get(value, 0), f"{page} offence table"
                    )


def _cell(release: Release, key: Key, cell: object, where: str) -> None:
    shown, reason, count = cell.shown, cell.reason, cell.count  # type: ignore[attr-defined]
    if shown is None:
        release.withhold(key, BY_REASON[str(reason)], count, where)
    else:
        release.publish(key, shown, where)


def read_annual(release: Release, annual: AnnualReport) -> None:
    """The annual report's typed cells and the relations a reader knows between them and
    the single reports' counts."""
    f = annual.figures
    where = f"annual {annual.year}"
    for (sample, attribute), cells in f.cells.types.items():
        keys = []
        for value, cell in cells.items():
            key = ("annual", annual.year, sample, attribute, value)
            _cell(release, key, cell, where)
            if value != ALL:
                keys.append(key)
                release.add_sum(
                    key,
                    [
                        single_key(r.slug, sample, attribute, value)
                        for r in f.results
                        if sample in r.samples and attribute in r.samples[sample].attributes
                    ],
                )
        release.add_sum(("annual", annual.year, sample, attribute, ALL), keys)
    read_attribute_relations(
        release,
        lambda year, sample, attribute, value: ("annual", year, sample, attribute, value),
        (
            (annual.year, sample, [a for s, a in f.cells.types if s == sample])
            for sample in {s for s, _ in f.cells.types}
        ),
    )
    if f.cells.safety:
        _read_safety(release, annual)
    _read_split(release, annual)
    read_key_question_sums(release, annual)
    for table, per_kq in f.cells.groups.items():
        _read_groups(release, annual, table, per_kq)


def _contributors(annual: AnnualReport, wanted: object) -> list[tuple[str, str]]:
    """(inspection, sample) pairs whose case file the annual report counted for a table."""
    out = []
    for report in annual.figures.results:
        tabs = report_by_slug[report.slug].inspection.samples
        for sample, tab in tabs.items():
            if wanted(report, sample, tab):  # type: ignore[operator]
                out.append((report.slug, sample))
    return out


def _read_groups(release: Release, annual: AnnualReport, table: str, per_kq: dict) -> None:  # type: ignore[type-arg]
    """Group shares: per key question the groups add up to the single reports' totals
    (relevant, 'Yes', not applicable); per group, relevant plus not applicable is the
    group's cases on every key question, the single reports' counts summed."""
    f = annual.figures
    year = annual.year
    sample = "out-of-court" if table == "oocd_sequence" else "court"
    contributors = _contributors(
        annual,
        lambda r, s, tab: s == sample and r.framework_id == f.framework and table in tab.joint,
    )
    members: dict[str, Key] = {}
    for kq, shares in per_kq.items():
        for what in ("yes", "relevant", "not_applicable"):
            total = ("annual", year, "group", table, kq, ALL, what)
            published = sum(  # each single report's own figure for the key question
                getattr(report_by_slug[slug].result.question(kq), what) for slug, _ in contributors
            )
            release.publish(total, published, "single reports")
            keys = []
            for g, share in shares.items():
                key = ("annual", year, "group", table, kq, g, what)
                if what == "not_applicable":
                    release.auxiliary.add(key)
                else:
                    _cell(release, key, getattr(share, what), f"annual {year}")
                keys.append(key)
            release.add_sum(total, keys)
        for g in shares:
            members[g] = ("annual", year, "group", table, "cases", g)
            release.auxiliary.add(members[g])
            both = ("relevant", "not_applicable")
            release.add_sum(members[g], [("annual", year, "group", table, kq, g, w) for w in both])
    levels = ("level-1", "level-2", "level-3")
    grouping = dict.fromkeys(levels, "mappa") if table == "mappa" else {}
    parts: dict[str, list[Key]] = {g: [] for g in members}
    for slug, s in contributors:
        for value in allowed_values(table, s):
            key = single_key(slug, s, table, value)
            if key not in release.known and key not in release.withheld:
                release.auxiliary.add(key)
            group = grouping.get(value, value)
            if group in parts:
                parts[group].append(key)
    for g, keys in parts.items():
        if keys:
            release.add_sum(members[g], keys)


def _read_split(release: Release, annual: AnnualReport) -> None:
    """Disposal types by first or repeat disposal: each row is the annual count of that
    disposal type less the cases of inspections whose files lack the sequence, each
    column the annual count of first or repeat disposals; each cell sums the inspections'
    own splits, which no one publishes."""
    from yjsreport.annual.sequence_split import PAIR, sequence_split

    split = sequence_split(annual.figures.results, annual.figures.cells.types)
    if split is None:
        return
    year, sample = annual.year, split.sample
    kind, sequence = PAIR

    def key(d: str, s: str) -> Key:
        return ("annual", year, "split", d, s)

    for (d, s), cell in split.cells.items():
        _cell(release, key(d, s), cell, f"annual {year} split")
    recording = _contributors(annual, lambda r, s, tab: s == sample and PAIR in tab.pairs)
    lacking = _contributors(annual, lambda r, s, tab: s == sample and PAIR not in tab.pairs)
    for slug, _ in recording:
        for d in split.rows:
            own = [("split", slug, d, s) for s in split.columns]
            release.auxiliary.update(own)
            release.add_sum(single_key(slug, sample, kind, d), own)
        for s in split.columns:
            release.add_sum(
                single_key(slug, sample, sequence, s),
                [("split", slug, d, s) for d in split.rows],
            )
    for d in split.rows:
        for s in split.columns:
            release.add_sum(key(d, s), [("split", slug, d, s) for slug, _ in recording])
        others = [single_key(slug, sample, kind, d) for slug, _ in lacking]
        for k in others:
            if k not in release.known and k not in release.withheld:
                release.auxiliary.add(k)
        if d in split.rest:  # the list of types as published gives these cases apart
            rest = ("annual", year, "split-rest", d)
            _cell(release, rest, split.rest[d], f"annual {year} split")
            release.add_sum(rest, others)
        release.add_sum(
            ("annual", year, sample, kind, d), [*(key(d, s) for s in split.columns), *others]
        )
    for s in split.columns:
        release.add_sum(("annual", year, sample, sequence, s), [key(d, s) for d in split.rows])


def _read_safety(release: Release, annual: AnnualReport) -> None:
    f = annual.figures

    def key(r: str, s: str) -> Key:
        return ("annual", annual.year, "safety", r, s)

    for (r, s), cell in f.cells.safety.items():
        _cell(release, key(r, s), cell, f"annual {annual.year} safety")
    for r in LEVEL_SETS:
        release.add_sum(key(r, ALL), [key(r, s) for s in LEVELS])
        release.add_sum(key(r, COMBINED), [key(r, "high"), key(r, "very-high")])
    for s in (*LEVEL_SETS, ALL):
        release.add_sum(key(COMBINED, s), [key("high", s), key("very-high", s)])
    # the table's rows and columns are the single reports' risk and safety counts,
    # from the inspections whose case files record both
    contributors = _contributors(
        annual, lambda r, s, tab: ("rosh", "safety_wellbeing") in tab.pairs
    )
    for level in LEVELS:
        rosh = [single_key(slug, sample, "rosh", level) for slug, sample in contributors]
        sw = [single_key(slug, sample, "safety_wellbeing", level) for slug, sample in contributors]
        for k in rosh + sw:
            if k not in release.known and k not in release.withheld:
                release.auxiliary.add(k)  # counted, but its report publishes no such count
        release.add_sum(key(level, ALL), rosh)
        column = ("annual", annual.year, "safety", "column", level)
        release.auxiliary.add(column)
        release.add_sum(column, [key(r, level) for r in LEVELS])
        release.add_sum(column, sw)


TYPE_CAPTIONS = {
    "offence type": "offence_type",
    "disposal type": "disposal_type",
    "whether the disposal was the child's first": "oocd_sequence",
    "how the disposal was decided": "decision_basis",
    "who decided the disposal": "decided_by",
    "whether a joint decision was agreed without escalation": "escalation",
    "the assessment that informed the decision": "assessment_tool",
}


def read_annual_page(release: Release, site: Path, annual: AnnualReport) -> int:
    """The annual page's tables of cases by a characteristic, read back as printed: a
    count is published, a marker withholds it (the typed cells must agree, or the
    release records a conflict). Returns how many cells were read."""
    from yjsreport.annual.exhibits.parts import label

    page = site / "annual" / annual.year / "index.html"
    doc = lxml_html.fromstring(page.read_bytes())
    read = 0
    for table in doc.iter("table"):
        caption = table.find("caption")
        if caption is None:
            continue
        m = re.search(r": (Court|Out-of-court) cases by (.+)$", caption.text_content().strip())
        if m is None or m[2] not in TYPE_CAPTIONS:
            continue
        sample, attribute = m[1].lower(), TYPE_CAPTIONS[m[2]]
        values = {label(v): v for v in allowed_values(attribute, sample)}
        for row in table.iter("tr"):
            head, cells = row.find("th"), row.findall("td")
            if head is None or not cells:
                continue
            name = head.text_content().strip()
            value = ALL if name == "All cases" else values[name]
            key = ("annual", annual.year, sample, attribute, value)
            text = cells[0].text_content().strip()
            if text.replace(",", "").isdigit():
                release.publish(key, int(text.replace(",", "")), str(page))
            else:
                release.withhold(key, BY_TEXT[text], None, str(page))
            read += 1
    return read + _read_profile_tables(release, doc, annual, str(page))


def _read_profile_tables(release: Release, doc: object, annual: AnnualReport, where: str) -> int:
    """The caseload profile's tables as printed: each row a count of an annual table, or
    (any disability recorded) the cases less those of its 'none' value; the list of
    disposal types as published: each row a split cell or a type's count."""
    from yjsreport.annual.exhibits.parts import label

    year, read = annual.year, 0
    for table in doc.iter("table"):  # type: ignore[attr-defined]
        caption = table.find("caption")
        if caption is None:
            continue
        text = caption.text_content().strip()
        m = re.search(r": (Court|Out-of-court) cases: characteristics of the children$", text)
        published = re.search(r": (Out-of-court) cases by type of disposal$", text)
        if m is None and published is None:
            continue
        sample = (m or published)[1].lower()  # type: ignore[index]
        names: dict[str, Key] = {}
        if m is not None:
            for attribute in ("looked_after", "placement", "disability", "ethnicity"):
                vocabulary = ATTRIBUTES[attribute]
                if vocabulary.none is not None:
                    key = ("annual", year, sample, attribute, "any")
                    names[vocabulary.any_label] = key
                    release.add_sum(
                        ("annual", year, sample, attribute, ALL),
                        [key, ("annual", year, sample, attribute, vocabulary.none)],
                    )
                    continue
                for value in vocabulary.values:
                    shown = label(value)
                    if vocabulary.applies_when is not None:
                        over = ATTRIBUTES[vocabulary.applies_when[0]].any_label
                        shown += f" (of those {over[:1].lower()}{over[1:]})"
                    else:
                        shown = f"{attribute.capitalize()}: {shown}"
                    names[shown] = ("annual", year, sample, attribute, value)
        else:
            for value in ATTRIBUTES["disposal_type"].values:
                names[label(value)] = ("annual", year, sample, "disposal_type", value)
                names[f"{label(value)} (first or repeat not recorded)"] = (
                    "annual",
                    year,
                    "split-rest",
                    value,
                )
                for s in ATTRIBUTES["oocd_sequence"].values:
                    names[f"{label(value)} ({label(s).lower()})"] = (
                        "annual",
                        year,
                        "split",
                        value,
                        s,
                    )
        for row in table.iter("tr"):
            head, cells = row.find("th"), row.findall("td")
            if head is None or not cells:
                continue
            name = head.text_content().strip()
            if name == "All cases":
                continue
            found = names[name]
            text = cells[0].text_content().strip()
            if text.replace(",", "").isdigit():
                release.publish(found, int(text.replace(",", "")), where)
            else:
                release.withhold(found, BY_TEXT[text], None, where)
            read += 1
    return read


report_by_slug: dict[str, Report] = {}


def audit(
    site: Path | None, reports: Sequence[Report], annuals: Sequence[AnnualReport] = ()
) -> tuple[dict[Key, int], list[str]]:
    """What a reader of everything published could work out, and any count published in
    two forms. With no site, the single reports are read from the typed model."""
    report_by_slug.update({r.slug: r for r in reports})
    release = Release()
    _single_relations(release, reports)
    if site is not None:
        read_downloads(release, site, reports)
        read_offence_tables(release, site, reports)
    else:
        from yjsreport.engine.disclosure import sample_cells

        for report in reports:
            for sample, counts in report.result.samples.items():
                cases = ("single", report.slug, sample, "cases")
                release.publish(cases, counts.cases, "model")
                for attribute, cells in sample_cells(report.slug, counts).items():
                    keys = [single_key(report.slug, sample, attribute, v) for v in cells]
                    for k, cell in zip(keys, cells.values(), strict=True):
                        _cell(release, k, cell, "model")
                    release.add_sum(cases, keys)
            published = {
                q.id: (q.relevant, q.not_applicable)
                for domain in report.result.domains
                for standard in domain.standards
                for kq in standard.key_questions
                for q in (kq, *kq.prompts)
            }
            question_relations(release, report, published, "model")
    for annual in annuals:
        read_annual(release, annual)
    return release.recovered(), release.conflicts


# ---------------------------------------------------------------- charts

_SVG = "{http://www.w3.org/2000/svg}"
_STEP = re.compile(r"([MLmlz])\s*(?:(-?[\d.]+)\s+(-?[\d.]+))?")
_NUMBER = re.compile(r"^-?\d+(?:\.\d+)?%?$")


@dataclass
class ChartMarks:
    """What a chart draws, in the units of its axes: every bar as (x0, x1, y0, y1) and
    every line as its points. An axis whose tick labels are not numbers (categories,
    years) keeps drawing units; a reader still tells its marks apart by position."""

    bars: list[tuple[float, float, float, float]] = field(default_factory=list)
    lines: list[list[tuple[float, float]]] = field(default_factory=list)
    x_numeric: bool = False
    y_numeric: bool = False


def _points(d: str) -> list[list[tuple[float, float]]]:
    """A path's runs of points (a new run at each move)."""
    runs: list[list[tuple[float, float]]] = []
    for op, x, y in _STEP.findall(d):
        if op in "Mm" or not runs:
            runs.append([])
        if x:
            runs[-1].append((float(x), float(y)))
    return [r for r in runs if r]


def _ticks(svg: str, axes: object, axis: str) -> list[tuple[float, str]]:
    """(position, label) of an axis' ticks, the labels read as SVG text or, where the
    chart draws its words as outlines, from the outlines."""
    from yjsreport.site.reader_text import drawn_texts

    groups = [
        g
        for g in axes.iter(f"{_SVG}g")  # type: ignore[attr-defined]
        if re.fullmatch(f"{axis}tick_\\d+", g.get("id", ""))
    ]
    positions, labels = [], []
    for g in groups:
        use = next(g.iter(f"{_SVG}use"), None)
        if use is None:
            continue
        positions.append(float(use.get(axis)))
        text = next(g.iter(f"{_SVG}text"), None)
        labels.append(None if text is None else "".join(text.itertext()))
    if any(label is None for label in labels):
        from lxml import etree

        drawn = []
        for g in groups:
            if next(g.iter(f"{_SVG}use"), None) is None:
                continue
            found = drawn_texts(etree.tostring(g, encoding="unicode"))
            drawn.append(found[0] if found else "")
        labels = drawn
    return list(zip(positions, [str(label) for label in labels], strict=True))


def _scale(ticks: list[tuple[float, str]]) -> tuple[bool, object]:
    """A map from drawing units to the axis' values, where its labels are numbers."""
    numeric = [
        (p, float(label.replace("\u2212", "-").rstrip("%")))
        for p, label in ticks
        if _NUMBER.match(label.replace("\u2212", "-"))
    ]
    if len(numeric) < 2 or len(numeric) != len(ticks):
        return False, lambda v: v
    (p0, v0), (p1, v1) = numeric[0], numeric[-1]
    slope = (v1 - v0) / (p1 - p0)
    return True, lambda p: round(v0 + (p - p0) * slope, 3)


def chart_marks(svg: str) -> ChartMarks:
    """Every bar and line a chart draws (matplotlib's SVG), whatever its kind: bars
    across or up, stacked or side by side, and lines, read from their geometry as a
    reader can, whatever their labels print. The axes' background, spines, grid and
    ticks are left out; so is a figure's key, which is drawn outside the axes."""
    from lxml import etree

    root = etree.fromstring(svg.encode("utf-8"))
    marks = ChartMarks()
    for axes in root.iter(f"{_SVG}g"):
        if not re.fullmatch(r"axes_\d+", axes.get("id", "")):
            continue
        x_numeric, fx = _scale(_ticks(svg, axes, "x"))
        y_numeric, fy = _scale(_ticks(svg, axes, "y"))
        marks.x_numeric, marks.y_numeric = x_numeric, y_numeric
        patches = [g for g in axes if g.get("id", "").startswith("patch_")]
        for index, g in enumerate(patches):
            path = g.find(f"{_SVG}path")
            if path is None or index == 0:  # the first patch is the axes' background
                continue
            runs = _points(path.get("d", ""))
            if len(runs) != 1 or len(runs[0]) != 4 or not path.get("d", "").rstrip().endswith("z"):
                continue  # a spine is a line, not a closed box
            xs = [fx(x) for x, _ in runs[0]]  # type: ignore[operator]
            ys = [fy(y) for _, y in runs[0]]  # type: ignore[operator]
            marks.bars.append((min(xs), max(xs), min(ys), max(ys)))
        for g in axes:
            if not g.get("id", "").startswith("line2d_"):
                continue
            path = g.find(f"{_SVG}path")
            if path is None:
                continue
            for run in _points(path.get("d", "")):
                marks.lines.append([(fx(x), fy(y)) for x, y in run])  # type: ignore[operator]
    return marks


def chart_bar_values(svg: str) -> list[float]:
    """What each bar of a chart says: its length along the axis of values (across for
    bars drawn across, up for bars drawn up)."""
    marks = chart_marks(svg)
    if marks.x_numeric or not marks.y_numeric:
        return [round(x1 - x0, 3) for x0, x1, _, _ in marks.bars]
    return [round(y1 - y0, 3) for _, _, y0, y1 in marks.bars]


CHARTS = {"offence-types": "offence_type", "disposal-types": "disposal_type"}


def _is_services_map(svg: str) -> bool:
    """The map of the services: markers of ratings and a key whose only words are the
    ratings' names, so it publishes no count (any other text makes it read as a chart)."""
    from lxml import etree

    from yjsreport.rules.ratings import Rating

    root = etree.fromstring(svg.encode("utf-8"))
    if not root.xpath("//*[local-name()='g'][@class='markers']"):
        return False
    words = {t.strip() for t in root.xpath("//*[local-name()='text']//text()") if t.strip()}
    return words <= {r.value for r in Rating}


def read_every_chart(release: Release, site: Path, annual: AnnualReport) -> int:
    """Every chart the annual page publishes, whatever its kind, read from its SVG: a
    chart the reader cannot read (no bar and no line found) is recorded as a conflict,
    since what it draws could not be checked. Returns how many charts were read."""
    read = 0
    for path in sorted((site / "annual" / annual.year / "charts").glob("*.svg")):
        svg = path.read_text(encoding="utf-8")
        if _is_services_map(svg):  # ratings of services, no count of cases
            continue
        marks = chart_marks(svg)
        if not marks.bars and not marks.lines:
            release.conflicts.append(f"{path}: no bar or line could be read")
        read += 1
    return read


def read_annual_charts(release: Release, site: Path, annual: AnnualReport) -> int:
    """Each chart of cases by a characteristic, read from its bars: a bar is a count a
    reader has, so its charts draw exactly the nonzero counts the tables publish (a
    bar for a withheld count is recorded as a conflict). Returns how many charts."""
    read = 0
    for name, attribute in CHARTS.items():
        path = site / "annual" / annual.year / "charts" / f"{name}.svg"
        if not path.is_file():
            continue
        drawn = sorted(v for v in chart_bar_values(path.read_text(encoding="utf-8")) if v)
        published = sorted(
            float(cell.shown)
            for (sample, a), cells in annual.figures.cells.types.items()
            if a == attribute
            for value, cell in cells.items()
            if value != ALL and cell.shown
        )
        if drawn != published:
            release.conflicts.append(f"{path} draws {drawn}; the tables publish {published}")
        read += 1
    return read
