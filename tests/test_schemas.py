"""The editor schemas: generated from the loader's models, kept in schemas/, and
in agreement with the loader on the example content and on bad input."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator, FormatChecker

from tests.conftest import CONTENT, ROOT
from yjsreport.authoring.schemas import render, schemas
from yjsreport.cli import main
from yjsreport.content.frontmatter import split_front_matter
from yjsreport.framework.load import load_frameworks

SCHEMAS = ROOT / "schemas"
INSPECTIONS = sorted((CONTENT / "inspections").iterdir())


def as_editor_reads(data: Any) -> Any:
    """YAML 1.2, as the editor's language server reads it: dates stay strings."""
    if isinstance(data, dict):
        return {str(k): as_editor_reads(v) for k, v in data.items()}
    if isinstance(data, list):
        return [as_editor_reads(v) for v in data]
    if isinstance(data, dt.date):
        return data.isoformat()
    return data


def validator(name: str) -> Draft202012Validator:
    schema = json.loads((SCHEMAS / name).read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=FormatChecker())


def errors(name: str, data: Any) -> list[str]:
    return [e.message for e in validator(name).iter_errors(as_editor_reads(data))]


def front(path: Path) -> Any:
    return split_front_matter(path.read_text(encoding="utf-8"), path).front.data


def test_committed_schemas_are_up_to_date(tmp_path: Path) -> None:
    generated = schemas(load_frameworks(CONTENT / "frameworks"))
    committed = {p.name for p in SCHEMAS.glob("*.json")}
    assert committed == set(generated), "run `yjsreport schema` and commit schemas/"
    for name, schema in generated.items():
        assert (SCHEMAS / name).read_text(encoding="utf-8") == render(schema), (
            f"schemas/{name} is out of date: run `yjsreport schema` and commit it"
        )


def test_schema_command_writes_the_schemas(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--content", str(CONTENT), "schema", "-o", str(tmp_path)]) == 0
    assert (tmp_path / "inspection.schema.json").read_bytes() == (
        SCHEMAS / "inspection.schema.json"
    ).read_bytes()


@pytest.mark.parametrize("folder", INSPECTIONS, ids=lambda p: p.name)
def test_the_examples_are_valid(folder: Path) -> None:
    meta = yaml.safe_load((folder / "inspection.yaml").read_text(encoding="utf-8"))
    assert errors("inspection.schema.json", meta) == []
    context = yaml.safe_load((folder / "context.yaml").read_text(encoding="utf-8"))
    assert errors("context.schema.json", context) == []
    for part in sorted((folder / "report").glob("*.md")):
        data = front(part)
        assert errors("part.schema.json", data) == [], part.name
        assert errors(f"part-{data['part']}.schema.json", data) == [], part.name


def test_a_new_inspection_is_valid(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "moorfield-2027"]) == 0
    folder = Path("content/inspections/moorfield-2027")
    text = (folder / "inspection.yaml").read_text(encoding="utf-8")
    assert text.startswith(
        "# yaml-language-server: $schema=../../../schemas/inspection.schema.json"
    )
    assert errors("inspection.schema.json", yaml.safe_load(text)) == []
    for part in sorted((folder / "report").glob("*.md")):
        data = front(part)
        if data.get("rating", "") is None:  # the empty rating is left to fill in
            data = {k: v for k, v in data.items() if k != "rating"}
        assert errors("part.schema.json", data) == [], part.name


BRK = CONTENT / "inspections/brackenmoor-2022"


def changed(data: dict[str, Any], *path_and_value: Any) -> dict[str, Any]:
    *path, value = path_and_value
    copy = json.loads(json.dumps(as_editor_reads(data)))
    target = copy
    for key in path[:-1]:
        target = target[key]
    if value is KeyError:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return copy


# The bad inputs of tests/test_content_errors.py that a schema can see (the others
# need the case data, the framework's content or another file: only `check` has them).
@pytest.mark.parametrize(
    ("schema", "source", "edit", "message"),
    [
        (
            "part.schema.json",
            "report/1.1.md",
            ("rating", "Goood"),
            "'Goood' is not valid under any of the given schemas",
        ),
        (
            "part-standard.schema.json",
            "report/1.1.md",
            ("strenghts", ["x"]),
            "Additional properties are not allowed ('strenghts' was unexpected)",
        ),
        (
            "part-standard.schema.json",
            "report/2.1.md",
            ("discretion", "to", "Goood"),
            "is not valid under any of the given schemas",
        ),
        ("part.schema.json", "report/2.1.md", ("standard", "9.9"), "'9.9' is not one of"),
        (
            "part.schema.json",
            "report/foreword.md",
            ("signed_by", KeyError),
            "'signed_by' is a required",
        ),
        (
            "inspection.schema.json",
            "inspection.yaml",
            ("framework", "2019"),
            "'2019' is not one of",
        ),
        (
            "inspection.schema.json",
            "inspection.yaml",
            ("publication_date", "2022-02-30"),
            "'2022-02-30' is not a 'date'",
        ),
        ("inspection.schema.json", "inspection.yaml", ("status", "final"), "'final' is not one of"),
        ("context.schema.json", "context.yaml", ("sources", "x", ""), "should be non-empty"),
    ],
)
def test_bad_input_is_refused(
    schema: str, source: str, edit: tuple[Any, ...], message: str
) -> None:
    path = BRK / source
    data = front(path) if path.suffix == ".md" else yaml.safe_load(path.read_text("utf-8"))
    found = errors(schema, changed(data, *edit))
    assert any(message in e for e in found), found


def test_the_annual_example_figures_file_is_valid() -> None:
    path = ROOT / "examples" / "annual" / "content" / "annual" / "2022" / "figures.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert errors("figures.schema.json", data) == []
    data["statistics"][0]["rows"][0]["values"][0] = True
    assert errors("figures.schema.json", data) != []
