"""A build cache for PDFs that can never serve a stale file.

A PDF is a function of its print HTML, of the files WeasyPrint reads while laying
it out (stylesheets, images, fonts loaded by ``@font-face``), of the system fonts
and fontconfig set-up, of the libraries (WeasyPrint, pydyf and theirs, Pango,
HarfBuzz, zlib) and of our own code in ``yjsreport/pdf/`` (the tag repair above
all). Each entry is keyed in two steps:

* the *key* hashes everything known before rendering: the HTML, base URL, PDF
  identifier, the environment fingerprint (versions, native libraries, fonts,
  our code);
* the entry's *manifest* lists every file the renderer fetched with the SHA-256 of
  its bytes, checked again on every lookup. The files fetched are decided by the
  HTML and by those files, so if none of them changed the same ones would be read.

A missing, partial or corrupt entry is a miss, so the folder is safe to delete at
any time; entries are written to a temporary name and renamed into place. No folder
of the cache may be a link, entries are never read through one, and pruning deletes
only files named as this cache names its entries (render/cache_files.py).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import zlib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from yjsreport.render.cache_files import (
    CACHE_FOLDER,
    file_line,
    library_versions,
    machine_key,
    own_folder,
    read_entry,
    write_entry,
)

PDF_FOLDER = "pdf"
KEEP_PER_REPORT = 3  # entries kept for one report (e.g. a draft and its published build)
FORMAT = 1  # bump when the entry layout changes
ABSENT = "absent"  # in a manifest: a file looked for and not there, which must stay so

# Distributions whose code shapes the PDF bytes: WeasyPrint and what it renders with.
_DISTRIBUTIONS = (
    "weasyprint",
    "pydyf",
    "fonttools",
    "tinycss2",
    "cssselect2",
    "tinyhtml5",
    "pyphen",
    "pillow",
    "brotli",
    "zopfli",
)
# Native libraries (as mapped into this process) that lay out, shape, subset or compress.
_NATIVE = re.compile(
    r"lib(pango|harfbuzz|fontconfig|freetype|fribidi|glib|gobject|z|png|jpeg|webp|brotli)[-.\d]",
)
_OWN_CODE = Path(__file__).resolve().parent  # yjsreport/pdf/: document, fetcher, tagging, here


ENTRY_NAME = re.compile(r"[0-9a-f]{64}\.json")  # a manifest's name: its key


def default_folder(project: Path) -> Path:
    """The cache beside the project's mkdocs.yml, outside site/ (and ignored by git);
    CacheLinkError if a folder of it is a link."""
    return own_folder(project, CACHE_FOLDER, PDF_FOLDER)


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _native_libraries() -> list[str]:
    """Shared libraries WeasyPrint has loaded, by path, size and time: an upgrade of
    Pango or HarfBuzz changes them. (Linux; elsewhere Pango's version stands in.)"""
    import weasyprint.text.ffi as text_ffi  # loads Pango, HarfBuzz and fontconfig

    lines = [f"pango {text_ffi.pango.pango_version()}"]
    try:
        maps = Path("/proc/self/maps").read_text(encoding="utf-8")
    except OSError:
        return lines
    paths = {line.split(None, 5)[5] for line in maps.splitlines() if len(line.split(None, 5)) == 6}
    lines += [file_line(p) for p in sorted(paths) if _NATIVE.search(os.path.basename(p))]
    return lines


def system_fonts() -> list[str]:
    """Every font file and configuration file fontconfig knows, by path, size and time.

    Which system font the CSS's families resolve to depends on all of them, so any
    font installed, removed or replaced (or a changed fonts.conf) changes the key.
    Read through a fresh fontconfig configuration, so `FONTCONFIG_FILE` is honoured.
    """
    from weasyprint.text.ffi import ffi, fontconfig

    config = fontconfig.FcInitLoadConfigAndFonts()
    try:
        files: list[str] = []
        fonts = fontconfig.FcConfigGetFonts(config, fontconfig.FcSetSystem)
        value = ffi.new("FcChar8 **")
        for i in range(fonts.nfont if fonts != ffi.NULL else 0):
            if fontconfig.FcPatternGetString(fonts.fonts[i], b"file", 0, value) == 0:
                files.append(ffi.string(value[0]).decode("utf-8", "surrogateescape"))
        conf = fontconfig.FcConfigGetConfigFiles(config)
        while True:
            name = fontconfig.FcStrListNext(conf)
            if name == ffi.NULL:
                break
            files.append(ffi.string(name).decode("utf-8", "surrogateescape"))
    finally:
        fontconfig.FcConfigDestroy(config)
    return [file_line(f) for f in sorted(set(files))]


def own_code() -> list[str]:
    return [f"{p.name} {_sha256(p.read_bytes())}" for p in sorted(_OWN_CODE.glob("*.py"))]


@cache
def environment_fingerprint() -> str:
    """Everything outside the HTML and its files that decides a PDF's bytes; computed
    once per process (a font installed mid-build is seen by the next build)."""
    parts = [
        f"format {FORMAT}",
        *library_versions(*_DISTRIBUTIONS),
        f"zlib {zlib.ZLIB_RUNTIME_VERSION}",
        *_native_libraries(),
        *system_fonts(),
        *own_code(),
    ]
    parts.append(machine_key())  # a PDF planted in the project's cache never matches
    return _sha256("\n".join(parts).encode())


def entry_key(html: str, base_url: str, ident: bytes, fingerprint: str) -> str:
    digest = hashlib.sha256()
    for piece in (fingerprint.encode(), base_url.encode(), ident, html.encode()):
        digest.update(len(piece).to_bytes(8, "big"))
        digest.update(piece)
    return digest.hexdigest()


@dataclass(frozen=True)
class PdfCache:
    """Entries under `folder`, one sub-folder per report name."""

    folder: Path

    def _paths(self, name: str, key: str) -> tuple[Path, Path]:
        base = own_folder(self.folder.parent, self.folder.name, name)
        return base / f"{key}.json", base / f"{key}.pdf"

    def get(self, name: str, key: str) -> bytes | None:
        """The PDF stored under this key if every file it read is unchanged; else None."""
        manifest_path, pdf_path = self._paths(name, key)
        text, data = read_entry(manifest_path), read_entry(pdf_path)
        if text is None or data is None:
            return None
        try:
            manifest = json.loads(text)
            files = [(str(path), str(digest)) for path, digest in manifest.get("files", [])]
        except (ValueError, TypeError, AttributeError):
            return None
        if manifest.get("pdf") != _sha256(data):
            return None
        for path, digest in files:  # project files: ordinary files only, links followed
            if digest == ABSENT:  # looked for and not there: still not there
                if os.path.lexists(path):
                    return None
                continue
            read = read_entry(Path(path), follow=True)
            if read is None or _sha256(read) != digest:
                return None
        with contextlib.suppress(OSError):
            os.utime(manifest_path, follow_symlinks=False)  # most recently used: kept
        return data

    def put(self, name: str, key: str, data: bytes, files: dict[str, str]) -> None:
        """Store a PDF with the files it read (path to SHA-256); atomic per file."""
        manifest_path, pdf_path = self._paths(name, key)
        manifest = {"format": FORMAT, "pdf": _sha256(data), "files": sorted(files.items())}
        write_entry(pdf_path, data)
        write_entry(manifest_path, json.dumps(manifest, indent=1).encode())
        self._prune(manifest_path)

    def _prune(self, newest: Path) -> None:
        """Keep the few most recently used entries of one report (the one just written
        among them), so the cache stays about the size of the site's PDFs. Only the
        cache's own entries are counted or deleted: files named by a key."""
        manifests = sorted(
            (p for p in newest.parent.iterdir() if ENTRY_NAME.fullmatch(p.name) and p != newest),
            key=_modified,
            reverse=True,
        )
        for old in manifests[KEEP_PER_REPORT - 1 :]:
            old.with_suffix(".pdf").unlink(missing_ok=True)
            old.unlink(missing_ok=True)


def _modified(path: Path) -> int:
    try:
        return path.lstat().st_mtime_ns
    except OSError:  # removed meanwhile by another build's pruning
        return 0
