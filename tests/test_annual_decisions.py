"""How out-of-court disposals were decided: who decided and whether a joint decision was
agreed without escalation, recounted here from the example's case files with the csv
module, against the annual exhibit, its references and the disclosure rule."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path
from types import SimpleNamespace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import ROOT
from tests.disclosure_audit import Release
from yjsreport.annual.applicable import applicable_share
from yjsreport.annual.disclosure import ALL, annual_cells
from yjsreport.annual.exhibits.registry import REGISTRY
from yjsreport.annual.model import AnnualFigures, collect_annuals
from yjsreport.annual.references import resolve_annual
from yjsreport.annual.sequence_split import sequence_split
from yjsreport.authoring.fictional import DECISIONS_RECORDED_FROM, generate
from yjsreport.content.cases import SampleCounts, read_sample
from yjsreport.engine.disclosure import attribute_cells
from yjsreport.project import Report, load_reports
from yjsreport.prose.references import ReferenceProblem
from yjsreport.rules.banding import printed_percent
from yjsreport.rules.disclosure import READER_BOUNDS, Cell, Reason

EXAMPLE = ROOT / "examples" / "annual" / "content"
SAMPLE_FILE = "out-of-court.csv"  # the example's files, as the test reads them


@pytest.fixture(scope="module")
def example() -> tuple[list[Report], AnnualFigures]:
    reports = load_reports(EXAMPLE)
    annuals, problems = collect_annuals(EXAMPLE, reports, {"2018", "2021"})
    assert problems == []
    return reports, annuals[0].figures


def _recount(figures: AnnualFigures, *columns: str) -> tuple[list[Counter[str]], int, int, int]:
    """Each column's values over the period's case files that record the first of them;
    the inspections that do, those that do not, and the cases of all of them."""
    counts: list[Counter[str]] = [Counter() for _ in columns]
    recording = lacking = cases = 0
    for slug in figures.selection.chosen:
        path = EXAMPLE / "inspections" / slug / "cases" / SAMPLE_FILE
        if not path.exists():
            continue
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        cases += len(rows)
        if columns[0] not in rows[0]:
            lacking += 1
            continue
        recording += 1
        for column, counted in zip(columns, counts, strict=True):
            counted.update(r[column] for r in rows)
    return counts, recording, lacking, cases


def _table(figures: AnnualFigures, caption_end: str) -> dict[str, str]:
    exhibit = REGISTRY["out-of-court-decisions"](figures)
    (table,) = [t for t in exhibit.tables if t.caption.endswith(caption_end)]
    return {row[0].text: row[1].text for row in table.body}


def test_the_exhibit_counts_what_the_case_files_record(
    example: tuple[list[Report], AnnualFigures],
) -> None:
    _, figures = example
    (deciders, escalation), recording, lacking, cases = _recount(
        figures, "decided_by", "escalation"
    )
    # the example has older case files without the columns, and they still load
    assert recording and lacking
    assert _table(figures, "by who decided the disposal") == {
        "A multi-agency panel": str(deciders["panel"]),
        "Jointly by the police and the service": str(deciders["joint"]),
        "The police alone": str(deciders["police"]),
        "Other": str(deciders["other"]),
        "All cases": str(deciders.total()),
    }
    assert _table(figures, "agreed without escalation") == {
        "Agreed without escalation": str(escalation["agreed-without-escalation"]),
        "Escalated": str(escalation["escalated"]),
        "No joint decision": str(escalation["decided-alone"]),
        "All cases": str(escalation.total()),
    }
    exhibit = REGISTRY["out-of-court-decisions"](figures)
    notes = [n for t in exhibit.tables for n in t.notes]
    covers = (
        f"Covers {deciders.total()} of the {cases} out-of-court cases: {recording} of the "
        f"{recording + lacking} inspections in the period recorded who decided"
    )
    assert any(n.startswith(covers) for n in notes), notes
    joint = escalation["agreed-without-escalation"] + escalation["escalated"]
    share = printed_percent(escalation["agreed-without-escalation"], joint)
    assert (
        f"Of the {joint} joint decisions (by the police and the service together, or by a "
        f"panel), {share} per cent were agreed without escalation." in notes
    )


def test_prose_quotes_the_share_of_joint_decisions_agreed_without_escalation(
    example: tuple[list[Report], AnnualFigures],
) -> None:
    _, figures = example
    (_, escalation), _, _, _ = _recount(figures, "decided_by", "escalation")
    joint = escalation["agreed-without-escalation"] + escalation["escalated"]
    agreed = printed_percent(escalation["agreed-without-escalation"], joint)
    everyone = printed_percent(escalation["agreed-without-escalation"], escalation.total())
    assert agreed != everyone  # the two bases give different figures in the example
    ref = "crosstab.escalation.out-of-court.agreed-without-escalation"
    assert resolve_annual(f"{ref}.percent-applicable", figures) == f"{agreed} per cent"
    assert resolve_annual(f"{ref}.percent", figures) == f"{everyone} per cent"
    with pytest.raises(ReferenceProblem, match="expected one of agreed-without-escalation"):
        resolve_annual("crosstab.escalation.out-of-court.decided-alone.percent-applicable", figures)
    with pytest.raises(ReferenceProblem, match="no value saying it does not apply"):
        resolve_annual("crosstab.decided-by.out-of-court.panel.percent-applicable", figures)
    chapter = EXAMPLE / "annual" / "2022" / "chapters" / "05-out-of-court.md"
    text = chapter.read_text(encoding="utf-8")
    assert f"{{{{ {ref}.percent-applicable }}}}" in text
    assert "out-of-court-decisions" in text


def _cell(value: str, count: int, reason: Reason | None = None) -> Cell:
    return Cell(("annual", "out-of-court", "escalation", value), count, None, reason)


def test_no_share_of_joint_decisions_is_given_over_a_withheld_count() -> None:
    published = {
        "agreed-without-escalation": _cell("agreed-without-escalation", 40),
        "escalated": _cell("escalated", 5),
        "decided-alone": _cell("decided-alone", 2, Reason.SMALL_COUNT),
        ALL: _cell(ALL, 47),
    }
    share = applicable_share(published, "escalation", "agreed-without-escalation")
    # the not-applicable count is no part of the base, so its being withheld does not matter
    assert (share.count, share.base, share.percent) == (40, 45, 89)
    hidden = {**published, "escalated": _cell("escalated", 2, Reason.SMALL_COUNT)}
    share = applicable_share(hidden, "escalation", "agreed-without-escalation")
    assert share.percent is None
    assert share.withheld == hidden["escalated"]


def test_the_case_reader_refuses_an_escalation_value_it_does_not_know(tmp_path: Path) -> None:
    path = tmp_path / SAMPLE_FILE
    path.write_text(
        "case,disposal_type,decided_by,escalation\n"
        "X-O01,youth-caution,panel,agreed-without-escalation\n"
        "X-O02,youth-caution,police,not-escalated\n",
        encoding="utf-8",
    )
    counts, problems = read_sample(path, "out-of-court", [])
    assert counts is None
    (problem,) = problems
    assert (problem.line, problem.column) == (3, len("X-O02,youth-caution,police,") + 1)
    assert (
        "column escalation: expected one of agreed-without-escalation, escalated, "
        "decided-alone" in problem.message
    )


def test_the_generator_records_decisions_from_its_date_only(tmp_path: Path) -> None:
    folders = generate(12, 7, tmp_path, frameworks=ROOT / "content" / "frameworks")
    seen = set()
    for folder in folders:
        path = folder / "cases" / SAMPLE_FILE
        header = path.read_text(encoding="utf-8").splitlines()[0].split(",")
        publication = (folder / "inspection.yaml").read_text(encoding="utf-8")
        date = next(
            line.split(": ")[1]
            for line in publication.splitlines()
            if line.startswith("publication_date")
        )
        recorded = date >= DECISIONS_RECORDED_FROM.isoformat()
        assert ("decided_by" in header) is recorded, folder
        assert ("escalation" in header) is recorded, folder
        seen.add(recorded)
    assert seen == {True, False}


def test_disposal_types_split_first_from_repeat_as_the_case_files_record_them(
    example: tuple[list[Report], AnnualFigures],
) -> None:
    from yjsreport.annual.exhibits.parts import label

    _, figures = example
    split: Counter[tuple[str, str]] = Counter()
    for slug in figures.selection.chosen:
        path = EXAMPLE / "inspections" / slug / "cases" / SAMPLE_FILE
        if path.exists():
            with path.open(encoding="utf-8", newline="") as handle:
                split.update(
                    (r["disposal_type"], r["oocd_sequence"]) for r in csv.DictReader(handle)
                )
    exhibit = REGISTRY["disposal-types-first-repeat"](figures)
    (table,) = exhibit.tables
    assert [c.text for c in table.head[0]] == ["Disposal type", "First disposal", "Repeat disposal"]
    printed = {row[0].text: [c.text for c in row[1:]] for row in table.body}
    expected = {
        label(d): [str(split[(d, "first")]), str(split[(d, "repeat")])]
        for d in sorted({d for d, _ in split})
    }
    assert printed == expected
    # a first youth caution apart from a second or later one, as the published figure has
    assert printed["Youth caution"] == [
        str(split[("youth-caution", "first")]),
        str(split[("youth-caution", "repeat")]),
    ]
    # every row adds up to the published table of disposal types (every file records both)
    types = figures.cells.types[("out-of-court", "disposal_type")]
    for d, (first, repeat) in expected.items():
        value = next(v for v in types if v != ALL and label(v) == d)
        assert int(first) + int(repeat) == types[value].shown


# ---------------------------------------------------------------- the split under the rule

_KINDS = ("youth-caution", "community-resolution")
_SEQUENCES = ("first", "repeat")


def _sample(counts: list[int]) -> SampleCounts:
    """An out-of-court sample with its disposal types split by sequence (four counts)."""
    pairs = Counter(
        {(d, s): counts[2 * i + j] for i, d in enumerate(_KINDS) for j, s in enumerate(_SEQUENCES)}
    )
    kinds = {d: sum(pairs[(d, s)] for s in _SEQUENCES) for d in _KINDS}
    sequences = {s: sum(pairs[(d, s)] for d in _KINDS) for s in _SEQUENCES}
    return SampleCounts(
        SPLIT_SAMPLE,
        sum(counts),
        {},
        {
            "disposal_type": {k: v for k, v in kinds.items() if v},
            "oocd_sequence": {k: v for k, v in sequences.items() if v},
        },
        pairs={("disposal_type", "oocd_sequence"): +pairs},
    )


SPLIT_SAMPLE = "out-of-court"


def _publish(release: Release, key: tuple[object, ...], cell: Cell) -> None:
    if cell.shown is None:
        # what a reader knows of a withheld count from its reason, as the rule says it
        # (a small sample's cell may hold any count, a zero too)
        assert cell.reason is not None
        bounds = READER_BOUNDS[cell.reason]
        release.withhold(key, bounds, cell.count, "test")
    else:
        release.publish(key, cell.shown, "test")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(st.integers(0, 6), min_size=4, max_size=4), min_size=1, max_size=4))
def test_the_split_gives_no_withheld_count_away(tables: list[list[int]]) -> None:
    """Random inspections' disposal types split by sequence: the single reports' tables,
    the annual tables of both characteristics and the split, all as published, leave
    nothing withheld that a reader could work out."""
    samples = {f"i{n}": _sample(counts) for n, counts in enumerate(tables)}
    results = [SimpleNamespace(slug=s, samples={SPLIT_SAMPLE: c}) for s, c in samples.items()]
    totals = {
        (SPLIT_SAMPLE, a): dict(
            sum((Counter(c.attributes.get(a, {})) for c in samples.values()), Counter())
        )
        for a in ("disposal_type", "oocd_sequence")
    }
    annual = annual_cells(results, totals, {}, [], {})  # type: ignore[arg-type]
    split = sequence_split(results, annual.types)  # type: ignore[arg-type]
    release = Release()
    for slug, sample in samples.items():
        release.publish(("cases", slug), sample.cases, slug)
        for attribute in ("disposal_type", "oocd_sequence"):
            keys = []
            for value, cell in attribute_cells(slug, sample, attribute).items():
                keys.append(("single", slug, attribute, value))
                _publish(release, keys[-1], cell)
            release.add_sum(("cases", slug), keys)
    for (_, attribute), cells in annual.types.items():
        for value, cell in cells.items():
            if value == ALL:
                continue
            _publish(release, ("annual", attribute, value), cell)
            release.add_sum(
                ("annual", attribute, value), [("single", s, attribute, value) for s in samples]
            )
    if split is None:
        assert not any(sum(t) for t in tables)
        return
    for (d, s), cell in split.cells.items():
        _publish(release, ("split", d, s), cell)
        release.add_sum(("split", d, s), [("own", slug, d, s) for slug in samples])
    for slug in samples:
        for d in split.rows:
            own = [("own", slug, d, s) for s in split.columns]
            release.auxiliary.update(own)
            release.add_sum(("single", slug, "disposal_type", d), own)
        for s in split.columns:
            release.add_sum(
                ("single", slug, "oocd_sequence", s), [("own", slug, d, s) for d in split.rows]
            )
    for d in split.rows:
        release.add_sum(("annual", "disposal_type", d), [("split", d, s) for s in split.columns])
    for s in split.columns:
        release.add_sum(("annual", "oocd_sequence", s), [("split", d, s) for d in split.rows])
    assert release.recovered() == {}
    assert not release.conflicts


# ---------------------------------------------------------------- the types as published


def test_the_types_as_published_split_youth_cautions_only(
    example: tuple[list[Report], AnnualFigures],
) -> None:
    """The published report's single list: youth cautions (the framework file's
    split_types) as first and repeat, every other type whole, unclear or other in a row
    of its own, each with its share of all the out-of-court cases."""
    _, figures = example
    types: Counter[str] = Counter()
    cautions: Counter[str] = Counter()
    for slug in figures.selection.chosen:
        path = EXAMPLE / "inspections" / slug / "cases" / SAMPLE_FILE
        if path.exists():
            with path.open(encoding="utf-8", newline="") as handle:
                for row in csv.DictReader(handle):
                    types[row["disposal_type"]] += 1
                    if row["disposal_type"] == "youth-caution":
                        cautions[row["oocd_sequence"]] += 1
    total = types.total()

    def line(n: int) -> list[str]:
        return [str(n), f"{printed_percent(n, total)}%"]

    exhibit = REGISTRY["disposal-types-as-published"](figures)
    (table,) = exhibit.tables
    printed = {row[0].text: [c.text for c in row[1:]] for row in table.body}
    assert printed == {
        "Community resolution": line(types["community-resolution"]),
        "Youth caution (first)": line(cautions["first"]),
        "Youth caution (repeat)": line(cautions["repeat"]),
        "Youth conditional caution": line(types["youth-conditional-caution"]),
        "Outcome 22": line(types["outcome-22"]),
        "Unclear or other out-of-court disposal": line(types["other-out-of-court"]),
        "All cases": [str(total), "100%"],
    }
    assert cautions.total() == types["youth-caution"]
    assert f"Covers all {total} out-of-court cases" in table.notes[0]
    chapter = EXAMPLE / "annual" / "2022" / "chapters" / "05-out-of-court.md"
    assert "::: exhibit disposal-types-as-published" in chapter.read_text(encoding="utf-8")


def test_what_is_split_comes_from_the_framework_file(
    example: tuple[list[Report], AnnualFigures],
) -> None:
    from dataclasses import replace

    _, figures = example
    assert figures.split_types == {"out-of-court": {"oocd_sequence": ("youth-caution",)}}
    unsplit = replace(figures, split_types={"out-of-court": {"oocd_sequence": ()}})
    (table,) = REGISTRY["disposal-types-as-published"](unsplit).tables
    names = [row[0].text for row in table.body]
    assert "Youth caution" in names and "Youth caution (first)" not in names
    both = replace(
        figures,
        split_types={"out-of-court": {"oocd_sequence": ("youth-caution", "outcome-22")}},
    )
    (table,) = REGISTRY["disposal-types-as-published"](both).tables
    names = [row[0].text for row in table.body]
    assert {"Outcome 22 (first)", "Outcome 22 (repeat)", "Youth caution (repeat)"} <= set(names)


def test_a_framework_file_may_split_types_only_by_what_is_counted_with_them() -> None:
    from pydantic import ValidationError

    from yjsreport.framework.model import SampleKind

    kind = SampleKind(
        id="out-of-court",
        label="out-of-court",
        noun="out-of-court disposals",
        split_types={"oocd_sequence": ("youth-caution",)},
    )
    assert kind.split_types == {"oocd_sequence": ("youth-caution",)}
    with pytest.raises(ValidationError, match="cannot split disposal types by 'gender'"):
        SampleKind(id="x", label="x", noun="x", split_types={"gender": ("youth-caution",)})
    with pytest.raises(ValidationError, match="disposal_type values must be distinct values"):
        SampleKind(id="x", label="x", noun="x", split_types={"oocd_sequence": ("caution",)})


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.lists(st.integers(0, 6), min_size=4, max_size=4), min_size=1, max_size=4),
    st.lists(st.booleans(), min_size=4, max_size=4),
)
def test_the_types_as_published_give_no_withheld_count_away(
    tables: list[list[int]], records: list[bool]
) -> None:
    """Random inspections, some of whose files do not record the sequence: every row of
    the list as published is a cell decided by the rule or a published count less
    published counts, and with everything else published nothing withheld can be
    worked out."""
    from yjsreport.annual.exhibits.out_of_court import published_type_rows

    samples = {}
    for n, counts in enumerate(tables):
        sample = _sample(counts)
        if not records[n]:  # an older file: no sequence column
            sample = SampleCounts(
                sample.name,
                sample.cases,
                {},
                {"disposal_type": sample.attributes["disposal_type"]},
            )
        samples[f"i{n}"] = sample
    results = [SimpleNamespace(slug=s, samples={SPLIT_SAMPLE: c}) for s, c in samples.items()]
    totals = {
        (SPLIT_SAMPLE, a): dict(
            sum((Counter(c.attributes.get(a, {})) for c in samples.values()), Counter())
        )
        for a in ("disposal_type", "oocd_sequence")
    }
    annual = annual_cells(results, totals, {}, [], {})  # type: ignore[arg-type]
    if (SPLIT_SAMPLE, "disposal_type") not in annual.types:
        return
    split = sequence_split(results, annual.types)  # type: ignore[arg-type]
    types = annual.types[(SPLIT_SAMPLE, "disposal_type")]
    rows = published_type_rows(types, split, ("youth-caution",))
    release = Release()
    recording = [s for s, c in samples.items() if "oocd_sequence" in c.attributes]
    for slug, sample in samples.items():
        release.publish(("cases", slug), sample.cases, slug)
        for attribute in sample.attributes:
            keys = []
            for value, cell in attribute_cells(slug, sample, attribute).items():
                keys.append(("single", slug, attribute, value))
                _publish(release, keys[-1], cell)
            release.add_sum(("cases", slug), keys)
    for (_, attribute), cells in annual.types.items():
        for value, cell in cells.items():
            if value == ALL:
                continue
            _publish(release, ("annual", attribute, value), cell)
            release.add_sum(
                ("annual", attribute, value),
                [
                    ("single", s, attribute, value)
                    for s, c in samples.items()
                    if attribute in c.attributes
                ],
            )
    for value, sequence, cell in rows:
        if sequence is not None:
            key: tuple[str, ...] = ("split", value, sequence)
            _publish(release, key, cell)
            release.add_sum(key, [("own", slug, value, sequence) for slug in recording])
            continue
        if split is not None and value == "youth-caution":  # the cases whose files lack it
            key = ("unsplit", value)
            _publish(release, key, cell)
            release.add_sum(
                ("annual", "disposal_type", value),
                [key, *(("split", value, s) for s in split.columns)],
            )
            release.add_sum(
                key, [("single", s, "disposal_type", value) for s in samples if s not in recording]
            )
        else:
            assert cell == types[value]
    if split is not None:
        for slug in recording:
            for d in split.rows:
                own = [("own", slug, d, s) for s in split.columns]
                release.auxiliary.update(own)
                release.add_sum(("single", slug, "disposal_type", d), own)
            for s in split.columns:
                release.add_sum(
                    ("single", slug, "oocd_sequence", s), [("own", slug, d, s) for d in split.rows]
                )
    assert release.recovered() == {}
    assert not release.conflicts


# ---------------------------------------------------------------- AssetPlus


def test_the_assessment_that_informed_the_decision_is_counted_and_quoted(
    example: tuple[list[Report], AnnualFigures],
) -> None:
    """The published report's 'in 28 per cent of cases, AssetPlus was used': the example's
    share recounted from the files that record it, in the decisions exhibit and prose."""
    _, figures = example
    (tools,), recording, lacking, cases = _recount(figures, "assessment_tool")
    assert recording and lacking  # older files lack the column and still load
    assert _table(figures, "by the assessment that informed the decision") == {
        "AssetPlus, the full youth justice assessment": str(tools["assetplus"]),
        "A locally developed assessment tool": str(tools["local-tool"]),
        "No assessment tool": str(tools["no-tool"]),
        "All cases": str(tools.total()),
    }
    exhibit = REGISTRY["out-of-court-decisions"](figures)
    notes = [n for t in exhibit.tables for n in t.notes]
    assert (
        f"Covers {tools.total()} of the {cases} out-of-court cases: {recording} of the "
        f"{recording + lacking} inspections in the period recorded the assessment that "
        "informed the out-of-court decision; the case files of the others do not." in notes
    )
    ref = "crosstab.assessment-tool.out-of-court.assetplus.percent"
    share = printed_percent(tools["assetplus"], tools.total())
    assert resolve_annual(ref, figures) == f"{share} per cent"
    chapter = EXAMPLE / "annual" / "2022" / "chapters" / "05-out-of-court.md"
    assert f"{{{{ {ref} }}}}" in chapter.read_text(encoding="utf-8")


def test_the_generator_records_the_assessment_from_the_decisions_date_only(
    tmp_path: Path,
) -> None:
    folders = generate(12, 7, tmp_path, frameworks=ROOT / "content" / "frameworks")
    seen = set()
    for folder in folders:
        header = (folder / "cases" / SAMPLE_FILE).read_text(encoding="utf-8").splitlines()[0]
        court = (folder / "cases" / "court.csv").read_text(encoding="utf-8").splitlines()[0]
        recorded = "decided_by" in header.split(",")
        assert ("assessment_tool" in header.split(",")) is recorded, folder
        assert "assessment_tool" not in court.split(",")  # the out-of-court sample's own
        assert "placement" in court.split(",") and "ethnicity" in court.split(",")
        seen.add(recorded)
    assert seen == {True, False}
