"""The annual report's chart drawings, kept in the build cache between builds.

Drawing the charts took a quarter of a build with nothing changed. A drawing is a
function of the chart's data and style (its key, see charts.Chart), of our drawing
code, of matplotlib and the libraries it lays text out with, and of the fonts
matplotlib knows (its font list, which it keeps in its own cache folder and builds
again only when that file is missing). All of these go into the entry's key, with
the machine key (see render/derived_cache.py): a changed chart, library, font list
or line of drawing code draws afresh. Without a font list to read, nothing is kept.
"""

from __future__ import annotations

import os
from pathlib import Path

from yjsreport.annual import aggregates, charts
from yjsreport.render import wording
from yjsreport.render.cache_files import library_versions
from yjsreport.render.derived_cache import DerivedCache, source_digest
from yjsreport.rules import ratings

FOLDER = "charts"
# Distributions whose code decides a drawing's bytes: matplotlib and what it lays out with.
_DISTRIBUTIONS = ("matplotlib", "numpy", "kiwisolver", "pyparsing", "fonttools", "pillow")


def _matplotlib_cache() -> Path:
    """Where matplotlib keeps its font list, found as matplotlib finds it (without
    importing matplotlib, which a build with nothing to draw need not pay for)."""
    configured = os.environ.get("MPLCONFIGDIR")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "matplotlib"


def fingerprint() -> str | None:
    """What decides a drawing besides its key; None where matplotlib has no font list
    yet (it makes one on the first drawing; the next build can keep drawings)."""
    try:
        font_lists = sorted(_matplotlib_cache().glob("fontlist-*.json"))
    except OSError:
        return None
    if not font_lists:
        return None
    code = [Path(m.__file__ or "") for m in (charts, aggregates, wording, ratings)]
    return "\n".join(
        [
            *library_versions(*_DISTRIBUTIONS),
            *(f"{p.name} {source_digest(p)}" for p in font_lists),
            source_digest(*code),
        ]
    )


def drawing_cache(project: Path) -> DerivedCache | None:
    """The kept drawings beside the project's mkdocs.yml, or None where they cannot be
    keyed (see `fingerprint`)."""
    found = fingerprint()
    return None if found is None else DerivedCache.beside(project, FOLDER, found, "svg")
