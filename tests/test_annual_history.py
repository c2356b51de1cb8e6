"""Earlier years from their published figures: the reader's located messages, and
trends over four years that match the figures entered."""

from __future__ import annotations

import datetime as dt
import shutil
from collections import Counter
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT, line_of
from yjsreport.annual.exhibits.registry import REGISTRY
from yjsreport.annual.history import load_history
from yjsreport.annual.model import AnnualFigures, collect_annuals
from yjsreport.annual.references import resolve_annual
from yjsreport.annual.themes import load_themes
from yjsreport.errors import ContentError
from yjsreport.framework.load import load_frameworks
from yjsreport.project import load_reports
from yjsreport.prose.numbers import count_in_words
from yjsreport.prose.references import ReferenceProblem
from yjsreport.rules.banding import printed_percent
from yjsreport.rules.ratings import Rating

EXAMPLE = ROOT / "examples" / "annual" / "content"
HISTORY = EXAMPLE / "annual" / "2022" / "history"
FRAMEWORKS = load_frameworks(EXAMPLE / "frameworks")
BEFORE = dt.date(2021, 10, 1)
THEMES = [t.id for t in load_themes(EXAMPLE)]


@pytest.fixture(scope="module")
def figures() -> AnnualFigures:
    reports = load_reports(EXAMPLE)
    annuals, problems = collect_annuals(EXAMPLE, reports, set(FRAMEWORKS))
    assert problems == []
    return annuals[0].figures


