"""The smallest pieces of what authors write, shared by inspection, context and
figures files: text that is not empty, a name to refer to, a figure as written."""

from __future__ import annotations

import math
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


Text = Annotated[str, Field(min_length=1)]
# What a figure counts: prose prints each in house style ('17th', 'three months').
Unit = Literal["number", "percent", "pounds", "rank", "hours", "days", "weeks", "months", "years"]
# A name authors choose for something prose refers to: lower case, hyphens.
Slug = Annotated[str, Field(pattern=r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")]


def _figure_value(value: object) -> object:
    """A whole number, a finite decimal, or text for what is not a plain number ("<1%",
    "10–12"), printed as written. Never YAML's yes/no (a bool), .nan or .inf."""
    if isinstance(value, bool) or (isinstance(value, float) and not math.isfinite(value)):
        shown = {True: "yes/true", False: "no/false"}.get(value, str(value))  # type: ignore[arg-type]
        raise ValueError(
            "expected a whole number, a decimal or a figure written as text in quotes "
            f'(such as "<1%"); got {shown}'
        )
    if isinstance(value, str) and not any(ch.isdigit() for ch in value):
        raise ValueError(f"expected a figure; the text {value!r} has no digit in it")
    return value


FigureValue = Annotated[int | float | str, BeforeValidator(_figure_value)]
