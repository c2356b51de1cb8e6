"""The print PDF: layout facts and PDF/UA-1 structure, read back from the written file.

The Brackenmoor PDF and the draft's PDF are built once per session; every test reads
the real files with pikepdf or pypdf, so a change to the templates, the print CSS,
WeasyPrint or the tag repair that breaks a promise fails here.
"""

from __future__ import annotations

import itertools
import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pikepdf
import pypdf
import pytest

from tests.conftest import ROOT, TEMPLATES
from yjsreport.pdf.document import PdfError, print_html, render_pdf, write_pdf
from yjsreport.pdf.fetcher import ProjectFetcher, RefusedURL
from yjsreport.project import Report
from yjsreport.render.outline import outline
from yjsreport.render.report import report_title

PUBLISHED = "brackenmoor-2022"


@dataclass(frozen=True)
class Built:
    report: Report
    path: Path

    @property
    def reader(self) -> pypdf.PdfReader:
        return pypdf.PdfReader(self.path)

    def texts(self) -> list[str]:
        return [page.extract_text() for page in self.reader.pages]


@pytest.fixture(scope="session")
def draft_slug(reports: dict[str, Report]) -> str:
    drafts = [slug for slug, report in reports.items() if report.is_draft]
    assert drafts, "the example content needs a draft inspection"
    return drafts[0]


@pytest.fixture(scope="session")
def built(
    reports: dict[str, Report], draft_slug: str, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Built]:
    folder = tmp_path_factory.mktemp("pdf")
    out = {}
    for slug in sorted(reports):  # every example: layout faults show in some, not all
        target = folder / f"{slug}.pdf"
        write_pdf(reports[slug], TEMPLATES, target)
        out[slug] = Built(reports[slug], target)
    return out


@pytest.fixture(scope="session")
def published(built: dict[str, Built]) -> Built:
    return built[PUBLISHED]


@pytest.fixture(scope="session")
def draft(built: dict[str, Built], draft_slug: str) -> Built:
    return built[draft_slug]


# -- reading the structure tree ------------------------------------------------------


def _kids(element: pikepdf.Dictionary) -> list[object]:
    k = element.get("/K")
    if k is None:
        return []
    return list(k) if isinstance(k, pikepdf.Array) else [k]


def _is_struct(obj: object) -> bool:
    return isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/StructElem"


def walk(element: pikepdf.Dictionary) -> Iterator[pikepdf.Dictionary]:
    yield element
    for kid in _kids(element):
        if _is_struct(kid):
            yield from walk(kid)


def struct_elements(pdf: pikepdf.Pdf) -> list[pikepdf.Dictionary]:
    root = pdf.Root.StructTreeRoot
    return [e for top in _kids(root) for e in walk(top)]


def content_pages(pdf: pikepdf.Pdf, element: pikepdf.Dictionary) -> set[int]:
    """The pages (0-based) on which an element's marked content is drawn."""
    index = {page.objgen: i for i, page in enumerate(pdf.pages)}
    found: set[int] = set()

    def visit(e: pikepdf.Dictionary, page: object) -> None:
        page = e.get("/Pg", page)
        for kid in _kids(e):
            if isinstance(kid, int):
                found.add(index[page.objgen])
            elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR":
                found.add(index[kid.get("/Pg", page).objgen])
            elif _is_struct(kid):
                visit(kid, page)

    visit(element, element.get("/Pg"))
    return found


def role(element: pikepdf.Dictionary) -> str:
    return str(element.S)


def normal(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


# -- document-level facts ------------------------------------------------------------


def test_metadata_for_pdf_ua(published: Built) -> None:
    with pikepdf.open(published.path) as pdf:
        assert str(pdf.Root.Lang) == "en-GB"
        assert str(pdf.docinfo.Title) == report_title(published.report)
        assert pdf.Root.ViewerPreferences.DisplayDocTitle is True
        assert pdf.Root.MarkInfo.Marked is True
        meta = pdf.open_metadata()
        assert meta.get("pdfuaid:part") == "1"
        assert meta.get("dc:title") == report_title(published.report)
        assert str(pdf.docinfo.CreationDate).startswith("D:20220215")


def test_a4_pages(published: Built) -> None:
    with pikepdf.open(published.path) as pdf:
        for page in pdf.pages:
            width, height = (float(v) for v in page.MediaBox[2:])
            assert (round(width), round(height)) == (595, 842)  # A4 in points


def test_every_font_is_embedded_dejavu(published: Built) -> None:
    with pikepdf.open(published.path) as pdf:
        fonts = {}
        for page in pdf.pages:
            for font in page.Resources.Font.values():
                fonts[font.objgen] = font
        assert fonts
        for font in fonts.values():
            descendants = font.get("/DescendantFonts", [font])
            for part in descendants:
                descriptor = part.FontDescriptor
                assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), (
                    f"{part.BaseFont} is not embedded"
                )
                assert "DejaVu" in str(part.BaseFont), f"unexpected font {part.BaseFont}"


