"""The annual report as published: built from the example content with
`yjsreport build`, linked from the home page, checked in the browser with axe-core
and the Nu HTML Checker like the single reports, and its PDF read back for the
same PDF/UA-1 structure the single reports' PDFs have."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlparse

import lxml.html
import pikepdf
import pytest

from tests.browser import tools
from tests.browser.checkers import (
    chromium_browser,
    describe_violations,
    describe_vnu,
    run_axe,
    run_vnu,
)
from tests.browser.server import serve
from tests.conftest import ROOT, TEMPLATES
from tests.pdf_tree import is_struct, kids, struct_elements, walk
from tests.test_pdf import content_pages, role
from yjsreport.annual.pdf import print_html, write_annual_pdf
from yjsreport.annual.render import write_charts
from yjsreport.annual.site import load_annuals
from yjsreport.project import load_reports
from yjsreport.site.statement import load_statement

if TYPE_CHECKING:
    from playwright.sync_api import Browser

EXAMPLE = ROOT / "examples" / "annual"
PAGES = ("annual/2022/index.html", "index.html")
WIDTHS = (1280, 390)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example's site, built without PDFs in a scratch copy of what it reads."""
    project = tmp_path_factory.mktemp("annual-site")
    shutil.copytree(ROOT / "templates", project / "templates")
    shutil.copytree(ROOT / "content" / "frameworks", project / "content" / "frameworks")
    shutil.copytree(
        EXAMPLE,
        project / "examples" / "annual",
        symlinks=True,
        ignore=shutil.ignore_patterns("site"),
    )
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "yjsreport",
            "build",
            "--no-pdf",
            "--config",
            "examples/annual/mkdocs.yml",
        ],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return project / "examples" / "annual" / "site"


@pytest.fixture(scope="module")
def annual():  # type: ignore[no-untyped-def]
    content = EXAMPLE / "content"
    return load_annuals(content, load_reports(content), drafts=False)[0]


def test_home_page_links_the_annual_report(site: Path) -> None:
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="annual/2022/index.html"' in home
    page = (site / "annual" / "2022" / "index.html").read_text(encoding="utf-8")
    assert "<h1" in page and "Annual report 2022" in page
    for src in re.findall(r'<img src="([^"]+)"', page):
        assert (site / "annual" / "2022" / src).is_file(), src


def test_a_reinspection_is_told_apart_from_the_inspection_it_follows(site: Path) -> None:
    home = (site / "index.html").read_text(encoding="utf-8")
    listed = re.findall(r'<a href="inspections/(brindleholme-[^/]+)/index.html">([^<]+)</a>', home)
    assert dict(listed) == {
        "brindleholme-2022-reinspection": "Brindleholme Youth Offending Service (reinspection)",
        "brindleholme-2018": "Brindleholme Youth Offending Service",
    }
    titles = {
        slug: re.search(
            r'<h1 id="top">([^<]+)</h1>',
            (site / "inspections" / slug / "index.html").read_text(encoding="utf-8"),
        )
        for slug in dict(listed)
    }
    assert titles["brindleholme-2022-reinspection"] is not None
    assert titles["brindleholme-2018"] is not None
    assert titles["brindleholme-2022-reinspection"][1].startswith("A reinspection of ")
    assert titles["brindleholme-2018"][1].startswith("An inspection of ")


def test_the_accessibility_statement_lists_what_concerns_the_annual_report(site: Path) -> None:
    """The example holds an annual report and a reinspection: every known failure is
    listed, those that concern only such sites included."""
    page = lxml.html.parse(str(site / "accessibility" / "index.html")).getroot()
    body = " ".join(page.text_content().split())
    failures = load_statement(TEMPLATES).failures
    assert {f.only_where for f in failures} >= {"annual report", "reinspection"}
    for failure in failures:
        assert " ".join(failure.what.split()) in body, failure.what
    assert "This site is partially compliant" in body


def test_every_chart_has_a_title_a_text_alternative_and_a_table(site: Path) -> None:
    page = (site / "annual" / "2022" / "index.html").read_text(encoding="utf-8")
    figures = re.findall(r"<figure class=\"chart\".*?</figure>", page, re.S)
    assert len(figures) >= 8
    for figure in figures:
        assert re.search(r"<figcaption><strong>Figure \d+:</strong> \S", figure)
        alt = re.search(r'alt="([^"]+)"', figure)
        assert alt and "table that follows" in alt[1]
    for section in re.findall(r'<section class="exhibit".*?</section>', page, re.S):
        if "<figure" in section:
            assert "<table" in section, "a chart without its data as a table"


