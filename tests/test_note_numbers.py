"""A note has the same number on the web page and in the PDF.

Every reference to a source is a note of its own in both outputs, as the published
reports number them. When the web page made one note of a source cited twice and the
print gave each citation its note, every later note was numbered differently in the two.
"""

from __future__ import annotations

import re

import lxml.html
import pikepdf
import pytest

from tests.conftest import TEMPLATES
from tests.example_pdfs import ReportPdfs
from tests.pdf_tree import read_in_order
from yjsreport.pdf.document import print_html
from yjsreport.project import Report
from yjsreport.render.report import render_article


def words(element: lxml.html.HtmlElement) -> str:
    return " ".join(" ".join(element.itertext()).split())


def web_notes(report: Report) -> list[tuple[int, str]]:
    """The notes list of the web page: each note's number and text."""
    doc = lxml.html.fromstring(render_article(report, TEMPLATES, "web"))
    out = []
    for item in doc.xpath("//section[@class='notes']//li"):
        for back in item.xpath(".//a[@class='note-back']"):
            back.drop_tree()
        out.append((int(item.get("id").removeprefix("note-")), words(item)))
    return out


def print_notes(report: Report) -> list[tuple[int, str]]:
    """The print HTML's notes in reading order, numbered as the print CSS numbers them
    (a counter over the floated notes)."""
    doc = lxml.html.fromstring(print_html(report, TEMPLATES))
    return [(n, words(span)) for n, span in enumerate(doc.find_class("footnote"), start=1)]


@pytest.fixture(params=["brackenmoor-2022", "wyndle-marsh-2022", "fenwold-2020"])
def report(request: pytest.FixtureRequest, reports: dict[str, Report]) -> Report:
    return reports[request.param]


def test_web_and_print_number_the_same_notes(report: Report) -> None:
    web = web_notes(report)
    assert web, report.slug
    assert web == print_notes(report)
    assert [n for n, _ in web] == list(range(1, len(web) + 1))


def test_a_source_cited_twice_is_two_notes_in_both(reports: dict[str, Report]) -> None:
    """Brackenmoor cites its surveys in several places: each citation is a note."""
    web = web_notes(reports["brackenmoor-2022"])
    cited = [n for n, text in web if text.startswith("Surveys run by the inspectorate")]
    assert len(cited) >= 2


@pytest.mark.pdf
def test_the_pdf_numbers_each_note_as_the_web_page_does(content_pdfs: ReportPdfs) -> None:
    """Read from the written PDF: the note the web page numbers N is the Nth note there."""
    report = content_pdfs.reports["brackenmoor-2022"]
    with pikepdf.open(content_pdfs.pdfs["brackenmoor-2022"]) as pdf:
        text = " ".join(read_in_order(pdf).split())
    web = web_notes(report)
    assert len(web) > 10
    at = 0
    for number, note in web:
        found = re.compile(rf"\b{number}\. {re.escape(note[:40])}").search(text, at)
        assert found is not None, (number, note)
        at = found.end()
