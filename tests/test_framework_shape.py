"""A framework of another shape is data: the test fixture in tests/frameworks/ (one combined
case domain whose sample holds court and out-of-court cases, a second kind of case, other ids,
a governance rule on another standard) is scaffolded, loaded, computed, rendered and built with
no change to the code."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import lxml.html
import pytest

from tests.conftest import ROOT, TEMPLATES, edit
from tests.structure import structure
from yjsreport.cli import main
from yjsreport.project import Report, load_reports
from yjsreport.render.report import render_article
from yjsreport.rules.ratings import Rating

FIXTURE = ROOT / "tests" / "frameworks"
SLUG = "fixture-shape-2099"


def write_cases(path: Path, columns: tuple[str, ...], rows: list[tuple[str, str]]) -> None:
    """Cases by (disposal type, answer pattern): the pattern gives each question 'Yes' or 'No'
    in turn, and 'N/A' to others-safety questions of the second sub-type."""
    with path.open("w", encoding="utf-8", newline="") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(["case", "disposal_type", *columns])
        for n, (disposal, pattern) in enumerate(rows, start=1):
            answers = []
            for i, column in enumerate(columns):
                if column.startswith("B.1.3") and disposal == "youth-caution":
                    answers.append("N/A")  # a sub-sample: low risk of harm in these cases
                else:
                    answers.append("Yes" if pattern[i % len(pattern)] == "y" else "No")
            out.writerow([f"FIX-{path.stem[:1].upper()}{n:02d}", disposal, *answers])


@pytest.fixture
def shaped(project: Path, capsys: pytest.CaptureFixture[str]) -> Report:
    frameworks = project / "content" / "frameworks"
    shutil.copy(FIXTURE / "test-shape.yaml", frameworks)
    shutil.copy(FIXTURE / "formats" / "test-shape.yaml", frameworks / "formats")
    code = main(
        [
            *("new", SLUG, "--framework", "test-shape", "--service", "Fixture Service"),
            *("--short-name", "Fixture YJS", "--place", "Fixture"),
            *("--lead-inspector", "Test Inspector", "--fieldwork", "2099-03-02"),
        ]
    )
    capsys.readouterr()
    assert code == 0
    folder = project / "content" / "inspections" / SLUG
    loaded = {r.slug: r for r in load_reports(project / "content")}[SLUG]
    framework = loaded.inspection.framework
    write_cases(
        folder / "cases" / "children.csv",
        framework.sample_columns("children"),
        [("referral-order", "ynn"), ("youth-caution", "nyn")] * 4,
    )
    write_cases(
        folder / "cases" / "victims.csv",
        framework.sample_columns("victims"),
        [("referral-order", "nyy")] * 5,
    )
    for sid, rating in (("A.1", "Good"), ("A.2", "Good")):
        part = folder / "report" / f"{sid}.md"
        part.write_text(part.read_text(encoding="utf-8").replace("rating:", f"rating: {rating}", 1))
    return {r.slug: r for r in load_reports(project / "content")}[SLUG]


def test_the_fixture_is_marked_as_one() -> None:
    for path in (FIXTURE / "test-shape.yaml", FIXTURE / "formats" / "test-shape.yaml"):
        assert path.read_text(encoding="utf-8").startswith("# TEST FIXTURE ONLY")


def test_a_framework_of_another_shape_loads_and_computes(shaped: Report) -> None:
    result = shaped.result
    assert [d.id for d in result.domains] == ["A", "B", "C"]
    assert set(result.samples) == {"children", "victims"}
    children = result.standard("B.1")
    assert children is not None and children.is_case
    # the sub-sample: others-safety questions count only the court sub-type's cases
    others = next(kq for kq in children.key_questions if kq.id == "B.1.3")
    assert (others.relevant, others.not_applicable) == (4, 4)
    assert result.standard("C.1").rating.is_rated
    # the governance rule limits the standard the fixture names, counting its domains
    assert children.rating == Rating.INADEQUATE
    leadership = result.standard("A.1")
    assert (leadership.computed, leadership.rating) == (Rating.GOOD, Rating.REQUIRES_IMPROVEMENT)
    assert leadership.governance_limited
    assert result.standard("A.2").rating == Rating.GOOD  # the rule limits only the one named
    assert result.score.maximum == 3 * 4


def test_a_framework_of_another_shape_renders_in_its_format(shaped: Report) -> None:
    doc = lxml.html.fromstring(render_article(shaped, TEMPLATES, "web"))
    sequence = structure(doc)
    for line in (
        "h2 Part A: Organisational delivery",
        "h3 A.1. Leadership",
        "h2 Diversity",
        "h2 Part B: Work with children",
        "h3 B.1. Work with children",
        "h2 Part C: Work with victims",
        "h3 C.1. Work with victims",
    ):
        assert line in sequence
    assert sequence.count("table key questions") == 2
    assert sequence.count("table inspection data") == 2
    assert doc.get_element_by_id("involvement").getparent().get("aria-labelledby") == "standard-A-1"


def test_a_framework_of_another_shape_builds(shaped: Report, project: Path) -> None:
    from yjsreport.site.build import build_site

    build_site(project / "mkdocs.yml", drafts=True, pdf=False)
    page = project / "site" / "inspections" / SLUG / "index.html"
    assert "Part C: Work with victims" in page.read_text(encoding="utf-8")


@pytest.mark.pdf
def test_a_framework_of_another_shape_prints(shaped: Report, tmp_path: Path) -> None:
    from pypdf import PdfReader

    from yjsreport.pdf.document import write_pdf

    target = tmp_path / f"{SLUG}.pdf"
    write_pdf(shaped, TEMPLATES, target)
    text = " ".join(page.extract_text() for page in PdfReader(target).pages)
    assert "Part C: Work with victims" in " ".join(text.split())


def test_no_sentence_about_samples_the_framework_does_not_have(shaped: Report) -> None:
    text = " ".join(
        lxml.html.fromstring(render_article(shaped, TEMPLATES, "web")).text_content().split()
    )
    assert "a sample of ." not in text
    assert "In this inspection, we conducted" not in text  # court and out-of-court wording


def test_the_methodology_names_the_fixtures_own_domains(shaped: Report) -> None:
    """The rules' sentences name the domains the framework file gives them, not the
    published frameworks' 'domains two and three'."""
    text = " ".join(
        lxml.html.fromstring(render_article(shaped, TEMPLATES, "web")).text_content().split()
    )
    assert "Some key questions in domains B and C are judged on a sub-sample" in text
    assert "the ratings of standards in domains B and C." in text
    assert "A section on work with children or work with victims is rated" in text
    assert "Each sample is inspected against the standards of its own domain." in text
    assert "domains two and three" not in text and "reviewing" not in text


