"""Data references in annual-report prose, resolved to house-style text.

| reference | gives |
|---|---|
| `{{ services }}` | the number of inspections published in the period |
| `{{ period }}`, `{{ period.start }}`, `{{ period.end }}` | October 2021 to September 2022 |
| `{{ rating.good }}` | ‘Good’ (a rating may not be typed into prose) |
| `{{ overall.good }}`, `{{ overall.good.percent }}` | services rated ‘Good’ overall |
| `{{ overall.good-or-better }}`, `.percent` | rated ‘Good’ or ‘Outstanding’ |
| `{{ 1.1.outstanding }}`, `{{ 2.1.rated }}`, `.percent` | a standard's ratings (% of rated) |
| `{{ 2.1.3.percent }}`, `.yes`, `.relevant` | a key question over the period's relevant cases |
| `{{ 2.2.2d.percent }}`, `{{ 2.2.2d.not_applicable.percent }}` | a prompt over the whole sample |
| `{{ extra.management-oversight.court.percent }}` | a question beside the framework |
| `{{ cases.court }}` | cases inspected in the period |
| `{{ highest.service }}`, `{{ highest.score }}`, `{{ highest.max }}` | the highest score |
| `{{ reinspections }}` | services inspected again in the period |
| `{{ survey.staff.responses }}` | survey responses across the period (figures/references.py) |
| `{{ crosstab.mappa.mappa.2.3.1.percent }}`, `.relevant` | a key question for a group of children |
| `{{ crosstab.safety-by-risk.high.very-high }}`, `.percent` | cases by both levels (% of row) |
| `{{ crosstab.offence-type.court.robbery }}`, `.percent` | cases by offence or disposal type |

Cross-tabulation references follow the tables of the same name: groups are
`looked-after` and `ehcp` (`yes`, `no`), `mappa` (`mappa`, `none`) and
`oocd-sequence` (`first`, `repeat`); levels are `low`, `medium`, `high`,
`very-high` or `high-or-very-high`; samples are `court` and `out-of-court`; types
are `offence-type` and `disposal-type` with the vocabulary's values. A figure the
disclosure rule hides in the table may not be referenced either.

Key questions and prompts are those of the framework version named in
annual.yaml, summed over the period's inspections under that version.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from yjsreport.annual import aggregates as agg
from yjsreport.annual.disclosure import ALL, LEVEL_SETS
from yjsreport.annual.model import AnnualFigures
from yjsreport.engine.disclosure import WHY, withheld_text
from yjsreport.prose.numbers import count_in_words, per_cent
from yjsreport.prose.references import ReferenceProblem, quoted
from yjsreport.rules.banding import printed_percent
from yjsreport.rules.disclosure import Cell
from yjsreport.rules.ratings import Rating

RATING_KEYS: dict[str, tuple[Rating, ...]] = {
    "outstanding": (Rating.OUTSTANDING,),
    "good": (Rating.GOOD,),
    "requires-improvement": (Rating.REQUIRES_IMPROVEMENT,),
    "inadequate": (Rating.INADEQUATE,),
    "not-rated": (Rating.NOT_RATED,),
    "good-or-better": (Rating.GOOD, Rating.OUTSTANDING),
    "requires-improvement-or-worse": (Rating.REQUIRES_IMPROVEMENT, Rating.INADEQUATE),
}
_QUESTION = re.compile(r"(?P<id>\d+\.\d+\.\d+[a-z]?)(?:\.(?P<field>[a-z_.]+))?")
_STANDARD = re.compile(r"(?P<id>\d+\.\d+)\.(?P<key>[a-z-]+)(?P<pct>\.percent)?")
_RATING_LIST = ", ".join(RATING_KEYS)


def month_year(day: object) -> str:
    return f"{day:%B %Y}"


def resolve_annual(ref: str, figures: AnnualFigures) -> str:
    ref = ref.strip()
    head, _, rest = ref.partition(".")
    handler = _HANDLERS.get(head)
    if handler is not None:
        return handler(rest, figures)
    if m := _QUESTION.fullmatch(ref):
        return _question(m["id"], m["field"], figures)
    if m := _STANDARD.fullmatch(ref):
        return _standard(m["id"], m["key"], bool(m["pct"]), figures)
    raise ReferenceProblem(
        f"unknown reference {{{{ {ref} }}}}: expected services, period, rating.<rating>, "
        "overall.<rating>, a standard's <id>.<rating>, a key question or prompt id, "
        "extra.<id>, cases.<sample>, highest.<field>, reinspections, survey.<kind>.responses "
        "or crosstab.<table>.<cell>"
    )


def _percent(part: int, whole: int) -> str:
    if whole == 0:
        raise ReferenceProblem("no cases or services to take a percentage of")
    return per_cent(str(printed_percent(part, whole)))


def _services(rest: str, f: AnnualFigures) -> str:
    if rest:
        raise ReferenceProblem("{{ services }} takes no field")
    return count_in_words(len(f.results))


def _period(rest: str, f: AnnualFigures) -> str:
    if rest == "":
        return f"{month_year(f.period.start)} to {month_year(f.period.end)}"
    if rest in ("start", "end"):
        return month_year(getattr(f.period, rest))
    raise ReferenceProblem(f"unknown field 'period.{rest}': expected period.start or period.end")


def _rating(rest: str, f: AnnualFigures) -> str:
    if rest in RATING_KEYS and len(RATING_KEYS[rest]) == 1:
        return quoted(RATING_KEYS[rest][0])
    raise ReferenceProblem(
        f"unknown rating 'rating.{rest}': expected one of outstanding, good, "
        "requires-improvement, inadequate, not-rated"
    )


def _count_of(dist: dict[Rating, int], key: str, pct: bool, label: str) -> str:
    if key not in RATING_KEYS:
        raise ReferenceProblem(f"unknown rating {key!r} in {label}: expected one of {_RATING_LIST}")
    n = sum(dist[r] for r in RATING_KEYS[key])
    if not pct:
        return count_in_words(n)
    whole = (
        sum(v for r, v in dist.items() if r.is_rated) if key != "not-rated" else sum(dist.values())
    )
    return _percent(n, whole)


def _overall(rest: str, f: AnnualFigures) -> str:
    key, _, field = rest.partition(".")
    if field not in ("", "percent"):
        raise ReferenceProblem(f"unknown field {field!r}: expected overall.{key}.percent")
    return _count_of(f.overall, key, field == "percent", "overall")


def _standard(sid: str, key: str, pct: bool, f: AnnualFigures) -> str:
    if sid not in f.distributions:
        raise ReferenceProblem(f"no standard {sid} in the ratings matrix")
    dist = f.distributions[sid]
    if key == "rated":
        n = sum(v for r, v in dist.items() if r.is_rated)
        return _percent(n, sum(dist.values())) if pct else count_in_words(n)
    return _count_of(dist, key, pct, f"{sid}.{key}")


def _question(qid: str, field: str | None, f: AnnualFigures) -> str:
    text = f.key_question_text(qid)
    if text is None:
        raise ReferenceProblem(
            f"no key question or prompt {qid} in the period's inspections under framework "
            f"{f.framework}"
        )
    share = agg.question_share(f.results, f.framework, qid)
    is_prompt = qid[-1].isalpha()
    if field == "text":
        return text
    if field in ("yes", "no", "relevant", "not_applicable"):
        return count_in_words(getattr(share, field))
    if field == "percent":
        value = share.percent_of_sample if is_prompt else share.percent
        if value is None:
            raise ReferenceProblem(f"{qid} has no cases in the period to take a share of")
        return per_cent(str(value))
    if field == "not_applicable.percent":
        if share.not_applicable_percent is None:
            raise ReferenceProblem(f"{qid} has no cases in the period")
        return per_cent(str(share.not_applicable_percent))
    raise ReferenceProblem(
        f"unknown field {field!r} for {qid}: expected percent, yes, no, relevant, "
        "not_applicable, not_applicable.percent or text"
    )


def _extra(rest: str, f: AnnualFigures) -> str:
    qid, _, field = rest.rpartition(".")
    row = next((r for r in f.extras if r.id == qid), None)
    if row is None:
        known = ", ".join(r.id for r in f.extras) or "none declared in the period"
        raise ReferenceProblem(f"no extra question {qid or rest!r}: expected one of {known}")
    if field == "percent" and row.share.percent is not None:
        return per_cent(str(row.share.percent))
    if field in ("yes", "relevant"):
        return count_in_words(getattr(row.share, field))
    raise ReferenceProblem(f"unknown field {field!r} for extra.{qid}: expected percent")


def _cases(rest: str, f: AnnualFigures) -> str:
    if rest not in f.cases:
        raise ReferenceProblem(f"no sample {rest!r}: expected one of {', '.join(f.cases)}")
    return count_in_words(f.cases[rest])


def _highest(rest: str, f: AnnualFigures) -> str:
    if f.highest is None:
        raise ReferenceProblem("no inspection in the period has a score")
    if rest == "service":
        return f.highest.meta.short_name
    if rest == "score":
        return str(f.highest.score.total)
    if rest == "max":
        return str(f.highest.score.maximum)
    raise ReferenceProblem(f"unknown field 'highest.{rest}': expected service, score or max")


def _reinspections(rest: str, f: AnnualFigures) -> str:
    if rest:
        raise ReferenceProblem("{{ reinspections }} takes no field")
    return count_in_words(len(f.revisits))


# ---------------------------------------------------------------- cross-tabulations

GROUPS = {
    "looked-after": "looked_after",
    "ehcp": "ehcp",
    "mappa": "mappa",
    "oocd-sequence": "oocd_sequence",
}
TYPES = {"offence-type": "offence_type", "disposal-type": "disposal_type"}
_GROUP_CELL = re.compile(r"(?P<group>[a-z-]+)\.(?P<kq>\d+\.\d+\.\d+)\.(?P<field>[a-z]+)")


def _withheld(name: str, cell: Cell) -> ReferenceProblem:
    assert cell.reason is not None
    return ReferenceProblem(
        f"crosstab.{name} is not published ({withheld_text(cell)}): the disclosure rule "
        f"withholds it because {WHY[cell.reason]}; the table withholds it too"
    )


def _crosstab(rest: str, f: AnnualFigures) -> str:
    table, _, cell = rest.partition(".")
    if table in GROUPS:
        return _group_cell(table, cell, f)
    if table == "safety-by-risk":
        return _safety_cell(cell, f)
    if table in TYPES:
        return _type_cell(table, cell, f)
    known = ", ".join([*GROUPS, "safety-by-risk", *TYPES])
    raise ReferenceProblem(f"unknown cross-tabulation {table!r}: expected one of {known}")


def _group_cell(table: str, cell: str, f: AnnualFigures) -> str:
    shares = f.cells.groups.get(GROUPS[table], {})
    groups = sorted({g for per in shares.values() for g in per})
    m = _GROUP_CELL.fullmatch(cell)
    if m is None or m["group"] not in groups:
        raise ReferenceProblem(
            f"unknown cell {cell!r} of crosstab.{table}: expected <group>.<key question>."
            f"percent or .relevant, with a group of {', '.join(groups) or 'none in the period'}"
        )
    kq, field = m["kq"], m["field"]
    if kq not in shares:
        raise ReferenceProblem(f"no key question {kq} in crosstab.{table}")
    if field not in ("percent", "relevant"):
        raise ReferenceProblem(f"unknown field {field!r}: expected percent or relevant")
    share = shares[kq][m["group"]]
    if not share.published:
        hidden = share.relevant if share.relevant.shown is None else share.yes
        raise _withheld(f"{table}.{cell}", hidden)
    if field == "relevant":
        return count_in_words(share.relevant.count)
    if share.percent is None:
        raise ReferenceProblem(f"crosstab.{table}.{cell} has no relevant cases to take a share of")
    return per_cent(str(share.percent))


def _safety_cell(cell: str, f: AnnualFigures) -> str:
    parts = cell.split(".")
    pct = parts[-1] == "percent"
    if pct:
        parts = parts[:-1]
    if len(parts) != 2 or not all(p in LEVEL_SETS for p in parts):
        raise ReferenceProblem(
            f"unknown cell {cell!r} of crosstab.safety-by-risk: expected <risk level>."
            f"<safety and wellbeing level>, optionally .percent, with levels of "
            f"{', '.join(LEVEL_SETS)}"
        )
    if not f.cells.safety:
        raise ReferenceProblem("no case in the period recorded both levels")
    found = f.cells.safety[(parts[0], parts[1])]
    if found.shown is None:
        raise _withheld(f"safety-by-risk.{cell}", found)
    if not pct:
        return count_in_words(found.shown)
    base = f.cells.safety[(parts[0], ALL)]
    if base.shown is None:
        raise _withheld(f"safety-by-risk.{parts[0]}.all", base)
    return _percent(found.shown, base.shown)


def _type_cell(table: str, cell: str, f: AnnualFigures) -> str:
    sample, _, value = cell.partition(".")
    pct = value.endswith(".percent")
    value = value.removesuffix(".percent")
    cells = f.cells.types.get((sample, TYPES[table]), {})
    recorded = [v for v, c in cells.items() if v != ALL and (c.shown is None or c.shown)]
    if value not in cells or value == ALL or cells[value].shown == 0:
        raise ReferenceProblem(
            f"unknown cell {cell!r} of crosstab.{table}: expected <sample>.<value>, optionally "
            f".percent, with a sample of court or out-of-court and a value recorded in the "
            f"period ({', '.join(recorded) or 'none'})"
        )
    found = cells[value]
    if found.shown is None:
        raise _withheld(f"{table}.{cell}", found)
    return _percent(found.shown, cells[ALL].count) if pct else count_in_words(found.shown)


_HANDLERS: dict[str, Callable[[str, AnnualFigures], str]] = {
    "crosstab": _crosstab,
    "services": _services,
    "period": _period,
    "rating": _rating,
    "overall": _overall,
    "extra": _extra,
    "cases": _cases,
    "highest": _highest,
    "reinspections": _reinspections,
}
