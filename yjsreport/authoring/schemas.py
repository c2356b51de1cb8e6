"""JSON Schemas for what authors write, generated from the pydantic models the
loader validates with, so an editor's help and `check` cannot disagree.

YAML editors that use the yaml-language-server (the Red Hat YAML extension for
VS Code, and others) read these for validation, completion and hover text.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, get_args

from pydantic import BaseModel

from yjsreport.content.schema import AnyPart, Context, InspectionMeta, PartFrontMatter

DIALECT = "https://json-schema.org/draft/2020-12/schema"


def _schema(model: type[BaseModel], title: str, description: str) -> dict[str, Any]:
    schema = model.model_json_schema(by_alias=True)
    schema.pop("title", None)
    schema.pop("description", None)
    return {"$schema": DIALECT, "title": title, "description": description, **schema}


def _part_kind(model: type[BaseModel]) -> str:
    return str(get_args(model.model_fields["part"].annotation)[0])


def schemas() -> dict[str, dict[str, Any]]:
    """File name to schema, for every kind of file an author writes."""
    out = {
        "inspection.schema.json": _schema(
            InspectionMeta, "inspection.yaml", "The service, framework, dates and status."
        ),
        "context.schema.json": _schema(
            Context, "context.yaml", "Contextual facts, each figure with its source."
        ),
        "part.schema.json": _schema(
            PartFrontMatter, "Report part front-matter", "Any part, told apart by 'part'."
        ),
    }
    for model in get_args(AnyPart):
        kind = _part_kind(model)
        out[f"part-{kind}.schema.json"] = _schema(
            model, f"Front-matter of a '{kind}' part", f"A report part with 'part: {kind}'."
        )
    return out


def render(schema: dict[str, Any]) -> str:
    """Stable text, so a regenerated schema only differs when a model did."""
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def write_schemas(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in schemas().items():
        path = folder / name
        path.write_text(render(schema), encoding="utf-8")
        written.append(path)
    return written
