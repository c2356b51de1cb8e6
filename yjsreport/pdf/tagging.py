"""Repairs to the PDF structure tree that WeasyPrint 70 writes for PDF/UA-1.

WeasyPrint tags the PDF from the HTML, but builds the tree one page at a time and
leaves gaps that matter to someone using a screen reader (WeasyPrint issues #1836,
#2508, #2902/#2903). This module mends them in the PDF objects, through WeasyPrint's
public ``finisher`` hook, before the file is written:

* An element that crosses a page break comes out as one structure element per page
  (an article as 40 ``Art`` elements, a long table as several ``Table`` elements).
  Fragments of the same HTML element are merged back into one element.
* A table's header rows, repeated at the top of every page the table reaches, are
  tagged again on each page; the repeats become pagination artifacts, so the
  header cells are read once.
* Page-margin content (running header, page numbers, the DRAFT mark) is marked
  with MCIDs but hangs in no tree; it becomes ``/Artifact`` (pagination), as
  PDF/UA-1 requires. So does content marked ``aria-hidden="true"`` in the HTML
  (the decorative rating shapes, whose rating is always in words beside them), and
  the dotted leaders of the contents page.
* Header cells carry no ``/Scope`` and row-group headers are treated as column
  headers; every ``TH`` gets a ``/Scope`` from its HTML ``scope`` and every ``TD``
  gets ``/Headers`` computed from the HTML table.
* A footnote is moved from the page foot in the tree to just after the paragraph,
  heading, list or table that holds its reference, tagged ``Note`` with a unique
  ``/ID``; its reference mark becomes a ``Reference`` and its number a ``Lbl``. So a
  note is never read inside a heading or a table header cell. A heading or header
  cell that holds a mark gets an ``/ActualText`` of its words alone, so a screen
  reader's list of headings and the cells it labels read "Population information",
  not "Population information 3": the note, with its number, follows straight after.
  Every call gets the replacement text " Note 13" (as the web page's
  ``aria-label``; the space keeps it apart from the word or figure it follows), so
  "£2,242,456" and its call are not read, or copied, as "£2,242,45613". A note cited
  again (``sup.note-again``, its number with no note) is a ``Reference`` read the
  same way.
* WeasyPrint gives a link annotation to every inline box inside a link: each
  ``<wbr>`` of a printed address adds two of no width, held by the ``<wbr>``'s
  elements rather than the Link. Only the link's own box on each line keeps its
  annotation, so a link has one per line, each held by its Link element.
* Elements with no content (boxes that draw nothing are tagged too) are removed.
* The contents page is tagged ``TOC`` / ``TOCI``; each entry's title is a
  ``Reference`` holding its one link. Every link annotation is described (``/Contents``)
  by its text, so a screen reader announces the section's name, not an anchor id.
* The cover's facts (an HTML ``dl``) become one list item per fact, its label a
  ``Lbl`` and its value the ``LBody``, instead of separate items for each.
* The PDF opens with its bookmarks shown (``/PageMode /UseOutlines``).

To know which HTML element each structure element came from, WeasyPrint's private
tree builder is wrapped for the duration of one ``write_pdf`` call (``recording``);
it also notes the number laid out in each note call's box (its text boxes), which the
replacement text names. That is the one coupling to WeasyPrint internals; the tests
check the result in the written PDF, so a WeasyPrint upgrade that changes them fails
the tests loudly.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import pydyf
from weasyprint.pdf import tags as wp_tags

_PATCH_LOCK = threading.Lock()

ROW_GROUPS = ("/THead", "/TBody", "/TFoot")
# Elements whose text names them to a screen reader: headings and header cells.
NAMED = ("/H", "/H1", "/H2", "/H3", "/H4", "/H5", "/H6", "/TH")
# Format characters that steer line breaking and draw nothing.
INVISIBLE = dict.fromkeys(map(ord, "\u200b\u2060\u00ad"))
# Elements that hold blocks in reading order: a note is placed among their children.
FLOW = ("/Document", "/Part", "/Art", "/Sect", "/Div", "/NonStruct", "/BlockQuote", "/LBody")


@dataclass(frozen=True)
class Origin:
    """The HTML element (and box tag, e.g. 'span::footnote-call') behind a structure element."""

    element: Any
    tag: str
    leader: bool = False  # a leader() box: dots drawn to fill a line
    text: str = ""  # a note call's printed number, as laid out


def _ref_number(ref: Any) -> int | None:
    """The object number of an indirect reference written by pydyf (b'12 0 R')."""
    if isinstance(ref, bytes) and ref.endswith(b" R"):
        return int(ref.split()[0])
    return None


def _scope(element: Any) -> str | None:
    scope = (element.get("scope") or "").lower()
    if scope in ("col", "colgroup"):
        return "/Column"
    if scope in ("row", "rowgroup"):
        return "/Row"
    return None


@dataclass
class TagRepair:
    """One use per PDF: wrap the rendering in `recording()`, pass `finish` as finisher."""

    html: Any  # the parsed HTML's root element (weasyprint.HTML.etree_element)
    origins: dict[int, tuple[Any, Origin]] = field(default_factory=dict)
    notes: int = 0

    def __post_init__(self) -> None:
        self.parents: dict[int, Any] = {
            id(child): parent for parent in self.html.iter() for child in parent
        }

    # -- recording -----------------------------------------------------------------

    @contextmanager
    def recording(self) -> Iterator[None]:
        """Record, for every structure element WeasyPrint builds, its HTML element."""
        original = wp_tags._build_box_tree
        origins = self.origins

        def recorder(box: Any, *args: Any) -> Iterator[Any]:
            source = getattr(box, "_box", box)  # absolutely positioned placeholders
            for element in original(box, *args):
                # The innermost call builds the element; outer calls only pass it on.
                tag = source.element_tag or ""
                text = _box_text(source) if tag.endswith("::footnote-call") else ""
                origin = Origin(source.element, tag, source.is_leader, text)
                origins.setdefault(id(element), (element, origin))
                yield element

        with _PATCH_LOCK:
            wp_tags._build_box_tree = recorder
            try:
                yield
            finally:
                wp_tags._build_box_tree = original

    # -- finishing -----------------------------------------------------------------

    def finish(self, document: Any, pdf: pydyf.PDF) -> None:
        """Mend the structure tree of `pdf` in place (WeasyPrint's finisher hook)."""
        if "StructTreeRoot" not in pdf.catalog:
            return
        if not self.origins:
            raise RuntimeError(
                "no structure elements were recorded: render inside TagRepair.recording()"
            )
        self.pdf = pdf
        self.origin: dict[int, Origin] = {
            struct.number: origin for struct, origin in self.origins.values()
        }
        self.replaced: dict[int, int] = {}
        self.hidden: set[int] = set()
        root = self._obj(pdf.catalog["StructTreeRoot"])
        top = self._obj(root["K"][0])

        self._move_footnotes(top)
        self._repair(top)
        self._tag_footnotes(top)
        self._words_alone(top)
        self._tables(top)
        self._contents(top)
        self._facts(top)
        self._links(top)
        self._drop_empty(top)
        self._artifacts(top, root)
        pdf.catalog["PageMode"] = "/UseOutlines"

    # -- helpers -------------------------------------------------------------------

    def _obj(self, ref: Any) -> Any:
        number = _ref_number(ref)
        return None if number is None else self.pdf.objects[number]

    def _is_struct(self, ref: Any) -> bool:
        obj = self._obj(ref)
        return isinstance(obj, pydyf.Dictionary) and obj.get("Type") == "/StructElem"

    def _kids(self, element: pydyf.Dictionary) -> list[pydyf.Dictionary]:
        return [self._obj(k) for k in element["K"] if self._is_struct(k)]

    def _walk(self, element: pydyf.Dictionary) -> Iterator[pydyf.Dictionary]:
        yield element
        for kid in self._kids(element):
            yield from self._walk(kid)

    def _source(self, element: pydyf.Dictionary) -> Origin | None:
        return self.origin.get(element.number)

    # -- footnotes -----------------------------------------------------------------

    def _move_footnotes(self, top: pydyf.Dictionary) -> None:
        """Put each footnote's body just after its call in the text."""
        parents: dict[int, pydyf.Dictionary] = {}
        calls: list[pydyf.Dictionary] = []
        bodies: dict[int, list[pydyf.Dictionary]] = {}
        for element in self._walk(top):
            for kid in self._kids(element):
                parents[kid.number] = element
            if self._note_part(element, parents) == "call":
                calls.append(element)
            elif self._note_part(element, parents) == "body":
                bodies.setdefault(id(self.origin[element.number].element), []).append(element)
        next_position: dict[int, int] = {}  # per block: where its next note goes
        for call in calls:
            found = bodies.get(id(self.origin[call.number].element), [])
            block, parent = call, parents[call.number]
            while parent["S"] not in FLOW and parent.number in parents:
                block, parent = parent, parents[parent.number]
            position = next_position.get(block.number, list(parent["K"]).index(block.reference) + 1)
            for body in found:
                old_parent = parents[body.number]
                old_parent["K"].remove(body.reference)
                body["P"] = parent.reference
                parent["K"].insert(position, body.reference)
                position += 1
            next_position[block.number] = position
        for element in list(self._walk(top)):  # footnote areas left empty
            for kid in self._kids(element):
                if not kid["K"] and kid["S"] == "/NonStruct":
                    element["K"].remove(kid.reference)

    def _note_part(
        self, element: pydyf.Dictionary, parents: dict[int, pydyf.Dictionary]
    ) -> str | None:
        """'call', 'marker' or 'body' for the parts of a footnote, 'again' for a note
        cited again (its number alone), else None."""
        source = self._source(element)
        if source is not None and source.element is not None and _is_again(source.element):
            parent = parents.get(element.number)
            inner = parent is not None and self._same_element(parent, element)
            return None if "::" in source.tag or inner else "again"
        if source is None or source.element is None or not _is_footnote(source.element):
            return None
        if source.tag.endswith("::footnote-call"):
            return "call"
        if source.tag.endswith("::footnote-marker"):
            return "marker"
        parent = parents.get(element.number)
        inner = parent is not None and self._same_element(parent, element)
        return None if "::" in source.tag or inner else "body"

    def _same_element(self, a: pydyf.Dictionary, b: pydyf.Dictionary) -> bool:
        sa, sb = self._source(a), self._source(b)
        return sa is not None and sb is not None and sa.element is sb.element

    def _tag_footnotes(self, top: pydyf.Dictionary) -> None:
        parents = {kid.number: e for e in self._walk(top) for kid in self._kids(e)}
        for element in self._walk(top):
            part = self._note_part(element, parents)
            if part == "call":
                element["S"] = "/Reference"
                number = self.origin[element.number].text.strip()
                if number:  # the call as a screen reader should say it, never as digits
                    element["ActualText"] = pydyf.String(f" Note {number}")
            elif part == "again":
                element["S"] = "/Reference"
                number = " ".join(_words(self.origin[element.number].element).split())
                element["ActualText"] = pydyf.String(f" Note {number}")
            elif part == "marker":
                element["S"] = "/Lbl"
            elif part == "body":
                self.notes += 1
                element["S"] = "/Note"
                element["ID"] = pydyf.String(f"note-{self.notes}")

    def _words_alone(self, top: pydyf.Dictionary) -> None:
        """A heading or header cell holding a note's mark is read as its words alone."""
        for element in self._walk(top):
            if element["S"] not in NAMED or element["S"] == "/Reference":
                continue
            source = self._source(element)
            marked = any(inner["S"] == "/Reference" for inner in self._walk(element))
            if not marked or source is None or source.element is None:
                continue
            words = " ".join(_words(source.element).split())
            if words:
                element["ActualText"] = pydyf.String(words)

    # -- merging fragments, dropping repeats and hidden content ---------------------

    def _repair(self, element: pydyf.Dictionary) -> None:
        kids: list[Any] = []
        seen_groups: set[int] = set()
        for ref in element["K"]:
            kid = self._obj(ref) if self._is_struct(ref) else None
            if kid is None:
                kids.append(ref)
                continue
            source = self._source(kid)
            if source is not None and (
                source.leader
                or (source.element is not None and source.element.get("aria-hidden") == "true")
            ):
                self.hidden.add(kid.number)
                kids.extend(self._objrs(kid))  # a link keeps its annotation
                continue
            if (
                source is not None
                and source.element is not None
                and element["S"] == "/Table"
                and kid["S"] in ("/THead", "/TFoot")
            ):
                if id(source.element) in seen_groups:
                    continue  # a header repeated on a later page
                seen_groups.add(id(source.element))
            previous = self._obj(kids[-1]) if kids and self._is_struct(kids[-1]) else None
            if previous is not None and self._same(previous, kid):
                self._merge(previous, kid)
                continue
            kids.append(ref)
        element["K"] = pydyf.Array(kids)
        for kid in self._kids(element):
            self._repair(kid)

    def _objrs(self, element: pydyf.Dictionary) -> list[Any]:
        """References to annotations (OBJR) anywhere inside an element."""
        found = []
        for inner in self._walk(element):
            for ref in inner["K"]:
                obj = self._obj(ref)
                if isinstance(obj, pydyf.Dictionary) and obj.get("Type") == "/OBJR":
                    found.append(ref)
        return found

    def _same(self, a: pydyf.Dictionary, b: pydyf.Dictionary) -> bool:
        sa, sb = self._source(a), self._source(b)
        return (
            sa is not None
            and sb is not None
            and sa.element is not None
            and sa.element is sb.element
            and sa.tag == sb.tag
            and a["S"] == b["S"]
        )

    def _merge(self, into: pydyf.Dictionary, fragment: pydyf.Dictionary) -> None:
        """Move a later page's fragment into the element it continues."""
        for ref in fragment["K"]:
            if isinstance(ref, int) and fragment.get("Pg") != into.get("Pg"):
                mcr = pydyf.Dictionary({"Type": "/MCR", "Pg": fragment["Pg"], "MCID": ref})
                self.pdf.add_object(mcr)
                into["K"].append(mcr.reference)
                continue
            kid = self._obj(ref) if self._is_struct(ref) else None
            if kid is not None:
                kid["P"] = into.reference
            into["K"].append(ref)
        self.replaced[fragment.number] = into.number
        fragment["K"] = pydyf.Array()

    def _reachable(self, top: pydyf.Dictionary) -> set[int]:
        return {element.number for element in self._walk(top)}

    # -- tables --------------------------------------------------------------------

    def _tables(self, top: pydyf.Dictionary) -> None:
        counter = 0
        for table in self._walk(top):
            if table["S"] != "/Table":
                continue
            cells: dict[int, pydyf.Dictionary] = {}  # id(HTML cell) -> struct element
            for group in self._kids(table):
                rows = self._kids(group) if group["S"] in ROW_GROUPS else [group]
                for row in rows:
                    for cell in self._kids(row):
                        source = self._source(cell)
                        if cell["S"] in ("/TH", "/TD") and source and source.element is not None:
                            cells.setdefault(id(source.element), cell)
            ids: dict[int, pydyf.String] = {}
            for key, cell in cells.items():
                if cell["S"] == "/TH":
                    counter += 1
                    ids[key] = pydyf.String(f"th-{counter}")
                    cell["ID"] = ids[key]
            for cell in cells.values():
                html_cell = self.origin[cell.number].element
                attributes = cell.setdefault("A", pydyf.Dictionary({"O": "/Table"}))
                if cell["S"] == "/TH":
                    attributes["Scope"] = _scope(html_cell) or self._auto_scope(html_cell)
                    attributes.pop("Headers", None)
                else:
                    headers = [ids[id(h)] for h in self._html_headers(html_cell) if id(h) in ids]
                    attributes["Headers"] = pydyf.Array(headers)

    # -- contents page and cover facts ------------------------------------------------

    def _html_class(self, element: pydyf.Dictionary) -> list[str]:
        source = self._source(element)
        if source is None or source.element is None:
            return []
        return (source.element.get("class") or "").split()

    def _html_tag(self, element: pydyf.Dictionary) -> str:
        source = self._source(element)
        return "" if source is None or source.element is None else str(source.element.tag)

    def _contents(self, top: pydyf.Dictionary) -> None:
        """The print contents list becomes TOC, its entries TOCI."""
        for element in list(self._walk(top)):
            source = self._source(element)
            if (
                element["S"] == "/L"
                and source is not None
                and source.element is not None
                and "print-contents" in (self._parent(source.element).get("class") or "")
            ):
                self._toc(element)

    def _toc(self, lst: pydyf.Dictionary) -> None:
        lst["S"] = "/TOC"
        for item in self._kids(lst):
            if item["S"] != "/LI":
                continue
            item["S"] = "/TOCI"
            for body in self._kids(item):
                if body["S"] != "/LBody":
                    continue
                body["S"] = "/Reference"
                for inner in self._kids(body):
                    if inner["S"] == "/L":  # a nested list: a TOC of its own in the entry
                        body["K"].remove(inner.reference)
                        inner["P"] = item.reference
                        item["K"].append(inner.reference)
                        self._toc(inner)

    def _facts(self, top: pydyf.Dictionary) -> None:
        """A definition list: one LI per label and value, the label its Lbl."""
        for lst in list(self._walk(top)):
            if lst["S"] != "/L" or self._html_tag(lst) != "dl":
                continue
            for group in self._kids(lst):
                parts = self._kids(group) if self._html_tag(group) == "div" else []
                if group["S"] != "/Div" or len(parts) != 2:
                    continue
                group["S"] = "/LI"
                for part, role in zip(parts, ("/Lbl", "/LBody"), strict=True):
                    part["S"] = role
                    for inner in self._kids(part):
                        if inner["S"] == "/LBody":
                            self._absorb(part, inner)

    def _absorb(self, parent: pydyf.Dictionary, child: pydyf.Dictionary) -> None:
        """Put `child`'s contents in its place in `parent`, dropping `child` itself."""
        kids: list[Any] = []
        for ref in child["K"]:
            if isinstance(ref, int) and child.get("Pg") != parent.get("Pg"):
                mcr = pydyf.Dictionary({"Type": "/MCR", "Pg": child["Pg"], "MCID": ref})
                self.pdf.add_object(mcr)
                ref = mcr.reference
            kid = self._obj(ref) if self._is_struct(ref) else None
            if kid is not None:
                kid["P"] = parent.reference
            kids.append(ref)
        at = list(parent["K"]).index(child.reference)
        parent["K"] = pydyf.Array([*parent["K"][:at], *kids, *parent["K"][at + 1 :]])
        self.replaced[child.number] = parent.number
        child["K"] = pydyf.Array()

    # -- links and empty elements -----------------------------------------------------

    def _links(self, top: pydyf.Dictionary) -> None:
        """One annotation per line of a link, held by its Link element.

        WeasyPrint gives a link annotation to every inline box inside a link, not only
        to the link's own box on each line: a ``<wbr>`` in a printed address (and the
        zero-width space WeasyPrint draws for it) adds two zero-width annotations,
        held by those boxes' elements rather than by the Link. The link's box on the
        line already covers them, so they are dropped, as is any annotation of no area.
        """
        dropped: set[int] = set()
        for link in self._walk(top):
            if link["S"] != "/Link":
                continue
            for inner in list(self._walk(link))[1:]:
                for ref in self._objrs_here(inner):
                    inner["K"].remove(ref)
                    dropped.add(self._obj(self._obj(ref)["Obj"]).number)
            held = self._objrs_here(link)
            empty = [ref for ref in held if _area(self._obj(self._obj(ref)["Obj"])) == 0]
            for ref in empty if len(empty) < len(held) else empty[1:]:
                link["K"].remove(ref)
                dropped.add(self._obj(self._obj(ref)["Obj"]).number)
        for page in (self._obj(ref) for ref in self.pdf.page_references):
            if "Annots" in page:
                kept = [ref for ref in page["Annots"] if _ref_number(ref) not in dropped]
                page["Annots"] = pydyf.Array(kept)
        for number in dropped:
            self.pdf.objects[number].clear()

    def _objrs_here(self, element: pydyf.Dictionary) -> list[Any]:
        """References to annotations (OBJR) among an element's own kids."""
        return [
            ref
            for ref in element["K"]
            if isinstance(self._obj(ref), pydyf.Dictionary)
            and self._obj(ref).get("Type") == "/OBJR"
        ]

    def _drop_empty(self, element: pydyf.Dictionary) -> bool:
        """Remove elements with no content, which a screen reader would stop at and
        announce with nothing in it (WeasyPrint tags boxes that draw nothing, about
        20 in each report); whether `element` is empty. A table cell or row stays,
        empty or not: it keeps the table's grid."""
        for kid in self._kids(element):
            if self._drop_empty(kid):
                element["K"].remove(kid.reference)
        return not element["K"] and element["S"] not in ("/TD", "/TH", "/TR", "/Document")

    # -- artifacts -----------------------------------------------------------------

    def _artifacts(self, top: pydyf.Dictionary, root: pydyf.Dictionary) -> None:
        """Content whose structure element is outside the tree becomes an artifact, and
        the parent tree is rebuilt to match the repaired tree."""
        reachable = self._reachable(top)
        parent_tree = self._obj(root["ParentTree"])
        pages = [self._obj(ref) for ref in self.pdf.page_references]
        nums = pydyf.Array()
        old = parent_tree["Nums"]
        for index in range(0, len(old), 2):
            key, value = old[index], old[index + 1]
            if not isinstance(value, pydyf.Array):
                continue  # an annotation's entry: rebuilt below
            orphans: dict[int, bool] = {}
            for mcid, ref in enumerate(value):
                number = self._final(_ref_number(ref))
                if number in reachable:
                    value[mcid] = self.pdf.objects[number].reference
                else:
                    orphans[mcid] = self._is_hidden(number)
                    value[mcid] = b"null"
            if orphans:
                self._mark_artifacts(pages[key], orphans)
            nums.extend((key, value))
        for annotation, element in self._link_parents(top):
            key = len(nums) // 2
            annotation["StructParent"] = key
            text = self._text(element)
            if text:
                annotation["Contents"] = pydyf.String(text)
            nums.extend((key, element.reference))
        parent_tree["Nums"] = nums
        root["ParentTreeNextKey"] = len(nums) // 2
        for struct, _ in self.origins.values():
            if struct.number not in reachable:
                struct.clear()  # unreachable: leave an empty object, not a stray element

    def _link_parents(self, top: pydyf.Dictionary) -> list[tuple[Any, pydyf.Dictionary]]:
        """Each link annotation's one structure parent: the outermost Link holding it.

        WeasyPrint puts the same annotation in every nested box of a link (the link,
        its ::after, a leader inside it); an annotation must have a single parent.
        """
        parents: dict[int, tuple[Any, pydyf.Dictionary]] = {}
        for element in self._walk(top):
            for ref in list(element["K"]):
                objr = self._obj(ref)
                if not (isinstance(objr, pydyf.Dictionary) and objr.get("Type") == "/OBJR"):
                    continue
                annotation = self._obj(objr["Obj"])
                if annotation.number in parents:
                    element["K"].remove(ref)
                else:
                    parents[annotation.number] = (annotation, element)
        for page in (self._obj(ref) for ref in self.pdf.page_references):
            for ref in page.get("Annots", ()):
                annotation = self._obj(ref)
                if "StructParent" in annotation and annotation.number not in parents:
                    raise RuntimeError(f"annotation {ref!r} has no structure element")
        return list(parents.values())

    def _text(self, element: pydyf.Dictionary) -> str:
        """The HTML text of a structure element, spaces collapsed and without the
        invisible break controls of a printed address (word joiners, zero-width
        spaces), which a link's description would otherwise carry."""
        source = self._source(element)
        if source is None or source.element is None:
            return ""
        text = "".join(source.element.itertext()).translate(INVISIBLE)
        return " ".join(text.split())

    def _final(self, number: int | None) -> int | None:
        while number in self.replaced:
            number = self.replaced[number]
        return number

    def _is_hidden(self, number: int | None) -> bool:
        """Whether the element (or an ancestor) was dropped for aria-hidden."""
        element = self.pdf.objects[number] if number is not None else None
        while element is not None and isinstance(element, pydyf.Dictionary):
            if element.number in self.hidden:
                return True
            element = self._obj(element.get("P"))
        return False

    # -- HTML tables -----------------------------------------------------------------

    def _parent(self, element: Any) -> Any:
        return self.parents.get(id(element))

    def _auto_scope(self, cell: Any) -> str:
        """HTML's 'auto' scope: a header in a table head labels its column, else its row."""
        group = self._parent(self._parent(cell))
        return "/Column" if group is not None and group.tag == "thead" else "/Row"

    def _html_headers(self, cell: Any) -> list[Any]:
        """A data cell's header cells, from the HTML table: row group, row, column."""
        row = self._parent(cell)
        group = self._parent(row)
        table = self._parent(group) if group.tag in ("thead", "tbody", "tfoot") else group
        column = _column_of(self, cell)
        headers: list[Any] = []
        for other in group.iter("th"):
            if other.get("scope") == "rowgroup" and self._parent(other) is not row:
                headers.append(other)
        for other in row:
            if other.tag == "th" and (_scope(other) or self._auto_scope(other)) == "/Row":
                headers.append(other)
        for head in table.iter("thead"):
            for head_row in head.iter("tr"):
                for other in head_row:
                    if other.tag == "th":
                        start = _column_of(self, other)
                        if start <= column < start + int(other.get("colspan") or 1):
                            headers.append(other)
        return headers

    def _mark_artifacts(self, page: pydyf.Dictionary, orphans: dict[int, bool]) -> None:
        stream = self._obj(page["Contents"])
        ops = stream.stream
        out: list[Any] = []
        found: set[int] = set()
        i = 0
        while i < len(ops):
            op = ops[i]
            if (
                isinstance(op, pydyf.Dictionary)
                and op.get("MCID") in orphans
                and i + 1 < len(ops)
                and ops[i + 1] == b"BDC"
                and out
                and isinstance(out[-1], str)
            ):
                mcid = op["MCID"]
                found.add(mcid)
                out[-1] = "/Artifact"
                if orphans[mcid]:  # decorative: no artifact type
                    out.append(b"BMC")
                else:
                    out.append(pydyf.Dictionary({"Type": "/Pagination"}))
                    out.append(b"BDC")
                i += 2
                continue
            out.append(op)
            i += 1
        missing = set(orphans) - found
        if missing:
            raise RuntimeError(f"marked content {sorted(missing)} not found in page stream")
        stream.stream = out


def _box_text(box: Any) -> str:
    """The text laid out in a box and its descendants."""
    if hasattr(box, "text"):
        return str(box.text)
    return "".join(_box_text(child) for child in getattr(box, "children", ()))


def _area(annotation: pydyf.Dictionary) -> float:
    x1, y1, x2, y2 = (float(v) for v in annotation["Rect"])
    return abs(x2 - x1) * abs(y2 - y1)


def _is_footnote(element: Any) -> bool:
    return "footnote" in (element.get("class") or "").split()


def _is_again(element: Any) -> bool:
    """A note cited again: its number, with no note of its own (prose/notes.py)."""
    return "note-again" in (element.get("class") or "").split()


def _words(element: Any) -> str:
    """An HTML element's text without its notes or content hidden from readers."""
    parts = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str) and not (
            _is_footnote(child) or _is_again(child) or child.get("aria-hidden") == "true"
        ):
            parts.append(_words(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _column_of(repair: TagRepair, cell: Any) -> int:
    column = 0
    for other in repair._parent(cell):
        if other is cell:
            return column
        if other.tag in ("th", "td"):
            column += int(other.get("colspan") or 1)
    return column
