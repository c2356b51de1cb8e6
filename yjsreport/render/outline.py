"""The report's sections in published order: one list drives the contents,
the page headings and the PDF bookmarks, so they cannot disagree."""

from __future__ import annotations

from dataclasses import dataclass

from yjsreport.project import Report


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    level: int  # heading level on the page: 2 for a section, 3 for a standard


def standard_anchor(standard_id: str) -> str:
    return "standard-" + standard_id.replace(".", "-")


def standard_heading(standard_id: str, title: str) -> str:
    """'1.1. Governance and leadership', numbered as the published headings are."""
    return f"{standard_id}. {title}"


def outline(report: Report) -> list[Section]:
    """The sections the published contents page lists, in the framework version's layout:
    the inside cover, involvement and diversity sit inside other sections and are not listed."""
    inspection, result = report.inspection, report.result
    layout = inspection.framework.layout
    sections = [
        Section("foreword", layout.opening_heading, 2),
        Section("ratings", "Ratings", 2),
    ]
    if layout.executive_summary:
        sections.append(Section("summary", "Executive summary", 2))
    sections += [
        Section("recommendations", "Recommendations", 2),
        Section("background", "Background", 2),
        Section("context", "Contextual facts", 2),
    ]
    for domain in result.domains:
        sections.append(Section(f"domain-{domain.id}", f"{domain.id}. {domain.title}", 2))
        sections += [
            Section(standard_anchor(s.id), standard_heading(s.id, s.title), 3)
            for s in domain.standards
        ]
    sections.append(Section("methodology", "Annexe 1: Methodology", 2))
    if layout.inspection_data_annexe:
        sections.append(Section("inspection-data", "Annexe 2: Inspection data", 2))
    return sections