def test_charts_are_svg_without_script_and_reproducible(annual, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    first = write_charts(annual, tmp_path / "a")
    second = write_charts(annual, tmp_path / "b")
    assert [p.name for p in first] == [p.name for p in second]
    for a, b in zip(first, second, strict=True):
        text = a.read_text(encoding="utf-8")
        assert a.read_bytes() == b.read_bytes(), a.name
        assert text.lstrip().startswith("<?xml") and "<svg" in text
        assert "<script" not in text and "<dc:date>" not in text


def test_no_case_row_reaches_the_site(site: Path) -> None:
    """Case ids stand for children; nothing of a row may be published."""
    ids = set()
    for path in (EXAMPLE / "content" / "inspections").rglob("*.csv"):
        ids.update(line.split(",", 1)[0] for line in path.read_text().splitlines()[1:])
    assert ids
    pattern = re.compile("|".join(sorted(ids)))
    for path in site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".svg", ".json", ".csv", ".xml"):
            assert not pattern.search(path.read_text(encoding="utf-8")), path


def test_build_stops_on_an_annual_content_error(tmp_path: Path) -> None:
    """A bad reference in the annual narrative fails `yjsreport build` with its place,
    and nothing is written."""
    shutil.copytree(ROOT / "templates", tmp_path / "templates")
    shutil.copytree(ROOT / "content" / "frameworks", tmp_path / "content" / "frameworks")
    shutil.copytree(
        EXAMPLE,
        tmp_path / "examples" / "annual",
        symlinks=True,
        ignore=shutil.ignore_patterns("site"),
    )
    chapter = tmp_path / "examples/annual/content/annual/2022/chapters/06-resettlement.md"
    text = chapter.read_text(encoding="utf-8")
    chapter.write_text(text.replace("{{ 4.1.rated }}", "{{ 4.1.rated.total }}"), encoding="utf-8")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "yjsreport",
            "build",
            "--no-pdf",
            "--config",
            "examples/annual/mkdocs.yml",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 1
    assert "06-resettlement.md:5:119:" in done.stderr and "4.1.rated.total" in done.stderr
    assert not (tmp_path / "examples" / "annual" / "site").exists()


# -- in the browser --------------------------------------------------------------------


@pytest.fixture(scope="module")
def base_url(site: Path) -> Iterator[str]:
    with serve(site) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    tools.playwright_available()
    with chromium_browser(tools.chromium()) as launched:
        yield launched


@pytest.mark.browser
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", PAGES)
def test_axe_finds_no_violation(browser: Browser, base_url: str, path: str, width: int) -> None:
    page = browser.new_page(viewport={"width": width, "height": 900})
    try:
        response = page.goto(base_url + path, wait_until="load")
        assert response is not None and response.ok
        results = run_axe(page, tools.axe_script())
    finally:
        page.close()
    assert "target-size" in results["ran"] and "color-contrast" in results["ran"]
    assert results["violations"] == [], describe_violations(results["violations"])


@pytest.mark.browser
@pytest.mark.parametrize("path", PAGES)
def test_annual_page_reflows_at_320px_and_zooms(browser: Browser, base_url: str, path: str) -> None:
    """At 320 CSS pixels (1280 at 400% zoom) only the wide data tables scroll, each in
    its own focusable region; the page itself never scrolls sideways. The home page of
    the annual site (its table of 44 reports) reflows too."""
    page = browser.new_page(viewport={"width": 320, "height": 900})
    try:
        page.goto(base_url + path, wait_until="load")
        found: dict[str, Any] = page.evaluate(
            """() => ({
                width: document.documentElement.clientWidth,
                scroll: document.documentElement.scrollWidth,
                images: [...document.images].map((i) => i.getBoundingClientRect().width),
            })"""
        )
    finally:
        page.close()
    assert found["scroll"] <= found["width"]
    if path == PAGES[0]:  # the annual report's charts
        assert found["images"] and max(found["images"]) <= found["width"]


def _luminance(rgb: str) -> float:
    """WCAG relative luminance of a computed colour, 'rgb(11, 12, 12)'."""
    channels = [int(v) / 255 for v in re.findall(r"\d+", rgb)[:3]]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


