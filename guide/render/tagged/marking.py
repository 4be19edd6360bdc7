"""Marked content for tagged PDF: every drawn thing is either an element's content or an artifact. A
:class:`Tagger` numbers the sequences per page (MCIDs) and records them on the structure model's
elements; :func:`artifact` marks page furniture and decoration."""

# Rules kept here: an MCID sequence never contains another one or an artifact (content inside a
# sequence simply belongs to it), and every BDC is closed before the ``Q`` of the state it was
# opened in, because each helper wraps one complete ``q … Q`` drawing call.

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from typing import Any

from reportlab.lib.utils import asNative
from reportlab.platypus import Flowable, Paragraph, Table

from guide.i18n import Catalogue, catalogue
from guide.render.adapter import (
    DecoratedTable,
    LabelledIndenter,
    LabelledList,
    annotation_refs,
    current_matrix,
    doc_template,
    emit,
    pdf_document,
    swap_class,
)
from guide.render.layout.frames import guard_drawn
from guide.render.tagged.model import AnnotRef, Content, Element, StructTree
from guide.render.text.lineends import fix_line_ends, hyphenated_words


class Tagger:
    """Per-page MCID counters and the state of the marked-content nesting."""

    def __init__(self) -> None:
        self.tree = StructTree()
        self.next_mcid: dict[int, int] = {}
        self.open: list[str] = []  # "mcid" or "artifact", innermost last
        self.link_titles: dict[str, str] = {}  # destination name → words ("Why …")
        self.words: Catalogue = catalogue("en-US")  # link descriptions, in the guide's language
        # The last link annotation: its element, /Contents, Link, page and rectangle. One link
        # broken over lines (or pages) gets an annotation per line, all under one Link.
        self.last_link: tuple[Element, str, Element, int, tuple[float, ...]] | None = None

    def can_begin(self) -> bool:
        """Whether a new marked-content sequence may begin here."""
        return not self.open  # content inside a sequence or an artifact belongs to it

    def begin(
        self, canv: Any, element: Element, rect: tuple[float, float, float, float] | None = None
    ) -> None:
        """Open a marked-content sequence for ``element`` on the current page."""
        page = canv.getPageNumber() - 1
        mcid = self.next_mcid.get(page, 0)
        self.next_mcid[page] = mcid + 1
        emit(canv, f"/{element.text_type()} <</MCID {mcid}>> BDC")
        element.kids.append(Content(page, mcid))
        if rect is not None and element.bbox is None and element.type == "Figure":
            element.bbox = page_rect(canv, rect)
        self.open.append("mcid")

    def end(self, canv: Any, element: Element, annots_before: int) -> None:
        """Close the sequence and tie the links made inside it to the element."""
        emit(canv, "EMC")
        self.open.pop()
        page = canv.getPageNumber() - 1
        refs = annotation_refs(canv)
        for index in range(annots_before, len(refs)):
            contents = self.describe(canv, refs[index])
            rect = self.rect(canv, refs[index])
            continued = self.continues(element, contents, page, rect)
            if element.type == "Link":
                link = element
            elif element.parent and element.parent.type == "Link":
                link = element.parent
            elif continued is not None:
                link = continued
            elif contents == self.words.text("go_to_footnote"):  # a note's number: Reference
                link = element.add("Reference").add("Link")
            else:
                link = element.add("Link")
            link.kids.append(AnnotRef(page, index, contents))
            self.last_link = (element, contents, link, page, rect)

    def continues(
        self, element: Element, contents: str, page: int, rect: tuple[float, ...]
    ) -> Element | None:
        """The Link that an annotation continues: the one just made in the same element, to
        the same place, on an earlier line (a lower one, or a later page)."""
        if self.last_link is None:
            return None
        last_element, last_contents, link, last_page, last_rect = self.last_link
        if last_element is not element or last_contents != contents or len(rect) != 4:
            return None
        lower = len(last_rect) == 4 and rect[3] <= last_rect[1] + 1
        return link if page > last_page or lower else None

    @staticmethod
    def rect(canv: Any, ref: Any) -> tuple[float, ...]:
        """An annotation's /Rect (x0, y0, x1, y1 on the page), or () when unknown."""
        annotation = pdf_document(canv).idToObject.get(getattr(ref, "name", ""))
        values = getattr(getattr(annotation, "dict", {}).get("Rect"), "sequence", None)
        if values is None:  # a link inside the document: a LinkAnnotation keeps it as .Rect
            values = getattr(annotation, "Rect", None)
        return tuple(float(v) for v in values) if values else ()

    def describe(self, canv: Any, ref: Any) -> str:
        """What a link annotation does, for its /Contents ("Link to https://…")."""
        annotation = pdf_document(canv).idToObject.get(getattr(ref, "name", ""))
        words = self.words
        if annotation is None:
            return words.text("link")
        action = getattr(annotation, "dict", {}).get("A") if hasattr(annotation, "dict") else None
        if action is not None:
            uri = action.dict.get("URI")
            text = asNative(getattr(uri, "s", uri) or "")
            if text.lower().startswith("tel:"):
                return words.text("call", number=text[4:])
            if text.lower().startswith("mailto:"):
                return words.text("email_to", address=text[7:])
            return words.text("link_to", url=text) if text else words.text("link")
        dest = getattr(getattr(annotation, "Destination", None), "name", "") or ""
        name = dest.removeprefix("Dest_") if isinstance(dest, str) else ""
        title = self.link_titles.get(name)
        if title:
            return words.text("go_to_section", title=title)
        if name.startswith("fn") or "-fn-" in name:
            return words.text("go_to_footnote")
        return words.text("go_to_page")


