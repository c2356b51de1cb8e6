"""What a screen reader meets in every PDF the examples build, read from the written
files' structure trees (veraPDF cannot be installed here; these are the PDF/UA-1
checks it would make that matter most to someone listening):

* every link annotation is held by its Link element, through an OBJR, and points
  back to it with /StructParent; one annotation per line of a link, none of no area;
* every note call has replacement text ("Note 13"), so a figure before it is read
  whole ("£2,242,456", not "£2,242,45613");
* no structure element is empty;
* a page with a standard's rating, a table and its notes is read in order.

The PDFs (the example inspections, drafts included, the data annexes published beside
them, the annual example's inspections and its annual report) are written once per
session.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import lxml.html
import pikepdf
import pytest

from tests.conftest import TEMPLATES
from tests.example_pdfs import AnnualPdf, ReportPdfs
from tests.pdf_tree import (
    kids,
    link_annotations,
    objr_holders,
    page_ends,
    read_in_order,
    struct_elements,
)
from yjsreport.pdf.document import print_annex_html, print_html

pytestmark = pytest.mark.pdf

NUMBER = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")
NOTE_CALL = re.compile(r"^ Note (\d+)$")
# Generated in print, not in the HTML: contents page numbers, list and note labels.
GENERATED = {"/TOC", "/Lbl"}


@dataclass(frozen=True)
class Written:
    name: str
    path: Path
    html: str  # the print HTML it was made from


@pytest.fixture(scope="session")
def every_pdf(
    content_pdfs: ReportPdfs,
    annual_example_pdfs: ReportPdfs,
    annual_pdfs: dict[Path, list[AnnualPdf]],
) -> list[Written]:
    out: list[Written] = []
    for built in (content_pdfs, annual_example_pdfs):
        for slug, r in built.reports.items():
            out.append(Written(slug, built.pdfs[slug], print_html(r, TEMPLATES)))
        for slug, path in built.annexes.items():  # the data annex a format publishes
            out.append(Written(path.stem, path, print_annex_html(built.reports[slug], TEMPLATES)))
    for made in annual_pdfs.values():
        out += [Written(f"annual-{a.annual.year}", a.path, a.html) for a in made]
    assert any(w.name.startswith("annual-") for w in out), "no annual report in the examples"
    assert any(w.name.endswith("-data-annex") for w in out), "no data annex in the examples"
    return out


def opened(every_pdf: list[Written]) -> Iterator[tuple[Written, pikepdf.Pdf]]:
    for written in every_pdf:
        with pikepdf.open(written.path) as pdf:
            yield written, pdf


def _area(annotation: pikepdf.Dictionary) -> float:
    x1, y1, x2, y2 = (float(v) for v in annotation.Rect)
    return abs(x2 - x1) * abs(y2 - y1)


def test_every_link_annotation_is_held_by_its_link_element(every_pdf: list[Written]) -> None:
    problems: list[str] = []
    for written, pdf in opened(every_pdf):
        holders = objr_holders(pdf)
        nums = list(pdf.Root.StructTreeRoot.ParentTree.Nums)
        parent_of = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
        annotations = link_annotations(pdf)
        assert annotations, f"{written.name}: no link at all"
        on_pages = {a.objgen for _, a in annotations}
        for index, annotation in annotations:
            where = f"{written.name} page {index + 1} {[float(v) for v in annotation.Rect]}"
            held = holders.get(annotation.objgen, [])
            if [str(e.S) for e in held] != ["/Link"]:
                problems.append(f"{where}: held by {[str(e.S) for e in held]}, not one Link")
                continue
            key = annotation.get("/StructParent")
            if key is None or parent_of.get(int(key)) is None:
                problems.append(f"{where}: no /StructParent in the parent tree")
            elif parent_of[int(key)].objgen != held[0].objgen:
                problems.append(f"{where}: /StructParent names another element")
            if _area(annotation) == 0:
                problems.append(f"{where}: an annotation of no area")
            if set(str(annotation.get("/Contents", ""))) & set("\u200b\u2060\u00ad"):
                problems.append(f"{where}: its description holds invisible break controls")
        for objgen, elements in holders.items():
            if objgen not in on_pages:
                problems.append(f"{written.name}: an OBJR in {elements[0].S} names no annotation")
        for link in (e for e in struct_elements(pdf) if str(e.S) == "/Link"):
            objrs = [k for k in kids(link) if isinstance(k, pikepdf.Dictionary) and "/Obj" in k]
            if not objrs:
                problems.append(f"{written.name}: a Link element with no annotation")
    assert problems == [], f"{len(problems)} problems, first: {problems[:5]}"


def test_one_annotation_per_line_of_a_link(every_pdf: list[Written]) -> None:
    """A link's annotations never overlap on a page: one for each line it is set on."""
    problems: list[str] = []
    for written, pdf in opened(every_pdf):
        for link in (e for e in struct_elements(pdf) if str(e.S) == "/Link"):
            rects: dict[tuple[int, int], list[tuple[float, float]]] = {}
            for kid in kids(link):
                if isinstance(kid, pikepdf.Dictionary) and "/Obj" in kid:
                    y1, y2 = sorted(float(v) for v in kid.Obj.Rect[1::2])
                    rects.setdefault(kid.Pg.objgen, []).append((y1, y2))
            for lines in rects.values():
                lines.sort()
                for (_, top), (bottom, _) in itertools.pairwise(lines):
                    if bottom < top - 0.5:
                        problems.append(f"{written.name}: two annotations on one line of a link")
    assert problems == [], problems[:5]


