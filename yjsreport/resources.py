"""Where the files that come with yjsreport are: templates, theme, framework files and
the pinned versions of its dependencies.

In this repository they are `templates/`, `content/frameworks/` and `requirements/`
beside the package; in an installed wheel they are under `yjsreport/_data/` (setup.py
maps them there), so there is one copy of each, found here in either place. A content
repository's own `templates/` folder comes first: a file there replaces the packaged
file of the same name, as MkDocs' `custom_dir` does for a theme.
"""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

PACKAGE = Path(__file__).resolve().parent
_INSTALLED = PACKAGE / "_data"
_CLONE = PACKAGE.parent
STARTER = PACKAGE / "starter"  # the files `yjsreport init` writes (package data)


def _packaged(installed: str, in_clone: str) -> Path:
    folder = _INSTALLED / installed
    return folder if folder.is_dir() else _CLONE / in_clone


TEMPLATES = _packaged("templates", "templates")
FRAMEWORKS = _packaged("frameworks", "content/frameworks")
# The versions yjsreport is tested with, every dependency pinned (uv pip compile)
CONSTRAINTS = _packaged("requirements", "requirements") / "constraints.txt"
THEME_FOLDER = "site"  # the MkDocs theme, under a templates folder

# The `mkdocs.themes` entry point: MkDocs takes a theme's folder from the `__file__` of
# what the entry point names, so this stands for the packaged theme wherever it is.
THEME = SimpleNamespace(__file__=str(TEMPLATES / THEME_FOLDER / "mkdocs_theme.yml"))


def template_folders(project_templates: Path) -> tuple[Path, ...]:
    """The folders a template, stylesheet or font is looked for in, first match wins:
    the project's own (which need not exist), then the packaged ones."""
    own = project_templates.resolve()
    return (TEMPLATES,) if own == TEMPLATES else (own, TEMPLATES)
