"""The only way the PDF renderer may read a file: from under the project's folders.

A report must be the same on every machine and must never depend on the network,
so every URL WeasyPrint asks for (stylesheets, fonts, images) is checked here:
``file:`` URLs of files under the allowed folders are served, and anything else
(http, data:, files elsewhere, a path that escapes through ``..`` or a link) is
refused with an error that names the URL and the allowed folders.

Template folders are layers: a file asked for under one of them is served from the
first layer that has a file at the same relative path, so a content repository's own
stylesheet or font replaces the packaged one (see ``yjsreport.resources``).
"""

from __future__ import annotations

import mimetypes
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

from weasyprint.urls import URLFetcher, URLFetcherResponse


class RefusedURL(ValueError):
    """A URL the renderer is not allowed to read."""


class ProjectFetcher(URLFetcher):
    """Serves files under `roots` and refuses every other URL.

    `fail_on_errors` makes a refusal stop the rendering, rather than WeasyPrint
    logging a warning and leaving a stylesheet or image out of the PDF.
    """

    def __init__(self, roots: Iterable[Path], layers: Iterable[Path] = ()) -> None:
        super().__init__(fail_on_errors=True)
        self.layers = tuple(Path(r).resolve() for r in layers)
        self.roots = (*self.layers, *(Path(r).resolve() for r in roots))
        self.absent: set[str] = set()  # files of earlier layers looked for, not there

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
        path = self.resolve(url)
        media_type, _ = mimetypes.guess_type(path.name)
        headers_out = {"Content-Type": media_type or "application/octet-stream"}
        return URLFetcherResponse(path.as_uri(), path.read_bytes(), headers_out)

    def resolve(self, url: str) -> Path:
        """The file a URL names, if the renderer may read it; RefusedURL otherwise."""
        parts = urlsplit(url)
        if parts.scheme.lower() != "file" or parts.netloc not in ("", "localhost"):
            raise RefusedURL(f"refused to fetch {url!r}: {self._allowed()}")
        path = self._layered(Path(url2pathname(parts.path)).resolve())
        if not any(path.is_relative_to(root) for root in self.roots):
            raise RefusedURL(f"refused to fetch {url!r}: it is outside {self._allowed()}")
        if not path.is_file():
            raise RefusedURL(f"cannot fetch {url!r}: no such file")
        return path

    def _layered(self, path: Path) -> Path:
        """The file at this path's place in the first layer that has one (the path
        itself when it is in no layer or in none of them)."""
        layer = next((r for r in self.layers if path.is_relative_to(r)), None)
        if layer is None:
            return path
        place = path.relative_to(layer)
        for candidate in self.layers:
            found = (candidate / place).resolve()
            if found.is_file() and found.is_relative_to(candidate):
                return found
            self.absent.add(str(candidate / place))
        return path

    def _allowed(self) -> str:
        return "only files under " + " and ".join(str(r) for r in self.roots) + " may be read"
