"""Write the structure tree of a tagged PDF (PDF/UA-1) into reportlab's document before saving.
Takes the canvas after layout and the :class:`~guide.render.tagged.model.StructTree` the tagger
filled; adds StructTreeRoot, ParentTree, RoleMap, IDTree, ``/MarkInfo`` and ``/Tabs``."""

# StructTreeRoot holds Document → elements in reading order; the ParentTree maps each page's
# ``/StructParents`` to its MCIDs' elements and each link annotation's ``/StructParent`` to its
# Link element; the IDTree lists the Notes' unique ``/ID``; each link annotation gets ``/Contents``.
#
# Everything is a reportlab ``pdfdoc`` object, formatted when the canvas saves: the PDF is written
# once and never parsed again.

from __future__ import annotations

from collections import OrderedDict
from typing import Any

from reportlab.pdfbase.pdfdoc import (
    Annotation,
    PDFArray,
    PDFDictionary,
    PDFName,
    PDFString,
)

from guide.render.adapter import pdf_document, tagged_page
from guide.render.tagged.model import ROLE_MAP, AnnotRef, Content, Element, StructTree

# Which attribute owner (/O) each attribute belongs to (PDF 32000-1, 14.8.5).
OWNERS = {"Scope": "Table", "ListNumbering": "List", "Placement": "Layout", "BBox": "Layout"}


def _dict(**entries: Any) -> Any:
    return PDFDictionary(entries)


class _Builder:
    def __init__(self, doc: Any) -> None:
        self.doc = doc
        self.page_objects = list(doc.Pages.pages)
        self.pages = [doc.Reference(page) for page in self.page_objects]
        self.page_mcids: dict[int, dict[int, Any]] = {}
        self.annot_keys: list[tuple[int, Any]] = []
        self.next_key = len(self.pages)
        self.ids: list[tuple[str, Any]] = []  # (element identifier, its element) for IDTree

    def element(self, element: Element, parent: Any) -> Any:
        obj = _dict(Type=PDFName("StructElem"), S=PDFName(element.type), P=parent)
        ref = self.doc.Reference(obj)
        first_page = next(
            (k.page for k in element.kids if isinstance(k, (Content, AnnotRef))), None
        )
        if first_page is not None:
            obj["Pg"] = self.pages[first_page]
        if element.alt:
            obj["Alt"] = PDFString(element.alt)
        if element.lang:
            obj["Lang"] = PDFString(element.lang)
        if element.type == "Note":  # PDF/UA-1 7.9: every Note has a unique /ID
            identifier = f"note-{len(self.ids) + 1:04d}"
            obj["ID"] = PDFString(identifier)
            self.ids.append((identifier, ref))
        attributes = self.attributes(element)
        if attributes is not None:
            obj["A"] = attributes
        kids: list[Any] = []
        for kid in element.kids:
            if isinstance(kid, Element):
                kids.append(self.element(kid, ref))
            elif isinstance(kid, Content):
                kids.append(self.content(kid, first_page, ref))
            else:
                kids.append(self.annotation(kid, ref))
        if kids:
            obj["K"] = kids[0] if len(kids) == 1 else PDFArray(kids)
        return ref

    def content(self, kid: Content, element_page: int | None, ref: Any) -> Any:
        self.page_mcids.setdefault(kid.page, {})[kid.mcid] = ref
        if kid.page == element_page:
            return kid.mcid
        return _dict(Type=PDFName("MCR"), Pg=self.pages[kid.page], MCID=kid.mcid)

    def annotation(self, kid: AnnotRef, ref: Any) -> Any:
        annot_ref = self.page_objects[kid.page].Annots[kid.index]
        annot = self.doc.idToObject[annot_ref.name]
        key = self.next_key
        self.next_key += 1
        if isinstance(annot, Annotation):  # reportlab's LinkAnnotation: an internal link
            annot.Contents = kid.contents
            annot.otherkw["StructParent"] = key
            annot.permitted = (*annot.permitted, "StructParent")
        else:  # a plain dictionary (canvas.linkURL)
            annot["Contents"] = PDFString(kid.contents)
            annot["StructParent"] = key
        self.annot_keys.append((key, ref))
        return _dict(Type=PDFName("OBJR"), Pg=self.pages[kid.page], Obj=annot_ref)

    def attributes(self, element: Element) -> Any:
        values: dict[str, Any] = dict(element.attributes)
        if element.bbox is not None:
            values["BBox"] = element.bbox
        by_owner: dict[str, Any] = {}
        for key, value in values.items():
            owner = OWNERS.get(key, "Layout")
            # In the order given (reportlab sorts the keys of a plain dict): /O first.
            attrs = by_owner.setdefault(owner, PDFDictionary(OrderedDict(O=PDFName(owner))))
            if isinstance(value, tuple):
                attrs[key] = PDFArray([float(v) for v in value])
            else:
                attrs[key] = PDFName(str(value))
        if not by_owner:
            return None
        found = list(by_owner.values())
        return found[0] if len(found) == 1 else PDFArray(found)

    def parent_tree(self) -> Any:
        nums: list[Any] = []
        for page in sorted(self.page_mcids):
            mcids = self.page_mcids[page]
            array = PDFArray([mcids[m] for m in range(max(mcids) + 1)])
            nums += [page, self.doc.Reference(array)]
        for key, ref in self.annot_keys:
            nums += [key, ref]
        return _dict(Nums=PDFArray(nums))


def write_structure(canv: Any, tree: StructTree) -> None:
    """Add the structure tree and everything a tagged PDF declares with it to the canvas's
    document (after the last page is made, before it is saved)."""
    doc = pdf_document(canv)
    if len(doc.Pages.pages) != tree.pages:
        raise RuntimeError(f"{len(doc.Pages.pages)} pages made, {tree.pages} tagged")
    builder = _Builder(doc)
    root = _dict(Type=PDFName("StructTreeRoot"))
    root_ref = doc.Reference(root)
    root["K"] = PDFArray([builder.element(tree.root, root_ref)])
    root["ParentTree"] = doc.Reference(builder.parent_tree())
    root["ParentTreeNextKey"] = builder.next_key
    if builder.ids:  # the name tree from identifiers to elements (sorted: zero-padded)
        names: list[Any] = []
        for identifier, ref in sorted(builder.ids, key=lambda item: item[0]):
            names += [PDFString(identifier), ref]
        root["IDTree"] = _dict(Names=PDFArray(names))
    root["RoleMap"] = PDFDictionary(
        {custom: PDFName(standard) for custom, standard in ROLE_MAP.items()}
    )
    catalog = doc.Catalog
    catalog.StructTreeRoot = root_ref
    catalog.MarkInfo = _dict(Marked="true")
    for index, page in enumerate(builder.page_objects):
        tagged_page(page)
        page.Tabs = PDFName("S")
        if index in builder.page_mcids:
            page.StructParents = index