def test_a_framework_of_another_shape_builds_an_annual_report(
    shaped: Report, project: Path
) -> None:
    """Every exhibit of the registry is built over the fixture's samples, named as its
    framework file names them: no exhibit assumes the published frameworks' samples. An
    exhibit made for a domain or a sample is made for each of the fixture's, headed with
    its words, domain C included, which no id of the published report's named."""
    from yjsreport.annual.exhibit_names import every_name
    from yjsreport.site.build import build_site

    fixture = shaped.inspection.framework
    named = every_name(fixture)
    assert {"distribution:A", "distribution:B", "distribution:C"} <= set(named)

    edit(
        project / "content" / "inspections" / SLUG / "inspection.yaml",
        "status: draft",
        "status: published",
    )
    folder = project / "content" / "annual" / "2099"
    (folder / "chapters").mkdir(parents=True)
    (folder / "annual.yaml").write_text(
        "title: Test fixture annual report\n"
        "period_start: 2099-01-01\nperiod_end: 2099-11-30\n"
        "publication_date: 2099-12-20\nstatus: published\n"
        'framework: "test-shape"\n'
        "signed_by: {name: Test Inspector, role: Chief Inspector}\n",
        encoding="utf-8",
    )
    (folder / "chapters" / "01-all.md").write_text(
        f"---\ntitle: Every exhibit\nexhibits: [{', '.join(named)}]\n---\n"
        "Test fixture: the exhibits follow.\n",
        encoding="utf-8",
    )
    build_site(project / "mkdocs.yml", drafts=True, pdf=False)
    page = project / "site" / "annual" / "2099" / "index.html"
    tree = lxml.html.fromstring(page.read_text(encoding="utf-8"))
    text = " ".join(tree.text_content().split())
    # each exhibit for a domain or sample is headed with the fixture's own words for it
    headings = {h.get("id"): h.text_content() for h in tree.xpath("//h3[@id]")}
    for anchor, heading in {
        "exhibit-distribution-a": "Ratings of organisational delivery",
        "exhibit-distribution-b": "Ratings of work with children",
        "exhibit-distribution-c": "Ratings of work with victims",
        "exhibit-trend-key-questions": "Case quality over the years",
        "exhibit-trend-key-questions-children": "Children's case quality over the years",
        "exhibit-trend-key-questions-victims": "Victims' case quality over the years",
        "exhibit-out-of-court-first-repeat": "First and repeat children's cases",
    }.items():
        assert headings.get(anchor) == heading, (anchor, headings.get(anchor))
    table = tree.xpath("//table[caption[contains(., 'Ratings of work with victims (services)')]]")
    assert table and "C.1 Work with victims" in table[0].text_content()
    assert "court work" not in text and "Court case quality" not in text
    # the exhibits over the fixture's samples name them as its framework file does
    for words in (
        "Children's cases by disposal type",
        "Victims' cases by disposal type",
        "among children's and victims' cases alike",
        "Children's: desistance (B.1.1)",
        "Victims': victim-safety (C.1.1)",
        "(children's cases, 0 per cent)",
    ):
        assert words in text
    # its minimum sample is none, and it has no sample rated apart from the score
    assert "sample of fewer than" not in text
    assert "is rated separately" not in text
    # the score's scale is the fixture's own: its scored standards, three points each
    scored = sum(1 for _, s in fixture.standards() if s.scored)
    assert (
        "core standards scores 0 (‘Inadequate’) to 3 (‘Outstanding’); "
        f"the total, out of {3 * scored}," in text
    )
