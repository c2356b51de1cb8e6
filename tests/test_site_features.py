"""The site behaves as sites do: it needs its real address to be published, every
link works opened from disk as well as from a server, each page describes itself
(description, canonical address, Open Graph) from the data, there is a 404 page, a
favicon, a feed of publications and a search over every report."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from lxml import html as lxml_html

from tests.browser.project import BUILD_TIMEOUT, built_site, copy_project, draft_slugs, slugs
from tests.conftest import line_of
from yjsreport.content.dates import long_date
from yjsreport.project import Report
from yjsreport.site import pages
from yjsreport.site.search import VARIABLE
from yjsreport.site.site_address import ENVIRONMENT, is_placeholder

SITE_URL = os.environ[ENVIRONMENT]  # set for the tests' builds in conftest
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built_site(tmp_path_factory, "--no-pdf")


@pytest.fixture(scope="module")
def drafts_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built_site(tmp_path_factory, "--no-pdf", "--drafts")


def build_without_address(project: Path, *options: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != ENVIRONMENT}
    return subprocess.run(
        [sys.executable, "-m", "yjsreport", "build", "--no-pdf", *options],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=BUILD_TIMEOUT,
        check=False,
    )


def test_a_published_build_refuses_the_placeholder_address(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    done = build_without_address(project)
    assert done.returncode != 0
    line = line_of(project / "mkdocs.yml", "site_url:")
    assert f"mkdocs.yml:{line}:11: site_url: a published build needs the address" in done.stderr
    assert "'https://reports.example.invalid/', a placeholder" in done.stderr
    assert not (project / "site").exists()


def test_a_drafts_preview_builds_without_an_address_and_links_nowhere_outside(
    tmp_path: Path,
) -> None:
    project = copy_project(tmp_path / "p")
    done = build_without_address(project, "--drafts")
    assert done.returncode == 0, done.stderr
    page = (project / "site" / "index.html").read_text(encoding="utf-8")
    assert 'rel="canonical"' not in page and "og:url" not in page
    assert not (project / "site" / pages.FEED).exists()


@pytest.mark.parametrize(
    ("address", "placeholder"),
    [
        ("https://reports.example.invalid/", True),
        ("http://localhost:8000/", True),
        ("https://yjs.test/", True),
        ("", True),
        (None, True),
        ("https://inspections.example.org/", False),
        ("https://owner.github.io/reports/", False),
    ],
)
def test_placeholder_addresses(address: str | None, placeholder: bool) -> None:
    assert is_placeholder(address) is placeholder


def _local_links(page: Path) -> list[tuple[str, str]]:
    """(path, fragment) of every link and resource a page names inside the site."""
    doc = lxml_html.fromstring(page.read_bytes())
    found = []
    for element in doc.iter():
        for attribute in ("href", "src"):
            value = element.get(attribute) if isinstance(element.tag, str) else None
            if not value or urlsplit(value).scheme or value.startswith("//"):
                continue
            parts = urlsplit(value)
            found.append((unquote(parts.path), parts.fragment))
    return found


def _ids(page: Path) -> set[str]:
    doc = lxml_html.fromstring(page.read_bytes())
    return {str(e.get("id")) for e in doc.iter() if isinstance(e.tag, str) and e.get("id")}


def broken_links_from_disk(built: Path) -> list[str]:
    """file:// has no folder index: a link must name a file, and its anchor must exist."""
    broken = []
    for page in sorted(built.rglob("*.html")):
        if page.name == "404.html":  # served for any address: its links start at the root
            continue
        for path, fragment in _local_links(page):
            target = (page.parent / path).resolve() if path else page
            if not target.is_file():
                broken.append(f"{page.relative_to(built)} links to {path!r}")
            elif fragment and target.suffix == ".html" and fragment not in _ids(target):
                broken.append(f"{page.relative_to(built)} links to {path}#{fragment}")
    return broken


@pytest.mark.parametrize("build", ["published", "drafts"])
def test_every_link_works_from_disk(build: str, site: Path, drafts_site: Path) -> None:
    assert broken_links_from_disk(site if build == "published" else drafts_site) == []


def test_the_404_page_links_from_the_site_root(site: Path) -> None:
    page = site / "404.html"
    doc = lxml_html.fromstring(page.read_bytes())
    assert doc.findtext(".//h1") == "Page not found"
    root = urlsplit(SITE_URL).path
    for path, _ in _local_links(page):
        if path:
            assert path.startswith(root), path
            assert (site / path.removeprefix(root)).is_file(), path


def _head(page: Path) -> dict[str, str]:
    doc = lxml_html.fromstring(page.read_bytes())
    found = {m.get("property") or m.get("name"): m.get("content") for m in doc.iter("meta")}
    for link in doc.iter("link"):
        found[f"link:{link.get('rel')}"] = link.get("href")
    return {str(k): str(v) for k, v in found.items() if k}