# -- bookmarks, contents, page numbers -----------------------------------------------


def test_bookmarks_mirror_the_outline(published: Built) -> None:
    expected = [(s.title, s.level - 1) for s in outline(published.report)]
    found: list[tuple[str, int]] = []

    def flatten(items: list[pikepdf.OutlineItem], level: int) -> None:
        for item in items:
            found.append((item.title, level))
            flatten(item.children, level + 1)

    with pikepdf.open(published.path) as pdf, pdf.open_outline() as tree:
        flatten(tree.root, 1)
    assert found == expected


def test_contents_page_numbers_are_the_pages_headings_land_on(published: Built) -> None:
    reader = published.reader
    destinations = reader.named_destinations
    texts = published.texts()
    contents = normal(texts[1])
    assert contents.startswith("Contents")
    sections = outline(published.report)
    for section in sections:
        match = re.search(re.escape(section.title) + r" [. ]*?(\d+)(?: |$)", contents)
        assert match, f"{section.title!r} missing from the contents page"
        printed = int(match.group(1))
        landed = reader.get_destination_page_number(destinations[section.id]) + 1
        assert printed == landed, section.title
        assert section.title in normal(texts[landed - 1]), f"{section.title} not on {landed}"
    numbers = [reader.get_destination_page_number(destinations[s.id]) for s in sections]
    assert numbers == sorted(numbers)


def test_footer_and_running_header(published: Built) -> None:
    texts = published.texts()
    total = len(texts)
    assert "Page 1 of" not in texts[0]  # the cover has no footer
    for number, text in enumerate(texts[1:], start=2):
        assert f"Page {number} of {total}" in text
        assert "Inspection of youth offending services: Brackenmoor YOT" in text


def test_cover(published: Built) -> None:
    cover = normal(published.texts()[0])
    assert "HM Inspectorate of Probation" in cover
    assert "An inspection of youth offending services in Brackenmoor" in cover
    assert "February 2022" in cover


def test_draft_mark_on_every_page_of_a_draft_only(published: Built, draft: Built) -> None:
    draft_texts = draft.texts()
    assert len(draft_texts) > 3
    assert all("DRAFT" in text for text in draft_texts)
    assert not any("DRAFT" in text for text in published.texts())


# -- structure tree -------------------------------------------------------------------


def test_structure_tree_roles(published: Built) -> None:
    with pikepdf.open(published.path) as pdf:
        roles = [role(e) for e in struct_elements(pdf)]
        for needed in ("/Document", "/H1", "/H2", "/H3", "/Table", "/TH", "/TD", "/Note"):
            assert needed in roles, needed
        assert roles.count("/Art") == 1  # one article, not one per page
        assert roles.count("/H1") == 1
        for element in struct_elements(pdf):
            if role(element) == "/Figure":
                assert str(element.get("/Alt", "")).strip(), "a figure without alt text"


def test_one_table_element_per_html_table(published: Built) -> None:
    html = print_html(published.report, TEMPLATES)
    with pikepdf.open(published.path) as pdf:
        tables = [e for e in struct_elements(pdf) if role(e) == "/Table"]
        assert len(tables) == html.count("<table")
        crossing = [t for t in tables if len(content_pages(pdf, t)) > 1]
        assert crossing, "expected an annexe table that crosses a page"
        for table in tables:
            groups = [role(k) for k in _kids(table) if _is_struct(k)]
            assert groups.count("/THead") <= 1, "repeated header rows tagged again"


def test_header_cells_have_scope_and_data_cells_headers(published: Built) -> None:
    with pikepdf.open(published.path) as pdf:
        ids = set()
        for element in struct_elements(pdf):
            if role(element) == "/TH":
                assert str(element.A.Scope) in ("/Row", "/Column")
                ids.add(str(element.ID))
        for element in struct_elements(pdf):
            if role(element) == "/TD":
                headers = [str(h) for h in element.A.Headers]
                assert headers and set(headers) <= ids
        # The data annexe: a prompt's figure is labelled by its key question (the row
        # group), its prompt (the row) and its column.
        annexe = next(
            e
            for e in struct_elements(pdf)
            if role(e) == "/Table" and len(content_pages(pdf, e)) > 1
        )
        cells = [e for e in walk(annexe) if role(e) == "/TD"]
        assert max(len(e.A.Headers) for e in cells) == 3


@pytest.mark.parametrize("slug", ["brackenmoor-2022", "fenwold-2020", "kestrel-vale-2026"])
def test_rows_never_split_nor_parted_from_their_group_header(
    built: dict[str, Built], slug: str
) -> None:
    with pikepdf.open(built[slug].path) as pdf:
        for element in struct_elements(pdf):
            if role(element) == "/TR":
                assert len(content_pages(pdf, element)) == 1, f"a table row split in {slug}"
            if role(element) == "/TBody":  # a key question row stays with its first prompt
                rows = [k for k in _kids(element) if _is_struct(k)]
                if len(rows) > 1:
                    assert content_pages(pdf, rows[0]) == content_pages(pdf, rows[1])


