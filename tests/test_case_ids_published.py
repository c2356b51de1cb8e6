"""A case id disguised in the source (markup, escapes, look-alike characters, invisible
characters, YAML escapes and folding, a percent-encoded link) is still the id a reader
sees: `check` and `build` search what is published, find it, point at the source line
that wrote it, and the build leaves site/ as it was."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.browser.project import (
    built_annual_project,
    built_site,
    copy_project,
    own_copy,
    run_build,
    snapshot,
)
from yjsreport.cli import main
from yjsreport.content.lookalike import IdIndex, fold
from yjsreport.project import load_reports
from yjsreport.render.downloads import Column
from yjsreport.render.workbook import workbook
from yjsreport.site.published_ids import check_site
from yjsreport.site.reader_text import file_texts, markup_texts
from yjsreport.sources.characters import refused

BRK = Path("content/inspections/brackenmoor-2022")
PART = BRK / "report/2.1.md"
MESSAGE = (
    "case id {id!r} (a case in the samples of {owner}) is written in text that is "
    "published; case ids are never published: remove it"
)


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, bytes]]:
    """A project built with drafts (no PDFs), and its site's bytes."""
    built = built_site(tmp_path_factory, "--drafts", "--no-pdf").parent  # shared
    project = own_copy(built, tmp_path_factory.mktemp("disguised"))
    return project, snapshot(project / "site")


