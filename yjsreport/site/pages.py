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


def characteristics_name(slug: str) -> str:
    return f"{slug}-characteristics.csv"


DATA = "data/index.md"  # the data dictionary, beside the downloads' JSON Schema
DATA_DIR = "data"
SEARCH = "search/index.md"  # the search page; its index is a script beside it
SEARCH_INDEX = "search/search-index.js"
FEED = "feed.xml"  # the Atom feed of publications
PACKAGE = "datapackage.json"  # per report folder, and the archive's at the root


def page_href(src: str) -> str:
    """A page's address as a file, which works from disk and on a server alike:
    'inspections/x/index.md' is 'inspections/x/index.html', never 'inspections/x/'."""
    return src.removesuffix(".md") + ".html"
