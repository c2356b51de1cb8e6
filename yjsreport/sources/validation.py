"""Turning pydantic's validation errors into located, plain-English problems."""

from __future__ import annotations

from typing import Any, TypeVar, get_args

from pydantic import BaseModel, ValidationError

from yjsreport.errors import Problem
from yjsreport.sources.yamldoc import YamlDocument

M = TypeVar("M", bound=BaseModel)


def _dotted(loc: tuple[Any, ...]) -> str:
    parts: list[str] = []
    for p in loc:
        if isinstance(p, int):
            parts.append(f"[{p + 1}]")  # authors count list items from one
        else:
            parts.append(("." if parts else "") + str(p))
    return "".join(parts)


def _variant(model: type[BaseModel], data: Any, tag_key: str | None) -> type[BaseModel]:
    """For a tagged union (a part's front-matter), the member the tag selects."""
    root = model.model_fields.get("root")
    if root is None or tag_key is None or not isinstance(data, dict):
        return model
    pending = list(get_args(root.annotation)) or [root.annotation]
    while pending:
        candidate = pending.pop()
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            field = candidate.model_fields.get(tag_key)
            if field is not None and data.get(tag_key) in get_args(field.annotation):
                return candidate
        else:
            pending.extend(get_args(candidate))
    return model


def _tags(model: type[BaseModel], tag_key: str) -> list[str]:
    """Every value the tag of a tagged union may take, in the order the union lists them."""
    root = model.model_fields.get("root")
    pending = list(get_args(root.annotation)) if root is not None else []
    tags: list[str] = []
    while pending:
        candidate = pending.pop(0)
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            field = candidate.model_fields.get(tag_key)
            if field is not None:
                tags.extend(str(t) for t in get_args(field.annotation))
        else:
            pending[:0] = get_args(candidate)
    return tags


def _allowed_keys(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """Field names of the model that owns the unknown key, for the message."""
    current: Any = model
    for part in loc[:-1]:
        if isinstance(part, int) or current is None:
            continue
        field = getattr(current, "model_fields", {}).get(part)
        if field is None:
            return []
        annotation = field.annotation
        args = getattr(annotation, "__args__", ()) or (annotation,)
        current = next((a for a in args if isinstance(a, type) and issubclass(a, BaseModel)), None)
        if current is None:
            inner = [getattr(a, "__args__", ()) for a in args]
            current = next(
                (
                    b
                    for group in inner
                    for b in group
                    if isinstance(b, type) and issubclass(b, BaseModel)
                ),
                None,
            )
    return list(getattr(current, "model_fields", {}).keys()) if current else []


def _message(model: type[BaseModel], err: dict[str, Any]) -> str:
    loc = err["loc"]
    kind = err["type"]
    where = _dotted(loc)
    if kind == "missing":
        return f"missing required key '{where}'"
    if kind == "extra_forbidden":
        allowed = _allowed_keys(model, loc)
        hint = f" (expected one of: {', '.join(allowed)})" if allowed else ""
        return f"unknown key '{where}'{hint}"
    if kind == "union_members":
        *first, last = err["wanted"]
        wanted = f"{', '.join(first)} or {last}" if first else last
        return f"{where}: expected {wanted}; got {err.get('input')!r}"
    if kind == "union_tag_not_found":
        tags = _tags(model, str(loc[-1])) if loc else []
        hint = f": expected one of {', '.join(tags)}" if tags else ""
        return f"missing required key '{where}'{hint}"
    if kind == "union_tag_invalid":
        expected = err.get("ctx", {}).get("expected_tags", "")
        return f"{where}: expected one of {expected}; got {err['ctx']['tag']!r}"
    text = err["msg"]
    text = text.removeprefix("Value error, ")
    got = err.get("input")
    if kind in {"literal_error", "enum"} or "should be" in text:
        text = text.replace("Input should be", "expected")
        if not isinstance(got, dict | list):
            text += f"; got {got!r}"
    return f"{where}: {text}" if where else text


# pydantic names each member of a union in the error's path ('int', 'constrained-str').
_MEMBER_NAMES = {"int", "float", "str", "bool", "date", "datetime", "list", "dict", "none"}


def _is_member(part: object) -> bool:
    return isinstance(part, str) and (
        part in _MEMBER_NAMES
        or part.startswith(("function-", "constrained-", "literal[", "tagged-union["))
    )


def _clean_loc(loc: tuple[Any, ...], data: Any, tag_key: str | None) -> tuple[Any, ...]:
    """Drop the parts of pydantic's path that the author never wrote."""
    loc = tuple(p for p in loc if not (isinstance(p, str) and p.startswith("function-")))
    if tag_key and isinstance(data, dict) and loc and loc[0] == data.get(tag_key):
        loc = loc[1:]
    return loc


def _union_member(loc: tuple[Any, ...], data: Any) -> tuple[Any, ...] | None:
    """For an error about one member of a union, the path without the member's name
    (so the members' errors can be told as one); None for any other error."""
    current, kept, member = data, [], False
    for part in loc:
        within = (isinstance(current, dict) and part in current) or (
            isinstance(current, list) and isinstance(part, int) and 0 <= part < len(current)
        )
        if within:
            current = current[part]
        elif _is_member(part):
            member = True
            continue
        else:
            current = None
        kept.append(part)
    return tuple(kept) if member else None


def _merge_unions(errors: list[dict[str, Any]], data: Any) -> list[dict[str, Any]]:
    """One error per value that fits no member of a union, listing what each expects."""
    merged: list[dict[str, Any]] = []
    by_loc: dict[tuple[Any, ...], dict[str, Any]] = {}
    for err in errors:
        loc = _union_member(err["loc"], data)
        if loc is None:
            merged.append(err)
            continue
        wanted = (
            err["msg"]
            .removeprefix("Value error, ")
            .removeprefix("Input should be ")
            .replace("String should match pattern", "text matching the pattern")
        )
        if loc in by_loc:
            if wanted not in by_loc[loc]["wanted"]:
                by_loc[loc]["wanted"].append(wanted)
            continue
        by_loc[loc] = {**err, "loc": loc, "type": "union_members", "wanted": [wanted]}
        merged.append(by_loc[loc])
    return merged


def validate(
    model: type[M], doc: YamlDocument, tag_key: str | None = None
) -> tuple[M | None, list[Problem]]:
    """Validate a parsed document, returning the model or located problems.

    `tag_key` names the key that picks a variant of a tagged union (`part`).
    """
    data = doc.data if doc.data is not None else {}
    if not isinstance(data, dict):
        line, col = doc.locate(())
        return None, [Problem(doc.path, "expected a mapping of keys to values", line, col)]
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        problems = []
        for err in _merge_unions([dict(e) for e in exc.errors()], data):
            err = {**err, "loc": _clean_loc(err["loc"], data, tag_key)}
            if err["type"] in {"union_tag_invalid", "union_tag_not_found"} and tag_key:
                err = {**err, "loc": (tag_key,)}
            if err["type"] == "extra_forbidden":
                line, col = doc.locate_key(err["loc"])
            else:
                line, col = doc.locate(err["loc"])
            if line is None:  # an empty file or front-matter: point at its first line
                line, col = doc.line_offset + 1, 1
            variant = _variant(model, data, tag_key)
            problems.append(Problem(doc.path, _message(variant, err), line, col))
        return None, problems
