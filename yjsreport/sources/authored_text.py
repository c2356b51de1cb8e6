"""Whether one string may be written into authored content: the rules of
characters.py (no character a reader cannot see) and scripts.py (no script), together,
for text that arrives from elsewhere than a file, such as a command's arguments, so
that nothing is written that the next `check` would refuse."""

from __future__ import annotations

from dataclasses import dataclass

from yjsreport.sources.characters import refused, unseen
from yjsreport.sources.scripts import find_script, message


@dataclass(frozen=True)
class Refusal:
    """Where in the string the refused text starts (a character index) and why."""

    start: int
    why: str


def refusal(text: str) -> Refusal | None:
    """Why the text may not be written into content, or None when it may."""
    hidden = unseen(text)
    if hidden is not None:
        return Refusal(hidden.start(), refused(hidden.group()))
    script = find_script(text)
    if script is not None:
        return Refusal(script.start, message(script))
    return None
