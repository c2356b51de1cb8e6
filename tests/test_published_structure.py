"""Each example reads as the published report it reproduces: the same sections and rating
tables in the same order (fixtures in tests/published/structure-*.yaml, taken from the
published text), the standard wording generated, and every sentence in house style."""

from __future__ import annotations

import re
from pathlib import Path

import lxml.html
import pytest
import yaml
from lxml.html import HtmlElement

from tests.conftest import PUBLISHED, TEMPLATES, edit
from tests.house_style import check, problems
from tests.structure import as_published, as_published_wording, structure, wording
from yjsreport.project import Report, load_reports
from yjsreport.render.report import render_article

FIXTURES = sorted(PUBLISHED.glob("structure-*.yaml"))


def fixture(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def article(report: Report, mode: str = "web") -> HtmlElement:
    html = render_article(report, TEMPLATES, mode)  # type: ignore[arg-type]
    return lxml.html.fromstring(html)


@pytest.fixture(params=FIXTURES, ids=[p.stem for p in FIXTURES])
def published(request: pytest.FixtureRequest) -> dict:
    return fixture(request.param)


def test_sections_and_tables_follow_the_published_report(
    published: dict, reports: dict[str, Report]
) -> None:
    generated = structure(article(reports[published["reproduced_by"]]))
    assert as_published(generated, published["differences"]) == published["sequence"]


def test_every_listed_difference_still_occurs(published: dict, reports: dict[str, Report]) -> None:
    """A difference that no longer happens must leave the list, which is the report's
    honest account of where it departs from the published one."""
    generated = structure(article(reports[published["reproduced_by"]]))
    for difference in published["differences"]:
        assert difference["generated"] in generated, difference
        assert difference["why"].strip()


def test_standard_sentences_follow_the_published_report(
    published: dict, reports: dict[str, Report]
) -> None:
    """The named sentences of the wording catalogue, in the published order, with the
    published figures: our words, the report's slots (read in print, where notes sit with
    their sentences)."""
    from yjsreport.pdf.document import print_html

    report = reports[published["reproduced_by"]]
    generated = wording(lxml.html.fromstring(print_html(report, TEMPLATES, mark_wording=True)))
    expected = [
        {k: v or [] for k, v in entry.items()} if isinstance(entry, dict) else entry
        for entry in published["wording"]
    ]
    assert as_published_wording(generated, expected) == expected


@pytest.mark.parametrize("mode", ["web", "print"])
def test_every_sentence_is_in_house_style(reports: dict[str, Report], mode: str) -> None:
    found = []
    for slug, report in reports.items():
        doc = article(report, mode) if mode == "web" else print_article(report)
        found += [f"{slug}: {p}" for p in check(doc)]
    assert found == []


def print_article(report: Report) -> HtmlElement:
    """The print document as WeasyPrint receives it, running headers and all."""
    from yjsreport.pdf.document import print_html

    return lxml.html.fromstring(print_html(report, TEMPLATES))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Cases inspected in the court sample: 8.", ["digit under ten"]),
        ("within 5 percentage points", ["digit under ten"]),
        ("the 65% boundary", ["'%' in prose"]),
        ("rated 'Good'", ["a straight quote"]),
        ("rated separately, as ○ Not rated", ["rating symbol"]),
        ("seven out of 11 cases, 64 per cent, rated ‘Good’", []),
        ("14 to 18 September 2020, 8 December 2020, 9 to 13 March 2026", []),
        ("standard 2.1, key question 2.1.1a, Annexe 1 and Annexe 2", []),
    ],
)
def test_the_checker_finds_what_the_house_style_forbids(text: str, expected: list[str]) -> None:
    found = problems(text)
    assert len(found) == len(expected)
    for problem, start in zip(found, expected, strict=True):
        assert problem.startswith(start)


def text_of(doc: HtmlElement, css_class: str) -> str:
    return " ".join(doc.find_class(css_class)[0].text_content().split())


