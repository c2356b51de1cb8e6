"""A reinspection whose first inspection is known only from an earlier year's
published figures: the reference resolves to a history entry, the exhibit compares
the scores as published with notes from the data, and every wrong reference or
figure is a located problem."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import ROOT, edit, line_of
from yjsreport.annual.exhibits.registry import REGISTRY
from yjsreport.annual.model import AnnualFigures, collect_annuals
from yjsreport.cli import main
from yjsreport.errors import Problem
from yjsreport.project import load_reports
from yjsreport.rules.ratings import Rating

EXAMPLE = ROOT / "examples" / "annual" / "content"
HISTORY = Path("annual/2022/history/2020.yaml")
REVISIT = Path("inspections/hollinfold-2021/inspection.yaml")
ENTRY = "  - id: hollinwater-vale-2019\n"
RATINGS = '    ratings: {"1.1": Inadequate, "1.2": Requires improvement, "1.3": Inadequate'


@pytest.fixture
def content(tmp_path: Path) -> Path:
    copy = tmp_path / "content"
    shutil.copytree(EXAMPLE, copy)
    return copy


def _annual(content: Path) -> tuple[AnnualFigures | None, list[Problem]]:
    reports = load_reports(content)
    annuals, problems = collect_annuals(content, reports, {"2018", "2021"})
    return (annuals[0].figures if annuals else None), problems


def _messages(content: Path) -> list[str]:
    _, problems = _annual(content)
    return [str(p) for p in problems]


def _drop_ratings(content: Path) -> None:
    """The consortium's entry keeps only its published score."""
    path = content / HISTORY
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    start = lines.index(ENTRY)
    kept = [line for i, line in enumerate(lines) if not (i > start and line.startswith(RATINGS))]
    assert len(kept) == len(lines) - 1
    path.write_text("".join(kept), encoding="utf-8")


def test_the_example_compares_a_reinspection_with_a_consortium_known_from_history() -> None:
    figures, problems = _annual(EXAMPLE)
    assert problems == [] and figures is not None
    exhibit = REGISTRY["reinspections"](figures)
    (table,) = exhibit.tables
    rows = {
        row[0].text: [c.text or (c.rating and c.rating.value) for c in row] for row in table.body
    }
    assert rows["Hollinfold YOS"] == [
        "Hollinfold YOS",
        "Hollinwater Vale YOT, December 2019",
        "2/36",
        "Inadequate",
        "October 2021",
        "5/36",
        "Inadequate",
        "2 and 5 out of 36",
    ]
    notes = " ".join(table.notes)
    assert (
        "Hollinwater Vale YOT was a consortium of services, since split into the services of "
        "Hollinfold, Hollinstead and Ferncombe" in notes
    )
    assert (
        "Hollinfold YOS’s first inspection (of Hollinwater Vale YOT) is given as published" in notes
    )
    # the published footnote's two facts, from the data
    assert "Brindleholme YOS’s reinspection was scored out of 24 rather than 36" in notes
    assert "Brindleholme YOS’s first inspection scored 0 out of 36" in notes
    (chart,) = exhibit.charts
    assert chart.title == "Both services inspected again scored higher at reinspection"
    assert "Hollinfold YOS and Brindleholme YOS" in chart.alt
    svg = chart.svg
    for label in ("2 out of 36", "5 out of 36", "0 out of 36", "18 out of 24"):
        assert label in svg


def test_a_first_inspection_known_only_by_its_score_out_of_a_reduced_maximum(
    content: Path,
) -> None:
    _drop_ratings(content)
    edit(content / HISTORY, "    score: 2\n    maximum: 36\n", "    score: 2\n    maximum: 24\n")
    figures, problems = _annual(content)
    assert problems == [] and figures is not None
    (table,) = REGISTRY["reinspections"](figures).tables
    row = next(r for r in table.body if r[0].text == "Hollinfold YOS")
    assert [c.text for c in row[1:3]] == ["Hollinwater Vale YOT, December 2019", "2/24"]
    assert row[3].rating is Rating.INADEQUATE and row[-1].text == "Not known"
    notes = " ".join(table.notes)
    assert (
        "Hollinfold YOS’s first inspection (of Hollinwater Vale YOT) was scored out of 24 "
        "rather than 36." in notes
    )
    assert "‘Not known’: the first inspection’s published figures give its score" in notes
    # a year's ratings table without the entry's ratings still counts it overall
    (year,) = [y for y in figures.history if y.year == 2020]
    assert sum(year.overall().values()) == len(year.inspections)
    assert sum(year.standard("2.1").values()) == len(year.inspections) - 1


def test_a_reference_to_nothing_names_what_it_may_name(content: Path) -> None:
    edit(
        content / REVISIT, "reinspection_of: hollinwater-vale-2019", "reinspection_of: hollinwater"
    )
    line = line_of(content / REVISIT, "reinspection_of")
    (message,) = _messages(content)
    assert message == (
        f"{content / REVISIT}:{line}:18: reinspection_of: no inspection 'hollinwater'; expected "
        "the folder name of an earlier inspection under inspections/ or the id of an "
        "inspection in an annual report's history/ files"
    )


