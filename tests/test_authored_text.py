"""Authored text carries neither an invisible character nor a script.

A right-to-left override in a lead inspector's name was published; so would any
other invisible formatting character in any published string, and a script in a
site page could write a case id no check of the published text can see. Both are
decided once (yjsreport/sources/characters.py, yjsreport/sources/scripts.py) and
each is a located problem in whatever file holds it."""

from __future__ import annotations

import sys
import unicodedata
from pathlib import Path

import pytest

from tests.conftest import edit, line_of
from yjsreport.cli import main
from yjsreport.sources.characters import FORMAT, JOINERS, refused
from yjsreport.sources.scripts import find_script

BRK = Path("content/inspections/brackenmoor-2022")
RLO = "\u202e"
SCRIPT_RULE = (
    "is not allowed: authored content may not carry a script: write text, and link only "
    "to web or e-mail addresses"
)


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> list[str]:
    assert main(list(argv)) == 1
    lines = capsys.readouterr().err.strip().splitlines()
    assert lines[-1].endswith("nothing was written."), lines
    return lines[:-1]


def test_the_refused_formatting_characters_are_unicodes_category_cf_less_the_joiners() -> None:
    every = {chr(i) for i in range(sys.maxunicode + 1)}
    cf = {c for c in every if unicodedata.category(c) == "Cf"}
    refused_here = {c for c in every if FORMAT.fullmatch(c)}
    assert cf - JOINERS <= refused_here
    # anything more is a Cf character of a later Unicode than this Python knows
    assert all(unicodedata.category(c) == "Cn" for c in refused_here - cf)
    assert not JOINERS & refused_here


@pytest.mark.parametrize(
    ("path", "old", "new", "offset"),
    [
        (BRK / "inspection.yaml", "Imogen Thwaite", f"Imogen {RLO}etiawhT", 7),
        (BRK / "inspection.yaml", "Selina Marr", "Selina\u2066 Marr", 6),
        (BRK / "inspection.yaml", "Brackenmoor Youth", "Brackenmoor\u200b Youth", 11),
        (BRK / "context.yaml", "source:", f"source: {RLO}", 8),
        (BRK / "report/2.1.md", "Every assessment", "Every \u00adassessment", 6),
        (BRK / "report/2.1.md", "fell just below", f"fell {RLO}just below", 5),
        (BRK / "cases/court.csv", "BRK-C02", "BRK-\u2060C02", 4),
    ],
    ids=["lead inspector", "team", "service", "context", "prose", "front matter", "case file"],
)
def test_an_invisible_character_in_any_published_string_is_a_located_problem(
    project: Path,
    capsys: pytest.CaptureFixture[str],
    path: Path,
    old: str,
    new: str,
    offset: int,
) -> None:
    edit(path, old, new)
    line = line_of(path, new)
    column = path.read_text(encoding="utf-8").splitlines()[line - 1].index(new) + 1 + offset
    hidden = new[offset]
    message = f"{path}:{line}:{column}: {refused(hidden)}"
    assert _run(capsys, "check") == [message]
    assert _run(capsys, "build", "--no-pdf", "--drafts") == [message]
    assert not Path("site").exists()


