"""The published method where it changes figures: the minimum sample, the two
denominators, extra case questions, context and survey references, the typed-figure
check, attribute vocabularies, and disclosure control in the downloads."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest

from tests.conftest import TEMPLATES, edit, line_of
from yjsreport.cli import main
from yjsreport.content.cases import SampleCounts
from yjsreport.engine.disclosure import FEWER_THAN_THREE, WITHHELD, attribute_cells, withheld_text
from yjsreport.engine.export import to_data
from yjsreport.project import Report, load_reports
from yjsreport.render.downloads import aggregate_csv, spreadsheet_safe
from yjsreport.rules.ratings import Rating
from yjsreport.rules.samples import too_small_to_rate

BRK = Path("content/inspections/brackenmoor-2022")
KV = Path("content/inspections/kestrel-vale-2026")


def problems(capsys: pytest.CaptureFixture[str]) -> list[str]:
    assert main(["check"]) == 1
    return capsys.readouterr().err.strip().splitlines()[:-1]


def report(slug: str):
    return {r.slug: r for r in load_reports(Path("content"))}[slug]


def drop_case_rows(path: Path, keep: int) -> None:
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(lines[: 1 + keep]), encoding="utf-8")


# -- minimum sample -----------------------------------------------------------------------


@pytest.mark.parametrize(("cases", "rated"), [(0, False), (5, False), (6, True), (60, True)])
def test_minimum_sample_rule(cases: int, rated: bool) -> None:
    assert too_small_to_rate(cases, 6) is not rated
    assert too_small_to_rate(5, 0) is False  # the 2018 framework rated five cases


def test_six_court_cases_are_rated_five_are_not(project: Path) -> None:
    result = report("kestrel-vale-2026").result
    assert result.samples["court"].cases == 6
    assert all(s.rating.is_rated for s in result.standards() if s.domain == "2")
    assert (result.score.total, result.score.maximum) == (16, 27)

    drop_case_rows(project / KV / "cases/court.csv", keep=5)
    result = report("kestrel-vale-2026").result
    court = [s for s in result.standards() if s.domain == "2"]
    assert {s.rating for s in court} == {Rating.NOT_RATED}
    assert court[0].not_rated_because == (
        "the court sample of 5 cases is fewer than the 6 needed to rate a standard"
    )
    # the figures are still there for the narrative; only the rating is withheld
    assert court[0].key_questions[0].relevant == 5
    assert result.score.maximum == 15  # domain one and 3.4 only


def test_four_out_of_court_cases_leave_domain_three_unrated(project: Path) -> None:
    result = report("kestrel-vale-2026").result
    assert result.samples["out-of-court"].cases == 4
    assert [s.rating for s in result.standards() if s.id in ("3.1", "3.2", "3.3")] == [
        Rating.NOT_RATED
    ] * 3
    assert result.standard("3.4").rating is Rating.GOOD  # judged on policy and provision


def test_the_2018_framework_rates_a_sample_of_five(project: Path) -> None:
    result = report("fenwold-2020").result
    assert result.samples["out-of-court"].cases == 5
    assert result.standard("3.1").rating is Rating.OUTSTANDING


def test_discretion_on_an_unrated_standard_is_refused(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    drop_case_rows(project / BRK / "cases/court.csv", keep=5)
    found = problems(capsys)
    path = BRK / "report/2.1.md"
    assert (
        f"{path}:{line_of(path, 'from:')}:3: discretion on 2.1 is not allowed: "
        + (
            "the standard is not rated because the court sample of 5 cases is fewer than the "
            "6 needed to rate a standard"
        )
        in found[0]
    )


def test_check_shows_the_figure_that_decided_each_case_standard(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check"]) == 0
    out = capsys.readouterr().out
    assert "2.2  Planning" in out and "lowest key question 2.2.3 64% (7/11)" in out
    assert "not rated: the out-of-court sample of 4 cases is fewer than the 6" in out


# -- extra case questions -----------------------------------------------------------------


def add_oversight(project: Path, answers: list[str]) -> None:
    meta = project / BRK / "inspection.yaml"
    meta.write_text(
        meta.read_text(encoding="utf-8")
        + "extra_questions:\n  - id: management-oversight\n    sample: court\n"
        "    text: Was management oversight sufficient?\n",
        encoding="utf-8",
    )
    path = project / BRK / "cases/court.csv"
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    rows[0].append("management-oversight")
    for row, answer in zip(rows[1:], answers, strict=True):
        row.append(answer)
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def test_extra_question_is_counted_quoted_and_exported(project: Path) -> None:
    add_oversight(project, ["Yes"] * 6 + ["No"] * 3 + ["N/A"] * 2)
    edit(
        project / BRK / "report/2.4.md",
        "\n## ",
        "\nManagement oversight was sufficient in {{ court.management-oversight }} "
        "relevant cases ({{ court.management-oversight.percent }}).\n\n## ",
    )
    result = report("brackenmoor-2022").result
    q = result.extra_question("court", "management-oversight")
    assert q is not None
    assert (q.yes, q.relevant, q.sample, q.percent, q.sample_percent) == (6, 9, 11, 67, 55)
    from yjsreport.render.report import render_article

    html = render_article(report("brackenmoor-2022"), project / "templates", "web")
    assert "Management oversight was sufficient in six out of nine relevant cases" in html
    assert "(67 per cent)" in html
    assert to_data(result)["extra_questions"]["court"][0]["percent"] == 67
    assert '"management-oversight","extra question (court)"' in aggregate_csv(result)


def test_extra_question_answers_are_validated(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    add_oversight(project, ["Yes"] * 10 + ["Maybe"])
    found = problems(capsys)
    assert found == [
        f"{BRK / 'cases/court.csv'}:12:{_last_column(project)}: column management-oversight: "
        "expected Yes, No or N/A; got 'Maybe'"
    ]


def _last_column(project: Path) -> int:
    line = (project / BRK / "cases/court.csv").read_text(encoding="utf-8").splitlines()[11]
    return line.rindex(",") + 2


# -- context and survey references ----------------------------------------------------------


def test_context_figures_and_surveys_are_quoted_from_data(project: Path) -> None:
    edit(project / BRK / "context.yaml", "responses: 9", "responses: 7")
    edit(project / BRK / "context.yaml", "answered: 9", "answered: 7")
    edit(project / BRK / "context.yaml", "count: 9}", "count: 7}")
    edit(
        project / BRK / "report/1.2.md",
        "\n## ",
        "\nThe children's survey drew {{ survey.children.responses }} responses.\n\n## ",
    )
    from yjsreport.render.report import render_article

    html = render_article(report("brackenmoor-2022"), project / "templates", "web")
    # the survey's source follows the figure as a note
    assert re.search(r"The children’s survey drew seven<sup [^>]*>.*?</sup> responses\.", html)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("yes", "expected a whole number, a decimal or a figure written as text in quotes"),
        (".nan", "got nan"),
        ("-.inf", "got -inf"),
        ("none", "expected a figure; the text 'none' has no digit in it"),
    ],
)
def test_wrong_typed_context_figures_are_refused(
    project: Path, capsys: pytest.CaptureFixture[str], value: str, message: str
) -> None:
    ctx = project / BRK / "context.yaml"
    edit(ctx, "value: 201,", f"value: {value},")
    found = problems(capsys)
    line = line_of(ctx, f"value: {value},")
    assert len(found) == 1, found
    assert found[0].startswith(f"{BRK / 'context.yaml'}:{line}:")
    assert message in found[0]


def test_text_figures_print_as_written(project: Path) -> None:
    ctx = project / BRK / "context.yaml"
    text = ctx.read_text(encoding="utf-8")
    assert "value: 201," in text
    edit(ctx, "value: 201,", 'value: "<1",')
    from yjsreport.render.report import render_article

    html = render_article(report("brackenmoor-2022"), project / "templates", "web")
    assert "&lt;1" in html


# -- typed figures ------------------------------------------------------------------------


def test_every_typed_figure_in_a_paragraph_is_reported(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = BRK / "report/background.md"
    text = (project / path).read_text(encoding="utf-8")
    (project / path).write_text(
        text.rstrip() + "\n\nIn nine of 11 cases it was so, and in Ten of 11 and 45 per cent.\n",
        encoding="utf-8",
    )
    found = problems(capsys)
    assert [f.rsplit("(found ", 1)[1] for f in found] == [
        "'nine of 11')",
        "'Ten of 11')",
        "'45 per cent')",
    ]


# -- vocabularies -------------------------------------------------------------------------


def test_a_near_miss_in_a_vocabulary_says_what_was_meant(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(project / BRK / "cases/court.csv", "violence-against-the-person", "violence")
    found = problems(capsys)
    assert found[0].endswith(
        "column offence_type: expected one of the 14 values listed in the README (such as "
        "violence-against-the-person) in the court sample; got 'violence'; did you mean "
        "'violence-against-the-person'?"
    )


def test_a_court_disposal_in_the_out_of_court_sample_is_refused(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(project / BRK / "cases/out-of-court.csv", ",youth-caution,", ",referral-order,")
    found = problems(capsys)
    assert "column disposal_type: expected one of community-resolution" in found[0]


# -- disclosure control -------------------------------------------------------------------


def _offences(**counts: int) -> dict[str, int | str]:
    sample = SampleCounts("court", sum(counts.values()), {}, {"offence_type": counts})
    cells = attribute_cells("x", sample, "offence_type")
    return {
        v: withheld_text(c) if c.shown is None else c.shown for v, c in cells.items() if c.count
    }


def test_small_counts_are_hidden_and_never_recoverable() -> None:
    # 9, 1 and 1 of 11: the two small counts add up to two with the total, and each is
    # at least one, so both would be known; the nine is withheld too (it was published
    # before the rule counted bounds as well as sums)
    assert _offences(robbery=9, burglary=1, **{"criminal-damage": 1}) == {
        "robbery": WITHHELD,
        "burglary": FEWER_THAN_THREE,
        "criminal-damage": FEWER_THAN_THREE,
    }
    # one hidden count would follow from the total: the next smallest is withheld too
    assert _offences(robbery=6, burglary=2, **{"criminal-damage": 5}) == {
        "robbery": 6,
        "burglary": FEWER_THAN_THREE,
        "criminal-damage": WITHHELD,
    }
    # 8, 2 and 1: the small counts add up to three, which one and two or two and one give
    assert _offences(robbery=8, burglary=2, **{"criminal-damage": 1}) == {
        "robbery": 8,
        "burglary": FEWER_THAN_THREE,
        "criminal-damage": FEWER_THAN_THREE,
    }
    assert _offences(robbery=6, burglary=5) == {"robbery": 6, "burglary": 5}


def test_no_download_describes_the_one_resettlement_child(project: Path) -> None:
    data = to_data(report("brackenmoor-2022").result)
    assert data["samples"]["resettlement"] == {"cases": 1, "attributes": {}}
    assert "fewer than five" in data["disclosure"]
    for sample in data["samples"].values():
        for counts in sample["attributes"].values():
            for cell in counts.values():
                assert cell["suppressed"] is not None or cell["count"] >= 3, cell


@pytest.mark.parametrize(
    ("cell", "safe"),
    [
        ('=HYPERLINK("x")', '\'=HYPERLINK("x")'),
        ("+1", "'+1"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("Does planning ...?", "Does planning ...?"),
        (5, 5),
    ],
)
def test_csv_cells_cannot_run_as_formulas(cell: object, safe: object) -> None:
    assert spreadsheet_safe(cell) == safe


def test_a_formula_in_an_extra_question_is_neutralised_in_the_download(project: Path) -> None:
    add_oversight(project, ["Yes"] * 11)
    edit(project / BRK / "inspection.yaml", "text: Was management", 'text: "=1+1 Was management')
    edit(project / BRK / "inspection.yaml", "oversight sufficient?", 'oversight sufficient?"')
    table = aggregate_csv(report("brackenmoor-2022").result)
    assert ',"\'=1+1 Was management oversight sufficient?",' in table


def test_a_demographic_row_cites_its_own_source(reports: dict[str, Report]) -> None:
    from yjsreport.render.report import render_article

    html = render_article(reports["brackenmoor-2022"], TEMPLATES, "web")
    row = html[html.index("Brackenmoor 10–17-year-old population") :].split("</tr>")[0]
    assert 'class="note-ref"' in row  # W: the population row carries its own footnote 9
    number = re.search(r'href="#note-(\d+)"', row)
    assert number is not None
    notes = html[html.index(f'id="note-{number[1]}"') :].split("</li>")[0]
    assert "Data supplied by the service" in notes
