"""No case id and no case row ever reaches the built site: case records are about
children and are never published. Every file is searched (pages, downloads, sitemaps,
and the PDFs' text, metadata and streams), in a build with drafts and PDFs, which is
everything the tool can write."""

from __future__ import annotations

import csv
import gzip
import html
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pikepdf
import pytest
from pypdf import PdfReader

from tests.browser.project import CONTENT, built_site

SPACE = re.compile(r"\s+")


def case_files() -> list[Path]:
    return sorted(CONTENT.glob("inspections/*/cases/*.csv"))


def case_records() -> tuple[set[str], set[str]]:
    """Every case id (a CSV's first column) and every case row, in the forms a leak
    could take: the line as written, and the row's answers without its id."""
    ids: set[str] = set()
    rows: set[str] = set()
    for path in case_files():
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.reader(handle)
            next(reader)
            for row in reader:
                if not row or not row[0].strip():
                    continue
                ids.add(row[0].strip())
                rows.add(",".join(row))
                if len(row) > 2:
                    rows.add(",".join(row[1:]))
    return ids, rows


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built_site(tmp_path_factory, "--drafts")


def squash(text: str) -> str:
    """Case-folded, white space removed: an id split over a line or cased differently
    still matches."""
    return SPACE.sub("", html.unescape(text)).casefold()


def pdf_texts(path: Path) -> Iterator[str]:
    """What a PDF holds as text: its pages' text, its metadata, every string in it
    (alternative text, bookmarks, structure), and its decompressed streams."""
    reader = PdfReader(path)
    for page in reader.pages:
        yield page.extract_text() or ""
    with pikepdf.open(path) as pdf:
        yield str(pdf.docinfo)
        with pdf.open_metadata() as meta:
            yield str(meta)
        for obj in pdf.objects:
            yield from _strings(obj)
            if isinstance(obj, pikepdf.Stream):
                try:
                    yield obj.read_bytes().decode("latin-1")
                except pikepdf.PdfError:
                    yield obj.read_raw_bytes().decode("latin-1")


def _strings(obj: object, nested: bool = False) -> Iterator[str]:
    """The strings in one object; objects it refers to are visited in their own turn."""
    if nested and isinstance(obj, pikepdf.Object) and obj.is_indirect:
        return
    if isinstance(obj, pikepdf.String):
        yield str(obj)
    elif isinstance(obj, pikepdf.Array):
        for item in obj:
            yield from _strings(item, True)
    elif isinstance(obj, pikepdf.Dictionary | pikepdf.Stream):
        for key in obj.keys():  # noqa: SIM118 - pikepdf objects are not plain mappings
            yield from _strings(obj.get(key), True)


def file_texts(path: Path) -> Iterator[str]:
    data = path.read_bytes()
    yield data.decode("utf-8", errors="replace")
    if path.suffix == ".gz":
        yield gzip.decompress(data).decode("utf-8", errors="replace")
    if path.suffix == ".pdf":
        yield from pdf_texts(path)
    if path.suffix == ".xlsx":  # a zip of XML parts: every cell and property, unzipped
        with zipfile.ZipFile(path) as archive:
            for name in archive.namelist():
                yield archive.read(name).decode("utf-8", errors="replace")


def test_the_example_content_has_case_records() -> None:
    """Without case rows the search below would prove nothing."""
    ids, rows = case_records()
    assert len(ids) >= 10 and rows


def test_site_has_pdfs_and_downloads(site: Path) -> None:
    suffixes = {p.suffix for p in site.rglob("*") if p.is_file()}
    assert {".html", ".json", ".csv", ".xlsx", ".pdf"} <= suffixes


def test_no_case_id_or_row_is_published(site: Path) -> None:
    ids, rows = case_records()
    wanted = {squash(i): i for i in ids} | {squash(r): r for r in rows}
    leaks: list[str] = []
    files = sorted(p for p in site.rglob("*") if p.is_file())
    for path in files:
        found = "\n".join(squash(text) for text in file_texts(path))
        leaks.extend(
            f"{path.relative_to(site)}: {original}"
            for needle, original in wanted.items()
            if needle in found
        )
    assert not leaks, "case records published:\n" + "\n".join(sorted(set(leaks))[:20])
