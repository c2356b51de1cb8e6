"""The kinds of figure a published report states that had no reference before: periods
('within seven days'), ranks ('17th'), amounts in millions, rating-scale survey answers
('eight or more out of 10', an average score) and the framework's own counts ('12 core
standards', 'these five questions'). Each is checked against the exact text it gives,
and each refusal against its message."""

from __future__ import annotations

import re

import pytest
from pydantic import ValidationError

from tests.conftest import CONTENT
from yjsreport.content.figures import FiguresFile, SurveyQuestion
from yjsreport.errors import ContentError
from yjsreport.figures.collect import FigureSet
from yjsreport.figures.references import ReferenceProblem, resolve_figure
from yjsreport.project import Report, load_reports
from yjsreport.prose.markdown import Source, render
from yjsreport.prose.notes import Notes
from yjsreport.prose.references import resolve
from yjsreport.prose.typed_numbers import figures as typed_figures

FILE = FiguresFile.model_validate(
    {
        "sources": {"service-data": "Data supplied by the service.", "imd": "Indices, 2015."},
        "statistics": [
            {
                "id": "practice",
                "title": "Periods",
                "source": "service-data",
                "columns": [{"id": "value", "label": "Period", "unit": "days"}],
                "rows": [
                    {"id": "meeting", "label": "Interventions meeting", "values": [15]},
                    {"id": "letter", "label": "Letter to a victim", "values": [7]},
                    {"id": "call", "label": "Call back", "values": [1]},
                ],
            },
            {
                "id": "deprivation",
                "title": "Rank",
                "source": "imd",
                "unit": "rank",
                "columns": ["Rank"],
                "rows": [
                    {"id": "a", "label": "A", "values": [17]},
                    {"id": "b", "label": "B", "values": [21]},
                    {"id": "c", "label": "C", "values": [112]},
                    {"id": "d", "label": "D", "values": [3]},
                ],
            },
        ],
        "surveys": [
            {
                "id": "children",
                "title": "Children's text survey",
                "responses": 7,
                "source": "service-data",
                "questions": [
                    {
                        "id": "banded",
                        "text": "How would you rate us, where 10 is fantastic?",
                        "answered": 7,
                        "scale": 10,
                        "options": [
                            {"id": "high", "label": "8 to 10", "count": 7, "score": [8, 10]},
                            {"id": "low", "label": "1 to 7", "count": 0, "score": [1, 7]},
                        ],
                    },
                    {
                        "id": "exact",
                        "text": "How would you rate us, from 1 to 10?",
                        "answered": 7,
                        "options": [
                            {"id": "ten", "label": "10", "count": 2, "score": 10},
                            {"id": "nine", "label": "9", "count": 2, "score": 9},
                            {"id": "seven", "label": "7", "count": 3, "score": 7},
                        ],
                    },
                    {
                        "id": "whole",
                        "text": "How would you rate us, from 1 to 10?",
                        "answered": 6,
                        "options": [
                            {"id": "nine", "label": "9", "count": 3, "score": 9},
                            {"id": "seven", "label": "7", "count": 3, "score": 7},
                        ],
                    },
                    {
                        "id": "few",
                        "text": "How would you rate us, from 1 to 10?",
                        "answered": 3,
                        "options": [{"id": "ten", "label": "10", "count": 3, "score": 10}],
                    },
                    {
                        "id": "plain",
                        "text": "Did we help?",
                        "answered": 7,
                        "options": [{"id": "yes", "label": "Yes", "count": 7}],
                    },
                ],
            }
        ],
    }
)
FIGURES = FigureSet(
    sources=FILE.sources, tables=tuple(FILE.statistics), surveys=tuple(FILE.surveys)
)


@pytest.fixture(scope="module")
def brackenmoor() -> Report:
    return next(r for r in load_reports(CONTENT, drafts=True) if r.slug == "brackenmoor-2022")


