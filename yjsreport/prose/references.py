"""Resolving a data reference such as `2.1.1a`, `2.1.rating` or `sample.court`
to house-style text, so that no figure in prose is ever typed by hand."""

from __future__ import annotations

import re

from yjsreport.engine.disclosure import WHY, attribute_cells, withheld_text
from yjsreport.engine.results import InspectionResult, QuestionResult
from yjsreport.prose.numbers import count_in_words, per_cent

_ID_FIELD = re.compile(r"(?P<id>\d+\.\d+(?:\.\d+[a-z]?)?)(?:\.(?P<field>[a-z_]+))?")
QUESTION_FIELDS = (
    "yes",
    "no",
    "relevant",
    "not_applicable",
    "sample",
    "percent",
    "sample_percent",
    "share",
    "of",
    "text",
)
COUNT_FIELDS = ("yes", "no", "relevant", "not_applicable", "sample")
STANDARD_FIELDS = ("rating", "computed", "title", "statement", "questions")
FRAMEWORK_FIELDS = ("domains", "standards", "<domain>.standards")
OVERALL_FIELDS = ("rating", "score", "max")


class ReferenceProblem(Exception):
    """A reference the data cannot answer; the message says what was expected."""


def quoted(rating: object) -> str:
    return f"‘{rating}’"


def _framework_id(ref: str, result: InspectionResult) -> tuple[bool, str, str | None] | None:
    """(is a standard, id, field) where the reference names a standard or question of the
    inspection's framework, whatever its ids look like (digits and dots, or letters too)."""
    head, dot, tail = ref.rpartition(".")
    # a field, not an id part: a word, even with a digit in it ('rating2' is a mistyped field)
    named = bool(dot) and re.fullmatch(r"[a-z_][a-z0-9_]*", tail) is not None
    for item_id, field in ((ref, None), (head, tail) if named else (None, None)):
        if not item_id:
            continue
        if result.standard(item_id) is not None:
            return True, item_id, field
        if result.question(item_id) is not None or result.qualitative_question(item_id):
            return False, item_id, field
    return None


def resolve(ref: str, result: InspectionResult) -> str:
    ref = ref.strip()
    known = _framework_id(ref, result)
    if known is not None:
        is_standard, item_id, field = known
        if is_standard:
            return _standard(item_id, field, result)
        return _question(item_id, field, result)
    match = _ID_FIELD.fullmatch(ref)
    if match:
        item_id, field = match["id"], match["field"]
        if item_id.count(".") == 1:
            return _standard(item_id, field, result)
        return _question(item_id, field, result)
    head, _, rest = ref.partition(".")
    if head == "overall":
        return _overall(rest, result)
    if head == "framework":
        return _framework(rest, result)
    if head == "sample":
        name, dot, field = rest.partition(".")
        if dot and name in result.samples:
            raise ReferenceProblem(
                f"unknown field {field!r} for sample.{name}: a sample has no fields; "
                f"{{{{ sample.{name} }}}} gives its number of cases"
            )
        return _sample(rest, result)
    if head in result.samples:
        name, _, field = rest.partition(".")
        extra = result.extra_question(head, name)
        if extra is not None:
            return question_text(extra, field or None, f"{head}.{name}")
        return _attribute(head, rest, result)
    raise ReferenceProblem(
        f"unknown reference {{{{ {ref} }}}}: expected a question id (2.1.1a), a standard "
        "field (2.1.rating), overall.rating, sample.court, <sample>.<extra question>, "
        "<sample>.<attribute>.<value>, context.<figure id>, framework.standards, "
        "survey.<id>.<question>.<answer>, "
        "stat.<table>.<row>.<column>, key_data.<standard>.<figure> or pooled.<extra question>"
    )


def _question(qid: str, field: str | None, result: InspectionResult) -> str:
    q = result.question(qid)
    if q is None and (wording := result.qualitative_question(qid)) is not None:
        if field == "text":
            return wording
        raise ReferenceProblem(
            f"{qid} is a question of a qualitative standard: only "
            f"{{{{ {qid}.text }}}} can be quoted"
        )
    if q is None:
        raise ReferenceProblem(
            f"no key question or prompt {qid} in framework {result.framework_id}"
        )
    return question_text(q, field, qid)


def question_text(q: QuestionResult, field: str | None, name: str) -> str:
    """A question's figure in house style: over relevant cases unless `sample` is asked."""
    if field == "text":
        return q.text
    if field in COUNT_FIELDS:
        return count_in_words(getattr(q, field))
    if field == "sample_percent":
        if not q.sample:
            raise ReferenceProblem(f"{name} has no cases in its sample, so it has no share")
        return per_cent(str(q.sample_percent))
    if field not in (None, "percent", "share", "of"):
        raise ReferenceProblem(
            f"unknown field {field!r} for {name}: expected one of {', '.join(QUESTION_FIELDS)}"
        )
    if not q.relevant:
        raise ReferenceProblem(f"{name} has no relevant cases, so it has no share to quote")
    if field is None:
        return f"{count_in_words(q.yes)} out of {count_in_words(q.relevant)}"
    if field == "percent":
        return per_cent(str(q.percent))
    if field == "of":  # the reports write both: 'seven out of nine' and 'seven of the nine'
        return f"{count_in_words(q.yes)} of the {count_in_words(q.relevant)}"
    return share(q.yes, q.relevant)


