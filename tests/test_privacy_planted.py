"""Case ids and case files planted in every way an author could, by mistake or on
purpose, and none of them reaches any file under site/ (PDFs decompressed).

A clean site is built once (drafts and PDFs) and searched for every case record.
Each planting then must stop `yjsreport build` with a located message and leave
that site byte for byte as it was, so nothing planted can be in it. The PDF
renderer's own guard is tested with the text checks switched off: asked to embed
a case file, it refuses, whatever path or link leads there."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.browser.project import built_site, own_copy, snapshot
from tests.test_site_privacy import file_texts, squash
from yjsreport.cli import main
from yjsreport.prose import markdown

pytestmark = pytest.mark.pdf  # every test here compares against a site built with PDFs

BRK = Path("content/inspections/brackenmoor-2022")
CASE_ID = "BRK-C03"
OTHER_ID = "FEN-C01"  # a case of another inspection
DRAFT_ID = "KV-C01"  # a case of the draft inspection
CASE_FILE = BRK / "cases/court.csv"
ID_MESSAGE = (
    "(a case in the samples of {owner}) is written in text that is published; case ids "
    "are never published: remove it"
)


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, bytes]]:
    """A project and its site built with drafts and PDFs, and that site's bytes."""
    built = built_site(tmp_path_factory, "--drafts").parent  # shared with other modules
    project = own_copy(built, tmp_path_factory.mktemp("planted"))
    return project, snapshot(project / "site")


