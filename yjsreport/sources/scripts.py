"""Whether authored text carries a script: decided here, for every kind of authored file.

A script in a published page can write anything, a case id put together from two
strings included, and no check of the published text can see what it will write.
The site's content security policy stops inline scripts in a browser that honours
it, but the downloads, the search index and other hosts do not carry the policy, so
authored content carries no script at all: no script element or other element that
loads or runs code (iframe, object, embed...), no event-handler attribute (onload=,
onerror=...), no `javascript:` or `vbscript:` address and no `data:` address of a
page or drawing. Report text refuses raw HTML altogether (yjsreport/prose/markdown.py);
this rule covers what reaches a page without that check: YAML strings and the
site's own Markdown pages, which MkDocs publishes as written.

Character references (`&#106;avascript:`) and the tabs and line breaks a browser
drops from an address are read as a browser reads them.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

_REFERENCE = re.compile(r"&(#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[A-Za-z][A-Za-z0-9]*;)")
_ELEMENTS = "script|iframe|frame|frameset|object|embed|applet|base|meta|link|portal"
_FOUND = re.compile(
    rf"(?P<element><\s*(?:{_ELEMENTS})\b)"
    r"|(?P<handler><[A-Za-z][^>]*?[\s/\"'](?P<name>on[A-Za-z]+)\s*=)"
    r"|(?P<address>\b(?:j[\t\n\r]*a[\t\n\r]*v[\t\n\r]*a|v[\t\n\r]*b)[\t\n\r]*"
    r"s[\t\n\r]*c[\t\n\r]*r[\t\n\r]*i[\t\n\r]*p[\t\n\r]*t[\t\n\r]*:"
    r"|\bdata[\t\n\r]*:[^,;\s]*(?:html|svg|xml|script))",
    re.IGNORECASE,
)
RULE = (
    "authored content may not carry a script: write text, and link only to web or e-mail addresses"
)


@dataclass(frozen=True)
class Script:
    """Where in the text a script starts (a character index) and what it is."""

    start: int
    what: str


def _decoded(text: str) -> tuple[str, list[int]]:
    """The text with character references resolved, and each character's index in `text`."""
    out: list[str] = []
    origins: list[int] = []
    at = 0
    for match in _REFERENCE.finditer(text):
        out.append(text[at : match.start()])
        origins.extend(range(at, match.start()))
        resolved = html.unescape(match.group())
        out.append(resolved)
        origins.extend([match.start()] * len(resolved))
        at = match.end()
    out.append(text[at:])
    origins.extend(range(at, len(text)))
    return "".join(out), origins


def find_script(text: str) -> Script | None:
    """The first script the text carries, if any."""
    if not any(c in text for c in "<:&"):
        return None
    decoded, origins = _decoded(text)
    match = _FOUND.search(decoded)
    if match is None:
        return None
    if match["element"]:
        name = re.sub(r"[<\s]", "", match["element"]).lower()
        what = f"a <{name}> element"
    elif match["handler"]:
        what = f"an event-handler attribute ({match['name'].lower()}=)"
        return Script(origins[match.start("name")], what)
    else:
        scheme = re.sub(r"\s", "", match["address"]).lower()
        what = f"a script address ({scheme.split(':', 1)[0]}:)"
    return Script(origins[match.start()], what)


def message(script: Script) -> str:
    return f"{script.what} is not allowed: {RULE}"
