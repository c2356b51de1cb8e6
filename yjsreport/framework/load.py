"""Finding and loading framework versions from content/frameworks/."""

from __future__ import annotations

from pathlib import Path

from yjsreport.errors import ContentError, Problem
from yjsreport.framework.model import Framework
from yjsreport.sources.validation import validate
from yjsreport.sources.yamldoc import YamlProblem, read_yaml


def load_framework(path: Path) -> Framework:
    try:
        doc = read_yaml(path)
    except YamlProblem as exc:
        raise ContentError([exc.problem]) from exc
    framework, problems = validate(Framework, doc)
    if problems or framework is None:
        raise ContentError(problems)
    if framework.id != path.stem:
        line, col = doc.locate(("id",))
        raise ContentError(
            [
                Problem(
                    path, f"id '{framework.id}' must match the file name '{path.stem}'", line, col
                )
            ]
        )
    return framework


def load_frameworks(folder: Path) -> dict[str, Framework]:
    """Every framework version, keyed by its id (the file name)."""
    if not folder.is_dir():
        raise ContentError([Problem(folder, "framework folder not found")])
    return {p.stem: load_framework(p) for p in sorted(folder.glob("*.yaml"))}