def test_executive_summary_opens_with_the_standard_wording(reports: dict[str, Report]) -> None:
    doc = article(reports["brackenmoor-2022"])
    opening = text_of(doc, "overall-statement")
    assert opening.startswith("Overall, we rate Brackenmoor YOT ‘Good’. We reached this rating")
    assert "against 12 core ‘standards’" in opening
    assert "We rated resettlement policy and provision on its own, as ‘Outstanding’." in opening
    assert ":" not in opening.split(".")[0]  # 'rated as: ‘Good’' has a stray colon


def test_2018_introduction_opens_with_the_standard_wording(reports: dict[str, Report]) -> None:
    doc = article(reports["fenwold-2020"])
    assert doc.get_element_by_id("foreword").text_content() == "Introduction"
    assert "Overall, we rated Fenwold YOS ‘Good’." in text_of(doc, "overall-statement")
    assert "Director of Operations" in text_of(doc, "signature")
    assert not doc.xpath("//*[@id='summary' or @id='inspection-data']")


def test_the_cover_line_names_the_publisher_and_month(reports: dict[str, Report]) -> None:
    """'HM Inspectorate of Probation, February 2022' under the title, as the covers print it."""
    doc = print_article(reports["brackenmoor-2022"])
    assert text_of(doc, "report-date") == "HM Inspectorate of Probation, February 2022"


def test_recommendations_introduction_counts_in_words(reports: dict[str, Report]) -> None:
    doc = article(reports["brackenmoor-2022"])
    section = doc.get_element_by_id("recommendations").getparent()
    first = " ".join(section.find("p").text_content().split())
    assert first.startswith("Our findings lead us to make three recommendations.")
    assert "youth offending services in Brackenmoor" in first


def test_recommendations_are_numbered_across_groups_in_print_too(
    reports: dict[str, Report],
) -> None:
    """WeasyPrint ignores <ol start>; the counter-reset carries the numbering on."""
    doc = print_article(reports["fenwold-2020"])
    lists = doc.find_class("recommendations")
    assert len(lists) == 2
    first = len(lists[0].findall("li"))
    assert lists[1].get("start") == str(first + 1)
    assert lists[1].get("style") == f"counter-reset: list-item {first}"


def test_judgement_questions_are_introduced_with_their_count(reports: dict[str, Report]) -> None:
    doc = article(reports["brackenmoor-2022"])
    section = doc.get_element_by_id("standard-1-2").getparent()
    texts = [" ".join(p.text_content().split()) for p in section.iter("p")]
    assert "Our judgement on staffing draws on the answers to these five questions:" in texts


def test_judgement_questions_without_a_count_where_the_report_gives_none(
    reports: dict[str, Report],
) -> None:
    """Wolverhampton introduces the questions of 1.3 and 3.4 without their number."""
    doc = article(reports["brackenmoor-2022"])
    for standard in ("standard-1-3", "standard-3-4"):
        section = doc.get_element_by_id(standard).getparent()
        intro = next(
            " ".join(p.text_content().split())
            for p in section.iter("p")
            if "Our judgement on" in p.text_content()
        )
        assert intro.endswith("draws on the answers to these questions:"), intro


def test_key_question_tables_are_introduced_with_the_rating_note(
    reports: dict[str, Report],
) -> None:
    doc = article(reports["brackenmoor-2022"])
    section = doc.get_element_by_id("standard-2-1").getparent()
    intro = next(p for p in section.iter("p") if "key questions below" in p.text_content())
    assert re.fullmatch(
        r"The key questions below decide our rating\d+ for assessment:",
        " ".join(intro.text_content().split()),
    )


def test_lowest_key_question_is_in_bold_without_a_label(reports: dict[str, Report]) -> None:
    doc = article(reports["brackenmoor-2022"])
    table = doc.get_element_by_id("standard-2-2").getparent().find_class("kq-table")[0]
    marks = [s.text_content() for s in table.iter("strong")]
    assert marks == ["64%"]


def test_key_questions_tied_for_lowest_are_all_in_bold(reports: dict[str, Report]) -> None:
    """Wyndle Marsh 2.1: keeping the child safe and keeping others safe both at 40%."""
    doc = article(reports["wyndle-marsh-2022"])
    table = doc.get_element_by_id("standard-2-1").getparent().find_class("kq-table")[0]
    assert [s.text_content() for s in table.iter("strong")] == ["40%", "40%"]
    assert len(table.find_class("lowest")) == 2


