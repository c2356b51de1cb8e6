"""The columns of each case-data sample, with their published wording and the
values allowed in them.

Everything here is read from the constants the case loader validates with
(`content.cases`, `content.vocabulary`) and from the framework, so the codebook, the templates and
the loader cannot disagree.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from yjsreport.content import cases
from yjsreport.content.schema import ExtraQuestion
from yjsreport.content.vocabulary import ATTRIBUTES, REQUIRED_ATTRIBUTES
from yjsreport.framework.model import Framework
from yjsreport.prose.numbers import capitalise_first


@dataclass(frozen=True)
class Column:
    """One column of a sample's case data."""

    name: str
    kind: str  # "case id", "attribute", "key question", "prompt" or "extra question"
    wording: str
    allowed: tuple[str, ...] | None  # None: any value (the case id)
    required: bool

    @property
    def allowed_text(self) -> str:
        if self.allowed is None:
            return "any id, unique in the sample; never published"
        return ", ".join(self.allowed)


def _question_wording(framework: Framework) -> dict[str, tuple[str, str]]:
    wording: dict[str, tuple[str, str]] = {}
    for _, standard in framework.standards():
        for kq in standard.key_questions:
            wording[kq.id] = ("key question", kq.text)
            for prompt in kq.prompts:
                wording[prompt.id] = ("prompt", prompt.text)
    return wording


def sample_columns(
    framework: Framework, sample: str, extra: Sequence[ExtraQuestion] = ()
) -> tuple[Column, ...]:
    """Every column a sample's case data can hold, in the order templates use, with
    the inspection's own extra questions (declared in inspection.yaml) last."""
    answers = tuple(cases.ANSWERS)
    columns = [Column(cases.CASE_COLUMN, "case id", "The case's own reference.", None, True)]
    for name, allowed in framework.sample_vocabulary(sample).items():
        wording = capitalise_first(ATTRIBUTES[name].description) + "."
        columns.append(Column(name, "attribute", wording, allowed, name in REQUIRED_ATTRIBUTES))
    questions = _question_wording(framework)
    for qid in framework.sample_columns(sample):
        kind, text = questions[qid]
        columns.append(Column(qid, kind, text, answers, True))
    for question in extra:
        if question.sample == sample:
            columns.append(Column(question.id, "extra question", question.text, answers, True))
    return tuple(columns)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def codebook_markdown(framework: Framework, extra: Sequence[ExtraQuestion] = ()) -> str:
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
        for column in sample_columns(framework, sample, extra):
            lines.append(
                f"| `{column.name}` | {_cell(column.wording)} | {_cell(column.allowed_text)} "
                f"| {'yes' if column.required else 'no'} |"
            )
    return "\n".join(lines) + "\n"
