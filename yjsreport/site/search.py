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
from dataclasses import dataclass, field
from html.parser import HTMLParser

HEADINGS = {"h1", "h2", "h3"}
SKIPPED = {"script", "style", "nav", "svg", "template"}  # not read as the page's text
# A table's figures are a fifth of a report's text and no use to a word search; its
# caption says what it holds and is kept.
TABLE, CAPTION = "table", "caption"
# Elements whose text is separate from the next's: a space goes between them.
BLOCKS = {"p", "li", "dt", "dd", "div", "caption", "td", "th", "tr", "br", "section", "header"}
VARIABLE = "yjsreportSearchIndex"


@dataclass
class Section:
    anchor: str  # the heading's id; "" for the page's top
    heading: str
    words: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return re.sub(r"\s+", " ", "".join(self.words)).strip()


class _Sections(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.sections = [Section("", "")]
        self.skipping = 0
        self.heading: list[str] | None = None
        self.tables = 0
        self.captions = 0
        self.sups: list[bool] = []  # open <sup> elements: True for a note's number

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in BLOCKS:
            self.sections[-1].words.append(" ")
        note_number = tag == "sup" and "note-ref" in (dict(attrs).get("class") or "")
        if tag == "sup":
            self.sups.append(note_number)
        if tag in SKIPPED or note_number:  # a note's number is not a word of the text
            self.skipping += 1
        elif tag in (TABLE, CAPTION):
            setattr(self, f"{tag}s", getattr(self, f"{tag}s") + 1)
        elif tag in HEADINGS and not self.skipping:
            anchor = dict(attrs).get("id") or ""
            self.sections.append(Section(anchor, ""))
            self.heading = []

    def handle_endtag(self, tag: str) -> None:
        if tag in BLOCKS:
            self.sections[-1].words.append(" ")
        if (tag in SKIPPED or (tag == "sup" and self.sups and self.sups.pop())) and self.skipping:
            self.skipping -= 1
        elif tag in (TABLE, CAPTION) and getattr(self, f"{tag}s"):
            setattr(self, f"{tag}s", getattr(self, f"{tag}s") - 1)
        elif tag in HEADINGS and self.heading is not None:
            self.sections[-1].heading = re.sub(r"\s+", " ", "".join(self.heading)).strip()
            self.heading = None

    def handle_data(self, data: str) -> None:
        if self.skipping or (self.tables and not self.captions):
            return
        if self.heading is not None:
            self.heading.append(data)
        else:
            self.sections[-1].words.append(data)


def sections(html: str) -> list[Section]:
    """The page's sections, each from a heading to the next, with their text."""
    parser = _Sections()
    parser.feed(html)
    parser.close()
    return [s for s in parser.sections if s.heading or s.text]


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
