"""The text a reader can get from a published file: what a page shows, its attribute
values (alternative text, titles, link addresses, percent-decoded), its comments and
scripts, every string of a JSON download and every cell of a workbook.

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
from collections.abc import Iterator
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
    {".png", ".jpg", ".jpeg", ".gif", ".webp", ".ico", ".woff", ".woff2", ".ttf", ".otf", ".pdf"}
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
    decoded = [unquote(v) for v in values if "%" in v]
    return [text, *values, *decoded]


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
    if suffix in _MARKUP_SUFFIXES:
        return markup_texts(text)
    pieces = [text]
    if suffix == ".json":
        with contextlib.suppress(ValueError):
            pieces.extend(_strings(json.loads(text)))
    decoded = unquote(text)
    if decoded != text:
        pieces.append(decoded)
    return pieces


def workbook_texts(data: bytes) -> list[str]:
    """The readable pieces of an Excel workbook: every XML part of the zip (the
    cells' text, the sheet names, the document's properties), as markup."""
    pieces = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            text = archive.read(name).decode("utf-8", errors="replace")
            pieces += [name, *markup_texts(text)]
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
    """The readable pieces of one published file (binary files have none; a PDF's text
    is read from the HTML it is made from)."""
    suffix = path.suffix.lower()
    if suffix in _BINARY_SUFFIXES:
        return []
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
