"""A content repository of an inspectorate's own, made by `yjsreport init`.

It holds only what is the inspectorate's: its settings, its copy of the framework
files (frameworks are content: a new version is added beside the old ones, which
published reports still name), its pages, the publishing workflow and the git hook.
Templates, theme and code come from the installed package, so the repository builds
with it alone.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from string import Template

from yjsreport import __version__
from yjsreport.authoring.schemas import write_schemas
from yjsreport.framework.load import load_frameworks
from yjsreport.resources import CONSTRAINTS, FRAMEWORKS, STARTER

# starter file -> where it goes in the new repository
STARTER_FILES = {
    "mkdocs.yml": "mkdocs.yml",
    "README.md": "README.md",
    "requirements.txt": "requirements.txt",
    "gitignore": ".gitignore",
    "pre-commit-config.yaml": ".pre-commit-config.yaml",
    "publish.yml": ".github/workflows/publish.yml",
    "dependabot.yml": ".github/dependabot.yml",
    # the Debian packages the build needs, as this project's own CI installs them
    "system-packages": ".github/system-packages",
}
KEEP = ".gitkeep"  # git keeps no empty folder
CONSTRAINTS_FILE = "constraints.txt"
EMPTY_FOLDERS = ("content/inspections", "pages")


class RepositoryError(Exception):
    """The folder cannot become a content repository (it is not empty, say)."""


def init_repository(
    folder: Path, *, site_name: str, site_url: str, contact_email: str
) -> list[Path]:
    """Write a new content repository into `folder` (made if missing; it must be
    empty, so nothing is ever overwritten) and return the files written."""
    if folder.exists() and not folder.is_dir():
        raise RepositoryError(f"{folder} is a file, not a folder")
    if folder.is_dir() and any(folder.iterdir()):
        raise RepositoryError(
            f"{folder} is not empty; nothing was written (a content repository starts "
            "in a new or empty folder, so no file of yours is replaced)"
        )
    values = {
        "site_name": _yaml_string(site_name),
        "site_url": _yaml_string(site_url),
        "contact_email": _yaml_string(contact_email),
        "version": __version__,
    }
    written: list[Path] = []
    for source, target in STARTER_FILES.items():
        text = (STARTER / source).read_text(encoding="utf-8")
        if source in ("mkdocs.yml", "requirements.txt"):
            text = Template(text).substitute(values)
        written.append(_write(folder / target, text))
    written.append(_write(folder / CONSTRAINTS_FILE, _constraints()))
    frameworks = folder / "content" / "frameworks"
    frameworks.mkdir(parents=True)
    # the framework versions and the report formats that lay them out (formats/)
    for path in sorted([*FRAMEWORKS.glob("*.yaml"), *FRAMEWORKS.glob("formats/*.yaml")]):
        copied = frameworks / path.relative_to(FRAMEWORKS)
        copied.parent.mkdir(exist_ok=True)
        shutil.copyfile(path, copied)
        written.append(copied)
    for name in EMPTY_FOLDERS:
        written.append(_write(folder / name / KEEP, ""))
    written.extend(write_schemas(folder / "schemas", load_frameworks(frameworks)))
    return written


def _constraints() -> str:
    """The versions this yjsreport was tested with, for pip's `-c`: the workflow builds
    with them, so a new release of a dependency reaches the site only through a pull
    request that changes this file (and the checks that run on it)."""
    pins = CONSTRAINTS.read_text(encoding="utf-8")
    return (
        f"# The versions of yjsreport's dependencies that yjsreport {__version__} was tested\n"
        "# with, copied from the package by `yjsreport init`. The publishing workflow\n"
        "# installs with them (pip install -c constraints.txt -r requirements.txt).\n"
        "# On a yjsreport upgrade, copy the new version's file over this one.\n"
        + "".join(line + "\n" for line in pins.splitlines() if not line.startswith("#"))
    )


def _yaml_string(text: str) -> str:
    """A YAML scalar that reads back as exactly this text (JSON is YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
