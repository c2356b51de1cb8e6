"""Facts about a written PDF, read back from its bytes (for the download description)."""

from __future__ import annotations

import io

import pikepdf


def page_count(data: bytes) -> int:
    """How many pages the PDF has: read from the file, not from the renderer, so it
    is true of whatever wrote the file."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        return len(pdf.pages)
