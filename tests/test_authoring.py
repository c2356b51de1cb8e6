"""Starting an inspection with `new`, and what `check` tells its authors:
what is left to write, which discretion is open, each inspection on its own."""

from __future__ import annotations

import csv
import subprocess
from pathlib import Path

import pytest

from tests.conftest import edit
from yjsreport.authoring.codebook import sample_columns
from yjsreport.cli import main
from yjsreport.content import cases
from yjsreport.content.inspection import load_inspection
from yjsreport.content.vocabulary import REQUIRED_ATTRIBUTES
from yjsreport.framework.load import load_frameworks
from yjsreport.prose.placeholders import find_in_text
from yjsreport.rules.discretion import openings
from yjsreport.rules.ratings import Rating
from yjsreport.rules.standards import Tally

BRK = Path("content/inspections/brackenmoor-2022")
NEW = Path("content/inspections/moorfield-2027")
NEW_ARGS = [
    "new",
    "moorfield-2027",
    "--service",
    "Moorfield Youth Justice Service",
    "--short-name",
    "Moorfield YJS",
    "--place",
    "Moorfield",
    "--lead-inspector",
    "Ruth Adeyemi",
    "--fieldwork",
    "2027-03-08",
]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def block(out: str, slug: str) -> str:
    return next(b for b in out.split("\n\n") if b.startswith(slug))


def to_write(out: str, slug: str) -> list[str]:
    lines = block(out, slug).splitlines()
    start = next(i for i, line in enumerate(lines) if "Still to write" in line)
    return [line.strip() for line in lines[start + 1 :]]


def test_new_inspection_loads_and_check_lists_only_what_is_left_to_write(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, *NEW_ARGS)[0] == 0
    frameworks = load_frameworks(Path("content/frameworks"))
    inspection = load_inspection(NEW, frameworks)
    framework = frameworks["2021"]
    assert inspection.meta.is_draft
    standards = [s.id for _, s in framework.standards()]
    assert [p for p in standards if inspection.standard_part(p) is None] == []
    # planned for 2027: the short format, which has no executive summary
    assert inspection.format.id == "2022-short"
    kinds = {p.kind for p in inspection.parts}
    assert {"foreword", "recommendations", "background", "involvement", "diversity"} <= kinds
    assert "summary" not in kinds

    code, out, err = run(capsys, "check")
    assert (code, err) == (0, "")
    items = to_write(out, "moorfield-2027")
    assert items, "a fresh scaffold has everything left to write"
    for item in items:
        assert item.startswith(str(NEW)), item
        assert "placeholder" in item or "cases recorded yet" in item, item
    # every qualitative standard's empty rating is listed, at its own line
    for sid in ("1.1", "1.2", "1.3", "1.4", "3.4", "4.1"):
        assert any(f"report/{sid}.md:" in i and "rating of standard" in i for i in items), sid
    assert "5 inspection(s) checked: no problems" in out


def test_filling_in_a_placeholder_takes_it_off_the_list(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, *NEW_ARGS)
    before = to_write(run(capsys, "check")[1], "moorfield-2027")
    edit(NEW / "report/1.1.md", "rating:  ", "rating: Good  ")
    edit(NEW / "report/foreword.md", 'name: "TBC"', 'name: "Alex Morrow"')
    after = to_write(run(capsys, "check")[1], "moorfield-2027")
    assert len(after) == len(before) - 2
    assert not any("1.1.md" in i and "rating" in i for i in after)
    assert not any("foreword.md:4" in i for i in after)


def test_new_for_an_older_framework(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "new", "moorfield-2019", "--framework", "2018")[0] == 0
    folder = Path("content/inspections/moorfield-2019")
    assert not (folder / "report/4.1.md").exists()
    assert not (folder / "cases/resettlement.csv").exists()
    code, out, err = run(capsys, "check")
    assert (code, err) == (0, "")
    assert "moorfield-2019: TBC (framework 2018, draft)" in out


def test_new_refuses_a_bad_name_or_an_existing_folder(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "new", "Moorfield 2027")
    assert code == 2
    assert "expected lower-case words and numbers joined by hyphens" in err
    code, _, err = run(capsys, "new", "brackenmoor-2022")
    assert code == 2
    assert "already exists; nothing was written" in err
    assert run(capsys, "new", "x-2027", "--framework", "1999")[0] == 2
    leftovers = [p.name for p in Path("content/inspections").iterdir() if p.name.startswith(".")]
    assert leftovers == []


