"""Reading a PDF's structure tree with pikepdf (and its text in structure order, as a
screen reader meets it): shared by the PDF tests of single
reports, of the annual report, and of how headings and notes are read."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

import pikepdf


def kids(element: pikepdf.Dictionary) -> list[object]:
    k = element.get("/K")
    if k is None:
        return []
    return list(k) if isinstance(k, pikepdf.Array) else [k]


def is_struct(obj: object) -> bool:
    return isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/StructElem"


def walk(element: pikepdf.Dictionary) -> Iterator[pikepdf.Dictionary]:
    yield element
    for kid in kids(element):
        if is_struct(kid):
            yield from walk(kid)


def struct_elements(pdf: pikepdf.Pdf) -> list[pikepdf.Dictionary]:
    return [e for top in kids(pdf.Root.StructTreeRoot) for e in walk(top)]


# -- links -------------------------------------------------------------------------


def link_annotations(pdf: pikepdf.Pdf) -> list[tuple[int, pikepdf.Dictionary]]:
    """Every link annotation, with the index of its page."""
    return [
        (index, annotation)
        for index, page in enumerate(pdf.pages)
        for annotation in page.get("/Annots", [])
        if annotation.get("/Subtype") == "/Link"
    ]


def objr_holders(pdf: pikepdf.Pdf) -> dict[tuple[int, int], list[pikepdf.Dictionary]]:
    """For each annotation held in the tree (by an OBJR), the elements holding it."""
    held: dict[tuple[int, int], list[pikepdf.Dictionary]] = {}
    for element in struct_elements(pdf):
        for kid in kids(element):
            if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/OBJR":
                held.setdefault(kid.Obj.objgen, []).append(element)
    return held


# -- text in structure order -------------------------------------------------------

INLINE = {"/Span", "/Link", "/Reference", "/NonStruct", "/Quote", "/Code", "/Em", "/Strong"}


def _cmap(font: pikepdf.Dictionary) -> tuple[int, dict[int, str]]:
    """A font's code width in bytes and its ToUnicode map (bfchar and bfrange)."""
    width = 2 if font.get("/Subtype") == "/Type0" else 1
    mapping: dict[int, str] = {}
    if "/ToUnicode" not in font:
        return width, mapping
    text = font.ToUnicode.read_bytes().decode("latin-1")

    def hexes(s: str) -> list[str]:
        return re.findall(r"<([0-9a-fA-F]*)>", s)

    def unicode(h: str) -> str:
        return bytes.fromhex(h).decode("utf-16-be")

    for block in re.findall(r"beginbfchar(.*?)endbfchar", text, re.S):
        pairs = hexes(block)
        for code, value in zip(pairs[::2], pairs[1::2], strict=True):
            mapping[int(code, 16)] = unicode(value)
    for block in re.findall(r"beginbfrange(.*?)endbfrange", text, re.S):
        for line in block.strip().splitlines():
            parts = hexes(line)
            start, end, first = int(parts[0], 16), int(parts[1], 16), parts[2:]
            if "[" in line:
                for offset, value in enumerate(first):
                    mapping[start + offset] = unicode(value)
            else:
                base = int(first[0], 16)
                for offset in range(end - start + 1):
                    mapping[start + offset] = chr(base + offset)
    return width, mapping


def _decode(data: bytes, font: tuple[int, dict[int, str]]) -> str:
    width, mapping = font
    codes = [int.from_bytes(data[i : i + width], "big") for i in range(0, len(data), width)]
    return "".join(mapping.get(code, "\ufffd") for code in codes)


def marked_text(pdf: pikepdf.Pdf) -> dict[tuple[int, int], list[tuple[str, float]]]:
    """The text drawn in each marked-content sequence, by (page, MCID), with the
    baseline height of each piece (device space), so that pieces on one line can be
    told from pieces on the next."""
    out: dict[tuple[int, int], list[tuple[str, float]]] = {}
    for index, page in enumerate(pdf.pages):
        fonts = {str(k): _cmap(v) for k, v in page.Resources.get("/Font", {}).items()}
        ctm = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0]
        stack: list[list[float]] = []
        marks: list[int | None] = []
        font: tuple[int, dict[int, str]] = (1, {})
        y = 0.0
        for instruction in pikepdf.parse_content_stream(page):
            op, args = str(instruction.operator), list(instruction.operands)
            if op == "q":
                stack.append(ctm[:])
            elif op == "Q":
                ctm = stack.pop()
            elif op == "cm":
                a, b, c, d, e, f = (float(x) for x in args)
                m = ctm
                ctm = [
                    a * m[0] + b * m[2],
                    a * m[1] + b * m[3],
                    c * m[0] + d * m[2],
                    c * m[1] + d * m[3],
                    e * m[0] + f * m[2] + m[4],
                    e * m[1] + f * m[3] + m[5],
                ]
            elif op == "BDC":
                props = args[1] if isinstance(args[1], pikepdf.Dictionary) else {}
                marks.append(int(props["/MCID"]) if "/MCID" in props else None)
            elif op == "BMC":
                marks.append(None)
            elif op == "EMC":
                marks.pop()
            elif op == "Tf":
                font = fonts.get(str(args[0]), (1, {}))
            elif op == "Tm":
                x0, y0 = float(args[4]), float(args[5])
                y = x0 * ctm[1] + y0 * ctm[3] + ctm[5]
            elif op in ("Tj", "TJ") and marks and marks[-1] is not None:
                parts = args[0] if op == "TJ" else [args[0]]
                text = "".join(
                    _decode(bytes(p), font) for p in parts if isinstance(p, pikepdf.String)
                )
                out.setdefault((index, marks[-1]), []).append((text, round(y, 1)))
    return out