def tagger_of(canv: Any) -> Tagger | None:
    """The tagger of the document drawing on ``canv``, if any."""
    return getattr(doc_template(canv), "tagger", None)


def page_rect(
    canv: Any, rect: tuple[float, float, float, float]
) -> tuple[float, float, float, float]:
    """``rect`` (x0, y0, x1, y1 in the current user space) in page coordinates."""
    a, b, c, d, e, f = current_matrix(canv)
    xs, ys = [], []
    for x, y in ((rect[0], rect[1]), (rect[2], rect[3]), (rect[0], rect[3]), (rect[2], rect[1])):
        xs.append(a * x + c * y + e)
        ys.append(b * x + d * y + f)
    return (round(min(xs), 2), round(min(ys), 2), round(max(xs), 2), round(max(ys), 2))


@contextmanager
def marked(
    canv: Any, element: Element | None, rect: tuple[float, float, float, float] | None = None
) -> Iterator[None]:
    """Mark what is drawn inside as content of ``element`` (no-op without a tagger, inside
    another sequence, or without an element)."""
    tagger = tagger_of(canv)
    if tagger is None or element is None or not tagger.can_begin():
        yield
        return
    before = len(annotation_refs(canv))
    tagger.begin(canv, element, rect)
    try:
        yield
    finally:
        tagger.end(canv, element, before)


@contextmanager
def artifact(canv: Any, kind: str | None = None) -> Iterator[None]:
    """Mark what is drawn inside as an artifact (``/Artifact <</Type /Pagination>> BDC …``).

    For page furniture, decoration and watermarks; works with or without a tagger. Inside an
    element's content it adds nothing (an artifact must not sit inside tagged content).
    """
    tagger = tagger_of(canv)
    if tagger is not None and not tagger.can_begin():
        yield
        return
    props = f" <</Type /{kind}>>" if kind else ""
    emit(canv, f"/Artifact{props} BDC")
    if tagger is not None:
        tagger.open.append("artifact")
    try:
        yield
    finally:
        emit(canv, "EMC")
        if tagger is not None:
            tagger.open.pop()


# --- flowables ------------------------------------------------------------------------------
# A tagged flowable is the same flowable with its class swapped for a subclass that adds the
# marking around ``drawOn``. Wrapping it in a container flowable instead would break
# reportlab's own isinstance checks (tables size Paragraph cells, lists look for ``blPara``).


class TagMixin:
    """Draws the flowable as marked content of ``tag_element``; split pieces share the element."""

    tag_element: Element | None = None
    real_hyphens: frozenset[str] = frozenset()

    def drawOn(self, canv: Any, x: float, y: float, _sW: float = 0) -> None:
        """Draw the flowable as the element's content."""
        guard_drawn(canv, self, x, y, _sW)
        if isinstance(self, Paragraph):
            fix_line_ends(self, self.real_hyphens)
        with marked(canv, self.tag_element):
            super().drawOn(canv, x, y, _sW)  # type: ignore[misc]

    def split(self, avail_width: float, avail_height: float) -> list[Any]:
        """Split the flowable; every piece belongs to the same element."""
        pieces = super().split(avail_width, avail_height)  # type: ignore[misc]
        for piece in pieces:
            if self.tag_element is not None:
                tag_content(piece, self.tag_element)
                piece.real_hyphens = self.real_hyphens
        return list(pieces)


