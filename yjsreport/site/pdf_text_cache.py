"""A published PDF's or workbook's text, read once per file content and kept in the
build cache.

The privacy check reads every published PDF and workbook back (see
reader_text.pdf_texts and workbook_texts), which took most of a build with nothing
changed: pdftotext and a walk of every object of 51 PDFs, and the XML of every
workbook. The text is a function of the file's bytes and of the readers, so it is
kept under a key of the bytes themselves, the reading code (reader_text.py) and the
tools (pdftotext, pikepdf, pypdf, defusedxml): a file that changed by one byte, or a
reader that changed, is read afresh. The check still runs on every id against every
text.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

from yjsreport.render.cache_files import file_line, library_versions
from yjsreport.render.derived_cache import DerivedCache, source_digest
from yjsreport.site import reader_text

FOLDER = "pdf-text"
KEPT_SUFFIXES = frozenset({".pdf", ".xlsx"})  # slow to read; the rest are read each time


def _tool_line(name: str) -> str:
    tool = shutil.which(name)
    return f"{name} absent" if tool is None else file_line(tool)


def fingerprint() -> str:
    """The readers whose output the text is: our code, pdftotext, pikepdf and pypdf."""
    return "\n".join(
        [
            *library_versions("pikepdf", "pypdf", "defusedxml"),
            source_digest(Path(reader_text.__file__)),
            _tool_line("pdftotext"),
        ]
    )


def text_cache(project: Path) -> DerivedCache:
    return DerivedCache.beside(project, FOLDER, fingerprint(), "json")


def cached_reader(cache: DerivedCache) -> Callable[[Path], list[str]]:
    """`reader_text.file_texts`, with each PDF's and workbook's texts kept in `cache`."""

    def read(path: Path) -> list[str]:
        if path.suffix.lower() not in KEPT_SUFFIXES:
            return reader_text.file_texts(path)
        data = path.read_bytes()
        kept = cache.get(data)
        if kept is not None:
            try:
                texts = json.loads(kept)
            except ValueError:
                texts = None
            if isinstance(texts, list) and all(isinstance(t, str) for t in texts):
                return texts
        texts = reader_text.file_texts(path)
        cache.put(data, json.dumps(texts).encode("ascii"))
        return texts

    return read
