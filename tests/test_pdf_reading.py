"""The print PDF as a screen reader meets it: a heading holding a note's mark is read
as its words alone, and a second PDF/UA checker runs every one of its rules.

Each example's PDF is written once; the tests read the written file with pikepdf.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import lxml.html
import pikepdf
import pytest

from tests.conftest import TEMPLATES
from tests.example_pdfs import ReportPdfs
from tests.pdf_tree import is_struct, kids, struct_elements, walk
from yjsreport.pdf.document import print_html
from yjsreport.project import Report

pytestmark = pytest.mark.pdf

NAMED = {"/H1", "/H2", "/H3", "/H4", "/H5", "/H6", "/TH"}


@dataclass(frozen=True)
class Written:
    report: Report
    path: Path


@pytest.fixture(scope="module")
def written(content_pdfs: ReportPdfs) -> dict[str, Written]:
    return {
        slug: Written(report, content_pdfs.pdfs[slug])
        for slug, report in sorted(content_pdfs.reports.items())
    }


def _marked(pdf: pikepdf.Pdf) -> list[pikepdf.Dictionary]:
    """Headings and header cells that hold a note's reference mark."""
    return [
        e
        for e in struct_elements(pdf)
        if str(e.S) in NAMED and any(str(i.S) == "/Reference" for i in list(walk(e))[1:])
    ]


def _print_names(report: Report) -> set[str]:
    """The words of every heading and header cell in the print HTML, notes left out."""
    doc = lxml.html.fromstring(print_html(report, TEMPLATES))
    for note in doc.xpath("//*[@class='footnote' or @class='note-again']"):
        note.drop_tree()
    return {
        " ".join(e.text_content().split())
        for e in doc.iter("h1", "h2", "h3", "h4", "h5", "h6", "th")
    }


@pytest.mark.parametrize("slug", ["brackenmoor-2022", "fenwold-2020", "kestrel-vale-2026"])
def test_a_heading_with_a_note_mark_is_read_as_its_words(
    written: dict[str, Written], slug: str
) -> None:
    if slug not in written:
        pytest.skip(f"{slug} is not in the example content")
    names = _print_names(written[slug].report)
    with pikepdf.open(written[slug].path) as pdf:
        marked = _marked(pdf)
        first: dict[str, object] = {}  # each note's first call; a later one cites it again
        for e in struct_elements(pdf):
            if str(e.S) == "/Reference" and "/ActualText" in e:
                first.setdefault(str(e.ActualText), e.objgen)
        for element in marked:
            assert "/ActualText" in element, f"{element.S} holding a note mark has no ActualText"
            words = str(element.ActualText)
            assert words in names, f"{words!r} is not a heading's words"
            assert not re.search(r"\d$", words), f"{words!r} ends with its note's number"
            # The mark stays in the tree, tagged, and its note follows the heading.
            parent = element.P
            siblings = [k for k in kids(parent) if is_struct(k)]
            after = siblings[[s.objgen for s in siblings].index(element.objgen) + 1 :]
            calls = [i for i in list(walk(element))[1:] if str(i.S) == "/Reference"]
            if any(first.get(str(c.get("/ActualText"))) == c.objgen for c in calls):
                assert any(str(s.S) == "/Note" for s in after), f"no Note after {words!r}"
        unmarked = [
            e
            for e in struct_elements(pdf)
            if str(e.S) in NAMED
            and "/ActualText" in e
            and e.objgen not in {m.objgen for m in marked}
        ]
        assert unmarked == [], "ActualText on a heading without a note mark"
    if slug == "brackenmoor-2022":  # its contextual facts cite their sources in headings
        assert marked, "no heading in the Brackenmoor PDF holds a note mark"


def _patched_as_integer(original):  # type: ignore[no-untyped-def]
    """pdfua 0.1.3 asks a pikepdf object for ``is_integer`` through getattr, which
    pikepdf 10 answers for an Array with ValueError rather than AttributeError; the
    empty-heading rule then stops at the first heading whose /K is an array (all of
    WeasyPrint's) and reports itself skipped. An array is no integer."""

    def as_integer(value: object) -> int | None:
        if isinstance(value, pikepdf.Array | pikepdf.Dictionary):
            return None
        return original(value)

    return as_integer


def test_every_rule_of_the_pdfua_checker_runs_and_passes(
    written: dict[str, Written], monkeypatch: pytest.MonkeyPatch
) -> None:
    """No heading in our structure tree is empty: UA-14-001 was skipped only because
    of the pdfua bug above, so with it mended every rule runs, on every example."""
    pdfua = pytest.importorskip("pdfua")
    from pdfua.rules import structure

    monkeypatch.setattr(structure, "as_integer", _patched_as_integer(structure.as_integer))
    for slug, item in written.items():
        report = pdfua.validate(str(item.path))
        assert not report.findings, (slug, [f.describe() for f in report.findings])
        assert [o.rule_id for o in report.skipped] == [], (slug, report.skipped)
        assert "UA-14-001" in {o.rule_id for o in report.outcomes}


def test_the_empty_heading_rule_finds_an_emptied_heading(
    written: dict[str, Written], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The mended rule is not silent: a heading stripped of its content is reported."""
    pdfua = pytest.importorskip("pdfua")
    from pdfua.rules import structure

    monkeypatch.setattr(structure, "as_integer", _patched_as_integer(structure.as_integer))
    source = next(iter(written.values())).path
    with pikepdf.open(source) as pdf:
        heading = next(e for e in struct_elements(pdf) if str(e.S) in NAMED - {"/TH"})
        heading.K = pikepdf.Array()
        pdf.save(tmp_path / "emptied.pdf")
    report = pdfua.validate(str(tmp_path / "emptied.pdf"))
    assert "UA-14-001" in {f.rule_id for f in report.findings}