class ArtifactMixin:
    """Draws the flowable as an artifact (decorative rules, the logo, the chapter eyebrow)."""

    def drawOn(self, canv: Any, x: float, y: float, _sW: float = 0) -> None:
        """Draw the flowable as an artifact."""
        guard_drawn(canv, self, x, y, _sW)
        with artifact(canv, "Layout"):
            super().drawOn(canv, x, y, _sW)  # type: ignore[misc]


_SUBCLASSES: dict[tuple[type, type], type] = {}


def _subclass(mixin: type, cls: type) -> type:
    """``cls`` with ``mixin`` in front, made once per pair (a cache, not global behaviour)."""
    if issubclass(cls, mixin):
        return cls
    key = (mixin, cls)
    if key not in _SUBCLASSES:
        _SUBCLASSES[key] = type(
            f"{mixin.__name__.removesuffix('Mixin')}{cls.__name__}", (mixin, cls), {}
        )
    return _SUBCLASSES[key]


def tag_content(flowable: Flowable, element: Element) -> Flowable:
    """Make ``flowable`` draw as content of ``element``."""
    swap_class(flowable, _subclass(TagMixin, type(flowable)))
    flowable.tag_element = element
    if isinstance(flowable, Paragraph) and getattr(flowable, "text", None):
        flowable.real_hyphens = hyphenated_words(flowable.text)
    return flowable


def tag_artifact(flowable: Flowable) -> Flowable:
    """Make ``flowable`` draw as an artifact."""
    swap_class(flowable, _subclass(ArtifactMixin, type(flowable)))
    return flowable


class TaggedTable(DecoratedTable):
    """A table whose backgrounds and rules are artifacts; on the pages after the first, the
    repeated header row is an artifact too (its cells are tagged once, where they begin)."""

    repeat_is_artifact = False

    def drawOn(self, canv: Any, x: float, y: float, _sW: float = 0) -> None:
        """Check the table stays in its frame, then draw it."""
        guard_drawn(canv, self, x, y, _sW)
        super().drawOn(canv, x, y, _sW)

    def split(self, avail_width: float, avail_height: float) -> list[Any]:
        """Split the table; the header repeated on later pieces is an artifact. reportlab
        answers ``[self]`` when the table fits whole, but a table splitting inside its rows takes
        any answer of a nested table's split for none or two pieces (IndexError on a phone page
        with a quote inside a quote): there, "not here" is the answer that holds."""
        pieces = list(super().split(avail_width, avail_height))
        if len(pieces) == 1 and pieces[0] is self:
            return []
        for piece in pieces[1:]:
            piece.repeat_is_artifact = True
        return pieces

    def decoration(self) -> AbstractContextManager[None]:
        """Backgrounds and rules are layout artifacts."""
        return artifact(self.canv, "Layout")

    def around_cell(self, cell: Any) -> AbstractContextManager[None]:
        """A repeated header cell is a pagination artifact."""
        if self.repeat_is_artifact and any(cell is c for c in self.header_cells()):
            return artifact(self.canv, "Pagination")
        return nullcontext()


def tag_table(table: Table) -> Table:
    """Make ``table`` draw its decoration and repeated header as artifacts."""
    swap_class(table, TaggedTable if type(table) is Table else _subclass(TaggedTable, type(table)))
    return table


class TaggedLI(LabelledIndenter):
    """A list item's flowable with its bullet or number drawn as the item's ``Lbl``."""

    def around_bullet(self, canv: Any, label: Any) -> AbstractContextManager[None]:
        """The bullet or number is the item's label."""
        return marked(canv, label)


class TaggedList(LabelledList):
    """A list whose items' first flowables know their item's ``Lbl`` element (``list_label``)."""

    indenter = TaggedLI

    def label_of(self, flowable: Any) -> Any:
        """The label element the tree walker left on the item's first flowable."""
        return getattr(flowable, "list_label", None)