def test_case_templates_and_codebook_hold_every_column_the_loader_accepts(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, *NEW_ARGS)
    framework = load_frameworks(Path("content/frameworks"))["2021"]
    codebook = (NEW / "cases/CODEBOOK.md").read_text(encoding="utf-8")
    for sample in framework.samples:
        header = (NEW / f"cases/{sample}.csv").read_text(encoding="utf-8").strip().split(",")
        assert header == [
            cases.CASE_COLUMN,
            *REQUIRED_ATTRIBUTES,
            *framework.sample_columns(sample),
        ]
        attributes = list(framework.sample_vocabulary(sample))
        for name in [*attributes, *framework.sample_columns(sample)]:
            assert f"| `{name}` |" in codebook
        assert [c.name for c in sample_columns(framework, sample)] == [
            cases.CASE_COLUMN,
            *attributes,
            *framework.sample_columns(sample),
        ]
    prompt = framework.standard("2.1").key_questions[0].prompts[0]  # type: ignore[union-attr]
    assert f"| `{prompt.id}` | {prompt.text} | Yes, No, N/A | yes |" in codebook
    assert "| `rosh` |" in codebook and "low, medium, high, very-high" in codebook
    assert "referral-order" in codebook.split("## out-of-court")[0]
    assert "referral-order" not in codebook.split("## out-of-court")[1].split("## resettlement")[0]

    # a row written as the codebook says loads
    path = NEW / "cases/court.csv"
    header = path.read_text(encoding="utf-8").strip().split(",")
    values = {"case": "MF-C01", "disposal_type": "referral-order"}
    with path.open("a", encoding="utf-8", newline="") as f:
        csv.writer(f).writerow([values.get(c, "Yes") for c in header])
    out, err = run(capsys, "check")[1:]
    assert "Cases: court 1," in block(out, "moorfield-2027"), err


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("service: TBC", [(1, 10)]),
        ("In XX cases the plan was late.", [(1, 4)]),
        ("Plans were [insert a finding] in most cases.", [(1, 12)]),
        ("[Insert the foreword]", [(1, 1)]),
        ("TBCs and XXL and TBCX and matrix", []),
        ("first line\n  - TBC, then XXX", [(2, 5), (2, 15)]),
    ],
)
def test_placeholders_are_found_with_their_place(text: str, found: list[tuple[int, int]]) -> None:
    problems = find_in_text(text, Path("part.md"))
    assert [(p.line, p.column) for p in problems] == found


