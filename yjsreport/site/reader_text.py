"""The text a reader can get from a published file: what a page shows, its attribute
values (alternative text, titles, link addresses, percent-decoded), its comments and
scripts, and every string of a JSON download.

Markup between the letters of a word does not split it (`BRK-<strong>C01</strong>`
reads as one word); any other tag (a paragraph, a table cell, a line break) does.
"""

from __future__ import annotations

import contextlib
import gzip
import json
from collections.abc import Iterator
from html.parser import HTMLParser
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


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.chunks: list[str] = []
        self.current: list[str] = []

    def _break(self) -> None:
        if self.current:
            self.chunks.append("".join(self.current))
            self.current = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _INLINE:
            self._break()
        for _, value in attrs:
            if value:
                self.chunks.append(value)
                decoded = unquote(value)
                if decoded != value:
                    self.chunks.append(decoded)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag not in _INLINE:
            self._break()

    def handle_data(self, data: str) -> None:
        self.current.append(data)

    def handle_comment(self, data: str) -> None:
        self.chunks.append(data)

    def handle_decl(self, decl: str) -> None:
        self.chunks.append(decl)

    def unknown_decl(self, data: str) -> None:  # CDATA
        self.chunks.append(data)


def markup_texts(markup: str) -> list[str]:
    """The readable pieces of an HTML, SVG or XML document."""
    reader = _Reader()
    reader.feed(markup)
    reader.close()
    reader._break()
    return reader.chunks


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


def file_texts(path: Path) -> list[str]:
    """The readable pieces of one published file (binary files have none; a PDF's text
    is read from the HTML it is made from)."""
    suffix = path.suffix.lower()
    if suffix in _BINARY_SUFFIXES:
        return []
    data = path.read_bytes()
    if suffix == ".gz":
        data = gzip.decompress(data)
        suffix = Path(path.stem).suffix.lower()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return []
    return data_texts(text, suffix)
