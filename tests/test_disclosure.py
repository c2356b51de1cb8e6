"""Disclosure control: the four published ways of reading one child off the site are
closed, random tables leave nothing recoverable after suppression, and the built
example site and annual report publish nothing from which a withheld count follows.

The recovery checker (tests/disclosure_audit.py) is written apart from the rule."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import edit
from tests.disclosure_audit import (
    Release,
    audit,
    chart_bar_values,
    read_annual,
    read_annual_charts,
    read_annual_page,
    read_every_chart,
    read_key_question_sums,
)
from yjsreport.annual.disclosure import annual_cells
from yjsreport.annual.references import resolve_annual
from yjsreport.cli import main
from yjsreport.content.cases import SampleCounts
from yjsreport.engine.disclosure import attribute_cells
from yjsreport.project import load_reports
from yjsreport.prose.references import ReferenceProblem, resolve
from yjsreport.render.figures import attribute_shares
from yjsreport.rules.disclosure import Problem, Reason, Sum, protect
from yjsreport.site import pages

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "annual"
BRK = Path("content/inspections/brackenmoor-2022")
OFFENCES = (
    "violence-against-the-person",
    "robbery",
    "burglary",
    "criminal-damage",
    "drugs-offences",
)


def _court(counts: dict[str, int]) -> SampleCounts:
    return SampleCounts("court", sum(counts.values()), {}, {"offence_type": counts})


# ---------------------------------------------------------------- the four attacks


@pytest.fixture(scope="module")
def example_annual():  # type: ignore[no-untyped-def]
    from yjsreport.annual.site import load_annuals

    content = EXAMPLE / "content"
    reports = load_reports(content)
    return reports, load_annuals(content, reports, drafts=False)[0]


def test_a_combined_level_minus_a_level_gives_no_hidden_count(example_annual) -> None:  # type: ignore[no-untyped-def]
    """'high or very high' minus 'high' was the hidden 'very high' count of one."""
    reports, annual = example_annual
    f = annual.figures
    assert f.cells.safety[("very-high", "low")].count == 1
    quoted = {}
    for ref in ("high-or-very-high.low", "high.low", "very-high.low"):
        try:
            quoted[ref] = resolve_annual(f"crosstab.safety-by-risk.{ref}", f)
        except ReferenceProblem as exc:
            assert "is not published" in str(exc) and "disclosure rule" in str(exc)
    # the combined level may be quoted, so 'high' may not: one of the pair is withheld
    assert "very-high.low" not in quoted
    assert not {"high-or-very-high.low", "high.low"} <= quoted.keys()
    recovered, conflicts = audit(None, reports, [annual])
    assert not [k for k in recovered if "safety" in k], recovered
    assert not conflicts


def test_the_annual_total_less_the_single_reports_pins_nothing() -> None:
    """Three inspections; one withholds its one robbery: the annual column would be
    that one plus the published others, so the annual column is withheld too."""
    samples = {
        "a": _court({"violence-against-the-person": 9, "robbery": 1, "burglary": 2}),
        "b": _court({"violence-against-the-person": 7, "robbery": 4, "burglary": 3}),
        "c": _court({"violence-against-the-person": 8, "robbery": 5, "burglary": 6}),
    }
    results = [SimpleNamespace(slug=s, samples={"court": c}) for s, c in samples.items()]
    totals = {
        v: sum(c.attributes["offence_type"].get(v, 0) for c in samples.values())
        for v in ("violence-against-the-person", "robbery", "burglary")
    }
    cells = annual_cells(results, {("court", "offence_type"): totals}, {}, [], {})  # type: ignore[arg-type]
    annual = cells.types[("court", "offence_type")]
    assert annual["robbery"].reason is Reason.SECONDARY
    release = Release()
    for slug, sample in samples.items():
        keys = []
        for value, cell in attribute_cells(slug, sample, "offence_type").items():
            key = ("single", slug, "court", "offence_type", value)
            keys.append(key)
            if cell.shown is None:
                release.withhold(
                    key,
                    (1, 2) if cell.reason is Reason.SMALL_COUNT else (3, None),
                    cell.count,
                    slug,
                )
            else:
                release.publish(key, cell.shown, slug)
        release.publish(("single", slug, "cases"), sample.cases, slug)
        release.add_sum(("single", slug, "cases"), keys)
    for value, cell in annual.items():
        key = ("annual", value)
        if cell.shown is None:
            release.withhold(key, (3, None), cell.count, "annual")
        else:
            release.publish(key, cell.shown, "annual")
        if value != "all":
            release.add_sum(key, [("single", s, "court", "offence_type", value) for s in samples])
    release.add_sum(("annual", "all"), [("annual", v) for v in annual if v != "all"])
    assert release.recovered() == {}
    # the checker does find the attack where the annual column is published
    release.known[("annual", "robbery")] = totals["robbery"]
    del release.withheld[("annual", "robbery")]
    assert ("single", "a", "court", "offence_type", "robbery") in release.recovered()


def test_a_group_share_gives_no_single_reports_hidden_count_away() -> None:
    """Every looked-after child is relevant to 2.1.1, so the annual group's relevant
    cases are the single reports' looked-after counts summed: published beside b's six,
    seven would give a's withheld one away."""
    from yjsreport.annual.aggregates import Share
    from yjsreport.annual.disclosure import GroupSource, group_cells

    a = SampleCounts("court", 10, {}, {"looked_after": {"yes": 1, "no": 9}})
    b = SampleCounts("court", 14, {}, {"looked_after": {"yes": 6, "no": 8}})
    assert attribute_cells("a", a, "looked_after")["yes"].shown is None
    groups = {"yes": {"2.1.1": Share(5, 2, 0)}, "no": {"2.1.1": Share(12, 5, 0)}}
    alone = group_cells("looked_after", groups)["2.1.1"]
    assert alone["yes"].published  # the table by itself is safe
    source = GroupSource("court", "looked_after", {}, [("a", a), ("b", b)])
    shares = group_cells("looked_after", groups, source)["2.1.1"]
    assert not shares["yes"].published and not shares["no"].published
    assert shares["yes"].relevant.reason is Reason.SECONDARY


