"""`yjsreport new`: a new inspection folder with every part ready to write.

Every report part is written with its front-matter keys and the standard
wording (question headings, the score and rating sentences) already in place;
what only the inspectors can write is marked with an '[insert …]' instruction
or 'TBC', which `yjsreport check` lists until it is replaced. The files are
made in a temporary folder and moved into place whole, so a failure leaves
nothing half-made.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from yjsreport.authoring.codebook import codebook_markdown, sample_columns
from yjsreport.content.inspection import (
    CASES_FOLDER,
    CONTEXT_FILE,
    INSPECTION_FILE,
    REPORT_FOLDER,
)
from yjsreport.framework.model import Domain, Framework, Standard
from yjsreport.framework.report_format import ReportFormat
from yjsreport.prose.numbers import id_in_words

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
SCHEMA_FOLDER = "schemas"
CODEBOOK_FILE = "CODEBOOK.md"
TBC = "TBC"


@dataclass(frozen=True)
class Details:
    """What `new` knows about the service; anything not given is left 'TBC'."""

    service: str = TBC
    short_name: str = TBC
    place: str = TBC
    kind: str = "YJS"
    lead_inspector: str = TBC
    fieldwork_start: dt.date | None = None

    def dates(self, today: dt.date) -> tuple[dt.date, dt.date, dt.date]:
        """Fieldwork of one working week and a planned publication twelve weeks later."""
        start = self.fieldwork_start or today
        return start, start + dt.timedelta(days=4), start + dt.timedelta(weeks=12)


class ScaffoldError(Exception):
    """`new` cannot make this inspection; the message says why."""


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _modeline(folder: Path, project: Path, schema: str) -> str:
    relative = os.path.relpath(project / SCHEMA_FOLDER / schema, folder)
    return f"# yaml-language-server: $schema={Path(relative).as_posix()}\n"


def inspection_yaml(framework: Framework, details: Details, today: dt.date) -> str:
    start, end, publication = details.dates(today)
    return (
        f"service: {_q(details.service)}\n"
        f"short_name: {_q(details.short_name)}\n"
        f"place: {_q(details.place)}\n"
        f"kind: {details.kind}                 # YOT, YOS or YJS\n"
        f'framework: "{framework.id}"\n'
        f"fieldwork_start: {start.isoformat()}  # check the three dates\n"
        f"fieldwork_end: {end.isoformat()}\n"
        f"publication_date: {publication.isoformat()}  # planned\n"
        f"lead_inspector: {_q(details.lead_inspector)}\n"
        "status: draft             # becomes 'published' when the report is signed off\n"
    )


CONTEXT_YAML = """\
# Contextual facts, each figure with its source. Uncomment a group and give real figures;
# a source named on a figure must be defined under 'sources'.
sources: {}
#  ons-population: "Office for National Statistics: population estimates"
#  service-data: "Data supplied by the service"
# population:
#   source: ons-population
#   figures:
#     - {label: "Total youth population (10–17 years)", value: 0, unit: number}
# caseload:
#   source: service-data
#   figures:
#     - {label: "Total current caseload: community sentences", value: 0, unit: number}
"""


def _front(lines: list[str]) -> str:
    return "---\n" + "".join(line + "\n" for line in lines) + "---\n"


def _findings() -> list[str]:
    return [
        "strengths:",
        f"  - {_q('[insert a strength]')}",
        "improvements:",
        f"  - {_q('[insert an area for improvement]')}",
    ]


def _key_data_comment(standard: Standard) -> list[str]:
    """The key data table the framework file gives for the standard, commented out."""
    if standard.key_data is None:
        return []
    lines = [
        "# key_data:  (uncomment and give each figure's value and source)",
        f"#   title: {_q(standard.key_data.title)}",
        "#   figures:",
    ]
    lines += [
        f"#     - {{{f'id: {f.id}, ' if f.id else ''}label: {_q(f.label)}, value: 0, "
        f"unit: {f.unit}}}"
        for f in standard.key_data.figures
    ]
    return lines


def _discretion_comment() -> list[str]:
    return [
        "# Only where the ratings panel moved the computed rating; `yjsreport check` says",
        "# whether discretion is open to it, and on which published ground:",
        "# discretion:",
        "#   from: Requires improvement",
        "#   to: Good",
        '#   reason: "why the panel moved the rating"',
    ]


def standard_part(standard: Standard, sample: str | None = None, questions: bool = True) -> str:
    """`sample`: the sample a qualitative standard needs a case in to be rated (4.1).
    `questions`: the format prints a qualitative standard's questions as headings; where
    it does not (the short layout), the standard has its strengths and areas for
    improvement instead."""
    front = ["part: standard", f'standard: "{standard.id}"']
    if not standard.is_case:
        front.append(
            "rating:                   # Outstanding, Good, Requires improvement, "
            "Inadequate or Not rated"
        )
        if sample:
            front.append(f"# 'Not rated' when the {sample} sample holds no case")
    if sample or (not questions and not standard.is_case):
        front += _findings()  # 4.1: key findings before its questions, as published
    front += _key_data_comment(standard) if not standard.is_case else _discretion_comment()
    body: list[str] = []
    if standard.is_case:
        for kq in standard.key_questions:
            prompts = f"{kq.prompts[0].id} to {kq.prompts[-1].id}" if kq.prompts else kq.id
            body += [
                f"## {{{{ {kq.id}.text }}}}",
                "",
                f"[insert what inspectors found, with each figure as a data reference to "
                f"{kq.id} or its prompts {prompts}]",
                "",
            ]
    elif not questions:
        body = ["[insert any narrative the report gives for this standard, or delete this line]"]
    else:
        for question in standard.questions:
            body += [
                f"## {{{{ {question.id}.text }}}}",
                "",
                "[insert the evidence on this question]",
                "",
            ]
    return _front(front) + "\n" + "\n".join(body).rstrip() + "\n"


def domain_part(domain: Domain, short_name: str) -> str:
    front = ["part: domain", f'domain: "{domain.id}"', *_findings()]
    if domain.sample and any(s.is_case for s in domain.standards):
        body = (
            f"We inspected {{{{ sample.{domain.sample} }}}} cases supervised by {short_name}. "
            "[insert the disposals the cases were under, and a summary of what we found]\n"
        )
    elif domain.sample:
        # resettlement: the template opens 4.1 with the cases inspected; no narrative here
        return _front(["part: domain", f'domain: "{domain.id}"'])
    else:
        body = "[insert a summary of what we found in this domain]\n"
    return _front(front) + "\n" + body


def _format(framework: Framework, published: dt.date | None) -> ReportFormat:
    """The format a new report takes: the one in use on its planned publication date."""
    return framework.report_format(None, published or dt.date.max)


def foreword_part(short_name: str, framework: Framework | None = None) -> str:
    """A foreword signed by the Chief Inspector, or under a layout that opens with an
    introduction (2018), one signed by the Director of Operations."""
    introduction = (
        framework is not None and _format(framework, None).opening_heading == "Introduction"
    )
    role = "Director of Operations" if introduction else "HM Chief Inspector of Probation"
    front = [
        "part: foreword",
        "signed_by:",
        f"  name: {_q(TBC)}",
        f"  role: {_q(role)}",
    ]
    body = (
        f"We inspected {short_name} and rated it {{{{ overall.rating }}}}.\n\n"
        "[insert the foreword]\n"
    )
    return _front(front) + "\n" + body


def summary_part(framework: Framework, short_name: str) -> str:
    # the opening ('Overall, ... is rated as: ...') is written by the templates
    lines: list[str] = []
    for domain in framework.domains:
        lines += [f"## {domain.title}", "", "[insert the summary of this domain]", ""]
    return _front(["part: summary"]) + "\n" + "\n".join(lines).rstrip() + "\n"


def recommendations_part(short_name: str) -> str:
    front = ["part: recommendations", "groups:"]
    for who in ("management board", "service manager"):
        front += [
            f"  - who: {_q(f'The {short_name} {who} should:')}",
            "    items:",
            f"      - {_q('[insert a recommendation]')}",
        ]
    # the introduction, with the count in words, is written by the templates
    return _front(front)


def methodology_part(framework: Framework) -> str:
    """Annexe 1: the fieldwork method, a heading per domain as published."""
    lines: list[str] = []
    for domain in framework.domains:
        heading = (
            f"Domain {id_in_words(domain.id)}: {domain.title.lower()}"
            if domain.id.isdigit()
            else domain.title
        )
        lines += [f"## {heading}", "", "[insert how the evidence for this domain was gathered]", ""]
    return _front(["part: methodology"]) + "\n" + "\n".join(lines).rstrip() + "\n"


def plain_part(kind: str, instruction: str) -> str:
    return _front([f"part: {kind}"]) + f"\n[insert {instruction}]\n"


def report_parts(framework: Framework, details: Details, today: dt.date) -> dict[str, str]:
    """File name to text, for every part of a report under this framework."""
    name = details.short_name
    start = details.dates(today)[0]
    parts = {
        "foreword.md": foreword_part(name, framework),
        "recommendations.md": recommendations_part(name),
        "methodology.md": methodology_part(framework),
        "background.md": _front(["part: background"])
        + "\n[insert the background: what the service is, where it sits in the council, and "
        f"the area it serves]\n\nFieldwork for this inspection began on {start:%-d %B %Y}.\n",
        "involvement.md": plain_part(
            "involvement", "how the service involves children and their parents or carers"
        ),
        "diversity.md": plain_part(
            "diversity", "how well the service responds to each child's diversity"
        ),
    }
    report_format = _format(framework, details.dates(today)[2])
    if report_format.executive_summary:
        parts["summary.md"] = summary_part(framework, name)
    for domain in framework.domains:
        parts[f"domain-{domain.id}.md"] = domain_part(domain, name)
        judged_on_policy = domain.sample and not any(s.is_case for s in domain.standards)
        for standard in domain.standards:
            parts[f"{standard.id}.md"] = standard_part(
                standard,
                domain.sample if judged_on_policy else None,
                report_format.judgement_questions,
            )
    return parts


def template_columns(framework: Framework, sample: str) -> list[str]:
    """The case id, the required attributes and every question of the sample. Optional
    attributes are left for the inspectors to add (the codebook lists them): a column
    that is there must be filled in on every row."""
    return [c.name for c in sample_columns(framework, sample) if c.required]


def case_templates(framework: Framework) -> dict[str, str]:
    """A header-only CSV per sample."""
    return {
        f"{sample}.csv": ",".join(template_columns(framework, sample)) + "\n"
        for sample in framework.samples
    }


def scaffold(
    content: Path,
    slug: str,
    framework: Framework,
    details: Details,
    today: dt.date,
    *,
    spreadsheet: bool = False,
) -> Path:
    """Write a new inspection folder under content/inspections/; return its path."""
    if not SLUG.fullmatch(slug):
        raise ScaffoldError(
            f"inspection name {slug!r}: expected lower-case words and numbers joined by "
            "hyphens, such as 'kestrel-vale-2027'"
        )
    root = content / "inspections"
    target = root / slug
    if target.exists():
        raise ScaffoldError(f"{target} already exists; nothing was written")
    root.mkdir(parents=True, exist_ok=True)
    project = content.resolve().parent
    staging = Path(tempfile.mkdtemp(prefix=f".new-{slug}-", dir=root))
    try:
        folder = target.resolve()
        (staging / INSPECTION_FILE).write_text(
            _modeline(folder, project, "inspection.schema.json")
            + inspection_yaml(framework, details, today),
            encoding="utf-8",
        )
        (staging / CONTEXT_FILE).write_text(
            _modeline(folder, project, "context.schema.json") + CONTEXT_YAML, encoding="utf-8"
        )
        report = staging / REPORT_FOLDER
        report.mkdir()
        for name, text in report_parts(framework, details, today).items():
            (report / name).write_text(text, encoding="utf-8")
        cases = staging / CASES_FOLDER
        cases.mkdir()
        (cases / CODEBOOK_FILE).write_text(codebook_markdown(framework), encoding="utf-8")
        if spreadsheet:
            from yjsreport.authoring.workbook import write_template

            write_template(framework, cases / "cases.xlsx")
        else:
            for name, text in case_templates(framework).items():
                (cases / name).write_text(text, encoding="utf-8")
        staging.rename(target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return target
