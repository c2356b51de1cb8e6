"""Second looks at the page layout, where CSS alone cannot say what a typesetter would.

WeasyPrint lays the document out once; the result is read back and, where it breaks a
rule below, the layout is done again with a few extra style rules (at most `PASSES`
times). Both mends only move breaks earlier or remove forced ones, so they settle:

* A chapter starts a page, unless that would leave the page before it near-empty: then
  it runs on from that page (not from a landscape page, which holds a wide table only).
* An annexe table whose first key question group would be split (WeasyPrint 70 keeps
  later groups whole but not the first one of a table) starts on the next page, with the
  heading just before it, if any: a forced break overrides the heading's
  `break-after: avoid`, and would leave it as the last thing on its page.
* A table with a running caption (an annexe table, an annual report's table) that
  WeasyPrint moved to the next page as a whole may leave its
  "(continued)" running header assigned on the page before (a running element laid
  out there first is not withdrawn), so the page where it starts would call it
  continued: it gets a forced page break, which places the header where it belongs.
"""

from __future__ import annotations

import itertools
import re
from typing import Any

from weasyprint import CSS, HTML
from weasyprint.formatting_structure import boxes

PASSES = 3
# A page less full than this, left before a chapter's forced page break, is near-empty.
NEAR_EMPTY = 0.25
RUN_ON = "section[aria-labelledby='{0}'] {{ break-before: auto !important; margin-top: 10mm; }}"
NEXT_PAGE = "#{0} {{ break-before: page !important; }}"
_CHAPTER = re.compile(r'<article.*?>|<section[^>]*aria-labelledby="([^"]+)"[^>]*>\s*<h2', re.S)


def chapter_ids(html: str) -> set[str]:
    """The ids of the report's chapters: the sections that start a page in print."""
    return {match for match in _CHAPTER.findall(html) if match}


def paginate(source: HTML, chapters: set[str]) -> Any:
    """The laid-out document, after the mends above."""
    rules: list[str] = []
    heading_before = headings_before(source.etree_element)
    document = source.render()
    for _ in range(PASSES):
        moved = split_first_groups(document) + misplaced_continued(document)
        found = [RUN_ON.format(c) for c in near_empty_breaks(document, chapters)]
        found += [NEXT_PAGE.format(heading_before.get(t, t)) for t in moved]
        found = [rule for rule in found if rule not in rules]
        if not found:
            break
        rules.extend(found)
        document = source.render(stylesheets=[CSS(string="\n".join(rules))])
    return document


def headings_before(root: Any) -> dict[str, str]:
    """For each element with an id that comes straight after a heading with an id, that
    heading's id: what must move with it to the next page."""
    found = {}
    for parent in root.iter():
        children = [c for c in parent if isinstance(c.tag, str)]
        for before, element in itertools.pairwise(children):
            tag = before.tag.rsplit("}", 1)[-1]
            if tag in {"h2", "h3", "h4", "h5", "h6"} and before.get("id") and element.get("id"):
                found[element.get("id")] = before.get("id")
    return found


def near_empty_breaks(document: Any, chapters: set[str]) -> list[str]:
    """Chapters whose forced page break leaves the page before them near-empty."""
    found = []
    pages = [page._page_box for page in document.pages]
    for before, after in itertools.pairwise(pages[1:]):  # never the cover
        starts = [
            box.element.get("id")
            for box in _flow(after)
            if box.element_tag == "h2" and box.element.get("id") in chapters
        ]
        turned = before.width != after.width  # a landscape page: never run on from it
        if starts and _fill(before) < NEAR_EMPTY and not turned:
            found.append(starts[0])
    return found


def split_first_groups(document: Any) -> list[str]:
    """Annexe tables whose first group is split, should the stylesheet's rule that keeps
    it whole row by row not hold."""
    pages_of: dict[str, set[int]] = {}
    for number, page in enumerate(document.pages):
        for box in _flow(page._page_box):
            if not isinstance(box, boxes.TableBox):
                continue
            if "data-table" not in (box.element.get("class") or "").split():
                continue
            first = next(c for c in box.element if str(c.tag).endswith("tbody"))
            if any(group.element is first for group in box.children):
                pages_of.setdefault(box.element.get("id"), set()).add(number)
    return [table for table, pages in pages_of.items() if len(pages) > 1]


def misplaced_continued(document: Any) -> list[str]:
    """The wrappers of tables whose first page is headed '... (continued)'."""
    found = []
    wrapped = {  # tables in a 'run-<table id>' wrapper carry a '(continued)' header
        ident[len("run-") :]
        for page in document.pages
        for box in _flow(page._page_box)
        if (ident := box.element.get("id") or "").startswith("run-")
    }
    for page in document.pages:
        header = " ".join(
            box.text
            for margin in page._page_box.children
            if isinstance(margin, boxes.MarginBox)
            for box in margin.descendants()
            if isinstance(box, boxes.TextBox)
        )
        for box in _flow(page._page_box):
            if not getattr(box, "is_table_wrapper", False):
                continue
            ident = box.element.get("id") or ""
            captions = [c for c in box.children if c.element_tag == "caption"]
            if ident in wrapped and captions:  # the table starts on this page
                caption = " ".join("".join(captions[0].element.itertext()).split())
                if f"{caption} (continued)" in header:
                    found.append(f"run-{ident}")
    return found


def _flow(page: Any) -> list[Any]:
    """The page's in-flow boxes: not its margins nor its footnotes."""
    roots = [
        child
        for child in page.children
        if not isinstance(child, (boxes.MarginBox, boxes.FootnoteAreaBox))
    ]
    return [box for root in roots for box in root.descendants() if box.element is not None]


def _fill(page: Any) -> float:
    """How far down its content area the page's text reaches, from 0 to 1."""
    top, height = page.content_box_y(), page.height
    lines = [b for b in _flow(page) if isinstance(b, boxes.LineBox)]
    if not lines or not height:
        return 0.0
    return float((max(b.position_y + b.height for b in lines) - top) / height)
