"""Where each page and download lives in the built site."""

from __future__ import annotations

from yjsreport.pdf.names import annex_name

HOME = "index.md"
ACCESSIBILITY = "accessibility.md"  # the accessibility statement


def report_src(slug: str) -> str:
    return f"inspections/{slug}/index.md"


def data_annex_src(slug: str) -> str:
    """The data annex a format publishes beside the report, a page of its own."""
    return f"inspections/{slug}/data-annex/index.md"


def glossary_src(slug: str) -> str:
    return f"inspections/{slug}/glossary/index.md"


# From the report's page to its data annex and glossary, and back: each link names its
# file, so that the site also works opened from disk.
DATA_ANNEX_LINK = "data-annex/index.html"
GLOSSARY_LINK = "glossary/index.html"
REPORT_LINK = "../index.html"


def report_dir(slug: str) -> str:
    return f"inspections/{slug}"


def pdf_name(slug: str) -> str:
    return f"{slug}.pdf"


def annex_pdf_name(slug: str) -> str:
    """The data annex's PDF, beside the report's, in the report's folder."""
    return f"{annex_name(slug)}.pdf"


def json_name(slug: str) -> str:
    return f"{slug}-data.json"


def csv_name(slug: str) -> str:
    return f"{slug}-data.csv"


def characteristics_name(slug: str) -> str:
    return f"{slug}-characteristics.csv"


def workbook_name(csv_name: str) -> str:
    """The Excel workbook offered beside a CSV download, named after it."""
    return csv_name.removesuffix(".csv") + ".xlsx"


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
