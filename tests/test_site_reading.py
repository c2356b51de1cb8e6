"""What a reader of the built site meets beyond the checkers: the accessibility
statement on every page, downloads described from the real files, names that notes do
not change, explicit headers for grouped rows, and no draft called published."""

from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest
from lxml.html import HtmlElement

from tests.browser.pages import parse, text
from tests.browser.project import BUILDS, built_site, page_paths
from yjsreport.pdf.info import page_count
from yjsreport.render.downloads_info import describe, human_size

NOTE_REF = './/*[contains(concat(" ", @class, " "), " note-ref ")]'
TABLES = '//table[@class="data-table" or @class="ratings-table"]'


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built_site(tmp_path_factory, *BUILDS["published"])


@pytest.fixture(scope="module")
def drafts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built_site(tmp_path_factory, *BUILDS["drafts"])


def report_pages(site: Path) -> list[HtmlElement]:
    """The reports' own pages (not the data annexes and glossaries beside some of them)."""
    return [
        parse(site / path)
        for path in page_paths(drafts=False)
        if path.startswith("inspections/") and path.count("/") == 2
    ]


def test_every_page_links_to_the_accessibility_statement(published: Path) -> None:
    statement = published / "accessibility" / "index.html"
    for path in page_paths(drafts=False):
        doc = parse(published / path)
        links = {text(a): a.get("href") for a in doc.xpath("//footer//a")}
        for name in ("Accessibility statement", "Ask for a report in another format"):
            href = links[name].split("#")[0]
            assert ((published / path).parent / href).resolve() == statement  # a file, not a folder
        assert links["Ask for a report in another format"].endswith("#another-format")


def test_the_statement_says_how_to_ask_for_another_format(published: Path) -> None:
    doc = parse(published / "accessibility/index.html")
    (section,) = doc.xpath('//h2[@id="another-format"]')
    assert text(section) == "Asking for a report in another format"
    mail = doc.xpath('//a[starts-with(@href, "mailto:")]')
    assert mail and "@" in mail[0].get("href")
    assert "Enforcement procedure" in [text(h) for h in doc.xpath("//h2")]


def test_a_heading_with_a_note_is_named_by_its_words(published: Path) -> None:
    found = 0
    for doc in report_pages(published):
        for heading in doc.xpath("//h2 | //h3 | //h4"):
            if not heading.xpath(NOTE_REF):
                continue
            found += 1
            (label,) = doc.xpath(f'//*[@id="{heading.get("aria-labelledby")}"]')
            assert label.getparent() is heading
            assert not label.xpath(NOTE_REF)
            # the name is the heading's words, whatever the layout calls it, without the mark
            words = "".join(heading.itertext())
            mark = "".join("".join(m.itertext()) for m in heading.xpath(NOTE_REF))
            assert text(label) == " ".join(words.removesuffix(mark).split()) != ""
    assert found


def test_no_row_header_holds_a_note_mark(published: Path) -> None:
    docs = report_pages(published)
    for doc in docs:
        assert not doc.xpath("//th" + NOTE_REF[1:])
    # the marks follow the figures instead (the short format has no tables with notes)
    assert any(doc.xpath("//td" + NOTE_REF[1:]) for doc in docs)


def test_grouped_rows_name_their_headers_explicitly(published: Path) -> None:
    for doc in report_pages(published):
        tables = doc.xpath(TABLES)
        assert tables
        for table in tables:
            ids = {th.get("id"): th for th in table.iter("th") if th.get("id")}
            for cell in table.iter("td"):
                headers = (cell.get("headers") or "").split()
                assert headers, lxml.html.tostring(cell)[:80]
                assert set(headers) <= set(ids), headers
                group = cell.getparent().getparent()
                rowgroup = [th for th in group.iter("th") if th.get("scope") == "rowgroup"]
                if rowgroup and rowgroup[0].getparent() is not cell.getparent():
                    assert rowgroup[0].get("id") in headers


def test_the_home_page_does_not_call_a_draft_published(drafts: Path) -> None:
    doc = parse(drafts / "index.html")
    (table,) = doc.xpath('//table[@class="reports-table"]')
    assert "Published" not in [text(th) for th in table.xpath("thead//th")]
    rows = [row for row in table.xpath("tbody/tr") if row.xpath('.//*[@class="draft-tag"]')]
    assert rows
    for row in rows:
        assert text(row.xpath("td")[0]).startswith("Planned for ")


def test_human_sizes_read_as_gov_uk_writes_them() -> None:
    assert human_size(900) == "900 bytes"
    assert human_size(3300) == "3.22 KB"
    assert human_size(245_320) == "240 KB"
    assert human_size(2_500_000) == "2.38 MB"
    assert describe("pdf", b"x" * 2048, 1) == "PDF, 2 KB, 1 page"


@pytest.mark.pdf
def test_downloads_are_described_from_the_real_files(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    site = built_site(tmp_path_factory, *BUILDS["with-pdf"])
    for path in page_paths(drafts=True):
        if not (path.startswith("inspections/") and path.count("/") == 2):
            continue  # the reports' own pages
        doc = parse(site / path)
        items = doc.xpath('//ul[@class="downloads"]/li')
        # the PDF, the two CSVs and their workbooks, the JSON and the data package
        assert len(items) == 7
        for item in items:
            link = item.xpath("a")[0]
            if link.get("href") == "datapackage.json":
                continue  # described by what it is, not by its size
            data = (site / path).parent.joinpath(link.get("href")).read_bytes()
            kind = link.get("href").rsplit(".", 1)[-1]
            pages = page_count(data) if kind == "pdf" else None
            assert text(item.xpath('*[@class="download-meta"]')[0]) == describe(kind, data, pages)
        assert "pages" in text(items[0])
