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
from tests.disclosure_audit import Release, audit, read_annual, read_annual_page
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
    total, rows = attribute_shares("x", sample, "offence_type")
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
    _, rows = attribute_shares("x", sample, "offence_type")
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

    content = project / "examples" / "annual" / "content"
    annual_reports = load_reports(content, drafts=False)
    annuals = load_annuals(content, annual_reports, drafts=False)
    annual_site = project / "examples" / "annual" / "site"
    recovered, conflicts = audit(annual_site, annual_reports, annuals)
    assert (recovered, conflicts) == ({}, [])
    # the annual page prints the typed cells: read back, its tables agree with them
    release = Release()
    read_annual(release, annuals[0])
    assert read_annual_page(release, annual_site, annuals[0]) > 30
    assert release.conflicts == []
    # the checker had withheld counts to try: markers in the downloads, and the annual
    # report's own withheld cells
    markers = [
        v
        for path in (project / "examples" / "annual" / "site").rglob("*.json")
        for sample in json.loads(path.read_text(encoding="utf-8"))["samples"].values()
        for counts in sample["attributes"].values()
        for v in counts.values()
        if isinstance(v, str)
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
    assert gender == {"male": "withheld", "female": "fewer than three"}
    gender["female"] = 1
    path.write_text(json.dumps(data), encoding="utf-8")
    recovered, _ = audit(site, reports)
    assert recovered == {("single", report.slug, "court", "gender", "male"): 10}
