"""The site's search index: every section of every page, as a script the search
page loads with a <script> element.

A script, not a JSON file fetched at run time, because browsers refuse to fetch
files from a page opened from disk (file://); the site must search the same way
from disk, from the pull-request preview download and from a server. The index
holds only text already published on the pages it points to.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from html import unescape

VARIABLE = "yjsreportSearchIndex"

# The pages are ours, generated from templates, so patterns read them: five times
# faster than an HTML parser, which cost a third of a 50-inspection build.
_LEFT_OUT = re.compile(r"<(script|style|nav|svg|template)\b.*?</\1>", re.S)
# A note's number is not a word of the text.
_NOTE_NUMBER = re.compile(r'<sup class="note-ref">.*?</sup>', re.S)
# A table's figures are a fifth of a report's text and no use to a word search; its
# caption says what it holds and is kept.
_TABLE = re.compile(r"<table\b.*?</table>", re.S)
_CAPTION = re.compile(r"<caption\b[^>]*>(.*?)</caption>", re.S)
_HEADING = re.compile(r"<h[123]\b([^>]*)>(.*?)</h[123]>", re.S)
_ID = re.compile(r'\bid="([^"]*)"')
# Elements whose text is separate from the next's: a space goes between them.
_BLOCK = re.compile(r"</?(?:p|li|dt|dd|div|caption|td|th|tr|br|section|header)\b[^>]*>")
_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Section:
    anchor: str  # the heading's id; "" for the page's top
    heading: str
    text: str


def _plain(html: str) -> str:
    return _SPACE.sub(" ", unescape(_TAG.sub("", _BLOCK.sub(" ", html)))).strip()


def _captions(table: re.Match[str]) -> str:
    return " ".join(f"<p>{c}</p>" for c in _CAPTION.findall(table.group(0)))


def sections(html: str) -> list[Section]:
    """The page's sections, each from a heading to the next, with their text."""
    html = _TABLE.sub(_captions, _NOTE_NUMBER.sub("", _LEFT_OUT.sub("", html)))
    found = []
    anchor, heading, start = "", "", 0
    for match in _HEADING.finditer(html):
        found.append(Section(anchor, heading, _plain(html[start : match.start()])))
        ident = _ID.search(match.group(1))
        anchor, heading, start = (
            ident.group(1) if ident else "",
            _plain(match.group(2)),
            match.end(),
        )
    found.append(Section(anchor, heading, _plain(html[start:])))
    return [s for s in found if s.heading or s.text]


@dataclass(frozen=True)
class IndexedPage:
    href: str  # from the site's root, as a file ("inspections/x/index.html")
    title: str
    html: str


def index_script(pages: Iterable[IndexedPage]) -> str:
    """The index as a script: one entry per section, [href#anchor, page, heading, text]."""
    entries = []
    for page in pages:
        for s in sections(page.html):
            href = f"{page.href}#{s.anchor}" if s.anchor else page.href
            entries.append([href, page.title, s.heading, s.text])
    body = json.dumps(entries, ensure_ascii=False, separators=(",", ":"))
    return f"var {VARIABLE} = {body};\n"  # a file of its own: no "</script>" to fear
