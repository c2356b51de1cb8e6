"""Footnotes numbered once across a whole report.

Published reports number notes continuously; each part's Markdown is rendered
separately, so numbering lives here, shared by every part of one report. On
the web a reference links to its note and the note links back; in print the
note text sits at the reference and the print CSS floats it to the page foot.
Both outputs number the same notes: every reference to a source or a rule is a
note of its own, as the reports print them. Only a Markdown footnote the author
calls twice is one note, referred to again on the web and printed once.
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

    def reference(self, html: str, key: tuple[str, int] | None = None) -> str:
        """Markup for a reference to a note, adding the note if it is new."""
        if key is not None and key in self._seen:
            note = self._seen[key]
            if self.mode == "print":
                return ""  # in print a note appears once, at its first reference
            return self._web_ref(note, repeat=True)
        note = Note(len(self.items) + 1, html)
        self.items.append(note)
        if key is not None:
            self._seen[key] = note
        if self.mode == "print":
            return f'<span class="footnote">{html}</span>'
        return self._web_ref(note, repeat=False)

    @staticmethod
    def _web_ref(note: Note, repeat: bool) -> str:
        ident = "" if repeat else f' id="{note.ref_anchor}"'
        return (
            f'<sup class="note-ref"><a{ident} href="#{note.anchor}" '
            f'aria-label="Note {note.number}">{note.number}</a></sup>'
        )
