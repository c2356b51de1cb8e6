"""Data references in annual-report prose, resolved to house-style text.

| reference | gives |
|---|---|
| `{{ services }}` | services inspected in the period (with its reinspection, one service) |
| `{{ inspections }}` | the number of inspection reports published in the period |
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
| `{{ crosstab.escalation.out-of-court.escalated.percent-applicable }}` | of joint decisions |
| `{{ crosstab.assessment-tool.out-of-court.assetplus.percent }}` | AssetPlus informed it |
| `{{ profile.court.looked-after.any }}`, `.percent` | a row of the caseload profile |
| `{{ profile.court.placement.out-of-area.percent }}` | of the children it applies to |
| `{{ history.2021.overall.good }}`, `.percent` | an earlier year's overall ratings, as published |
| `{{ history.2021.1.1.good }}`, `.percent` | an earlier year's ratings of one standard |
| `{{ history.2021.2.1.1.percent }}`, `.cases` | an earlier year's key-question figure |
| `{{ history.2021.2.1.1.2018.percent }}` | the same, named by framework where it gave two |
| `{{ history.2021.services }}`, `{{ history.2021.label }}` | its inspections; '2020/21' |
| `{{ themes.education }}`, `{{ themes.education.inspections }}` | recommendations of a theme |
| `{{ history.2021.themes.education }}` | an earlier year's recommendations of a theme |
| `{{ years }}`, `{{ years.first }}`, `{{ years.last }}` | the trend window: 'four'; '2018/19' |
| `{{ years.services }}` | services across the window's years (each year's count, summed) |
| `{{ years.overall.good }}`, `.percent` | overall ratings summed across the window's years |
| `{{ years.1.1.good-or-better }}`, `.percent` | a standard's ratings summed across the years |
| `{{ years.1.1.good-or-better.percent.lowest }}`, `.highest` | the lowest or highest year's share |
| `{{ years.2.2.3.percent.lowest }}`, `.highest` | a key question's range over the years |
| `{{ years.2.2.3.cases }}` | its relevant cases, summed over the years |

Cross-tabulation references follow the tables of the same name: groups are
`looked-after` and `ehcp` (`yes`, `no`), `mappa` (`mappa`, `none`) and
`oocd-sequence` (`first`, `repeat`); levels are `low`, `medium`, `high`,
`very-high` or `high-or-very-high`; samples are `court` and `out-of-court` (and
`resettlement` for `disability` and `gender`); types are `offence-type`,
`disposal-type`, `disability`, `gender`, `decision-basis`, `decided-by`,
`escalation` and `assessment-tool` with the vocabulary's values;
`.percent-applicable` is a share of the cases whose value is not the vocabulary's
not-applicable one (`decided-alone`). A figure the disclosure rule hides in the table
may not be referenced either.

Caseload profile references follow the `caseload-profile` exhibit's rows:
`profile.<sample>.<attribute>.<value>` with the attribute as the framework file's
`profile` names it (hyphens for underscores) and `any` for the row of children with any
value but the vocabulary's 'none' (looked after; any disability recorded); `.percent`
is the row's share, of the children it applies to for a placement.

The `years.` figures run over the trend window (`trends: years` in annual.yaml):
the earlier years under history/ that fall in it, as published, and the current
year, counted as the trend exhibits count them (a standard or key question of an
earlier framework only where the framework files give it the same meaning).

Key questions and prompts are those of the framework version named in
annual.yaml, summed over the period's inspections whose framework has a question
of the same meaning (as the framework files declare it).

An earlier year is named by the year its reporting year ends in, as the file
name of its figures under history/ (annual/history.py); its key-question figures
are those it published, named by framework where it gave one under each.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence

from yjsreport.annual import aggregates as agg
from yjsreport.annual.applicable_references import applicable_percent
from yjsreport.annual.disclosure import ALL, LEVEL_SETS
from yjsreport.annual.history import HistoryYear
from yjsreport.annual.model import AnnualFigures
from yjsreport.annual.trends import RatingsYear
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
        f"unknown reference {{{{ {ref} }}}}: expected services, inspections, period, "
        "rating.<rating>, overall.<rating>, a standard's <id>.<rating>, a key question or "
        "prompt id, extra.<id>, cases.<sample>, highest.<field>, reinspections, "
        "survey.<kind>.responses, crosstab.<table>.<cell>, profile.<sample>.<row>, "
        "history.<year>.<figure>, "
        "years.<figure> or themes.<theme>"
    )


def _percent(part: int, whole: int) -> str:
    if whole == 0:
        raise ReferenceProblem("no cases or services to take a percentage of")
    return per_cent(str(printed_percent(part, whole)))


def _services(rest: str, f: AnnualFigures) -> str:
    if rest:
        raise ReferenceProblem("{{ services }} takes no field")
    return count_in_words(len(f.services))


def _inspections(rest: str, f: AnnualFigures) -> str:
    if rest:
        raise ReferenceProblem("{{ inspections }} takes no field")
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
    share = agg.question_share(f.results, f.matching, qid)
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
TYPES = {
    "offence-type": "offence_type",
    "disposal-type": "disposal_type",
    "disability": "disability",
    "gender": "gender",
    "decision-basis": "decision_basis",
    "decided-by": "decided_by",
    "escalation": "escalation",
    "assessment-tool": "assessment_tool",
}
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
    if value.endswith(".percent-applicable"):
        return applicable_percent(table, TYPES[table], sample, value, f)
    pct = value.endswith(".percent")
    value = value.removesuffix(".percent")
    cells = f.cells.types.get((sample, TYPES[table]), {})
    recorded = [v for v, c in cells.items() if v != ALL and (c.shown is None or c.shown)]
    if value not in cells or value == ALL or cells[value].shown == 0:
        raise ReferenceProblem(
            f"unknown cell {cell!r} of crosstab.{table}: expected <sample>.<value>, optionally "
            f".percent, with a sample of court, out-of-court or resettlement and a value "
            f"recorded in the period ({', '.join(recorded) or 'none'})"
        )
    found = cells[value]
    if found.shown is None:
        raise _withheld(f"{table}.{cell}", found)
    return _percent(found.shown, cells[ALL].count) if pct else count_in_words(found.shown)


def _profile(rest: str, f: AnnualFigures) -> str:
    """A row of the caseload profile exhibit: its count, or its share with .percent."""
    from yjsreport.annual.exhibits.caseload import sample_rows

    parts = rest.split(".")
    pct = parts[-1] == "percent"
    if pct:
        parts = parts[:-1]
    if len(parts) != 3 or parts[0] not in f.caseload_profiles:
        samples = ", ".join(f.caseload_profiles) or "none profiled"
        raise ReferenceProblem(
            f"unknown figure 'profile.{rest}': expected profile.<sample>.<attribute>.<value>, "
            f"optionally .percent, with a sample of {samples}"
        )
    sample, attribute, value = parts[0], parts[1].replace("-", "_"), parts[2]
    rows = sample_rows(f, sample)
    row = next((r for r in rows if r.attribute == attribute and r.value == value), None)
    if row is None:
        listed = ", ".join(f"{r.attribute.replace('_', '-')}.{r.value}" for r in rows) or "none"
        raise ReferenceProblem(
            f"no row {parts[1]}.{value} in the {sample} caseload profile: expected one of {listed}"
        )
    if row.cell.shown is None:
        raise _withheld_profile(f"profile.{rest}", row.cell)
    if not pct:
        return count_in_words(row.cell.shown)
    if row.percent is None:
        raise ReferenceProblem(
            f"profile.{rest} is not published: the children it is a share of sum a count "
            "that is withheld"
        )
    return per_cent(str(row.percent))


def _withheld_profile(name: str, cell: Cell) -> ReferenceProblem:
    assert cell.reason is not None
    return ReferenceProblem(
        f"{name} is not published ({withheld_text(cell)}): the disclosure rule withholds it "
        f"because {WHY[cell.reason]}; the table withholds it too"
    )


_HISTORY_KEY = re.compile(r"(?P<year>\d{4})\.(?P<rest>.+)")


def _history(rest: str, f: AnnualFigures) -> str:
    m = _HISTORY_KEY.fullmatch(rest)
    years = ", ".join(str(h.year) for h in f.history) or "none entered under history/"
    year = next((h for h in f.history if m and str(h.year) == m["year"]), None)
    if m is None or year is None:
        raise ReferenceProblem(
            f"unknown earlier year in 'history.{rest}': expected history.<year>.<figure> "
            f"with a year of {years}"
        )
    field = m["rest"]
    where = f"history.{year.year}"
    if field == "label":
        return year.label
    if field == "services":
        return count_in_words(len(year.inspections))
    if field.startswith("themes."):
        theme = field.removeprefix("themes.")
        if theme not in year.themes:
            known = ", ".join(year.themes) or "none entered"
            raise ReferenceProblem(f"{where} has no count of theme {theme!r}; it has {known}")
        return count_in_words(year.themes[theme])
    if q := _HISTORY_QUESTION.fullmatch(field):
        return _history_question(year, q, where)
    key, _, pct = field.partition(".")
    if key == "overall" and pct.partition(".")[0] in RATING_KEYS:
        rating, _, pct = pct.partition(".")
        if pct not in ("", "percent"):
            raise ReferenceProblem(
                f"unknown field {pct!r}: expected {where}.overall.{rating}.percent"
            )
        return _count_of(year.overall(), rating, pct == "percent", f"{where}.overall")
    if s := _STANDARD.fullmatch(field):
        dist = year.standard(s["id"])
        if not sum(dist.values()):
            raise ReferenceProblem(
                f"no inspection of {year.label} has standard {s['id']} in {where}"
            )
        return _count_of(dist, s["key"], bool(s["pct"]), f"{where}.{s['id']}")
    raise ReferenceProblem(
        f"unknown figure '{where}.{field}': expected label, services, overall.<rating>, "
        "<standard id>.<rating> or <key question id>.percent or .cases"
    )


_HISTORY_QUESTION = re.compile(
    r"(?P<id>\d+\.\d+\.\d+)(?:\.(?P<framework>[a-z0-9-]+))?\.(?P<field>percent|cases)"
)


def _history_question(year: HistoryYear, ref: re.Match[str], where: str) -> str:
    """A key-question figure as the earlier year published it; where it gave one under
    each framework (a year across the change), the reference names the framework."""
    qid, framework = ref["id"], ref["framework"]
    found = [
        q
        for q in year.key_questions
        if q.id == qid and (framework is None or q.framework == framework)
    ]
    if not found:
        raise ReferenceProblem(
            f"{where} has no figure for key question {qid}"
            + (f" under framework {framework}" if framework else "")
        )
    if len(found) > 1:
        names = " and ".join(q.framework for q in found)
        raise ReferenceProblem(
            f"{where} gives {qid} under frameworks {names}: name one, as "
            f"{where}.{qid}.{found[0].framework}.{ref['field']}"
        )
    q = found[0]
    return per_cent(str(q.percent)) if ref["field"] == "percent" else count_in_words(q.cases)


_YEARS_RANGE = ("lowest", "highest")
_YEARS_QUESTION = re.compile(
    r"(?P<id>\d+\.\d+\.\d+)\.(?P<field>percent\.lowest|percent\.highest|cases)"
)


def _years(rest: str, f: AnnualFigures) -> str:
    """Figures across the trend window: sums over its years, or the lowest or highest
    year's share, so prose can say 'across the four years, 67 of 108 services ...'."""
    rows = f.trend_overall
    if len(rows) < 2:
        raise ReferenceProblem(
            "years.… needs an earlier year in the trend window: enter its figures under "
            "history/, or widen trends: years in annual.yaml"
        )
    if rest == "":
        return count_in_words(len(rows))
    if rest == "first":
        return rows[0].label
    if rest == "last":
        return rows[-1].label
    if rest == "services":
        return count_in_words(sum(sum(r.counts.values()) for r in rows))
    if q := _YEARS_QUESTION.fullmatch(rest):
        return _years_question(q["id"], q["field"], f)
    key, _, field = rest.partition(".")
    if key == "overall":
        return _years_ratings(rows, field, "years.overall")
    if s := re.fullmatch(r"(?P<id>\d+\.\d+)\.(?P<field>.+)", rest):
        found = f.window_standards.get(s["id"])
        if found is None:
            known = ", ".join(f.window_standards) or "none"
            raise ReferenceProblem(
                f"no standard {s['id']} in framework {f.framework} for years.{rest}: expected "
                f"one of {known}"
            )
        return _years_ratings(found, s["field"], f"years.{s['id']}")
    raise ReferenceProblem(
        f"unknown figure 'years.{rest}': expected years, years.first, years.last, "
        "years.services, years.overall.<rating>, years.<standard id>.<rating> (each "
        "optionally .percent, .percent.lowest or .percent.highest) or years.<key question "
        "id>.percent.lowest, .percent.highest or .cases"
    )


