"""The annual report as published: built from the example content with
`yjsreport build`, linked from the home page, checked in the browser with axe-core
and the Nu HTML Checker like the single reports, and its PDF read back for the
same PDF/UA-1 structure the single reports' PDFs have."""

from __future__ import annotations

import math
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
from tests.browser.project import ANNUAL_EXAMPLE, built_annual_project
from tests.browser.server import serve
from tests.conftest import ROOT, TEMPLATES
from tests.example_pdfs import AnnualPdf
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
    return built_annual_project(tmp_path_factory) / ANNUAL_EXAMPLE / "site"


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
    assert {f.only_where for f in failures} - {None} <= {"annual report", "reinspection"}
    for failure in failures:
        assert " ".join(failure.what.split()) in body, failure.what
    assert "This site is partially compliant" in body


def test_every_chart_has_a_title_a_text_alternative_and_its_own_tables(site: Path) -> None:
    """A chart's text alternative says what it shows, not its caption again, and names
    the tables of its figures, which the figure links to: where an exhibit has several
    charts, each names its own (the key questions: a table per framework version)."""
    page = lxml.html.parse(str(site / "annual" / "2022" / "index.html")).getroot()
    figures = page.xpath("//figure[@class='chart']")
    assert len(figures) >= 8
    named_twice = False
    for figure in figures:
        caption = " ".join(figure.find("figcaption").text_content().split())
        message = caption.split(": ", 1)[1]
        alt = figure.find("img").get("alt")
        assert re.match(r"Figure \d+: \S", caption)
        assert message not in alt and "table that follows" not in alt, alt
        assert alt.startswith(("Bar chart of ", "Line chart of ")), alt
        links = figure.xpath(".//p[@class='chart-data']/a")
        assert links, caption
        numbers = [link.get("href").removeprefix("#table-") for link in links]
        listed = " and ".join([", ".join(numbers[:-1]), numbers[-1]] if numbers[:-1] else numbers)
        assert alt.endswith(f"are in {'table' if len(numbers) == 1 else 'tables'} {listed}."), alt
        named_twice |= len(numbers) > 1
        (section,) = figure.xpath("ancestor::section[@class='exhibit']")
        for n in numbers:  # the table is the exhibit's own, with that number
            (table,) = page.xpath(f"//table[@id='table-{n}']")
            assert table.xpath("ancestor::section[@class='exhibit']")[0] is section
            assert table.find("caption").text_content().startswith(f"Table {n}: ")
    assert named_twice
    # a key-question chart of one stage of work names the table of that stage only; the
    # court and out-of-court trends are exhibits of their own, in their own chapters
    court, out_of_court = (
        page.xpath(f"//section[@aria-labelledby='exhibit-trend-key-questions-{sample}']")
        for sample in ("court", "out-of-court")
    )
    assert len(court) == len(out_of_court) == 1
    assert (
        court[0].xpath("ancestor::section")[0] is not out_of_court[0].xpath("ancestor::section")[0]
    )
    for sample, section in (("court", court[0]), ("out-of-court", out_of_court[0])):
        figures = section.xpath(".//figure")
        assert len(figures) >= 3
        for figure in figures:
            (link,) = figure.xpath(".//p[@class='chart-data']/a")
            table = page.xpath(f"//*[@id='{link.get('href')[1:]}']")[0]
            title = figure.find("figcaption").text_content().split(": ", 1)[1]
            stage = title.split(",", 1)[0].split(" (", 1)[0]
            caption = table.find("caption").text_content().split(": ", 1)[1]
            assert caption.startswith(f"{stage} ({sample} cases)")
            # the table follows its own chart, before the next chart
            following = figure.xpath("following::*[self::figure or self::table][1]")
            assert following == [table]


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


@pytest.mark.browser
def test_a_table_region_is_a_tab_stop_only_where_it_scrolls(
    browser: Browser, base_url: str
) -> None:
    """A region whose table fits is neither a tab stop nor a named landmark; one that
    scrolls is both, and turning the window narrow makes the wide tables tab stops."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    read = """() => [...document.querySelectorAll('.table-scroll')].map((r) => ({
        scrolls: r.scrollWidth > r.clientWidth,
        tabindex: r.getAttribute('tabindex'),
        role: r.getAttribute('role'),
        name: r.getAttribute('aria-label'),
    }))"""
    try:
        page.goto(base_url + PAGES[0], wait_until="load")
        wide = page.evaluate(read)
        page.set_viewport_size({"width": 320, "height": 900})
        page.wait_for_timeout(200)  # the resize is handled on the next frame
        narrow = page.evaluate(read)
    finally:
        page.close()
    for regions in (wide, narrow):
        assert len(regions) >= 20
        for r in regions:
            stop = (r["tabindex"], r["role"], bool(r["name"]))
            assert stop == (("0", "region", True) if r["scrolls"] else (None, None, False)), r
    assert sum(r["scrolls"] for r in wide) < len(wide) / 4
    assert sum(r["scrolls"] for r in narrow) > sum(r["scrolls"] for r in wide)


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
def pdf(annual, annual_pdfs: dict[Path, list[AnnualPdf]]) -> Path:  # type: ignore[no-untyped-def]
    """The example's annual report as PDF, written once per session."""
    (made,) = [a for a in annual_pdfs[EXAMPLE / "content"] if a.annual.year == annual.year]
    return made.path


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
        alts = [str(figure.get("/Alt", "")) for figure in figures]
        assert sorted(alts) == sorted(lxml.html.fromstring(html).xpath("//img/@alt"))
        charts = [alt for alt in alts if alt.startswith(("Bar chart", "Line chart"))]
        # and the chapter's process diagram, and the map of the services tagged with
        # its text alternative from the ratings
        assert len(charts) == len(alts) - 2
        assert sum(alt.startswith("A map of the 33 services inspected") for alt in alts) == 1
        for alt in charts:
            # an exhibit's chart names its numbered tables; a statistic's, the one after it
            assert re.search(r"\. Its figures are in (tables? \d+|the table after it)", alt)
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
        for page in doc.pages:  # A4, turned for the wide ratings matrix only
            width, height = (float(v) for v in page.MediaBox[2:])
            assert {round(width), round(height)} == {595, 842}
        assert all(walk(t) for t in tables)


