"""MkDocs publishes every file in docs_dir and every static file of the theme's folders,
so none of them may be, hold or lie inside the content folder: `docs_dir: content` (or
`.`, or a theme `custom_dir` there) would copy every case file, drafts' too, into the
site. Checked when the configuration is read, for `build` and `serve` alike."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from yjsreport.errors import Problem, display_path


def copied_folders(config: MkDocsConfig) -> list[tuple[str, str, Path]]:
    """Each folder MkDocs copies files from into the site: how to name it, the key of
    mkdocs.yml that sets it, and where it is."""
    custom = config.theme.custom_dir
    found = [("docs_dir", "docs_dir", Path(config.docs_dir))]
    for folder in config.theme.dirs:
        is_custom = custom is not None and Path(folder) == Path(custom)
        found.append(("custom_dir" if is_custom else "theme folder", "custom_dir", Path(folder)))
    return [(name, key, folder.resolve()) for name, key, folder in found]


def exposure_problem(config: MkDocsConfig, content: Path) -> Problem | None:
    """The first copied folder that would publish the content folder, if any."""
    content = content.resolve()
    for name, key, folder in copied_folders(config):
        if folder == content:
            how = "is"
        elif content.is_relative_to(folder):
            how = "holds"
        elif folder.is_relative_to(content):
            how = "is inside"
        else:
            continue
        config_file = Path(config.config_file_path or "mkdocs.yml")
        return Problem(
            config_file,
            f"{name} {display_path(folder)!r} {how} the content folder; MkDocs publishes "
            "every file there, so the case files would be published: keep the site's pages "
            "and theme outside the content folder (as templates/pages and templates/site)",
            _line(config_file, key),
        )
    return None


# What a folder of the site's own pages holds: pages, their images, styles and scripts,
# and documents offered for download. Anything else (a file with no suffix, such as
# /etc/passwd under `docs_dir: /etc`, a database, a key) is not a page's.
PAGE_SUFFIXES = frozenset(
    {".md", ".markdown", ".html", ".htm", ".css", ".js", ".png", ".jpg", ".jpeg", ".gif"}
    | {".svg", ".webp", ".avif", ".ico", ".woff", ".woff2", ".pdf", ".txt"}
)
MAX_PAGE_FILES = 5000


def foreign_file_problem(config: MkDocsConfig) -> Problem | None:
    """docs_dir holds only the site's own pages and their files: MkDocs publishes all of
    it, so a docs_dir set to a system or home folder would publish what it holds. Dot
    files and folders are left out, as MkDocs leaves them out."""
    folder = Path(config.docs_dir).resolve()
    config_file = Path(config.config_file_path or "mkdocs.yml")
    if not folder.is_dir():
        return None
    seen = 0
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if any(part.startswith(".") for part in relative.parts):
            continue
        seen += 1
        why = None
        if seen > MAX_PAGE_FILES:
            why = f"more than {MAX_PAGE_FILES:,} files"
        elif path.is_symlink():
            why = f"{relative.as_posix()!r}, a link"
        elif path.is_file() and path.suffix.lower() not in PAGE_SUFFIXES:
            why = f"{relative.as_posix()!r}, which is not a page, image, style or document"
        elif not path.is_dir() and not path.is_file():
            why = f"{relative.as_posix()!r}, which is not a regular file"
        if why is not None:
            return Problem(
                config_file,
                f"docs_dir {display_path(folder)!r} holds {why}; MkDocs publishes every file "
                "there: point docs_dir at a folder of the site's own pages (such as "
                "templates/pages)",
                _line(config_file, "docs_dir"),
            )
    return None


def _line(config_file: Path, key: str) -> int | None:
    try:
        lines = config_file.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    return next((n for n, line in enumerate(lines, 1) if line.strip().startswith(f"{key}:")), None)
