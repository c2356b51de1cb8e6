"""Faults found by the attacker pass of 2026-12-05, each closed as a class: an image
published through a link or carrying a script, YAML values of other kinds than a
content file holds (bytes from `!!binary`, sets, merge keys), and a case id broken
over lines."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import edit
from yjsreport.annual.placement import PlacedImage, image_problems, split_parts
from yjsreport.cli import main
from yjsreport.sources.yamldoc import YamlProblem, parse_yaml

BRK = Path("content/inspections/brackenmoor-2022")
SVG = '<svg xmlns="http://www.w3.org/2000/svg">\n<text>A process</text>{}\n</svg>\n'


def test_an_image_that_links_elsewhere_is_refused(tmp_path: Path) -> None:
    """A link named like an image published /etc/passwd beside the annual report."""
    image = tmp_path / "process.svg"
    os.symlink("/etc/passwd", image)
    (problem,) = image_problems(image)
    assert problem.path == image
    assert problem.message.startswith("is a link to /etc/passwd; a content file must be")


@pytest.mark.parametrize(
    ("planted", "column", "what"),
    [
        ("<script>alert(1)</script>", 1, "a <script> element"),
        ('<a href="javascript:alert(1)"><text>x</text></a>', 10, "a script address"),
        ('<rect onload="alert(1)"/>', 7, "an event-handler attribute (onload=)"),
    ],
)
def test_a_drawing_that_carries_a_script_is_refused(
    tmp_path: Path, planted: str, column: int, what: str
) -> None:
    image = tmp_path / "process.svg"
    image.write_text(SVG.format("\n" + planted), encoding="utf-8")
    (problem,) = image_problems(image)
    assert (problem.path, problem.line, problem.column) == (image, 3, column)
    assert problem.message.startswith(what)


def test_a_plain_drawing_or_picture_is_published(tmp_path: Path) -> None:
    drawing = tmp_path / "process.svg"
    drawing.write_text(SVG.format(""), encoding="utf-8")
    picture = tmp_path / "photo.png"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n")
    assert image_problems(drawing) == image_problems(picture) == []


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("!!binary QlJLLUMwMQ==", "the YAML tag '!!binary' is not allowed in content files"),
        ("!!set {a, b}", "the YAML tag '!!set' is not allowed in content files"),
        ("!name Imogen", "the YAML tag '!name' is not allowed in content files"),
        ("!!omap [a: 1]", "the YAML tag '!!omap' is not allowed in content files"),
    ],
)
def test_yaml_values_of_other_kinds_are_located_problems(value: str, message: str) -> None:
    """`!!binary` made bytes a string field took as text the file never showed (the
    base64 of a case id was published)."""
    with pytest.raises(YamlProblem) as caught:
        parse_yaml(f"service: Brackenmoor\nlead_inspector: {value}\n", Path("i.yaml"))
    problem = caught.value.problem
    assert (problem.line, problem.column) == (2, 17)
    assert problem.message.startswith(message)


def test_a_merge_key_is_a_located_problem() -> None:
    """A merge key let a key be written twice, one of them silently dropped."""
    with pytest.raises(YamlProblem) as caught:
        parse_yaml("status: published\n<<: {status: draft}\n", Path("i.yaml"))
    problem = caught.value.problem
    assert (problem.line, problem.column) == (2, 1)
    assert "merge key ('<<') is not allowed" in problem.message


def test_plain_values_and_an_explicit_string_still_load() -> None:
    doc = parse_yaml(
        "a: !!str 12\nb: 3\nc: 2022-02-15\nd: [x, y]\ne: ~\nf: true\ng: 1.5\n", Path("i.yaml")
    )
    assert doc.data["a"] == "12" and doc.data["b"] == 3 and doc.data["d"] == ["x", "y"]


def test_a_case_id_broken_over_lines_is_a_located_problem(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A quoted field may hold a line break: 'BRK-' over 'C02' was taken as the id, so
    'BRK-C02' typed in prose was published unnoticed."""
    path = BRK / "cases/court.csv"
    edit(path, "BRK-C02", '"BRK-\nC02"')
    edit(BRK / "report/2.1.md", "One inspector wrote:", "Case BRK-C02 was strong.")
    assert main(["check"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0] == (
        f"{path}:3: case id 'BRK-\\nC02' holds a space or line break: write it as one word"
    )


@pytest.mark.parametrize(
    ("make", "kind"),
    [
        (os.mkfifo, "is a named pipe (FIFO), not an ordinary file"),
        (os.mkdir, "folder"),
    ],
    ids=["fifo", "folder"],
)
def test_an_image_that_is_no_ordinary_file_is_named_for_what_it_is(
    tmp_path: Path, make: Callable[[Path], None], kind: str
) -> None:
    """A chapter's `::: image` pointing at a pipe was reported as 'no such file': the
    file is there, and the message says what it is, without opening it."""
    (tmp_path / "images").mkdir()
    make(tmp_path / "images" / "steps.svg")
    body = "::: image images/steps.svg\nalt: Boxes.\ncaption: The steps\n:::\n"
    parts, problems = split_parts(body, 1, tmp_path / "c.md", tmp_path)
    (problem,) = problems
    assert problem.path == tmp_path / "images" / "steps.svg"
    assert kind in problem.message
    assert "no such file" not in problem.message
    assert not any(isinstance(p, PlacedImage) for p in parts)
