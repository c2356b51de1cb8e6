"""Search as a reader uses it, in Chromium: opened from disk (file://, as the
pull-request preview download is) and from a server, a query finds the report
sections that hold its words, says how many in a live status, and the page with
its results passes axe-core's WCAG 2.2 AA rules."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.browser import tools
from tests.browser.checkers import chromium_browser, describe_violations, run_axe
from tests.browser.project import built_site
from tests.browser.server import serve

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built_site(tmp_path_factory, "--no-pdf")


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    tools.playwright_available()
    with chromium_browser(tools.chromium()) as launched:
        yield launched


def results(page: Page) -> list[tuple[str, str]]:
    return [
        (str(a.text_content()), str(a.get_attribute("href")))
        for a in page.locator("#search-results a").all()
    ]


@pytest.fixture(scope="module", params=["file", "server"])
def search_url(request: pytest.FixtureRequest, site: Path) -> Iterator[str]:
    if request.param == "file":
        yield (site / "search" / "index.html").as_uri()
    else:
        with serve(site) as base:
            yield f"{base.rstrip('/')}/search/index.html"


def test_a_query_in_the_address_lists_matching_sections(browser: Browser, search_url: str) -> None:
    page = browser.new_page()
    try:
        page.goto(f"{search_url}?q=Brackenmoor+resettlement")
        assert page.input_value("#search-query") == "Brackenmoor resettlement"
        status = str(page.text_content("#search-status"))
        assert "match ‘Brackenmoor resettlement’" in status
        found = results(page)
        assert found and all("Brackenmoor" in title for title, _ in found)
        assert all(h.startswith("../inspections/brackenmoor-2022/index.html") for _, h in found)
        assert any("#" in h for _, h in found)  # sections, not only the page
        page.click("#search-results a >> nth=0")
        assert page.url.split("#")[0].endswith("/inspections/brackenmoor-2022/index.html")
    finally:
        page.close()


def test_the_form_searches_in_place_and_says_when_nothing_matches(
    browser: Browser, search_url: str
) -> None:
    page = browser.new_page()
    try:
        page.goto(search_url)
        page.fill("#search-query", "zyxwvut")
        page.press("#search-query", "Enter")
        assert page.text_content("#search-status") == "No sections match ‘zyxwvut’."
        assert results(page) == []
        page.fill("#search-query", "Fenwold")
        page.click("button[type=submit]")
        assert all("Fenwold" in title for title, _ in results(page))
        assert results(page)
    finally:
        page.close()


def test_the_page_with_results_passes_axe(browser: Browser, search_url: str) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 900})
    try:
        page.goto(f"{search_url}?q=assessment")
        assert results(page)
        violations = run_axe(page, tools.axe_script())["violations"]
        assert violations == [], describe_violations(violations)
    finally:
        page.close()


def test_the_404_page_passes_axe_and_its_links_work_from_any_depth(
    browser: Browser, site: Path
) -> None:
    """Served for a missing address at any depth: its links start at the site's root."""
    with serve(site) as base:
        page = browser.new_page(viewport={"width": 390, "height": 900})
        failed: list[str] = []
        page.on("requestfailed", lambda request: failed.append(request.url))
        page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
        try:
            page.goto(f"{base}404.html")
            assert page.text_content("h1") == "Page not found"
            violations = run_axe(page, tools.axe_script())["violations"]
            assert violations == [], describe_violations(violations)
            assert failed == []  # the stylesheets and favicon loaded from the root
            page.click("text=search the reports")
            assert page.url == f"{base}search/index.html"
        finally:
            page.close()
