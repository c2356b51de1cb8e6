"""The preview answers only requests addressed to this computer by a loopback name.

`serve` shows drafts, case figures and all. A web page open in the same browser can
point a name it controls at 127.0.0.1 ("DNS rebinding") and then read the preview as
if it were its own site; the only sign is the Host header, which still carries the
page's name. So a request whose Host is not a loopback name (localhost, 127.0.0.1,
[::1]) or the address the preview was bound to, with the preview's own port, is
refused with 403 before MkDocs' server sees it.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Callable, Iterable
from typing import Any

_HOST = re.compile(r"(\[[0-9a-f:.]+\]|[^:\[\]]+)(?::([0-9]{1,5}))?")
LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "[::1]"})
REFUSED = (
    b"403 Forbidden: this preview answers only at a loopback address "
    b"(localhost, 127.0.0.1 or [::1]) with its own port.\n"
)

StartResponse = Callable[..., Any]
App = Callable[[dict[str, Any], StartResponse], Iterable[bytes]]


def _literal(host: str) -> str | None:
    """The bound address as it appears in a Host header, if it is an address at all."""
    try:
        address = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return None
    if address.is_unspecified:  # 0.0.0.0 or :: is no name a request is sent to
        return None
    return f"[{address}]" if address.version == 6 else str(address)


def host_allowed(header: str | None, port: int, bound: str) -> bool:
    """Whether a Host header names this preview: a loopback name (or the address it
    was bound to) and, where a port is given, the preview's own."""
    found = _HOST.fullmatch((header or "").strip().lower())
    if found is None:
        return False
    name, given = found.groups()
    if int(given or 80) != port:  # no port in the header means 80
        return False
    allowed = set(LOOPBACK_NAMES)
    if (literal := _literal(bound)) is not None:
        allowed.add(literal)
    return name in allowed


def guard_hosts(app: App, bound: str) -> App:
    """`app` behind the Host check; the port is the one the server actually listens on."""

    def guarded(environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        port = int(environ.get("SERVER_PORT") or 0)
        if host_allowed(environ.get("HTTP_HOST"), port, bound):
            return app(environ, start_response)
        start_response(
            "403 Forbidden",
            [("Content-Type", "text/plain; charset=utf-8"), ("Content-Length", str(len(REFUSED)))],
        )
        return [REFUSED]

    return guarded
