"""Report formats: the same framework published in the layouts the Inspectorate used, each
from its own format file. The section sequences are compared with the published ones in
test_published_structure.py (one fixture per format); here, the standard wording each
format prints, the data annex and glossary of the short layout, the default by date and the
choices an inspection makes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import lxml.html
import pytest
from lxml.html import HtmlElement

from tests.conftest import CONTENT, TEMPLATES, edit
from yjsreport.errors import ContentError
from yjsreport.framework.load import load_frameworks
from yjsreport.framework.report_format import default_format
from yjsreport.project import Report, load_reports
from yjsreport.render.report import Links, render_article, render_data_annex, render_glossary

SHORT = "wyndle-marsh-2022"
BESIDE = Links(data_annex="data-annex/index.html", glossary="glossary/index.html")


def words(el: HtmlElement) -> str:
    return " ".join(el.text_content().split())


def article(report: Report, links: Links | None = None, mode: str = "web") -> HtmlElement:
    return lxml.html.fromstring(render_article(report, TEMPLATES, mode, links))  # type: ignore[arg-type]


def reload(project: Path, slug: str) -> Report:
    return next(r for r in load_reports(project / "content") if r.slug == slug)


def test_each_example_takes_the_format_it_was_published_in(reports: dict[str, Report]) -> None:
    formats = {slug: r.inspection.format.id for slug, r in reports.items()}
    assert formats["fenwold-2020"] == "2018"
    assert formats["brackenmoor-2022"] == "2021-long"
    assert formats[SHORT] == "2022-short"


def test_a_format_is_chosen_by_publication_date_where_none_is_named() -> None:
    framework = load_frameworks(CONTENT / "frameworks")["2021"]
    assert default_format(framework.formats, "2021", dt.date(2022, 2, 15)).id == "2021-long"
    assert default_format(framework.formats, "2021", dt.date(2022, 9, 5)).id == "2022-short"
    older = load_frameworks(CONTENT / "frameworks")["2018"]
    assert default_format(older.formats, "2018", dt.date(2020, 12, 8)).id == "2018"


def test_short_format_domain_headings_and_opening(reports: dict[str, Report]) -> None:
    doc = article(reports[SHORT], BESIDE)
    headings = [words(h) for h in doc.iter("h2")]
    assert "Domain one: Organisational delivery" in headings
    assert "Domain three: Out-of-court disposals" in headings
    assert "4.1. Resettlement" in headings
    assert not any(h.startswith("1. ") for h in headings)
    section = doc.get_element_by_id("domain-1").getparent()
    texts = [words(p) for p in section.iter("p")]
    assert texts[1] == "Our main findings on organisational delivery follow."
    assert not any("following three questions" in t for t in texts)


def test_short_format_prints_no_sentence_of_the_long_layout(reports: dict[str, Report]) -> None:
    text = words(article(reports[SHORT], BESIDE))
    for absent in (
        "Executive summary",
        "Contextual facts",
        "Annexe",
        "Our judgement on",
        "This domain has",
        "Choices of ours",
    ):
        assert absent not in text


def test_further_information_links_to_the_data_annex_and_glossary(
    reports: dict[str, Report],
) -> None:
    doc = article(reports[SHORT], BESIDE)
    section = doc.get_element_by_id("further-information").getparent()
    assert words(section.find("p")) == "Also published on our website:"
    items = {words(a): a.get("href") for a in section.iter("a")}
    assert items == {
        "the inspection data, with the methodology and contextual facts about Wyndle Marsh YJS": (
            "data-annex/index.html"
        ),
        "a glossary of the terms this report uses": "glossary/index.html",
    }


def test_the_rating_note_links_to_the_data_annex(reports: dict[str, Report]) -> None:
    doc = article(reports[SHORT], BESIDE)
    section = doc.get_element_by_id("standard-2-1").getparent()
    number = section.find_class("kq-block")[0].find_class("note-ref")[0].text_content()
    note = doc.get_element_by_id(f"note-{number}")
    assert words(note).startswith(
        "A standard’s rating is set by the lowest score among its key questions, placed in a "
        "rating band; the table shows it in bold. The data annex explains this in more detail."
    )
    assert [a.get("href") for a in note.iter("a") if "note-back" not in (a.get("class") or "")]
    assert note.find(".//a[@href='data-annex/index.html']") is not None


def test_the_data_annex_holds_methodology_context_and_inspection_data(
    reports: dict[str, Report],
) -> None:
    doc = lxml.html.fromstring(
        render_data_annex(reports[SHORT], TEMPLATES, "web", Links(report="../"))
    )
    assert [words(h) for h in doc.iter("h2") if words(h) not in {"Contents", "Notes"}] == [
        "Methodology",
        "Contextual facts",
        "Inspection data",
    ]
    assert len(doc.find_class("data-table")) == 7
    assert doc.find(".//a[@href='../']") is not None


def test_the_glossary_lists_the_format_terms(reports: dict[str, Report]) -> None:
    doc = lxml.html.fromstring(render_glossary(reports[SHORT], TEMPLATES, Links(report="../")))
    terms = [words(dt_) for dt_ in doc.iter("dt")]
    assert "Professional discretion" in terms
    assert terms == [e.term for e in reports[SHORT].inspection.format.glossary]


def test_the_site_publishes_the_data_annex_and_glossary_beside_the_short_report(
    project: Path,
) -> None:
    from yjsreport.site.build import build_site

    build_site(project / "mkdocs.yml", pdf=False)
    folder = project / "site" / "inspections" / SHORT
    assert (folder / "data-annex" / "index.html").is_file()
    assert (folder / "glossary" / "index.html").is_file()
    assert not (project / "site" / "inspections" / "brackenmoor-2022" / "data-annex").exists()
    report = lxml.html.parse(str(folder / "index.html")).getroot()
    assert report.find(".//a[@href='data-annex/index.html']") is not None


def test_an_inspection_may_name_another_format(project: Path) -> None:
    edit(
        project / "content" / "inspections" / SHORT / "inspection.yaml",
        'format: "2022-short"',
        'format: "2021-long"',
    )
    doc = article(reload(project, SHORT))
    assert doc.get_element_by_id("domain-1").text_content() == "1. Organisational delivery"
    assert doc.get_element_by_id("context") is not None


def test_a_format_that_does_not_lay_out_the_framework_is_refused(project: Path) -> None:
    path = project / "content" / "inspections" / SHORT / "inspection.yaml"
    edit(path, 'format: "2022-short"', 'format: "2018"')
    with pytest.raises(ContentError) as caught:
        load_reports(project / "content")
    text = "\n".join(str(p) for p in caught.value.problems)
    assert "inspection.yaml:7:9: format: '2018' does not lay out framework 2021" in text
    assert "expected one of 2021-long, 2022-short" in text


def test_choices_of_an_inspection_override_its_format(project: Path) -> None:
    path = project / "content" / "inspections" / SHORT / "inspection.yaml"
    edit(
        path,
        "status: published",
        "status: published\nchoices:\n  discretion: footnote\n"
        "  involvement_heading: Involvement of children and their parents and carers\n"
        '  involvement: {within: "1.3"}\n',
    )
    report = reload(project, SHORT)
    doc = article(report, BESIDE)
    section = doc.get_element_by_id("standard-2-4").getparent()
    assert not section.find_class("discretion")
    assert section.find_class("standard-rating")[0].find_class("note-ref")
    involvement = doc.get_element_by_id("involvement")
    assert involvement.tag == "h4"
    assert words(involvement) == "Involvement of children and their parents and carers"
    assert involvement.getparent().get("aria-labelledby") == "standard-1-3"


def test_a_choice_placed_in_no_part_of_the_framework_is_refused(project: Path) -> None:
    path = project / "content" / "inspections" / SHORT / "inspection.yaml"
    edit(path, "status: published", 'status: published\nchoices:\n  diversity: {after: "9"}\n')
    with pytest.raises(ContentError, match="choices: diversity is placed after '9'"):
        load_reports(project / "content")


def test_the_offence_table_counts_the_samples_the_inspection_chooses(project: Path) -> None:
    path = project / "content" / "inspections" / SHORT / "inspection.yaml"
    report = reload(project, SHORT)
    court = report.result.samples["court"].cases
    settled = report.result.samples["resettlement"].cases

    def offence_note(r: Report) -> str:
        doc = lxml.html.fromstring(render_data_annex(r, TEMPLATES, "web", Links()))
        number = doc.get_element_by_id("context-offences").find_class("note-ref")[0]
        return words(doc.get_element_by_id(f"note-{number.text_content()}"))

    assert offence_note(report).startswith(f"Counted from the {court} court cases we inspected.")
    edit(
        path,
        "status: published",
        "status: published\nchoices:\n  offence_types: [court, resettlement]\n",
    )
    together = offence_note(reload(project, SHORT))
    assert together.startswith(
        f"Counted from the {court + settled} court and resettlement cases we inspected."
    )


@pytest.mark.pdf
def test_the_data_annex_is_a_tagged_pdf_of_its_own(
    reports: dict[str, Report], tmp_path: Path
) -> None:
    import pikepdf

    from yjsreport.pdf.document import write_annex_pdf

    target = tmp_path / "annex.pdf"
    write_annex_pdf(reports[SHORT], TEMPLATES, target)
    with pikepdf.open(target) as pdf:
        assert "/StructTreeRoot" in pdf.Root  # tagged, as the report's PDF
        assert str(pdf.docinfo.get("/Title", "")).startswith("Data annex: An inspection of")
    from pypdf import PdfReader

    words_ = " ".join(" ".join(p.extract_text() for p in PdfReader(target).pages).split())
    for heading in ("Methodology", "Contextual facts", "Inspection data"):
        assert heading in words_
    assert "2.1. Assessment (court disposals)" in words_


def test_a_practice_example_is_a_titled_aside(reports: dict[str, Report]) -> None:
    """'::: practice <title>' in a part: a box with its title, not a quotation."""
    doc = article(reports[SHORT], BESIDE)
    (box,) = doc.find_class("practice-example")
    assert box.tag == "aside"
    assert words(box.find_class("practice-example-title")[0]) == (
        "Good practice example: planning with the family"
    )
    assert box.getparent().get("aria-labelledby") == "standard-2-2"
    assert not doc.xpath("//blockquote")


def test_new_writes_the_parts_in_the_format_of_its_date(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A report planned now takes the short layout: no executive summary, and qualitative
    standards with strengths and areas for improvement instead of question headings."""
    from yjsreport.cli import main

    assert main(["new", "moorfield-2027", "--fieldwork", "2027-03-08"]) == 0
    capsys.readouterr()
    folder = project / "content" / "inspections" / "moorfield-2027" / "report"
    assert not (folder / "summary.md").exists()
    governance = (folder / "1.1.md").read_text(encoding="utf-8")
    assert "strengths:" in governance and "improvements:" in governance
    assert "{{ 1.1.1.text }}" not in governance
    assert "{{ 2.1.1.text }}" in (folder / "2.1.md").read_text(encoding="utf-8")


def test_the_disclosure_rule_is_stated_where_it_withheld_a_figure(
    reports: dict[str, Report],
) -> None:
    """A choice of ours appears in a report only where it changed a figure of it: the
    disclosure rule on the offence table whose counts it withheld, nowhere else."""
    doc = article(reports["brackenmoor-2022"])
    number = doc.get_element_by_id("context-offences").find_class("note-ref")[0].text_content()
    note = words(doc.get_element_by_id(f"note-{number}"))
    assert "To protect the identity of children" in note
    assert words(doc).count("To protect the identity of children") == 1
    assert "To protect the identity of children" not in words(article(reports["fenwold-2020"]))
