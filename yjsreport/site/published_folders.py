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


def _line(config_file: Path, key: str) -> int | None:
    try:
        lines = config_file.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    return next((n for n, line in enumerate(lines, 1) if line.strip().startswith(f"{key}:")), None)
