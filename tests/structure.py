"""The published structure of a generated report: its section headings and the tables that
carry the ratings, in page order, for comparing with a fixture taken from a published report."""

from __future__ import annotations

import copy

from lxml.html import HtmlElement

TABLE_KINDS = {
    "ratings-table": "ratings",
    "kq-table": "key questions",
    "prompt-table": "prompts",
    "data-table": "inspection data",
}
# Our own furniture, not part of a published report's text: the web contents and notes.
SKIPPED = {"Contents", "Notes"}


def heading_text(el: HtmlElement) -> str:
    el = copy.deepcopy(el)
    for sup in el.xpath(".//sup|.//span[@class='footnote']"):
        sup.drop_tree()
    return " ".join(el.text_content().split())


def structure(article: HtmlElement) -> list[str]:
    """'h2 Foreword', 'h3 1.1. Governance and leadership', 'table key questions',
    'table prompts: Of the 7 cases with factors related to keeping the child safe:', ..."""
    out: list[str] = []
    for el in article.iter("h2", "h3", "h4", "table"):
        if el.tag == "table":
            kind = TABLE_KINDS.get(el.get("class", ""))
            if kind == "prompts":  # with its first header cell, which names the cases
                first = el.find(".//thead//th")
                kind += ": " + " ".join(first.text_content().split())
            if kind:
                out.append(f"table {kind}")
            continue
        text = heading_text(el)
        if text not in SKIPPED:
            out.append(f"{el.tag} {text}")
    return out


def as_published(generated: list[str], differences: list[dict[str, str | None]]) -> list[str]:
    """The generated sequence with each listed, explained difference undone: an entry
    replaces (or, with no 'published', drops) a line, within the h3 section 'in' if given."""
    out: list[str] = []
    section = ""
    for line in generated:
        if line.startswith(("h2 ", "h3 ")):
            section = line
        found = next(
            (d for d in differences if d["generated"] == line and d.get("in") in (None, section)),
            None,
        )
        if found is None:
            out.append(line)
        elif found.get("published") is not None:
            out.append(str(found["published"]))
    return out
