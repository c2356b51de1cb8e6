"""Which survey answers may be published: the project's disclosure rule, applied to
one question's answers.

Survey answers are views, not case characteristics, so a count of one or two is
published ("one child said ..."), as the reports do; but a question answered by
fewer than five people is not broken down at all, since a child who answered
alone, or with one other, could be recognised by the service from their answer.
The count of people who answered is published either way.
"""

from __future__ import annotations

from yjsreport.content.figures import SurveyQuestion
from yjsreport.prose.numbers import count_in_words
from yjsreport.rules.disclosure import MIN_BREAKDOWN, Cell, Key, Problem, Sum, protect

ANSWERED = "answered"
SMALL_SURVEY = (
    f"fewer than {count_in_words(MIN_BREAKDOWN)} people answered the question, too few to "
    "give their answers without letting the service tell who gave which"
)


def answer_cells(question: SurveyQuestion) -> dict[str, Cell]:
    """Each answer's count (and each group's) as it may be published."""
    counts: dict[Key, int] = {(question.id, o.id): o.count for o in question.options}
    parts = tuple(counts)
    small = question.answered < MIN_BREAKDOWN
    cells = protect(
        Problem(
            counts=counts,
            sums=() if question.multiple else (Sum((question.id, ANSWERED), parts),),
            known={(question.id, ANSWERED): question.answered},
            small_sample=frozenset(parts) if small else frozenset(),
            exempt=frozenset(parts),
        )
    )
    shown = {key[1]: cell for key, cell in cells.items()}
    for group, members in question.groups.items():
        withheld = next((shown[m] for m in members if not shown[m].published), None)
        total = sum(shown[m].count for m in members)
        reason = withheld.reason if withheld is not None else None
        shown[group] = Cell((question.id, group), total, reason=reason)
    return shown
