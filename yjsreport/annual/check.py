"""Rendering every chapter of an annual report once, to find bad references,
typed figures and headings before anything is written."""

from __future__ import annotations

from yjsreport.annual.model import AnnualReport
from yjsreport.annual.placement import Prose
from yjsreport.annual.references import resolve_annual
from yjsreport.annual.stat_charts import StatCharts
from yjsreport.errors import ContentError, Problem
from yjsreport.prose.markdown import Source, render


def check_annual(annual: AnnualReport) -> list[Problem]:
    problems: list[Problem] = []
    placer = StatCharts({}, lambda name: f"{name}.svg", web=True)
    for chapter in annual.source.chapters:
        for k, part in enumerate(chapter.parts):  # the prose between placed exhibits and images
            if not isinstance(part, Prose):
                continue
            try:
                render(
                    Source(part.text, chapter.path, part.line),
                    annual.figures,  # type: ignore[arg-type]
                    base_level=2,
                    doc_id=chapter.path.stem + (f"-{k}" if k else ""),
                    resolver=resolve_annual,
                    figures=annual.quoted,
                    charts=placer,
                )
            except ContentError as exc:
                problems.extend(exc.problems)
    return problems
