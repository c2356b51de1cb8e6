"""The map of the services as its author gives it: a base drawing and positions.

The author draws only the land (an SVG with a viewBox and no ratings) and says
where each service stands on it, in a YAML file of the annual report's folder:

    base: images/base-map.svg
    positions:
      Ploverley YOS: [120, 85]   # the service's short name: [x, y] in the viewBox

The markers are drawn by the tool from the ratings (annual/map_drawing.py), so no
mark on the published map can disagree with the ratings matrix. This module reads
and checks the two files; whether the positions name the period's services is
checked once the ratings are known (annual/services_map.py).

The base drawing is set inside the published map as it is written, so it is held
to more than an image shown on its own: no script (sources/scripts.py), no DTD or
entity (an entity bomb), no reference outside itself (an address, an image, a
font or stylesheet the reader's browser would fetch), and the SVG namespace only.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from yjsreport.errors import Problem
from yjsreport.sources.characters import position
from yjsreport.sources.scripts import find_script, message
from yjsreport.sources.text import TextProblem, read_text
from yjsreport.sources.yamldoc import YamlProblem, parse_yaml

SVG = "http://www.w3.org/2000/svg"
_XML = "{http://www.w3.org/XML/1998/namespace}"  # xml:space, xml:lang: declared by XML itself
_ROOT_START = re.compile(r"<svg\b[^>]*>")
_ROOT_END = re.compile(r"</svg\s*>\s*$")
_OUTSIDE = re.compile(r"url\(\s*['\"]?(?!#)|@import", re.IGNORECASE)
_NUMBER = re.compile(r"^-?(?:\d+\.?\d*|\.\d+)$")
# elements that show or fetch something from outside the drawing
_FETCHING = {"image", "foreignObject", "style", "font-face-uri", "feImage"}


@dataclass(frozen=True)
class Position:
    """Where a service stands on the base drawing, and where its line is in the file."""

    name: str
    x: float
    y: float
    line: int
    column: int


@dataclass(frozen=True)
class MapSource:
    """A checked base drawing (its content inside the root element, and its viewBox)
    and the position of each service on it."""

    file: Path  # the YAML file, for messages about its positions
    base: str  # relative to the annual report's folder
    view_box: tuple[float, float, float, float]
    content: str  # the drawing's elements, as written
    positions: tuple[Position, ...]
    line: int  # of 'positions:', for a service with none


def read_map(file: Path, folder: Path) -> tuple[MapSource | None, list[Problem]]:
    """The map's positions file and its base drawing, or every problem found in them."""
    try:
        doc = parse_yaml(read_text(file), file)
    except (TextProblem, YamlProblem) as exc:
        return None, [exc.problem]
    data: Any = doc.data
    if not isinstance(data, dict) or set(data) != {"base", "positions"}:
        line, column = doc.locate(())
        return None, [
            Problem(
                file,
                "expected two keys: 'base:' (the drawing of the land, an SVG in "
                f"{folder.name}/) and 'positions:' (each service's short name: [x, y])",
                line,
                column,
            )
        ]
    problems: list[Problem] = []
    base = data["base"]
    relative = PurePosixPath(str(base))
    line, column = doc.locate(("base",))
    drawing: tuple[tuple[float, float, float, float], str] | None = None
    if (
        not isinstance(base, str)
        or relative.is_absolute()
        or ".." in relative.parts
        or relative.suffix.lower() != ".svg"
    ):
        problems.append(
            Problem(
                file, f"base: expected an SVG file in {folder.name}/; got {base!r}", line, column
            )
        )
    elif not os.path.lexists(folder / relative):  # a pipe or a link is said to be one below
        problems.append(
            Problem(file, f"base: no such file in {folder.name}/: {base}", line, column)
        )
    else:
        drawing, found = read_base(folder / relative)
        problems += found
    positions: list[Position] = []
    raw = data["positions"]
    if not isinstance(raw, dict) or not raw:
        line, column = doc.locate(("positions",))
        problems.append(
            Problem(file, "positions: expected each service's short name: [x, y]", line, column)
        )
        raw = {}
    for name, value in raw.items():
        line, column = doc.locate_key(("positions", name))
        if (
            not isinstance(value, list)
            or len(value) != 2
            or not all(isinstance(v, int | float) and not isinstance(v, bool) for v in value)
        ):
            problems.append(
                Problem(
                    file,
                    f"positions: {name}: expected [x, y], two numbers in the base "
                    f"drawing's viewBox; got {value!r}",
                    line,
                    column,
                )
            )
            continue
        x, y = float(value[0]), float(value[1])
        if drawing is not None:
            left, top, width, height = drawing[0]
            if not (left <= x <= left + width and top <= y <= top + height):
                problems.append(
                    Problem(
                        file,
                        f"positions: {name}: [{value[0]}, {value[1]}] is outside the base "
                        f"drawing's viewBox ({_box(drawing[0])})",
                        line,
                        column,
                    )
                )
                continue
        positions.append(Position(str(name), x, y, line or 1, column or 1))
    if problems or drawing is None:
        return None, problems
    at = doc.locate_key(("positions",))[0] or 1
    return MapSource(file, str(relative), drawing[0], drawing[1], tuple(positions), at), []