def _entered(year: int) -> dict[str, object]:
    data = yaml.safe_load((HISTORY / f"{year}.yaml").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def test_the_overall_trend_over_four_years_matches_the_figures_entered(
    figures: AnnualFigures,
) -> None:
    labels = [y.label for y in figures.trend_overall]
    assert labels == ["2018/19", "2019/20", "2020/21", "2021/22"]
    for year, row in zip((2019, 2020, 2021), figures.trend_overall, strict=False):
        entered = Counter(i["overall"] for i in _entered(year)["inspections"])  # type: ignore[attr-defined]
        assert {r.value: n for r, n in row.counts.items() if n} == dict(entered)
        assert row.source is not None and f"Annual report {year}" in row.source
    current = figures.trend_overall[-1]
    assert current.source is None and current.counts == figures.overall
    assert sum(current.counts.values()) == len(figures.results) == 33


def test_a_standard_and_a_key_question_trend_match_the_figures_entered(
    figures: AnnualFigures,
) -> None:
    trend = figures.trend_standards["2.1"]
    entered = Counter(i["ratings"]["2.1"] for i in _entered(2020)["inspections"])  # type: ignore[attr-defined]
    row = next(r for r in trend if r.label == "2019/20")
    assert {r.value: n for r, n in row.counts.items() if n} == dict(entered)
    assert trend[-1].counts == figures.distributions["2.1"]
    question = next(t for t in figures.trend_questions if t.id == "3.2.2")
    typed = {
        q["framework"]: q
        for q in _entered(2021)["key_questions"]  # type: ignore[attr-defined]
        if q["id"] == "3.2.2"
    }
    # 2020/21 ran across the change: its report gave a figure under each framework, and
    # the 2018 one is shown beside the 2021 one as the same question
    shown = {y.label: (y.framework, y.percent, y.cases) for y in question.years}
    for framework in ("2018", "2021"):
        entered = typed[framework]
        assert shown[f"2020/21 ({framework})"] == (
            framework,
            entered["percent"],
            entered["cases"],
        )
    assert "2020/21" not in shown
    assert question.years[-1].framework == "2021"
    with pytest.raises(ReferenceProblem, match="under frameworks 2018 and 2021: name one"):
        resolve_annual("history.2021.3.2.2.percent", figures)
    assert resolve_annual("history.2021.3.2.2.2021.percent", figures) == (
        f"{typed['2021']['percent']} per cent"
    )


def test_prose_quotes_earlier_years_by_reference(figures: AnnualFigures) -> None:
    good_2020 = sum(i["overall"] == "Good" for i in _entered(2020)["inspections"])  # type: ignore[attr-defined]
    assert resolve_annual("history.2020.overall.good", figures) == count_in_words(good_2020)
    rows = _entered(2019)["inspections"]
    better = sum(i["overall"] in ("Good", "Outstanding") for i in rows)  # type: ignore[attr-defined]
    expected = f"{printed_percent(better, len(rows))} per cent"  # type: ignore[arg-type]
    assert resolve_annual("history.2019.overall.good-or-better.percent", figures) == expected
    assert resolve_annual("history.2021.label", figures) == "2020/21"
    with pytest.raises(ReferenceProblem, match="with a year of 2019, 2020, 2021"):
        resolve_annual("history.2018.overall.good", figures)
    with pytest.raises(ReferenceProblem, match=r"no inspection of 2018/19 has standard 4\.1"):
        resolve_annual("history.2019.4.1.good", figures)


def _broken(tmp_path: Path, old: str, new: str, year: int = 2021) -> tuple[Path, int]:
    folder = tmp_path / "2022"
    shutil.copytree(HISTORY, folder / "history")
    path = folder / "history" / f"{year}.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path, line_of(path, new.splitlines()[0].strip())


def _messages(folder: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_history(folder, FRAMEWORKS, BEFORE, THEMES)
    return [str(p) for p in caught.value.problems]


def test_an_unknown_standard_is_located(tmp_path: Path) -> None:
    path, line = _broken(tmp_path, '"3.4": Good}', '"3.5": Good}')
    [message] = _messages(tmp_path / "2022")
    assert message.startswith(f"{path}:{line}:")
    assert "framework 2018 has no standard 3.5" in message


def test_an_overall_rating_that_does_not_follow_is_located(tmp_path: Path) -> None:
    text = (HISTORY / "2021.yaml").read_text(encoding="utf-8")
    first = text.index("    overall: Good\n")
    path, _ = _broken(tmp_path, text[first : first + 18], "    overall: Inadequate\n")
    line = text[:first].count("\n") + 1
    [message] = _messages(tmp_path / "2022")
    assert message.startswith(f"{path}:{line}:")
    assert "'Inadequate' does not follow from the standards' ratings" in message


def test_an_impossible_percentage_and_a_date_outside_the_year(tmp_path: Path) -> None:
    typed = next(q for q in _entered(2021)["key_questions"] if q["id"] == "2.1.1")  # type: ignore[attr-defined]
    old = (
        f'{{id: "2.1.1", framework: "2018", percent: {typed["percent"]}, cases: {typed["cases"]}}}'
    )
    path, line = _broken(tmp_path, old, '{id: "2.1.1", framework: "2018", percent: 50, cases: 3}')
    text = path.read_text(encoding="utf-8")
    first_date = next(x for x in text.splitlines() if x.strip().startswith("date:"))
    path.write_text(text.replace(first_date, "    date: 2021-10-01", 1), encoding="utf-8")
    messages = _messages(tmp_path / "2022")
    assert any(
        m.startswith(f"{path}:{line}:") and "50% cannot be a whole-number share of 3 cases" in m
        for m in messages
    )
    date_line = line_of(path, "date: 2021-10-01")
    assert any(
        m.startswith(f"{path}:{date_line}:")
        and "2021-10-01 is outside the year's period 2020-10-01 to 2021-09-30" in m
        for m in messages
    )


def test_a_year_not_before_the_period_and_a_misnamed_file(tmp_path: Path) -> None:
    path, _ = _broken(tmp_path, "year: 2021", "year: 2020")
    messages = _messages(tmp_path / "2022")
    assert any(
        m.startswith(f"{path}:{line_of(path, 'year: 2020')}:")
        and "year 2020 does not match the file name; expected 2021" in m
        for m in messages
    )
    with pytest.raises(ContentError, match="period_end 2021-09-30 is not before"):
        load_history(tmp_path / "2022", FRAMEWORKS, dt.date(2021, 9, 1), THEMES)


def test_unknown_key_and_rating_word_are_located(tmp_path: Path) -> None:
    path, line = _broken(tmp_path, "    overall: Good\n", "    overall: Fine\n    rating: Good\n")
    messages = _messages(tmp_path / "2022")
    assert any(m.startswith(f"{path}:{line}:") and "overall" in m for m in messages)
    assert any("unknown key 'inspections[" in m and "rating" in m for m in messages)
    assert Rating.GOOD.value == "Good"


def test_an_earlier_years_theme_counts_are_checked_shown_and_quoted(
    figures: AnnualFigures, tmp_path: Path
) -> None:
    entered = _entered(2021)["recommendation_themes"]
    assert isinstance(entered, dict)
    assert resolve_annual("history.2021.themes.education", figures) == count_in_words(
        entered["education"]
    )
    table = REGISTRY["recommendation-themes"](figures).tables[0]
    assert table.head[0][-1].text == "Recommendations in 2020/21"
    by_label = {row[0].text: row[-1].text for row in table.body}
    assert by_label["Education, training and employment"] == str(entered["education"])
    path, line = _broken(tmp_path, "education: 6", "educaton: 6")
    with pytest.raises(ContentError) as caught:
        load_history(tmp_path / "2022", FRAMEWORKS, BEFORE, THEMES)
    [message] = [str(p) for p in caught.value.problems]
    assert message.startswith(f"{path}:{line}:")
    assert "recommendation_themes: unknown theme 'educaton'" in message