def test_an_override_written_as_a_yaml_escape_is_refused(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = BRK / "inspection.yaml"
    edit(path, "lead_inspector: Imogen Thwaite", 'lead_inspector: "Imogen \\u202eThwaite"')
    line = line_of(path, "lead_inspector")
    assert _run(capsys, "check") == [f"{path}:{line}:17: {refused(RLO, ', written as an escape')}"]


def test_an_override_in_the_site_name_stops_the_build(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(Path("mkdocs.yml"), "site_name: Youth justice", f"site_name: Youth {RLO}justice")
    assert _run(capsys, "build", "--no-pdf", "--drafts") == [f"mkdocs.yml:1:18: {refused(RLO)}"]
    assert not Path("site").exists()


def test_the_message_names_the_character() -> None:
    assert refused(RLO) == (
        "character U+202E (RIGHT-TO-LEFT OVERRIDE, an invisible character that changes the "
        "order in which the text reads) is not allowed in a content file; remove it"
    )
    assert refused("\u200b").startswith("character U+200B (ZERO WIDTH SPACE, an invisible ")
    assert refused("\x00") == (
        "character U+0000 (a control character) is not allowed in a content file; remove it"
    )


# ---------------------------------------------------------------- scripts


@pytest.mark.parametrize(
    ("text", "at", "what"),
    [
        ("<script>document.write('BRK-'+'C01')</script>", 0, "a <script> element"),
        ("<SCRIPT src=x.js>", 0, "a <script> element"),
        ('<iframe src="https://example.invalid/">', 0, "a <iframe> element"),
        ("Text <svg/onload=alert(1)> here", 10, "an event-handler attribute (onload=)"),
        ("<b onclick = x>", 3, "an event-handler attribute (onclick=)"),
        ("[x](javascript:alert(1))", 4, "a script address (javascript:)"),
        ("[x](JaVaScRiPt:alert(1))", 4, "a script address (javascript:)"),
        ("[x](java&#115;cript:alert(1))", 4, "a script address (javascript:)"),
        ("[x](&#x6A;avascript:alert(1))", 4, "a script address (javascript:)"),
        ("[x](java\tscript:alert(1))", 4, "a script address (javascript:)"),
        ("[x](vbscript:msgbox)", 4, "a script address (vbscript:)"),
        ("[x](data:text/html;base64,PHNjcmlwdD4=)", 4, "a script address (data:)"),
    ],
)
def test_a_script_is_found_however_it_is_written(text: str, at: int, what: str) -> None:
    found = find_script(text)
    assert found is not None
    assert (found.start, found.what) == (at, what)


@pytest.mark.parametrize(
    "text",
    [
        "The service went online = a new way of working.",
        "See https://example.invalid/?on=1 for the data: 11 cases.",
        "Scripts written by children were reviewed.",
        "Fish & chips; R&amp;D; the <b> tag is text here",
    ],
)
def test_ordinary_text_is_no_script(text: str) -> None:
    assert find_script(text) is None


def test_a_script_in_a_yaml_string_is_a_located_problem(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = BRK / "inspection.yaml"
    edit(path, "Brackenmoor Youth Offending Team", "Brackenmoor <script>x</script>")
    line = line_of(path, "<script>")
    column = path.read_text(encoding="utf-8").splitlines()[line - 1].index("<script>") + 1
    assert _run(capsys, "check") == [
        f"{path}:{line}:{column}: a <script> element {SCRIPT_RULE} (found '<script>x</script>')"
    ]


def test_a_handler_in_a_front_matter_string_is_a_located_problem(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = BRK / "report/2.1.md"
    edit(path, "fell just below", "fell <b onclick=alert(1)>just</b> below")
    line = line_of(path, "onclick")
    column = path.read_text(encoding="utf-8").splitlines()[line - 1].index("onclick") + 1
    (message,) = _run(capsys, "check")
    assert message.startswith(
        f"{path}:{line}:{column}: an event-handler attribute (onclick=) {SCRIPT_RULE}"
    )


@pytest.mark.parametrize(
    ("page", "needle", "what"),
    [
        ("<script>document.write('BRK-' + 'C01')</script>", "<script>", "a <script> element"),
        ('<svg onload="alert(1)"></svg>', "onload", "an event-handler attribute (onload=)"),
        ("[the data](javascript:alert(1))", "javascript", "a script address (javascript:)"),
    ],
    ids=["script", "handler", "address"],
)
def test_a_script_in_a_site_page_stops_the_build(
    project: Path, capsys: pytest.CaptureFixture[str], page: str, needle: str, what: str
) -> None:
    """The site's own Markdown pages are published by MkDocs as written, raw HTML and
    all: a script there is refused before anything is written."""
    assert main(["build", "--no-pdf", "--drafts"]) == 0
    before = {p: p.read_bytes() for p in Path("site").rglob("*") if p.is_file()}
    capsys.readouterr()
    path = Path("templates/pages/about.md")
    path.write_text(f"# About these reports\n\n{page}\n", encoding="utf-8")
    column = page.index(needle) + 1
    (message,) = _run(capsys, "build", "--no-pdf", "--drafts")
    assert message.startswith(f"{path}:3:{column}: {what} {SCRIPT_RULE}")
    assert {p: p.read_bytes() for p in Path("site").rglob("*") if p.is_file()} == before


def test_a_plain_site_page_is_published(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    Path("templates/pages/about.md").write_text(
        "# About these reports\n\nEach report is written from the inspection data.\n",
        encoding="utf-8",
    )
    assert main(["build", "--no-pdf", "--drafts"]) == 0, capsys.readouterr().err
    assert "written from the inspection data" in Path("site/about/index.html").read_text("utf-8")


@pytest.mark.parametrize(
    ("opening", "needle", "what"),
    [
        ("::: practice Good work <script>document.write(1)</script>", "<script>", "a <script>"),
        ("::: quote a parent <img src=x onerror=alert(1)>", "onerror", "an event-handler"),
        ("::: quote a child [x](javascript:alert(1))", "javascript", "a script address"),
    ],
    ids=["practice title", "attribution handler", "attribution address"],
)
def test_a_script_in_a_practice_title_or_attribution_is_a_located_problem(
    project: Path, capsys: pytest.CaptureFixture[str], opening: str, needle: str, what: str
) -> None:
    """The title and the attribution are published as a heading and a caption: a script
    there is refused as in any other authored text, not escaped and published."""
    path = BRK / "report/2.1.md"
    with path.open("a", encoding="utf-8") as f:
        f.write(f"\n{opening}\nThe plan was reviewed with the family each month.\n:::\n")
    line = line_of(path, opening)
    column = opening.index(needle) + 1
    (message,) = _run(capsys, "check")
    assert message.startswith(f"{path}:{line}:{column}: {what}"), message
    assert SCRIPT_RULE in message
    assert _run(capsys, "build", "--no-pdf", "--drafts") == [message]
    assert not Path("site").exists()


# ------------------------------------------------ the site's own files, for check and build


@pytest.mark.parametrize(
    ("path", "text", "needle", "expected"),
    [
        (
            "mkdocs.yml",
            f"site_name: Youth {RLO}justice inspection reports\n",
            RLO,
            refused(RLO),
        ),
        (
            "mkdocs.yml",
            'site_name: "Youth \\u202ejustice inspection reports"\n',
            '"',
            refused(RLO, ", written as an escape"),
        ),
        (
            "mkdocs.yml",
            "site_description: <script>document.write(1)</script>\n",
            "<script>",
            f"a <script> element {SCRIPT_RULE}",
        ),
        (
            "templates/pages/about.md",
            "# About\n\nThe reports are <script>document.write(1)</script> here.\n",
            "<script>",
            f"a <script> element {SCRIPT_RULE}",
        ),
        (
            "templates/pages/about.md",
            f"# About\n\nThe {RLO}reports.\n",
            RLO,
            refused(RLO),
        ),
        (
            "templates/pages/about/team.html",
            '<p>Our team</p>\n<img src="x" onerror="alert(1)">\n',
            "onerror",
            f"an event-handler attribute (onerror=) {SCRIPT_RULE}",
        ),
        (
            "templates/pages/map.svg",
            '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>\n',
            "<script>",
            f"a <script> element {SCRIPT_RULE}",
        ),
    ],
    ids=["site name", "escaped site name", "description", "page", "page override", "html", "svg"],
)
def test_check_refuses_what_build_refuses_in_the_sites_own_files(
    project: Path,
    capsys: pytest.CaptureFixture[str],
    path: str,
    text: str,
    needle: str,
    expected: str,
) -> None:
    """`check` screens mkdocs.yml and every page of docs_dir with the build's own
    decision, so nothing passes `check` that `build` then refuses."""
    file = Path(path)
    file.parent.mkdir(parents=True, exist_ok=True)
    if file.name == "mkdocs.yml":
        key = text.split(":", 1)[0]
        lines = file.read_text(encoding="utf-8").splitlines(keepends=True)
        at = next(i for i, line in enumerate(lines) if line.startswith(f"{key}:"))
        lines[at] = text
        file.write_text("".join(lines), encoding="utf-8")
        line = at + 1
    else:
        file.write_text(text, encoding="utf-8")
        line = line_of(file, needle)
    column = text.splitlines()[[needle in t for t in text.splitlines()].index(True)].index(needle)
    (checked,) = _run(capsys, "check")
    assert checked.startswith(f"{file}:{line}:{column + 1}: {expected}"), checked
    assert _run(capsys, "build", "--no-pdf", "--drafts") == [checked]
    assert not Path("site").exists()


def test_check_reads_the_pages_folder_mkdocs_yml_names(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A project made by `init` keeps its pages in pages/, not templates/pages."""
    edit(Path("mkdocs.yml"), "docs_dir: templates/pages", "docs_dir: pages")
    Path("pages").mkdir()
    Path("pages/about.md").write_text(f"# About\n\nThe {RLO}reports.\n", encoding="utf-8")
    assert _run(capsys, "check") == [f"pages/about.md:3:5: {refused(RLO)}"]


@pytest.mark.parametrize(
    ("argv", "given", "at", "why"),
    [
        (["new", "kestrel-vale-2027", "--lead-inspector"], f"Ann {RLO}ffeJ", 5, refused(RLO)),
        (["new", "kestrel-vale-2027", "--service"], "Kestrel\u200bVale", 8, refused("\u200b")),
        (
            ["new", "kestrel-vale-2027", "--short-name"],
            "Kestrel <script>x</script>",
            9,
            f"a <script> element {SCRIPT_RULE}",
        ),
        (
            ["new", "kestrel-vale-2027", "--place"],
            '<img src=x onerror="y">',
            12,
            f"an event-handler attribute (onerror=) {SCRIPT_RULE}",
        ),
        (["init", "fresh-site", "--site-name"], f"Reports {RLO}", 9, refused(RLO)),
        (
            ["init", "fresh-site", "--contact-email"],
            "javascript:alert(1)",
            1,
            f"a script address (javascript:) {SCRIPT_RULE}",
        ),
    ],
    ids=["lead inspector", "service", "short name", "place", "site name", "contact"],
)
def test_new_and_init_refuse_what_check_would_refuse(
    project: Path,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    given: str,
    at: int,
    why: str,
) -> None:
    """A name given to `new` or `init` is written into the content: one the next `check`
    refuses is a usage error at once, decided by the same rules, and nothing is written."""
    before = sorted(Path().rglob("*"))
    with pytest.raises(SystemExit) as stopped:
        main([*argv, given])
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert f"{given!r} at character {at}: {why}" in err, err
    assert sorted(Path().rglob("*")) == before


def test_new_writes_names_that_check_accepts(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Joiners and accented letters are text: they are written and pass."""
    name = "Zoë \u0936\u094d\u200d\u0930 Okafor"
    assert main(["new", "kestrel-vale-2027", "--lead-inspector", name]) == 0
    assert name in Path("content/inspections/kestrel-vale-2027/inspection.yaml").read_text("utf-8")


def test_aliases_repeated_in_mkdocs_yml_are_read_once(project: Path) -> None:
    """A 'billion laughs' of aliases names a billion values in a few lines: `check`
    reads each value of mkdocs.yml once, so it ends (and the values pass)."""
    laughs = ["extra_css_laughs: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    laughs += [f"l{n}: &l{n} [{', '.join([f'*l{n - 1}'] * 10)}]" for n in range(1, 10)]
    path = Path("mkdocs.yml")
    path.write_text(path.read_text(encoding="utf-8") + "\n".join(laughs) + "\n", "utf-8")
    from yjsreport.site.authored import config_problem

    assert config_problem(path) is None
    edit(path, "[lol, lol", f"[{RLO!r}, lol".replace("'", '"'))
    problem = config_problem(path)
    assert problem is not None and problem.message == refused(RLO, ", written as an escape")
