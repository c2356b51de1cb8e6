"""Results worked out from a build's own output, kept in the build cache between builds.

Some steps of a build with nothing changed repeat slow, deterministic work on the
same input: reading each PDF's text back for the privacy check, drawing the annual
report's charts. Their results are kept here under a key that hashes everything the
result depends on: the input itself (a PDF's bytes, a chart's data), a fingerprint
of the code and tools that make it, and this user's machine key, so an entry made
anywhere else (committed into the project, say) never matches. A changed input,
tool or piece of code gives a new key, never a stale result.

The folder keeps the cache's rules (render/cache_files.py): no folder of it may be a
link, entries are read only if they are ordinary files and written to a fresh name
and renamed, and pruning deletes only files named as this cache names its entries.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from yjsreport.render.cache_files import CACHE_FOLDER, machine_key, own_folder, read_entry
from yjsreport.render.cache_files import write_entry as _write_entry


def source_digest(*paths: Path) -> str:
    """The SHA-256 of these files' bytes (our own code a result depends on)."""
    digest = hashlib.sha256()
    for path in paths:
        data = path.read_bytes()
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.hexdigest()


@dataclass
class DerivedCache:
    """Entries `<key>.<suffix>` in one folder of the build cache; `fingerprint` names
    the code and tools that make them. Entries not used by a build are removed by
    `prune`, so the folder holds about one build's worth."""

    folder: Path
    fingerprint: str
    suffix: str
    used: set[str] = field(default_factory=set)

    @classmethod
    def beside(cls, project: Path, name: str, fingerprint: str, suffix: str) -> DerivedCache:
        """The cache's folder `name` beside the project's mkdocs.yml; CacheLinkError if a
        folder of it is a link."""
        return cls(own_folder(project, CACHE_FOLDER, name), fingerprint, suffix)

    def key(self, data: bytes) -> str:
        digest = hashlib.sha256()
        for piece in (machine_key().encode(), self.fingerprint.encode(), data):
            digest.update(len(piece).to_bytes(8, "big"))
            digest.update(piece)
        return digest.hexdigest()

    def _path(self, key: str) -> Path:
        return own_folder(self.folder.parent, self.folder.name) / f"{key}.{self.suffix}"

    def get(self, data: bytes) -> bytes | None:
        """What was kept for this input, or None (nothing kept, or not an ordinary file)."""
        key = self.key(data)
        kept = read_entry(self._path(key))
        if kept is not None:
            self.used.add(key)
        return kept

    def keep(self, data: bytes) -> None:
        """Mark this input's entry as used by this build (known here already)."""
        self.used.add(self.key(data))

    def put(self, data: bytes, result: bytes) -> None:
        key = self.key(data)
        _write_entry(self._path(key), result)
        self.used.add(key)

    def prune(self) -> None:
        """Remove the entries this build did not use; only files named by a key."""
        name = re.compile(rf"[0-9a-f]{{64}}\.{re.escape(self.suffix)}")
        with contextlib.suppress(FileNotFoundError):
            for entry in os.scandir(own_folder(self.folder.parent, self.folder.name)):
                stem = entry.name.rsplit(".", 1)[0]
                if name.fullmatch(entry.name) and stem not in self.used:
                    with contextlib.suppress(FileNotFoundError):
                        os.unlink(entry.path)  # a link is removed, never followed
