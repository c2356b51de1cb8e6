"""Rendering every chapter of an annual report once, to find bad references,
typed figures and headings before anything is written."""

from __future__ import annotations

from yjsreport.annual.model import AnnualReport
from yjsreport.annual.references import resolve_annual
from yjsreport.errors import ContentError, Problem
from yjsreport.prose.markdown import Source, render


def check_annual(annual: AnnualReport) -> list[Problem]:
    problems: list[Problem] = []
    for chapter in annual.source.chapters:
        try:
            render(
                Source(chapter.body, chapter.path, chapter.body_line),
                annual.figures,  # type: ignore[arg-type]
                base_level=2,
                doc_id=chapter.path.stem,
                resolver=resolve_annual,
                figures=annual.quoted,
            )
        except ContentError as exc:
            problems.extend(exc.problems)
    return problems
