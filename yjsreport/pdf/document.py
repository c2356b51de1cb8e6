"""Rendering one report to a tagged PDF with WeasyPrint."""

from __future__ import annotations

from pathlib import Path

from weasyprint import HTML

from yjsreport.project import Report
from yjsreport.render.report import article_context, environment


def print_html(report: Report, templates: Path) -> str:
    env = environment(templates)
    context = article_context(report, "print")
    return env.get_template("print/document.html").render(context)


def write_pdf(report: Report, templates: Path, target: Path) -> None:
    html = print_html(report, templates)
    document = HTML(string=html, base_url=str(templates.resolve()) + "/")
    target.parent.mkdir(parents=True, exist_ok=True)
    document.write_pdf(target, pdf_variant="pdf/ua-1", lang="en-GB")
