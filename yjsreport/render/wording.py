"""House style for the figures and names the standard wording (the catalogue,
templates/report/wording/) puts in its sentences.

Small pure helpers: lists joined with "and", date ranges as "14 to 18 September
2020", counts in words under ten, ratings quoted in words, addresses and citations.
"""

from __future__ import annotations

import datetime as dt
import re

from markupsafe import Markup

from yjsreport.prose.numbers import count_in_words
from yjsreport.rules.ratings import Rating


def join_and(items: list[str] | tuple[str, ...]) -> str:
    """'a', 'a and b', 'a, b and c': the house style has no serial comma."""
    items = [i for i in items if i]
    glue = Markup if any(isinstance(i, Markup) for i in items) else str
    if len(items) < 2:
        return glue("").join(items)
    return glue(", ").join(items[:-1]) + glue(" and ") + items[-1]


def date_range(start: dt.date, end: dt.date) -> str:
    """'14 to 18 September 2020', '28 September to 2 October 2020', across years in full."""
    if start == end:
        return f"{start.day} {start:%B %Y}"
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day} to {end.day} {end:%B %Y}"
    if start.year == end.year:
        return f"{start.day} {start:%B} to {end.day} {end:%B %Y}"
    return f"{start.day} {start:%B %Y} to {end.day} {end:%B %Y}"


def quoted(rating: Rating) -> str:
    """A rating in a sentence: its word in single curly quotes, never a symbol."""
    return f"‘{rating.value}’"


def words(n: int) -> str:
    return count_in_words(n)


def plural(n: int, one: str, many: str) -> str:
    return f"{count_in_words(n)} {one if n == 1 else many}"


def url_text(url: str) -> Markup:
    """A web address as printed: no scheme, a break allowed before each '/' and after
    each '.' or '-', never straight after a '/', as a typesetter breaks an address."""
    shown = re.sub(r"^https?://", "", url).rstrip("/")
    out = []
    for ch in shown:
        if ch == "/":
            out.append(Markup("<wbr>/&#8288;"))
        elif ch in ".-@":
            out.append(Markup.escape(ch) + Markup("<wbr>"))
        else:
            out.append(Markup.escape(ch))
    return Markup("").join(out)


_CITATION = re.compile(r"^(?P<by>.+?\(\d{4}\)\.\s+)(?P<title>.+?)(?P<end>\.?)$")


def citation(source: str) -> Markup:
    """A source as the reports cite it: 'Author (2021). <i>Title</i>.', the title in
    italics; a source that is not a publication ('Data supplied by ...') stays plain."""
    match = _CITATION.match(source)
    if match is None:
        return Markup.escape(source)
    return Markup("{}<i>{}</i>{}").format(match["by"], match["title"], match["end"])
