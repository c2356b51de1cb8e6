"""Careless and hostile input: each gives one located message and a non-zero exit,
never a traceback, a hang, a silently changed figure or published markup.

Each test plants one input from issue 8 in a scratch copy of the project and runs
`yjsreport check` (or `build`) as an author would."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from tests.conftest import edit, line_of
from yjsreport.cli import main

BRK = Path("content/inspections/brackenmoor-2022")
KV = Path("content/inspections/kestrel-vale-2026")  # the example draft
HTML_RULE = (
    "raw HTML is not allowed in report text; write Markdown (** for bold, "
    "[text](https://...) for a link) and leave comments out of the file"
)
LINK_RULE = (
    "is not allowed: a link may go only to a web address (https: or http:), an e-mail "
    "address (mailto:) or a heading on the page (#...); files are never linked"
)


def problems(capsys: pytest.CaptureFixture[str], *argv: str) -> list[str]:
    """The problem lines of a run that must fail; the summary line is checked too."""
    code = main(list(argv or ["check"]))
    lines = capsys.readouterr().err.strip().splitlines()
    assert code == 1, lines
    count = len(lines) - 1
    assert lines[-1] == (
        f"yjsreport: {count} problem{'s' if count != 1 else ''} found; nothing was written."
    ), lines
    return lines[:-1]


def only_problem(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    found = problems(capsys, *argv)
    assert len(found) == 1, found
    return found[0]


def column_of(path: Path, line: int, needle: str) -> int:
    return path.read_text(encoding="utf-8").splitlines()[line - 1].index(needle) + 1


def append_to_body(path: Path, text: str) -> int:
    """Add a paragraph to a part's body; returns its line number."""
    with path.open("a", encoding="utf-8") as handle:
        handle.write(f"\n{text}\n")
    return len(path.read_text(encoding="utf-8").splitlines())


# --- raw HTML, links and images in report text -------------------------------------


@pytest.mark.parametrize(
    ("planted", "found"),
    [
        ("<script>alert(1)</script>", "<script>alert(1)</script>"),
        ('Text <img src="x" onerror="alert(1)"> more', '<img src="x" onerror="alert(1)">'),
        (
            '<iframe src="https://example.invalid/"></iframe>',
            '<iframe src="https://example.invalid/"><…',
        ),
        ("<style>body { display: none }</style>", "<style>body { display: none }</style>"),
        ("<!-- case BRK-C99 -->", "<!-- case BRK-C99 -->"),  # BRK-C03: test_privacy_planted
        (
            '<a rel="attachment" href="../content/inspections/brackenmoor-2022/cases/court.csv">'
            "data</a>",
            '<a rel="attachment" href="../content/ins…',
        ),
    ],
    ids=["script", "img-onerror", "iframe", "style", "comment", "attachment"],
)
def test_raw_html_in_a_body(
    project: Path, capsys: pytest.CaptureFixture[str], planted: str, found: str
) -> None:
    path = BRK / "report/2.1.md"
    line = append_to_body(path, planted)
    column = column_of(path, line, found[:4])
    assert only_problem(capsys) == f"{path}:{line}:{column}: {HTML_RULE} (found {found!r})"