def _sizes(pdf: Path) -> list[tuple[int, float, str]]:
    """(page index, size in points, text) of every run of text the PDF draws."""
    import pypdf

    found: list[tuple[int, float, str]] = []
    for index, page in enumerate(pypdf.PdfReader(pdf).pages):

        def visit(text: str, cm: Any, tm: Any, font: Any, size: float, i: int = index) -> None:
            if text.strip():
                scale = math.hypot(tm[2], tm[3]) * math.hypot(cm[2], cm[3])
                found.append((i, size * scale, text))

        page.extract_text(visitor_text=visit)
    return found


@pytest.mark.pdf
def test_pdf_sets_no_text_under_9pt_and_chart_text_is_text(pdf: Path) -> None:
    """Tables, notes and charts alike are 9pt or more (the tables were 7 to 7.7pt);
    a chart's words are text a reader can select and search, not outlines."""
    sizes = _sizes(pdf)
    small = [(page + 1, round(size, 1), text) for page, size, text in sizes if size < 8.95]
    # a note call (the raised number of a source note) is the only smaller text
    assert not [s for s in small if not s[2].isdigit()], small[:10]
    text = " ".join(t for _, _, t in sizes)
    assert "Number of services" in text  # a chart's axis title
    assert "Cases judged sufficient (%)" in text


@pytest.mark.pdf
def test_pdf_sets_the_wide_matrix_landscape_and_continues_a_split_tables_caption(  # type: ignore[no-untyped-def]
    annual, pdf: Path
) -> None:
    import pypdf

    reader = pypdf.PdfReader(pdf)
    pages = [" ".join(page.extract_text().split()) for page in reader.pages]
    turned = [
        i for i, page in enumerate(reader.pages) if page.mediabox.width > page.mediabox.height
    ]
    matrix, number = next(
        (i, m[1])
        for i, text in enumerate(pages)
        if (m := re.search(r"(Table \d+): Inspection ratings", text))
    )
    assert matrix in turned and all(i in turned or i < matrix for i in range(matrix, turned[-1]))
    # Every page a table runs on to is headed by its caption with "(continued)", and no
    # page where a table starts calls it continued.
    continued = [
        (i, m[1])
        for i, text in enumerate(pages)
        for m in re.finditer(r"(Table \d+): ", text)
        if f"{m[1]}: " in text and "(continued)" in text[m.end() : m.end() + 160]
    ]
    assert any(n == number for _, n in continued), "the matrix runs on to a second page"
    for i, n in continued:
        assert pages[i].count(f"{n}: ") == 1 and n in " ".join(pages[:i]), (i, n)


@pytest.mark.pdf
def test_pdf_bookmarks_follow_the_contents_to_its_second_level(
    annual, pdf: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """Each chapter is a bookmark and each exhibit heading one under it, as the printed
    contents lists them."""
    import pypdf

    reader = pypdf.PdfReader(pdf)
    outline = [
        (item.title, [child.title for child in reader.outline[i + 1]])
        if i + 1 < len(reader.outline) and isinstance(reader.outline[i + 1], list)
        else (item.title, [])
        for i, item in enumerate(reader.outline)
        if not isinstance(item, list)
    ]
    page = lxml.html.fromstring(print_html(annual, TEMPLATES, tmp_path))
    contents = [
        (
            " ".join(li.find("a").text_content().split()),
            [" ".join(a.text_content().split()) for a in li.xpath("./ol/li/a")],
        )
        for li in page.xpath("//nav[@class='print-contents']/ol/li")
    ]
    assert outline == contents
    assert sum(len(children) for _, children in contents) >= 15


@pytest.mark.pdf
def test_pdf_prints_the_signatory_at_the_end_of_the_opening_chapter(annual, pdf: Path) -> None:  # type: ignore[no-untyped-def]
    import pypdf

    signed = annual.source.meta.signed_by
    text = "\n".join(page.extract_text() for page in pypdf.PdfReader(pdf).pages)
    at = text.index(f"{signed.name}\n{signed.role}")
    opening, second = (c.meta.title for c in annual.source.chapters[:2])
    listed = text.index(second)  # in the contents, after the opening chapter's entry
    assert listed < text.rindex(opening, 0, at) < at < text.index(second, at)


@pytest.mark.pdf
def test_pdf_opens_on_its_cover_with_the_running_header_after(annual, pdf: Path) -> None:  # type: ignore[no-untyped-def]
    import pypdf

    reader = pypdf.PdfReader(pdf)  # only the two pages asserted on: pypdf is slow per page
    cover, third = (reader.pages[i].extract_text() for i in (0, 2))
    title = annual.source.meta.title
    assert "Annual report 2022" in cover and "Period:" in cover
    assert "Page 1 of" not in cover, "the cover carries no page number"
    assert title in third and "Page 3 of" in third, "running header and page number"


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
    chart = cache.folder.parent / "annual-charts" / "2022" / "trend-overall.svg"
    assert chart.is_file()