def test_a_reference_to_both_a_folder_and_a_history_entry_is_refused(content: Path) -> None:
    history = content / "annual/2022/history/2019.yaml"
    edit(
        history,
        "  - service: Brindleholme YOS\n",
        "  - id: brindleholme-2018\n    service: Brindleholme YOS\n",
    )
    path = content / "inspections/brindleholme-2022-reinspection/inspection.yaml"
    (message,) = _messages(content)
    assert message.startswith(f"{path}:{line_of(path, 'reinspection_of')}:18: reinspection_of: ")
    assert (
        "'brindleholme-2018' names both the inspection folder inspections/brindleholme-2018 "
        f"and the history entry at annual/2022/history/2019.yaml:{line_of(history, 'id: brind')}"
        in message
    )


def test_a_score_outside_its_ratings_band_is_refused(content: Path) -> None:
    edit(content / HISTORY, "    score: 2\n", "    score: 20\n")
    line = line_of(content / HISTORY, "score: 20")
    messages = _messages(content)
    assert (
        f"{content / HISTORY}:{line}:12: score 20 out of 36 is 'Good' on framework 2018's "
        "scale, not 'Inadequate'; check the score, its maximum and the overall rating against "
        "the source"
    ) in messages
    # with the ratings given, the score must also be theirs
    assert any(
        "score 20 out of 36 disagrees with the standards' ratings given" in m for m in messages
    )


def test_a_score_that_disagrees_with_the_ratings_and_a_maximum_off_the_scale(
    content: Path,
) -> None:
    edit(content / HISTORY, "    score: 2\n", "    score: 3\n")
    (message,) = _messages(content)
    assert message.endswith(
        "score 3 out of 36 disagrees with the standards' ratings given, which score 2 out of 36"
    )
    edit(content / HISTORY, "    score: 3\n    maximum: 36\n", "    score: 3\n    maximum: 25\n")
    line = line_of(content / HISTORY, "maximum: 25")
    assert (
        f"{content / HISTORY}:{line}:14: maximum 25 is not on framework 2018's scale: 3 "
        "points for each scored standard rated, 36 at most" in _messages(content)
    )


def test_a_consortium_split_named_wrongly_is_refused(content: Path) -> None:
    edit(
        content / HISTORY,
        "became: [Hollinfold, Hollinstead, Ferncombe]",
        "became: [Hollinford, Hollinstead, Ferncombe]",
    )
    line = line_of(content / REVISIT, "reinspection_of")
    (message,) = _messages(content)
    assert message == (
        f"{content / REVISIT}:{line}:18: reinspection_of: 'hollinwater-vale-2019' (Hollinwater "
        "Vale YOT) was a consortium that became Hollinford, Hollinstead and Ferncombe "
        f"(annual/2022/history/2020.yaml:{line_of(content / HISTORY, 'id: hollinwater')}); this "
        "inspection's place 'Hollinfold' is none of them: correct the place here or 'became' "
        "there"
    )
    edit(content / HISTORY, "became: [Hollinford, Hollinstead, Ferncombe]", "became: [Hollinfold]")
    assert any(
        "became: a consortium becomes two services or more; got only 'Hollinfold'" in m
        for m in _messages(content)
    )


def test_an_id_given_twice_in_the_history_files_is_refused(content: Path) -> None:
    history = content / "annual/2022/history/2019.yaml"
    edit(
        history,
        "  - service: Ashwick YOS\n",
        "  - id: hollinwater-vale-2019\n    service: Ashwick YOS\n",
    )
    messages = _messages(content)
    assert any(
        m.startswith(f"{content / HISTORY}:")
        and "id 'hollinwater-vale-2019' is given twice in the history files; the other is at "
        "annual/2022/history/2019.yaml:"
        in m
        for m in messages
    ), messages


def test_a_case_id_as_the_named_first_inspections_service_is_refused_by_check(
    content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The service of a first inspection named from history is published (its own
    report named it); the privacy check reads it in what is published."""
    court = (content / "inspections/hollinfold-2021/cases/court.csv").read_text(encoding="utf-8")
    case_id = court.splitlines()[1].split(",", 1)[0]
    edit(content / HISTORY, "service: Hollinwater Vale YOT", f"service: {case_id}")
    assert main(["--content", str(content), "check"]) == 1
    err = capsys.readouterr().err
    line = line_of(content / HISTORY, f"service: {case_id}")
    assert f"{content / HISTORY}:{line}:" in err and f"case id {case_id!r}" in err


def test_an_entry_with_neither_ratings_nor_score_is_refused(content: Path) -> None:
    _drop_ratings(content)
    edit(content / HISTORY, "    score: 2\n    maximum: 36\n", "")
    line = line_of(content / HISTORY, "id: hollinwater-vale-2019") + 4  # its overall:
    messages = _messages(content)
    assert (
        f"{content / HISTORY}:{line}:14: give the standards' ratings (ratings:) or the "
        "published score (score:)"
    ) in messages, messages
