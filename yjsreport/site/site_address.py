"""The site's published address (`site_url`): required for a published build.

Canonical links, Open Graph addresses, the feed and the sitemap all start from
it, so a published site built with the placeholder would point every reader and
search engine at an address that does not exist. A draft build or a preview may
go without one: nothing in it is meant to be linked to.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from yjsreport.errors import Problem

# Domains reserved never to resolve (RFC 2606 and 6761): a placeholder, never a site.
PLACEHOLDER_SUFFIXES = (".invalid", ".example", ".test", ".localhost")
ENVIRONMENT = "YJSREPORT_SITE_URL"  # mkdocs.yml reads the address from it (!ENV)


def is_placeholder(site_url: str | None) -> bool:
    if not site_url:
        return True
    host = (urlsplit(site_url).hostname or "").rstrip(".")
    return not host or host == "localhost" or host.endswith(PLACEHOLDER_SUFFIXES)


def _line_of_key(config_file: Path, key: str) -> tuple[int | None, int | None]:
    try:
        lines = config_file.read_text(encoding="utf-8").splitlines()
    except OSError:
        return None, None
    for number, line in enumerate(lines, start=1):
        if line.startswith(f"{key}:"):
            value = line[len(key) + 1 :]
            return number, len(key) + 2 + (len(value) - len(value.lstrip()))
    return None, None


def address_problem(config_file: Path, site_url: str | None) -> Problem | None:
    """The located problem with a published build's address, or None where it is set."""
    if not is_placeholder(site_url):
        return None
    line, column = _line_of_key(config_file, "site_url")
    got = f"got {site_url!r}, a placeholder" if site_url else "it is not set"
    return Problem(
        config_file,
        f"site_url: a published build needs the address the site is published at, such as "
        f"https://reports.example.gov.uk/ ({got}); set it here or in the {ENVIRONMENT} "
        "environment variable, or build a preview with --drafts",
        line,
        column,
    )
