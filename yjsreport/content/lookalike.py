"""Text as a reader sees it, so that a case id is found however it was disguised.

A reader still reads the case BRK-C01 where it is written in full-width or lower-case
letters, with a non-breaking hyphen, with a Cyrillic Es for the 'C' or with a
zero-width space inside. Every character is folded on its own, so each folded
character knows which character of the text it came from (a find can be pointed at
in its source):

1. NFKC (full-width and mathematical letters become plain ones);
2. invisible characters are dropped: format characters (Unicode category Cf:
   zero-width characters, the soft hyphen, bidirectional overrides) and the other
   default-ignorable ones (variation selectors, the combining grapheme joiner,
   Hangul fillers); so are combining marks (a dot over the 'B' still leaves a 'B' to
   read) and the narrow spaces (thin, hair, six-per-em, punctuation, narrow no-break
   and medium mathematical spaces), which set letters apart without parting words;
3. hyphen and dash look-alikes become '-' (the long dashes stay: they separate words);
4. the character becomes its UTS #39 confusable skeleton (a Cyrillic Es is a 'C',
   '0' is 'O'), then is case-folded, then skeletoned again.

The skeletons come from Unicode's confusables.txt (content/confusables_table.py keeps
the mappings whose prototype is ASCII: no other mapping can make a character read as
part of an ASCII id).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from yjsreport.content.confusables_table import PROTOTYPES

# Dashes that separate words rather than join them: em dash, horizontal bar, two- and
# three-em dashes, presentation forms and wave dashes. All read as an em dash.
_LONG_DASHES = frozenset("\u2014\u2015\u2e3a\u2e3b\ufe31\ufe32\u301c\u3030")
_EXTRA_DASHES = frozenset("\u2212\u2796\u02d7\u2043\ufe63\uff0d")  # minus signs, bullets
_NARROW_SPACES = frozenset("\u2006\u2008\u2009\u200a\u202f\u205f")
_RUN = re.compile(r"[\w-]+")
# Default-ignorable code points outside category Cf (DerivedCoreProperties.txt).
_IGNORABLE = re.compile(
    "[\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180f\u3164\ufe00-\ufe0f\uffa0\U000e0100-\U000e01ef]"
)


def _skeleton(text: str) -> str:
    table = PROTOTYPES
    mapped = "".join(table.get(c, c) for c in unicodedata.normalize("NFD", text))
    return unicodedata.normalize("NFD", mapped)


def _plain(text: str) -> str:
    """Format characters dropped and hyphen look-alikes made '-'."""
    out = []
    for c in text:
        if unicodedata.category(c) in ("Cf", "Mn", "Me") or _IGNORABLE.match(c):
            continue
        if c in _EXTRA_DASHES or (unicodedata.category(c) == "Pd" and c not in _LONG_DASHES):
            c = "-"
        out.append(c)
    return "".join(out)


@lru_cache(maxsize=65536)
def fold_char(c: str) -> str:
    """What one character reads as (possibly nothing, possibly several characters)."""
    if c in _LONG_DASHES:  # kept apart from letters: the skeleton of '—' is a letter
        return "\u2014"
    if c in _NARROW_SPACES:  # before NFKC, which makes them plain spaces
        return ""
    text = _plain(unicodedata.normalize("NFKC", c))
    text = _plain(_skeleton(text)).casefold()
    return unicodedata.normalize("NFC", _plain(_skeleton(text)))


class _Folds(dict[int, str]):
    """Code point to folded text, filled in as characters are met (for str.translate)."""

    def __missing__(self, code: int) -> str:
        folded = self[code] = fold_char(chr(code))
        return folded


_FOLDS = _Folds()


def fold(text: str) -> str:
    """The text as a reader takes it (see the module's docstring)."""
    return text.translate(_FOLDS)


def fold_mapped(text: str) -> tuple[str, list[int]]:
    """The folded text, and for each of its characters the index in `text` it came from."""
    out: list[str] = []
    origins: list[int] = []
    for index, c in enumerate(text):
        folded = fold_char(c)
        out.append(folded)
        origins.extend([index] * len(folded))
    return "".join(out), origins


_RTL_OVERRIDE = "\u202e"
_OVERRIDDEN = re.compile("\u202e([^\u202c\u2069\n]*)")


def visual_order(text: str) -> tuple[str, list[int]] | None:
    """Text under a right-to-left override as it is displayed (reversed), with each
    character's index in `text`; None where there is no override. An id written
    backwards after U+202E shows the right way round."""
    if _RTL_OVERRIDE not in text:
        return None
    out: list[str] = []
    origins: list[int] = []
    at = 0
    for match in _OVERRIDDEN.finditer(text):
        out.append(text[at : match.start(1)])
        origins.extend(range(at, match.start(1)))
        out.append(match[1][::-1])
        origins.extend(reversed(range(match.start(1), match.end(1))))
        at = match.end(1)
    out.append(text[at:])
    origins.extend(range(at, len(text)))
    return "".join(out), origins


def _key(folded_id: str) -> str:
    """Hyphens do not tell ids apart: a soft hyphen or none at all stands for one."""
    return folded_id.replace("-", "")


@dataclass(frozen=True)
class Find:
    start: int  # in the folded text
    end: int
    case_id: str  # as its case file writes it


@dataclass
class IdIndex:
    """Folded case ids, to find in folded text on whole-word boundaries (a run of word
    characters and hyphens must equal the id, so an id inside a longer word is no find)."""

    by_key: dict[str, set[str]] = field(default_factory=dict)
    odd: dict[str, set[str]] = field(default_factory=dict)  # ids of another shape
    _odd_pattern: re.Pattern[str] | None = None

    @classmethod
    def of(cls, case_ids: Iterable[str]) -> IdIndex:
        index = cls()
        for case_id in case_ids:
            folded = fold(case_id.strip())
            if not folded:
                continue
            if _RUN.fullmatch(folded) and _key(folded):
                index.by_key.setdefault(_key(folded), set()).add(case_id.strip())
            else:
                index.odd.setdefault(folded, set()).add(case_id.strip())
        if index.odd:
            alternatives = "|".join(
                re.escape(i) for i in sorted(index.odd, key=lambda i: (-len(i), i))
            )
            index._odd_pattern = re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])")
        return index

    def __bool__(self) -> bool:
        return bool(self.by_key or self.odd)

    def ids_in(self, text: str) -> set[str]:
        """The ids in text (as `finds_in` finds them), without their places: quicker."""
        found: set[str] = set()
        texts = [text]
        shown = visual_order(text)
        if shown is not None:
            texts.append(shown[0])
        for each in texts:
            folded = fold(each)
            for key in {_key(run) for run in _RUN.findall(folded)} & self.by_key.keys():
                found.update(self.by_key[key])
            if self._odd_pattern is not None:
                for match in self._odd_pattern.findall(folded):
                    found.update(self.odd[match])
        return found

    def finds_in(self, text: str) -> Iterator[Find]:
        """Every id in text as written and, under a right-to-left override, as shown
        (positions are then those of the shown text)."""
        yield from self.finds(fold(text))
        shown = visual_order(text)
        if shown is not None:
            yield from self.finds(fold(shown[0]))

    def finds(self, folded: str) -> Iterator[Find]:
        """Every id in already folded text."""
        for run in _RUN.finditer(folded):
            for case_id in sorted(self.by_key.get(_key(run[0]), ())):
                yield Find(run.start(), run.end(), case_id)
        if self._odd_pattern is not None:
            for match in self._odd_pattern.finditer(folded):
                for case_id in sorted(self.odd[match[0]]):
                    yield Find(match.start(), match.end(), case_id)