def test_table_headers_repeat(published: Built) -> None:
    texts = published.texts()
    with pikepdf.open(published.path) as pdf:
        crossing = [
            e
            for e in struct_elements(pdf)
            if role(e) == "/Table" and len(content_pages(pdf, e)) > 1
        ]
        assert crossing
        for table in crossing:  # the annexe tables: every page shows the header row
            for page in sorted(content_pages(pdf, table)):
                assert "Cases in the sample Judged ‘Yes’ % ‘Yes’" in normal(texts[page]), page + 1


def test_headings_are_kept_with_what_follows(published: Built) -> None:
    with pikepdf.open(published.path) as pdf:
        for parent in struct_elements(pdf):
            kids = [k for k in _kids(parent) if _is_struct(k)]
            for heading, following in itertools.pairwise(kids):
                if role(heading) in ("/H2", "/H3", "/H4"):
                    (page,) = content_pages(pdf, heading)
                    assert page in content_pages(pdf, following), (
                        f"heading on page {page + 1} is parted from what follows"
                    )


def test_footnotes_sit_on_the_page_of_their_reference(published: Built) -> None:
    html = print_html(published.report, TEMPLATES)
    notes_html = re.findall(r'<span class="footnote">(.*?)</span>', html)
    texts = [normal(t) for t in published.texts()]
    with pikepdf.open(published.path) as pdf:
        pairs = []
        for parent in struct_elements(pdf):
            kids = [k for k in _kids(parent) if _is_struct(k)]
            for call, note in itertools.pairwise(kids):
                if role(call) == "/Reference" and role(note) == "/Note":
                    pairs.append((content_pages(pdf, call), content_pages(pdf, note)))
        notes = [e for e in struct_elements(pdf) if role(e) == "/Note"]
        assert len(notes) == len(pairs) == len(notes_html) > 0
        assert len({str(n.ID) for n in notes}) == len(notes)
        for number, ((call_pages, note_pages), text) in enumerate(
            zip(pairs, notes_html, strict=True), start=1
        ):
            assert len(call_pages) == 1
            assert note_pages == call_pages, f"note {number} is not on its reference's page"
            (page,) = call_pages
            start = normal(re.sub(r"<[^>]+>", "", text)).replace("&amp;", "&")[:30]
            assert f"{number}. {start}" in texts[page], number


def test_marked_content_is_in_the_tree_or_an_artifact(published: Built) -> None:
    with pikepdf.open(published.path) as pdf:
        reachable = {e.objgen for e in struct_elements(pdf)}
        nums = pdf.Root.StructTreeRoot.ParentTree.Nums
        parents = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
        for index, page in enumerate(pdf.pages):
            mapping = parents[int(page.StructParents)]
            artifacts = 0
            for operands, operator in pikepdf.parse_content_stream(page):
                if str(operator) == "BDC" and str(operands[0]) != "/Artifact":
                    mcid = int(operands[1].MCID)
                    assert mapping[mcid].objgen in reachable, (index, mcid)
                elif str(operator) in ("BDC", "BMC") and str(operands[0]) == "/Artifact":
                    artifacts += 1
            assert artifacts, f"page {index + 1}: no artifacts (page number, header)"
        for annotation in (a for page in pdf.pages for a in page.get("/Annots", [])):
            if annotation.Subtype == "/Link":
                assert parents[int(annotation.StructParent)].objgen in reachable


# -- reproducibility and the fetcher -------------------------------------------------


def test_two_builds_are_byte_identical(published: Built, tmp_path: Path) -> None:
    again = tmp_path / "again.pdf"
    subprocess.run(
        [sys.executable, "-m", "yjsreport", "pdf", PUBLISHED, "-o", str(again)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    assert again.read_bytes() == published.path.read_bytes()


def test_fetcher_serves_project_files_only(tmp_path: Path) -> None:
    fetcher = ProjectFetcher([TEMPLATES])
    css = TEMPLATES / "print" / "print.css"
    response = fetcher.fetch(css.as_uri())
    assert response.read() == css.read_bytes()
    assert response.content_type == "text/css"
    outside = tmp_path / "secret.css"
    outside.write_text("p { color: red }")
    escape = TEMPLATES.as_uri() + "/../pyproject.toml"
    for url in (
        "http://example.com/x.css",
        "https://example.com/x.png",
        outside.as_uri(),
        escape,
        "data:text/css,p{}",
        "file:///etc/hostname",
    ):
        with pytest.raises(RefusedURL, match="refused"):
            fetcher.fetch(url)


def test_rendering_stops_on_a_refused_url(reports: dict[str, Report]) -> None:
    html = (
        '<html lang="en-GB"><head><title>t</title>'
        '<link rel="stylesheet" href="http://example.com/x.css"></head><body><p>x</p></body></html>'
    )
    fetcher = ProjectFetcher([TEMPLATES])
    with pytest.raises(PdfError, match=r"http://example\.com/x\.css"):
        render_pdf(html, TEMPLATES, fetcher, b"test")
