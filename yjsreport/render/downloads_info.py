"""Downloads described as GOV.UK describes attachments: "PDF, 240 KB, 44 pages".

Computed from the bytes of the real files, so the description is true of what is
offered and the same on every build of the same content.
"""

from __future__ import annotations

# Where a report page says what its PDF is; filled in once the PDF has been written.
PDF_SLOT = '<span class="download-meta" data-describe="pdf"></span>'


def human_size(size: int) -> str:
    """A byte count as GOV.UK shows it: three significant figures, 1 KB = 1024 bytes."""
    if size < 1024:
        return f"{size} bytes"
    value, unit = size / 1024, "KB"
    if value >= 1000:  # 1000 KB reads better as 0.98 MB; GOV.UK switches at 1 MB
        value, unit = size / 1024 / 1024, "MB"
    digits = max(0, 2 - len(str(int(value))) + 1)
    shown = f"{value:.{digits}f}".rstrip("0").rstrip(".") if digits else f"{round(value)}"
    return f"{shown} {unit}"


def describe(kind: str, data: bytes, pages: int | None = None) -> str:
    """'CSV, 3.2 KB' or, for a document with pages, 'PDF, 240 KB, 44 pages'."""
    parts = [kind.upper(), human_size(len(data))]
    if pages is not None:
        parts.append(f"{pages} page" if pages == 1 else f"{pages} pages")
    return ", ".join(parts)


def fill_pdf_slot(page_html: str, description: str) -> str:
    """The report page with its PDF's description in the slot left for it."""
    return page_html.replace(PDF_SLOT, f'<span class="download-meta">{description}</span>', 1)
