"""Write the structure tree of a tagged PDF (PDF/UA-1) from the render stage's element tree.

Takes a :class:`pypdf.PdfWriter` holding the rendered pages and the
:class:`~guide.tags.StructTree` whose marked content the render stage wrote into them; adds
StructTreeRoot (Document → elements in reading order), the ParentTree (each page's
``/StructParents`` → its MCIDs' elements; each link annotation's ``/StructParent`` → its Link
element), the RoleMap, ``/MarkInfo``, ``/Tabs /S`` and the link annotations' ``/Contents``.
Works on the writer it is given: the PDF is parsed once, by :func:`guide.finish.finish_pdf`.
"""

from __future__ import annotations

from typing import Any, cast

from pypdf import PdfWriter
from pypdf.generic import (
    ArrayObject,
    BooleanObject,
    DictionaryObject,
    FloatObject,
    IndirectObject,
    NameObject,
    NumberObject,
    TextStringObject,
)

from guide.tags import ROLE_MAP, AnnotRef, Content, Element, StructTree

# Which attribute owner (/O) each attribute belongs to (PDF 32000-1, 14.8.5).
OWNERS = {"Scope": "Table", "ListNumbering": "List", "Placement": "Layout", "BBox": "Layout"}


def _name(value: str) -> NameObject:
    return NameObject("/" + value)


class _Builder:
    def __init__(self, writer: PdfWriter) -> None:
        self.writer = writer
        self.pages = [page.indirect_reference for page in writer.pages]
        self.page_mcids: dict[int, dict[int, IndirectObject]] = {}
        self.annot_keys: list[tuple[int, IndirectObject]] = []
        self.next_key = len(self.pages)

    def element(self, element: Element, parent: IndirectObject) -> IndirectObject:
        obj = DictionaryObject()
        ref = self.writer._add_object(obj)
        obj[NameObject("/Type")] = NameObject("/StructElem")
        obj[NameObject("/S")] = _name(element.type)
        obj[NameObject("/P")] = parent
        first_page = next((k.page for k in element.kids if isinstance(k, (Content, AnnotRef))),
                          None)
        if first_page is not None:
            obj[NameObject("/Pg")] = self.pages[first_page]
        if element.alt:
            obj[NameObject("/Alt")] = TextStringObject(element.alt)
        attributes = self.attributes(element)
        if attributes is not None:
            obj[NameObject("/A")] = attributes
        kids = ArrayObject()
        for kid in element.kids:
            if isinstance(kid, Element):
                kids.append(self.element(kid, ref))
            elif isinstance(kid, Content):
                kids.append(self.content(kid, first_page, ref))
            else:
                kids.append(self.annotation(kid, ref))
        if kids:
            obj[NameObject("/K")] = kids[0] if len(kids) == 1 else kids
        return ref

    def content(self, kid: Content, element_page: int | None,
                ref: IndirectObject) -> Any:
        self.page_mcids.setdefault(kid.page, {})[kid.mcid] = ref
        if kid.page == element_page:
            return NumberObject(kid.mcid)
        return DictionaryObject({
            NameObject("/Type"): NameObject("/MCR"),
            NameObject("/Pg"): self.pages[kid.page],
            NameObject("/MCID"): NumberObject(kid.mcid),
        })

    def annotation(self, kid: AnnotRef, ref: IndirectObject) -> DictionaryObject:
        page = self.writer.pages[kid.page]
        annots = cast(ArrayObject, page["/Annots"])
        annot_ref = annots[kid.index]
        annot = annot_ref.get_object()
        key = self.next_key
        self.next_key += 1
        annot[NameObject("/StructParent")] = NumberObject(key)
        annot[NameObject("/Contents")] = TextStringObject(kid.contents)
        self.annot_keys.append((key, ref))
        return DictionaryObject({
            NameObject("/Type"): NameObject("/OBJR"),
            NameObject("/Pg"): self.pages[kid.page],
            NameObject("/Obj"): annot_ref,
        })

    def attributes(self, element: Element) -> Any:
        values: dict[str, Any] = dict(element.attributes)
        if element.bbox is not None:
            values["BBox"] = element.bbox
        by_owner: dict[str, DictionaryObject] = {}
        for key, value in values.items():
            owner = OWNERS.get(key, "Layout")
            attrs = by_owner.setdefault(owner, DictionaryObject(
                {NameObject("/O"): _name(owner)}))
            if isinstance(value, tuple):
                attrs[_name(key)] = ArrayObject(FloatObject(v) for v in value)
            else:
                attrs[_name(key)] = _name(str(value))
        if not by_owner:
            return None
        found = list(by_owner.values())
        return found[0] if len(found) == 1 else ArrayObject(found)

    def parent_tree(self) -> DictionaryObject:
        nums = ArrayObject()
        for page in sorted(self.page_mcids):
            mcids = self.page_mcids[page]
            array = ArrayObject(mcids[m] for m in range(max(mcids) + 1))
            nums += [NumberObject(page), self.writer._add_object(array)]
        for key, ref in self.annot_keys:
            nums += [NumberObject(key), ref]
        return DictionaryObject({NameObject("/Nums"): nums})


def add_structure(writer: PdfWriter, tree: StructTree) -> None:
    """Add the structure tree and everything a tagged PDF declares with it to ``writer``."""
    builder = _Builder(writer)
    root = DictionaryObject({NameObject("/Type"): NameObject("/StructTreeRoot")})
    root_ref = writer._add_object(root)
    document = builder.element(tree.root, root_ref)
    root[NameObject("/K")] = ArrayObject([document])
    root[NameObject("/ParentTree")] = writer._add_object(builder.parent_tree())
    root[NameObject("/ParentTreeNextKey")] = NumberObject(builder.next_key)
    root[NameObject("/RoleMap")] = DictionaryObject(
        {_name(custom): _name(standard) for custom, standard in ROLE_MAP.items()})
    catalog = writer._root_object
    catalog[NameObject("/StructTreeRoot")] = root_ref
    catalog[NameObject("/MarkInfo")] = DictionaryObject(
        {NameObject("/Marked"): BooleanObject(True)})
    for index, page in enumerate(writer.pages):
        page[NameObject("/Tabs")] = NameObject("/S")
        if index in builder.page_mcids:
            page[NameObject("/StructParents")] = NumberObject(index)
