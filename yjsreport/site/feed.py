"""The Atom feed of publications (RFC 4287), so readers and other sites hear of a
new report without visiting.

Every date comes from the content (publication dates), never the clock, so the
same content gives the same bytes. Only published reports are entries: a draft
is never in the feed, even in a preview build.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr


@dataclass(frozen=True)
class Entry:
    title: str
    url: str  # absolute
    published: dt.date
    summary: str


def _stamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def atom(title: str, site_url: str, feed_url: str, entries: Sequence[Entry]) -> str:
    """The feed, newest first; its `updated` is the newest publication date."""
    ordered = sorted(entries, key=lambda e: (e.published, e.url), reverse=True)
    updated = ordered[0].published if ordered else dt.date(1970, 1, 1)
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en-GB">',
        f"<title>{escape(title)}</title>",
        f"<id>{escape(site_url)}</id>",
        f'<link rel="alternate" type="text/html" href={quoteattr(site_url)}/>',
        f'<link rel="self" type="application/atom+xml" href={quoteattr(feed_url)}/>',
        f"<updated>{_stamp(updated)}</updated>",
        f"<author><name>{escape(title)}</name></author>",
    ]
    for e in ordered:
        lines += [
            "<entry>",
            f"<title>{escape(e.title)}</title>",
            f"<id>{escape(e.url)}</id>",
            f'<link rel="alternate" type="text/html" href={quoteattr(e.url)}/>',
            f"<published>{_stamp(e.published)}</published>",
            f"<updated>{_stamp(e.published)}</updated>",
            f"<summary>{escape(e.summary)}</summary>",
            "</entry>",
        ]
    lines.append("</feed>")
    return "\n".join(lines) + "\n"
