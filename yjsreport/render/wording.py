"""The standard wording the templates write, in house style.

Small pure helpers: lists joined with "and", date ranges as "14 to 18 September
2020", counts in words under ten, ratings quoted in words, and the sentence that
explains a ratings panel's professional discretion with the printed percentage.
"""

from __future__ import annotations

import datetime as dt
import re

from markupsafe import Markup

from yjsreport.engine.results import StandardResult
from yjsreport.prose.numbers import count_in_words
from yjsreport.rules.discretion import NEAR_BOUNDARY_POINTS, SMALL_SAMPLE_MAX, Ground
from yjsreport.rules.ratings import Rating


def join_and(items: list[str] | tuple[str, ...]) -> str:
    """'a', 'a and b', 'a, b and c': the house style has no serial comma."""
    items = [i for i in items if i]
    if len(items) < 2:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


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


def discretion_sentences(s: StandardResult, short: bool = False) -> str:
    """What the panel did and why the rules allow it, as the reports write it:
    the printed percentage of the lowest key question, the boundary, the grounds.
    `short` gives the one sentence a footnote on the rating carries (2018 layout)."""
    d = s.discretion
    assert d is not None and d.allowed
    verb = "raise" if d.to.points > d.from_.points else "lower"
    first = (
        f"HM Inspectorate of Probation’s ratings panel applied professional discretion to "
        f"{verb} the rating for this standard from {quoted(d.from_)} to {quoted(d.to)}."
    )
    reasons = [_ground_in_words(g, d.from_, d.to) for g in d.grounds]
    if short:
        return (
            f"The ratings panel applied professional discretion to {verb} the rating from "
            f"{quoted(d.from_)} to {quoted(d.to)}, because {join_and(reasons)}."
        )
    return f"{first} The panel may do so because {join_and(reasons)}."


def _ground_in_words(ground: Ground, a: Rating, b: Rating) -> str:
    """A published ground for discretion as the reports word it."""
    if ground.kind == "near-boundary":
        low, high = sorted((a, b), key=lambda r: r.score or 0)
        return (
            f"the lowest key question, at {ground.percent} per cent, is within "
            f"{words(NEAR_BOUNDARY_POINTS)} percentage points of the {ground.boundary} per cent "
            f"boundary between {quoted(low)} and {quoted(high)}"
        )
    if ground.kind == "one-case":
        return "a different judgement in one case would change the rating"
    return (
        f"the rating rests on {plural(ground.cases, 'case', 'cases')}, "
        f"{words(SMALL_SAMPLE_MAX)} or fewer"
    )


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
