"""Read a tagged PDF's marked content and structure tree (pypdf). Holds no tests."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pypdf import PdfReader
from pypdf.generic import ContentStream, DictionaryObject, IndirectObject, PdfObject

TEXT_OPS = {b"Tj", b"TJ", b"'", b'"'}
PAINT_OPS = {b"S", b"s", b"f", b"F", b"f*", b"B", b"B*", b"b", b"b*", b"sh", b"Do", b"INLINE IMAGE"}


def raw(obj: object) -> Any:
    """``obj`` with its reference resolved, for walking the file's dictionaries: pypdf types
    every dictionary value as a bare PdfObject, so such a walk is untyped."""
    return obj.get_object() if isinstance(obj, PdfObject) else obj


def catalog(reader: PdfReader) -> Any:
    """The document catalog (the trailer's /Root)."""
    return raw(reader.trailer["/Root"])


def page_ids(reader: PdfReader) -> list[int]:
    """The object number of each page, in page order (to find a link's or an outline's page)."""
    ids = []
    for page in reader.pages:
        assert page.indirect_reference is not None
        ids.append(page.indirect_reference.idnum)
    return ids


@dataclass
class PageMarks:
    """What one page's content stream says about marked content."""

    mcids: list[int] = field(default_factory=list)
    loose: list[str] = field(default_factory=list)  # painting/text operators outside marks
    problems: list[str] = field(default_factory=list)  # unbalanced BDC/EMC, nested MCIDs


def page_marks(reader: PdfReader, page: Any) -> PageMarks:
    """Every operator that paints or shows text must sit inside an MCID sequence or an
    /Artifact; MCID sequences must not nest; BDC/EMC must balance. A form XObject's content
    counts as where its ``Do`` is."""
    out = PageMarks()
    stack: list[str] = []  # "mcid", "artifact" or "other"
    stream = ContentStream(page.get_contents(), reader)
    for operands, op in stream.operations:
        if op in (b"BDC", b"BMC"):
            tag = str(operands[0])
            props = operands[1] if op == b"BDC" and len(operands) > 1 else None
            if isinstance(props, IndirectObject):
                props = props.get_object()
            if tag == "/Artifact":
                stack.append("artifact")
            elif isinstance(props, DictionaryObject) and "/MCID" in props:
                if "mcid" in stack:
                    out.problems.append(f"MCID {props['/MCID']} nested in another")
                if "artifact" in stack:
                    out.problems.append(f"MCID {props['/MCID']} inside an artifact")
                stack.append("mcid")
                out.mcids.append(int(raw(props["/MCID"])))
            else:
                stack.append("other")
        elif op == b"EMC":
            if not stack:
                out.problems.append("EMC without BDC")
            else:
                stack.pop()
        elif (op in TEXT_OPS or op in PAINT_OPS) and not {"mcid", "artifact"} & set(stack):
            out.loose.append(op.decode("latin-1"))
    if stack:
        out.problems.append(f"{len(stack)} BDC never closed")
    return out


@dataclass
class Node:
    """One structure element: its type (without the slash), its dictionary and what it holds."""

    type: str
    obj: Any  # the element's dictionary (see raw)
    kids: list[Node] = field(default_factory=list)
    mcids: list[tuple[int, int]] = field(default_factory=list)  # (page index, mcid)
    annots: list[Any] = field(default_factory=list)  # annotation dictionaries
    # Marked content and child elements in the order of /K (what a reader reads, in order).
    content: list[Node | tuple[int, int]] = field(default_factory=list)


def structure(path: Path) -> tuple[PdfReader, Node]:
    """The structure tree below StructTreeRoot as :class:`Node` values, in reading order."""
    reader = PdfReader(str(path))
    pages = {idnum: index for index, idnum in enumerate(page_ids(reader))}
    root = raw(catalog(reader)["/StructTreeRoot"])

    def page_of(obj: Any, inherited: int) -> int:
        pg = obj.get("/Pg") if isinstance(obj, DictionaryObject) else None
        return pages[pg.idnum] if pg is not None else inherited

    def build(obj: DictionaryObject, inherited: int) -> Node:
        node = Node(str(obj.get("/S", "/StructTreeRoot"))[1:], obj)
        page = page_of(obj, inherited)
        kids = obj.get("/K")
        if kids is None:
            return node
        kids = kids.get_object()
        items = list(kids) if isinstance(kids, list) else [kids]
        for kid in items:
            kid_obj = kid.get_object() if isinstance(kid, IndirectObject) else kid
            if isinstance(kid_obj, int):
                node.mcids.append((page, int(kid_obj)))
                node.content.append(node.mcids[-1])
            elif isinstance(kid_obj, DictionaryObject) and kid_obj.get("/Type") == "/MCR":
                node.mcids.append((page_of(kid_obj, page), int(raw(kid_obj["/MCID"]))))
                node.content.append(node.mcids[-1])
            elif isinstance(kid_obj, DictionaryObject) and kid_obj.get("/Type") == "/OBJR":
                node.annots.append(raw(kid_obj["/Obj"]))
            elif isinstance(kid_obj, DictionaryObject):
                node.kids.append(build(kid_obj, page))
                node.content.append(node.kids[-1])
        return node

    return reader, build(root, -1)


def walk(node: Node) -> list[Node]:
    """``node`` and every element below it, depth first, in reading order."""
    out = [node]
    for kid in node.kids:
        out.extend(walk(kid))
    return out