def read_in_order(pdf: pikepdf.Pdf, skip: frozenset[str] | set[str] = frozenset()) -> str:
    """The document's text as a screen reader meets it: the structure tree in order,
    an element's /ActualText (or a figure's /Alt) in place of its content; pieces on
    one line joined as drawn, a new line or block starting a new word. Elements whose
    role is in `skip` are left out."""
    drawn = marked_text(pdf)
    page_index = {page.objgen: i for i, page in enumerate(pdf.pages)}
    pieces: list[tuple[str, object]] = []  # (text, line) ; line None: a break

    def visit(element: pikepdf.Dictionary, page: object) -> None:
        role = str(element.get("/S"))
        if role in skip:
            return
        page = element.get("/Pg", page)
        block = role not in INLINE
        if block:
            pieces.append(("", None))
        replacement = element.get("/ActualText") or (
            element.get("/Alt") if role == "/Figure" else None
        )
        if replacement is not None:
            pieces.append((str(replacement), ("replacement", len(pieces))))
        else:
            for kid in kids(element):
                if isinstance(kid, int):
                    key = (page_index[page.objgen], kid)
                    for text, y in drawn.get(key, []):
                        pieces.append((text, (key[0], y)))
                elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR":
                    key = (page_index[kid.get("/Pg", page).objgen], int(kid.MCID))
                    for text, y in drawn.get(key, []):
                        pieces.append((text, (key[0], y)))
                elif is_struct(kid):
                    visit(kid, page)
        if block:
            pieces.append(("", None))

    for top in kids(pdf.Root.StructTreeRoot):
        visit(top, None)
    words: list[str] = []
    line: tuple[int, float] | None = None
    for text, where in pieces:
        if where is None or (where[0] != "replacement" and not _same_line(line, where)):
            words.append(" ")
        words.append(text)
        if where is None or where[0] != "replacement":
            line = where  # type: ignore[assignment]
    return " ".join("".join(words).replace("\u200b", "").split())


LINE_TOLERANCE = 5.0  # points: a raised note call is on its line; the next line is not


def _same_line(a: tuple[int, float] | None, b: object) -> bool:
    return (
        a is not None
        and isinstance(b, tuple)
        and a[0] == b[0]
        and abs(a[1] - float(b[1])) < LINE_TOLERANCE
    )


# -- what ends each page -----------------------------------------------------------

HEADINGS = {"/H", "/H1", "/H2", "/H3", "/H4", "/H5", "/H6"}


def _owners(pdf: pikepdf.Pdf) -> dict[tuple[int, int], list[pikepdf.Dictionary]]:
    """For each marked-content sequence (page, MCID), its elements from the root down."""
    page_index = {page.objgen: i for i, page in enumerate(pdf.pages)}
    out: dict[tuple[int, int], list[pikepdf.Dictionary]] = {}

    def visit(element: pikepdf.Dictionary, page: object, chain: list[pikepdf.Dictionary]) -> None:
        page = element.get("/Pg", page)
        chain = [*chain, element]
        for kid in kids(element):
            if isinstance(kid, int):
                out[(page_index[page.objgen], kid)] = chain  # type: ignore[attr-defined]
            elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR":
                out[(page_index[kid.get("/Pg", page).objgen], int(kid.MCID))] = chain
            elif is_struct(kid):
                visit(kid, page, chain)

    for top in kids(pdf.Root.StructTreeRoot):
        visit(top, None, [])
    return out


def _heads(chain: list[pikepdf.Dictionary]) -> bool:
    """Whether text held by this chain of elements heads what follows it: a heading, or
    a caption with content after it (a table's or a chart's). A caption that ends its
    figure (a quotation's attribution) closes what it belongs to."""
    for parent, element in itertools.pairwise(chain):
        role = str(element.S)
        if role == "/Caption":
            structs = [k for k in kids(parent) if is_struct(k)]
            if structs and structs[-1].objgen != element.objgen:  # type: ignore[attr-defined]
                return True
        elif role in HEADINGS:
            return True
    return False


def page_ends(pdf: pikepdf.Pdf) -> list[tuple[str, str] | None]:
    """For each page, the lowest line of its tagged text, not counting notes (page
    furniture such as the page number is an artifact, never tagged): whether it heads
    what follows, as a heading or a leading caption does ('heading'), or not ('text'),
    and its words. None for a page
    with no tagged text."""
    drawn = marked_text(pdf)
    owners = _owners(pdf)
    ends: list[tuple[str, str] | None] = []
    for index in range(len(pdf.pages)):
        pieces = [
            (y, key, text)
            for key, placed in drawn.items()
            if key[0] == index and not any(str(e.S) == "/Note" for e in owners.get(key, []))
            for text, y in placed
            if text.strip()
        ]
        if not pieces:
            ends.append(None)
            continue
        lowest = min(y for y, _, _ in pieces)
        line = [(key, text) for y, key, text in pieces if y == lowest]
        kind = "heading" if any(_heads(owners.get(key, [])) for key, _ in line) else "text"
        ends.append((kind, " ".join("".join(t for _, t in line).split())))
    return ends