def test_every_note_call_is_read_as_a_note(every_pdf: list[Written]) -> None:
    """Each call's replacement text names its note, and the calls number the notes
    the PDF holds, in order, a note cited again by the number it was given; a call is
    never left to be read as digits."""
    notes_seen = again_seen = 0
    for written, pdf in opened(every_pdf):
        elements = struct_elements(pdf)
        calls = [e for e in elements if str(e.S) == "/Reference" and str(e.P.get("/S")) != "/TOCI"]
        notes = [e for e in elements if str(e.S) == "/Note"]
        numbers = []
        for call in calls:
            match = NOTE_CALL.match(str(call.get("/ActualText", "")))
            assert match, f"{written.name}: a note call reads {call.get('/ActualText')!r}"
            number = int(match[1])
            assert number <= max(numbers, default=0) + 1, (written.name, number)
            numbers.append(number)
        first = [n for i, n in enumerate(numbers) if n not in numbers[:i]]
        assert first == list(range(1, len(notes) + 1)), written.name
        again = written.html.count('class="note-again"')
        assert len(calls) == written.html.count('class="footnote"') + again, written.name
        notes_seen += len(notes)
        again_seen += again
    assert notes_seen, "no PDF of the examples has a note"
    assert again_seen, "no PDF of the examples cites a note again"


def _html_numbers(html: str) -> set[str]:
    """Every number the print HTML holds, in its text or in a text alternative."""
    doc = lxml.html.fromstring(html)
    found: set[str] = set()
    for text in doc.itertext():
        found |= set(NUMBER.findall(text))
    for element in doc.iter():
        for attribute in ("alt", "aria-label"):
            found |= set(NUMBER.findall(element.get(attribute) or ""))
    return found


def test_text_in_structure_order_reads_every_figure_whole(every_pdf: list[Written]) -> None:
    """Read as a screen reader reads it (the tree in order, replacement text in place),
    every number in a PDF is one the report holds: a note call run into a figure
    ("£2,242,45613") would make a number the report never printed."""
    problems: list[str] = []
    for written, pdf in opened(every_pdf):
        text = re.sub(r"\bNote \d+\b", "", read_in_order(pdf, skip=GENERATED))
        allowed = _html_numbers(written.html)
        for match in NUMBER.finditer(text):
            if match[0] not in allowed:
                around = text[max(0, match.start() - 40) : match.end() + 10]
                problems.append(f"{written.name}: {match[0]!r} in …{around}…")
    assert problems == [], f"{len(problems)} numbers misread, first: {problems[:5]}"


