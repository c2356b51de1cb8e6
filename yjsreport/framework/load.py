"""Finding and loading framework versions from content/frameworks/, each with the
report formats (content/frameworks/formats/) that lay it out."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TypeVar

from yjsreport.errors import ContentError, Problem
from yjsreport.framework.model import Framework
from yjsreport.framework.report_format import ReportFormat
from yjsreport.resources import FRAMEWORKS as PACKAGED_FRAMEWORKS
from yjsreport.sources.validation import validate
from yjsreport.sources.yamldoc import YamlProblem, read_yaml

FORMATS_FOLDER = "formats"
Named = TypeVar("Named", Framework, ReportFormat)


def _read_named(path: Path, model: type[Named]) -> Named:
    """A framework or format file, validated, whose id must be its file name (content
    names a framework or format by that id)."""
    try:
        doc = read_yaml(path)
    except YamlProblem as exc:
        raise ContentError([exc.problem]) from exc
    found, problems = validate(model, doc)
    if problems or found is None:
        raise ContentError(problems)
    if found.id != path.stem:
        line, col = doc.locate(("id",))
        raise ContentError(
            [Problem(path, f"id '{found.id}' must match the file name '{path.stem}'", line, col)]
        )
    return found


def load_format(path: Path) -> ReportFormat:
    return _read_named(path, ReportFormat)


def load_formats(folder: Path) -> dict[str, ReportFormat]:
    """Every report format in a frameworks folder's formats/, keyed by id; a frameworks
    folder with no formats/ (a content repository made before formats were files) uses
    the formats that come with yjsreport."""
    formats = folder / FORMATS_FOLDER
    if not formats.is_dir():
        formats = PACKAGED_FRAMEWORKS / FORMATS_FOLDER
    return {p.stem: load_format(p) for p in sorted(formats.glob("*.yaml"))}


def load_framework(path: Path) -> Framework:
    framework = _read_named(path, Framework)
    formats = {k: f for k, f in load_formats(path.parent).items() if framework.id in f.frameworks}
    if not formats:
        raise ContentError(
            [
                Problem(
                    path.parent / FORMATS_FOLDER,
                    f"no report format lays out framework {framework.id}",
                )
            ]
        )
    framework.attach_formats(formats)
    return framework


def load_frameworks(folder: Path) -> dict[str, Framework]:
    """Every framework version, keyed by its id (the file name)."""
    if not folder.is_dir():
        raise ContentError([Problem(folder, "framework folder not found")])
    return {p.stem: load_framework(p) for p in sorted(folder.glob("*.yaml"))}


class LazyFrameworks(Mapping[str, Framework]):
    """The framework versions in a folder, each read only when first asked for, so
    loading one inspection reads the one framework it names."""

    def __init__(self, folder: Path) -> None:
        if not folder.is_dir():
            raise ContentError([Problem(folder, "framework folder not found")])
        self.folder = folder
        self._names = [p.stem for p in sorted(folder.glob("*.yaml"))]
        self._loaded: dict[str, Framework] = {}

    def __getitem__(self, name: str) -> Framework:
        if name not in self._names:
            raise KeyError(name)
        if name not in self._loaded:
            self._loaded[name] = load_framework(self.folder / f"{name}.yaml")
        return self._loaded[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)
