"""Where each page and download lives in the built site."""

from __future__ import annotations

HOME = "index.md"
ACCESSIBILITY = "accessibility.md"  # the accessibility statement


def report_src(slug: str) -> str:
    return f"inspections/{slug}/index.md"


def data_annex_src(slug: str) -> str:
    """The data annex a format publishes beside the report, a page of its own."""
    return f"inspections/{slug}/data-annex.md"


def glossary_src(slug: str) -> str:
    return f"inspections/{slug}/glossary.md"


# From the report's page to its data annex and glossary, and back.
DATA_ANNEX_LINK = "data-annex/"
GLOSSARY_LINK = "glossary/"
REPORT_LINK = "../"


def report_dir(slug: str) -> str:
    return f"inspections/{slug}"


def pdf_name(slug: str) -> str:
    return f"{slug}.pdf"


def annex_pdf_name(slug: str) -> str:
    """The data annex's PDF, beside the report's, in the report's folder."""
    return f"{slug}-data-annex.pdf"


def json_name(slug: str) -> str:
    return f"{slug}-data.json"


def csv_name(slug: str) -> str:
    return f"{slug}-data.csv"
