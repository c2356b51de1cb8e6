"""Tables of statistics and survey answers as HTML, each source given as a note.

One function per table for the web page and the PDF alike: the note mechanism
(prose/notes.py) numbers the notes in reading order, so both number them the same.
"""

from __future__ import annotations

from markupsafe import Markup

from yjsreport.content.figures import StatTable, Survey
from yjsreport.figures.collect import FigureSet
from yjsreport.figures.references import SourceNote, TableRef, stat_table, survey_of
from yjsreport.figures.survey_disclosure import answer_cells
from yjsreport.prose.notes import Notes
from yjsreport.prose.numbers import count_in_words, figure
from yjsreport.render.wording import citation
from yjsreport.rules.banding import printed_percent
from yjsreport.rules.disclosure import MIN_BREAKDOWN


def note_mark(notes: Notes, note: SourceNote) -> Markup:
    """A source's note at its first reference, and its number again at each later one,
    on the web as in print alike, so both number the notes the same."""
    return Markup(notes.reference(str(citation(note.citation))))


def _source(notes: Notes, figures: FigureSet, key: str | None) -> Markup:
    if key is None or key not in figures.sources:
        return Markup("")
    return note_mark(notes, SourceNote(f"source:{key}", figures.sources[key]))


def table_html(ref: TableRef, figures: FigureSet, notes: Notes) -> Markup:
    if ref.kind == "stat":
        return stat_table_html(stat_table(ref.name, figures), figures, notes)
    return survey_table_html(survey_of(ref.name, figures), figures, notes)


def stat_table_html(
    table: StatTable, figures: FigureSet, notes: Notes, of_figure: int | None = None
) -> Markup:
    """The table's source in its caption; a row's after its last figure and a cell's
    after the cell, so a header's name stays its label alone. The table of a chart's
    figures (`of_figure`) says so, its source given once, with the chart's caption."""
    if of_figure is None:
        caption = Markup("{}{}").format(table.title, _source(notes, figures, table.source))
    else:  # its source is the chart's note: a second here would be a note with no call
        caption = Markup("{}: the figures of figure {}").format(table.title, of_figure)
    out = [
        Markup('<table class="figures-table statistics-table" id="stat-{}">').format(table.id),
        Markup("<caption>{}</caption>").format(caption),
        Markup('<thead><tr><th scope="col">{}</th>').format(table.row_heading),
    ]
    out += [Markup('<th scope="col" class="num">{}</th>').format(c.label) for c in table.columns]
    out.append(Markup("</tr></thead>\n<tbody>\n"))
    for row in table.rows:
        out.append(Markup('<tr><th scope="row">{}</th>').format(row.label))
        for i, (column, cell) in enumerate(zip(table.columns, row.values, strict=True)):
            mark = _source(notes, figures, cell.source)
            if i == len(row.values) - 1:
                mark += _source(notes, figures, row.source)
            shown = figure(cell.value, table.unit_of(column))
            out.append(Markup('<td class="num">{}{}</td>').format(shown, mark))
        out.append(Markup("</tr>\n"))
    out.append(Markup("</tbody>\n</table>\n"))
    return Markup("").join(out)


def survey_table_html(survey: Survey, figures: FigureSet, notes: Notes) -> Markup:
    """Each question a group of rows: its answers, counted and as a percentage of those
    who answered it; a question answered by too few is not broken down."""
    caption = f"{survey.title}: answers to each question"
    out = [
        Markup('<table class="figures-table survey-table" id="survey-{}">').format(survey.id),
        Markup("<caption>{}{}{}{}</caption>").format(
            caption,
            ", summed over the inspections that asked it"
            if survey.id in figures.survey_inspections
            else f" ({count_in_words(survey.responses)} responses)",
            _source(notes, figures, survey.source),
            continued_mark(caption) if notes.mode == "print" else "",
        ),
        Markup(
            '<thead><tr><th scope="col" id="{0}-answer">Answer</th>'
            '<th scope="col" class="num" id="{0}-number">Number</th>'
            '<th scope="col" class="num" id="{0}-percent">%</th></tr></thead>\n'
        ).format(f"survey-{survey.id}"),
    ]
    # Rows grouped under each question: every cell names its column, its question and
    # its answer (headers=), since a screen reader cannot work out two levels of row
    # headers from scope alone.
    for q in survey.questions:
        cells = answer_cells(q)
        group = f"survey-{survey.id}-{q.id}"
        out.append(
            Markup(
                '<tbody>\n<tr><th scope="rowgroup" colspan="3" id="{}">{} (answered by {}{})'
                "</th></tr>\n"
            ).format(
                group,
                q.text,
                _who(q.answered, survey.respondents),
                _asked_in(figures, survey.id, q.id),
            )
        )
        if q.answered < MIN_BREAKDOWN:
            out.append(
                Markup(
                    '<tr><td colspan="3" headers="{}">Not broken down: fewer than {} answered'
                    "</td></tr>\n"
                ).format(group, count_in_words(MIN_BREAKDOWN))
            )
        else:
            column = f"survey-{survey.id}"
            for o in q.options:
                n = cells[o.id].count
                row = f"{group}-{o.id}"
                out.append(
                    Markup(
                        '<tr><th scope="row" id="{1}" headers="{2}-answer {0}">{3}</th>'
                        '<td class="num" headers="{2}-number {0} {1}">{4}</td>'
                        '<td class="num" headers="{2}-percent {0} {1}">{5}%</td></tr>\n'
                    ).format(
                        group,
                        row,
                        column,
                        o.label,
                        n,
                        printed_percent(n, q.answered) if q.answered else 0,
                    )
                )
        out.append(Markup("</tbody>\n"))
    out.append(Markup("</table>\n"))
    if notes.mode == "print":
        out.append(CONTINUED_END)
    return Markup("").join(out)


# In print, a table that may run on to another page names itself there: its caption's
# mark sets the page header's "... (continued)" line for the pages after the one it
# starts on, and the mark after the table clears it (print.css, `table-caption`). Marks,
# not running elements: WeasyPrint sets a page's named strings from the final layout,
# while a running element placed by an attempt that did not fit stays on the page before.
CONTINUED_END = Markup('<div class="continued-end" aria-hidden="true"></div>\n')


def continued_mark(caption: str) -> Markup:
    """The mark at the end of a caption (not its start, or a table at the top of a page
    would call itself continued there)."""
    return Markup('<span class="continued-mark" data-continued="{} (continued)"></span>').format(
        caption
    )


def _asked_in(figures: FigureSet, survey_id: str, question_id: str) -> str:
    asked = figures.question_inspections.get((survey_id, question_id))
    if asked is None:
        return ""
    return f", in {count_in_words(asked)} {'inspection' if asked == 1 else 'inspections'}"


def _who(answered: int, respondents: str | None) -> str:
    """'12 staff', or the number alone where the survey does not say who answered."""
    return f"{answered:,} {respondents}" if respondents else f"{answered:,}"
