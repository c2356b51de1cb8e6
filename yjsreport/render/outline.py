"""The report's sections in published order: one list drives the contents,
the page headings and the PDF bookmarks, so they cannot disagree."""

from __future__ import annotations

from dataclasses import dataclass

from yjsreport.project import Report
from yjsreport.prose.numbers import id_in_words


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


SECTION_TITLES = {
    "ratings": "Ratings",
    "summary": "Executive summary",
    "recommendations": "Recommendations",
    "background": "Background",
    "context": "Contextual facts",
    "further-information": "Further information",
    "methodology": "Annexe 1: Methodology",
    "inspection-data": "Annexe 2: Inspection data",
}


def outline(report: Report) -> list[Section]:
    """The sections the published contents page lists, in the report format's order: the
    inside cover, and involvement and diversity where they sit inside other sections, are
    not listed."""
    inspection, result = report.inspection, report.result
    layout = inspection.format
    sections: list[Section] = []
    for name in layout.sections:
        if name == "foreword":
            sections.append(Section("foreword", layout.opening_heading, 2))
        elif name != "domains":
            sections.append(Section(name, SECTION_TITLES[name], 2))
            continue
        if name != "domains":
            continue
        for domain in result.domains:
            title = layout.domain_title(domain.id, domain.title, id_in_words(domain.id))
            sections.append(Section(f"domain-{domain.id}", title, 2))
            sections += [
                Section(standard_anchor(s.id), standard_heading(s.id, s.title), 3)
                for s in domain.standards
            ]
            for kind, heading in (
                ("involvement", layout.involvement_heading),
                ("diversity", "Diversity"),
            ):
                placed = layout.involvement if kind == "involvement" else layout.diversity
                if placed.after == domain.id and inspection.single(kind):
                    sections.append(Section(kind, heading, 2))
    return sections
