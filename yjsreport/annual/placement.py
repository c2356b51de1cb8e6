"""Where a chapter places its exhibits and images inside its prose.

A chapter's narrative may set an exhibit or an image between its paragraphs, with
a line of its own (never inside a paragraph, so the prose around it stays whole):

    ::: exhibit ratings-matrix

    ::: image images/process.svg
    alt: what the image shows, for readers who cannot see it
    caption: the caption printed with it
    :::

An image's file sits in the annual report's folder; its alt text and caption are
required. A map of the services inspected is placed as

    ::: map map.yaml
    caption: the caption printed with it
    :::

where map.yaml names the author's base drawing (the land, with no ratings) and
each service's position on it (annual/map_source.py); the tool draws each
service's marker from its overall rating (annual/map_drawing.py). The map has no
alt text of its own: its text alternative is made from the ratings too (each
service of the period with its overall rating, annual/services_map.py), so that
nothing drawn or typed by hand can disagree with the ratings matrix, and an 'alt:'
line is refused.

The chapter's body is split at these lines into prose parts (each keeping
the line it starts at, so a problem in the prose still names its own line) and
placed parts. Exhibits the front-matter names and no line places go after the
prose, as before.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from yjsreport.annual.map_source import MapSource, read_map
from yjsreport.errors import Problem
from yjsreport.prose.markdown import PRACTICE, QUOTE
from yjsreport.sources.characters import position
from yjsreport.sources.scripts import find_script, message
from yjsreport.sources.text import TextProblem, read_bytes

# Blocks of prose the report's Markdown knows (and closes with a bare ':::'): they
# stay in the prose around them.
PROSE_CONTAINERS = (QUOTE, PRACTICE)

DIRECTIVE = re.compile(r"^:::\s*(\S+)\s*(.*?)\s*$")
FIELD = re.compile(r"^(alt|caption)\s*:\s*(.*?)\s*$")
IMAGE_TYPES = (".svg", ".png", ".jpg", ".jpeg")
MAP_TYPES = (".yaml", ".yml")


@dataclass(frozen=True)
class Prose:
    """Markdown between placements, and the line of its file it starts at."""

    text: str
    line: int


@dataclass(frozen=True)
class PlacedExhibit:
    """An exhibit as the line names it (`distribution:2`), checked with the report's
    framework (annual/exhibit_names.py), and where the name stands."""

    id: str
    line: int
    column: int = 1


@dataclass(frozen=True)
class PlacedImage:
    """An image file of the annual report's folder, with its text alternative."""

    path: str  # relative to the annual report's folder, with forward slashes
    alt: str
    caption: str
    line: int
    # a map of the services: its alt text is made from the ratings when it is rendered
    of_services: bool = False
    # its base drawing and positions: its markers are drawn from the ratings
    drawn: MapSource | None = None


Part = Prose | PlacedExhibit | PlacedImage


def split_parts(
    body: str, first_line: int, path: Path, folder: Path
) -> tuple[list[Part], list[Problem]]:
    """The chapter's body as prose and placed parts, and every problem in the
    placement lines (an image without its file, alt or caption; the exhibits they
    name are checked with the framework, in annual/exhibit_names.py)."""
    parts: list[Part] = []
    problems: list[Problem] = []
    lines = body.split("\n")
    prose: list[str] = []
    prose_start = first_line
    i = 0
    while i < len(lines):
        match = DIRECTIVE.match(lines[i])
        if not match or match[1] in PROSE_CONTAINERS:  # a quotation or practice example
            prose.append(lines[i])
            i += 1
            continue
        line = first_line + i
        if any(p.strip() for p in prose):
            parts.append(Prose("\n".join(prose), prose_start))
        kind, name = match[1], match[2]
        i += 1
        if kind == "exhibit":
            parts.append(PlacedExhibit(name, line, match.start(2) + 1))
        elif kind in ("image", "map"):
            fields: dict[str, str] = {}
            closed = False
            while i < len(lines):
                if lines[i].strip() == ":::":
                    closed = True
                    i += 1
                    break
                found = FIELD.match(lines[i])
                if not found:
                    break
                fields[found[1]] = found[2]
                i += 1
            image, found_problems = _image(name, fields, closed, line, path, folder, kind)
            problems += found_problems
            if image is not None:
                parts.append(image)
        else:
            problems.append(
                Problem(
                    path,
                    f"::: {kind}: expected '::: exhibit', '::: image', '::: map', "
                    + ", ".join(f"'::: {c}'" for c in PROSE_CONTAINERS),
                    line,
                )
            )
        prose, prose_start = [], first_line + i
    if any(p.strip() for p in prose):
        parts.append(Prose("\n".join(prose), prose_start))
    return parts, problems


def _image(
    name: str,
    fields: dict[str, str],
    closed: bool,
    line: int,
    path: Path,
    folder: Path,
    kind: str = "image",
) -> tuple[PlacedImage | None, list[Problem]]:
    problems = []
    drawn = None
    relative = PurePosixPath(name)
    wanted = ("caption",) if kind == "map" else ("alt", "caption")
    if not closed:
        lines = " and ".join(f"'{w}:'" for w in wanted)
        problems.append(
            Problem(
                path,
                f"::: {kind}: expected {lines} {'lines' if len(wanted) > 1 else 'line'}, "
                "then ':::'",
                line,
            )
        )
    if kind == "map" and "alt" in fields:
        problems.append(
            Problem(
                path,
                f"::: map {name}: remove 'alt:': a map of the services takes its text "
                "alternative from the ratings (each service inspected with its overall "
                "rating), so that it cannot disagree with them",
                line,
            )
        )
    for required in wanted:
        if not fields.get(required):
            what = (
                "the text alternative: what the image shows"
                if required == "alt"
                else ("the caption printed with the image")
            )
            problems.append(Problem(path, f"::: {kind} {name}: missing {required}: {what}", line))
    if not name or relative.is_absolute() or ".." in relative.parts:
        problems.append(
            Problem(path, f"::: {kind}: expected a file in {folder.name}/; got {name!r}", line)
        )
    elif kind == "map" and relative.suffix.lower() not in MAP_TYPES:
        problems.append(
            Problem(
                path,
                f"::: map {name}: expected the map's YAML file (its base drawing and each "
                "service's position on it), so that its markers are drawn from the ratings",
                line,
            )
        )
    elif kind != "map" and relative.suffix.lower() not in IMAGE_TYPES:
        problems.append(
            Problem(
                path,
                f"::: {kind} {name}: expected one of {', '.join(IMAGE_TYPES)} files",
                line,
            )
        )
    elif not os.path.lexists(folder / relative):  # a pipe or a link is said to be one below
        problems.append(Problem(path, f"::: {kind} {name}: no such file in {folder.name}/", line))
    elif kind == "map":
        drawn, found = read_map(folder / relative, folder)
        problems += found
    else:
        problems.extend(image_problems(folder / relative))
    if problems:
        return None, problems
    return (
        PlacedImage(
            str(relative), fields.get("alt", ""), fields["caption"], line, kind == "map", drawn
        ),
        [],
    )


def image_problems(image: Path) -> list[Problem]:
    """An image is published as it is: it must be an ordinary file of the report's own
    (a link could publish any file on this computer), and a drawing (SVG) may carry no
    script, since a browser runs one when the drawing is opened on its own."""
    try:
        data = read_bytes(image)
    except TextProblem as exc:
        return [exc.problem]
    if image.suffix.lower() != ".svg":
        return []
    text = data.decode("utf-8", errors="replace")
    script = find_script(text)
    if script is None:
        return []
    where, column = position(text, script.start)
    return [Problem(image, message(script), where, column)]