def _years_ratings(rows: Sequence[RatingsYear], field: str, where: str) -> str:
    rating, _, tail = field.partition(".")
    if rating not in RATING_KEYS or tail not in (
        "",
        "percent",
        *(f"percent.{r}" for r in _YEARS_RANGE),
    ):
        raise ReferenceProblem(
            f"unknown figure '{where}.{field}': expected {where}.<rating>, optionally "
            f".percent, .percent.lowest or .percent.highest, with a rating of {_RATING_LIST}"
        )
    if tail in ("", "percent"):
        summed: dict[Rating, int] = {r: 0 for r in Rating}
        for row in rows:
            for r, n in row.counts.items():
                summed[r] += n
        return _count_of(summed, rating, tail == "percent", where)
    shares = [_share_of(row.counts, rating) for row in rows]
    known = [v for v in shares if v is not None]
    if len(known) < len(shares):
        missing = ", ".join(r.label for r, v in zip(rows, shares, strict=True) if v is None)
        raise ReferenceProblem(f"{where}: no service was rated in {missing}, so no share")
    return per_cent(str(min(known) if tail.endswith("lowest") else max(known)))


def _share_of(dist: Mapping[Rating, int], key: str) -> int | None:
    """A year's printed share of rated services (of all, for not-rated) with a rating."""
    n = sum(dist.get(r, 0) for r in RATING_KEYS[key])
    whole = (
        sum(v for r, v in dist.items() if r.is_rated) if key != "not-rated" else sum(dist.values())
    )
    return printed_percent(n, whole) if whole else None