def test_2018_discretion_is_a_footnote_on_the_rating(reports: dict[str, Report]) -> None:
    doc = article(reports["fenwold-2020"])
    section = doc.get_element_by_id("standard-3-2").getparent()
    assert not section.find_class("discretion")
    note_ref = section.find_class("standard-rating")[0].find_class("note-ref")
    assert note_ref, "no note on the rating"
    number = note_ref[0].text_content()
    note = " ".join(doc.get_element_by_id(f"note-{number}").text_content().split())
    assert (
        "Using professional discretion, the ratings panel raised the rating from "
        "‘Requires improvement’ to ‘Good’, because the rating rests on two cases, which is five "
        "or fewer."
    ) in note


def test_2021_discretion_gives_the_printed_percentage(reports: dict[str, Report]) -> None:
    doc = article(reports["brackenmoor-2022"])
    section = doc.get_element_by_id("standard-2-1").getparent()
    text = " ".join(section.find_class("discretion")[0].text_content().split())
    kq = reports["brackenmoor-2022"].result.standard("2.1").lowest[0]
    assert f"at {kq.percent} per cent, is no more than five percentage points from" in text


def test_inside_cover_names_the_team_and_the_isbn(reports: dict[str, Report]) -> None:
    doc = article(reports["brackenmoor-2022"])
    cover = " ".join(doc.find_class("inside-cover")[0].text_content().split())
    assert (
        "HM Inspector Imogen Thwaite led this inspection, with a team of inspectors and "
        "colleagues from across the Inspectorate: Selina Marr (HM Inspector), Tobias Wren "
        "(HM Inspector) and Aled Pryce (inspection support officer)."
    ) in cover
    assert "© Crown copyright 2022" in cover
    assert "Open Government Licence" in cover
    assert "ISBN: 978-1-0000-0001-4" in cover


def test_only_the_inspectorate_text_explains_the_rules(reports: dict[str, Report]) -> None:
    """No choice of ours, and the paragraphs a layout does not print, stay out of a report;
    Wolverhampton's Annexe 2 has no paragraph on sub-samples, discretion or the governance
    limit, North Somerset's Annexe 1 explains sub-samples and discretion."""
    long = " ".join(article(reports["brackenmoor-2022"]).text_content().split())
    for absent in ("Choices of ours", "scaling", "sub-sample of the cases", "may use professional"):
        assert absent not in long
    older = " ".join(article(reports["fenwold-2020"]).text_content().split())
    assert "sub-sample of the cases" in older and "may use professional discretion" in older
    assert "Choices of ours" not in older


def test_a_governance_limited_standard_gives_only_its_rating(
    reports: dict[str, Report],
) -> None:
    doc = article(reports["wyndle-marsh-2022"])
    section = doc.get_element_by_id("standard-1-1").getparent()
    note = " ".join(section.find_class("limit-note")[0].text_content().split())
    assert note == (
        "Fewer than half of the ratings in domains two and three are ‘Good’ or "
        "‘Outstanding’, so this standard can be rated no higher than ‘Requires improvement’."
    )
    assert "‘Good’" not in " ".join(section.find_class("standard-rating")[0].text_content().split())


def test_a_summary_under_the_2018_layout_is_an_error(project: Path) -> None:
    """The 2018 layout has no executive summary: a summary part would vanish silently."""
    folder = project / "content" / "inspections" / "fenwold-2020" / "report"
    (folder / "summary.md").write_text("---\npart: summary\n---\nText.\n", encoding="utf-8")
    with pytest.raises(Exception, match=r"summary\.md.*no executive summary"):
        load_reports(project / "content")


def test_the_published_heading_is_kept_where_the_format_renames_a_part(
    project: Path,
) -> None:
    edit(
        project / "content" / "frameworks" / "formats" / "2021-long.yaml",
        "wording: standard.html",
        "wording: standard.html\nopening_heading: Preface",
    )
    report = next(r for r in load_reports(project / "content") if r.slug == "brackenmoor-2022")
    doc = article(report)
    assert doc.get_element_by_id("foreword").text_content() == "Preface"


