"""Facts about a written PDF, read back from its bytes (for the download description)."""

from __future__ import annotations

import io

from pypdf import PdfReader


def page_count(data: bytes) -> int:
    """How many pages the PDF has: read from the file, not from the renderer, so it
    is true of whatever wrote the file."""
    return len(PdfReader(io.BytesIO(data)).pages)
