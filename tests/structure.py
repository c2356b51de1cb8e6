"""The published structure of a generated report: its section headings and the tables that
carry the ratings, in page order, for comparing with a fixture taken from a published report."""

from __future__ import annotations

import copy
import re

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


# Standard sentences that depend on what happened in one inspection (a discretion, a limit,
# an unrated sample, the disclosure rule's note), or are our own furniture (draft banner,
# downloads note): the format test compares the sentences every report of a format prints.
PER_INSPECTION = {
    "discretion_paragraph",
    "discretion_footnote",
    "governance_limit",
    "governance_rule",
    "no_relevant_case",
    "reduced_scale",
    "resettlement_limit",
    "offences_counted",
    "draft_banner",
    "downloads_note",
}
_NUMBER_WORDS = {
    word: n
    for n, word in enumerate(
        (
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
        )
    )
}


def figures(text: str) -> list[int]:
    """The figures of a sentence, digits and number words alike, in order."""
    found = []
    for token in re.findall(r"\d+|[a-z]+", text.lower()):
        if token.isdigit():
            found.append(int(token))
        elif token in _NUMBER_WORDS:
            found.append(_NUMBER_WORDS[token])
    return found


def wording(document: HtmlElement) -> list[tuple[str, list[int]]]:
    """The named standard sentences of a document marked by the catalogue (mark_wording), in
    order, each with its figures; sentences inside another (a note's) are its own business, and
    tables' captions and headers are compared with the tables."""
    out = []
    for el in document.xpath("//*[@data-wording]"):
        name = el.get("data-wording")
        if el.xpath("ancestor::*[@data-wording]|ancestor::table") or name in PER_INSPECTION:
            continue
        el = copy.deepcopy(el)
        for nested in el.xpath(".//sup|.//span[@class='footnote']|.//*[@data-wording]"):
            nested.drop_tree()
        out.append((name, figures(" ".join(el.text_content().split()))))
    return out


def as_published_wording(
    generated: list[tuple[str, list[int]]], published: list[str | dict[str, list[int]]]
) -> list[str | dict[str, list[int]]]:
    """The generated sentences in the fixture's terms: a name alone, or the name with its
    figures where the fixture gives the published figures."""
    out: list[str | dict[str, list[int]]] = []
    padded = published + [""] * max(0, len(generated) - len(published))
    for (name, numbers), expected in zip(generated, padded[: len(generated)], strict=True):
        out.append({name: numbers} if isinstance(expected, dict) else name)
    return out