def test_a_month_is_enough_where_the_report_gives_no_day(project: Path) -> None:
    """'February 2022' on the cover, as the published reports print it, with no day made up."""
    edit(
        project / "content" / "inspections" / "brackenmoor-2022" / "inspection.yaml",
        "publication_date: 2022-02-15",
        "publication_date: 2022-02",
    )
    report = next(r for r in load_reports(project / "content") if r.slug == "brackenmoor-2022")
    facts = {
        " ".join(div.find("dt").text_content().split()): " ".join(
            div.find("dd").text_content().split()
        )
        for div in article(report).find_class("report-facts")[0]
    }
    assert facts["Published"] == "February 2022"
    assert report.inspection.meta.publication_date.isoformat() == "2022-02"


def test_a_month_before_the_fieldwork_ended_is_refused(project: Path) -> None:
    edit(
        project / "content" / "inspections" / "brackenmoor-2022" / "inspection.yaml",
        "publication_date: 2022-02-15",
        "publication_date: 2021-09",
    )
    with pytest.raises(Exception, match="publication_date is before fieldwork_end"):
        load_reports(project / "content")


def test_the_title_names_the_services_as_the_report_does(project: Path) -> None:
    """A YOS whose report speaks of youth justice services says so in its title."""
    edit(
        project / "content" / "inspections" / "fenwold-2020" / "inspection.yaml",
        "kind: YOS\n",
        "kind: YOS\nservices: youth justice services\n",
    )
    report = next(r for r in load_reports(project / "content") if r.slug == "fenwold-2020")
    doc = article(report)
    assert " ".join(doc.find(".//h1").text_content().split()) == (
        "An inspection of youth justice services in Fenwold"
    )
    recommendations = doc.get_element_by_id("recommendations").getparent().find("p")
    assert "quality of youth justice services in Fenwold" in recommendations.text_content()


@pytest.mark.pdf
def test_recommendations_carry_on_numbering_in_the_pdf(
    reports: dict[str, Report], tmp_path: Path
) -> None:
    """The second group of Fenwold's recommendations starts at 3, as action plans cite it."""
    import pypdf

    from yjsreport.pdf.document import write_pdf

    target = tmp_path / "fenwold.pdf"
    write_pdf(reports["fenwold-2020"], TEMPLATES, target)
    text = "\n".join(page.extract_text() for page in pypdf.PdfReader(target).pages)
    section = text[text.index("lead us to make six recommendations") :]
    section = section[: section.index("Background")]
    numbers = re.findall(r"^\s*(\d)\. ", section, flags=re.M)
    assert numbers == ["1", "2", "3", "4", "5", "6"]


def test_a_site_builds_with_a_publication_month(project: Path) -> None:
    """MkDocs wants a full date for the page's update time; the home page shows the month."""
    from yjsreport.cli import main

    edit(
        project / "content" / "inspections" / "brackenmoor-2022" / "inspection.yaml",
        "publication_date: 2022-02-15",
        "publication_date: 2022-02",
    )
    assert main(["build", "--no-pdf"]) == 0
    home = (project / "site" / "index.html").read_text(encoding="utf-8")
    assert '<time datetime="2022-02">February 2022</time>' in home


def test_fieldwork_given_as_the_month_it_was_completed(project: Path) -> None:
    """'Fieldwork completed October 2021', as a report that states no more prints it."""
    path = project / "content" / "inspections" / "brackenmoor-2022" / "inspection.yaml"
    edit(path, "fieldwork_start: 2021-10-25\n", "")
    edit(path, "fieldwork_end: 2021-10-29", "fieldwork_end: 2021-10")
    report = next(r for r in load_reports(project / "content") if r.slug == "brackenmoor-2022")
    facts = {
        " ".join(div.find("dt").text_content().split()): " ".join(
            div.find("dd").text_content().split()
        )
        for div in article(report).find_class("report-facts")[0].iter("div")
    }
    assert facts["Fieldwork completed"] == "October 2021"
    assert "Fieldwork" not in facts
