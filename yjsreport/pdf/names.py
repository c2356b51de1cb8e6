"""What a report's PDFs are called: the report's by its slug, the data annex a format
publishes beside it by the slug and its part. Kept free of WeasyPrint, so that the site
can name the files without importing the renderer."""

from __future__ import annotations

# the data annex's part of its PDF identifier, and of its name beside the report's
ANNEX_PART = "data-annex"


def annex_name(slug: str) -> str:
    """The data annex's PDF by name (without '.pdf'), beside the report's."""
    return f"{slug}-{ANNEX_PART}"
