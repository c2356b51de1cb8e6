"""The annual report's period: which inspections it covers, at the boundaries, and
the located messages for a period that cannot be decided."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from yjsreport.annual.content import load_annual
from yjsreport.annual.model import selection_problems
from yjsreport.annual.period import InspectionDates, PeriodRule, Selection, select_inspections
from yjsreport.content.dates import MonthDate
from yjsreport.errors import ContentError

D = dt.date
START, END = D(2021, 10, 1), D(2022, 9, 30)


def _one(slug: str, fieldwork: dt.date, published: dt.date) -> InspectionDates:
    return InspectionDates(slug, fieldwork, published)


INSPECTIONS = [
    _one("first-day", D(2021, 7, 20), D(2021, 10, 1)),  # published on the first day
    _one("day-before", D(2021, 7, 1), D(2021, 9, 30)),  # published the day before
    _one("last-day", D(2022, 7, 1), D(2022, 9, 30)),  # published on the last day
    _one("day-after", D(2022, 7, 8), D(2022, 10, 1)),  # published the day after
    _one("late-fieldwork", D(2022, 9, 30), D(2023, 1, 31)),  # fieldwork on the last day
    _one("later-still", D(2022, 9, 29), D(2023, 2, 1)),  # published after the cut-off
    _one("early-fieldwork", D(2021, 9, 30), D(2021, 12, 2)),  # fieldwork the day before
]


def test_by_publication_counts_both_end_days_and_nothing_beyond() -> None:
    chosen = select_inspections(PeriodRule(START, END), INSPECTIONS).chosen
    assert chosen == ("first-day", "last-day", "early-fieldwork")


def test_by_fieldwork_with_a_separate_publication_cut_off() -> None:
    rule = PeriodRule(START, END, "fieldwork", published_by=D(2023, 1, 31))
    chosen = select_inspections(rule, INSPECTIONS).chosen
    # fieldwork ended in the period: published before it, on its last day, after it up
    # to the cut-off; 'later-still' missed the cut-off by a day
    assert chosen == ("last-day", "day-after", "late-fieldwork")
    no_cutoff = select_inspections(PeriodRule(START, END, "fieldwork"), INSPECTIONS).chosen
    assert no_cutoff == ("last-day", "day-after", "late-fieldwork", "later-still")


def test_a_list_names_the_inspections_and_reports_unknown_and_late_ones() -> None:
    rule = PeriodRule(
        START, END, listed=("day-before", "later-still", "missing"), published_by=D(2023, 1, 31)
    )
    selection = select_inspections(rule, INSPECTIONS)
    assert selection == Selection(("day-before",), (), ("missing",), ("later-still",))


def test_a_month_only_date_is_in_out_or_undecided() -> None:
    months = [
        _one("inside", MonthDate(2022, 9, 1), D(2022, 12, 1)),
        _one("outside", MonthDate(2022, 10, 1), D(2022, 12, 1)),
    ]
    rule = PeriodRule(START, END, "fieldwork")
    assert select_inspections(rule, months).chosen == ("inside",)
    mid_month = PeriodRule(START, D(2022, 9, 15), "fieldwork")
    assert select_inspections(mid_month, months).straddling == ("inside",)
    cutoff = PeriodRule(START, END, "fieldwork", published_by=D(2022, 12, 15))
    straddles = [_one("pub-month", D(2022, 8, 1), MonthDate(2022, 12, 1))]
    assert select_inspections(cutoff, straddles) == Selection((), ("pub-month",))


def _annual(tmp_path: Path, extra: str) -> Path:
    folder = tmp_path / "2022"
    (folder / "chapters").mkdir(parents=True)
    (folder / "chapters" / "01-overview.md").write_text("---\ntitle: Overview\n---\nText.\n")
    (folder / "annual.yaml").write_text(
        'title: "Annual report"\n'
        "period_start: 2021-10-01\n"
        "period_end: 2022-09-30\n"
        "publication_date: 2023-06-01\n"
        "status: published\n"
        'framework: "2021"\n'
        "signed_by: {name: Edmund Carrow, role: Chief Inspector}\n" + extra
    )
    return folder


def _messages(folder: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_annual(folder, {"2021"})
    return [str(p) for p in caught.value.problems]


def test_a_cut_off_by_publication_is_refused_at_its_line(tmp_path: Path) -> None:
    [message] = _messages(_annual(tmp_path, "published_by: 2023-01-31\n"))
    assert message.startswith(f"{tmp_path / '2022' / 'annual.yaml'}:8:")
    assert "published_by: a publication cut-off belongs to a period by fieldwork" in message


def test_a_cut_off_before_the_period_ends_or_after_publication(tmp_path: Path) -> None:
    [early] = _messages(_annual(tmp_path, "period_by: fieldwork\npublished_by: 2022-09-29\n"))
    assert ":9:" in early and "the cut-off 2022-09-29 is before period_end 2022-09-30" in early
    [late] = _messages(_annual(tmp_path / "b", "period_by: fieldwork\npublished_by: 2023-06-02\n"))
    assert ":9:" in late and "is after publication_date 2023-06-01" in late


def test_a_list_twice_naming_one_inspection_and_an_unknown_period_kind(tmp_path: Path) -> None:
    listed = "inspections:\n  - fallowdale-2022\n  - gorseywick-2022\n  - fallowdale-2022\n"
    [twice] = _messages(_annual(tmp_path, listed))
    assert ":11:" in twice and "inspections: 'fallowdale-2022' is listed twice" in twice
    [kind] = _messages(_annual(tmp_path / "b", "period_by: inspection\n"))
    assert ":8:" in kind and "period_by: expected 'publication' or 'fieldwork'" in kind


def test_listed_inspections_that_are_missing_or_too_late_are_located(tmp_path: Path) -> None:
    listed = "published_by: 2023-01-31\ninspections:\n  - fallowdale-2022\n  - nowhere-2022\n"
    source = load_annual(_annual(tmp_path, listed), {"2021"})
    problems = selection_problems(
        source, Selection((), (), ("nowhere-2022",), ("fallowdale-2022",))
    )
    messages = [str(p) for p in problems]
    assert any(":11:" in m and "no inspection folder 'nowhere-2022'" in m for m in messages)
    assert any(
        ":10:" in m and "'fallowdale-2022' was published after the cut-off 2023-01-31" in m
        for m in messages
    )


def test_the_example_counted_by_fieldwork_with_a_cut_off(tmp_path: Path) -> None:
    """The whole annual report follows the rule: its results are the inspections whose
    fieldwork ended in the period and were published by the cut-off, counted here from
    the inspection files themselves."""
    import shutil

    import yaml

    from tests.conftest import ROOT, edit
    from yjsreport.annual.model import collect_annuals
    from yjsreport.project import load_reports

    content = tmp_path / "content"
    shutil.copytree(ROOT / "examples" / "annual" / "content", content)
    annual = content / "annual" / "2022" / "annual.yaml"
    edit(annual, "period_end: 2022-09-30\n", "period_end: 2022-09-30\nperiod_by: fieldwork\n")
    edit(annual, "publication_date: 2022-12-06", "publication_date: 2023-03-01")
    edit(annual, "status: published", "status: published\npublished_by: 2022-12-31")
    expected = set()
    for folder in (content / "inspections").iterdir():
        meta = yaml.safe_load((folder / "inspection.yaml").read_text(encoding="utf-8"))
        fieldwork, published = meta["fieldwork_end"], meta["publication_date"]
        if START <= fieldwork <= END and published <= D(2022, 12, 31):
            expected.add(folder.name)
    reports = load_reports(content)
    annuals, problems = collect_annuals(content, reports, {"2018", "2021"})
    assert problems == []
    chosen = {r.slug for r in annuals[0].figures.results}
    assert chosen == expected
    by_publication = {r.slug for r in reports if START <= r.inspection.meta.publication_date <= END}
    assert chosen != by_publication  # the rule changed what is counted
    assert annuals[0].figures.trend_overall[-1].counts == annuals[0].figures.overall
