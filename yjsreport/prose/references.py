"""Resolving a data reference such as `2.1.1a`, `2.1.rating` or `sample.court`
to house-style text, so that no figure in prose is ever typed by hand."""

from __future__ import annotations

import re

from yjsreport.engine.results import InspectionResult, QuestionResult
from yjsreport.prose.numbers import count_in_words, per_cent

_ID_FIELD = re.compile(r"(?P<id>\d+\.\d+(?:\.\d+[a-z]?)?)(?:\.(?P<field>[a-z_]+))?")
QUESTION_FIELDS = ("yes", "no", "relevant", "not_applicable", "percent", "share", "text")
STANDARD_FIELDS = ("rating", "computed", "title", "statement")
OVERALL_FIELDS = ("rating", "score", "max")


class ReferenceProblem(Exception):
    """A reference the data cannot answer; the message says what was expected."""


def quoted(rating: object) -> str:
    return f"‘{rating}’"


def resolve(ref: str, result: InspectionResult) -> str:
    ref = ref.strip()
    match = _ID_FIELD.fullmatch(ref)
    if match:
        item_id, field = match["id"], match["field"]
        if item_id.count(".") == 1:
            return _standard(item_id, field, result)
        return _question(item_id, field, result)
    head, _, rest = ref.partition(".")
    if head == "overall":
        return _overall(rest, result)
    if head == "sample":
        return _sample(rest, result)
    if head in result.samples:
        return _attribute(head, rest, result)
    raise ReferenceProblem(
        f"unknown reference {{{{ {ref} }}}}: expected a question id (2.1.1a), a standard "
        "field (2.1.rating), overall.rating, sample.court or <sample>.<attribute>.<value>"
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
    if field == "text":
        return q.text
    if field in {"yes", "no", "relevant", "not_applicable"}:
        return count_in_words(getattr(q, field))
    if not q.relevant:
        raise ReferenceProblem(f"{qid} has no relevant cases, so it has no share to quote")
    if field is None:
        return f"{count_in_words(q.yes)} out of {count_in_words(q.relevant)}"
    if field == "percent":
        return per_cent(_shown(q))
    if field == "share":
        return share(q.yes, q.relevant)
    raise ReferenceProblem(
        f"unknown field {field!r} for {qid}: expected one of {', '.join(QUESTION_FIELDS)}"
    )


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


def _shown(q: QuestionResult) -> str:
    assert q.shown is not None
    return q.shown


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
    raise ReferenceProblem(
        f"{{{{ {sid}{'.' + field if field else ''} }}}}: a standard needs "
        f"a field: one of {', '.join(STANDARD_FIELDS)}"
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


def _sample(name: str, result: InspectionResult) -> str:
    if name not in result.samples:
        raise ReferenceProblem(f"no sample {name!r}: expected one of {', '.join(result.samples)}")
    return count_in_words(result.samples[name].cases)


def _attribute(sample: str, rest: str, result: InspectionResult) -> str:
    attribute, _, value = rest.partition(".")
    counts = result.samples[sample].attributes
    if attribute not in counts:
        raise ReferenceProblem(
            f"no attribute {attribute!r} in the {sample} sample: expected "
            f"one of {', '.join(counts) or '(none recorded)'}"
        )
    if not value:
        raise ReferenceProblem(
            f"{{{{ {sample}.{attribute} }}}} needs a value, such as "
            f"{sample}.{attribute}.{next(iter(counts[attribute]), 'x')}"
        )
    # A value no case has is a real zero, but also the likeliest typo: say which.
    if value not in counts[attribute]:
        known = ", ".join(counts[attribute]) or "none"
        raise ReferenceProblem(
            f"no {sample} case has {attribute} {value!r} (values in the data: {known})"
        )
    return count_in_words(counts[attribute][value])
