"""The characteristics of children on caseloads (the published report's figure 25): the
caseload-profile exhibit and its references, recounted here from the example's case
files with the csv module; the placement column's checks against looked_after; and the
disclosure rule over placement and looked_after counts together."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path
from types import SimpleNamespace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import ROOT
from tests.disclosure_audit import Release, read_attribute_relations
from tests.test_spreadsheet import csv_to_workbook
from yjsreport.annual.disclosure import ALL, annual_cells
from yjsreport.annual.exhibits.caseload import ANY, profile_rows
from yjsreport.annual.exhibits.registry import REGISTRY
from yjsreport.annual.model import AnnualFigures, collect_annuals
from yjsreport.annual.references import resolve_annual
from yjsreport.content.cases import SampleCounts, count_sample, read_sample
from yjsreport.content.spreadsheet import Table as SheetTable
from yjsreport.content.spreadsheet import read_workbook
from yjsreport.engine.disclosure import attribute_cells
from yjsreport.framework.load import load_frameworks
from yjsreport.project import load_reports
from yjsreport.prose.references import ReferenceProblem
from yjsreport.rules.banding import printed_percent
from yjsreport.rules.disclosure import Cell, Reason

EXAMPLE = ROOT / "examples" / "annual" / "content"
SAMPLES = ("court", "out-of-court")


@pytest.fixture(scope="module")
def figures() -> AnnualFigures:
    reports = load_reports(EXAMPLE)
    annuals, problems = collect_annuals(EXAMPLE, reports, {"2018", "2021"})
    assert problems == []
    return annuals[0].figures


def _rows(figures: AnnualFigures, sample: str) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    for slug in figures.selection.chosen:
        path = EXAMPLE / "inspections" / slug / "cases" / f"{sample}.csv"
        if path.exists():
            with path.open(encoding="utf-8", newline="") as handle:
                rows += list(csv.DictReader(handle))
    return rows


@pytest.mark.parametrize("sample", SAMPLES)
def test_the_profile_counts_what_the_case_files_record(figures: AnnualFigures, sample: str) -> None:
    rows = _rows(figures, sample)
    assert rows and all("placement" in r and "ethnicity" in r for r in rows)
    looked_after = sum(r["looked_after"] == "yes" for r in rows)
    out_of_area = sum(r["placement"] == "out-of-area" for r in rows)
    in_area = sum(r["placement"] == "in-area" for r in rows)
    disabled = sum(r["disability"] != "none-recorded" for r in rows)
    ethnicity = Counter(r["ethnicity"] for r in rows)
    n = len(rows)
    assert in_area + out_of_area == looked_after  # the case files keep to the rule

    def pct(part: int, whole: int) -> str:
        return f"{printed_percent(part, whole)}%"

    expected = {
        "Looked after by the local authority": [str(looked_after), pct(looked_after, n)],
        "Placed in the local area (of those looked after by the local authority)": [
            str(in_area),
            pct(in_area, looked_after),
        ],
        "Placed out of area (of those looked after by the local authority)": [
            str(out_of_area),
            pct(out_of_area, looked_after),
        ],
        "With a disability or condition recorded": [str(disabled), pct(disabled, n)],
        **{
            f"Ethnicity: {name}": [str(ethnicity[value]), pct(ethnicity[value], n)]
            for value, name in (
                ("white", "White"),
                ("black-and-minority-ethnic", "Black and minority ethnic"),
                ("unknown", "Unknown"),
            )
        },
    }
    exhibit = REGISTRY["caseload-profile"](figures)
    (table,) = [t for t in exhibit.tables if t.caption.startswith(figures.sample_label(sample))]
    printed = {row[0].text: [c.text for c in row[1:]] for row in table.body}
    assert printed == expected
    # in the framework file's order: looked after, placement, disability, ethnicity
    assert table.body[0][0].text == "Looked after by the local authority"
    assert f"Covers all {n} {sample} cases" in table.notes[0]


def test_prose_quotes_the_profile_by_reference(figures: AnnualFigures) -> None:
    rows = _rows(figures, "court")
    looked_after = [r for r in rows if r["looked_after"] == "yes"]
    away = sum(r["placement"] == "out-of-area" for r in looked_after)
    disabled = sum(r["disability"] != "none-recorded" for r in rows)
    minority = sum(r["ethnicity"] == "black-and-minority-ethnic" for r in rows)
    n = len(rows)
    cases = {
        "profile.court.looked-after.any.percent": printed_percent(len(looked_after), n),
        "profile.court.placement.out-of-area.percent": printed_percent(away, len(looked_after)),
        "profile.court.disability.any.percent": printed_percent(disabled, n),
        "profile.court.ethnicity.black-and-minority-ethnic.percent": printed_percent(minority, n),
    }
    chapter = (EXAMPLE / "annual" / "2022" / "chapters" / "04-court-work.md").read_text(
        encoding="utf-8"
    )
    for ref, percent in cases.items():
        assert resolve_annual(ref, figures) == f"{percent} per cent"
        assert f"{{{{ {ref} }}}}" in chapter
    assert "::: exhibit caseload-profile" in chapter
    assert resolve_annual("profile.court.placement.out-of-area", figures) != ""
    with pytest.raises(ReferenceProblem, match=r"no row placement\.not-looked-after"):
        resolve_annual("profile.court.placement.not-looked-after.percent", figures)
    with pytest.raises(ReferenceProblem, match="with a sample of court, out-of-court"):
        resolve_annual("profile.resettlement.looked-after.any", figures)


# ---------------------------------------------------------------- placement against looked_after


def _read(tmp_path: Path, lines: list[str]) -> list[str]:
    path = tmp_path / "court.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    counts, problems = read_sample(path, "court", [])
    assert counts is None
    return [f"{p.line}:{p.column}: {p.message}" for p in problems]


def test_a_placement_that_contradicts_looked_after_is_refused_at_its_place(
    tmp_path: Path,
) -> None:
    header = "case,disposal_type,looked_after,placement"
    found = _read(
        tmp_path,
        [
            header,
            "X-C01,referral-order,no,out-of-area",
            "X-C02,referral-order,yes,not-looked-after",
            "X-C03,referral-order,yes,in-area",
        ],
    )
    column = len("X-C01,referral-order,no,") + 1
    assert found == [
        f"2:{column}: column placement: 'out-of-area' contradicts looked_after 'no': where "
        "looked_after is not yes, expected not-looked-after",
        f"3:{len('X-C02,referral-order,yes,') + 1}: column placement: 'not-looked-after' "
        "contradicts looked_after 'yes': where looked_after is yes, expected one of in-area, "
        "out-of-area",
    ]


def test_an_unknown_placement_is_named_once_not_as_a_contradiction(tmp_path: Path) -> None:
    found = _read(
        tmp_path,
        ["case,disposal_type,looked_after,placement", "X-C01,referral-order,yes,away"],
    )
    assert len(found) == 1
    assert "column placement: expected one of in-area, out-of-area, not-looked-after" in found[0]


def test_a_workbook_row_that_contradicts_looked_after_is_refused_at_its_cell(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "cases"
    folder.mkdir()
    (folder / "court.csv").write_text(
        "case,disposal_type,looked_after,placement\nX-C01,referral-order,no,in-area\n",
        encoding="utf-8",
    )
    csv_to_workbook(folder)
    tables, found = read_workbook(folder / "cases.xlsx")
    assert found == []
    table: SheetTable = tables["court"]
    counts, problems = count_sample(table, "court", [])
    assert counts is None
    (problem,) = problems
    assert "contradicts looked_after 'no'" in problem.message
    assert problem.line == 2 and problem.column == 4


def test_case_files_without_the_new_columns_still_load(tmp_path: Path) -> None:
    path = tmp_path / "out-of-court.csv"
    path.write_text(
        "case,disposal_type,looked_after\nX-O01,youth-caution,yes\nX-O02,youth-caution,no\n",
        encoding="utf-8",
    )
    frameworks = load_frameworks(ROOT / "content" / "frameworks")
    vocabulary = frameworks["2021"].sample_vocabulary("out-of-court")
    counts, problems = read_sample(path, "out-of-court", [], vocabulary=vocabulary)
    assert problems == [] and counts is not None
    assert "placement" not in counts.attributes and "assessment_tool" not in counts.attributes
    assert "assessment_tool" in vocabulary  # the out-of-court sample's own attribute
    assert "assessment_tool" not in frameworks["2021"].sample_vocabulary("court")


# ---------------------------------------------------------------- the rule over both


def _sample(looked_after: list[int], placed: int, others: int, name: str) -> SampleCounts:
    """A court sample: `looked_after` children, `placed` of them out of area, `others`
    not looked after; each a count of children."""
    la = looked_after[0]
    away = min(placed, la)
    return SampleCounts(
        name,
        la + others,
        {},
        {
            "looked_after": {k: v for k, v in (("yes", la), ("no", others)) if v},
            "placement": {
                k: v
                for k, v in (
                    ("in-area", la - away),
                    ("out-of-area", away),
                    ("not-looked-after", others),
                )
                if v
            },
        },
    )


def _publish(release: Release, key: tuple[object, ...], cell: Cell) -> None:
    if cell.shown is None:
        bounds = {Reason.SMALL_COUNT: (1, 2)}.get(cell.reason, (3, None))  # type: ignore[arg-type]
        if cell.reason == Reason.SMALL_SAMPLE:
            bounds = (0, None)
        release.withhold(key, bounds, cell.count, "test")  # type: ignore[arg-type]
    else:
        release.publish(key, cell.shown, "test")  # type: ignore[arg-type]


def _single_key(slug: str, sample: str, attribute: str, value: str) -> tuple[str, ...]:
    return ("single", slug, sample, attribute, value)


def _annual_key(year: str, sample: str, attribute: str, value: str) -> tuple[str, ...]:
    return ("annual", year, sample, attribute, value)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(st.integers(0, 8), st.integers(0, 4), st.integers(0, 12)),
        min_size=1,
        max_size=4,
    )
)
def test_placement_and_looked_after_counts_give_no_withheld_count_away(
    tables: list[tuple[int, int, int]],
) -> None:
    """Random inspections' looked-after children and their placements: the single
    reports' counts of both, the annual tables of both and the profile's rows, all as
    published, with what a reader knows of how they add up, leave nothing withheld that
    a reader could work out."""
    sample = "court"
    samples = {
        f"i{n}": _sample([la], away, others, sample) for n, (la, away, others) in enumerate(tables)
    }
    samples = {k: v for k, v in samples.items() if v.cases}
    if not samples:
        return
    results = [SimpleNamespace(slug=s, samples={sample: c}) for s, c in samples.items()]
    totals = {
        (sample, a): dict(
            sum((Counter(c.attributes.get(a, {})) for c in samples.values()), Counter())
        )
        for a in ("looked_after", "placement")
    }
    annual = annual_cells(results, totals, {}, [], {})  # type: ignore[arg-type]
    release = Release()
    for slug, counts in samples.items():
        release.publish(("cases", slug), counts.cases, slug)
        for attribute in ("looked_after", "placement"):
            keys = []
            for value, cell in attribute_cells(slug, counts, attribute).items():
                keys.append(_single_key(slug, sample, attribute, value))
                _publish(release, keys[-1], cell)
            release.add_sum(("cases", slug), keys)
    recorded = ["looked_after", "placement"]
    read_attribute_relations(release, _single_key, ((slug, sample, recorded) for slug in samples))
    for (_, attribute), cells in annual.types.items():
        for value, cell in cells.items():
            key = _annual_key("y", sample, attribute, value)
            _publish(release, key, cell)
            if value != ALL:
                release.add_sum(key, [_single_key(s, sample, attribute, value) for s in samples])
        release.add_sum(
            _annual_key("y", sample, attribute, ALL),
            [_annual_key("y", sample, attribute, v) for v in cells if v != ALL],
        )
    read_attribute_relations(release, _annual_key, [("y", sample, recorded)])
    # the profile's rows: published cells, or counts made of them (looked after: any)
    rows = profile_rows(
        sample,
        recorded,
        {a: annual.types[(sample, a)] for a in recorded if (sample, a) in annual.types},
    )
    for row in rows:
        if row.value == ANY:
            key = ("profile", row.attribute, ANY)
            _publish(release, key, row.cell)
            release.add_sum(
                _annual_key("y", sample, row.attribute, ALL),
                [key, _annual_key("y", sample, row.attribute, "no")],
            )
        else:
            assert row.cell == annual.types[(sample, row.attribute)][row.value]
    assert release.recovered() == {}
    assert not release.conflicts


def test_placement_decided_alone_would_give_a_withheld_count_away() -> None:
    """The relation matters: a reader who knows that the looked-after children are those
    placed in and out of area recovers a withheld placement from the looked-after counts
    where placement is decided without them, and nothing where it is decided with them."""
    counts = _sample([12], 2, 4, "court")  # 12 looked after, 2 of them out of area; 4 not
    looked_after = attribute_cells("s", counts, "looked_after")
    assert all(c.shown is not None for c in looked_after.values())
    together = attribute_cells("s", counts, "placement")
    alone = attribute_cells(
        "s",
        SampleCounts("court", counts.cases, {}, {"placement": counts.attributes["placement"]}),
        "placement",
    )

    def recovered(placement: dict[str, Cell]) -> dict[tuple[str, ...], int]:
        release = Release()
        release.publish(("cases", "s"), counts.cases, "test")
        for attribute, cells in (("looked_after", looked_after), ("placement", placement)):
            keys = [_single_key("s", "court", attribute, v) for v in cells]
            for key, cell in zip(keys, cells.values(), strict=True):
                _publish(release, key, cell)
            release.add_sum(("cases", "s"), keys)
        read_attribute_relations(
            release, _single_key, [("s", "court", ["looked_after", "placement"])]
        )
        return release.recovered()

    assert recovered(together) == {}
    assert together["out-of-area"].shown is None and together["in-area"].shown is None
    # decided alone, the out-of-area count of two is withheld, and the smaller count of
    # children not looked after with it, which the looked-after counts give back
    assert alone["out-of-area"].shown is None
    assert recovered(alone) == {
        _single_key("s", "court", "placement", "out-of-area"): 2,
        _single_key("s", "court", "placement", "not-looked-after"): 4,
    }