def test_no_structure_element_is_empty(every_pdf: list[Written]) -> None:
    """An element with no content (a table cell aside, which keeps the grid) is a
    stop a screen reader announces with nothing in it."""
    for written, pdf in opened(every_pdf):
        empty = [
            str(e.S)
            for e in struct_elements(pdf)
            if not kids(e) and str(e.S) not in ("/TD", "/TH", "/TR")
        ]
        assert empty == [], (written.name, empty)


def test_a_page_with_a_rating_a_table_and_notes_is_read_in_order(
    every_pdf: list[Written],
) -> None:
    """Brackenmoor's standard 1.1: its heading, statement and rating, then the budget
    table, its caption with the note call of the source its figures share, and its
    figures, then the note, then the text that follows; the print shows the note at the
    page foot, the reader hears it after the table."""
    written = next(w for w in every_pdf if w.name == "brackenmoor-2022")
    with pikepdf.open(written.path) as pdf:
        text = read_in_order(pdf)
    call = re.search(r"Budget Note (\d+) ", text)
    assert call, "the budget table's caption is not read whole with its note call"
    note = int(call[1])
    expected = [
        "1.1. Governance and leadership The governance and leadership of the YOT",
        "Rating: Good",
        f"Budget Note {note} Measure Figure",
        "Total spend in the previous financial year £2,242,456 ",
        "Total projected budget for the current financial year £2,365,837 ",
        f"{note}. Data supplied by the service.",
        "Our judgement on governance and leadership",
    ]
    assert f"{note + 1}. Data supplied by the service." not in text  # once, not per row
    at = [text.find(part) for part in expected]
    assert -1 not in at, [p for p, i in zip(expected, at, strict=True) if i < 0]
    assert at == sorted(at), "read out of order"


def stranded_ends(pdf: pikepdf.Pdf) -> list[str]:
    """The pages (after the cover, before the last) whose lowest line of tagged text, notes
    left aside, is a heading or caption, or a sentence that leads into what follows
    (':'). Read from the structure tree, not from type sizes: the annual report's tables
    are set at the notes' size."""
    out = []
    ends = page_ends(pdf)
    for number, end in enumerate(ends[:-1], start=1):
        if number == 1 or end is None:
            continue
        kind, text = end
        if kind == "heading" or text.rstrip().endswith(":"):
            out.append(f"page {number}: {text}")
    return out


def test_no_page_ends_with_a_heading_or_a_lead_in(every_pdf: list[Written]) -> None:
    """Every PDF the examples build, the annual report's included: no page ends with a
    heading, a caption or a lead-in."""
    stranded = [f"{w.name} {where}" for w, pdf in opened(every_pdf) for where in stranded_ends(pdf)]
    assert stranded == []


def test_a_heading_at_the_foot_of_a_page_is_found(tmp_path: Path) -> None:
    """The page-end reader finds a heading pushed to the foot of a page, and a lead-in,
    but not a quotation's attribution, a caption that ends its figure."""
    import weasyprint

    filler = "<p style='height: 225mm; margin: 0'>Filler.</p>"
    html = (
        "<html lang='en'><style>@page { size: A4; margin: 20mm }</style><body>"
        f"<p>Cover</p><p style='break-after: page'>.</p>{filler}<h2>Stranded heading</h2>"
        f"<p style='break-before: page'>Text.</p>{filler}<p>A list follows:</p>"
        f"<p style='break-before: page'>Text.</p>{filler}<figure style='margin: 0'>"
        "<blockquote style='margin: 0'>Words.</blockquote><figcaption>— a child</figcaption>"
        "</figure><p style='break-before: page'>The end.</p></body></html>"
    )
    path = tmp_path / "stranded.pdf"
    weasyprint.HTML(string=html).write_pdf(path, pdf_tags=True)
    with pikepdf.open(path) as pdf:
        assert stranded_ends(pdf) == ["page 2: Stranded heading", "page 3: A list follows:"]
