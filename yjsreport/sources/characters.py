"""Which characters authored text may hold: decided here, for every file read.

A reader never sees a control character or an invisible formatting character, yet
each changes what is published: a NUL cuts a PDF's text short, a right-to-left
override (U+202E) shows the text after it backwards (a case id written backwards
reads the right way round, a name reads as another), and zero-width spaces, word
joiners and soft hyphens break a word up unseen. No report needs them, so every
content file, whatever its kind (Markdown, YAML, case files, the annual report's
files), is refused where it holds one, with the file, line and column.

The formatting characters are Unicode's category Cf, less the zero-width non-joiner
and joiner (U+200C, U+200D), which some scripts and emoji need to be written at all.
"""

from __future__ import annotations

import re
import unicodedata

# C0 and C1 controls and DEL (tab, line feed and carriage return are text)
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
JOINERS = frozenset("\u200c\u200d")
# Unicode's category Cf (checked against unicodedata by the tests), less the joiners
FORMAT = re.compile(
    "[\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b\u200e\u200f"
    "\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd"
    "\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001"
    "\U000e0020-\U000e007f]"
)
_BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def unseen(text: str) -> re.Match[str] | None:
    """The first character a reader cannot see that text may not hold, if any."""
    control = CONTROL.search(text)
    hidden = FORMAT.search(text, 0, control.start() if control else len(text))
    return hidden or control


def described(c: str, how: str = "") -> str:
    """What the character is, for a message: its code point, name and why it is refused;
    `how` says how it was written (", written as an escape")."""
    code = f"U+{ord(c):04X}"
    if CONTROL.fullmatch(c):
        return f"character {code} (a control character{how})"
    name = unicodedata.name(c, "an unnamed character")
    if c in _BIDI:
        why = "an invisible character that changes the order in which the text reads"
    else:
        why = "an invisible formatting character"
    return f"character {code} ({name}, {why}{how})"


def refused(c: str, how: str = "") -> str:
    """The message for a refused character."""
    return f"{described(c, how)} is not allowed in a content file; remove it"


def position(text: str, index: int) -> tuple[int, int]:
    """(line, column) of a character of `text`, both from 1."""
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1
