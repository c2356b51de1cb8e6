"""A published report written out in the content format builds as published: the North
Somerset report of December 2020 (tests/published/inspections/north-somerset-2020/, a test
fixture of a real service, its figures the published report's) comes out in the 2018 layout
with exactly the published section sequence, nothing added, and passes `check`."""

from __future__ import annotations

import shutil
from pathlib import Path

import lxml.html
import pytest
import yaml

from tests.conftest import CONTENT, PUBLISHED, TEMPLATES, edit
from tests.structure import structure
from yjsreport.cli import main
from yjsreport.project import Report, load_reports
from yjsreport.render.report import render_article

SLUG = "north-somerset-2020"
FIXTURE = PUBLISHED / "inspections" / SLUG
# the fictional example whose case files reproduce every published count of the report
# (tests/test_published_figures.py): the fixture uses them rather than a second copy
CASES = CONTENT / "inspections" / "fenwold-2020" / "cases"


@pytest.fixture
def written_out(project: Path) -> Path:
    folder = project / "content" / "inspections" / SLUG
    shutil.copytree(FIXTURE, folder)
    shutil.copytree(CASES, folder / "cases")
    return folder


@pytest.fixture
def report(written_out: Path) -> Report:
    return {r.slug: r for r in load_reports(written_out.parent.parent)}[SLUG]


def published(name: str) -> dict:  # type: ignore[type-arg]
    return yaml.safe_load((PUBLISHED / name).read_text(encoding="utf-8"))


def test_the_fixture_says_what_it_is() -> None:
    text = (FIXTURE / "inspection.yaml").read_text(encoding="utf-8")
    assert text.startswith("# TEST FIXTURE, NOT AN EXAMPLE")


def test_the_section_sequence_is_the_published_one(report: Report) -> None:
    """Every heading and table in the published order, and nothing the report lacks."""
    expected = published("structure-north-somerset-2020.yaml")["sequence"]
    assert report.inspection.format.id == "2018"
    assert structure(lxml.html.fromstring(render_article(report, TEMPLATES, "web"))) == expected


def test_the_figures_are_the_published_ones(report: Report) -> None:
    pub = published("north-somerset-2020.yaml")
    result = report.result
    assert {s.id: s.rating.value for s in result.standards()} == pub["ratings"]
    assert (result.score.total, result.overall.value) == (pub["score"], pub["overall"])
    assert {k: v.cases for k, v in result.samples.items()} == pub["samples"]


def test_check_passes(written_out: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`check` reads every number in the prose: a figure typed rather than referenced
    to data would stop it."""
    code = main(["check", SLUG])
    out = capsys.readouterr()
    assert code == 0, out.out + out.err


def test_dates_are_as_published(report: Report) -> None:
    """The report gives its publication as a month: the cover line and the facts list
    say 'December 2020', not a day of our invention; the format is the one in use then."""
    from yjsreport.pdf.document import print_html

    printed = " ".join(lxml.html.fromstring(print_html(report, TEMPLATES)).text_content().split())
    assert "HM Inspectorate of Probation, December 2020" in printed
    web = " ".join(
        lxml.html.fromstring(render_article(report, TEMPLATES, "web")).text_content().split()
    )
    assert "Published December 2020" in web.replace("PublishedDecember", "Published December")
    assert "between 14 and 18 September 2020" in web


def test_a_heading_for_a_key_question_of_another_standard_is_refused(
    written_out: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    part = written_out / "report" / "2.2.md"
    edit(part, '"2.2.1":', '"2.3.1":')
    assert main(["check", SLUG]) != 0
    err = capsys.readouterr().err
    assert "report/2.2.md:" in err
    assert "headings names '2.3.1', not a key question of standard 2.2" in err


def test_the_site_builds_with_it(written_out: Path) -> None:
    from yjsreport.site.build import build_site

    build_site(written_out.parents[2] / "mkdocs.yml", drafts=False, pdf=False)
    page = written_out.parents[2] / "site" / "inspections" / SLUG / "index.html"
    text = page.read_text(encoding="utf-8")
    assert "North Somerset Youth Offending Service" in text
    assert "Annexe 1: Methodology" in text
