"""The columns of each case-data sample, with their published wording and the
values allowed in them.

Everything here is read from the constants the case loader validates with
(`content.cases`) and from the framework, so the codebook, the templates and
the loader cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass

from yjsreport.content import cases
from yjsreport.framework.model import Framework

ATTRIBUTE_VALUES_FREE = "any lower-case words joined by hyphens"
# What each attribute records, in our words; an attribute without one is described by its name.
ATTRIBUTE_WORDING: dict[str, str] = {
    "disposal_type": "The disposal or sentence the case was inspected under.",
    "gender": "The child's gender.",
    "rosh": "The level of risk of serious harm to others posed by the child.",
    "safety_wellbeing": "The level of concern about the child's own safety and wellbeing.",
    "offence_type": "The type of the principal offence.",
    "age_band": "The child's age band.",
    "ethnicity": "The child's ethnicity.",
}


@dataclass(frozen=True)
class Column:
    """One column of a sample's case data."""

    name: str
    kind: str  # "case id", "attribute", "key question" or "prompt"
    wording: str
    allowed: tuple[str, ...] | None  # None: free values, described by `allowed_text`
    required: bool

    @property
    def allowed_text(self) -> str:
        if self.kind == "case id":
            return "any id, unique in the sample; never published"
        if self.allowed is None:
            return ATTRIBUTE_VALUES_FREE
        return ", ".join(self.allowed)


def _question_wording(framework: Framework) -> dict[str, tuple[str, str]]:
    wording: dict[str, tuple[str, str]] = {}
    for _, standard in framework.standards():
        for kq in standard.key_questions:
            wording[kq.id] = ("key question", kq.text)
            for prompt in kq.prompts:
                wording[prompt.id] = ("prompt", prompt.text)
    return wording


def sample_columns(framework: Framework, sample: str) -> tuple[Column, ...]:
    """Every column a sample's case data can hold, in the order templates use."""
    answers = tuple(cases.ANSWERS)
    columns = [Column(cases.CASE_COLUMN, "case id", "The case's own reference.", None, True)]
    for name, allowed in cases.ATTRIBUTES.items():
        wording = ATTRIBUTE_WORDING.get(name, name.replace("_", " ").capitalize() + ".")
        columns.append(
            Column(name, "attribute", wording, allowed, name in cases.REQUIRED_ATTRIBUTES)
        )
    wording = _question_wording(framework)
    for qid in framework.sample_columns(sample):
        kind, text = wording[qid]
        columns.append(Column(qid, kind, text, answers, True))
    return tuple(columns)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def codebook_markdown(framework: Framework) -> str:
    """A readable codebook: one table per sample."""
    lines = [
        f"# Case data codebook: {framework.title}",
        "",
        "One row per sampled case. Answer every key question and prompt with "
        f"{', '.join(cases.ANSWERS)}: 'N/A' takes the case out of that question's "
        "count. Case rows describe children: they are never published.",
        "",
        "The templates hold the required columns. Add an optional column if you record it; "
        "once it is there, every row needs a value in it.",
    ]
    for sample in framework.samples:
        lines += [
            "",
            f"## {sample} (cases/{sample}.csv, or the '{sample}' sheet of cases/cases.xlsx)",
            "",
            "| column | what it records | allowed values | required |",
            "|---|---|---|---|",
        ]
        for column in sample_columns(framework, sample):
            lines.append(
                f"| `{column.name}` | {_cell(column.wording)} | {_cell(column.allowed_text)} "
                f"| {'yes' if column.required else 'no'} |"
            )
    return "\n".join(lines) + "\n"
