"""A note has the same number on the web page and in the PDF, and is given once.

A source cited again, or a Markdown footnote called twice, cites the same note number
again in both outputs, as a published report's footnote references do: the annual
report's statistic quoted twice in prose and once in its table's caption had given
three notes of identical text. When the web page made one note of a source cited twice
and the print gave each citation its note, every later note was numbered differently
in the two.
"""

from __future__ import annotations

import re
from pathlib import Path

import lxml.html
import pikepdf
import pytest

from tests.conftest import ANNUAL_EXAMPLE, TEMPLATES, edit
from tests.example_pdfs import AnnualPdf, ReportPdfs
from tests.pdf_tree import read_in_order, struct_elements
from yjsreport.annual.model import AnnualReport
from yjsreport.annual.pdf import print_html as annual_print_html
from yjsreport.annual.render import render_annual
from yjsreport.annual.site import load_annuals
from yjsreport.pdf.document import print_html, write_pdf
from yjsreport.project import Report, load_reports
from yjsreport.render.report import render_article


def words(element: lxml.html.HtmlElement) -> str:
    return " ".join(" ".join(element.itertext()).split())


def web_notes(report: Report) -> list[tuple[int, str]]:
    """The notes list of the web page: each note's number and text."""
    return notes_list(render_article(report, TEMPLATES, "web"))


def notes_list(page: str) -> list[tuple[int, str]]:
    doc = lxml.html.fromstring(page)
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


def test_a_source_cited_twice_is_one_note_cited_again_in_both(
    reports: dict[str, Report],
) -> None:
    """Brackenmoor cites its surveys in several places: one note, its number at each."""
    report = reports["brackenmoor-2022"]
    web = web_notes(report)
    cited = [n for n, text in web if text.startswith("Surveys run by the inspectorate")]
    assert len(cited) == 1
    assert len({text for _, text in web}) == len(web)  # no note repeats another's text
    doc = lxml.html.fromstring(render_article(report, TEMPLATES, "web"))
    calls = doc.xpath(f"//sup[@class='note-ref']/a[@href='#note-{cited[0]}']")
    printed = lxml.html.fromstring(print_html(report, TEMPLATES))
    again = [s.text for s in printed.find_class("note-again")]
    assert len(calls) >= 2 and again.count(str(cited[0])) == len(calls) - 1


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


# -- the annual report ------------------------------------------------------------------


def annual_web_notes(annual: AnnualReport) -> list[tuple[int, str]]:
    return notes_list(render_annual(annual, TEMPLATES, "web"))


@pytest.fixture(scope="module")
def annual() -> AnnualReport:
    (made,) = load_annuals(ANNUAL_EXAMPLE, load_reports(ANNUAL_EXAMPLE), drafts=False)
    return made


def test_the_annual_report_gives_each_source_one_note_on_the_web_and_in_print(
    annual: AnnualReport, tmp_path: Path
) -> None:
    """The overview quotes the YJB's caseload twice and prints its table: one note."""
    web = annual_web_notes(annual)
    assert [n for n, _ in web] == list(range(1, len(web) + 1))
    assert len({text for _, text in web}) == len(web) >= 3
    doc = lxml.html.fromstring(annual_print_html(annual, TEMPLATES, tmp_path))
    assert [(n, words(s)) for n, s in enumerate(doc.find_class("footnote"), start=1)] == web
    again = [int(s.text) for s in doc.find_class("note-again")]
    assert again and set(again) <= {n for n, _ in web}
    page = lxml.html.fromstring(render_annual(annual, TEMPLATES, "web"))
    calls = [int(a.text) for a in page.xpath("//sup[@class='note-ref']/a")]
    assert sorted(calls) == sorted([n for n, _ in web] + again)


@pytest.mark.pdf
def test_the_annual_pdf_numbers_each_note_as_its_web_page_and_prints_it_once(
    annual: AnnualReport, annual_pdfs: dict[Path, list[AnnualPdf]]
) -> None:
    (made,) = annual_pdfs[ANNUAL_EXAMPLE]
    web = annual_web_notes(annual)
    with pikepdf.open(made.path) as pdf:
        text = " ".join(read_in_order(pdf).split())
        notes = [e for e in struct_elements(pdf) if str(e.S) == "/Note"]
    assert len(notes) == len(web)
    at = 0
    for number, note in web:
        found = re.compile(rf"\b{number}\. {re.escape(note[:40])}").search(text, at)
        assert found is not None, (number, note)
        at = found.end()
        assert text.count(note[:40]) == 1, note


# -- a Markdown footnote called twice --------------------------------------------------


@pytest.mark.pdf
def test_a_footnote_called_twice_is_marked_at_both_calls_with_one_note(
    project: Path, tmp_path: Path
) -> None:
    background = project / "content/inspections/brackenmoor-2022/report/background.md"
    edit(
        background,
        "Local authorities host most YOTs, but not all.",
        "Local authorities host most YOTs, but not all, as the same Act allows.[^cda]",
    )
    (report,) = [r for r in load_reports(project / "content") if r.slug == "brackenmoor-2022"]
    web = web_notes(report)
    (number,) = [n for n, text in web if "Crime and Disorder Act 1998" in text]
    page = lxml.html.fromstring(render_article(report, TEMPLATES, "web"))
    assert len(page.xpath(f"//sup[@class='note-ref']/a[@href='#note-{number}']")) == 2
    assert print_notes(report) == web
    target = tmp_path / "brackenmoor.pdf"
    write_pdf(report, project / "templates", target)
    with pikepdf.open(target) as pdf:
        text = " ".join(read_in_order(pdf).split())
        calls = [
            str(e.get("/ActualText"))
            for e in struct_elements(pdf)
            if str(e.S) == "/Reference" and str(e.P.get("/S")) != "/TOCI"
        ]
    assert calls.count(f" Note {number}") == 2
    assert text.count("were created by the Crime and Disorder Act 1998") == 1
    assert re.search(rf"as the same Act allows\. ?Note {number}\b", text), "no mark at the call"
