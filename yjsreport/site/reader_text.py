"""The text a reader can get from a published file: what a page shows, its attribute
values (alternative text, titles, link addresses, percent-decoded), its comments and
scripts, every string of a JSON download, every cell of a workbook, a PDF's text as
extracted from the PDF itself (with its metadata, bookmarks, link addresses and
alternative texts), and the text a chart draws as glyph outlines.

Markup between the letters of a word does not split it (`BRK-<strong>C01</strong>`
reads as one word); any other tag (a paragraph, a table cell, a line break) does.
"""

from __future__ import annotations

import contextlib
import gzip
import html
import io
import json
import re
import zipfile
import zlib
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import unquote

# Phrasing elements: they do not break a word in two where they start or end.
_INLINE = frozenset(
    {"a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "del", "dfn", "em", "i", "ins"}
    | {"kbd", "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u"}
    | {"var", "wbr", "font"}
)
_MARKUP_SUFFIXES = frozenset({".html", ".htm", ".xml", ".svg", ".xhtml"})
_BINARY_SUFFIXES = frozenset(
    {".png", ".jpg", ".jpeg", ".gif", ".webp", ".ico", ".woff", ".woff2", ".ttf", ".otf"}
)


_HIDDEN = re.compile(r"<!--(.*?)-->|<!\[CDATA\[(.*?)\]\]>", re.S)
_INLINE_TAG = re.compile(rf"</?(?:{'|'.join(sorted(_INLINE))})\b[^>]*>", re.I)
_TAG = re.compile(r"<[^>]*>")
_ATTRIBUTE = re.compile(r"""[^\s=/<>]+\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")


def markup_texts(markup: str) -> list[str]:
    """The readable pieces of an HTML, SVG or XML document: the text between tags
    (an inline element's tags do not split it), each attribute value as written and
    percent-decoded, comments and CDATA. Regular expressions rather than a parser:
    the pages are written by our own templates, and it is many times faster."""
    markup = _HIDDEN.sub(lambda m: f"<br>{m[1] or m[2] or ''}<br>", markup)
    tags = "\n".join(_TAG.findall(markup))
    values = [html.unescape(a or b or c) for a, b, c in _ATTRIBUTE.findall(tags)]
    text = html.unescape(_TAG.sub("\n", _INLINE_TAG.sub("", markup)))
    decoded = [fully_unquoted(v) for v in values if "%" in v]
    return [text, *values, *decoded]


def fully_unquoted(text: str) -> str:
    """Percent-decoded until nothing changes: an address encoded twice (`%252D`) reads
    as '-' to whatever decodes it twice, so the search reads it so too."""
    for _ in range(8):
        decoded = unquote(text)
        if decoded == text:
            break
        text = decoded
    return text


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield str(key)
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def data_texts(text: str, suffix: str) -> list[str]:
    """The readable pieces of a published file's text, by its kind."""
    if suffix == ".svg":
        return [*markup_texts(text), *drawn_texts(text)]
    if suffix in _MARKUP_SUFFIXES:
        return markup_texts(text)
    pieces = [text]
    if suffix == ".json":
        with contextlib.suppress(ValueError):
            pieces.extend(_strings(json.loads(text)))
    decoded = fully_unquoted(text)
    if decoded != text:
        pieces.append(decoded)
    return pieces


_PRINTABLE_RUN = re.compile(rb"[\x20-\x7e\x80-\xff]{4,}")


def binary_texts(data: bytes) -> list[str]:
    """The text an image or a font carries for anyone who opens it: its runs of
    printable bytes (a PNG's text chunks, a JPEG's comment and EXIF fields, a font's
    names), and a PNG's text chunks read whole (the bytes around a run may run into
    it) and unpacked where compressed."""
    pieces = [b"\n".join(_PRINTABLE_RUN.findall(data)).decode("utf-8", "replace")]
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        at = 8
        while at + 8 <= len(data):
            size = int.from_bytes(data[at : at + 4], "big")
            kind, body = data[at + 4 : at + 8], data[at + 8 : at + 8 + size]
            at += 12 + size
            if kind == b"tEXt":
                pieces.append(body.partition(b"\0")[2].decode("latin-1"))
            elif kind in (b"zTXt", b"iTXt"):
                _keyword, _, rest = body.partition(b"\0")
                packed = rest[1:] if kind == b"zTXt" else rest[2:].split(b"\0", 2)[-1]
                compressed = kind == b"zTXt" or rest[:1] == b"\x01"
                with contextlib.suppress(zlib.error):
                    text = (
                        zlib.decompressobj().decompress(packed, 1 << 20) if compressed else packed
                    )
                    pieces.append(text.decode("utf-8", "replace"))
    return pieces


def workbook_texts(data: bytes) -> list[str]:
    """The readable pieces of an Excel workbook as a reader who opens it has them: the
    text of every XML part of the zip (cells, shared strings, the document's
    properties) and the sheets' names. Other attributes are structure, such as row
    numbers, which a numeric case id would match."""
    from defusedxml import ElementTree  # type: ignore[import-untyped]

    pieces = []
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:  # not a workbook at all: read as written
        return [data.decode("utf-8", errors="replace")]
    with archive:
        for name in archive.namelist():
            if not name.endswith((".xml", ".rels")):
                continue
            try:
                root = ElementTree.fromstring(archive.read(name))
            except ElementTree.ParseError:
                pieces.append(archive.read(name).decode("utf-8", errors="replace"))
                continue
            for element in root.iter():
                if element.tag.endswith("}sheet") and element.get("name"):
                    pieces.append(element.get("name", ""))
                pieces += [t for t in (element.text, element.tail) if t and t.strip()]
    return pieces


def bytes_texts(data: bytes, suffix: str) -> list[str]:
    """The readable pieces of a published file's bytes, by its kind (a workbook's
    from its XML; text files' as written)."""
    if suffix == ".xlsx":
        return workbook_texts(data)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return []
    return data_texts(text, suffix)


def file_texts(path: Path) -> list[str]:
    """The readable pieces of one published file."""
    suffix = path.suffix.lower()
    if suffix in _BINARY_SUFFIXES:
        return binary_texts(path.read_bytes())
    if suffix == ".pdf":
        return pdf_texts(path)
    data = path.read_bytes()
    if suffix == ".xlsx":
        return workbook_texts(data)
    if suffix == ".gz":
        data = gzip.decompress(data)
        suffix = Path(path.stem).suffix.lower()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return []
    return data_texts(text, suffix)


def _joined(text: str) -> str:
    """The text with its line breaks taken out: a word broken over two lines of a page
    (after a hyphen, or by hyphenation) reads as one word."""
    return re.sub(r"\s*\n\s*", "", text)


def pdf_texts(path: Path) -> list[str]:
    """What a reader can get from a PDF, read from the file itself: its pages' text (and
    again with line breaks taken out), and every string the file holds (document
    information, XMP metadata, bookmarks, link addresses, alternative and actual texts
    of the tag tree). A file no PDF reader opens gives its bytes as text, so nothing
    passes unread."""
    import pikepdf

    try:
        text = _page_text(path)
    except (ValueError, KeyError, OSError):
        return [path.read_bytes().decode("utf-8", "replace")]
    pieces = [text, _joined(text)]
    with contextlib.suppress(pikepdf.PdfError, OSError), pikepdf.open(path) as pdf:
        strings: list[str] = []
        seen: set[tuple[int, int]] = set()
        stack: list[Any] = [pdf.trailer]
        while stack:
            item = stack.pop()
            if isinstance(item, pikepdf.String):
                strings.append(str(item))
            elif isinstance(item, pikepdf.Stream | pikepdf.Dictionary | pikepdf.Array):
                if item.is_indirect:
                    if item.objgen in seen:
                        continue
                    seen.add(item.objgen)
                stack.extend(item if isinstance(item, pikepdf.Array) else item.values())
                if isinstance(item, pikepdf.Stream) and item.get("/Type") == "/Metadata":
                    strings.append(item.read_bytes().decode("utf-8", "replace"))
        pieces.append("\n".join(strings))
    return pieces


def _page_text(path: Path) -> str:
    """The text of every page: with poppler's pdftotext where it is installed (0.2 s for
    a 49-page report), else with pypdf (3 s; pure Python, so it works everywhere)."""
    import shutil
    import subprocess

    tool = shutil.which("pdftotext")
    if tool is not None:
        done = subprocess.run(
            [tool, "-q", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=False
        )
        if done.returncode == 0:
            return done.stdout.decode("utf-8", "replace")
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)
    except PyPdfError as error:
        raise ValueError(str(error)) from error


_GLYPH_USE = re.compile(r"""<use\b[^>]*?(?:xlink:)?href=["']#([^"']+)-([0-9a-fA-F]+)["'][^>]*>""")
_TEXT_GROUP = re.compile(r"<!--[^>]*?-->\s*<g\b[^>]*>(.*?)</g>", re.S)


def drawn_texts(svg: str) -> list[str]:
    """The text a matplotlib chart draws as glyph outlines (`svg.fonttype: path`): each
    text group's `<use>` of a glyph, named by the font and the glyph's index, read back
    to characters through the font's own character map. What a reader sees, whatever
    the comment beside it says."""
    pieces = []
    for group in _TEXT_GROUP.finditer(svg):
        glyphs = _GLYPH_USE.findall(group[1])
        if glyphs:
            pieces.append("".join(_glyph_char(font, int(index, 16)) for font, index in glyphs))
    return pieces


@lru_cache(maxsize=1)
def _font_files() -> dict[str, str]:
    """PostScript name to font file, for the fonts matplotlib knows (its bundled faces
    first, so a chart reads as it was drawn)."""
    from matplotlib import font_manager, get_data_path
    from matplotlib.ft2font import FT2Font

    bundled = Path(get_data_path()) / "fonts" / "ttf"
    paths = [
        *sorted(bundled.glob("*.ttf")),
        *(Path(f.fname) for f in font_manager.fontManager.ttflist),
    ]
    files: dict[str, str] = {}
    for path in paths:
        with contextlib.suppress(OSError, RuntimeError, ValueError):
            files.setdefault(FT2Font(str(path)).postscript_name, str(path))
    return files


@lru_cache(maxsize=16)
def _glyph_chars(font: str) -> dict[int, str]:
    """Glyph index to character for one font (the lowest code point of a glyph drawn
    for several)."""
    from matplotlib.ft2font import FT2Font

    path = _font_files().get(font)
    if path is None:
        return {}
    chars: dict[int, str] = {}
    for code, index in sorted(FT2Font(path).get_charmap().items(), reverse=True):
        chars[index] = chr(code)
    return chars


def _glyph_char(font: str, index: int) -> str:
    return _glyph_chars(font).get(index, "\ufffd")