def share(yes: int, relevant: int) -> str:
    """House-style share for prose: 'all 11', 'all but one of the 11', 'none of the 11'."""
    whole = count_in_words(relevant)
    if relevant == 2 and yes in (0, 2):
        return "both" if yes == 2 else "neither of the two"
    if yes == relevant:
        return f"all {whole}"
    if yes == 0:
        return f"none of the {whole}"
    if yes == relevant - 1 and relevant > 2:
        return f"all but one of the {whole}"
    return f"{count_in_words(yes)} out of {whole}"


def _standard(sid: str, field: str | None, result: InspectionResult) -> str:
    s = result.standard(sid)
    if s is None:
        raise ReferenceProblem(f"no standard {sid} in framework {result.framework_id}")
    if field == "rating":
        return quoted(s.rating)
    if field == "computed":
        return quoted(s.computed)
    if field in {"title", "statement"}:
        return str(getattr(s, field))
    if field == "questions":  # 'the following three questions': the framework's count
        return count_in_words(len(s.key_questions) if s.is_case else len(s.questions))
    if field:
        raise ReferenceProblem(
            f"unknown field {field!r} for standard {sid}: expected one of "
            f"{', '.join(STANDARD_FIELDS)}"
        )
    raise ReferenceProblem(
        f"{{{{ {sid} }}}}: a standard needs a field: one of {', '.join(STANDARD_FIELDS)}"
    )


def _overall(field: str, result: InspectionResult) -> str:
    if field == "rating":
        return quoted(result.overall)
    if field == "score":
        return str(result.score.total)
    if field == "max":
        return str(result.score.maximum)
    raise ReferenceProblem(
        f"unknown field 'overall.{field}': expected one of "
        f"{', '.join('overall.' + f for f in OVERALL_FIELDS)}"
    )


def _framework(rest: str, result: InspectionResult) -> str:
    """Counts the framework file gives ('three domains', '12 core standards'), never typed:
    the domains and standards that count towards the score, or one domain's standards."""
    scored = [d for d in result.domains if any(s.scored for s in d.standards)]
    if rest == "domains":
        return count_in_words(len(scored))
    if rest == "standards":
        return count_in_words(sum(s.scored for s in result.standards()))
    domain_id, _, field = rest.rpartition(".")
    domain = next((d for d in result.domains if d.id == domain_id), None)
    if domain is not None and field == "standards":
        return count_in_words(len(domain.standards))
    raise ReferenceProblem(
        f"unknown reference {{{{ framework.{rest} }}}}: expected framework.domains, "
        "framework.standards (the standards that are scored) or framework.<domain>.standards "
        f"with a domain of {', '.join(d.id for d in result.domains)}"
    )


def _sample(name: str, result: InspectionResult) -> str:
    if name not in result.samples:
        raise ReferenceProblem(f"no sample {name!r}: expected one of {', '.join(result.samples)}")
    return count_in_words(result.samples[name].cases)


def _attribute(sample: str, rest: str, result: InspectionResult) -> str:
    attribute, _, value = rest.partition(".")
    counts = result.samples[sample].attributes
    if attribute not in counts:
        extra = [q.id for q in result.extra.get(sample, ())]
        raise ReferenceProblem(
            f"no attribute or extra question {attribute!r} in the {sample} sample: expected "
            f"an attribute of {', '.join(counts) or '(none recorded)'}, or an extra question "
            f"of {', '.join(extra) or '(none declared under extra_questions in inspection.yaml)'}"
        )
    if not value:
        raise ReferenceProblem(
            f"{{{{ {sample}.{attribute} }}}} needs a value, such as "
            f"{sample}.{attribute}.{next(iter(counts[attribute]), 'x')}"
        )
    known = ", ".join(v for v, n in counts[attribute].items() if n) or "none"
    missing = f"no {sample} case has {attribute} {value!r} (values in the data: {known})"
    if value not in result.samples[sample].values_of(attribute):
        raise ReferenceProblem(missing)
    cell = attribute_cells(result.slug, result.samples[sample], attribute)[value]
    if cell.shown is None:
        assert cell.reason is not None
        raise ReferenceProblem(
            f"{{{{ {sample}.{attribute}.{value} }}}} is not published ({withheld_text(cell)}): "
            f"the disclosure rule withholds it because {WHY[cell.reason]}; "
            "the report's tables and downloads withhold it too"
        )
    # A value no case has is a real zero, but also the likeliest typo: say which.
    if cell.shown == 0:
        raise ReferenceProblem(missing)
    return count_in_words(cell.shown)