def test_each_report_page_describes_itself_from_the_data(
    site: Path, reports: dict[str, Report]
) -> None:
    for slug in slugs(drafts=False):
        report = reports[slug]
        head = _head(site / pages.report_dir(slug) / "index.html")
        meta, result = report.inspection.meta, report.result
        expected = (
            f"The inspection of {meta.service}, published on {long_date(meta.publication_date)}: "
            f"rated ‘{result.overall.value}’ overall, with a score of {result.score.total} out "
            f"of {result.score.maximum}."
        )
        assert head["description"] == head["og:description"] == expected
        assert head["link:canonical"] == head["og:url"] == f"{SITE_URL}inspections/{slug}/"
        assert head["og:type"] == "article"
        assert head["og:title"].startswith("An inspection of ")
        assert head["link:icon"] == "../../assets/favicon.svg"
    home = _head(site / "index.html")
    assert home["link:canonical"] == SITE_URL and home["og:type"] == "website"
    assert home["description"].startswith("Inspection reports on youth justice services")


def test_the_favicon_is_a_small_svg(site: Path) -> None:
    icon = ET.parse(site / "assets" / "favicon.svg").getroot()
    assert icon.tag == "{http://www.w3.org/2000/svg}svg"
    assert icon.get("viewBox") == "0 0 32 32"


def test_the_feed_lists_published_reports_newest_first_never_a_draft(
    site: Path, drafts_site: Path, reports: dict[str, Report]
) -> None:
    feed = site / pages.FEED
    root = ET.parse(feed).getroot()
    entries = root.findall(f"{ATOM}entry")
    published = sorted(
        (r for r in reports.values() if not r.is_draft),
        key=lambda r: r.inspection.meta.publication_date,
        reverse=True,
    )
    assert [e.findtext(f"{ATOM}id") for e in entries] == [
        f"{SITE_URL}inspections/{r.slug}/" for r in published
    ]
    assert [e.findtext(f"{ATOM}published") for e in entries] == [
        f"{r.inspection.meta.publication_date.isoformat()}T00:00:00Z" for r in published
    ]
    newest = published[0].inspection.meta.publication_date.isoformat()
    assert root.findtext(f"{ATOM}updated") == f"{newest}T00:00:00Z"  # from the data, not a clock
    # a preview with drafts publishes the same feed: no draft is ever announced
    assert (drafts_site / pages.FEED).read_bytes() == feed.read_bytes()
    for slug in draft_slugs():
        assert slug not in feed.read_text(encoding="utf-8")


def _search_index(site: Path) -> list[list[str]]:
    import json

    script = (site / pages.SEARCH_INDEX).read_text(encoding="utf-8")
    match = re.fullmatch(rf"var {VARIABLE} = (.*);\n", script, re.DOTALL)
    assert match, "the index is one variable holding JSON"
    return json.loads(match[1])  # type: ignore[no-any-return]


def test_the_search_index_covers_every_section_of_every_report(site: Path) -> None:
    index = _search_index(site)
    hrefs = {entry[0] for entry in index}
    for slug in slugs(drafts=False):
        page = site / pages.report_dir(slug) / "index.html"
        doc = lxml_html.fromstring(page.read_bytes())
        main = doc.get_element_by_id("main")
        headings = [h.get("id") for h in main.iter("h2", "h3") if h.get("id")]
        assert headings
        for anchor in headings:
            if anchor == "contents":  # the contents list is left out of the index
                continue
            assert f"{pages.report_dir(slug)}/index.html#{anchor}" in hrefs, anchor
    for href, *_ in index:
        path, _, anchor = href.partition("#")
        assert (site / path).is_file(), href
        assert not anchor or anchor in _ids(site / path), href
    text = " ".join(" ".join(e) for e in index)
    for slug in draft_slugs():
        assert slug not in text


def test_the_search_page_has_a_labelled_form_and_a_live_status(site: Path) -> None:
    doc = lxml_html.fromstring((site / "search" / "index.html").read_bytes())
    form = doc.get_element_by_id("search-form")
    assert form.get("role") == "search" and form.get("method") == "get"
    field = doc.get_element_by_id("search-query")
    assert field.get("name") == "q" and field.get("type") == "search"
    assert doc.xpath("//label[@for='search-query']")[0].text_content().strip()
    assert doc.get_element_by_id("search-status").get("role") == "status"
    scripts = [s.get("src") for s in doc.iter("script")]
    assert scripts == ["search-index.js", "../assets/search.js"]  # the index loads first


def test_search_sections_keep_captions_but_not_figures_nor_the_contents() -> None:
    from yjsreport.site.search import sections

    found = sections(
        '<nav class="contents"><h2 id="contents">Contents</h2><a href="#a">Aims</a></nav>'
        '<h2 id="a">Aims &amp; means</h2><p>Plans were <em>clear</em>'
        '<sup class="note-ref"><a href="#note-1">1</a></sup>.</p>'
        "<table><caption>Key questions for 2.1</caption><tr><td>64%</td></tr></table>"
        '<h3 id="b">Next</h3><p>More</p><script>var x = "hidden";</script>'
    )
    assert [(s.anchor, s.heading, s.text) for s in found] == [
        ("a", "Aims & means", "Plans were clear. Key questions for 2.1"),
        ("b", "Next", "More"),
    ]
