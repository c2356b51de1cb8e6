"""Reading a PDF's structure tree with pikepdf: shared by the PDF tests of single
reports, of the annual report, and of how headings and notes are read."""

from __future__ import annotations

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
