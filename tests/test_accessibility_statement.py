"""The accessibility statement: its dates and its list of what does not yet conform
come from templates/site/accessibility.yaml, its compliance status from that list,
and a site lists only what it holds (an annual report, a reinspection)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.pages import parse, text
from tests.browser.project import BUILDS, built_site, run_build
from tests.conftest import TEMPLATES, edit, line_of
from yjsreport.content.dates import long_date
from yjsreport.site.statement import (
    STATEMENT_FILE,
    Failure,
    Statement,
    applicable,
    compliance,
    load_statement,
    reflow_fails,
)


def _failure(**fields: object) -> Failure:
    return Failure.model_validate({"applies_to": "site", "what": "x.", "why": "y.", **fields})


def test_partially_compliant_while_a_listed_failure_names_a_criterion() -> None:
    assert compliance([]) == "fully compliant"
    assert compliance([_failure()]) == "fully compliant"  # a problem, no WCAG failure
    assert compliance([_failure(), _failure(criteria=["1.4.10 Reflow"])]) == ("partially compliant")


def test_reflow_is_promised_only_where_no_page_fails_it() -> None:
    assert reflow_fails([_failure(criteria=["1.4.10 Reflow"])])
    assert not reflow_fails([_failure(applies_to="pdf", criteria=["1.4.10 Reflow"])])
    assert not reflow_fails([_failure(criteria=["1.4.11 Non-text Contrast"])])


def test_an_entry_is_listed_only_where_the_site_holds_what_it_is_about() -> None:
    statement = Statement.model_validate(
        {
            "prepared": "2026-11-24",
            "reviewed": "2026-12-04",
            "tested": "2026-12-04",
            "failures": [
                {"applies_to": "pdf", "what": "every site.", "why": "y."},
                {
                    "applies_to": "site",
                    "only_where": "annual report",
                    "what": "annual.",
                    "why": "y.",
                },
            ],
        }
    )
    assert [f.what for f in applicable(statement, set())] == ["every site."]
    assert [f.what for f in applicable(statement, {"annual report"})] == [
        "every site.",
        "annual.",
    ]


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built_site(tmp_path_factory, *BUILDS["published"])


def test_the_statement_as_built_gives_its_dates_status_and_failures(published: Path) -> None:
    statement = load_statement(TEMPLATES)
    doc = parse(published / "accessibility/index.html")
    body = text(doc.xpath("//main")[0])
    assert f"This statement was prepared on {long_date(statement.prepared)}." in body
    assert f"It was last reviewed on {long_date(statement.reviewed)}." in body
    assert f"last tested on {long_date(statement.tested)}" in body
    # the example content holds neither an annual report nor a reinspection
    listed = applicable(statement, set())
    status = compliance(listed)
    assert status == "partially compliant"  # a PDF does not reflow
    (compliance_heading,) = doc.xpath('//h3[@id="compliance"]')
    assert f"This site is {status} with the Web Content Accessibility Guidelines" in text(
        compliance_heading.getnext()
    )
    for failure in statement.failures:
        shown = " ".join(failure.what.split()) in body
        assert shown == (failure in listed), failure.what
    headings = [text(h) for h in doc.xpath("//h2")]
    for heading in (
        "How accessible this site is",
        "Asking for a report in another format",
        "Reporting accessibility problems with this site",
        "Enforcement procedure",
        "Preparation of this accessibility statement",
    ):
        assert heading in headings
    assert doc.xpath('//a[text()="Equality Advisory and Support Service (EASS)"]')
    assert "PDF/UA-1 conformance" not in body and "meet PDF/UA-1" not in body


def test_the_statements_facts_are_read_not_published(published: Path) -> None:
    """The YAML beside the theme's templates is the build's input, not a page."""
    assert not list(published.rglob("accessibility.yaml"))
    assert (published / "accessibility" / "index.html").is_file()


def test_a_bad_date_in_the_statement_stops_the_build_at_its_line(project: Path) -> None:
    path = project / "templates" / STATEMENT_FILE
    statement = load_statement(TEMPLATES)
    edit(path, f"reviewed: {statement.reviewed.isoformat()}", "reviewed: last week")
    failed = run_build(project, "--no-pdf")
    assert failed.returncode != 0
    line = line_of(path, "reviewed: last week")
    assert f"templates/site/accessibility.yaml:{line}:11: reviewed: expected a date" in (
        failed.stderr
    ), failed.stderr
    assert not (project / "site").exists()
