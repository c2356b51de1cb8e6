"""Rendering every piece of an inspection's prose once, to find bad references
and headings before anything is written."""

from __future__ import annotations

from yjsreport.content.inspection import Inspection, Part
from yjsreport.content.schema import DomainPart, RecommendationsPart, StandardPart
from yjsreport.engine.results import InspectionResult
from yjsreport.errors import ContentError, Problem
from yjsreport.prose.markdown import Quotation, Source, marked_quotations, render, render_inline


def front_matter_texts(part: Part) -> list[tuple[tuple[str | int, ...], str]]:
    """Each inline-Markdown string in a part's front-matter, with its YAML path."""
    meta = part.meta
    texts: list[tuple[tuple[str | int, ...], str]] = []
    if isinstance(meta, StandardPart | DomainPart):
        texts += [(("strengths", i), t) for i, t in enumerate(meta.strengths)]
        texts += [(("improvements", i), t) for i, t in enumerate(meta.improvements)]
    if isinstance(meta, StandardPart) and meta.discretion is not None:
        texts.append((("discretion", "reason"), meta.discretion.reason))
    if isinstance(meta, RecommendationsPart):
        for g, group in enumerate(meta.groups):
            texts.append((("groups", g, "who"), group.who))
            texts += [(("groups", g, *path), t) for path, t, _ in group.entries()]
    return texts


def inline_source(part: Part, path: tuple[str | int, ...], text: str) -> Source:
    line, col = part.front.locate(path)
    return Source(text, part.path, line or 1, col or 1)


def body_source(part: Part) -> Source:
    return Source(part.body, part.path, part.body_line)


def check_prose(inspection: Inspection, result: InspectionResult) -> list[Problem]:
    problems: list[Problem] = []
    for part in inspection.parts:
        try:
            render(
                body_source(part),
                result,
                base_level=2,
                doc_id=part.path.stem,
                context=inspection.context,
                key_data=inspection.key_data,
            )
        except ContentError as exc:
            problems.extend(exc.problems)
        for path, text in front_matter_texts(part):
            try:
                render_inline(
                    inline_source(part, path, text),
                    result,
                    doc_id=part.path.stem,
                    context=inspection.context,
                    key_data=inspection.key_data,
                )
            except ContentError as exc:
                problems.extend(exc.problems)
    return problems


def quotations(inspection: Inspection) -> list[Quotation]:
    """The marked quotations in an inspection's parts, whose figures check lets through."""
    return [q for part in inspection.parts for q in marked_quotations(body_source(part))]
