"""House style for figures in prose: numbers under ten in words, 'per cent'."""

from __future__ import annotations

_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


def count_in_words(n: int) -> str:
    """Seven, nine, 10, 1,250: words under ten, digits (with thousands commas) above."""
    if n < 0:
        raise ValueError("counts are never negative")
    return _WORDS[n] if n < 10 else f"{n:,}"


def id_in_words(item_id: str) -> str:
    """A domain's id as the reports name it in prose ('domain one'): a whole number
    under ten in words, any other id as written."""
    return count_in_words(int(item_id)) if item_id.isdigit() else item_id


def domains_in_words(ids: tuple[str, ...] | list[str]) -> str:
    """Domains as the reports name them in prose: 'domain one', 'domains two and three'."""
    words = [id_in_words(i) for i in ids]
    if not words:
        return ""
    noun = "domain" if len(words) == 1 else "domains"
    listed = words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]
    return f"{noun} {listed}"


def per_cent(shown: str) -> str:
    return f"{shown} per cent"


def figure(value: int | float | str, unit: str) -> str:
    """A contextual figure for a table: as the author wrote it, with % for percentages.
    Text values ("<1%", "10–12") are printed exactly as written."""
    if isinstance(value, str):
        return value
    text = f"{value:,}" if isinstance(value, int) else f"{value:,.{_decimals(value)}f}"
    if unit == "percent":
        return f"{text}%"
    if unit == "pounds":
        return f"£{text}"
    if unit in DURATIONS:
        return f"{text} {_period(unit, value)}"
    if unit == "rank" and isinstance(value, int):
        return f"{value:,}{_ordinal(value)}"
    return text


def _ordinal(n: int) -> str:
    """'17th', '21st', '112th': a rank as the reports print it."""
    if 10 <= n % 100 <= 20:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


# Units of time a figure may be given in: 'within 24 hours', 'every six weeks'.
DURATIONS = ("hours", "days", "weeks", "months", "years")


def _period(unit: str, value: int | float) -> str:
    return unit.removesuffix("s") if value == 1 else unit


def _decimals(value: float) -> int:
    text = repr(value)
    return len(text.split(".")[1]) if "." in text else 0


def capitalise_first(text: str) -> str:
    """The first letter in capitals, unless a figure comes first ('83 per cent', not
    '83 Per cent'; '10 out of 12' stays as it is)."""
    for i, ch in enumerate(text):
        if ch.isdigit():
            return text
        if ch.isalpha():
            return text[:i] + ch.upper() + text[i + 1 :]
    return text


def lower_first(text: str) -> str:
    """A title inside a sentence ('Court disposals' in 'ratings of court disposals'); a
    word in capitals is kept ('MAPPA cases')."""
    return text if text[:2].isupper() else text[:1].lower() + text[1:]


def figure_in_prose(value: int | float | str, unit: str) -> str:
    """A contextual figure in a sentence: words under ten, 'per cent' rather than '%'."""
    if isinstance(value, str):
        return value.replace("%", " per cent")
    if unit == "number" and isinstance(value, int) and 0 <= value < 10:
        return count_in_words(value)
    if unit in DURATIONS and isinstance(value, int) and 0 <= value < 10:
        return f"{count_in_words(value)} {_period(unit, value)}"
    if unit == "percent":
        return per_cent(figure(value, "number"))
    return figure(value, unit)