@pytest.fixture
def in_project(
    clean: tuple[Path, dict[str, bytes]], monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    """The shared project as the working folder; content and templates restored after."""
    project, _ = clean
    monkeypatch.chdir(project)
    saved = {name: project / f".saved-{name}" for name in ("content", "templates")}
    for name, copy in saved.items():
        shutil.copytree(project / name, copy, symlinks=True)
    yield project
    for name, copy in saved.items():
        shutil.rmtree(project / name)
        copy.rename(project / name)


def case_ids(project: Path) -> set[str]:
    ids = set()
    for path in (project / "content").glob("inspections/*/cases/*.csv"):
        for line in path.read_text(encoding="utf-8").splitlines()[1:]:
            if line.strip():
                ids.add(line.split(",", 1)[0].strip())
    return ids


@pytest.mark.pdf
def test_the_clean_site_holds_no_case_record_nor_build_path(
    clean: tuple[Path, dict[str, bytes]],
) -> None:
    project, site = clean
    ids = case_ids(project)
    assert CASE_ID in ids and OTHER_ID in ids and len(ids) >= 10
    rows = {
        squash(line)
        for path in (project / "content").glob("inspections/*/cases/*.csv")
        for line in path.read_text(encoding="utf-8").splitlines()[1:]
        if line.strip()
    }
    wanted = {squash(i) for i in ids} | rows | {squash(str(project))}
    assert any(name.endswith(".pdf") for name in site)
    leaks = []
    for path in sorted((project / "site").rglob("*")):
        if path.is_file():
            found = "\n".join(squash(text) for text in file_texts(path))
            leaks += [f"{path.name}: {w}" for w in wanted if w in found]
    assert not leaks


def append(path: Path, text: str) -> int:
    with path.open("a", encoding="utf-8") as handle:
        handle.write(f"\n{text}\n")
    return len(path.read_text(encoding="utf-8").splitlines())


def replace(path: Path, old: str, new: str) -> int:
    """Replace text that must be there; returns the line the planted id is on."""
    text = path.read_text(encoding="utf-8")
    assert old in text, (old, path)
    text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    return next(i for i, line in enumerate(text.splitlines(), 1) if CASE_ID in line)


# Each planting writes a case id into published text and returns (file, line).
Planting = Callable[[], tuple[Path, int]]
PLANTINGS: dict[str, Planting] = {
    "body prose": lambda: (
        BRK / "report/2.1.md",
        append(BRK / "report/2.1.md", f"The work with {CASE_ID} was strong."),
    ),
    "heading": lambda: (BRK / "report/2.2.md", append(BRK / "report/2.2.md", f"## Case {CASE_ID}")),
    "html comment": lambda: (
        BRK / "report/2.3.md",
        append(BRK / "report/2.3.md", f"<!-- case {CASE_ID} -->"),
    ),
    "lower case": lambda: (
        BRK / "report/2.4.md",
        append(BRK / "report/2.4.md", f"As in {CASE_ID.lower()}, plans were reviewed."),
    ),
    "link": lambda: (
        BRK / "report/3.1.md",
        append(BRK / "report/3.1.md", f"[the case](https://example.invalid/{CASE_ID})"),
    ),
    "footnote": lambda: (
        BRK / "report/background.md",
        append(BRK / "report/background.md", f"A point.[^c]\n\n[^c]: Seen in case {CASE_ID}."),
    ),
    "front-matter string": lambda: (
        BRK / "report/2.1.md",
        replace(
            BRK / "report/2.1.md",
            "fell just below the boundary",
            f"fell just below the boundary ({CASE_ID})",
        ),
    ),
    "context.yaml string": lambda: (
        BRK / "context.yaml",
        replace(BRK / "context.yaml", "sources:\n", f"sources:\n  leak: Case {CASE_ID} file\n"),
    ),
    "inspection.yaml string": lambda: (
        BRK / "inspection.yaml",
        replace(BRK / "inspection.yaml", "Imogen Thwaite", f"Imogen Thwaite ({CASE_ID})"),
    ),
}


@pytest.mark.parametrize("way", list(PLANTINGS))
def test_a_planted_case_id_stops_the_build(
    in_project: Path,
    clean: tuple[Path, dict[str, bytes]],
    capsys: pytest.CaptureFixture[str],
    way: str,
) -> None:
    path, line = PLANTINGS[way]()
    written = path.read_text(encoding="utf-8").splitlines()[line - 1]
    column = written.lower().index(CASE_ID.lower()) + 1
    assert main(["build", "--drafts", "--no-pdf"]) == 1
    err = capsys.readouterr().err.splitlines()
    shown = written[column - 1 : column - 1 + len(CASE_ID)]
    owner = "this inspection"
    assert f"{path}:{line}:{column}: case id {shown!r} {ID_MESSAGE.format(owner=owner)}" in err
    assert snapshot(in_project / "site") == clean[1]


def plant_other(case_id: str) -> str:
    """Write another inspection's case id into Brackenmoor's 2.1 and return the located
    message a build or check must give for it."""
    path = BRK / "report/2.1.md"
    line = append(path, f"Unlike {case_id}, this was strong.")
    owner = "another inspection"
    return f"{path}:{line}:8: case id {case_id!r} {ID_MESSAGE.format(owner=owner)}"


def test_another_inspections_case_id_stops_the_build(
    in_project: Path, clean: tuple[Path, dict[str, bytes]], capsys: pytest.CaptureFixture[str]
) -> None:
    expected = plant_other(OTHER_ID)
    assert main(["build", "--drafts", "--no-pdf"]) == 1
    assert expected in capsys.readouterr().err.splitlines()
    assert snapshot(in_project / "site") == clean[1]


def test_a_draft_left_out_of_the_build_still_keeps_its_case_ids_out(
    in_project: Path, clean: tuple[Path, dict[str, bytes]], capsys: pytest.CaptureFixture[str]
) -> None:
    """kestrel-vale-2026 is a draft: a build without drafts does not load it, but a
    published report that names one of its cases must still stop the build."""
    expected = plant_other(DRAFT_ID)
    assert main(["build", "--no-pdf"]) == 1
    assert expected in capsys.readouterr().err.splitlines()
    assert snapshot(in_project / "site") == clean[1]


def test_check_finds_another_inspections_case_id_as_the_build_does(
    in_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    expected = plant_other(OTHER_ID.lower())
    assert main(["check"]) == 1
    out, err = capsys.readouterr()
    assert expected in err.splitlines()
    assert "brackenmoor-2022" in out and "1 problem(s) to fix" in out


def test_check_finds_the_case_id_of_an_inspection_that_does_not_load(
    in_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fenwold = Path("content/inspections/fenwold-2020/inspection.yaml")
    append(fenwold, "status: [unfinished")  # Fenwold no longer loads
    expected = plant_other(OTHER_ID)
    assert main(["check"]) == 1
    assert expected in capsys.readouterr().err.splitlines()


@pytest.mark.parametrize(
    "text",
    [
        '<a rel="attachment" href="../content/inspections/brackenmoor-2022/cases/court.csv">x</a>',
        "[the data](../cases/court.csv)",
        "![the data](../cases/court.csv)",
        "[the data](file:///etc/hostname)",
    ],
    ids=["attachment", "relative-link", "image", "file-url"],
)
def test_a_planted_case_file_stops_the_build(
    in_project: Path,
    clean: tuple[Path, dict[str, bytes]],
    capsys: pytest.CaptureFixture[str],
    text: str,
) -> None:
    line = append(BRK / "report/2.1.md", text)
    assert main(["build", "--drafts"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith(f"{BRK / 'report/2.1.md'}:{line}:"), err
    assert snapshot(in_project / "site") == clean[1]


@pytest.fixture
def text_checks_off(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """As if the Markdown and case-id checks had a hole: only the PDF guard is left."""
    monkeypatch.setattr("yjsreport.project.check_prose", lambda *a, **k: [])
    monkeypatch.setattr("yjsreport.content.privacy.CaseIdIndex.others_in", lambda *a, **k: [])
    monkeypatch.setattr("yjsreport.content.inspection.case_id_problems", lambda *a, **k: [])
    markdown._MD.core.ruler.disable("no_raw_html")
    try:
        yield
    finally:
        markdown._MD.core.ruler.enable("no_raw_html")


@pytest.mark.pdf
@pytest.mark.parametrize(
    "href",
    [
        "../content/inspections/brackenmoor-2022/cases/court.csv",
        "{project}/content/inspections/brackenmoor-2022/cases/court.csv",
        "leak/inspections/brackenmoor-2022/cases/court.csv",
        "{outside}/cases/court.csv",
    ],
    ids=["relative", "absolute", "templates-symlink", "symlinked-inspection"],
)
def test_the_pdf_renderer_embeds_no_case_file_even_unchecked(
    in_project: Path,
    clean: tuple[Path, dict[str, bytes]],
    capsys: pytest.CaptureFixture[str],
    text_checks_off: None,
    tmp_path: Path,
    href: str,
) -> None:
    if "{outside}" in href:  # the inspection folder is a link to a folder elsewhere
        outside = tmp_path / "brackenmoor-2022"
        shutil.move(in_project / BRK, outside)
        os.symlink(outside, in_project / BRK)
    else:
        outside = tmp_path
    (in_project / "templates/leak").symlink_to(in_project / "content")
    href = href.format(project=in_project, outside=outside)
    append(BRK / "report/2.1.md", f'<a rel="attachment" href="{href}">the data</a>')
    assert main(["build", "--drafts"]) == 1
    err = capsys.readouterr().err
    assert "refused to fetch" in err and "court.csv" in err, err
    assert len(err.strip().splitlines()) == 1, err
    assert snapshot(in_project / "site") == clean[1]