def test_a_placeholder_in_a_published_inspection_is_an_error(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = BRK / "report/background.md"
    edit(path, "Fieldwork for this inspection began", "Fieldwork for this TBC inspection began")
    code, _, err = run(capsys, "check")
    assert code == 1
    lines = err.strip().splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(f"{path}:")
    assert "placeholder" in lines[0] and lines[0].endswith(
        "(not allowed in a published inspection)"
    )


def test_a_placeholder_in_a_draft_is_listed_but_does_not_fail(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = Path("content/inspections/kestrel-vale-2026/report/background.md")
    text = path.read_text(encoding="utf-8")
    path.write_text(text.rstrip() + "\n\n[insert the history of the service]\n", encoding="utf-8")
    code, out, err = run(capsys, "check")
    assert (code, err) == (0, "")
    line = len(path.read_text(encoding="utf-8").splitlines())
    assert to_write(out, "kestrel-vale-2026") == [
        f"{path}:{line}:1: placeholder '[insert the history of the service]'"
    ]


def test_one_broken_inspection_does_not_hide_the_others(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(BRK / "cases/court.csv", ",Yes,", ",Yess,")
    code, out, err = run(capsys, "check")
    assert code == 1
    assert block(out, "brackenmoor-2022").startswith("brackenmoor-2022: not computed: 1 problem")
    assert "Score 26/36" in block(out, "fenwold-2020")
    assert "Overall" in block(out, "kestrel-vale-2026")
    assert err.count("Yess") == 1


def test_a_broken_framework_stops_only_the_inspections_that_use_it(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(Path("content/frameworks/2018.yaml"), '- id: "2.1.1b"', '- id: "2.1.1a"')
    code, out, err = run(capsys, "check")
    assert code == 1
    assert "Score 28/36" in block(out, "brackenmoor-2022")
    assert block(out, "fenwold-2020").startswith("fenwold-2020: not computed")
    assert "cannot be checked until framework 2018 loads" in err


def test_check_says_which_discretion_is_open_and_on_which_ground(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = block(run(capsys, "check")[1], "brackenmoor-2022")
    assert (
        "2.2  'Requires improvement' up to 'Good': open: the lowest key question (64%) is "
        "within 5 percentage points of the 65% boundary; one case judged differently would "
        "change the rating"
    ) in out
    assert "2.2  'Requires improvement' down to 'Inadequate': not open" in out
    small = block(run(capsys, "check")[1], "fenwold-2020")
    assert "the rating rests on a sample of 2 cases (5 or fewer)" in small


@pytest.mark.parametrize(
    ("tallies", "up", "down"),
    [
        # 7/11 = 63.6%: near 65, one case moves it up; far from 50
        ([Tally("k1", 7, 11), Tally("k2", 10, 11)], True, False),
        # 3/4 = 75%: every ground holds up (near 80, one case, small) and down (one case, small)
        ([Tally("k1", 3, 4)], True, True),
        # 14/20 = 70%: five points from 65 is inclusive; 75 is ten from 80 (no up)
        ([Tally("k1", 14, 20)], False, True),
        # 18/20 = 90% 'Outstanding': no move up exists, down is not open
        ([Tally("k1", 18, 20)], None, False),
    ],
)
def test_openings_follow_the_published_grounds(
    tallies: list[Tally], up: bool | None, down: bool
) -> None:
    found = {o.direction: o.verdict.allowed for o in openings(tallies)}
    assert found.get("up") == up
    assert found["down"] is down


def test_no_opening_without_a_rating() -> None:
    assert openings([Tally("k1", 0, 0)]) == ()
    assert Rating.from_score(0) is Rating.INADEQUATE


def git(project: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid", *args],
        cwd=project,
        check=True,
        capture_output=True,
    )


def test_compare_shows_what_a_change_does_to_the_figures(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    git(project, "init", "-q")
    git(project, "add", "content")
    git(project, "commit", "-qm", "before")
    path = BRK / "cases/court.csv"
    rows = list(csv.reader(path.read_text(encoding="utf-8").splitlines()))
    column = rows[0].index("2.2.3")
    row = next(r for r in rows[1:] if r[column] == "No")
    row[column] = "Yes"
    path.write_text("\n".join(",".join(r) for r in rows) + "\n", encoding="utf-8")

    code, out, err = run(capsys, "check", "--compare", "HEAD")
    assert (code, err) == (0, "")
    report = out[out.index("Changes in computed figures since HEAD:") :]
    assert "fenwold-2020: no change" in report
    brk = report[report.index("brackenmoor-2022:") : report.index("fenwold-2020")]
    assert brk.splitlines() == [
        "brackenmoor-2022: 5 changed",
        "  score: 28/36 → 29/36",
        "  2.2 rating: 'Requires improvement' → 'Good'",
        "  2.2 computed rating: 'Requires improvement' → 'Good'",
        "  2.2.2: 8/11 (73%) → 8/11 (73%) lowest",
        "  2.2.3: 7/11 (64%) lowest → 8/11 (73%) lowest",
    ]


def test_compare_with_an_unknown_revision(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    git(project, "init", "-q")
    git(project, "add", "content")
    git(project, "commit", "-qm", "before")
    code, _, err = run(capsys, "check", "--compare", "no-such-branch")
    assert code == 2
    assert "cannot read content/ at 'no-such-branch'" in err


def test_codebook_lists_the_inspections_own_questions(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = BRK / "inspection.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text
        + "extra_questions:\n"
        + "  - id: oversight\n"
        + "    sample: court\n"
        + '    text: "Was management oversight sufficient?"\n',
        encoding="utf-8",
    )
    assert main(["codebook", "brackenmoor-2022"]) == 0
    codebook = (BRK / "cases/CODEBOOK.md").read_text(encoding="utf-8")
    court = codebook.split("## court")[1].split("## out-of-court")[0]
    assert "| `oversight` | Was management oversight sufficient? | Yes, No, N/A | yes |" in court
    assert "oversight" not in codebook.split("## out-of-court")[1]
    assert main(["codebook", "no-such-inspection"]) == 2


def test_compare_names_new_and_broken_inspections(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    git(project, "init", "-q")
    git(project, "add", "content")
    git(project, "commit", "-qm", "before")
    run(capsys, *NEW_ARGS)
    edit(BRK / "cases/court.csv", ",Yes,", ",Yess,")
    code, out, _ = run(capsys, "check", "--compare", "HEAD")
    assert code == 1  # the broken inspection still fails the check
    report = out[out.index("Changes in computed figures since HEAD:") :]
    assert "moorfield-2027: new since HEAD" in report
    assert "brackenmoor-2022: cannot be compared: it does not compute now" in report
    assert "fenwold-2020: no change" in report


def test_a_part_that_does_not_load_does_not_hide_problems_in_the_others(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(BRK / "report/1.1.md", "key_data:", "key_dat:")
    edit(BRK / "report/2.2.md", 'standard: "2.2"', 'standard: "2.2"\nrating: Good')
    code, _, err = run(capsys, "check")
    assert code == 1
    lines = err.strip().splitlines()
    assert len(lines) == 3, lines  # both problems, and no 'missing part' for 1.1
    assert "unknown key 'key_dat'" in lines[0]
    assert "standard 2.2 is rated from the case data" in lines[1]