@pytest.fixture
def in_project(
    clean: tuple[Path, dict[str, bytes]], monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    """The shared project as the working folder; its content restored after each test."""
    project, _ = clean
    monkeypatch.chdir(project)
    saved = project / ".saved-content"
    shutil.copytree(project / "content", saved, symlinks=True)
    yield project
    shutil.rmtree(project / "content")
    saved.rename(project / "content")


def append(path: Path, text: str) -> int:
    """Add a paragraph; returns its line number."""
    with path.open("a", encoding="utf-8") as handle:
        handle.write(f"\n{text}\n")
    return len(path.read_text(encoding="utf-8").splitlines())


def replace(path: Path, old: str, new: str) -> int:
    """Replace text that must be there; returns the line `new` starts on."""
    text = path.read_text(encoding="utf-8")
    assert old in text, (old, path)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


# Each disguise of BRK-C01 as a reader would still read it, appended to a paragraph
# of Brackenmoor's 2.1 after "Seen in " (so the id starts at column 9).
DISGUISES = {
    "emphasis": "BRK-**C01**",
    "markdown escape": "BRK\\-C01",
    "html entity": "BRK&#45;C01",
    "non-breaking hyphen": "BRK\u2011C01",
    "soft hyphen": "BR\u00adK-C01",
    "soft hyphen for the hyphen": "BRK\u00adC01",
    "zero-width space": "BRK-\u200bC01",
    "right-to-left override": "\u202e10C-KRB\u202c",
    "cyrillic": "\u0412RK-\u042101",
    "full-width": "\uff22\uff32\uff2b\uff0d\uff23\uff10\uff11",
    "en dash and lower case": "brk\u2013c01",
    "combining dot above": "B\u0307RK-C01",
    "thin spaces around the hyphen": "BRK\u2009-\u2009C01",
}


def expected(path: Path, line: int, column: int, case_id: str, owner: str) -> str:
    return f"{path}:{line}:{column}: {MESSAGE.format(id=case_id, owner=owner)}"


def assert_stops(
    project: Path, site: dict[str, bytes], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """`check` and `build` each fail with exactly this one message; site/ is unchanged."""
    assert main(["check"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[:-1] == [message], err
    assert main(["build", "--drafts", "--no-pdf"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[:-1] == [message], err
    assert snapshot(project / "site") == site


@pytest.mark.parametrize("way", list(DISGUISES))
def test_a_disguised_case_id_stops_check_and_build(
    in_project: Path,
    clean: tuple[Path, dict[str, bytes]],
    capsys: pytest.CaptureFixture[str],
    way: str,
) -> None:
    disguise = DISGUISES[way]
    line = append(PART, f"Seen in {disguise}, this was strong.")
    hidden = next((i for i, c in enumerate(disguise) if unicodedata.category(c) == "Cf"), None)
    if hidden is None:
        message = expected(PART, line, 9, "BRK-C01", "this inspection")
    else:  # an invisible character is refused wherever it is, before ids are looked for
        message = f"{PART}:{line}:{9 + hidden}: {refused(disguise[hidden])}"
    assert_stops(in_project, clean[1], message, capsys)


@pytest.mark.parametrize("hyphen", ["%2D", "%252D"])
def test_a_percent_encoded_link_stops_check_and_build(
    in_project: Path,
    clean: tuple[Path, dict[str, bytes]],
    capsys: pytest.CaptureFixture[str],
    hyphen: str,
) -> None:
    """Encoded once or twice (`%25` is '%'): whatever decodes the address reads the id."""
    line = append(PART, f"See [the file](https://example.invalid/cases/BRK{hyphen}C01).")
    message = expected(PART, line, 46, "BRK-C01", "this inspection")
    assert_stops(in_project, clean[1], message, capsys)


def test_a_yaml_escape_stops_check_and_build(
    in_project: Path, clean: tuple[Path, dict[str, bytes]], capsys: pytest.CaptureFixture[str]
) -> None:
    path = BRK / "inspection.yaml"
    line = replace(path, "lead_inspector: Imogen Thwaite", 'lead_inspector: "Imogen BRK\\x2DC01"')
    message = expected(path, line, 25, "BRK-C01", "this inspection")
    assert_stops(in_project, clean[1], message, capsys)


def test_a_yaml_string_folded_over_lines_stops_check_and_build(
    in_project: Path, clean: tuple[Path, dict[str, bytes]], capsys: pytest.CaptureFixture[str]
) -> None:
    """A double-quoted string whose line ends in a backslash joins the next line with
    no space: `BRK-\\` then `C01` publishes BRK-C01. It is pointed at the value."""
    line = replace(PART, 'reason: "Keeping other', 'reason: "As in BRK-\\\n    C01. Keeping other')
    message = expected(PART, line, 11, "BRK-C01", "this inspection")
    assert_stops(in_project, clean[1], message, capsys)


@pytest.mark.parametrize(("case_id", "drafts"), [("FEN-C01", True), ("KV-C01", False)])
def test_another_inspections_or_a_drafts_case_id_with_emphasis(
    in_project: Path,
    clean: tuple[Path, dict[str, bytes]],
    capsys: pytest.CaptureFixture[str],
    case_id: str,
    drafts: bool,
) -> None:
    """kestrel-vale-2026 is a draft, left out of a build without --drafts: its ids are
    still read from its case files and searched for."""
    first, rest = case_id.split("-")
    line = append(PART, f"Unlike *{first}*-_{rest}_, this was strong.")
    message = expected(PART, line, 9, case_id, "another inspection")
    assert main(["check"]) == 1
    assert capsys.readouterr().err.splitlines()[:-1] == [message]
    options = ["--drafts"] if drafts else []
    assert main(["build", *options, "--no-pdf"]) == 1
    assert capsys.readouterr().err.splitlines()[:-1] == [message]
    assert snapshot(in_project / "site") == clean[1]


def test_a_case_id_in_the_site_templates_is_found(
    in_project: Path, clean: tuple[Path, dict[str, bytes]], capsys: pytest.CaptureFixture[str]
) -> None:
    """Not only content is published: a template holding an id stops the build too."""
    template = in_project / "templates/site/accessibility.html"
    original = template.read_text(encoding="utf-8")
    assert original.endswith("\n")
    try:
        template.write_text(original + "<p>FEN&#8209;C01</p>\n", encoding="utf-8")
        line = len(original.splitlines()) + 1
        assert main(["build", "--drafts", "--no-pdf"]) == 1
        err = capsys.readouterr().err.splitlines()
        shown = template.relative_to(in_project)
        message = expected(shown, line, 4, "FEN-C01", "fenwold-2020")
        assert err[:-1] == [message], err
        assert snapshot(in_project / "site") == clean[1]
        assert main(["check"]) == 1
        assert capsys.readouterr().err.splitlines()[:-1] == [message]
    finally:
        template.write_text(original, encoding="utf-8")


def mkdocs_build(project: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--quiet"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def test_a_bare_mkdocs_build_stops_before_emptying_the_site(tmp_path: Path) -> None:
    """`mkdocs build` writes straight into site/: the rendered pages are searched
    before it empties the folder, so the previous site stays as it was."""
    project = copy_project(tmp_path / "bare")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "  - yjsreport:\n" in text
    config.write_text(text.replace("  - yjsreport:\n", "  - yjsreport:\n      pdf: false\n"))
    assert mkdocs_build(project).returncode == 0  # yesterday's site (PDFs are slow)
    yesterday = snapshot(project / "site")
    line = append(project / PART, "Seen in BRK\u2011C01, this was strong.")
    done = mkdocs_build(project)
    assert done.returncode != 0
    assert expected(PART, line, 9, "BRK-C01", "this inspection") in done.stderr, done.stderr
    assert snapshot(project / "site") == yesterday


def test_an_id_only_a_template_computes_is_found_in_the_written_site(tmp_path: Path) -> None:
    """A template can make an id no source holds; the written site is searched too, and
    a bare `mkdocs build` that wrote it leaves the site folder empty rather than
    publish it. The message names the published file, since no source line holds it."""
    project = copy_project(tmp_path / "computed")
    main_html = project / "templates/site/main.html"
    text = main_html.read_text(encoding="utf-8")
    main_html.write_text(text.replace("</footer>", '{{ "FEN" ~ "-C01" }}</footer>', 1))
    done = mkdocs_build(project)
    assert done.returncode != 0
    assert "case id 'FEN-C01' (a case in the samples of fenwold-2020) is published in" in (
        done.stderr
    )
    assert not [p for p in (project / "site").rglob("*") if p.is_file()]
    built = run_build(project, "--no-pdf")
    assert built.returncode == 1 and "is published in" in built.stderr
    assert not (project / "site").exists() or not any((project / "site").iterdir())


# The annual report: its chapters and annual.yaml are published too.
ANNUAL = Path("examples/annual")
ANNUAL_CONTENT = ANNUAL / "content"
YEAR = ANNUAL_CONTENT / "annual/2022"


@pytest.fixture(scope="module")
def annual_project(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, bytes]]:
    """The annual example in a scratch copy, built without PDFs, and its site's bytes."""
    built = built_annual_project(tmp_path_factory)  # shared with other modules
    project = own_copy(built, tmp_path_factory.mktemp("annual-ids"))
    return project, snapshot(project / ANNUAL / "site")


def annual_build(project: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "yjsreport",
            "build",
            "--no-pdf",
            "--config",
            f"{ANNUAL}/mkdocs.yml",
        ],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def annual_check(project: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "yjsreport", "--content", str(ANNUAL_CONTENT), "check"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


# Each puts an id of brindleholme-2018 into the annual report: (file, line, column).
AnnualPlanting = Callable[[Path], tuple[Path, int, int]]
ANNUAL_PLANTINGS: dict[str, AnnualPlanting] = {
    "chapter": lambda project: (
        YEAR / "chapters/01-overview.md",
        append(project / YEAR / "chapters/01-overview.md", "As in BRI-**C03**, plans were late."),
        7,
    ),
    "annual.yaml": lambda project: (
        YEAR / "annual.yaml",
        replace(
            project / YEAR / "annual.yaml",
            'title: "Annual report 2022: ',
            'title: "Annual report 2022 (BRI\\x2DC03): ',
        ),
        29,
    ),
}


@pytest.mark.parametrize("where", list(ANNUAL_PLANTINGS))
def test_a_case_id_in_the_annual_report_stops_check_and_build(
    annual_project: tuple[Path, dict[str, bytes]], where: str
) -> None:
    project, site = annual_project
    saved = {p: p.read_bytes() for p in (project / YEAR).rglob("*") if p.is_file()}
    try:
        path, line, column = ANNUAL_PLANTINGS[where](project)
        owners = "brindleholme-2018 and brindleholme-2022-reinspection"  # one service's ids
        message = expected(path, line, column, "BRI-C03", owners)
        checked = annual_check(project)
        assert checked.returncode == 1
        assert checked.stderr.splitlines()[:-1] == [message]
        built = annual_build(project)
        assert built.returncode == 1
        assert message in built.stderr.splitlines(), built.stderr
        assert snapshot(project / ANNUAL / "site") == site
    finally:
        for p, data in saved.items():
            p.write_bytes(data)


# The folding, on its own: any mix of disguises still reads as the id.
CF = ["\u200b", "\u200c", "\u200d", "\u2060", "\u00ad", "\u200e", "\u200f", "\ufeff"]
CF += ["\u034f", "\ufe0f", "\u180b", "\u2066", "\u2069"]  # other invisible characters
HYPHENS = ["-", "\u2010", "\u2011", "\u2012", "\u2013", "\u2212", "\ufe63", "\uff0d"]
LOOKALIKES = {  # Latin letter or digit: Cyrillic or Greek look-alikes
    "B": ["\u0412", "\u0392"],
    "K": ["\u041a", "\u039a", "\u212a"],
    "C": ["\u0421", "\u216d"],
    "O": ["\u041e", "\u039f", "0"],
    "0": ["\u041e", "O", "o"],
    "1": ["l", "I", "\u0406"],
    "R": [],
}


@st.composite
def disguised(draw: st.DrawFn, case_id: str) -> str:
    out = []
    for c in case_id:
        if c == "-":
            choice = draw(st.sampled_from(HYPHENS))
        else:
            forms = [c, c.lower(), chr(ord(c) + 0xFEE0), *LOOKALIKES.get(c, [])]
            choice = draw(st.sampled_from(forms))
        out.append(choice)
        out.extend(draw(st.lists(st.sampled_from(CF), max_size=2)))
    return "".join(out)


@given(st.data())
def test_any_mix_of_disguises_folds_back_to_the_id(data: st.DataObject) -> None:
    case_id = data.draw(st.sampled_from(["BRK-C01", "BRK-C10", "FEN-C11", "KV-C01"]))
    text = data.draw(disguised(case_id))
    index = IdIndex.of([case_id, "OTHER-C99"])
    finds = list(index.finds(fold(f"Seen in {text}, this was strong.")))
    assert [f.case_id for f in finds] == [case_id], (text, fold(text))
    # inside a longer word it is no find
    assert not list(index.finds(fold(f"x{text}"))), text


def test_markup_inside_a_word_does_not_split_it_but_a_cell_does() -> None:
    texts = markup_texts("<p>BRK-<strong>C01</strong></p><table><td>BRK</td><td>-C02</td>")
    lines = [line for text in texts for line in text.splitlines()]
    assert "BRK-C01" in lines and "BRK" in lines and "-C02" in lines


def test_a_workbooks_cells_are_read_as_a_reader_opens_them(tmp_path: Path) -> None:
    """A workbook is a zip: its cells are searched unzipped, so an id in a cell (here
    split by markup, as in any text cell) is found in the published file."""
    columns = (Column("question", "string", "An id."),)
    made = workbook("A table", dt.date(2022, 2, 15), "questions", columns, [("BRK-C01",)])
    path = tmp_path / "table.xlsx"
    path.write_bytes(made)
    assert b"BRK-C01" not in made  # compressed: a search of the raw bytes would miss it
    lines = [line for text in file_texts(path) for line in text.splitlines()]
    assert "BRK-C01" in lines


def write_pdf(path: Path, lines: list[str], title: str = "", alt: str = "") -> None:
    """A one-page PDF in a standard font, each line set below the last, with a document
    title and a tagged figure's alternative text: what a built PDF carries, made
    without WeasyPrint."""
    import pikepdf

    pdf = pikepdf.new()
    font = pdf.make_indirect(
        pikepdf.Dictionary(
            Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Helvetica
        )
    )
    shown = b"".join(
        b"BT /F1 11 Tf 72 %d Td (%s) Tj ET\n" % (700 - 14 * i, line.encode("latin-1"))
        for i, line in enumerate(lines)
    )
    page = pikepdf.Page(
        pikepdf.Dictionary(
            Type=pikepdf.Name.Page,
            MediaBox=[0, 0, 595, 842],
            Resources=pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font)),
            Contents=pdf.make_stream(shown),
        )
    )
    pdf.pages.append(page)
    if title:
        pdf.docinfo["/Title"] = title
    if alt:
        figure = pikepdf.Dictionary(Type=pikepdf.Name.StructElem, S=pikepdf.Name.Figure, Alt=alt)
        pdf.Root.StructTreeRoot = pdf.make_indirect(
            pikepdf.Dictionary(Type=pikepdf.Name.StructTreeRoot, K=pdf.make_indirect(figure))
        )
    pdf.save(path)


@pytest.mark.parametrize(
    ("extractor", "where", "lines", "title", "alt"),
    [
        ("pdftotext", "page text", ["Lead inspector: Imogen BRK-C01"], "", ""),
        ("pypdf", "page text", ["Lead inspector: Imogen BRK-C01"], "", ""),
        (
            "pdftotext",
            "a line break after the hyphen",
            ["Lead inspector: Imogen BRK-", "C01 and others"],
            "",
            "",
        ),
        ("pypdf", "the document title", ["Nothing here"], "Imogen BRK-C01", ""),
        ("pypdf", "a figure's alternative text", ["Nothing here"], "", "Chart of Imogen BRK-C01"),
    ],
)
def test_a_built_pdfs_own_text_is_searched(
    project: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    extractor: str,
    where: str,
    lines: list[str],
    title: str,
    alt: str,
) -> None:
    """The check of a built site reads each PDF's text from the PDF (not from the HTML
    it was made from), with poppler's pdftotext or, without it, pypdf, and points the
    find at the source line that wrote it."""
    if extractor == "pdftotext" and shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils is not installed")
    if extractor == "pypdf":
        monkeypatch.setattr(shutil, "which", lambda name: None)
    path = BRK / "inspection.yaml"
    line = replace(path, "lead_inspector: Imogen Thwaite", 'lead_inspector: "Imogen BRK\\x2DC01"')
    content = project / "content"
    reports = load_reports(content)
    site = tmp_path / "site"
    (site / "inspections").mkdir(parents=True)
    write_pdf(site / "inspections" / "report.pdf", lines, title, alt)
    found = check_site(site, content, None, project / "templates", reports, [])
    assert [(p.path.relative_to(project), p.line, p.column) for p in found] == [(path, line, 25)]
    write_pdf(site / "inspections" / "report.pdf", ["Lead inspector: Imogen Thwaite"])
    assert not check_site(site, content, None, project / "templates", reports, []), where


def test_a_file_named_pdf_that_no_reader_opens_is_read_as_text(tmp_path: Path) -> None:
    fake = tmp_path / "report.pdf"
    fake.write_text("Seen in BRK-C01", encoding="utf-8")
    assert any("BRK-C01" in piece for piece in file_texts(fake))


@pytest.mark.pdf
def test_a_build_with_pdfs_stops_before_writing_anything(
    in_project: Path, clean: tuple[Path, dict[str, bytes]], capsys: pytest.CaptureFixture[str]
) -> None:
    line = append(PART, "Seen in \uff22\uff32\uff2b-C01, this was strong.")
    assert main(["build", "--drafts"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[:-1] == [expected(PART, line, 9, "BRK-C01", "this inspection")], err
    assert snapshot(in_project / "site") == clean[1]


def test_a_drafts_ids_are_read_whatever_the_encoding_or_name_of_its_case_file(
    in_project: Path, clean: tuple[Path, dict[str, bytes]], capsys: pytest.CaptureFixture[str]
) -> None:
    """The draft's court cases saved as Windows-1252 under an upper-case name: loading
    it would refuse the file, but its ids are still kept out of the published reports."""
    cases = Path("content/inspections/kestrel-vale-2026/cases")
    text = (cases / "court.csv").read_text(encoding="utf-8")
    (cases / "court.csv").unlink()
    (cases / "COURT.CSV").write_bytes(text.replace("male,", "mal\u00e9,", 1).encode("cp1252"))
    line = append(PART, "Unlike KV-**C02**, this was strong.")
    message = expected(PART, line, 8, "KV-C02", "another inspection")
    assert main(["build", "--no-pdf"]) == 1
    assert capsys.readouterr().err.splitlines()[:-1] == [message]
    assert snapshot(in_project / "site") == clean[1]


def test_the_text_a_chart_draws_as_outlines_is_read() -> None:
    """An SVG may draw its text as glyph outlines (the annual charts did; an image
    placed in a chapter still may): the reader reads the glyphs back to characters,
    with the comments matplotlib writes beside them taken out."""
    import re

    import matplotlib.pyplot as plt

    from yjsreport.annual.charts import STYLE, _svg
    from yjsreport.site.reader_text import data_texts, drawn_texts

    with plt.rc_context({**STYLE, "svg.fonttype": "path"}):
        fig, axes = plt.subplots()
        axes.barh(["Imogen BRK-C01", "Other"], [3, 4])
        axes.set_title("Cases (Ünal)")
        svg = re.sub(r"<!--.*?-->", "<!-- -->", _svg(fig))
    drawn = drawn_texts(svg)
    assert "Imogen BRK-C01" in drawn and "Cases (Ünal)" in drawn, drawn
    assert IdIndex.of(["BRK-C01"]).ids_in("\n".join(data_texts(svg, ".svg"))) == {"BRK-C01"}


def _png(*chunks: tuple[bytes, bytes]) -> bytes:
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    head = chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0))
    body = b"".join(chunk(k, d) for k, d in chunks)
    return (
        b"\x89PNG\r\n\x1a\n"
        + head
        + body
        + chunk(b"IDAT", zlib.compress(b"\0\0"))
        + chunk(b"IEND", b"")
    )


@pytest.mark.parametrize(
    "image",
    [
        _png((b"tEXt", b"Comment\0Photo of BRK-C01")),
        _png((b"zTXt", b"Comment\0\0" + __import__("zlib").compress(b"Photo of BRK-C01"))),
        _png((b"iTXt", b"Comment\0\x01\0en\0\0" + __import__("zlib").compress(b"BRK-C01"))),
        b"\xff\xd8\xff\xfe\x00\x12Photo of BRK-C01\xff\xd9",  # a JPEG's comment
    ],
    ids=["png text", "png compressed text", "png international text", "jpeg comment"],
)
def test_the_text_an_image_carries_is_read(tmp_path: Path, image: bytes) -> None:
    """An image published with the site carries text for anyone who opens it."""
    path = tmp_path / "photo.png"
    path.write_bytes(image)
    assert IdIndex.of(["BRK-C01"]).ids_in("\n".join(file_texts(path))) == {"BRK-C01"}
