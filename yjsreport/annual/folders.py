"""Where annual reports live: content/annual/<year>/.

Apart from loading them, so a build can ask whether there are any without importing
the annual report's models and figures.
"""

from __future__ import annotations

from pathlib import Path

ANNUAL_FOLDER = "annual"


def find_annuals(content: Path) -> list[Path]:
    root = content / ANNUAL_FOLDER
    if not root.is_dir():
        return []
    return sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith("."))
