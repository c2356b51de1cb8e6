"""The structure assistive technology navigates by, on every built page: one h1 and no
skipped heading level, captioned tables whose header cells say what they head, the
page language, a unique title, a working skip link, and links that lead somewhere."""

from __future__ import annotations

import itertools
import posixpath
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from lxml.html import HtmlElement

from tests.browser.pages import caption_text, headings, parse, text
from tests.browser.project import BUILDS, built_site, page_paths, pages_of

PAGES = pages_of(list(BUILDS))
PAGE_IDS = [f"{build}:{path}" for build, path in PAGES]
SCOPES = {"col", "row", "colgroup", "rowgroup"}


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return {name: built_site(tmp_path_factory, *options) for name, options in BUILDS.items()}


@pytest.fixture(params=PAGES, ids=PAGE_IDS)
def page(request: pytest.FixtureRequest, sites: dict[str, Path]) -> HtmlElement:
    build, path = request.param
    return parse(sites[build] / path)


@pytest.mark.parametrize("build", BUILDS)
def test_every_page_is_one_the_tests_know(sites: dict[str, Path], build: str) -> None:
    """A new kind of page must be added to the checks, not slip past them."""
    built = {p.relative_to(sites[build]).as_posix() for p in sites[build].rglob("*.html")}
    # 404.html is served at any address, so its links start at the root: test_site_features
    assert built == {*page_paths(drafts="--drafts" in BUILDS[build]), "404.html"}


def test_language_is_british_english(page: HtmlElement) -> None:
    assert page.get("lang") == "en-GB"


def test_one_h1(page: HtmlElement) -> None:
    assert [t for level, t in headings(page) if level == 1] == [text(page.find(".//h1"))]


def test_no_skipped_heading_level(page: HtmlElement) -> None:
    found = headings(page)
    assert found, "no headings"
    assert found[0][0] == 1, f"the first heading is {found[0]}"
    for (before, before_text), (level, heading) in itertools.pairwise(found):
        assert level <= before + 1, f"h{before} {before_text!r} is followed by h{level} {heading!r}"
    assert all(heading for _, heading in found), "an empty heading"


def test_tables_have_captions_and_scoped_headers(page: HtmlElement) -> None:
    for table in page.iter("table"):
        children = [c for c in table if isinstance(c.tag, str)]
        assert children and children[0].tag == "caption", "a table without a caption first"
        caption = caption_text(table)
        assert caption, "an empty caption"
        for th in table.iter("th"):
            assert th.get("scope") in SCOPES, f"{caption}: <th> {text(th)!r} has no scope"
        assert table.xpath(".//thead/tr/th"), f"{caption}: no column headers"


def test_skip_link_comes_first_and_its_target_exists(page: HtmlElement) -> None:
    body = page.body
    first = next(el for el in body.iter() if el.tag in ("a", "button", "input", "select"))
    assert "skip-link" in (first.get("class") or "").split()
    href = first.get("href") or ""
    assert href.startswith("#") and len(href) > 1
    targets = page.xpath("//*[@id=$id]", id=href[1:])
    assert len(targets) == 1, f"skip link target {href} not found once"
    assert targets[0].tag == "main"


@pytest.mark.parametrize("build", BUILDS)
def test_titles_are_unique_and_name_the_page(sites: dict[str, Path], build: str) -> None:
    titles: dict[str, str] = {}
    for path in page_paths(drafts="--drafts" in BUILDS[build]):
        doc = parse(sites[build] / path)
        title = text(doc.find(".//title"))
        h1 = text(doc.find(".//h1"))
        assert h1 in title, f"{path}: title {title!r} does not name the page ({h1!r})"
        assert title not in titles, f"{path} and {titles.get(title)} share the title {title!r}"
        titles[title] = path


@pytest.mark.parametrize(("build", "path"), PAGES, ids=PAGE_IDS)
def test_links_lead_somewhere(sites: dict[str, Path], build: str, path: str) -> None:
    """Fragment links (contents, notes, back links) land on an element; links within
    the site (reports, downloads, stylesheets) land on a file that was built."""
    site = sites[build]
    doc = parse(site / path)
    ids = {el.get("id") for el in doc.iter() if isinstance(el.tag, str) and el.get("id")}
    folder = posixpath.dirname(path)
    for el in doc.xpath("//a[@href] | //link[@href]"):
        href = el.get("href")
        parts = urlsplit(href)
        if parts.scheme or parts.netloc:
            continue
        if not parts.path:
            assert parts.fragment in ids, f"{href} points at no element"
            continue
        target = posixpath.normpath(posixpath.join(folder, parts.path))
        file = site / target
        if parts.path.endswith("/") or file.is_dir():
            file = file / "index.html"
        assert file.is_file(), f"{href} in {path} points at no built file"
        if parts.fragment and file.suffix == ".html":
            assert parse(file).xpath("//*[@id=$id]", id=parts.fragment), href
