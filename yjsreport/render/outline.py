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


def outline(report: Report) -> list[Section]:
    inspection, result = report.inspection, report.result
    sections = [Section("foreword", "Foreword", 2), Section("ratings", "Ratings", 2)]
    if inspection.single("summary"):
        sections.append(Section("summary", "Executive summary", 2))
    sections += [
        Section("recommendations", "Recommendations", 2),
        Section("background", "Background", 2),
        Section("context", "Contextual facts", 2),
    ]
    for domain in result.domains:
        sections.append(Section(f"domain-{domain.id}", f"{domain.id}. {domain.title}", 2))
        sections += [
            Section(standard_anchor(s.id), f"{s.id} {s.title}", 3) for s in domain.standards
        ]
        if domain.id == "1":
            if inspection.single("involvement"):
                sections.append(
                    Section("involvement", "Involvement of children and parents or carers", 2)
                )
            if inspection.single("diversity"):
                sections.append(Section("diversity", "Diversity", 2))
    sections += [
        Section("methodology", "Annexe 1: Methodology", 2),
        Section("inspection-data", "Annexe 2: Inspection data", 2),
    ]
    return sections
