"""A house-style checker for the sentences of a generated report: numbers under ten in
words, 'per cent' not '%', curly quotes, and ratings in words, never symbols, in a sentence.

Tables may use digits, '%' and rating symbols (as the published tables do); so may dates
('8 December 2020'), ids ('2.1', 'Annexe 1'), the ISBN and the publisher's address.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator

from lxml.html import HtmlElement

RATING_SYMBOLS = "★●▲■○"
MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
# a lone digit 0-9: not part of a larger number, an id (2.1, 2.1.1a), a date or 'Annexe 1'
LONE_DIGIT = re.compile(
    r"(?<![\w.,/£–-])(?<!Annexe )(\d)"
    r"(?![\w,/%–-]|\.\d| (?:" + MONTHS + r")\b| to \d{1,2} (?:" + MONTHS + r")\b)"
)
SENTENCE_TAGS = ("p", "li", "h1", "h2", "h3", "h4", "h5", "dd", "blockquote", "figcaption")
# Not sentences: tables, the address block, a rating's badge beside its label, note marks
# and the notes' back links.
SKIP_XPATH = (
    ".//table|.//*[contains(@class,'publisher-address')]"
    "|.//*[contains(@class,'standard-rating')]//*[contains(@class,'rating-symbol')]"
    "|.//dd//*[contains(@class,'rating-symbol')]|.//sup[contains(@class,'note-ref')]"
    "|.//sup[contains(@class,'note-again')]"
    "|.//*[contains(@class,'note-back')]"
)


def sentences(article: HtmlElement) -> Iterator[str]:
    """The text of every block of prose outside tables, one string per block."""
    article = copy.deepcopy(article)
    for el in article.xpath(SKIP_XPATH):
        el.drop_tree()
    for el in article.iter(*SENTENCE_TAGS):
        if any(child.tag in SENTENCE_TAGS for child in el.iterdescendants()):
            continue  # checked at the inner block
        text = " ".join(el.text_content().split())
        if text:
            yield text


def problems(text: str) -> list[str]:
    found: list[str] = []
    for m in LONE_DIGIT.finditer(text):
        if m.start() == 0 and text[1:3] == ". ":
            continue  # a section number: '1. Organisational delivery'
        found.append(f"digit under ten '{m.group(1)}' (write it in words)")
    if "%" in text:
        found.append("'%' in prose (write 'per cent')")
    if "'" in text or '"' in text:
        found.append("a straight quote (use ‘ ’ or “ ”)")
    for symbol in RATING_SYMBOLS:
        if symbol in text:
            found.append(f"rating symbol {symbol} in a sentence (quote the rating in words)")
    return found


def check(article: HtmlElement) -> list[str]:
    return [f"{p}: {text[:160]}" for text in sentences(article) for p in problems(text)]
