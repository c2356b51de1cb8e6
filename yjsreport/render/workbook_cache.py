"""The downloads' workbooks, kept in the build cache between builds.

Writing two workbooks for each inspection with openpyxl took a fifth of a build
of 150 inspections with nothing changed. A workbook's bytes are a function of its
cells, title, date and sheet name (the entry's input), of our writing code
(workbook.py) and of openpyxl and zlib, which go into the key with the machine key
(see derived_cache.py): a changed cell or library makes the workbook afresh.
"""

from __future__ import annotations

import zlib
from pathlib import Path

from yjsreport.render import workbook
from yjsreport.render.cache_files import library_versions
from yjsreport.render.derived_cache import DerivedCache, source_digest

FOLDER = "workbooks"
_DISTRIBUTIONS = ("openpyxl", "et-xmlfile")


def fingerprint() -> str:
    """What decides a workbook's bytes besides its cells: our code, openpyxl, zlib."""
    return "\n".join(
        [
            *library_versions(*_DISTRIBUTIONS),
            f"zlib {zlib.ZLIB_RUNTIME_VERSION}",
            source_digest(Path(workbook.__file__)),
        ]
    )


def workbook_cache(project: Path) -> DerivedCache:
    """The kept workbooks beside the project's mkdocs.yml."""
    return DerivedCache.beside(project, FOLDER, fingerprint(), "xlsx")