@pytest.mark.parametrize(
    ("ref", "expected"),
    [
        # periods, in a table or one-off: words under ten, the unit in the singular for one
        ("stat.practice.meeting.value", "15 days"),
        ("stat.practice.letter.value", "seven days"),
        ("stat.practice.call.value", "one day"),
        ("3 months from service-data", "three months"),
        ("6 weeks from service-data", "six weeks"),
        ("24 hours from service-data", "24 hours"),
        ("20 years from service-data", "20 years"),
        ("1 year from service-data", "one year"),
        # ranks, as the reports print them
        ("stat.deprivation.a.rank", "17th"),
        ("stat.deprivation.b.rank", "21st"),
        ("stat.deprivation.c.rank", "112th"),
        ("stat.deprivation.d.rank", "3rd"),
        # an amount in millions
        ("£3 million from service-data", "£3 million"),
        ("£2.5 million from service-data", "£2.5 million"),
        # a rating scale: the lowest score answers allow, the top of the scale, an average
        ("survey.children.banded.lowest", "eight"),
        ("survey.children.banded.scale", "10"),
        ("survey.children.banded.high.share", "all seven"),
        ("survey.children.exact.average", "8.4"),
        ("survey.children.exact.lowest", "seven"),
        ("survey.children.exact.highest", "10"),
        ("survey.children.exact.scale", "10"),
        ("survey.children.whole.average", "eight"),
    ],
)
def test_each_new_kind_of_figure_gives_house_style_text(ref: str, expected: str) -> None:
    assert resolve_figure(ref, FIGURES).text == expected


def test_a_period_compares_with_a_period_only() -> None:
    same = resolve_figure("stat.practice.letter.value against 7 days from service-data", FIGURES)
    assert same.text == "the same as seven days"
    with pytest.raises(ReferenceProblem, match="only figures of one kind can be compared"):
        resolve_figure("stat.practice.letter.value against 7 from service-data", FIGURES)


@pytest.mark.parametrize(
    ("ref", "message"),
    [
        (
            "survey.children.banded.average",
            "some answers stand for a band of scores, so no average can be worked out; quote "
            "{{ survey.children.banded.lowest }}",
        ),
        ("survey.children.few.average", "is not published: fewer than five people answered"),
        ("survey.children.plain.average", "the answers of survey.children.plain have no scores"),
        ("survey.children.exact.mean", "or survey.children.exact.average, .lowest, .highest"),
    ],
)
def test_a_score_that_cannot_be_given_says_why(ref: str, message: str) -> None:
    with pytest.raises(ReferenceProblem) as caught:
        resolve_figure(ref, FIGURES)
    assert message in str(caught.value)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (
            [
                {"id": "a", "label": "A", "count": 1, "score": 3},
                {"id": "b", "label": "B", "count": 1},
            ],
            "give every answer a score, or none: b has none",
        ),
        (
            [{"id": "a", "label": "A", "count": 2, "score": [9, 7]}],
            "has the band of scores [9, 7]; write the lower score first",
        ),
    ],
)
def test_scores_that_do_not_make_a_scale_are_refused(options: list[object], message: str) -> None:
    with pytest.raises(ValidationError, match=re.escape(message)):
        SurveyQuestion.model_validate({"id": "q", "text": "Q", "answered": 2, "options": options})


@pytest.mark.parametrize(
    ("ref", "expected"),
    [
        ("framework.domains", "three"),
        ("framework.standards", "12"),
        ("framework.1.standards", "four"),
        ("framework.3.standards", "four"),
        ("framework.4.standards", "one"),
        ("1.2.questions", "five"),
        ("2.1.questions", "three"),
    ],
)
def test_the_frameworks_counts_come_from_the_framework_file(
    ref: str, expected: str, brackenmoor: Report
) -> None:
    assert resolve(ref, brackenmoor.result) == expected


def test_an_unknown_framework_count_names_what_exists(brackenmoor: Report) -> None:
    with pytest.raises(ReferenceProblem) as caught:
        resolve("framework.prompts", brackenmoor.result)
    assert "expected framework.domains, framework.standards" in str(caught.value)
    assert "with a domain of 1, 2, 3, 4" in str(caught.value)


def test_a_paragraph_cites_a_source_once_at_its_first_figure(
    brackenmoor: Report,
) -> None:
    """Two figures of one source in a paragraph: the note is called at the first only
    (tokens compare by value, so the second reference's note once went to the first)."""
    source = Source(
        "Finished within {{ 3 months from service-data }}, or a further "
        "{{ 3 months from service-data }} with approval.\n",
        CONTENT / "inspections/brackenmoor-2022/report/3.4.md",
    )
    html = render(
        source, brackenmoor.result, 2, "t", Notes("web"), context=brackenmoor.inspection.context
    )
    assert re.fullmatch(
        r"<p>Finished within three months<sup [^>]*>.*?</sup>, or a further three months"
        r" with approval.</p>\s*",
        html,
    ), html