def _years_question(qid: str, field: str, f: AnnualFigures) -> str:
    trend = next((t for t in f.trend_questions if t.id == qid), None)
    if trend is None:
        known = ", ".join(t.id for t in f.trend_questions) or "none"
        raise ReferenceProblem(
            f"no key question {qid} over the years: expected one with an earlier year's figure "
            f"under history/ ({known})"
        )
    if field == "cases":
        return count_in_words(sum(y.cases for y in trend.years))
    values = [y.percent for y in trend.years if y.percent is not None]
    return per_cent(str(min(values) if field.endswith("lowest") else max(values)))


def _themes(rest: str, f: AnnualFigures) -> str:
    theme, _, field = rest.partition(".")
    found = next((t for t in f.themes if t.theme.id == theme), None)
    if found is None:
        known = ", ".join(t.theme.id for t in f.themes) or "none declared"
        raise ReferenceProblem(
            f"unknown theme {theme!r}: expected themes.<theme> with one of {known}"
        )
    if field == "":
        return count_in_words(found.recommendations)
    if field == "inspections":
        return count_in_words(found.inspections)
    raise ReferenceProblem(f"unknown field {field!r}: expected themes.{theme}.inspections")


_HANDLERS: dict[str, Callable[[str, AnnualFigures], str]] = {
    "history": _history,
    "years": _years,
    "themes": _themes,
    "crosstab": _crosstab,
    "profile": _profile,
    "services": _services,
    "inspections": _inspections,
    "period": _period,
    "rating": _rating,
    "overall": _overall,
    "extra": _extra,
    "cases": _cases,
    "highest": _highest,
    "reinspections": _reinspections,
}
