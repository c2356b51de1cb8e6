"""Key data figures (the table printed under a standard, from its part's front-matter)
quoted in prose by reference, and never held a second time as a statistic."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import CONTENT, ROOT, edit, line_of
from yjsreport.content.inspection import Inspection, find_inspections, load_inspection
from yjsreport.content.schema import Figure, KeyData
from yjsreport.errors import ContentError
from yjsreport.figures.collect import FigureSet, for_inspection
from yjsreport.figures.references import ReferenceProblem, resolve_figure
from yjsreport.framework.load import load_frameworks
from yjsreport.project import Report, load_reports, report_for_folder

BRACKENMOOR = CONTENT / "inspections" / "brackenmoor-2022"
PUBLISHED = ROOT / "tests" / "published"
FRAMEWORKS = CONTENT / "frameworks"


@pytest.fixture(scope="module")
def brackenmoor() -> Report:
    return next(r for r in load_reports(CONTENT, drafts=True) if r.slug == "brackenmoor-2022")


@pytest.fixture(scope="module")
def figures(brackenmoor: Report) -> FigureSet:
    inspection = brackenmoor.inspection
    return for_inspection(inspection.context, brackenmoor.result, inspection.key_data)


@pytest.mark.parametrize(
    ("ref", "text", "source"),
    [
        ("key_data.1.2.headcount", "45", "service-staffing"),
        ("key_data.1.2.caseload", "eight", "service-staffing"),
        ("key_data.1.2.vacancy-rate", "10.1 per cent", "service-staffing"),
        ("key_data.1.2.sickness-days", "3.2 days", "service-sickness"),
        ("key_data.1.1.spend", "£2,242,456", "service-budget"),
        ("key_data.1.3.wellbeing", "37 per cent", "service-data"),
    ],
)
def test_a_key_data_figure_gives_house_style_text_and_its_source(
    ref: str, text: str, source: str, figures: FigureSet
) -> None:
    found = resolve_figure(ref, figures)
    assert found.text == text
    assert [n.key for n in found.notes] == [f"source:{source}"]


def test_a_figure_without_an_id_is_named_by_its_label() -> None:
    table = KeyData(
        title="Staffing",
        figures=[Figure(label="Total staff headcount (FTE)", value=4.6, unit="number")],
    )
    figures = FigureSet(key_data={"1.2": table})
    assert resolve_figure("key_data.1.2.total-staff-headcount-fte", figures).text == "4.6"


def test_a_key_data_figure_compares_with_another(figures: FigureSet) -> None:
    found = resolve_figure(
        "key_data.1.3.wellbeing against the national 41% from service-data", figures
    )
    assert found.text == "below the national 41 per cent"


@pytest.mark.parametrize(
    ("ref", "message"),
    [
        (
            "key_data.1.2.head-count",
            "no figure 'head-count' in the key data of standard 1.2 (Staffing): expected one "
            "of headcount, vacancy-rate, caseload, sickness-days",
        ),
        (
            "key_data.2.1.headcount",
            "standard '2.1' has no key data; expected key_data.<standard>.<figure> with a "
            "standard of 1.1, 1.2, 1.3",
        ),
        ("key_data.1.2", "a figure is needed in the key data of standard 1.2"),
        ("key_data.1.3.wellbeing.percent", "a key data figure has no fields; write"),
    ],
)
def test_messages_name_what_exists(ref: str, message: str, figures: FigureSet) -> None:
    with pytest.raises(ReferenceProblem) as caught:
        resolve_figure(ref, figures)
    assert message in str(caught.value)


def _copy_brackenmoor(tmp_path: Path) -> Path:
    folder = tmp_path / "brackenmoor-2022"
    shutil.copytree(BRACKENMOOR, folder)
    return folder


def test_check_locates_an_unknown_figure_and_passes_a_quoted_one(tmp_path: Path) -> None:
    folder = _copy_brackenmoor(tmp_path)
    part = folder / "report" / "1.2.md"
    edit(
        part,
        "The probation secondment",
        "The team has {{ key_data.1.2.staff }} staff and {{ key_data.1.2.headcount }} "
        "posts.\n\nThe probation secondment",
    )
    report, problems = report_for_folder(folder, load_frameworks(FRAMEWORKS))
    assert report is not None
    (problem,) = problems
    assert (problem.path, problem.line, problem.column) == (
        part,
        line_of(part, "key_data.1.2.staff"),
        len("The team has ") + 1,
    )
    assert "no figure 'staff'" in problem.message
    assert "expected one of headcount, vacancy-rate" in problem.message


def test_the_figure_typed_is_refused_with_the_key_data_reference_named(tmp_path: Path) -> None:
    folder = _copy_brackenmoor(tmp_path)
    part = folder / "report" / "1.2.md"
    edit(part, "The probation secondment", "The service employs 45 staff.\n\nThe probation")
    _, problems = report_for_folder(folder, load_frameworks(FRAMEWORKS))
    (problem,) = problems
    assert problem.line == line_of(part, "employs 45 staff")
    assert "{{ key_data.<standard>.<figure> }}" in problem.message


def test_a_key_data_source_must_be_defined(tmp_path: Path) -> None:
    folder = _copy_brackenmoor(tmp_path)
    part = folder / "report" / "1.2.md"
    edit(part, "source: service-sickness}", "source: sickness-returns}")
    with pytest.raises(ContentError) as caught:
        load_inspection(folder, load_frameworks(FRAMEWORKS))
    (problem,) = caught.value.problems
    assert problem.path == part
    assert problem.line == line_of(part, "sickness-returns")
    assert problem.column is not None
    assert "source 'sickness-returns' is not defined under 'sources' in context.yaml" in str(
        problem
    )


def test_two_figures_of_one_table_need_their_own_names(tmp_path: Path) -> None:
    folder = _copy_brackenmoor(tmp_path)
    part = folder / "report" / "1.2.md"
    edit(part, "{id: caseload,", "{id: headcount,")
    with pytest.raises(ContentError) as caught:
        load_inspection(folder, load_frameworks(FRAMEWORKS))
    (problem,) = caught.value.problems
    assert "two figures are named 'headcount'; give one an id" in problem.message


# --- one home for each figure -----------------------------------------------------------


def second_copies(inspection: Inspection) -> list[str]:
    """Cells of an inspection's statistics (its own tables and the caseload demographics)
    that hold a key data figure again: the same value in the same unit.

    Whether two equal figures are one fact cannot be read from the data (an average
    caseload of eight and eight children spoken to are both 8), so the rule is the
    strictest one that can be decided; a cell that equals a key data figure by
    coincidence would have to be told apart here, with the reason."""
    key = {
        (figure.value, figure.unit): f"key_data.{standard}.{figure.key}"
        for standard, table in inspection.key_data.items()
        for figure in table.figures
    }
    found = []
    for table in for_inspection(inspection.context, None).tables:
        for row in table.rows:
            for column, cell in zip(table.columns, row.values, strict=True):
                copy = key.get((cell.value, table.unit_of(column)))
                if copy is not None:
                    found.append(f"stat.{table.id}.{row.key}.{column.key} repeats {{{{ {copy} }}}}")
    return found


def _every_inspection() -> list[Path]:
    roots = [CONTENT, PUBLISHED, ROOT / "examples" / "annual" / "content"]
    folders = [f for root in roots for f in find_inspections(root)]
    return [*folders, PUBLISHED / "wolverhampton-2022"]


def test_every_inspection_we_hold_has_been_looked_at() -> None:
    names = {f.name for f in _every_inspection()}
    assert {"brackenmoor-2022", "north-somerset-2020", "wolverhampton-2022"} <= names
    assert len(names) > 40  # the annual example's inspections too


@pytest.mark.parametrize("folder", _every_inspection(), ids=lambda f: f.name)
def test_no_statistic_repeats_a_key_data_figure(folder: Path) -> None:
    inspection = load_inspection(folder, load_frameworks(FRAMEWORKS))
    assert second_copies(inspection) == []


def test_a_statistic_repeating_a_key_data_figure_is_found(tmp_path: Path) -> None:
    """The Wolverhampton fixture as it was: its team table held the staff headcount."""
    folder = tmp_path / "wolverhampton-2022"
    shutil.copytree(PUBLISHED / "wolverhampton-2022", folder)
    edit(
        folder / "context.yaml",
        "      - {id: team-leaders,",
        "      - {id: all-staff, label: All staff, values: [45]}\n      - {id: team-leaders,",
    )
    inspection = load_inspection(folder, load_frameworks(FRAMEWORKS))
    assert second_copies(inspection) == [
        "stat.team.all-staff.staff repeats {{ key_data.1.2.headcount }}"
    ]


def test_new_writes_the_names_the_prose_quotes(project: Path) -> None:
    """The key data table `new` writes carries the framework's ids; uncommented and
    filled in, its figures are quoted by them."""
    from yjsreport.cli import main
    from yjsreport.engine.compute import compute
    from yjsreport.prose.check import check_prose

    args = ["new", "moorfield-2027", "--service", "Moorfield Youth Justice Service"]
    assert main([*args, "--short-name", "Moorfield YJS", "--fieldwork", "2027-03-08"]) == 0
    part = Path("content/inspections/moorfield-2027/report/1.2.md")
    text = part.read_text(encoding="utf-8")
    assert '#     - {id: headcount, label: "Total staff headcount", value: 0' in text
    head = text.partition("\n---\n")[0]
    head = head.replace(
        "# key_data:  (uncomment and give each figure's value and source)", "key_data:"
    )
    head = head.replace("\n# ", "\n")
    head = head.replace("value: 0, unit: number}", "value: 12, unit: number}", 1)
    part.write_text(
        f"{head}\n---\nThe service employs {{{{ key_data.1.2.headcount }}}} staff.\n",
        encoding="utf-8",
    )
    inspection = load_inspection(part.parent.parent, load_frameworks(Path("content/frameworks")))
    result, _ = compute(inspection)
    assert [p for p in check_prose(inspection, result) if p.path == part.resolve()] == []
    assert inspection.key_data["1.2"].figure("headcount") is not None
    table = for_inspection(inspection.context, result, inspection.key_data)
    assert resolve_figure("key_data.1.2.headcount", table).text == "12"


def test_a_context_figure_is_quoted_with_its_source_as_a_note(tmp_path: Path) -> None:
    """context.<id> goes through the same resolver as the key data: its own source, else
    its group's, follows it as a note (it had none before)."""
    folder = _copy_brackenmoor(tmp_path)
    edit(folder / "context.yaml", "value: 201,", "value: 201, id: fte-rate,")
    edit(folder / "context.yaml", "value: 51,", "value: 51, id: community,")
    inspection = load_inspection(folder, load_frameworks(FRAMEWORKS))
    figures = for_inspection(inspection.context, None, inspection.key_data)
    found = resolve_figure("context.fte-rate", figures)
    assert (found.text, [n.key for n in found.notes]) == ("201", ["source:yjb-fte"])
    grouped = resolve_figure("context.community", figures)
    assert (grouped.text, [n.key for n in grouped.notes]) == ("51", ["source:service-data"])
    with pytest.raises(
        ReferenceProblem, match=r"no contextual figure with id 'fte'.*\(fte-rate, community\)"
    ):
        resolve_figure("context.fte", figures)
