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
import os
import shutil
import sys
from collections.abc import Callable
from importlib import metadata
from pathlib import Path

from yjsreport.render.derived_cache import DerivedCache, source_digest
from yjsreport.site import reader_text

FOLDER = "pdf-text"
KEPT_SUFFIXES = frozenset({".pdf", ".xlsx"})  # slow to read; the rest are read each time


def _tool_line(name: str) -> str:
    tool = shutil.which(name)
    if tool is None:
        return f"{name} absent"
    st = os.stat(tool)
    return f"{tool} {st.st_size} {st.st_mtime_ns} {st.st_ino}"


def _version(name: str) -> str:
    try:
        return f"{name} {metadata.version(name)}"
    except metadata.PackageNotFoundError:
        return f"{name} absent"


def fingerprint() -> str:
    """The readers whose output the text is: our code, pdftotext, pikepdf and pypdf."""
    return "\n".join(
        [
            f"python {sys.version}",
            source_digest(Path(reader_text.__file__)),
            _tool_line("pdftotext"),
            _version("pikepdf"),
            _version("pypdf"),
            _version("defusedxml"),
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
