"""References to figures from outside the case data, resolved to house-style text,
for single and annual reports alike.

- `{{ survey.staff.supervision.agree }}`: 10 out of 12 (of those who answered it);
  `.of` 10 of the 12, `.share` all but one of the 12, `.percent` 83 per cent,
  `.count` 10; `{{ survey.staff.supervision.answered }}` 12; `.text` its wording;
  for a rating scale (answers with a `score`), `.average`, `.lowest`, `.highest` and
  `.scale` (the top of the scale);
  `{{ survey.staff.responses }}`; in the annual report `.inspections` too.
- `{{ stat.deprivation.brackenmoor.most-deprived }}`: a cell, its source as a note.
- `{{ context.fte-rate }}`: a population or caseload figure of context.yaml given an
  id, its source (or its group's) as a note.
- `{{ key_data.1.2.headcount }}`: a figure of the key data table printed under a
  standard (its part's front-matter), named by its id or else its label as a key
  (`total-staff-headcount`); its source as a note.
- `{{ pooled.management-oversight }}`, with a question's fields: summed over samples.
- `{{ 37% from ons-census }}`, `{{ £1,250 from "Author (2022). Title." }}`: a one-off
  figure, its source (an id of `sources`, or the citation in quotes) as a note; a
  period or a scale after the number: `{{ 3 months from service-data }}` (three months),
  `{{ £3 million from council-budget }}`.
- `{{ stat.age.yot.10-14-years against the national stat.age.national.10-14-years }}`:
  'above the national 22 per cent' (or 'below', 'the same as'); the figure after
  the words may be a one-off one (`against the national 22% from yjb-annual`).
- `{{ table stat.deprivation }}`, `{{ table survey.staff }}`: the table, on a line of
  its own.
- `{{ chart stat.by-ethnicity }}`: the chart a table of statistics asks for (its
  `chart:`), with its caption, source and text alternative, then the table itself,
  on a line of its own; in an annual report (a single report prints the table).

A figure the disclosure rule withholds (a survey question answered by fewer than
five people) cannot be quoted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from yjsreport.content.figures import StatTable, Survey, SurveyQuestion
from yjsreport.engine.results import QuestionResult
from yjsreport.figures.collect import FigureSet
from yjsreport.figures.survey_disclosure import SMALL_SURVEY, answer_cells
from yjsreport.prose.numbers import DURATIONS, count_in_words, figure_in_prose, per_cent
from yjsreport.prose.references import QUESTION_FIELDS, ReferenceProblem, question_text, share
from yjsreport.rules.banding import printed_percent
from yjsreport.rules.disclosure import MIN_BREAKDOWN

KEY_DATA = "key_data"
HEADS = ("survey", "stat", "pooled", "table", "chart", "context", KEY_DATA)
ANSWER_FIELDS = ("of", "share", "percent", "count")
SCORE_FIELDS = ("average", "lowest", "highest", "scale")
_SOURCED = re.compile(
    r"(?P<value>£?\d[\d,]*(?:\.\d+)?%?)(?:\s+(?P<unit>million|billion|"
    + "|".join(u.removesuffix("s") for u in DURATIONS)
    + r")s?)?\s+from\s+(?P<source>.+)",
    re.IGNORECASE | re.DOTALL,
)
_QUOTED = re.compile(r"[\"“](?P<text>[^\"”]+)[\"”]")
_AGAINST = re.compile(r"(?P<left>\S+)\s+against\s+(?P<rest>.+)", re.DOTALL)
# where the figure compared with starts, after any words to print before it
_OPERAND = re.compile(r"(?:stat|survey|pooled|context|key_data)\.|£?\d")


@dataclass(frozen=True)
class SourceNote:
    """A source to give as a note; `key` names what it cites (a source id or a citation)."""

    key: str
    citation: str


@dataclass(frozen=True)
class TableRef:
    kind: str  # "stat" or "survey"
    name: str
    chart: bool = False  # the table's chart, then the table


@dataclass(frozen=True)
class Resolved:
    text: str
    notes: tuple[SourceNote, ...] = ()
    table: TableRef | None = None


@dataclass(frozen=True)
class Typed:
    """A figure as a value to compare, with its prose and notes."""

    value: float
    unit: str
    resolved: Resolved


def is_figure_reference(ref: str) -> bool:
    ref = ref.strip()
    head = ref.partition(".")[0].partition(" ")[0]
    return head in HEADS or bool(_SOURCED.fullmatch(ref)) or " against " in ref


def resolve_figure(ref: str, figures: FigureSet) -> Resolved:
    ref = ref.strip()
    if ref.startswith("table "):
        return _table(ref.removeprefix("table ").strip(), figures)
    if ref.startswith("chart ") or ref == "chart":
        return _chart(ref.removeprefix("chart").strip(), figures)
    if (m := _AGAINST.fullmatch(ref)) is not None:
        rest = m["rest"]
        start = _OPERAND.search(rest)
        if start is None:
            raise ReferenceProblem(
                f"{{{{ {ref} }}}}: expected a figure after 'against', such as "
                "stat.<table>.<row>.<column> or 22% from <source id>"
            )
        return _compare(m["left"], rest[: start.start()], rest[start.start() :], figures)
    return _typed_or_text(ref, figures)


def _typed_or_text(ref: str, figures: FigureSet) -> Resolved:
    typed = typed_figure(ref, figures)
    if isinstance(typed, Typed):
        return typed.resolved
    return typed


def typed_figure(ref: str, figures: FigureSet) -> Typed | Resolved:
    """A figure with its value where it has one (to compare), else its text."""
    if (m := _SOURCED.fullmatch(ref)) is not None:
        return _sourced(m["value"], m["unit"], m["source"].strip(), figures)
    head, _, rest = ref.partition(".")
    if head == "survey":
        return _survey(rest, figures)
    if head == "stat":
        return _stat(rest, figures)
    if head == "pooled":
        return _pooled(rest, figures)
    if head == KEY_DATA:
        return _key_data(rest, figures)
    if head == "context":
        return _context(rest, figures)
    raise ReferenceProblem(
        f"unknown figure reference {{{{ {ref} }}}}: expected survey.<survey>.<question>.<answer>, "
        "stat.<table>.<row>.<column>, key_data.<standard>.<figure>, pooled.<question>, a "
        "figure with its source (37% from <source id>) or <figure> against <figure>"
    )


def _notes(figures: FigureSet, *candidates: str | None) -> tuple[SourceNote, ...]:
    """The first source given (a cell's before its row's before its table's), as a note."""
    key = next((c for c in candidates if c), None)
    if key is None or key not in figures.sources:
        return ()
    return (SourceNote(f"source:{key}", figures.sources[key]),)


# ---------------------------------------------------------------- a figure with its source


def _sourced(value: str, unit_word: str | None, source: str, figures: FigureSet) -> Typed:
    quoted = _QUOTED.fullmatch(source)
    if quoted is not None:
        note = SourceNote(f"cite:{quoted['text'].strip()}", quoted["text"].strip())
    elif source in figures.sources:
        note = SourceNote(f"source:{source}", figures.sources[source])
    else:
        known = ", ".join(figures.sources) or "none defined"
        raise ReferenceProblem(
            f"unknown source {source!r}: expected a source id from sources ({known}) or "
            'the citation in double quotes, such as from "Office for National Statistics '
            '(2022). Census 2021."'
        )
    unit = "percent" if value.endswith("%") else "pounds" if value.startswith("£") else "number"
    digits = value.strip("£%").replace(",", "")
    number: int | float = float(digits) if "." in digits else int(digits)
    scale = (unit_word or "").lower()
    if scale in ("million", "billion"):  # '£3 million': the figure as the reports print it
        text = f"{figure_in_prose(number, unit)} {scale}"
        whole = number * (10**6 if scale == "million" else 10**9)
        return Typed(whole, unit, Resolved(text, (note,)))
    if scale:  # a period: '3 months from service-data' is 'three months'
        unit = scale + "s"
    return Typed(number, unit, Resolved(figure_in_prose(number, unit), (note,)))


# ---------------------------------------------------------------- statistics


def _names(items: list[str]) -> str:
    return ", ".join(items) or "none"


def stat_table(name: str, figures: FigureSet) -> StatTable:
    table = figures.table(name)
    if table is None:
        raise ReferenceProblem(
            f"no table of statistics {name!r}: expected one of "
            f"{_names([t.id for t in figures.tables])}"
        )
    return table


def _stat(rest: str, figures: FigureSet) -> Typed | Resolved:
    parts = rest.split(".")
    table = stat_table(parts[0], figures)
    rows = [r.key for r in table.rows]
    columns = [c.key for c in table.columns]
    if len(parts) != 3:
        raise ReferenceProblem(
            f"{{{{ stat.{rest} }}}}: a cell is named stat.{table.id}.<row>.<column>, with a "
            f"row of {_names(rows)} and a column of {_names(columns)}"
        )
    _, row_key, column_key = parts
    if row_key not in rows:
        raise ReferenceProblem(
            f"no row {row_key!r} in table {table.id!r}: expected one of {_names(rows)}"
        )
    if column_key not in columns:
        raise ReferenceProblem(
            f"no column {column_key!r} in table {table.id!r}: expected one of {_names(columns)}"
        )
    row = table.rows[rows.index(row_key)]
    column = table.columns[columns.index(column_key)]
    cell = row.values[columns.index(column_key)]
    unit = table.unit_of(column)
    resolved = Resolved(
        figure_in_prose(cell.value, unit), _notes(figures, cell.source, row.source, table.source)
    )
    if isinstance(cell.value, str):
        return resolved
    return Typed(cell.value, unit, resolved)


# ---------------------------------------------------------------- context.yaml's figures


def _context(figure_id: str, figures: FigureSet) -> Typed | Resolved:
    """A population or caseload figure of context.yaml given an id; its source (its own,
    else its group's) as a note, as a statistic's is."""
    figure = figures.figures.get(figure_id)
    if figure is None:
        known = ", ".join(figures.figures) or "none: none has an id; add id: to the figure"
        raise ReferenceProblem(
            f"no contextual figure with id {figure_id!r} in context.yaml: expected the id of "
            f"a figure under population or caseload ({known})"
        )
    resolved = Resolved(figure_in_prose(figure.value, figure.unit), _notes(figures, figure.source))
    if isinstance(figure.value, str):
        return resolved
    return Typed(figure.value, figure.unit, resolved)


# ---------------------------------------------------------------- key data


def _key_data(rest: str, figures: FigureSet) -> Typed | Resolved:
    """A figure of a standard's key data table: key_data.<standard>.<figure>, the
    standard's id holding dots of its own, a figure's name none."""
    name = f"{KEY_DATA}.{rest}" if rest else KEY_DATA
    standards = list(figures.key_data)
    standard = next((s for s in standards if rest == s or rest.startswith(s + ".")), None)
    if standard is None:
        given = rest.rpartition(".")[0] or rest
        raise ReferenceProblem(
            f"{{{{ {name} }}}}: "
            + (f"standard {given!r} has no key data" if given else "no standard given")
            + f"; expected {KEY_DATA}.<standard>.<figure> with a standard of "
            f"{_names(standards)} (those whose part has a key_data table)"
        )
    table = figures.key_data[standard]
    key, _, field = rest[len(standard) + 1 :].partition(".")
    keys = [f.key for f in table.figures]
    figure = table.figure(key)
    if figure is None:
        asked = f"no figure {key!r}" if key else "a figure is needed"
        raise ReferenceProblem(
            f"{{{{ {name} }}}}: {asked} in the key data of standard {standard} "
            f"({table.title}): expected one of {_names(keys)} (a figure is named by its id, "
            "or else by its label in lower case, each run of other characters a hyphen)"
        )
    if field:
        raise ReferenceProblem(
            f"{{{{ {name} }}}}: a key data figure has no fields; write "
            f"{{{{ {KEY_DATA}.{standard}.{key} }}}}, which prints it in its own unit "
            "('37 per cent', '£2,242,456', 'eight')"
        )
    resolved = Resolved(figure_in_prose(figure.value, figure.unit), _notes(figures, figure.source))
    if isinstance(figure.value, str):
        return resolved
    return Typed(figure.value, figure.unit, resolved)


# ---------------------------------------------------------------- surveys


def survey_of(name: str, figures: FigureSet) -> Survey:
    survey = figures.survey(name)
    if survey is None:
        raise ReferenceProblem(
            f"no survey {name!r}: expected one of {_names([s.id for s in figures.surveys])}"
        )
    return survey


def _survey(rest: str, figures: FigureSet) -> Typed | Resolved:
    parts = rest.split(".")
    survey = survey_of(parts[0], figures)
    questions = [q.id for q in survey.questions]
    notes = _notes(figures, survey.source)
    tail = parts[1:]
    if tail == ["responses"]:
        return Typed(survey.responses, "number", Resolved(count_in_words(survey.responses), notes))
    if tail == ["inspections"] and survey.id in figures.survey_inspections:
        return Resolved(count_in_words(figures.survey_inspections[survey.id]))
    if not tail or tail[0] not in questions:
        asked = f"question {tail[0]!r}" if tail else "a question"
        raise ReferenceProblem(
            f"survey {survey.id!r} has no {asked}: expected survey.{survey.id}.responses or "
            f"survey.{survey.id}.<question>.<answer>, with a question of {_names(questions)}"
        )
    question = survey.questions[questions.index(tail[0])]
    name = f"survey.{survey.id}.{question.id}"
    if tail[1:] == ["answered"]:
        return Typed(
            question.answered, "number", Resolved(count_in_words(question.answered), notes)
        )
    if tail[1:] == ["text"]:
        return Resolved(question.text)
    if len(tail) == 2 and tail[1] in SCORE_FIELDS:
        return _score(question, tail[1], name, notes)
    if len(tail) not in (2, 3) or tail[1] not in question.answers:
        raise ReferenceProblem(
            f"{{{{ {name}{'.' if tail[1:] else ''}{'.'.join(tail[1:])} }}}}: expected "
            f"{name}.<answer>, optionally followed by .of, .share, .percent or .count, with an "
            f"answer of {_names(question.answers)}; or {name}.answered or {name}.text"
            + (f"; or {name}.{', .'.join(SCORE_FIELDS)}" if question.scored else "")
        )
    field = tail[2] if len(tail) == 3 else None
    if field is not None and field not in ANSWER_FIELDS:
        scale = (
            f" ({field} belongs to the question, not an answer: {{{{ {name}.{field} }}}}, "
            "for a question whose answers have scores)"
            if field in SCORE_FIELDS
            else ""
        )
        raise ReferenceProblem(
            f"unknown field {field!r} for {name}.{tail[1]}: expected one of "
            f"{', '.join(ANSWER_FIELDS)}, or none for 'ten out of 12'{scale}"
        )
    return _answer(question, tail[1], field, f"{name}.{tail[1]}", notes)


def _answer(
    question: SurveyQuestion,
    answer: str,
    field: str | None,
    name: str,
    notes: tuple[SourceNote, ...],
) -> Typed | Resolved:
    cell = answer_cells(question)[answer]
    if not cell.published:
        assert cell.reason is not None
        raise ReferenceProblem(
            f"{{{{ {name} }}}} is not published: {SMALL_SURVEY}; quote "
            f"{{{{ {name.rsplit('.', 1)[0]}.answered }}}} instead"
        )
    n, whole = cell.count, question.answered
    if field == "count":
        return Typed(n, "number", Resolved(count_in_words(n), notes))
    if field == "percent":
        shown = printed_percent(n, whole)
        return Typed(shown, "percent", Resolved(per_cent(str(shown)), notes))
    if field == "of":
        return Resolved(f"{count_in_words(n)} of the {count_in_words(whole)}", notes)
    if field == "share":
        return Resolved(share(n, whole), notes)
    return Resolved(f"{count_in_words(n)} out of {count_in_words(whole)}", notes)


def _score(
    question: SurveyQuestion, field: str, name: str, notes: tuple[SourceNote, ...]
) -> Typed | Resolved:
    """A rating-scale question's average, lowest or highest score given, or the top of
    its scale: 'an average of 8.4 out of 10', 'none lower than eight'."""
    if not question.scored:
        raise ReferenceProblem(
            f"{{{{ {name}.{field} }}}}: the answers of {name} have no scores; give each "
            "answer its place on the scale (score: 8) in the survey's data"
        )
    if field == "scale":
        top = question.top_of_scale
        return Typed(top, "number", Resolved(count_in_words(top), notes))
    # a score summarises every answer, so it is withheld as a breakdown would be
    withheld = [c for c in answer_cells(question).values() if not c.published]
    if withheld or question.answered < MIN_BREAKDOWN:
        raise ReferenceProblem(
            f"{{{{ {name}.{field} }}}} is not published: {SMALL_SURVEY}; quote "
            f"{{{{ {name}.answered }}}} instead"
        )
    given = question.given()
    if not given:
        raise ReferenceProblem(f"{{{{ {name}.{field} }}}}: nobody gave a score")
    if field == "average":
        if question.banded:
            raise ReferenceProblem(
                f"{{{{ {name}.average }}}}: some answers stand for a band of scores, so no "
                f"average can be worked out; quote {{{{ {name}.lowest }}}} (the lowest score "
                "any answer allows) instead"
            )
        n = sum(o.count for o in given)
        mean = round(sum((o.lowest or 0) * o.count for o in given) / n, 1)
        whole = mean == int(mean)
        text = count_in_words(int(mean)) if whole else f"{mean:.1f}"
        return Typed(int(mean) if whole else mean, "number", Resolved(text, notes))
    value = (
        min(o.lowest or 0 for o in given)
        if field == "lowest"
        else max(o.highest or 0 for o in given)
    )
    return Typed(value, "number", Resolved(count_in_words(value), notes))


# ---------------------------------------------------------------- pooled case questions


def _pooled(rest: str, figures: FigureSet) -> Typed | Resolved:
    qid, _, field = rest.partition(".")
    question: QuestionResult | None = figures.pooled.get(qid)
    if question is None:
        raise ReferenceProblem(
            f"no extra question {qid!r} to pool across samples: expected one of "
            f"{_names(sorted(figures.pooled))} (declared under extra_questions in "
            "inspection.yaml)"
        )
    if field and field not in QUESTION_FIELDS:
        raise ReferenceProblem(
            f"unknown field {field!r} for pooled.{qid}: expected one of "
            f"{', '.join(QUESTION_FIELDS)}"
        )
    text = question_text(question, field or None, f"pooled.{qid}")
    if field == "percent" and question.percent is not None:
        return Typed(question.percent, "percent", Resolved(text))
    return Resolved(text)


# ---------------------------------------------------------------- comparisons


def _compare(left: str, words: str, right: str, figures: FigureSet) -> Resolved:
    a, b = typed_figure(left, figures), typed_figure(right, figures)
    for ref, found in ((left, a), (right, b)):
        if not isinstance(found, Typed):
            raise ReferenceProblem(
                f"{{{{ {ref} }}}} is not a single figure, so it cannot be compared: name a "
                "percentage (.percent), a count or a cell of a table"
            )
    assert isinstance(a, Typed) and isinstance(b, Typed)
    if a.unit != b.unit:
        raise ReferenceProblem(
            f"{{{{ {left} }}}} is a {a.unit} figure and {{{{ {right} }}}} a {b.unit} one: "
            "only figures of one kind can be compared"
        )
    word = "above" if a.value > b.value else "below" if a.value < b.value else "the same as"
    return Resolved(f"{word} {words}{b.resolved.text}", b.resolved.notes)


def _table(rest: str, figures: FigureSet) -> Resolved:
    head, _, name = rest.partition(".")
    if head == "stat":
        stat_table(name, figures)
    elif head == "survey":
        survey = survey_of(name, figures)
        if not survey.questions:
            raise ReferenceProblem(
                f"survey {name!r} has no questions to print: add them under questions"
            )
    else:
        raise ReferenceProblem(
            f"{{{{ table {rest} }}}}: expected table stat.<table> or table survey.<survey>"
        )
    return Resolved("", table=TableRef(head, name))


def _chart(rest: str, figures: FigureSet) -> Resolved:
    head, _, name = rest.partition(".")
    if head != "stat" or not name:
        raise ReferenceProblem(
            f"{{{{ chart {rest} }}}}: expected chart stat.<table>, naming a table of "
            "statistics that asks for a chart"
        )
    table = stat_table(name, figures)
    if table.chart is None:
        raise ReferenceProblem(
            f"table {name!r} asks for no chart: add chart: {{kind: lines}} (or "
            "stacked-bars, or bars) to it where its figures are written, or place the "
            f"table alone with {{{{ table stat.{name} }}}}"
        )
    return Resolved("", table=TableRef("stat", name, chart=True))
