"""Resolving `crosstab.<type>.<sample>.<value>.percent-applicable`: a count's share of
the cases its characteristic applies to (annual/applicable.py), in house style."""

from __future__ import annotations

from typing import TYPE_CHECKING

from yjsreport.annual.applicable import applicable_share
from yjsreport.content.vocabulary import ATTRIBUTES
from yjsreport.engine.disclosure import WHY, withheld_text
from yjsreport.prose.numbers import per_cent
from yjsreport.prose.references import ReferenceProblem

if TYPE_CHECKING:
    from yjsreport.annual.model import AnnualFigures


def applicable_percent(
    table: str, attribute: str, sample: str, value: str, f: AnnualFigures
) -> str:
    value = value.removesuffix(".percent-applicable")
    name = f"crosstab.{table}.{sample}.{value}.percent-applicable"
    vocabulary = ATTRIBUTES[attribute]
    if vocabulary.not_applicable is None:
        raise ReferenceProblem(
            f"{name}: {table} has no value saying it does not apply, so a share of the cases "
            "it applies to is its .percent"
        )
    cells = f.cells.types.get((sample, attribute), {})
    if not cells:
        raise ReferenceProblem(f"{name}: no {sample} case in the period recorded {table}")
    if value not in vocabulary.applicable():
        raise ReferenceProblem(
            f"{name}: expected one of {', '.join(vocabulary.applicable())} before "
            ".percent-applicable"
        )
    share = applicable_share(cells, attribute, value)
    if share.withheld is not None:
        cell = share.withheld
        assert cell.reason is not None
        raise ReferenceProblem(
            f"{name} is not published: the cases it applies to sum a count that is withheld "
            f"({withheld_text(cell)}) because {WHY[cell.reason]}"
        )
    if share.percent is None:
        raise ReferenceProblem(f"{name}: no case in the period is one it applies to")
    return per_cent(str(share.percent))
