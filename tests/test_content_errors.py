"""Each kind of bad input gives one clear, located message and a non-zero exit."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import edit, line_of
from yjsreport.cli import main

BRK = Path("content/inspections/brackenmoor-2022")


def check(capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    code = main(["check"])
    err = capsys.readouterr().err.strip().splitlines()
    return code, err


def only_problem(capsys: pytest.CaptureFixture[str]) -> str:
    code, lines = check(capsys)
    assert code == 1
    assert lines[-1] == "yjsreport: 1 problem found; nothing was written."
    assert len(lines) == 2, lines
    return lines[0]


def test_example_content_is_clean(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, err = check(capsys)
    assert (code, err) == (0, [])


def test_unknown_rating_word(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = BRK / "report/1.1.md"
    edit(path, "rating: Good", "rating: Goood")
    line = line_of(path, "rating: Goood")
    assert only_problem(capsys) == (
        f"{path}:{line}:9: rating: expected 'Outstanding', 'Good', 'Requires improvement', "
        "'Inadequate' or 'Not rated'; got 'Goood'"
    )


def test_misspelt_front_matter_key(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = BRK / "report/4.1.md"
    edit(path, "strengths:", "strenghts:")
    line = line_of(path, "strenghts:")
    assert only_problem(capsys) == (
        f"{path}:{line}:1: unknown key 'strenghts' (expected one of: part, standard, rating, "
        "discretion, strengths, improvements, key_data, headings)"
    )


def test_yaml_syntax_error(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = BRK / "report/1.1.md"
    edit(path, "rating: Good", "rating: [Good")
    problem = only_problem(capsys)
    assert problem.startswith(f"{path}:")
    assert "invalid YAML" in problem


def test_missing_front_matter(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = BRK / "report/background.md"
    path.write_text("Just prose.\n", encoding="utf-8")
    assert only_problem(capsys) == (
        f"{path}:1:1: expected YAML front-matter: the file must start with a '---' line"
    )


def test_rating_on_a_case_standard(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = BRK / "report/2.2.md"
    edit(path, 'standard: "2.2"', 'standard: "2.2"\nrating: Good')
    line = line_of(path, "rating: Good")
    assert only_problem(capsys) == (
        f"{path}:{line}:9: standard 2.2 is rated from the case data; remove 'rating' "
        "(use 'discretion' for a ratings panel's decision)"
    )


def test_discretion_the_rules_do_not_allow(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = BRK / "report/2.1.md"
    edit(path, "  to: Good", "  to: Outstanding")
    line = line_of(path, "discretion:")
    assert only_problem(capsys) == (
        f"{path}:{line + 1}:3: discretion on 2.1 is not allowed: discretion moves a rating by one "
        "band; 'Requires improvement' cannot become 'Outstanding'"
    )


def test_discretion_from_the_wrong_rating(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = BRK / "report/2.1.md"
    edit(path, "  from: Requires improvement", "  from: Inadequate")
    assert only_problem(capsys).endswith(
        "discretion on 2.1 is not allowed: discretion must start from the computed rating "
        "'Requires improvement', not 'Inadequate'"
    )


def test_unknown_data_reference(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = BRK / "report/2.1.md"
    edit(path, "{{ 2.1.1e }}", "{{ 2.1.1z }}")
    line = line_of(path, "{{ 2.1.1z }}")
    column = path.read_text(encoding="utf-8").splitlines()[line - 1].index("{{ 2.1.1z }}") + 1
    assert only_problem(capsys) == (
        f"{path}:{line}:{column}: no key question or prompt 2.1.1z in framework 2021"
    )


def test_unknown_field_in_reference(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = BRK / "report/2.1.md"
    edit(path, "{{ 2.1.1e }}", "{{ 2.1.1e.pct }}")
    assert only_problem(capsys).endswith(
        "unknown field 'pct' for 2.1.1e: expected one of yes, no, relevant, not_applicable, "
        "sample, percent, sample_percent, share, of, text"
    )


@pytest.mark.parametrize("written", ["{{ 2.1.1e. }}", "{{ 2.1..1e }}", "{{ .2.1.1e }}"])
def test_a_reference_with_an_empty_part_is_refused_not_shortened(
    written: str, project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = BRK / "report/2.1.md"
    edit(path, "{{ 2.1.1e }}", written)
    line = line_of(path, written)
    column = path.read_text(encoding="utf-8").splitlines()[line - 1].index(written) + 1
    assert only_problem(capsys) == (
        f"{path}:{line}:{column}: {written} has an empty part: expected names joined by "
        "single dots, none at either end"
    )


def test_top_level_heading_in_a_part(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = BRK / "report/background.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.rstrip() + "\n\n# A heading\n", encoding="utf-8")
    line = len(path.read_text(encoding="utf-8").splitlines())
    assert only_problem(capsys) == (
        f"{path}:{line}:1: headings in a part start at '##': the part's own heading is made for you"
    )


def test_csv_answer_not_yes_no_or_na(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = BRK / "cases/court.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    column = header.index("2.1.1a")
    row = lines[3].split(",")
    row[column] = "yes"
    lines[3] = ",".join(row)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    char = sum(len(f) + 1 for f in row[:column]) + 1
    assert only_problem(capsys) == (
        f"{path}:4:{char}: column 2.1.1a: expected Yes, No or N/A; got 'yes'"
    )


def test_csv_unknown_column(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = BRK / "cases/court.csv"
    edit(path, ",2.1.1a,", ",2.1.1x,")
    problems = check(capsys)[1]
    assert problems[0].startswith(f"{path}:1:")
    assert problems[0].endswith(
        "unknown column '2.1.1x': expected a court question id of this framework, an extra "
        "question declared in inspection.yaml, or one of the attributes disposal_type, "
        "gender, rosh, safety_wellbeing, offence_type, age_band, ethnicity, looked_after, "
        "placement, ehcp, disability, mappa"
    )
    assert problems[1] == f"{path}:1: missing columns: 2.1.1a"


def test_csv_row_with_too_few_fields(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = BRK / "cases/court.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    width = len(lines[0].split(","))
    lines[2] = ",".join(lines[2].split(",")[:-1])
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert only_problem(capsys) == (
        f"{path}:3:1: expected {width} fields as in the header; found {width - 1}"
    )


def test_csv_duplicate_case_id(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = BRK / "cases/court.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    first_id = lines[1].split(",")[0]
    second = lines[2].split(",")
    second[0] = first_id
    lines[2] = ",".join(second)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert only_problem(capsys) == f"{path}:3:1: case id {first_id!r} appears twice"


def test_missing_part(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (BRK / "report/2.3.md").unlink()
    assert only_problem(capsys) == (
        f"{BRK / 'report'}: missing part for standard 2.3 (Implementation and delivery): "
        "add a file with 'part: standard' and 'standard: \"2.3\"'"
    )


def test_unknown_framework(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = BRK / "inspection.yaml"
    edit(path, 'framework: "2021"', 'framework: "2019"')
    line = line_of(path, "framework:")
    assert only_problem(capsys) == (
        f"{path}:{line}:12: framework: unknown version '2019'; expected one of 2018, 2021"
    )


def test_bad_date(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = BRK / "inspection.yaml"
    edit(path, "publication_date: 2022-02-15", "publication_date: 2022-02-30")
    line = line_of(path, "publication_date:")
    assert only_problem(capsys) == (
        f"{path}:{line}:19: invalid value '2022-02-30': no such date on the calendar"
    )


def test_undefined_source_in_context(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = BRK / "context.yaml"
    edit(path, "source: yjb-fte}", "source: yjb-ftee}")
    line = line_of(path, "yjb-ftee")
    column = path.read_text(encoding="utf-8").splitlines()[line - 1].index("yjb-ftee") + 1
    assert only_problem(capsys) == (
        f"{path}:{line}:{column}: source 'yjb-ftee' is not defined under 'sources'"
    )


def test_resettlement_rated_without_cases(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = BRK / "cases/resettlement.csv"
    header = path.read_text(encoding="utf-8").splitlines()[0]
    path.write_text(header + "\n", encoding="utf-8")
    line = line_of(BRK / "report/4.1.md", "rating:")
    assert only_problem(capsys) == (
        f"{BRK / 'report/4.1.md'}:{line}:9: standard 4.1 cannot be rated: the resettlement "
        "sample has no cases; expected 'Not rated'"
    )


def test_every_problem_is_reported_in_one_run(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(BRK / "report/1.1.md", "rating: Good", "rating: Goood")
    edit(BRK / "context.yaml", "source: yjb-fte}", "source: yjb-ftee}")
    edit(Path("content/inspections/fenwold-2020/report/2.1.md"), "{{ 2.1.2c }}", "{{ 2.1.2z }}")
    code, lines = check(capsys)
    assert code == 1
    assert len(lines) == 4  # two in one inspection, one in another, then the count
    assert lines[-1] == "yjsreport: 3 problems found; nothing was written."


def test_check_still_shows_what_the_rules_made_of_refused_discretion(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(BRK / "report/2.1.md", "  to: Good", "  to: Outstanding")
    assert main(["check"]) == 1
    out = next(b for b in capsys.readouterr().out.split("\n\n") if b.startswith("brackenmoor"))
    line = next(x for x in out.splitlines() if x.lstrip().startswith("2.1 "))
    assert "Requires improvement" in line  # the computed rating stands
    assert "discretion to 'Outstanding' NOT allowed: discretion moves a rating by one band" in line
    assert "Score 27/36" in out  # 2.1 counts 1 (computed), not 2 as published


def test_framework_with_duplicate_prompt_letters(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = Path("content/frameworks/2021.yaml")
    edit(path, '- id: "2.4.1e"', '- id: "2.4.1d"')
    code, lines = check(capsys)
    assert code == 1
    assert lines[0].startswith(f"{path}:")
    assert lines[0].endswith(
        "prompts of 2.4.1 must be lettered a, b, c, d, e, f, g in order; found 2.4.1a, 2.4.1b, "
        "2.4.1c, 2.4.1d, 2.4.1d, 2.4.1f, 2.4.1g"
    )


def test_unknown_reference_in_a_front_matter_list(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = BRK / "report/4.1.md"
    edit(path, "specific to resettlement work.", "specific to resettlement in {{ 2.1.1q }} cases.")
    line = line_of(path, "{{ 2.1.1q }}")
    column = path.read_text(encoding="utf-8").splitlines()[line - 1].index("{{ 2.1.1q }}") + 1
    assert only_problem(capsys) == (
        f"{path}:{line}:{column}: no key question or prompt 2.1.1q in framework 2021"
    )
