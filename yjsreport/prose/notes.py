"""Footnotes numbered once across a whole report.

Published reports number notes continuously; each part's Markdown is rendered
separately, so numbering lives here, shared by every part of one report. On
the web a reference links to its note and the note links back; in print the
note text sits at the reference and the print CSS floats it to the page foot.
Both outputs number the same notes. A note is given once: a source cited again
(a statistic quoted twice and its table's caption), or a Markdown footnote the
author calls twice, cites the note's number again, as a published report's
footnote reference does, on the web (a link to the note) and in print (the raised
number alone, read as "Note 3"; the note stands at the foot of the page of its first
reference).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Mode = Literal["web", "print"]


@dataclass(frozen=True)
class Note:
    number: int
    html: str

    @property
    def anchor(self) -> str:
        return f"note-{self.number}"

    @property
    def ref_anchor(self) -> str:
        return f"note-ref-{self.number}"


@dataclass
class Notes:
    mode: Mode = "web"
    items: list[Note] = field(default_factory=list)
    _seen: dict[tuple[str, int], Note] = field(default_factory=dict)
    _texts: dict[str, Note] = field(default_factory=dict)

    def reference(self, html: str, key: tuple[str, int] | None = None) -> str:
        """Markup for a reference to a note, adding the note if it is new: one the
        same `key` (a Markdown footnote) or the same text was given before is cited
        again."""
        note = self._seen.get(key) if key is not None else None
        note = note or self._texts.get(html)
        if note is not None:
            if key is not None:
                self._seen.setdefault(key, note)
            if self.mode == "print":
                return self._print_again(note)
            return self._web_ref(note, repeat=True)
        note = Note(len(self.items) + 1, html)
        self.items.append(note)
        self._texts[html] = note
        if key is not None:
            self._seen[key] = note
        if self.mode == "print":
            return f'<span class="footnote">{html}</span>'
        return self._web_ref(note, repeat=False)

    @staticmethod
    def _print_again(note: Note) -> str:
        """A note cited again in print: its number raised as a note call is (the tag
        repair reads it as "Note N"), with no second copy of the note."""
        return f'<sup class="note-again">{note.number}</sup>'

    @staticmethod
    def _web_ref(note: Note, repeat: bool) -> str:
        ident = "" if repeat else f' id="{note.ref_anchor}"'
        return (
            f'<sup class="note-ref"><a{ident} href="#{note.anchor}" '
            f'aria-label="Note {note.number}">{note.number}</a></sup>'
        )