@pytest.mark.browser
def test_keyboard_focus_on_a_table_region_stands_out_from_the_page(
    browser: Browser, base_url: str
) -> None:
    """WCAG 1.4.11: the outline round a focused table region has at least 3:1 contrast
    with the white page (a yellow outline alone had 1.35:1)."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        page.goto(base_url + PAGES[0], wait_until="load")
        for _ in range(300):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.classList.contains('table-scroll')"):
                break
        else:
            raise AssertionError("no table region takes keyboard focus")
        outline: dict[str, str] = page.evaluate(
            """() => {
                const s = getComputedStyle(document.activeElement);
                return {color: s.outlineColor, style: s.outlineStyle, width: s.outlineWidth};
            }"""
        )
    finally:
        page.close()
    assert outline["style"] == "solid" and float(outline["width"].removesuffix("px")) >= 2
    lighter, darker = 1.0, _luminance(outline["color"])  # against the white page
    assert (lighter + 0.05) / (darker + 0.05) >= 3, outline


@pytest.mark.browser
def test_nu_html_checker_finds_no_error(site: Path) -> None:
    files = [site / p for p in PAGES]
    messages = run_vnu(tools.java(), tools.vnu_jar(), files)
    by_file: dict[Path, list[dict[str, Any]]] = {}
    for message in messages:
        where = Path(unquote(urlparse(message.get("url", "")).path)).resolve()
        by_file.setdefault(where, []).append(message)
    assert not any(by_file.values()), describe_vnu([m for ms in by_file.values() for m in ms])


# -- the PDF ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def pdf(annual, tmp_path_factory: pytest.TempPathFactory) -> Path:  # type: ignore[no-untyped-def]
    target = tmp_path_factory.mktemp("annual-pdf") / "annual.pdf"
    write_annual_pdf(annual, TEMPLATES, target)
    return target


@pytest.mark.pdf
def test_pdf_metadata_and_structure(annual, pdf: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with pikepdf.open(pdf) as doc:
        assert str(doc.Root.Lang) == "en-GB"
        assert doc.Root.MarkInfo.Marked is True
        assert doc.open_metadata().get("pdfuaid:part") == "1"
        assert str(doc.docinfo.Title) == annual.source.meta.title
        elements = struct_elements(doc)
        roles = [role(e) for e in elements]
        assert roles.count("/H1") == 1 and "/H2" in roles and "/H3" in roles
        figures = [e for e in elements if role(e) == "/Figure"]
        html = print_html(annual, TEMPLATES, tmp_path)
        assert len(figures) == html.count("<img") >= 8
        for figure in figures:
            assert "table that follows" in str(figure.get("/Alt", ""))
        tables = [e for e in elements if role(e) == "/Table"]
        assert len(tables) == html.count("<table")
        for table in tables:
            groups = [role(k) for k in kids(table) if is_struct(k)]
            assert groups.count("/THead") <= 1
        ids = {str(e.ID) for e in elements if role(e) == "/TH"}
        for e in elements:
            if role(e) == "/TH":
                assert str(e.A.Scope) in ("/Row", "/Column")
            if role(e) == "/TD":
                assert set(str(h) for h in e.A.Headers) <= ids
            if role(e) == "/TR":
                assert len(content_pages(doc, e)) == 1, "a table row split across pages"
        for page in doc.pages:
            width, height = (float(v) for v in page.MediaBox[2:])
            assert (round(width), round(height)) == (595, 842)
        assert all(walk(t) for t in tables)


@pytest.mark.pdf
def test_pdf_opens_on_its_cover_with_the_running_header_after(annual, pdf: Path) -> None:  # type: ignore[no-untyped-def]
    import pypdf

    pages = [page.extract_text() for page in pypdf.PdfReader(pdf).pages]
    title = annual.source.meta.title
    assert "Annual report 2022" in pages[0] and "Period:" in pages[0]
    assert "Page 1 of" not in pages[0], "the cover carries no page number"
    assert title in pages[2] and "Page 3 of" in pages[2], "running header and page number"


@pytest.mark.pdf
def test_pdf_is_byte_identical_when_built_again_and_then_comes_from_the_cache(  # type: ignore[no-untyped-def]
    annual, pdf: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from yjsreport.pdf import pool
    from yjsreport.pdf.cache import PdfCache

    cache = PdfCache(tmp_path / "cache" / "pdf")
    again = tmp_path / "again.pdf"
    write_annual_pdf(annual, TEMPLATES, again, cache)  # made, and kept
    assert again.read_bytes() == pdf.read_bytes()
    assert list((cache.folder / "annual-2022").glob("*.pdf"))

    def no_render(job: object) -> None:
        raise AssertionError("the annual PDF was made again, not taken from the cache")

    monkeypatch.setattr(pool, "run_job", no_render)
    third = tmp_path / "third.pdf"
    write_annual_pdf(annual, TEMPLATES, third, cache)
    assert third.read_bytes() == pdf.read_bytes()
    # the charts it read stay beside the cache, so the print HTML names the same folder
    chart = cache.folder.parent / "annual-charts" / "2022" / "overall-by-year.svg"
    assert chart.is_file()
