"""The check of figures in prose reads the numbers themselves: every typed figure, in any
wording, stops `check` with its file, line and column; each class that is not a claim
passes by a named rule; a marked quotation is the speaker's and is listed for review;
figures a reference wrote pass."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import ROOT, edit, line_of
from yjsreport.cli import main
from yjsreport.prose import typed_numbers
from yjsreport.prose.typed_numbers import exempt_class, figures, message

BRK = Path("content/inspections/brackenmoor-2022")


def _figures(text: str) -> list[str]:
    return [f.text for f in figures(text)]


# -- the grammar: what is a figure -------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "found"),
    [
        ("thirty-seven per cent of children", ["thirty-seven per cent"]),
        ("It was sixty-four per cent.", ["sixty-four per cent"]),
        ("Of the 11 staff who answered, 10 said they felt supported.", ["11", "10"]),
        ("the service worked with 128 children, 19 of them girls", ["128", "19"]),
        ("girls 19%", ["19%"]),
        ("children aged 10 to 14 at 37% against 22% nationally", ["37%", "22%"]),
        ("in nine of 11 cases", ["nine of 11"]),
        ("in seven out of the 11 cases", ["seven out of the 11"]),
        ("one hundred and twenty children", ["one hundred and twenty"]),
        ("Three-quarters of staff", ["Three-quarters"]),
        ("two-thirds of plans", ["two-thirds"]),
        ("a third of children", ["third"]),
        ("half the cases", ["half"]),
        ("fewer than half", ["half"]),
        ("one in five children", ["one in five"]),
        ("in only one case", ["one"]),
        ("in all but one case", ["one"]),
        ("twice as many girls", ["twice"]),
        ("a spend of £2.3 million", ["2.3 million"]),
        ("ranked 17th in England", ["17th"]),
        ("a score of 28/36", ["28/36"]),
        ("Sam, aged 15, was", ["15"]),  # a single age: a claim, and case-level detail
        ("a 15-year-old boy", ["15"]),
        ("FIFTY PERCENT", ["FIFTY PERCENT"]),
        ("thirty-seven\nper cent", ["thirty-seven\nper cent"]),
    ],
)
def test_a_typed_figure_is_found_in_any_wording(sentence: str, found: list[str]) -> None:
    assert _figures(sentence) == found


@pytest.mark.parametrize(
    ("sentence", "number", "rule"),
    [
        ("in 2021", "2021", "year"),
        ("in 2020/21", "2020/21", "year"),
        ("the Crime and Disorder Act 1998", "1998", "year"),
        ("31 March", "31", "date"),
        ("01 April 2023", "01", "date"),
        ("between 14 and 18 September 2020", "14", "date"),
        ("from 14 to 18 May", "14 to 18", "date"),
        ("on 19/06/2019", "19/06/2019", "date"),
        ("standard 2.1", "2.1", "section, standard or name"),
        ("standards 2.1 and 2.4", "2.4", "section, standard or name"),
        ("domain 2", "2", "section, standard or name"),
        ("Domain one: Organisational delivery", "one", "section, standard or name"),
        ("section 1.3", "1.3", "section, standard or name"),
        ("Annexe 2", "2", "section, standard or name"),
        ("Outcome 22", "22", "section, standard or name"),
        ("Section 20", "20", "section, standard or name"),
        ("Schedule 1", "1", "section, standard or name"),
        ("Article 12", "12", "section, standard or name"),
        ("Year 11 pupils", "11", "section, standard or name"),
        ("prompt 2.1.1a", "2.1.1a", "framework id"),
        ("during Covid-19", "19", "name or code"),
        ("at 10am", "10am", "time"),
        ("at 14:00", "14:00", "time"),
        ("at 12 High Street", "12", "address"),
        ("children aged 10 to 17", "10 to 17", "age band"),
        ("10-17-year-olds", "10-17", "age band"),
        ("children aged 16 and over", "16", "age band"),
    ],
)
def test_each_class_that_is_not_a_claim_passes_by_its_rule(
    sentence: str, number: str, rule: str
) -> None:
    assert _figures(sentence) == []
    start = sentence.rindex(number)
    assert exempt_class(sentence, start, start + len(number)) == rule


@pytest.mark.parametrize(
    "sentence",
    [
        "One child told us about her worker.",  # 'one' names an instance, as 'a' does
        "one of the strengths of the service",
        "At one recent meeting",
        "the first time",
        "the third meeting",
        "the second half of the year",
        "each quarter",
        "twice a week",
        "one-to-one sessions",
        "no one was left out",
        "ISBN 978-1-84099-123-4",
        "at BR1 4QQ",
        "see https://example.org/report-2021/3",
        "it is often the case",
        "1st Floor, Civil Justice Centre, 1 Bridge Street West",  # an address, as published
        "the Junction 21 mentoring service",
        "the 5Cs of effective resettlement",
        "near the M6 and the A38",
        "write to enquiries@example.org",
    ],
)
def test_ordinary_words_are_not_figures(sentence: str) -> None:
    assert _figures(sentence) == []


def test_figures_a_reference_wrote_pass_and_typed_per_cent_after_one_does_not() -> None:
    text = "in seven out of 11 cases (64 per cent)"
    count, share = text.index("seven out of 11"), text.index("64 per cent")
    assert figures(text, [(count, count + 15), (share, share + 11)]) == []
    (after,) = figures("in 64 per cent", [(3, 5)])
    assert after.percent_after_reference
    assert "'per cent' typed after a reference" in message(after, "in 64 per cent")
    (mixed,) = figures("in seven out of 11 cases", [(3, 8)])  # the 11 is typed
    assert mixed.text == "seven out of 11"


def test_the_message_says_which_reference_to_use_by_kind() -> None:
    def advice(sentence: str) -> str:
        (figure,) = figures(sentence)
        return message(figure, sentence)

    survey = advice("Of the staff who answered our survey, 89 per cent said so.")
    assert "{{ survey.<survey>.<question>.<option> }}" in survey
    assert "<question id>" not in survey  # a survey figure is not sent to the case data
    assert "{{ stat.<table>.<row>.<column> }}" in advice("It was 22 per cent nationally.")
    assert advice("It was so in 64 per cent of cases.").startswith(
        "a percentage typed into prose: a case question's share is {{ <question id>.percent }}"
    )
    assert "{{ <question id>.of }}" in advice("It was so in seven of the 11 cases.")
    assert advice("Sam, aged 15, was on an order.").startswith("a child's age typed into prose")
    assert "case-level detail" in advice("A 15-year-old boy was on an order.")
    for sentence in ("in 64 per cent of cases", "it was 22 per cent nationally"):
        assert "add it to context.yaml as a statistic or survey with its source" in (
            advice(sentence)
        )


# -- through `check`: located problems ---------------------------------------------------

ISSUE_SENTENCES = [
    ("Assessments were sufficient in thirty-seven per cent of cases.", "thirty-seven per cent"),
    ("Plans were sufficient in sixty-four per cent of cases.", "sixty-four per cent"),
    ("Of the 11 staff who answered, 10 said they were well supported.", "11"),
    ("Of the 11 staff who answered, 10 said they were well supported.", "10"),
    ("In the year the service worked with 128 children, 19 of them girls.", "128"),
    ("In the year the service worked with 128 children, 19 of them girls.", "19"),
    ("The caseload was mostly boys, with girls 19%.", "19%"),
    ("Children aged 10 to 14 made up 37% against 22% nationally.", "37%"),
    ("Children aged 10 to 14 made up 37% against 22% nationally.", "22%"),
]


def _check_problems(capsys: pytest.CaptureFixture[str], *argv: str) -> list[str]:
    assert main([*argv, "check"]) == 1
    return capsys.readouterr().err.strip().splitlines()[:-1]


def test_each_reworded_sentence_of_the_issue_stops_check_where_it_is(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = BRK / "report/background.md"
    sentences = list(dict.fromkeys(s for s, _ in ISSUE_SENTENCES))
    with (project / path).open("a", encoding="utf-8") as f:
        f.write("\n" + "".join(f"\n{s}\n" for s in sentences))
    found = _check_problems(capsys)
    assert len(found) == len(ISSUE_SENTENCES), found
    for problem, (sentence, figure) in zip(found, ISSUE_SENTENCES, strict=True):
        line = line_of(project / path, sentence)
        column = sentence.index(figure) + 1
        if figure == "10":
            column = sentence.index(" 10 ") + 2
        assert problem.startswith(f"{path}:{line}:{column}: "), problem
        assert problem.endswith(f"(found {figure!r})"), problem


def test_two_figures_with_the_same_words_are_each_located(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = BRK / "report/background.md"
    sentence = "It was 12 in the spring and 12 in the autumn."
    edit(project / path, "Our inspections cover", f"{sentence} Our inspections cover")
    line = line_of(project / path, sentence)
    start = (project / path).read_text(encoding="utf-8").splitlines()[line - 1].index(sentence)
    found = _check_problems(capsys)
    assert [p.split(": ", 1)[0] for p in found] == [
        f"{path}:{line}:{start + 8}",
        f"{path}:{line}:{start + 29}",
    ]


def test_a_figure_in_a_front_matter_string_is_located_in_the_yaml(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = BRK / "report/4.1.md"
    edit(
        project / path,
        '"Staff had not received training specific to resettlement work."',
        '"Staff had not received training in three-quarters of cases."',
    )
    line = line_of(project / path, "three-quarters of cases")
    column = (project / path).read_text(encoding="utf-8").splitlines()[line - 1].index("three")
    (problem,) = _check_problems(capsys)
    assert problem.startswith(f"{path}:{line}:{column + 1}: a fraction typed into prose")


def test_a_typed_rating_gives_its_column(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = BRK / "report/background.md"
    edit(project / path, "Our inspections cover", "It was rated 'Good'. Our inspections cover")
    line = line_of(project / path, "It was rated 'Good'.")
    column = (project / path).read_text(encoding="utf-8").splitlines()[line - 1].index("'Good'")
    (problem,) = _check_problems(capsys)
    assert problem.startswith(f"{path}:{line}:{column + 1}: a rating typed into prose")


def test_numbers_from_references_and_classes_that_are_not_claims_pass(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = BRK / "report/background.md"
    with (project / path).open("a", encoding="utf-8") as f:
        f.write(
            "\nIn 2021, from 14 to 18 June, we read {{ sample.court }} court cases against "
            "standards 2.1 to 2.4 (see Annexe 2); assessment was sufficient in {{ 2.1.1 }} "
            "cases ({{ 2.1.1.percent }}), and {{ 2.1.rating }}; of the staff who answered, "
            "{{ survey.staff.supervision.agree.percent }} agreed, and the deprivation rate was "
            '{{ 37% from "A fictional survey (2021)." }}. The service met Outcome 22 of '
            "its plan during Covid-19 at 12 High Street, with children aged 10 to 17.\n"
        )
    assert main(["check"]) == 0, capsys.readouterr().err


def test_per_cent_typed_after_a_count_reference_is_a_problem(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = BRK / "report/background.md"
    edit(
        project / path,
        "Our inspections cover",
        "It was {{ 2.1.1.yes }} per cent. Our inspections cover",
    )
    line = line_of(project / path, "It was {{ 2.1.1.yes }} per cent.")
    column = (project / path).read_text(encoding="utf-8").splitlines()[line - 1].index("per cent")
    (problem,) = _check_problems(capsys)
    assert problem.startswith(f"{path}:{line}:{column + 1}: 'per cent' typed after a reference")
    assert problem.endswith("(found 'per cent')")


QUOTED = '"Yes, 100 per cent. I saw her twice as often as my last worker."'


def test_a_marked_quotation_is_exempt_listed_and_a_figure_with_attribution(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = BRK / "report/involvement.md"
    with (project / path).open("a", encoding="utf-8") as f:
        f.write(f"\n::: quote a child, asked whether the service helped\n{QUOTED}\n:::\n")
    line = line_of(project / path, "::: quote a child, asked")
    assert main(["check"]) == 0, capsys.readouterr().err
    out = capsys.readouterr().out
    listed = out.split("exempt from the figure check", 1)[1]
    assert f"  {path}:{line} (a child, asked whether the service helped)" in listed
    assert re.search(r"\n(\d+) quotations exempt from the figure check", out)

    from yjsreport.project import load_reports
    from yjsreport.render.report import render_article

    report = {r.slug: r for r in load_reports(Path("content"))}["brackenmoor-2022"]
    html = render_article(report, Path("templates"), "web")
    assert "<figcaption>— a child, asked whether the service helped</figcaption>" in html
    assert re.search(
        r'<figure class="quotation">\s*<blockquote>\s*<p>“Yes, 100 per cent\.[^<]*</p>\s*'
        r"</blockquote>\s*<figcaption>— a child, asked",
        html,
    )


def test_figures_in_an_unmarked_quotation_are_problems_that_say_how_to_mark_it(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = BRK / "report/involvement.md"
    with (project / path).open("a", encoding="utf-8") as f:
        f.write(f"\n> {QUOTED}\n")
    found = _check_problems(capsys)
    assert [p.rsplit("(found ", 1)[1] for p in found] == ["'100 per cent')", "'twice')"]
    assert all("mark the quotation with who said them (::: quote a child" in p for p in found)


def test_a_quotation_without_its_attribution_is_a_problem(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = BRK / "report/involvement.md"
    with (project / path).open("a", encoding="utf-8") as f:
        f.write(f"\n::: quote\n{QUOTED}\n:::\n")
    lines = (project / path).read_text(encoding="utf-8").splitlines()
    line = max(i for i, text in enumerate(lines, start=1) if text.strip() == "::: quote")
    (problem,) = _check_problems(capsys)
    assert problem.startswith(f"{path}:{line}:1: a marked quotation names who said it")


def test_an_annual_chapter_is_read_the_same_way(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    content = tmp_path / "content"
    shutil.copytree(ROOT / "examples" / "annual" / "content", content)
    monkeypatch.chdir(tmp_path)
    chapter = content / "annual" / "2022" / "chapters" / "01-overview.md"
    edit(
        chapter,
        "We published {{ inspections }}",
        "We published thirty-three reports, {{ inspections }}",
    )
    with chapter.open("a", encoding="utf-8") as f:
        f.write('\n::: quote a case manager\n"We saw 12 children a week."\n:::\n')
    line = line_of(chapter, "We published thirty-three")
    quote_line = line_of(chapter, "::: quote a case manager")
    assert main(["--content", str(content), "check"]) == 1
    captured = capsys.readouterr()
    (problem,) = captured.err.strip().splitlines()[:-1]
    assert problem.endswith("(found 'thirty-three')")
    assert f"01-overview.md:{line}:14: a figure typed into prose" in problem
    assert f"01-overview.md:{quote_line} (a case manager)" in captured.out


def test_an_unknown_field_of_a_standard_is_named_as_unknown(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = BRK / "report/background.md"
    edit(project / path, "Our inspections cover", "It was {{ 2.1.percent }}. Our inspections cover")
    line = line_of(project / path, "{{ 2.1.percent }}")
    column = (project / path).read_text(encoding="utf-8").splitlines()[line - 1].index("{{")
    (problem,) = _check_problems(capsys)
    assert problem == (
        f"{path}:{line}:{column + 1}: unknown field 'percent' for standard 2.1: expected one "
        "of rating, computed, title, statement, questions"
    )


PIECES = [
    " ",
    "\n",
    "seven",
    "teen",
    "six",
    "ty",
    "-",
    "11",
    "0",
    "4.5",
    "%",
    " per cent",
    "per",
    " cent",
    " out of ",
    " of the ",
    "one",
    "only ",
    "half",
    "quarter",
    "thirds",
    "twice as",
    "2021",
    " March",
    "standard ",
    "aged ",
    " to ",
    "Covid-",
    "cases",
    ", ",
    ".",
]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(PIECES), max_size=30),
    st.lists(st.tuples(st.integers(0, 30), st.integers(0, 30)), max_size=4),
)
def test_reading_only_typed_stretches_finds_what_reading_everything_finds(
    pieces: list[str], cuts: list[tuple[int, int]]
) -> None:
    """The typed windows only save time: the figures found are those a full read finds."""
    text = "".join(pieces)
    bounds = [sum(len(p) for p in pieces[:i]) for i in range(len(pieces) + 1)]
    spans: list[tuple[int, int]] = []
    for a, b in sorted(cuts):
        start, stop = bounds[min(a, len(pieces))], bounds[min(b, len(pieces))]
        if start < stop and (not spans or start >= spans[-1][1]):
            spans.append((start, stop))
    assert figures(text, spans) == typed_numbers._figures(text, spans)
