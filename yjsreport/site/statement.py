"""The accessibility statement's facts, read from ``templates/site/accessibility.yaml``.

UK public bodies publish a statement on the model the Government Digital Service
gives: when it was prepared and last reviewed, when the site was last tested, a
compliance status, and what does not yet conform and why. The dates and the list
are data kept beside the statement's template (the statement covers what the
templates make, so every site built from them shares it); the compliance status
is worked out from the list, never written by hand, so the statement cannot call
the site fully compliant while it lists a failure.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, model_validator

from yjsreport.content.schema import Date, Text, _Strict
from yjsreport.content.validation import validate
from yjsreport.content.yamlsource import YamlProblem, read_yaml
from yjsreport.errors import ContentError, Problem
from yjsreport.resources import template_folders

STATEMENT_FILE = Path("site") / "accessibility.yaml"  # under the templates folder
STANDARD = "Web Content Accessibility Guidelines version 2.2 AA standard"


class Failure(_Strict):
    """One thing that does not yet conform: what a reader meets, where, and why."""

    applies_to: Literal["site", "pdf", "site and pdf"]
    # listed only on a site that holds an annual report, or a reinspection
    only_where: Literal["annual report", "reinspection"] | None = None
    what: Text  # a sentence a reader can act on
    criteria: list[Text] = Field(default_factory=list)  # WCAG 2.2 success criteria failed
    why: Text  # why it is so, and what we plan to do


class Statement(_Strict):
    prepared: Date
    reviewed: Date
    tested: Date
    failures: list[Failure] = Field(default_factory=list)

    @model_validator(mode="after")
    def _in_order(self) -> Statement:
        if self.reviewed < self.prepared:
            raise ValueError("reviewed: the statement cannot be reviewed before it was prepared")
        return self


def reflow_fails(failures: list[Failure]) -> bool:
    """Whether a page of the site fails to reflow (WCAG 1.4.10), so the statement may
    not promise reflow at 400 per cent everywhere."""
    return any(
        criterion.startswith("1.4.10") and failure.applies_to != "pdf"
        for failure in failures
        for criterion in failure.criteria
    )


Holds = Literal["annual report", "reinspection"]


def applicable(statement: Statement, holds: set[Holds]) -> list[Failure]:
    """What the statement lists for a site that holds `holds` (an annual report, a
    reinspection): an entry about something the site does not hold is left out."""
    return [f for f in statement.failures if f.only_where is None or f.only_where in holds]


def compliance(failures: list[Failure]) -> Literal["fully compliant", "partially compliant"]:
    """'Partially compliant' while anything listed fails a WCAG criterion."""
    return "partially compliant" if any(f.criteria for f in failures) else "fully compliant"


def load_statement(templates: Path) -> Statement:
    """The statement's facts, or a ContentError naming the file, line and column. A
    content repository's own file comes first, then the packaged one."""
    path = next(
        (f / STATEMENT_FILE for f in template_folders(templates) if (f / STATEMENT_FILE).is_file()),
        templates / STATEMENT_FILE,
    )
    if not path.is_file():
        raise ContentError(
            [
                Problem(
                    path,
                    "missing accessibility statement file: expected prepared, "
                    "reviewed, tested and failures",
                )
            ]
        )
    try:
        doc = read_yaml(path)
    except YamlProblem as exc:
        raise ContentError([exc.problem]) from exc
    statement, problems = validate(Statement, doc)
    if statement is None:
        raise ContentError(problems)
    return statement