def read_base(
    path: Path,
) -> tuple[tuple[tuple[float, float, float, float], str] | None, list[Problem]]:
    """The drawing's viewBox and content, once it is known to be a self-contained SVG."""
    from defusedxml import ElementTree  # type: ignore[import-untyped]

    try:
        text = read_text(path)
    except TextProblem as exc:
        return None, [exc.problem]
    script = find_script(text)
    if script is not None:
        line, column = position(text, script.start)
        return None, [Problem(path, message(script), line, column)]
    outside = _OUTSIDE.search(text)
    if outside is not None:
        line, column = position(text, outside.start())
        return None, [Problem(path, _SELF_CONTAINED, line, column)]
    try:
        root = ElementTree.fromstring(text, forbid_dtd=True)
    except ElementTree.ParseError as exc:
        line, column = exc.position
        what = str(exc).split(": line ")[0]  # expat's words, without its position
        return None, [Problem(path, f"expected an SVG drawing: {what}", line, column + 1)]
    except ValueError:  # defusedxml: a DTD or an entity
        return None, [Problem(path, "expected an SVG drawing with no DOCTYPE or entity", 1, 1)]
    if root.tag != f"{{{SVG}}}svg":
        return None, [Problem(path, f'expected an SVG drawing (<svg xmlns="{SVG}">)', 1, 1)]
    for element in root.iter():
        namespace, _, local = str(element.tag).rpartition("}")
        if (
            namespace != "{" + SVG
            or local in _FETCHING
            or any(
                ("href" in key and not value.startswith("#"))
                or (key.startswith("{") and not key.startswith(_XML))
                for key, value in element.attrib.items()
            )
        ):
            return None, [Problem(path, f"<{local}>: {_SELF_CONTAINED}", 1, 1)]
    numbers = (root.get("viewBox") or "").replace(",", " ").split()
    if len(numbers) != 4 or not all(_NUMBER.match(n) for n in numbers):
        return None, [
            Problem(
                path,
                "expected a viewBox on the <svg> element: four numbers, x y width height",
                1,
                1,
            )
        ]
    box = (float(numbers[0]), float(numbers[1]), float(numbers[2]), float(numbers[3]))
    if box[2] <= 0 or box[3] <= 0:
        return None, [Problem(path, "viewBox: expected a width and height above nought", 1, 1)]
    start, end = _ROOT_START.search(text), _ROOT_END.search(text)
    content = text[start.end() : end.start()].strip("\n") if start and end else ""
    try:  # what is set inside the map must stand as elements on its own
        inner = ElementTree.fromstring(f'<g xmlns="{SVG}">{content}</g>', forbid_dtd=True)
    except ElementTree.ParseError:
        inner = None
    if inner is None or len(list(inner.iter())) != len(list(root.iter())):
        return None, [
            Problem(
                path, "expected the <svg> element to open the file, after any XML declaration", 1, 1
            )
        ]
    return (box, content), []


_SELF_CONTAINED = (
    "the base drawing must be self-contained: SVG shapes and text only, with no image, "
    "stylesheet, font or address outside the file"
)


def _box(box: tuple[float, float, float, float]) -> str:
    return " ".join(f"{v:g}" for v in box)