def test_prose_cannot_quote_a_count_the_download_withholds(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """{{ court.gender.female }} printed 'one' while the download said 'fewer than three'."""
    report = {r.slug: r for r in load_reports(Path("content"))}["brackenmoor-2022"]
    with pytest.raises(ReferenceProblem, match=r"fewer than three.*disclosure rule"):
        resolve("court.gender.female", report.result)
    edit(
        project / BRK / "report/background.md",
        "\n\n",
        "\n\nOne girl: {{ court.gender.female }}.\n\n",
    )
    assert main(["check"]) == 1
    err = capsys.readouterr().err
    line = next(x for x in err.splitlines() if "court.gender.female" in x)
    assert line.startswith(f"{BRK}/report/background.md:")
    assert "is not published (fewer than three)" in line
    assert "counts fewer than three children" in line


def test_the_offence_table_prints_no_share_the_download_withholds() -> None:
    """9% of 11 cases is one child: the page followed no rule, the download hid it."""
    sample = _court({"violence-against-the-person": 9, "robbery": 1, "burglary": 1})
    total, rows = attribute_shares("x", (sample,), "offence_type")
    assert total == 11
    assert [(r.label, r.percent) for r in rows] == [
        ("Violence against the person", "withheld"),
        ("Robbery", "fewer than three"),
        ("Burglary", "fewer than three"),
    ]
    # eight, four, one and two of 15: the two small counts add up to three either way
    sample = _court(
        {"violence-against-the-person": 8, "robbery": 4, "burglary": 1, "criminal-damage": 2}
    )
    _, rows = attribute_shares("x", (sample,), "offence_type")
    assert [(r.label, r.percent, r.count) for r in rows] == [
        ("Violence against the person", "53%", 8),
        ("Robbery", "27%", 4),
        ("Burglary", "fewer than three", None),
        ("Criminal damage", "fewer than three", None),
    ]


# ---------------------------------------------------------------- random tables


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.integers(0, 14), min_size=1, max_size=len(OFFENCES)))
def test_one_way_tables_leave_nothing_recoverable(counts: list[int]) -> None:
    table = {v: n for v, n in zip(OFFENCES, counts, strict=False) if n}
    sample = _court(table)
    cells = attribute_cells("x", sample, "offence_type")
    release = Release()
    release.publish(("n",), sample.cases, "x")
    for value, cell in cells.items():
        if cell.shown is None:
            assert cell.reason is not None
            bounds = {Reason.SMALL_COUNT: (1, 2), Reason.SECONDARY: (3, None)}.get(
                cell.reason, (0, None)
            )
            release.withhold((value,), bounds, cell.count, "x")
        else:
            release.publish((value,), cell.shown, "x")
    release.add_sum(("n",), [(v,) for v in cells])
    assert release.recovered() == {}
    # no count of one or two is published, and a sample under five is not broken down
    assert all(cell.shown not in (1, 2) for cell in cells.values())
    if sample.cases < 5:
        assert all(cell.shown is None for cell in cells.values())


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(st.integers(0, 9), min_size=3, max_size=3), min_size=2, max_size=4))
def test_two_way_tables_with_margins_and_combined_levels_leave_nothing_recoverable(
    grid: list[list[int]],
) -> None:
    """Rows, columns, the grand total and a combined column (the last two added), all
    published unless withheld, as the safety-by-risk table is."""
    rows, columns = range(len(grid)), ("a", "b", "c", "b+c", "all")
    counts = {}
    for r in rows:
        a, b, c = grid[r]
        counts |= {(str(r), "a"): a, (str(r), "b"): b, (str(r), "c"): c}
        counts |= {(str(r), "b+c"): b + c, (str(r), "all"): a + b + c}
    for col in columns:
        counts[("all", col)] = sum(counts[(str(r), col)] for r in rows)
    sums = []
    for r in [*map(str, rows), "all"]:
        sums.append(Sum((r, "all"), ((r, "a"), (r, "b"), (r, "c"))))
        sums.append(Sum((r, "b+c"), ((r, "b"), (r, "c"))))
    for col in columns:
        sums.append(Sum(("all", col), tuple((str(r), col) for r in rows)))
    cells = protect(Problem(counts, sums))
    release = Release()
    for key, cell in cells.items():
        if cell.shown is None:
            assert cell.reason is not None
            bounds = {Reason.SMALL_COUNT: (1, 2), Reason.SECONDARY: (3, None)}.get(
                cell.reason, (0, None)
            )
            release.withhold(key, bounds, cell.count, "x")
        else:
            release.publish(key, cell.shown, "x")
    for s in sums:
        release.add_sum(s.total, s.parts)
    assert release.recovered() == {}
    assert not release.conflicts


