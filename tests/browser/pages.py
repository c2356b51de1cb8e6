"""Reading built pages the way the tests need: headings, tables and their cells as text."""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from pathlib import Path

import lxml.html
from lxml.html import HtmlElement

HEADING = re.compile(r"^h([1-6])$")


def parse(path: Path) -> HtmlElement:
    return lxml.html.document_fromstring(path.read_bytes())


def text(element: HtmlElement, *, skip: tuple[str, ...] = ()) -> str:
    """The element's text with runs of white space collapsed, leaving out the
    descendants matched by the `skip` XPath class names (e.g. an aria-hidden symbol)."""
    if skip:
        element = copy.deepcopy(element)
        for name in skip:
            for hidden in element.xpath(f'.//*[contains(concat(" ", @class, " "), " {name} ")]'):
                tail = hidden.tail or ""
                parent = hidden.getparent()
                previous = hidden.getprevious()
                if previous is not None:
                    previous.tail = (previous.tail or "") + tail
                else:
                    parent.text = (parent.text or "") + tail
                parent.remove(hidden)
    return " ".join(element.text_content().split())


def ratings_in(element: HtmlElement) -> list[str]:
    """The words of every rating inside the element, without the decorative shape
    the reader does not hear."""
    spans = element.xpath('.//span[contains(concat(" ", @class, " "), " rating ")]')
    return [text(span, skip=("rating-symbol",)) for span in spans]


def rating_text(element: HtmlElement) -> str:
    """The one rating inside the element."""
    found = ratings_in(element)
    assert len(found) == 1, f"expected one rating in {text(element)!r}, found {found}"
    return found[0]


def headings(doc: HtmlElement) -> list[tuple[int, str]]:
    """(level, text) of every heading, in document order."""
    return [
        (int(match.group(1)), text(el))
        for el in doc.iter()
        if isinstance(el.tag, str) and (match := HEADING.match(el.tag))
    ]


@dataclass(frozen=True)
class Row:
    header: HtmlElement  # the row's th
    cells: list[HtmlElement]  # its td, in order
    classes: frozenset[str]


def table_by_caption(doc: HtmlElement, caption: str) -> HtmlElement:
    found = [t for t in doc.iter("table") if caption_text(t) == caption]
    assert len(found) == 1, f"expected one table captioned {caption!r}, found {len(found)}"
    return found[0]


def caption_text(table: HtmlElement) -> str:
    captions = table.findall("caption")
    return text(captions[0]) if captions else ""


def body_rows(table: HtmlElement) -> list[Row]:
    """The rows of every tbody, each with its header cell and data cells."""
    rows = []
    for tr in table.xpath("./tbody/tr"):
        headers = tr.findall("th")
        assert len(headers) == 1, f"row without one header cell: {text(tr)!r}"
        rows.append(Row(headers[0], tr.findall("td"), frozenset((tr.get("class") or "").split())))
    return rows
