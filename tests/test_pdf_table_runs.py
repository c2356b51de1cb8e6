"""A survey table in print: kept with the paragraph that leads into it, and run on to the
next page between questions rather than leaving the rest of a page blank.

Each test lays out a short print document with the real stylesheets, the real survey
table and the real renderer (pagination mends included), with the table placed where
the fault showed (Brackenmoor's staff survey, page 16 of the 2022 example), and reads the
written PDF's pages back.
"""

from __future__ import annotations

import re

import pypdf
import pytest

from tests.conftest import TEMPLATES
from yjsreport.content.figures import Survey, SurveyOption, SurveyQuestion
from yjsreport.figures.collect import FigureSet
from yjsreport.figures.tables import survey_table_html
from yjsreport.pdf.document import render_pdf
from yjsreport.pdf.fetcher import ProjectFetcher
from yjsreport.prose.notes import Notes
from yjsreport.resources import template_folders

pytestmark = pytest.mark.pdf

TITLE = "Inspection of youth justice services: Moorfield YJS"
FILLER = (
    "Practitioners in the service know the children they work with well, and they plan "
    "their work with the family and the other agencies involved. "
) * 4
# a lead-in of five lines, as Brackenmoor's was: with three lines kept at each end of a
# paragraph, it could not split, and went over whole, leaving a third of a page blank
LEAD_IN = "Opening words of the lead-in. " + "Staff told us about their work in our survey. " * 9
LEAD_END = "These are its closing words."
CAPTION = "Staff survey: answers to each question"


def survey(questions: int) -> Survey:
    answers = [("strongly-agree", "Strongly agree"), ("agree", "Agree"), ("disagree", "Disagree")]
    return Survey(
        id="staff",
        title="Staff survey",
        responses=12,
        respondents="staff",
        questions=[
            SurveyQuestion(
                id=f"q{n}",
                text=f"Question number {n} of the survey",
                answered=12,
                options=[SurveyOption(id=i, label=label, count=4) for i, label in answers],
            )
            for n in range(1, questions + 1)
        ],
    )


def running_header() -> str:
    """The print document's running header, as its template writes it."""
    template = (TEMPLATES / "print" / "document.html").read_text(encoding="utf-8")
    found = re.search(r'<div class="running-header".*?</div>', template, re.S)
    assert found
    return found.group(0).replace("{{ short_title }}", TITLE)


def pages(tmp_path: pytest.TempPathFactory, fillers: int, questions: int) -> list[str]:
    table = survey_table_html(survey(questions), FigureSet(), Notes("print"))
    body = "".join(f"<p>{FILLER}</p>" for _ in range(fillers))
    html = (
        '<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>t</title>'
        '<link rel="stylesheet" href="site/assets/report.css">'
        '<link rel="stylesheet" href="print/print.css"></head><body>'
        f"{running_header()}<article><section><h2>Staff</h2>{body}<p>{LEAD_IN}{LEAD_END}</p>{table}"
        "<p>The text after the table.</p></section></article></body></html>"
    )
    fetcher = ProjectFetcher([], layers=template_folders(TEMPLATES))
    data = render_pdf(html, TEMPLATES, fetcher, b"0" * 32)
    path = tmp_path / "runs.pdf"  # type: ignore[operator]
    path.write_bytes(data)
    return [" ".join(p.extract_text().split()) for p in pypdf.PdfReader(path).pages]


def test_a_long_survey_table_runs_on_between_questions_under_its_caption(
    tmp_path: pytest.TempPathFactory,
) -> None:
    texts = pages(tmp_path, fillers=4, questions=12)
    first = next(i for i, t in enumerate(texts) if f"{CAPTION} (12 responses)" in t)
    # the lead-in, the caption and the first question share a page: nothing is left blank
    assert LEAD_END in texts[first]
    assert "Question number 1 of the survey" in texts[first]
    assert "(continued)" not in texts[first], "the table's first page calls it continued"
    assert "Question number 12" not in texts[first], "the table did not run on"
    runs_on = [t for t in texts[first + 1 :] if "Question number" in t]
    assert len(runs_on) == 2
    for text in runs_on:
        # each page it runs on to names it, repeats the header and opens with a question
        assert f"{CAPTION} (continued)" in text
        after = text.split("Answer Number %", 1)[1]
        assert after.lstrip().startswith("Question number"), after[:60]
    after_table = next(t for t in texts if "The text after the table." in t)
    assert after_table == texts[-1] and len(texts) == first + 3


def test_a_survey_table_that_cannot_start_on_a_page_takes_its_lead_ins_end_along(
    tmp_path: pytest.TempPathFactory,
) -> None:
    texts = pages(tmp_path, fillers=5, questions=2)
    start = next(i for i, t in enumerate(texts) if f"{CAPTION} (12 responses)" in t)
    assert start == 1
    assert LEAD_END in texts[start], "the lead-in was parted from its table"
    assert "(continued)" not in texts[start], "the table's first page calls it continued"
    # only the lead-in's last lines went over: the page before keeps its opening
    assert "Opening words of the lead-in." in texts[0]
    assert texts[0].count("Practitioners in the service") == 20