def test_raw_html_in_a_front_matter_string(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = BRK / "report/2.1.md"
    edit(path, "fell just below", "fell <b>just</b> below")
    line = line_of(path, "<b>just")
    column = column_of(path, line, "<b>just")
    assert only_problem(capsys) == f"{path}:{line}:{column}: {HTML_RULE} (found '<b>')"


@pytest.mark.parametrize(
    "target",
    [
        "javascript:alert(1)",
        "../cases/court.csv",
        "file:///etc/passwd",
        "notes.pdf",
        "JAVASCRIPT:alert(1)",
    ],
)
def test_links_other_than_web_mail_or_in_page(
    project: Path, capsys: pytest.CaptureFixture[str], target: str
) -> None:
    path = BRK / "report/2.1.md"
    line = append_to_body(path, f"See [the notes]({target}).")
    column = column_of(path, line, target)
    assert only_problem(capsys) == f"{path}:{line}:{column}: link to {target!r} {LINK_RULE}"


def test_autolink_to_javascript(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = BRK / "report/2.1.md"
    line = append_to_body(path, "Open <javascript:alert(1)> now.")
    column = column_of(path, line, "javascript:")
    assert only_problem(capsys) == (
        f"{path}:{line}:{column}: link to 'javascript:alert(1)' {LINK_RULE}"
    )


def test_web_mail_and_in_page_links_are_allowed(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    append_to_body(
        BRK / "report/2.1.md",
        "See [the standards](https://example.invalid/standards), "
        "[write to us](mailto:team@example.invalid) and [the ratings](#ratings).",
    )
    assert main(["check"]) == 0


def test_image_in_a_body(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = BRK / "report/2.1.md"
    line = append_to_body(path, "![A chart](../../../../templates/site/assets/chart.png)")
    column = column_of(path, line, "../../")
    assert only_problem(capsys) == (
        f"{path}:{line}:{column}: images are not allowed in report text (found "
        "'../../../../templates/site/assets/chart.…'); a report's figures and tables come "
        "from the data"
    )


# --- YAML ---------------------------------------------------------------------------


def test_alias_bomb_is_refused_at_once(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = BRK / "context.yaml"
    bomb = ['x0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    bomb += [f"x{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    path.write_text("\n".join(bomb) + "\n", encoding="utf-8")
    assert only_problem(capsys) == (
        f"{path}:1:5: anchor '&a0' is not allowed in content files: write each value out in full"
    )


def test_alias_without_anchor_is_refused(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = BRK / "inspection.yaml"
    edit(path, "place: Brackenmoor", "place: *somewhere")
    line = line_of(path, "*somewhere")
    problem = only_problem(capsys)
    assert problem.startswith(f"{path}:{line}:8: ")


def test_duplicate_status_names_both_lines(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = BRK / "inspection.yaml"
    first = line_of(path, "status: published")
    edit(path, "framework:", "status: draft\nframework:")
    second = line_of(path, "status: draft")
    first += 1  # moved down by the planted line
    assert second < first
    assert only_problem(capsys) == (
        f"{path}:{first}:1: key 'status' is written twice (first on line {second}); "
        "write each key once"
    )


def test_duplicate_rating_in_front_matter(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = BRK / "report/1.1.md"
    edit(path, "rating: Good", "rating: Good\nrating: Outstanding")
    first = line_of(path, "rating: Good")
    assert only_problem(capsys) == (
        f"{path}:{first + 1}:1: key 'rating' is written twice (first on line {first}); "
        "write each key once"
    )


def test_nesting_five_thousand_deep(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = BRK / "context.yaml"
    path.write_text("sources: " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    assert only_problem(capsys) == (
        f"{path}:1:42: nested more than 32 levels deep: content files need only a few levels"
    )


def test_nesting_five_thousand_deep_in_block_style(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = BRK / "context.yaml"
    path.write_text("".join(f"{' ' * i}k{i}:\n" for i in range(5000)), encoding="utf-8")
    problem = only_problem(capsys)
    assert problem.startswith(f"{path}:34:34: nested more than 32 levels deep")


@pytest.mark.parametrize("parser", ["libyaml", "pure-python"])
@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("sources: " + "[" * 5000 + "]" * 5000, (1, 42)),
        ("a: " + "{a: " * 50 + "1" + "}" * 50, (1, 132)),
        ("".join(f"{' ' * i}k{i}:\n" for i in range(5000)), (34, 34)),
    ],
)
def test_nesting_is_counted_by_us_not_by_the_parser(
    monkeypatch: pytest.MonkeyPatch, parser: str, text: str, where: tuple[int, int]
) -> None:
    """The same message whichever parser reads the file and whatever its own limit."""
    import yaml

    from yjsreport.sources import yamldoc

    if parser == "pure-python":
        monkeypatch.setattr(yamldoc, "_FastLoader", yaml.SafeLoader)
    with pytest.raises(yamldoc.YamlProblem) as caught:
        yamldoc.parse_yaml(text, Path("deep.yaml"))
    problem = caught.value.problem
    assert (problem.line, problem.column) == where
    assert problem.message == (
        "nested more than 32 levels deep: content files need only a few levels"
    )


def test_control_character_in_yaml(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = BRK / "inspection.yaml"
    edit(path, "place: Brackenmoor", "place: Brack\x00enmoor")
    line = line_of(path, "place:")
    assert only_problem(capsys) == (
        f"{path}:{line}:13: invalid YAML: character U+0000 is not allowed in a YAML file; remove it"
    )


# --- files that cannot be read -------------------------------------------------------


def test_windows_1252_markdown(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = BRK / "report/background.md"
    text = path.read_text(encoding="utf-8")
    line = len(text.splitlines()) + 2
    path.write_bytes(text.encode("utf-8") + "\nThe service\u2019s area.\n".encode("cp1252"))
    offset = len(text.encode("utf-8")) + len(b"\nThe service") + 1
    assert only_problem(capsys) == (
        f"{path}:{line}:12: is not UTF-8 text: byte 0x92 (byte {offset} of the file) cannot "
        "be read; the file was probably saved as Windows-1252 or Latin-1: save it as UTF-8 "
        "(in a spreadsheet: Save As 'CSV UTF-8'; in a text editor: choose the encoding UTF-8)"
    )


def test_a_utf16_case_file_is_named_as_utf16(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A spreadsheet's 'Unicode text' is UTF-16 with a byte-order mark: the message names
    it, where it named Windows-1252 before."""
    path = BRK / "cases/court.csv"
    path.write_bytes("\ufeff".encode("utf-16-le") + path.read_text("utf-8").encode("utf-16-le"))
    assert only_problem(capsys) == (
        f"{path}:1:1: is not UTF-8 text: byte 0xFF (byte 1 of the file) cannot be read; the "
        "file was probably saved as UTF-16 (a spreadsheet's 'Unicode text'): save it as UTF-8 "
        "(in a spreadsheet: Save As 'CSV UTF-8'; in a text editor: choose the encoding UTF-8)"
    )


def test_windows_1252_yaml(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = BRK / "inspection.yaml"
    text = path.read_text(encoding="utf-8").replace("Imogen Thwaite", "Zo\u00eb Thwaite")
    path.write_bytes(text.encode("cp1252"))
    line = line_of_bytes(path, b"Zo")
    problem = only_problem(capsys)
    assert problem.startswith(f"{path}:{line}:19: is not UTF-8 text: byte 0xEB")


def line_of_bytes(path: Path, needle: bytes) -> int:
    for number, line in enumerate(path.read_bytes().splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(needle)


def test_byte_order_mark_before_front_matter(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Windows editors put one first; the file is read as if it were not there."""
    path = BRK / "report/background.md"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert main(["check"]) == 0


def test_folder_named_like_a_markdown_file(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = BRK / "report/annexe.md"
    path.mkdir()
    assert only_problem(capsys) == (
        f"{path}: is a folder, but a file was expected here; rename the folder"
    )


def test_dangling_symlink_part(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = BRK / "report/annexe.md"
    path.symlink_to("nowhere.md")
    assert only_problem(capsys) == (
        f"{path}: is a link to a file that does not exist; remove or mend the link"
    )


def test_dangling_symlink_case_file(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Not silently an empty sample."""
    path = BRK / "cases/court.csv"
    path.unlink()
    path.symlink_to("/nonexistent/court.csv")
    assert only_problem(capsys) == (
        f"{path}: is a link to a file that does not exist; remove or mend the link"
    )


@pytest.mark.parametrize(
    ("wrong", "right"),
    [
        ("cases/court.csv", "cases/court.CSV"),
        ("report/summary.md", "report/summary.MD"),
        ("cases", "Cases"),
        ("context.yaml", "Context.yaml"),
    ],
)
def test_names_in_the_wrong_case(
    project: Path, capsys: pytest.CaptureFixture[str], wrong: str, right: str
) -> None:
    (BRK / wrong).rename(BRK / right)
    messages = problems(capsys)
    expected = Path(wrong).name
    assert messages[0] == (
        f"{BRK / right}: '{Path(right).name}' is not read: names are case-sensitive; "
        f"rename it to '{expected}' if it belongs to the report"
    )


# --- inspection folder names ---------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    ["a#b?c%d", "brackenmoor 2022", "brackenmoor\n2022", "Brackenmoor-2022", "x" * 250],
    ids=["url-characters", "space", "newline", "capitals", "250-characters"],
)
def test_inspection_folder_names(
    project: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    BRK.rename(BRK.parent / name)
    shown = name if len(name) <= 40 else name[:40] + "…"
    assert only_problem(capsys) == (
        f"{BRK.parent}: inspection folder {shown!r}: its name is the report's web address, so "
        "it may hold only lower-case letters, digits and single hyphens, at most 80 "
        "characters, such as 'brackenmoor-2022'; rename the folder"
    )


# --- drafts --------------------------------------------------------------------------


def test_broken_draft_does_not_block_a_published_build(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = KV / "inspection.yaml"
    edit(path, "status: draft", "status: draft\nplace: [unclosed")
    (KV / "report/2.1.md").write_bytes(b"\x92 not UTF-8")
    assert main(["build", "--no-pdf"]) == 0
    assert not Path("site/inspections/kestrel-vale-2026").exists()
    assert Path("site/inspections/brackenmoor-2022/index.html").is_file()
    # ...but `check` and a build with drafts still say what is wrong with it
    assert any(str(KV) in m for m in problems(capsys, "build", "--no-pdf", "--drafts"))


# --- page titles ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("place", "title"),
    [
        ('"Brack</title><b>alert(1)</b>"', "Brack&lt;/title&gt;&lt;b&gt;alert(1)"),
        ('"Brack\\\\x41"', "Brack\\x41"),
        ("'C:\\q'", "C:\\q"),
        ("'Brack \"moor\"'", "Brack &#34;moor&#34;"),
    ],
    ids=["markup", "backslash-escape", "windows-path", "quotes"],
)
def test_page_titles_are_exact_and_escaped(
    project: Path, capsys: pytest.CaptureFixture[str], place: str, title: str
) -> None:
    edit(BRK / "inspection.yaml", "place: Brackenmoor", f"place: {place}")
    assert main(["build", "--no-pdf"]) == 0
    page = Path("site/inspections/brackenmoor-2022/index.html").read_text(encoding="utf-8")
    head = page.split("</title>", 1)[0]
    assert f"<title>An inspection of youth offending services in {title}" in head
    assert "<b>alert" not in page


# --- writing ---------------------------------------------------------------------------


def test_full_disk_leaves_the_site_alone(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    from yjsreport.site import data_files

    assert main(["build", "--no-pdf"]) == 0
    before = sorted(p.as_posix() for p in Path("site").rglob("*"))
    capsys.readouterr()

    def full(*args: object, **kwargs: object) -> str:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), "site/x-data.json")

    monkeypatch.setattr(data_files, "to_json", full)  # the downloads are made there
    assert main(["build", "--no-pdf"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [
        "yjsreport: build failed: cannot write site/x-data.json: the disk is full; "
        "the previous site was left as it was."
    ]
    assert sorted(p.as_posix() for p in Path("site").rglob("*")) == before
    assert not [p for p in Path().iterdir() if p.name.startswith((".site-build", ".site-old"))]


# --- front-matter ------------------------------------------------------------------


@pytest.mark.parametrize("front", ["---\n---\n", '---\nstandard: "2.1"\n---\n'])
def test_missing_part_has_a_line(
    project: Path, capsys: pytest.CaptureFixture[str], front: str
) -> None:
    path = BRK / "report/annexe.md"
    path.write_text(front + "Some text.\n", encoding="utf-8")
    assert only_problem(capsys) == (
        f"{path}:2:1: missing required key 'part': expected one of foreword, summary, "
        "recommendations, background, domain, standard, involvement, diversity, methodology"
    )


# --- dates ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("20211025", "20211025"),
        ("1", "1"),
        ("2021-10-25 10:00:00", "'2021-10-25 10:00:00' (a date and time)"),
        ("'25/10/2021'", "'25/10/2021'"),
    ],
)
def test_dates_must_be_dates(
    project: Path, capsys: pytest.CaptureFixture[str], written: str, shown: str
) -> None:
    """pydantic alone reads an integer as seconds since 1970: 1 would be 1 January 1970."""
    path = BRK / "inspection.yaml"
    edit(path, "fieldwork_start: 2021-10-25", f"fieldwork_start: {written}")
    line = line_of(path, "fieldwork_start")
    assert only_problem(capsys) == (
        f"{path}:{line}:18: fieldwork_start: expected a date written as YYYY-MM-DD, "
        f"such as 2022-02-15; got {shown}"
    )


@pytest.mark.parametrize(
    ("key", "written"),
    [
        ("publication_date", "9999-12-31"),  # the sitemap's gzip header failed on it
        ("publication_date", "1969-12"),
        ("fieldwork_start", "0001-01-01"),
    ],
)
def test_dates_far_from_any_inspection(
    project: Path, capsys: pytest.CaptureFixture[str], key: str, written: str
) -> None:
    path = BRK / "inspection.yaml"
    text = path.read_text(encoding="utf-8")
    old = next(line for line in text.splitlines() if line.startswith(f"{key}:"))
    edit(path, old, f"{key}: {written}")
    line = line_of(path, key)
    assert only_problem(capsys, "build", "--no-pdf") == (
        f"{path}:{line}:{len(key) + 3}: {key}: expected a date from 2000-01-01 to 2099-12-31; "
        f"got {written}"
    )


@pytest.mark.parametrize(("written", "shown"), [("20220215", "20220215"), ("1", "1")])
def test_a_publication_date_is_a_date_or_a_month(
    project: Path, capsys: pytest.CaptureFixture[str], written: str, shown: str
) -> None:
    path = BRK / "inspection.yaml"
    edit(path, "publication_date: 2022-02-15", f"publication_date: {written}")
    line = line_of(path, "publication_date")
    assert only_problem(capsys) == (
        f"{path}:{line}:19: publication_date: expected a date written as YYYY-MM-DD, "
        f"such as 2022-02-15, or a month as YYYY-MM; got {shown}"
    )


# --- case files --------------------------------------------------------------------------


def test_windows_1252_case_file(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = BRK / "cases/court.csv"
    data = path.read_bytes()
    at = data.index(b"BRK-C02")
    path.write_bytes(data[:at] + b"\x96" + data[at:])
    line = data[:at].count(b"\n") + 1
    assert only_problem(capsys) == (
        f"{path}:{line}:1: is not UTF-8 text: byte 0x96 (byte {at + 1} of the file) cannot "
        "be read; the file was probably saved as Windows-1252 or Latin-1: save it as UTF-8 "
        "(in a spreadsheet: Save As 'CSV UTF-8'; in a text editor: choose the encoding UTF-8)"
    )


@pytest.mark.parametrize(("mark", "name"), [(";", "semicolons"), ("\t", "tabs")])
def test_case_file_with_another_delimiter(
    project: Path, capsys: pytest.CaptureFixture[str], mark: str, name: str
) -> None:
    path = BRK / "cases/court.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",", mark), encoding="utf-8")
    assert only_problem(capsys) == (
        f"{path}:1:1: the fields are separated by {name}, not commas: save the file as "
        "'CSV UTF-8 (comma delimited)' from the spreadsheet"
    )


def test_line_numbers_after_a_multi_line_cell(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A quoted cell over two lines must not shift the line of every later problem."""
    path = BRK / "cases/court.csv"
    edit(path, "BRK-C01,", '"BRK-C01\n",')
    lines = path.read_text(encoding="utf-8").splitlines()
    number = next(i for i, line in enumerate(lines, start=1) if line.startswith("BRK-C03,"))
    fields = lines[number - 1].split(",")
    fields[1] = "youth-rehab"
    lines[number - 1] = ",".join(fields)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    problem = only_problem(capsys)
    assert problem.startswith(f"{path}:{number}:9: column disposal_type: expected ")


# --- wrong-typed figures -------------------------------------------------------------


WANTED = 'a whole number, a decimal or a figure written as text in quotes (such as "<1%")'


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("yes", f"{WANTED}; got yes/true"),
        (".nan", f"{WANTED}; got nan"),
        ("-.inf", f"{WANTED}; got -inf"),
    ],
)
def test_wrong_typed_figure_is_one_located_problem(
    project: Path, capsys: pytest.CaptureFixture[str], written: str, expected: str
) -> None:
    """Not printed as 1, nan or -inf; and one message for the value, not one per type."""
    path = BRK / "context.yaml"
    edit(path, "value: 201,", f"value: {written},")
    line = line_of(path, f"value: {written},")
    column = column_of(path, line, written)
    assert only_problem(capsys) == (
        f"{path}:{line}:{column}: population.figures[1].value: expected {expected}"
    )


def test_a_value_that_fits_no_member_of_a_union_is_one_problem(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """pydantic reports a union once per member type; the author sees one message."""
    path = BRK / "report/1.2.md"
    edit(path, "value: 45,", "value: [45],")
    line = line_of(path, "value: [45],")
    column = column_of(path, line, "[45]")
    assert only_problem(capsys) == (
        f"{path}:{line}:{column}: key_data.figures[1].value: expected a valid integer, "
        "a valid number or a valid string; got [45]"
    )


def test_an_editors_lock_file_is_not_a_part(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Emacs marks a file being edited with a dangling link named '.#<name>'."""
    (BRK / "report/.#2.1.md").symlink_to("someone@host.1234:1700000000")
    assert main(["check"]) == 0


# --- check --compare: a revision is only ever a revision -------------------------------


def _commit_content(project: Path) -> None:
    for args in (["init", "-q"], ["add", "content"], ["commit", "-qm", "before"]):
        subprocess.run(
            ["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid", *args],
            cwd=project,
            check=True,
            capture_output=True,
        )


@pytest.mark.parametrize("revision", ["--output=victim.txt", "--list", "-o", "HEAD:content"])
def test_compare_reads_a_revision_never_an_option(
    project: Path, capsys: pytest.CaptureFixture[str], revision: str
) -> None:
    _commit_content(project)
    victim = project / "victim.txt"
    victim.write_text("keep me\n", encoding="utf-8")
    code = main(["check", f"--compare={revision}"])
    err = capsys.readouterr().err
    assert (code, err) == (
        2,
        f"yjsreport: cannot read content/ at {revision!r}: no such revision "
        "(expected a branch, a tag or a commit)\n",
    )
    assert victim.read_text(encoding="utf-8") == "keep me\n"


def test_compare_with_an_absolute_link_in_the_old_tree(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / BRK / "report/extra.md").symlink_to("/etc/passwd")
    _commit_content(project)
    (project / BRK / "report/extra.md").unlink()
    code = main(["check", "--compare", "HEAD"])
    err = capsys.readouterr().err
    assert (code, err) == (
        2,
        f"yjsreport: cannot read content/ at 'HEAD': {BRK}/report/extra.md is a link to an "
        "absolute path (/etc/passwd), which is not extracted; remove it from that revision's "
        "content or compare with another\n",
    )


# --- arguments a command cannot use are usage errors ------------------------------------


def usage_error(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    """The one error line argparse gives (after its usage lines), with exit 2."""
    with pytest.raises(SystemExit) as stopped:
        main(list(argv))
    assert stopped.value.code == 2
    return capsys.readouterr().err.strip().splitlines()[-1]


@pytest.mark.parametrize(
    ("argv", "error"),
    [
        (
            ["new", "x-2027", "--fieldwork", "9999-12-31"],
            "yjsreport new: error: argument --fieldwork: expected a date from 2000-01-01 "
            "to 2099-12-31; got '9999-12-31'",
        ),
        (
            ["generate", "--count", "100000", "--into", "g"],
            "yjsreport generate: error: argument --count: expected a whole number from 1 "
            "to 1680, not '100000'",
        ),
        (
            ["generate", "--count", "-5", "--into", "g"],
            "yjsreport generate: error: argument --count: expected a whole number from 1 "
            "to 1680, not '-5'",
        ),
        (
            ["generate", "--into", "g", "--reinspection-of-history", "../Hollin Vale"],
            "yjsreport generate: error: argument --reinspection-of-history: expected an id of "
            "lower-case letters, digits and single hyphens, such as hollinwater-vale-2019, not "
            "'../Hollin Vale'",
        ),
    ],
    ids=["far-fieldwork", "count-too-many", "count-negative", "history-id"],
)
def test_arguments_a_command_cannot_use(
    project: Path, capsys: pytest.CaptureFixture[str], argv: list[str], error: str
) -> None:
    assert usage_error(capsys, *argv) == error
    assert not (project / "g").exists()
    assert not (project / "content/inspections/x-2027").exists()


def test_generate_never_replaces_an_inspection(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["generate", "--count", "2", "--into", "g"]) == 0
    written = sorted(p.name for p in (project / "g/inspections").iterdir())
    kept = project / "g/inspections" / written[0] / "report/foreword.md"
    kept.write_text("An author's own words.\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["generate", "--count", "2", "--into", "g"]) == 2
    assert capsys.readouterr().err == (
        f"yjsreport: g/inspections already holds 2 of the inspections to write "
        f"({', '.join(written)}); an inspection is never replaced: write into an empty "
        "folder; nothing was written.\n"
    )
    assert kept.read_text(encoding="utf-8") == "An author's own words.\n"


def test_generate_never_replaces_a_framework_file(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mine = project / "g/frameworks/2021.yaml"
    mine.parent.mkdir(parents=True)
    mine.write_text("# my own framework\n", encoding="utf-8")
    assert main(["generate", "--count", "2", "--into", "g"]) == 2
    assert capsys.readouterr().err == (
        f"yjsreport: {mine.relative_to(project)} differs from content/frameworks/2021.yaml; "
        "a framework file is never replaced: write into an empty folder; nothing was written.\n"
    )
    assert mine.read_text(encoding="utf-8") == "# my own framework\n"
    assert not (project / "g/inspections").exists()


# --- special files and control characters -------------------------------------------


@pytest.mark.parametrize(
    ("name", "plant", "kind"),
    [
        ("report/background.md", "fifo", "a named pipe (FIFO)"),
        ("inspection.yaml", "fifo", "a named pipe (FIFO)"),
        ("cases/court.csv", "fifo", "a named pipe (FIFO)"),
    ],
    ids=["fifo-part", "fifo-yaml", "fifo-case-file"],
)
def test_special_files_are_refused_before_reading(
    project: Path, capsys: pytest.CaptureFixture[str], name: str, plant: str, kind: str
) -> None:
    """A pipe would wait for ever and a device would fill the memory."""
    path = BRK / name
    path.unlink()
    os.mkfifo(path)
    assert only_problem(capsys) == (
        f"{path}: is {kind}, not an ordinary file; content must be in ordinary files"
    )


@pytest.mark.parametrize(
    ("name", "target"),
    [
        ("report/background.md", "/dev/zero"),  # would fill the memory
        ("cases/court.csv", "/dev/urandom"),
        ("report/background.md", "/proc/self/environ"),  # a CI build would publish it
        ("report/background.md", "/etc/passwd"),
        ("inspection.yaml", "../fenwold-2020/inspection.yaml"),
    ],
)
def test_a_content_file_is_never_read_through_a_link(
    project: Path, capsys: pytest.CaptureFixture[str], name: str, target: str
) -> None:
    path = BRK / name
    path.unlink()
    path.symlink_to(target)
    assert only_problem(capsys) == (
        f"{path}: is a link to {target}; a content file must be the file itself, not a link, "
        "since a link could publish any file on this computer: copy the file here instead"
    )


def test_a_content_file_has_a_size_limit(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = BRK / "report/background.md"
    with path.open("r+b") as handle:
        handle.truncate(17 * 1024 * 1024)  # sparse: nothing is written to the disk
    assert only_problem(capsys) == (
        f"{path}: is larger than 16 MB, the most a content file may be; is it the right file?"
    )


@pytest.mark.parametrize(
    ("name", "char"),
    [("report/background.md", "\x00"), ("report/2.2.md", "\x1b"), ("cases/court.csv", "\x7f")],
)
def test_control_character_in_markdown_or_csv(
    project: Path, capsys: pytest.CaptureFixture[str], name: str, char: str
) -> None:
    path = BRK / name
    text = path.read_text(encoding="utf-8")
    at = text.index("\n", text.index("\n") + 1) - 1  # the last character of line 2
    path.write_text(text[:at] + char + text[at:], encoding="utf-8")
    column = len(text.splitlines()[1])
    assert only_problem(capsys) == (
        f"{path}:2:{column}: character U+{ord(char):04X} (a control character) is not "
        "allowed in a content file; remove it"
    )


@pytest.mark.parametrize(("escape", "code"), [("\\0", "0000"), ("\\e", "001B"), ("\\x85", "0085")])
def test_control_character_written_as_a_yaml_escape(
    project: Path, capsys: pytest.CaptureFixture[str], escape: str, code: str
) -> None:
    path = BRK / "inspection.yaml"
    edit(path, "place: Brackenmoor", f'place: "Brack{escape}enmoor"')
    line = line_of(path, "place:")
    assert only_problem(capsys) == (
        f"{path}:{line}:8: character U+{code} (a control character, written as an escape) "
        "is not allowed in a content file; remove it"
    )


@pytest.mark.parametrize("slug", ["..", "../..", "brackenmoor-2022/../fenwold-2020"])
def test_codebook_takes_an_inspection_name_never_a_path(
    project: Path, capsys: pytest.CaptureFixture[str], slug: str
) -> None:
    (project / "content/inspection.yaml").write_text(
        (project / BRK / "inspection.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    codebooks = {p: p.read_bytes() for p in (project / "content").rglob("CODEBOOK.md")}
    assert main(["codebook", slug]) == 2
    assert capsys.readouterr().err == (
        f"yjsreport: no inspection {slug!r}; expected one of brackenmoor-2022, fenwold-2020, "
        "kestrel-vale-2026, wyndle-marsh-2022\n"
    )
    assert not (project / "content/cases").exists()
    assert {p: p.read_bytes() for p in (project / "content").rglob("CODEBOOK.md")} == codebooks


def test_a_case_file_with_too_many_columns_is_one_problem(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """100,000 unknown columns gave a problem each, located by a quadratic search."""
    path = BRK / "cases/court.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[0] += "," + ",".join(f"c{i}" for i in range(100_000))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert only_problem(capsys) == (
        f"{path}:1: has more than 200 columns on this line; a sample has far fewer: is it the "
        "right file?"
    )


def test_a_case_file_with_too_many_rows_is_one_problem(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = BRK / "cases/court.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(lines + [lines[1]] * 6000) + "\n", encoding="utf-8")
    assert only_problem(capsys) == (
        f"{path}:5001: has more than 5,000 rows; a sample has far fewer cases: is it the "
        "right file?"
    )
