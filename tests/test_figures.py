"""Figures from outside the case data: surveys, statistics with their sources, one-off
sourced figures, pooled and compared figures, for single and annual reports alike.
Each reference is checked against the exact house-style text it must give."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import CONTENT, ROOT, TEMPLATES, edit, line_of
from yjsreport.annual.model import collect_annuals
from yjsreport.annual.render import render_annual
from yjsreport.content.figures import FiguresFile, read_figures
from yjsreport.content.inspection import load_inspection
from yjsreport.errors import ContentError
from yjsreport.figures.collect import FigureSet, for_inspection, summed_surveys
from yjsreport.figures.references import ReferenceProblem, resolve_figure
from yjsreport.framework.load import load_frameworks
from yjsreport.project import Report, load_reports
from yjsreport.prose.markdown import Source, render
from yjsreport.render.report import render_article

BRACKENMOOR = CONTENT / "inspections" / "brackenmoor-2022"
ANNUAL_CONTENT = ROOT / "examples" / "annual" / "content"


@pytest.fixture(scope="module")
def brackenmoor() -> Report:
    return next(r for r in load_reports(CONTENT, drafts=True) if r.slug == "brackenmoor-2022")


@pytest.fixture(scope="module")
def figures(brackenmoor: Report) -> FigureSet:
    return for_inspection(brackenmoor.inspection.context, brackenmoor.result)


def text(ref: str, figures: FigureSet) -> str:
    return resolve_figure(ref, figures).text


@pytest.mark.parametrize(
    ("ref", "expected"),
    [
        ("survey.staff.supervision.agree", "10 out of 12"),
        ("survey.staff.supervision.agree.of", "10 of the 12"),
        ("survey.staff.supervision.agree.percent", "83 per cent"),
        ("survey.staff.supervision.agree.count", "10"),
        ("survey.staff.supervision.disagree.count", "one"),
        ("survey.staff.supervision.answered", "12"),
        ("survey.staff.supervision.text", "I receive supervision that helps me in my work"),
        ("survey.staff.workload.agree-any", "11 out of 12"),
        ("survey.staff.workload.agree-any.share", "all but one of the 12"),
        ("survey.staff.workload.strongly-agree.percent", "33 per cent"),
        ("survey.children.helped.yes.share", "all nine"),
        ("survey.children.helped.no.share", "none of the nine"),
        ("survey.children.responses", "nine"),
        ("stat.deprivation.brackenmoor.share-of-neighbourhoods", "17 per cent"),
        ("stat.education.brackenmoor.neet", "4.1 per cent"),
        # the contextual tables already in context.yaml, cell by cell
        ("stat.age.brackenmoor-yot.10-14-years", "13 per cent"),
        ("stat.gender.national-average.female", "15 per cent"),
        (
            "stat.race-ethnicity.brackenmoor-10-17-year-old-population.black-and-minority-ethnic",
            "39 per cent",
        ),
        # one-off figures with their source inline
        ('3,100 from "Brackenmoor City Council (2021). Child poverty."', "3,100"),
        ("37% from dluhc-imd", "37 per cent"),
        ("7 from dluhc-imd", "seven"),
        ("£1,250 from service-budget", "£1,250"),
        # compared figures
        (
            "stat.deprivation.brackenmoor.share-of-neighbourhoods against the national "
            "stat.deprivation.england.share-of-neighbourhoods",
            "above the national 10 per cent",
        ),
        (
            "stat.age.brackenmoor-yot.10-14-years against stat.age.national-average.10-14-years",
            "below 22 per cent",
        ),
        (
            "stat.deprivation.england.share-of-neighbourhoods against 10% from dluhc-imd",
            "the same as 10 per cent",
        ),
        (
            "survey.staff.supervision.agree.percent against the national 85% from dluhc-imd",
            "below the national 85 per cent",
        ),
    ],
)
def test_each_reference_gives_house_style_text(ref: str, expected: str, figures: FigureSet) -> None:
    assert text(ref, figures) == expected


def test_equal_figures_compare_as_the_same(figures: FigureSet) -> None:
    england = "stat.deprivation.england.share-of-neighbourhoods"
    ref = f"{england} against {england}"
    assert text(ref, figures) == "the same as 10 per cent"


def test_sourced_figures_carry_their_source_as_a_note(figures: FigureSet) -> None:
    stat = resolve_figure("stat.deprivation.brackenmoor.share-of-neighbourhoods", figures)
    assert [n.key for n in stat.notes] == ["source:dluhc-imd"]
    # a cell's own source comes before its row's and its table's
    cell = resolve_figure("stat.education.caseload.neet", figures)
    assert [n.key for n in cell.notes] == ["source:service-data"]
    inline = resolve_figure('3,100 from "Brackenmoor City Council (2021). Child poverty."', figures)
    assert [n.citation for n in inline.notes] == ["Brackenmoor City Council (2021). Child poverty."]


def test_pooled_question_sums_the_samples_computed_counts() -> None:
    report = next(r for r in load_reports(CONTENT, drafts=True) if r.slug == "wyndle-marsh-2022")
    figures = for_inspection(report.inspection.context, report.result)
    court = report.result.extra_question("court", "management-oversight")
    ooc = report.result.extra_question("out-of-court", "management-oversight")
    assert court is not None and ooc is not None
    assert (court.yes, court.relevant, ooc.yes, ooc.relevant) == (6, 10, 8, 20)
    assert text("pooled.management-oversight", figures) == "14 out of 30"
    assert text("pooled.management-oversight.percent", figures) == "47 per cent"
    assert text("pooled.management-oversight.of", figures) == "14 of the 30"
    against = "pooled.management-oversight.percent against the national 51% from service-data"
    assert text(against, figures) == "below the national 51 per cent"


@pytest.mark.parametrize(
    ("ref", "message"),
    [
        ("survey.staf.supervision.agree", "no survey 'staf': expected one of staff, children"),
        (
            "survey.staff.supervisor.agree",
            "survey 'staff' has no question 'supervisor': expected survey.staff.responses or "
            "survey.staff.<question>.<answer>, with a question of workload, supervision",
        ),
        ("survey.staff.supervision", "with an answer of agree, neither, disagree"),
        ("survey.staff.supervision.agree.ratio", "unknown field 'ratio'"),
        ("stat.poverty.brackenmoor.x", "no table of statistics 'poverty': expected one of"),
        ("stat.deprivation.wales.share-of-neighbourhoods", "expected one of brackenmoor, england"),
        ("stat.deprivation.england.share", "expected one of share-of-neighbourhoods"),
        ("stat.deprivation.england", "a cell is named stat.deprivation.<row>.<column>"),
        ("37% from nowhere", "unknown source 'nowhere': expected a source id from sources"),
        ("pooled.oversight", "no extra question 'oversight' to pool"),
        (
            "survey.children.safe-at-meetings.yes",
            "is not published: fewer than five people answered the question",
        ),
        (
            "stat.deprivation.england.share-of-neighbourhoods against survey.staff.responses",
            "only figures of one kind can be compared",
        ),
        (
            "survey.staff.supervision.agree against survey.staff.responses",
            "is not a single figure",
        ),
        ("table stat.poverty", "no table of statistics 'poverty'"),
        ("survey.staff.responses against the national rate", "expected a figure after 'against'"),
    ],
)
def test_messages_name_what_exists(ref: str, message: str, figures: FigureSet) -> None:
    with pytest.raises(ReferenceProblem) as caught:
        resolve_figure(ref, figures)
    assert message in str(caught.value)
    assert "write {{ <question id>" not in str(caught.value)


def test_a_table_must_stand_alone_and_problems_are_located(brackenmoor: Report) -> None:
    path = BRACKENMOOR / "report" / "1.2.md"
    source = Source("Staff said so.\n\nAs the table shows {{ table survey.staff }} here.\n", path)
    with pytest.raises(ContentError) as caught:
        render(source, brackenmoor.result, 2, "t", context=brackenmoor.inspection.context)
    (problem,) = caught.value.problems
    assert (problem.line, problem.column) == (3, 20)
    assert "put it on a line of its own" in problem.message


def test_survey_question_answered_by_few_is_not_broken_down(
    brackenmoor: Report, figures: FigureSet
) -> None:
    source = Source("{{ table survey.children }}\n", BRACKENMOOR / "report" / "involvement.md")
    html = render(source, brackenmoor.result, 2, "t", context=brackenmoor.inspection.context)
    safe = html[html.index("Did you feel safe") :]
    assert "Not broken down: fewer than five answered" in safe
    helped = html[html.index("stay out of trouble") : html.index("Did you feel safe")]
    assert re.search(r'<th [^>]*scope="row"[^>]*>Yes</th><td [^>]*>9</td><td [^>]*>100%', helped)


def _copy_brackenmoor(tmp_path: Path) -> Path:
    folder = tmp_path / "brackenmoor-2022"
    shutil.copytree(BRACKENMOOR, folder)
    return folder


def test_answers_that_do_not_add_up_are_located(tmp_path: Path) -> None:
    folder = _copy_brackenmoor(tmp_path)
    context = folder / "context.yaml"
    edit(
        context,
        "{id: disagree, label: Disagree, count: 1}\n        groups",
        "{id: disagree, label: Disagree, count: 2}\n        groups",
    )
    with pytest.raises(ContentError) as caught:
        load_inspection(folder, load_frameworks(CONTENT / "frameworks"))
    (problem,) = caught.value.problems
    assert problem.path == context
    assert problem.line == line_of(context, "- id: workload")
    assert problem.column is not None
    assert "the answers add up to 13, not the 12 who answered" in problem.message


def test_an_unknown_source_is_located_where_it_is_cited(tmp_path: Path) -> None:
    folder = _copy_brackenmoor(tmp_path)
    context = folder / "context.yaml"
    edit(context, "source: dluhc-imd", "source: imd-2019")
    with pytest.raises(ContentError) as caught:
        load_inspection(folder, load_frameworks(CONTENT / "frameworks"))
    (problem,) = caught.value.problems
    assert str(problem).startswith(f"{context}:{line_of(context, 'source: imd-2019')}:13: ")
    assert "source 'imd-2019' is not defined under 'sources'" in problem.message


def test_a_figures_file_with_a_bad_cell_is_located(tmp_path: Path) -> None:
    path = tmp_path / "figures.yaml"
    path.write_text(
        "statistics:\n"
        "  - id: custody\n"
        "    title: Custody\n"
        "    columns: [Share]\n"
        "    rows:\n"
        "      - {label: Remanded, values: [yes]}\n",
        encoding="utf-8",
    )
    figures, problems = read_figures(path)
    assert figures is None
    (problem,) = problems
    assert (problem.line, problem.column) == (6, 36)
    assert "expected a whole number" in problem.message


def test_surveys_are_summed_question_by_question(figures: FigureSet) -> None:
    staff = figures.survey("staff")
    assert staff is not None
    summed, inspections = summed_surveys([[staff], [staff]])
    assert inspections == {"staff": 2}
    merged = FigureSet(surveys=tuple(summed), survey_inspections=inspections)
    assert text("survey.staff.supervision.agree", merged) == "20 out of 24"
    assert text("survey.staff.inspections", merged) == "two"


def test_the_built_page_prints_the_survey_table_and_source_notes(brackenmoor: Report) -> None:
    html = render_article(brackenmoor, TEMPLATES, "web")
    table = html[
        html.index('id="survey-staff"') : html.index("</table>", html.index('id="survey-staff"'))
    ]
    assert "I receive supervision that helps me in my work (answered by 12 staff)" in table
    note = re.search(
        r"<caption>Staff survey: answers to each question \(12 responses\)"
        r'<sup class="note-ref"><a (?:id="[^"]*" )?href="#note-(\d+)"',
        table,
    )
    assert note is not None
    listed = re.search(rf'id="note-{note[1]}"[^>]*>(.*?)</li>', html, re.S)
    assert listed is not None and "Surveys run by the inspectorate before fieldwork" in listed[1]
    assert "above the national 10 per cent" in html
    # the same source cited in prose and in the table: one note, its number at each
    assert html.count("Surveys run by the inspectorate before fieldwork") == 1
    assert len(re.findall(rf'<a href="#note-{note[1]}"', html)) >= 1


def test_the_annual_example_quotes_a_statistic_and_sums_surveys() -> None:
    reports = load_reports(ANNUAL_CONTENT, drafts=True)
    frameworks = {p.stem for p in (ANNUAL_CONTENT / "frameworks").glob("*.yaml")}
    annuals, problems = collect_annuals(ANNUAL_CONTENT, reports, frameworks)
    assert problems == []
    annual = next(a for a in annuals if a.year == "2022")
    html = render_annual(annual, TEMPLATES, "web")
    assert re.search(
        r"In the year to March 2022, 13,800<sup class=\"note-ref\"><a id=\"note-ref-(\d+)\"", html
    )
    assert "below 14,200" in html
    assert 'id="stat-caseload"' in html and 'id="stat-custody"' in html
    survey = html[html.index('id="survey-staff"') :]
    assert "summed over the inspections that asked it" in survey
    supervision = (
        "I receive supervision that helps me in my work (answered by 739 staff, in 33 inspections)"
    )
    assert supervision in survey
    assert "586 out of 739 said their supervision helped" in html


def test_a_figures_file_survey_id_may_not_shadow_the_summed_one(tmp_path: Path) -> None:
    from yjsreport.content.figures import Survey
    from yjsreport.figures.annual import annual_figure_set

    own = FiguresFile(surveys=[Survey(id="staff", title="Staff", responses=3)])
    staff = Survey(id="staff", title="Staff", responses=9)
    context = load_reports(CONTENT, drafts=True)[0].inspection.context
    assert context is not None
    shadowing = context.model_copy(update={"surveys": [staff]})
    _, problems = annual_figure_set(own, tmp_path / "figures.yaml", [shadowing])
    (problem,) = problems
    assert (
        "survey 'staff' is also the id of a survey of the period's inspections" in problem.message
    )


def test_html_and_print_give_the_same_figures(brackenmoor: Report) -> None:
    source = Source(
        "{{ survey.staff.supervision.agree.percent }} and "
        "{{ stat.age.brackenmoor-yot.10-14-years }}\n\n"
        "{{ table stat.deprivation }}\n",
        BRACKENMOOR / "report" / "background.md",
    )
    from yjsreport.prose.notes import Notes

    def figures_of(mode: str) -> list[str]:
        html = render(
            source,
            brackenmoor.result,
            2,
            "t",
            Notes(mode),
            context=brackenmoor.inspection.context,  # type: ignore[arg-type]
        )
        plain = re.sub(r"<sup.*?</sup>|<span class=\"footnote\">.*?</span>", "", html)
        return re.findall(r"\d[\d,.]*(?: per cent|%)?", plain)

    assert figures_of("web") == figures_of("print") == ["83 per cent", "13 per cent", "17%", "10%"]
    again = render(source, brackenmoor.result, 2, "t", context=brackenmoor.inspection.context)
    assert again == render(
        source, brackenmoor.result, 2, "t", context=brackenmoor.inspection.context
    )


def test_a_table_id_may_not_take_a_demographics_tables_name(tmp_path: Path) -> None:
    folder = _copy_brackenmoor(tmp_path)
    edit(folder / "context.yaml", "  - id: deprivation", "  - id: age")
    with pytest.raises(ContentError) as caught:
        load_inspection(folder, load_frameworks(CONTENT / "frameworks"))
    (problem,) = caught.value.problems
    assert "table id 'age' is also the name of a caseload demographics table" in problem.message
    assert problem.line is not None


def test_a_context_figure_compares_with_a_one_off_one() -> None:
    from yjsreport.content.schema import Figure

    fte = Figure(label="First-time entrant rate", value=201, unit="number", id="fte-rate")
    figures = FigureSet(
        sources={"yjb": "Youth Justice Board (2021). Rates."}, figures={"fte-rate": fte}
    )
    found = resolve_figure("context.fte-rate against the national 167 from yjb", figures)
    assert found.text == "above the national 167"
    assert [n.key for n in found.notes] == ["source:yjb"]
    with pytest.raises(ReferenceProblem, match="expected the id of a figure"):
        resolve_figure("context.fte against 167 from yjb", figures)
