"""Where each page and download lives in the built site."""

from __future__ import annotations

HOME = "index.md"
ACCESSIBILITY = "accessibility.md"  # the accessibility statement


def report_src(slug: str) -> str:
    return f"inspections/{slug}/index.md"


def report_dir(slug: str) -> str:
    return f"inspections/{slug}"


def pdf_name(slug: str) -> str:
    return f"{slug}.pdf"


def json_name(slug: str) -> str:
    return f"{slug}-data.json"


def csv_name(slug: str) -> str:
    return f"{slug}-data.csv"