@pytest.mark.parametrize(
    ("sentence", "found"),
    [
        ("The project finds work for 16- to 18-year-olds.", []),
        ("The project finds work for 16- and 17-year-olds.", []),
        ("The project saw 16- to 18 children.", ["16", "18"]),
    ],
)
def test_an_age_band_with_a_suspended_hyphen_is_a_category(sentence: str, found: list[str]) -> None:
    assert [f.text for f in typed_figures(sentence)] == found


@pytest.mark.parametrize(
    ("prose", "message"),
    [
        ("Panels meet every six weeks.", "a period is data too: a statistic whose column"),
        ("The YOT has used the building for 20 years.", "{{ 6 weeks from <source id> }}"),
        ("We inspect against 12 core standards.", "the framework's counts come from the"),
        ("It draws on these five questions.", "{{ <standard>.questions }}"),
        ("{{ 2.1.rating2 }}", "unknown field 'rating2' for standard 2.1: expected one of"),
        ("{{ sample.court.percent }}", "unknown field 'percent' for sample.court: a sample"),
        (
            "{{ court.management-oversight }}",
            "no attribute or extra question 'management-oversight' in the court sample",
        ),
        (
            "{{ survey.staff.supervision.agree.average }}",
            "average belongs to the question, not an answer: "
            "{{ survey.staff.supervision.average }}",
        ),
    ],
)
def test_messages_lead_to_the_reference_to_use(
    prose: str, message: str, brackenmoor: Report
) -> None:
    path = CONTENT / "inspections/brackenmoor-2022/report/1.2.md"
    with pytest.raises(ContentError) as caught:
        render(
            Source(prose + "\n", path),
            brackenmoor.result,
            2,
            "t",
            context=brackenmoor.inspection.context,
        )
    (problem,) = caught.value.problems
    assert message in problem.message
    assert problem.line == 1 and problem.column is not None
    assert "write {{ <question id>" not in problem.message


def test_a_proper_name_with_a_number_is_declared_as_data(brackenmoor: Report) -> None:
    """A name such as 'Impact 21 Programme' passes once context.yaml (or an annual
    report's figures.yaml) lists it under names; a number outside it is still a figure."""
    path = CONTENT / "inspections/brackenmoor-2022/report/1.3.md"
    prose = Source("Children attend the Impact 21 Programme. It saw 12 children.\n", path)
    context = brackenmoor.inspection.context
    assert context is not None
    with pytest.raises(ContentError) as caught:
        render(prose, brackenmoor.result, 2, "t", context=context)
    assert [p.column for p in caught.value.problems] == [28, 49]
    named = context.model_copy(update={"names": ["Impact 21 Programme"]})
    with pytest.raises(ContentError) as caught:
        render(prose, brackenmoor.result, 2, "t", context=named)
    assert [p.column for p in caught.value.problems] == [49]  # 'It saw 12 children'
    annual = FigureSet(names=("Impact 21 Programme",))
    with pytest.raises(ContentError) as caught:
        render(prose, brackenmoor.result, 2, "t", figures=annual)
    assert [p.column for p in caught.value.problems] == [49]


@pytest.mark.parametrize(
    ("prose", "columns"),
    [
        # the first '10' is a name and passes: the problem is the second, where it stands
        ("Children attend the Junction 10 Project. It saw 10 children.", [49]),
        # a reference's '11' is not the typed one
        ("We read {{ sample.court }} cases and met 11 staff.", [42]),
        ("In 2021 we met 21 staff, and 21 more in 2022.", [16, 30]),
    ],
)
def test_a_typed_figure_is_located_where_it_is_typed(
    prose: str, columns: list[int], brackenmoor: Report
) -> None:
    path = CONTENT / "inspections/brackenmoor-2022/report/1.3.md"
    with pytest.raises(ContentError) as caught:
        context = brackenmoor.inspection.context
        render(Source(prose + "\n", path), brackenmoor.result, 2, "t", context=context)
    assert [(p.line, p.column) for p in caught.value.problems] == [(1, c) for c in columns]
