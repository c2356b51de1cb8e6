"""Figures across the years of the trend window (`years.` references): sums and ranges
over the earlier years' published figures and the current year's, recomputed here from
the history files and the period's own counts, and the located problems of a wrong one."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT, line_of
from yjsreport.annual.model import AnnualFigures, collect_annuals
from yjsreport.annual.references import resolve_annual
from yjsreport.cli import main
from yjsreport.framework.load import load_frameworks
from yjsreport.project import load_reports
from yjsreport.prose.numbers import count_in_words
from yjsreport.prose.references import ReferenceProblem
from yjsreport.rules.banding import printed_percent
from yjsreport.rules.ratings import Rating

EXAMPLE = ROOT / "examples" / "annual" / "content"
HISTORY = EXAMPLE / "annual" / "2022" / "history"
EARLIER = (2019, 2020, 2021)  # the window of four years ends with 2021/22


@pytest.fixture(scope="module")
def figures() -> AnnualFigures:
    reports = load_reports(EXAMPLE)
    frameworks = load_frameworks(EXAMPLE / "frameworks")
    annuals, problems = collect_annuals(EXAMPLE, reports, set(frameworks))
    assert problems == []
    return annuals[0].figures


def _inspections(year: int) -> list[dict[str, object]]:
    data = yaml.safe_load((HISTORY / f"{year}.yaml").read_text(encoding="utf-8"))
    return data["inspections"]  # type: ignore[no-any-return]


def test_overall_ratings_are_summed_across_the_four_years(figures: AnnualFigures) -> None:
    earlier = Counter(str(i["overall"]) for y in EARLIER for i in _inspections(y))
    current = {r.value: n for r, n in figures.overall.items()}
    services = sum(earlier.values()) + len(figures.services)
    good = earlier["Good"] + current.get("Good", 0)
    better = good + earlier["Outstanding"] + current.get("Outstanding", 0)
    rated = services - earlier["Not rated"] - current.get("Not rated", 0)
    assert resolve_annual("years", figures) == "four"
    assert resolve_annual("years.first", figures) == "2018/19"
    assert resolve_annual("years.last", figures) == "2021/22"
    assert resolve_annual("years.services", figures) == count_in_words(services)
    assert resolve_annual("years.overall.good", figures) == count_in_words(good)
    assert resolve_annual("years.overall.good-or-better.percent", figures) == (
        f"{printed_percent(better, rated)} per cent"
    )


def test_a_standards_range_is_its_lowest_and_highest_year(figures: AnnualFigures) -> None:
    shares = []
    for year in EARLIER:
        rows = [str(i["ratings"]["1.1"]) for i in _inspections(year)]  # type: ignore[index]
        rated = [r for r in rows if r != "Not rated"]
        shares.append(printed_percent(sum(r in ("Good", "Outstanding") for r in rated), len(rated)))
    dist = figures.distributions["1.1"]
    rated_now = sum(n for r, n in dist.items() if r.is_rated)
    shares.append(printed_percent(dist[Rating.GOOD] + dist[Rating.OUTSTANDING], rated_now))
    assert len(set(shares)) > 1  # a range, not one value
    assert resolve_annual("years.1.1.good-or-better.percent.lowest", figures) == (
        f"{min(shares)} per cent"
    )
    assert resolve_annual("years.1.1.good-or-better.percent.highest", figures) == (
        f"{max(shares)} per cent"
    )
    summed = sum(
        str(i["ratings"]["1.1"]) == "Inadequate"  # type: ignore[index]
        for y in EARLIER
        for i in _inspections(y)
    )
    assert resolve_annual("years.1.1.inadequate", figures) == count_in_words(
        summed + dist[Rating.INADEQUATE]
    )


def test_a_key_questions_range_counts_every_figure_the_years_give(figures: AnnualFigures) -> None:
    entered = [
        q
        for y in EARLIER
        for q in yaml.safe_load((HISTORY / f"{y}.yaml").read_text(encoding="utf-8"))[
            "key_questions"
        ]
        if q["id"] == "2.2.3"
    ]
    assert len(entered) == 4  # 2020/21 gave a figure under each framework
    share = next(t for t in figures.trend_questions if t.id == "2.2.3").years[-1]
    percents = [q["percent"] for q in entered] + [share.percent]
    assert resolve_annual("years.2.2.3.percent.lowest", figures) == f"{min(percents)} per cent"
    assert resolve_annual("years.2.2.3.percent.highest", figures) == f"{max(percents)} per cent"
    cases = sum(q["cases"] for q in entered) + share.cases
    assert resolve_annual("years.2.2.3.cases", figures) == count_in_words(cases)


def test_wrong_years_references_say_what_was_expected(figures: AnnualFigures) -> None:
    with pytest.raises(ReferenceProblem, match=r"no standard 9\.9 in framework 2021"):
        resolve_annual("years.9.9.good", figures)
    with pytest.raises(ReferenceProblem, match=r"expected years\.overall\.<rating>"):
        resolve_annual("years.overall.great", figures)
    with pytest.raises(ReferenceProblem, match=r"\.percent\.lowest or \.percent\.highest"):
        resolve_annual("years.overall.good.percent.middle", figures)
    with pytest.raises(ReferenceProblem, match=r"no key question 2\.9\.9 over the years"):
        resolve_annual("years.2.9.9.percent.lowest", figures)
    with pytest.raises(ReferenceProblem, match=r"unknown figure 'years\.cases'"):
        resolve_annual("years.cases", figures)


def test_a_years_reference_with_a_trailing_dot_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import shutil

    content = tmp_path / "content"
    shutil.copytree(EXAMPLE, content)
    monkeypatch.chdir(tmp_path)
    chapter = content / "annual" / "2022" / "chapters" / "01-overview.md"
    text = chapter.read_text(encoding="utf-8")
    assert "Across the {{ years }} years" in text
    chapter.write_text(
        text.replace("Across the {{ years }} years", "Across the {{ years. }} years", 1),
        encoding="utf-8",
    )
    line = line_of(chapter, "Across the {{ years. }} years")
    assert main(["--content", str(content), "check"]) == 1
    err = capsys.readouterr().err
    assert f"01-overview.md:{line}:12: {{{{ years. }}}} has an empty part" in err


def test_a_years_reference_without_earlier_years_is_located(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import shutil

    content = tmp_path / "content"
    shutil.copytree(EXAMPLE, content)
    monkeypatch.chdir(tmp_path)
    folder = content / "annual" / "2022"
    shutil.rmtree(folder / "history")
    chapter = folder / "chapters" / "01-overview.md"
    line = line_of(chapter, "Across the {{ years }} years")
    assert main(["--content", str(content), "check"]) == 1
    err = capsys.readouterr().err
    assert f"01-overview.md:{line}:12: years.… needs an earlier year in the trend window" in err