def _bounds(reason: Reason | None) -> tuple[int, int | None]:
    return {Reason.SMALL_COUNT: (1, 2), Reason.SECONDARY: (3, None)}.get(reason, (0, None))  # type: ignore[arg-type]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(st.integers(0, 8), min_size=3, max_size=3), min_size=1, max_size=5))
def test_single_reports_and_the_annual_table_together_leave_nothing_recoverable(
    tables: list[list[int]],
) -> None:
    """Random inspections' offence counts, each published under the rule, and the annual
    table summing them, decided with theirs known: nothing withheld follows."""
    values = OFFENCES[:3]
    samples = {
        f"i{n}": _court({v: c for v, c in zip(values, counts, strict=True) if c})
        for n, counts in enumerate(tables)
    }
    results = [SimpleNamespace(slug=s, samples={"court": c}) for s, c in samples.items()]
    totals = {
        v: sum(c.attributes["offence_type"].get(v, 0) for c in samples.values()) for v in values
    }
    annual = annual_cells(results, {("court", "offence_type"): totals}, {}, [], {})  # type: ignore[arg-type]
    release = Release()
    for slug, sample in samples.items():
        keys = []
        for value, cell in attribute_cells(slug, sample, "offence_type").items():
            key = ("single", slug, value)
            keys.append(key)
            if cell.shown is None:
                release.withhold(key, _bounds(cell.reason), cell.count, slug)
            else:
                release.publish(key, cell.shown, slug)
        release.publish(("cases", slug), sample.cases, slug)
        release.add_sum(("cases", slug), keys)
    cells = annual.types.get(("court", "offence_type"), {})
    for value, cell in cells.items():
        if cell.shown is None:
            release.withhold(("annual", value), _bounds(cell.reason), cell.count, "annual")
        else:
            release.publish(("annual", value), cell.shown, "annual")
        if value != "all":
            release.add_sum(("annual", value), [("single", s, value) for s in samples])
    if cells:
        release.add_sum(("annual", "all"), [("annual", v) for v in cells if v != "all"])
    assert release.recovered() == {}
    assert not release.conflicts


# ---------------------------------------------------------------- the built example


def _build(project: Path, *options: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "yjsreport", "build", "--no-pdf", *options],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert done.returncode == 0, done.stderr


