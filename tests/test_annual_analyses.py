"""The annual report's analyses beyond ratings: recommendations counted by theme,
and counts of children's characteristics (disability, the resettlement sample)
withheld exactly as the other cross-tabulations withhold them."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT, edit, line_of
from yjsreport.annual.disclosure import ALL
from yjsreport.annual.exhibits.parts import label
from yjsreport.annual.exhibits.registry import REGISTRY
from yjsreport.annual.model import AnnualFigures, collect_annuals
from yjsreport.annual.references import resolve_annual
from yjsreport.annual.themes import Tagged, Theme, theme_counts
from yjsreport.project import Report, load_reports
from yjsreport.prose.numbers import count_in_words
from yjsreport.prose.references import ReferenceProblem

EXAMPLE = ROOT / "examples" / "annual" / "content"


@pytest.fixture(scope="module")
def example() -> tuple[list[Report], AnnualFigures]:
    reports = load_reports(EXAMPLE)
    annuals, problems = collect_annuals(EXAMPLE, reports, {"2018", "2021"})
    assert problems == []
    return reports, annuals[0].figures


def _themes_written(report: Report) -> list[str | None]:
    """Each recommendation's theme, read from the part's front-matter by the test."""
    text = (report.inspection.folder / "report" / "recommendations.md").read_text("utf-8")
    front = yaml.safe_load(text.split("---")[1])
    out: list[str | None] = []
    for group in front["groups"]:
        for item in group["items"]:
            out.append(item["theme"] if isinstance(item, dict) else group.get("theme"))
    return out


def test_recommendation_themes_are_counted_across_the_period(
    example: tuple[list[Report], AnnualFigures],
) -> None:
    reports, figures = example
    chosen = [r for r in reports if r.slug in set(figures.selection.chosen)]
    recommendations: Counter[str | None] = Counter()
    inspections: Counter[str | None] = Counter()
    for r in chosen:
        themes = _themes_written(r)
        recommendations.update(themes)
        inspections.update(set(themes))
    assert figures.untagged == recommendations[None] == 0
    for count in figures.themes:
        assert count.recommendations == recommendations[count.theme.id], count.theme.id
        assert count.inspections == inspections[count.theme.id], count.theme.id
    board = next(t for t in figures.themes if t.theme.id == "management-board")
    assert board.recommendations > board.inspections  # a group's theme counts every item
    assert resolve_annual("themes.education", figures) == count_in_words(
        recommendations["education"]
    )
    table = REGISTRY["recommendation-themes"](figures).tables[0]
    rows = {row[0].text: row[1].text for row in table.body}
    assert rows["Education, training and employment"] == str(recommendations["education"])


def test_theme_counts_keep_the_declared_order_and_count_untagged() -> None:
    themes = (Theme("b", "B"), Theme("a", "A"), Theme("c", "C"))
    here = Path("x.md")
    items = [
        Tagged("one", "a", here, 1, 1),
        Tagged("one", "a", here, 2, 1),
        Tagged("two", "a", here, 1, 1),
        Tagged("two", None, here, 3, 1),
        Tagged("two", "b", here, 4, 1),
    ]
    counts, untagged = theme_counts(items, themes)
    assert [(c.theme.id, c.recommendations, c.inspections) for c in counts] == [
        ("b", 1, 1),
        ("a", 3, 2),
        ("c", 0, 0),
    ]
    assert untagged == 1


def test_an_undeclared_theme_is_a_located_problem(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(EXAMPLE, content)
    path = content / "inspections" / "fallowdale-2022" / "report" / "recommendations.md"
    edit(path, "theme: diversity", "theme: diversty")
    reports = load_reports(content)
    _, problems = collect_annuals(content, reports, {"2018", "2021"})
    messages = [str(p) for p in problems]
    line = line_of(path, "theme: diversty")
    assert any(
        m.startswith(f"{path}:{line}:") and "unknown theme 'diversty'" in m for m in messages
    ), messages


def test_small_counts_of_disability_are_withheld_and_cannot_be_worked_out(
    example: tuple[list[Report], AnnualFigures],
) -> None:
    _, figures = example
    cells = figures.cells.types[("court", "disability")]
    withheld = [v for v, c in cells.items() if v != ALL and c.shown is None]
    # a single report withholds its small counts of a characteristic; summed over the
    # period they would give one away here, so the annual table withholds them too
    assert withheld, "expected a withheld count in the example's court disability table"
    assert len(withheld) != 1  # one withheld value would follow from the total
    table = REGISTRY["disability"](figures).tables[0]
    texts = {row[0].text: row[1].text for row in table.body}
    for value in withheld:
        assert texts[label(value)] == "withheld"
    shown = sum(c.shown or 0 for v, c in cells.items() if v != ALL)
    assert cells[ALL].shown == sum(c.count for v, c in cells.items() if v != ALL) > shown
    with pytest.raises(ReferenceProblem, match="is not published"):
        resolve_annual(f"crosstab.disability.court.{withheld[0]}", figures)


def test_the_resettlement_profile_counts_the_resettlement_sample_only(
    example: tuple[list[Report], AnnualFigures],
) -> None:
    reports, figures = example
    chosen = [r for r in reports if r.slug in set(figures.selection.chosen)]
    gender: Counter[str] = Counter()
    for r in chosen:
        path = r.inspection.folder / "cases" / "resettlement.csv"
        if path.is_file():
            lines = path.read_text("utf-8").splitlines()
            column = lines[0].split(",").index("gender")
            gender.update(line.split(",")[column] for line in lines[1:])
    cells = figures.cells.types[("resettlement", "gender")]
    assert cells[ALL].shown == sum(gender.values()) == figures.cases["resettlement"]
    for value, cell in cells.items():
        if value != ALL:
            assert cell.count == gender[value]
    exhibit = REGISTRY["resettlement-profile"](figures)
    captions = [t.caption for t in exhibit.tables]
    assert "Resettlement cases: the child's gender" in captions
    assert "Ratings of resettlement policy and provision (services)" in captions
