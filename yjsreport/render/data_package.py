"""Frictionless Data Packages (`datapackage.json`) for the downloads.

A data package says what each file is, its encoding and, for a CSV, the type
and meaning of every column, so that tools (frictionless, R, pandas, CKAN) read
ids as text and counts as numbers without guessing. Each report's folder has one
for its files, and the site's root one for the whole archive, naming the same
files by their paths from there. Sizes and SHA-256 hashes are of the bytes
written, so a reader can tell a file is whole; nothing depends on the clock, so
the same content gives the same package.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from yjsreport.engine.result_schema import FILE_NAME as RESULT_SCHEMA_FILE
from yjsreport.engine.result_schema import SCHEMA_ID
from yjsreport.render.downloads import ENCODING, Column

FILE_NAME = "datapackage.json"
XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SCHEMA_FOLDER = "data"  # the site folder with the data dictionary and the JSON Schema
LICENCE = {
    "name": "OGL-UK-3.0",
    "title": "Open Government Licence v3.0",
    "path": "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
}


@dataclass(frozen=True)
class DataFile:
    """One download as written: where it is (from the package), what it holds, its bytes."""

    name: str  # the resource name: lower case, digits, '-', '.', '_'
    path: str
    title: str
    data: bytes
    columns: tuple[Column, ...] | None = None  # a table's columns (CSV, XLSX); None for JSON


def table_schema(columns: Sequence[Column]) -> dict[str, Any]:
    return {
        "fields": [{"name": c.name, "type": c.type, "description": c.description} for c in columns],
        "missingValues": [""],
    }


def resource(file: DataFile, schema_url: str) -> dict[str, Any]:
    described: dict[str, Any] = {
        "name": file.name,
        "path": file.path,
        "title": file.title,
        "bytes": len(file.data),
        "hash": "sha256:" + hashlib.sha256(file.data).hexdigest(),
    }
    if file.columns is None:
        described.update(
            profile="data-resource",
            format="json",
            mediatype="application/json",
            encoding="utf-8",
            description=f"The inspection's results as JSON, laid out as the JSON Schema "
            f"{SCHEMA_ID} at {schema_url} describes.",
        )
    elif file.path.endswith(".xlsx"):  # one sheet, its first row the column names
        described.update(
            profile="tabular-data-resource",
            format="xlsx",
            mediatype=XLSX_MEDIA_TYPE,
            schema=table_schema(file.columns),
        )
    else:
        described.update(
            profile="tabular-data-resource",
            format="csv",
            mediatype="text/csv",
            encoding=ENCODING,
            schema=table_schema(file.columns),
        )
    return described


def package(
    name: str, title: str, description: str, files: Sequence[DataFile], schema_url: str
) -> dict[str, Any]:
    return {
        "profile": "data-package",
        "name": name,
        "title": title,
        "description": description,
        "licenses": [LICENCE],
        "resources": [resource(f, schema_url) for f in files],
    }


def dumps(described: dict[str, Any]) -> str:
    return json.dumps(described, indent=2, ensure_ascii=False) + "\n"


def schema_path() -> str:
    """The JSON Schema's path from the site's root."""
    return f"{SCHEMA_FOLDER}/{RESULT_SCHEMA_FILE}"
