"""JSON Schemas for what authors write, generated from the pydantic models the
loader validates with, so an editor's help and `check` cannot disagree.

YAML editors that use the yaml-language-server (the Red Hat YAML extension for
VS Code, and others) read these for validation, completion and hover text.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any, get_args

from pydantic import BaseModel

from yjsreport.content.figures import FiguresFile
from yjsreport.content.schema import AnyPart, Context, InspectionMeta, PartFrontMatter
from yjsreport.framework.model import Framework

DIALECT = "https://json-schema.org/draft/2020-12/schema"


def _schema(
    model: type[BaseModel], title: str, description: str, choices: dict[str, list[str]]
) -> dict[str, Any]:
    schema = model.model_json_schema(by_alias=True)
    schema.pop("title", None)
    schema.pop("description", None)
    for properties in _all_properties(schema):
        for name, values in choices.items():
            if name in properties and properties[name].get("type") == "string" and values:
                properties[name]["enum"] = values
    return {"$schema": DIALECT, "title": title, "description": description, **schema}


def _all_properties(schema: dict[str, Any]) -> list[dict[str, Any]]:
    found = [schema.get("properties", {})]
    found += [d.get("properties", {}) for d in schema.get("$defs", {}).values()]
    return found


def _choices(frameworks: Mapping[str, Framework]) -> dict[str, list[str]]:
    """Ids the content's frameworks define, offered in the editor as completions."""
    standards = {s.id for f in frameworks.values() for _, s in f.standards()}
    domains = {d.id for f in frameworks.values() for d in f.domains}
    return {
        "framework": sorted(frameworks),
        "standard": sorted(standards, key=_id_order),
        "domain": sorted(domains, key=_id_order),
    }


def _id_order(item_id: str) -> tuple[int, ...]:
    return tuple(int(p) for p in item_id.split("."))


def _by_part(schema: dict[str, Any]) -> dict[str, Any]:
    """The union as one `if part is X then ...` rule per kind, not pydantic's `oneOf`:
    editors then offer the kinds for `part`, and point at the one key that is wrong
    instead of saying that no kind matched."""
    mapping = schema.pop("discriminator")["mapping"]
    schema.pop("oneOf")
    return {
        **schema,
        "type": "object",
        "required": ["part"],
        "properties": {"part": {"enum": list(mapping), "description": "the kind of part"}},
        "allOf": [
            {"if": {"properties": {"part": {"const": kind}}}, "then": {"$ref": ref}}
            for kind, ref in mapping.items()
        ],
    }


def _part_kind(model: type[BaseModel]) -> str:
    return str(get_args(model.model_fields["part"].annotation)[0])


def schemas(frameworks: Mapping[str, Framework] | None = None) -> dict[str, dict[str, Any]]:
    """File name to schema, for every kind of file an author writes; with the
    content's frameworks, their versions and standard and domain ids are listed."""
    choices = _choices(frameworks or {})
    out = {
        "inspection.schema.json": _schema(
            InspectionMeta, "inspection.yaml", "The service, framework, dates and status.", choices
        ),
        "context.schema.json": _schema(
            Context, "context.yaml", "Contextual facts, each figure with its source.", choices
        ),
        "figures.schema.json": _schema(
            FiguresFile,
            "figures.yaml",
            "An annual report's statistics and surveys, each with its source.",
            choices,
        ),
        "part.schema.json": _by_part(
            _schema(
                PartFrontMatter,
                "Report part front-matter",
                "Any part, told apart by 'part'.",
                choices,
            )
        ),
    }
    for model in get_args(AnyPart):
        kind = _part_kind(model)
        out[f"part-{kind}.schema.json"] = _schema(
            model,
            f"Front-matter of a '{kind}' part",
            f"A report part with 'part: {kind}'.",
            choices,
        )
    return out


def render(schema: dict[str, Any]) -> str:
    """Stable text, so a regenerated schema only differs when a model did."""
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def write_schemas(folder: Path, frameworks: Mapping[str, Framework] | None = None) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in schemas(frameworks).items():
        path = folder / name
        path.write_text(render(schema), encoding="utf-8")
        written.append(path)
    return written