def test_nothing_withheld_follows_from_the_built_example_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Build the example site and the example annual report, then read back every
    download and offence table and the annual report's cells: no withheld count (other
    than a zero) can be worked out, and no count is published in two forms."""
    from yjsreport.annual.site import load_annuals

    project = tmp_path / "project"
    for name in ("content", "templates"):
        shutil.copytree(ROOT / name, project / name)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    # one report's offence table counts its court and resettlement cases together
    together = project / "content" / "inspections" / "brackenmoor-2022" / "inspection.yaml"
    with together.open("a", encoding="utf-8") as handle:
        handle.write("choices:\n  offence_types: [court, resettlement]\n")
    shutil.copytree(
        EXAMPLE,
        project / "examples" / "annual",
        symlinks=True,
        ignore=shutil.ignore_patterns("site"),
    )
    _build(project)
    _build(project, "--config", "examples/annual/mkdocs.yml")

    reports = load_reports(project / "content", drafts=False)
    recovered, conflicts = audit(project / "site", reports)
    assert (recovered, conflicts) == ({}, [])
    page = project / "site" / pages.report_dir("brackenmoor-2022") / "index.html"
    assert "Offence types in the court and resettlement cases" in page.read_text("utf-8")

    content = project / "examples" / "annual" / "content"
    annual_reports = load_reports(content, drafts=False)
    annuals = load_annuals(content, annual_reports, drafts=False)
    annual_site = project / "examples" / "annual" / "site"
    recovered, conflicts = audit(annual_site, annual_reports, annuals)
    assert (recovered, conflicts) == ({}, [])
    # the annual report's keeping-others-safe counts, summed over its inspections, were
    # read against its risk-level table and the single reports' risk levels
    release = Release()
    assert read_key_question_sums(release, annuals[0]) >= 14
    assert any(len(parts) > 5 for total, parts in release.sums if "question" in total)
    # the annual page prints the typed cells: read back, its tables agree with them
    release = Release()
    read_annual(release, annuals[0])
    assert read_annual_page(release, annual_site, annuals[0]) > 30
    # the caseload profile and the list of disposal types as published were read too
    year = annuals[0].year
    assert ("annual", year, "court", "looked_after", "any") in release.known
    assert ("annual", year, "split", "youth-caution", "first") in release.known
    # and its charts draw, bar by bar, the counts the tables publish and no other
    assert read_annual_charts(release, annual_site, annuals[0]) >= 1
    # and every chart of every kind (bars across, stacked or side by side, and lines)
    assert read_every_chart(release, annual_site, annuals[0]) >= 10
    assert release.conflicts == []
    # the checker had withheld counts to try: markers in the downloads, and the annual
    # report's own withheld cells
    markers = [
        v
        for path in (project / "examples" / "annual" / "site").rglob("*.json")
        if path.name != "datapackage.json" and not path.name.endswith(".schema.json")
        for sample in json.loads(path.read_text(encoding="utf-8"))["samples"].values()
        for counts in sample["attributes"].values()
        for v in counts.values()
        if v["suppressed"] is not None
    ]
    assert len(markers) > 20
    assert any(c.shown is None for c in annuals[0].figures.cells.safety.values())

    # and it finds a leak planted in a real download: one 'fewer than three' printed as
    # its count gives the count withheld beside it away
    site = project / "site"
    report = next(r for r in reports if r.slug == "brackenmoor-2022")
    path = site / pages.report_dir(report.slug) / pages.json_name(report.slug)
    data = json.loads(path.read_text(encoding="utf-8"))
    gender = data["samples"]["court"]["attributes"]["gender"]
    assert gender == {
        "male": {"count": None, "suppressed": "secondary"},
        "female": {"count": None, "suppressed": "small-count"},
    }
    gender["female"] = {"count": 1, "suppressed": None}
    path.write_text(json.dumps(data), encoding="utf-8")
    recovered, _ = audit(site, reports)
    assert recovered == {("single", report.slug, "court", "gender", "male"): 10}


# ---------------------------------------------------------------- sub-samples and tables together

LEVELS = ("low", "medium", "high", "very-high")
APPLIES = ("medium", "high", "very-high")  # as the frameworks declare for keeping others safe


def _release_of(release: Release, prefix: tuple[str, ...], cells: dict, where: str) -> None:  # type: ignore[type-arg]
    bounds = {Reason.SMALL_COUNT: (1, 2), Reason.SECONDARY: (3, None)}
    for value, cell in cells.items():
        if cell.shown is None:
            release.withhold(
                (*prefix, value), bounds.get(cell.reason, (0, None)), cell.count, where
            )
        else:
            release.publish((*prefix, value), cell.shown, where)


def test_the_frameworks_say_which_characteristic_defines_a_sub_sample() -> None:
    from yjsreport.framework.load import load_framework

    for version in ("2018", "2021"):
        framework = load_framework(ROOT / "content" / "frameworks" / f"{version}.yaml")
        declared = {
            kq.aspect: kq.applies_when
            for d in framework.domains
            for s in d.standards
            for kq in s.key_questions
            if kq.applies_when
        }
        assert declared == {"others-safety": (("rosh", APPLIES),)}, version


def test_a_not_applicable_count_gives_no_withheld_risk_level_away() -> None:
    """Fenwold's court sample: one low-risk case, and the keeping-others-safe question
    publishes one not-applicable case. The low-risk count is published (the question
    gives it), and the high-risk count of two, which the relevant count of seven less
    the medium count would give, stays withheld with the medium count."""
    from yjsreport.content.cases import Subsample

    counts = {"low": 1, "medium": 5, "high": 2}
    sample = SampleCounts(
        "court", 8, {}, {"rosh": counts}, (Subsample("rosh", frozenset(APPLIES), 7),)
    )
    cells = attribute_cells("f", sample, "rosh")
    assert {v: (c.shown, c.reason) for v, c in cells.items()} == {
        "low": (1, None),
        "medium": (None, Reason.SECONDARY),
        "high": (None, Reason.SMALL_COUNT),
        "very-high": (0, None),
    }
    # the checker, given the published sizes, recovers nothing; without the sub-sample
    # in the rule (the cells decided as before) it recovers the low-risk count, and the
    # high-risk count from the relevant count less the published medium count
    for decided, found in (
        (cells, {}),
        (attribute_cells("f", SampleCounts("court", 8, {}, {"rosh": counts}), "rosh"), None),
    ):
        release = Release()
        release.publish(("n",), 8, "x")
        release.publish(("relevant",), 7, "x")
        release.publish(("not applicable",), 1, "x")
        _release_of(release, (), decided, "x")
        release.add_sum(("n",), [(v,) for v in LEVELS])
        release.add_sum(("relevant",), [(v,) for v in APPLIES])
        release.add_sum(("not applicable",), [("low",)])
        if found is None:
            assert release.recovered() == {("low",): 1, ("high",): 2}
        else:
            assert release.recovered() == found and not release.conflicts


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.integers(0, 8), min_size=4, max_size=4))
def test_risk_levels_with_a_published_sub_sample_leave_nothing_recoverable(
    counts: list[int],
) -> None:
    from yjsreport.content.cases import Subsample

    table = {v: n for v, n in zip(LEVELS, counts, strict=True) if n}
    relevant = sum(table.get(v, 0) for v in APPLIES)
    cases = sum(counts)
    sample = SampleCounts(
        "court", cases, {}, {"rosh": table}, (Subsample("rosh", frozenset(APPLIES), relevant),)
    )
    cells = attribute_cells("r", sample, "rosh")
    release = Release()
    release.publish(("n",), cases, "x")
    release.publish(("relevant",), relevant, "x")
    _release_of(release, (), cells, "x")
    release.add_sum(("n",), [(v,) for v in LEVELS])
    release.add_sum(("relevant",), [(v,) for v in APPLIES])
    assert release.recovered() == {}
    assert not release.conflicts
    # a published count of one or two is only ever one the sub-sample sizes give
    for value, cell in cells.items():
        if cell.shown in (1, 2):
            assert cell.shown in (relevant, cases - relevant), (value, cells)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.integers(0, 9), min_size=len(OFFENCES), max_size=len(OFFENCES)),
    st.lists(st.integers(0, 3), min_size=len(OFFENCES), max_size=len(OFFENCES)),
)
def test_a_table_of_two_samples_together_gives_neither_samples_withheld_count_away(
    court: list[int], resettlement: list[int]
) -> None:
    """The offence table of court and resettlement cases together, beside each sample's
    own download: no combined count less a published one gives a withheld count."""
    from yjsreport.engine.disclosure import together_cells

    samples = tuple(
        SampleCounts(
            name,
            sum(c),
            {},
            {"offence_type": {v: n for v, n in zip(OFFENCES, c, strict=True) if n}},
        )
        for name, c in (("court", court), ("resettlement", resettlement))
    )
    cases, together = together_cells("t", samples, "offence_type")
    assert cases == sum(court) + sum(resettlement)
    release = Release()
    release.publish(("both", "n"), cases, "page")
    _release_of(release, ("both",), together, "page")
    everything = list(together)
    release.add_sum(("both", "n"), [("both", v) for v in everything])
    for sample in samples:
        cells = attribute_cells("t", sample, "offence_type")
        release.publish((sample.name, "n"), sample.cases, "download")
        _release_of(release, (sample.name,), cells, "download")
        release.add_sum((sample.name, "n"), [(sample.name, v) for v in cells])
    for v in everything:
        release.add_sum(
            ("both", v),
            [(s.name, v) for s in samples if v in attribute_cells("t", s, "offence_type")],
        )
    assert release.recovered() == {}
    assert not release.conflicts


def test_wyndle_marshs_court_and_resettlement_offences_together() -> None:
    """Four court cases of violence published in the court download, five in the table
    of both samples: the table withholds its five, which would give away the one
    resettlement case of violence."""
    from yjsreport.engine.disclosure import together_cells

    offences = (
        ("violence-against-the-person", 4),
        ("sexual-offences", 1),
        ("theft-and-handling-stolen-goods", 1),
    )
    more = ("criminal-damage", 2), ("public-order-offences", 1), ("other-indictable-offences", 1)
    court = SampleCounts("court", 10, {}, {"offence_type": dict(offences + more)})
    resettlement = SampleCounts(
        "resettlement",
        2,
        {},
        {"offence_type": {"violence-against-the-person": 1, "other-indictable-offences": 1}},
    )
    assert attribute_cells("w", court, "offence_type")["violence-against-the-person"].shown == 4
    _, cells = together_cells("w", (court, resettlement), "offence_type")
    assert cells["violence-against-the-person"].shown is None


@pytest.mark.parametrize(
    ("declared", "expected"),
    [
        ("{risk: [high]}", "unknown characteristic 'risk'; expected one of"),
        ("{rosh: [medium, severe]}", "rosh values must be distinct values of low, medium"),
        ("{rosh: []}", "got none"),
        ("{rosh: [high], gender: [male]}", "names more than one characteristic"),
    ],
)
def test_a_sub_sample_the_vocabulary_does_not_know_is_a_located_problem(
    tmp_path: Path, declared: str, expected: str
) -> None:
    from yjsreport.errors import ContentError
    from yjsreport.framework.load import load_framework

    folder = tmp_path / "frameworks"
    shutil.copytree(ROOT / "content" / "frameworks", folder)
    path = folder / "2021.yaml"
    text = path.read_text(encoding="utf-8")
    old = "applies_when: {rosh: [medium, high, very-high]}"
    path.write_text(text.replace(old, f"applies_when: {declared}", 1), encoding="utf-8")
    line = text[: text.index(old)].count("\n") + 1
    with pytest.raises(ContentError) as caught:
        load_framework(path)
    (problem,) = caught.value.problems
    assert expected in problem.message, problem.message
    assert problem.path == path and problem.line is not None
    assert abs(problem.line - line) <= 2, (problem.line, line)


@pytest.mark.parametrize("words", ["none", "path"])  # the charts' words as text, or outlines
def test_a_charts_bars_are_read_from_their_geometry(words: str) -> None:
    """A bar says its value by its length whatever its label prints: the checker reads
    the length, so a chart that drew a withheld count with a marker beside it is caught."""
    import matplotlib.pyplot as plt

    from yjsreport.annual.charts import STYLE, _svg

    with plt.rc_context({**STYLE, "svg.fonttype": words}):
        fig, axes = plt.subplots()
        bars = axes.barh(["Robbery", "Burglary", "Theft"], [3, 1, 12])
        axes.bar_label(bars, labels=["3", "fewer than three", "12"])
        svg = _svg(fig)
    assert chart_bar_values(svg) == [3.0, 1.0, 12.0]


def test_every_kind_of_chart_is_read_from_its_geometry() -> None:
    """Each kind of chart the annual report draws, read back from its SVG: stacked
    bars of counts, stacked bars of shares, bars side by side (a withheld value draws
    no bar), pairs of scores, and lines of shares by year."""
    from tests.disclosure_audit import chart_marks
    from yjsreport.annual import charts
    from yjsreport.rules.ratings import Rating

    def nonzero(svg: str) -> list[float]:
        return sorted(v for v in chart_bar_values(svg) if v)

    ratings = charts.rating_bars(
        "r",
        "Ratings",
        [
            ("2021", {Rating.GOOD: 3, Rating.OUTSTANDING: 2}),
            ("2022", {Rating.INADEQUATE: 1, Rating.GOOD: 4}),
        ],
        "services",
    )
    assert nonzero(ratings.svg) == [1.0, 2.0, 3.0, 4.0]
    parts = charts.part_bars(
        "p", "Levels", ["low", "medium"], [("Court", [3, 1]), ("Out-of-court", [2, 2])], "cases"
    )
    assert nonzero(parts.svg) == [25.0, 50.0, 50.0, 75.0]
    grouped = charts.grouped_bars(
        "g",
        "Groups",
        ["Looked after", "Others"],
        [("Desistance", [(40, "40%"), (None, "withheld")]), ("Safety", [(70, "70%"), (55, "55%")])],
        "Share of cases judged sufficient (%)",
    )
    assert nonzero(grouped.svg) == [40.0, 55.0, 70.0]
    pairs = charts.score_pairs("s", "Scores", [("Fallowdale", 12, 36, 20, 24)])
    assert nonzero(pairs.svg) == [12.0, 20.0]
    trend = charts.trend_lines(
        "t",
        "Trend",
        [("2020", "2021"), ("2021", "2021"), ("2022", "2021")],
        [
            ("Court cases", "desistance", [50, 64, 70]),
            ("Out-of-court", "desistance", [30, None, 45]),
        ],
    )
    lines = chart_marks(trend.svg).lines
    drawn = {tuple(round(y) for _, y in line) for line in lines}
    assert {(50, 64, 70), (30, 45)} <= drawn
    assert [round(x) for x, _ in next(line for line in lines if len(line) == 3)] == [
        2020,
        2021,
        2022,
    ]


def test_a_chart_drawn_up_is_read_up() -> None:
    import matplotlib.pyplot as plt

    from yjsreport.annual.charts import STYLE, _svg

    with plt.rc_context(STYLE):
        fig, axes = plt.subplots()
        axes.bar(["Robbery", "Burglary", "Theft"], [3, 1, 12])
        svg = _svg(fig)
    assert chart_bar_values(svg) == [3.0, 1.0, 12.0]


# ---------------------------------------------------------------- the annual risk table


def _safety_release(
    samples: dict[str, SampleCounts], safety: dict[tuple[str, str], object]
) -> Release:
    """What a reader has: each single report's risk and safety counts with its sample
    size and its keeping-others-safe relevant count (the sum of the medium, high and
    very high counts), and the annual table of risk by safety with its margins."""
    release = Release()
    for slug, sample in samples.items():
        release.publish((slug, "n"), sample.cases, slug)
        for attribute in ("rosh", "safety_wellbeing"):
            cells = attribute_cells(slug, sample, attribute)
            _release_of(release, (slug, attribute), cells, slug)
            release.add_sum((slug, "n"), [(slug, attribute, v) for v in cells])
        relevant = sum(sample.attributes["rosh"].get(v, 0) for v in APPLIES)
        release.publish((slug, "relevant"), relevant, slug)
        release.add_sum((slug, "relevant"), [(slug, "rosh", v) for v in APPLIES])
    _release_of(release, ("annual",), {(r, s): c for (r, s), c in safety.items()}, "annual")
    sets = {**{v: (v,) for v in LEVELS}, "high-or-very-high": ("high", "very-high")}
    for r in sets:
        release.add_sum(("annual", (r, "all")), [("annual", (r, s)) for s in LEVELS])
        release.add_sum(
            ("annual", (r, "high-or-very-high")),
            [("annual", (r, "high")), ("annual", (r, "very-high"))],
        )
    for s in (*sets, "all"):
        release.add_sum(
            ("annual", ("high-or-very-high", s)),
            [("annual", ("high", s)), ("annual", ("very-high", s))],
        )
    for level in LEVELS:
        release.add_sum(("annual", (level, "all")), [(slug, "rosh", level) for slug in samples])
        column = ("column", level)
        release.auxiliary.add(column)
        release.add_sum(column, [("annual", (r, level)) for r in LEVELS])
        release.add_sum(column, [(slug, "safety_wellbeing", level) for slug in samples])
    return release


def _risk_samples(cases: list[list[tuple[str, str]]]) -> tuple[dict[str, SampleCounts], dict]:  # type: ignore[type-arg]
    from yjsreport.content.cases import Subsample

    samples, joint = {}, {}
    for i, rows in enumerate(cases):
        rosh: dict[str, int] = {}
        safety: dict[str, int] = {}
        for r, s in rows:
            rosh[r] = rosh.get(r, 0) + 1
            safety[s] = safety.get(s, 0) + 1
            joint[(r, s)] = joint.get((r, s), 0) + 1
        relevant = sum(rosh.get(v, 0) for v in APPLIES)
        samples[f"s{i}"] = SampleCounts(
            "court",
            len(rows),
            {},
            {"rosh": rosh, "safety_wellbeing": safety},
            (Subsample("rosh", frozenset(APPLIES), relevant),),
        )
    return samples, joint


def test_the_annual_low_risk_total_the_key_questions_give_is_published_not_withheld() -> None:
    """Two inspections publish two and no cases where keeping others safe did not apply:
    the annual report's two low-risk cases are those, known to every reader. Decided
    without the single reports' key-question counts, the annual table withheld them
    as a small count, claiming a secrecy the site does not have, and the checker
    worked them out; decided with them, they are published and nothing else follows."""
    low, medium, high, very_high = LEVELS
    samples, joint = _risk_samples(
        [
            [(high, medium)] * 2
            + [(medium, high)] * 2
            + [(low, low), (low, very_high)]
            + [(high, high)],
            [(high, very_high)] * 2
            + [(high, high)]
            + [(very_high, medium)]
            + [(medium, medium), (medium, low), (high, low)],
        ]
    )
    assert attribute_cells("s0", samples["s0"], "rosh")["low"].shown == 2  # the question's
    safety = annual_cells([], {}, joint, [(s, "court", c) for s, c in samples.items()], {}).safety
    assert safety[(low, "all")].shown == 2
    release = _safety_release(samples, safety)
    assert release.recovered() == {} and not release.conflicts


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.lists(
            st.tuples(st.sampled_from(LEVELS), st.sampled_from(LEVELS)), min_size=4, max_size=12
        ),
        min_size=2,
        max_size=3,
    )
)
def test_the_annual_risk_table_against_the_key_questions_leaves_nothing_recoverable(
    cases: list[list[tuple[str, str]]],
) -> None:
    """Any inspections' risk and safety levels: the annual table of risk by safety,
    set against the single reports' counts and their keeping-others-safe relevant
    counts, lets no withheld count be worked out."""
    samples, joint = _risk_samples(cases)
    safety = annual_cells([], {}, joint, [(s, "court", c) for s, c in samples.items()], {}).safety
    release = _safety_release(samples, safety)
    assert release.recovered() == {}
    assert not release.conflicts


# ---------------------------------------------------------------- prompts' not-applicable counts


def test_a_prompt_that_applies_to_some_risk_levels_is_a_sub_sample_too(tmp_path: Path) -> None:
    """A prompt may declare, as a key question does, the values it applies to. Its
    published relevant count is then a sum the rule decides against: here the prompt's
    two high and very high cases, with the key question's six, would give away the
    medium count and pin each of the two withheld counts of one. Prompts that declare
    nothing are tied to no characteristic (the frameworks declare none), so their
    not-applicable counts give no count of one away."""
    from yjsreport.content.cases import QuestionCount, Subsample
    from yjsreport.engine.compute import with_subsamples
    from yjsreport.framework.load import load_framework

    folder = tmp_path / "frameworks"
    shutil.copytree(ROOT / "content" / "frameworks", folder)
    path = folder / "2021.yaml"
    text = path.read_text(encoding="utf-8")
    framework = load_framework(ROOT / "content" / "frameworks" / "2021.yaml")
    prompts = [
        p
        for d in framework.domains
        for s in d.standards
        for k in s.key_questions
        for p in k.prompts
    ]
    assert prompts and not any(p.applies_when for p in prompts)
    kq = next(
        k
        for d in framework.domains
        for s in d.standards
        for k in s.key_questions
        if k.applies_when and d.sample == "court"
    )
    prompt = kq.prompts[0]
    declared = f'              - id: "{prompt.id}"\n'
    assert declared in text, declared
    text = text.replace(
        declared, f"{declared}                applies_when: {{rosh: [high, very-high]}}\n", 1
    )
    path.write_text(text, encoding="utf-8")
    changed = load_framework(path)

    rosh = {"low": 4, "medium": 4, "high": 1, "very-high": 1}
    questions = {
        kq.id: QuestionCount(yes=5, no=1, not_applicable=4),
        prompt.id: QuestionCount(yes=2, no=0, not_applicable=8),
    }
    sample = with_subsamples(
        SampleCounts("court", 10, questions, {"rosh": rosh}), changed.domains, "court"
    )
    assert set(sample.subsamples) == {
        Subsample("rosh", frozenset(APPLIES), 6),
        Subsample("rosh", frozenset({"high", "very-high"}), 2),
    }
    only_key_question = with_subsamples(
        SampleCounts("court", 10, questions, {"rosh": rosh}), framework.domains, "court"
    )
    exposed = {("medium",): 4, ("high",): 1, ("very-high",): 1}  # decided without the prompt
    for decided, pinned in ((sample, {}), (only_key_question, exposed)):
        cells = attribute_cells(f"p{len(pinned)}", decided, "rosh")
        release = Release()
        release.publish(("n",), 10, "x")
        release.publish(("relevant",), 6, "x")
        release.publish(("prompt relevant",), 2, "x")
        _release_of(release, (), cells, "x")
        release.add_sum(("n",), [(v,) for v in LEVELS])
        release.add_sum(("relevant",), [(v,) for v in APPLIES])
        release.add_sum(("prompt relevant",), [("high",), ("very-high",)])
        assert release.recovered() == pinned
        assert not release.conflicts


@pytest.mark.parametrize("medium", ["web", "print"])
def test_the_annual_methodology_says_a_count_the_single_reports_give_is_shown(
    medium: str,
) -> None:
    """The rule's given_elsewhere step publishes, however small, a count the single
    reports already give (the low-risk total above): the methodology, which states the
    rule and its reasons once, says so, in the annual report's own words."""
    import lxml.html

    from tests.conftest import ROOT, TEMPLATES
    from yjsreport.annual.pdf import print_html
    from yjsreport.annual.render import render_annual
    from yjsreport.annual.site import load_annuals

    content = ROOT / "examples" / "annual" / "content"
    annual = load_annuals(content, load_reports(content), drafts=False)[0]
    if medium == "web":
        page = lxml.html.fromstring(render_annual(annual, TEMPLATES, "web"))
    else:
        page = lxml.html.fromstring(print_html(annual, TEMPLATES, Path("charts")))
    about = page.xpath("//section[@aria-labelledby='about-the-figures']")[0]
    rule = [li.text_content() for li in about.xpath(".//li") if "withheld" in li.text_content()]
    assert len(rule) == 1
    assert (
        "A count that the single reports’ published figures already give exactly is shown, "
        "however small (such as the cases at low risk of serious harm, which each report’s "
        "count of cases less those the keeping-others-safe question applied to gives): "
        "withholding it would protect no child." in rule[0]
    )
    assert page.text_content().count("already give exactly") == 1
