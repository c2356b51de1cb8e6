"""The faces the print stylesheets name must be installed before a PDF is set.

WeasyPrint asks fontconfig for each `font-family`, and fontconfig always answers
with *some* face: without Liberation Sans a report would be published in another
face (other metrics, so other line and page breaks) with no word said, and with no
fonts at all WeasyPrint fails deep inside. So each family the linked stylesheets
name is looked up first, and a family fontconfig does not have (it offers another
in its place) stops the PDF with the Debian package to install.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from yjsreport.errors import PdfError

# Where the faces the templates use come from (README: "The PDF is set in ...").
PACKAGES = {"liberation sans": "fonts-liberation", "dejavu sans": "fonts-dejavu-core"}
GENERIC = {"serif", "sans-serif", "monospace", "cursive", "fantasy", "system-ui", "inherit"}
_STYLESHEET = re.compile(r"<link\b[^>]*\brel=\"stylesheet\"[^>]*\bhref=\"([^\"#?]+)\"")
_FAMILY = re.compile(r"font-family\s*:\s*([^;}]+)", re.IGNORECASE)
_FONT_FACE = re.compile(r"@font-face\s*{([^}]*)}", re.IGNORECASE)


def _names(declaration: str) -> list[str]:
    names = (n.strip().strip("\"'").strip() for n in declaration.split(","))
    return [n for n in names if n and n.casefold() not in GENERIC]


def stylesheet_families(
    html: str, base: Path, locate: Callable[[Path], Path] | None = None
) -> dict[str, str]:
    """Each family the page's local stylesheets name (not those they load themselves
    with @font-face), with the first stylesheet that names it. `locate` finds the file
    a stylesheet's place names (the fetcher's: a project's own file before the package's)."""
    found: dict[str, str] = {}
    for href in _STYLESHEET.findall(html):
        if ":" in href:
            continue  # only the project's own stylesheets
        try:
            path = locate(base / href) if locate is not None else base / href
            css = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError, ValueError):
            continue  # the renderer reports a stylesheet it cannot read
        loaded = {
            n.casefold()
            for face in _FONT_FACE.findall(css)
            for declaration in _FAMILY.findall(face)
            for n in _names(declaration)
        }
        css = _FONT_FACE.sub("", css)
        for declaration in _FAMILY.findall(css):
            for name in _names(declaration):
                if name.casefold() not in loaded:
                    found.setdefault(name, href)
    return found


def installed(family: str) -> bool:
    """Whether fontconfig has a face of exactly this family (not one in its place)."""
    from weasyprint.text.ffi import ffi, fontconfig

    config = fontconfig.FcInitLoadConfigAndFonts()
    pattern = fontconfig.FcPatternCreate()
    try:
        fontconfig.FcPatternAddString(pattern, b"family", family.encode())
        fontconfig.FcConfigSubstitute(config, pattern, fontconfig.FcMatchPattern)
        fontconfig.FcDefaultSubstitute(pattern)
        result = ffi.new("FcResult *")
        match = fontconfig.FcFontMatch(config, pattern, result)
        if match == ffi.NULL:
            return False
        try:
            value = ffi.new("FcChar8 **")
            index = 0
            while fontconfig.FcPatternGetString(match, b"family", index, value) == 0:
                if ffi.string(value[0]).decode("utf-8", "replace").casefold() == family.casefold():
                    return True
                index += 1
            return False
        finally:
            fontconfig.FcPatternDestroy(match)
    finally:
        fontconfig.FcPatternDestroy(pattern)
        fontconfig.FcConfigDestroy(config)


def _and(items: list[str]) -> str:
    return ", ".join(items[:-1]) + " and " + items[-1] if len(items) > 1 else items[0]


def missing_message(missing: dict[str, str]) -> str:
    """One sentence: which faces are missing, named where, and what to install."""
    faces = _and([f"'{name}'" for name in missing])
    where = _and(sorted(set(missing.values())))
    packages = sorted({PACKAGES[n.casefold()] for n in missing if n.casefold() in PACKAGES})
    unknown = [f"'{n}'" for n in missing if n.casefold() not in PACKAGES]
    install = []
    if packages:
        plural = "s" if len(packages) > 1 else ""
        install.append(
            f"the Debian or Ubuntu package{plural} {_and(packages)} "
            f"(sudo apt-get install {' '.join(packages)})"
        )
    if unknown:
        install.append(f"a package providing {_and(unknown)}")
    verb = "is" if len(missing) == 1 else "are"
    return (
        f"the font{'s' if len(missing) > 1 else ''} {faces} named in {where} {verb} not "
        f"installed, and a PDF is never set in another face: install {' and '.join(install)}, "
        "then build again"
    )


def check_fonts(html: str, base: Path, locate: Callable[[Path], Path] | None = None) -> None:
    """PdfError naming every face the stylesheets need that is not installed."""
    families = stylesheet_families(html, base, locate)
    missing = {name: where for name, where in families.items() if not installed(name)}
    if missing:
        raise PdfError(missing_message(missing))
