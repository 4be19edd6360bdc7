"""Marked content for tagged PDF: every drawn thing is either an element's content or an
artifact. A :class:`Tagger` numbers the sequences per page (MCIDs) and records them on the
structure model's elements; :func:`artifact` marks page furniture and decoration.

Rules kept here: an MCID sequence never contains another one or an artifact (content inside a
sequence simply belongs to it), and every BDC is closed before the ``Q`` of the state it was
opened in, because each helper wraps one complete ``q … Q`` drawing call.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from reportlab.lib.utils import asNative
from reportlab.platypus import Flowable, ListFlowable, Paragraph, Table
from reportlab.platypus.flowables import LIIndenter

from guide.i18n import Catalogue, catalogue
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
        return not self.open  # content inside a sequence or an artifact belongs to it

    def begin(self, canv: Any, element: Element,
              rect: tuple[float, float, float, float] | None = None) -> None:
        page = canv.getPageNumber() - 1
        mcid = self.next_mcid.get(page, 0)
        self.next_mcid[page] = mcid + 1
        canv._code.append(f"/{element.text_type()} <</MCID {mcid}>> BDC")
        element.kids.append(Content(page, mcid))
        if rect is not None and element.bbox is None and element.type == "Figure":
            element.bbox = page_rect(canv, rect)
        self.open.append("mcid")

    def end(self, canv: Any, element: Element, annots_before: int) -> None:
        canv._code.append("EMC")
        self.open.pop()
        page = canv.getPageNumber() - 1
        refs = canv._annotationrefs
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

    def continues(self, element: Element, contents: str, page: int,
                  rect: tuple[float, ...]) -> Element | None:
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
        annotation = canv._doc.idToObject.get(getattr(ref, "name", ""))
        values = getattr(getattr(annotation, "dict", {}).get("Rect"), "sequence", None)
        return tuple(float(v) for v in values) if values else ()

    def describe(self, canv: Any, ref: Any) -> str:
        """What a link annotation does, for its /Contents ("Link to https://…")."""
        annotation = canv._doc.idToObject.get(getattr(ref, "name", ""))
        words = self.words
        if annotation is None:
            return words.text("link")
        action = getattr(annotation, "dict", {}).get("A") if hasattr(annotation, "dict") \
            else None
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
    return getattr(getattr(canv, "_doctemplate", None), "tagger", None)


def page_rect(canv: Any, rect: tuple[float, float, float, float]
              ) -> tuple[float, float, float, float]:
    """``rect`` (x0, y0, x1, y1 in the current user space) in page coordinates."""
    a, b, c, d, e, f = canv._currentMatrix
    xs, ys = [], []
    for x, y in ((rect[0], rect[1]), (rect[2], rect[3]), (rect[0], rect[3]), (rect[2], rect[1])):
        xs.append(a * x + c * y + e)
        ys.append(b * x + d * y + f)
    return (round(min(xs), 2), round(min(ys), 2), round(max(xs), 2), round(max(ys), 2))


@contextmanager
def marked(canv: Any, element: Element | None,
           rect: tuple[float, float, float, float] | None = None) -> Iterator[None]:
    """Mark what is drawn inside as content of ``element`` (no-op without a tagger, inside
    another sequence, or without an element)."""
    tagger = tagger_of(canv)
    if tagger is None or element is None or not tagger.can_begin():
        yield
        return
    before = len(canv._annotationrefs)
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
    canv._code.append(f"/Artifact{props} BDC")
    if tagger is not None:
        tagger.open.append("artifact")
    try:
        yield
    finally:
        canv._code.append("EMC")
        if tagger is not None:
            tagger.open.pop()


# --- flowables ------------------------------------------------------------------------------
# A tagged flowable is the same flowable with its class swapped for a subclass that adds the
# marking around ``drawOn``. Wrapping it in a container flowable instead would break
# reportlab's own isinstance checks (tables size Paragraph cells, lists look for ``blPara``).


class TagMixin:
    """Draws the flowable as marked content of ``_struct``; split pieces share the element."""

    _struct: Element | None = None
    _real_hyphens: frozenset[str] = frozenset()

    def drawOn(self, canv: Any, x: float, y: float, _sW: float = 0) -> None:
        guard_drawn(canv, self, x, y, _sW)
        if isinstance(self, Paragraph):
            fix_line_ends(self, self._real_hyphens)
        with marked(canv, self._struct):
            super().drawOn(canv, x, y, _sW)  # type: ignore[misc]

    def split(self, avail_width: float, avail_height: float) -> list[Any]:
        pieces = super().split(avail_width, avail_height)  # type: ignore[misc]
        for piece in pieces:
            if self._struct is not None:
                tag_content(piece, self._struct)
                piece._real_hyphens = self._real_hyphens
        return list(pieces)


class ArtifactMixin:
    """Draws the flowable as an artifact (decorative rules, the logo, the chapter eyebrow)."""

    def drawOn(self, canv: Any, x: float, y: float, _sW: float = 0) -> None:
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
        _SUBCLASSES[key] = type(f"{mixin.__name__.removesuffix('Mixin')}{cls.__name__}",
                                (mixin, cls), {})
    return _SUBCLASSES[key]


def tag_content(flowable: Flowable, element: Element) -> Flowable:
    flowable.__class__ = _subclass(TagMixin, type(flowable))
    flowable._struct = element
    if isinstance(flowable, Paragraph) and getattr(flowable, "text", None):
        flowable._real_hyphens = hyphenated_words(flowable.text)
    return flowable


def tag_artifact(flowable: Flowable) -> Flowable:
    flowable.__class__ = _subclass(ArtifactMixin, type(flowable))
    return flowable


class TaggedTable(Table):  # type: ignore[misc]
    """A table whose backgrounds and rules are artifacts; on the pages after the first, the
    repeated header row is an artifact too (its cells are tagged once, where they begin)."""

    _repeat_is_artifact = False

    def drawOn(self, canv: Any, x: float, y: float, _sW: float = 0) -> None:
        guard_drawn(canv, self, x, y, _sW)
        super().drawOn(canv, x, y, _sW)

    def split(self, avail_width: float, avail_height: float) -> list[Any]:
        pieces = super().split(avail_width, avail_height)
        for piece in pieces[1:]:
            piece._repeat_is_artifact = True
        return list(pieces)

    def _drawBkgrnd(self) -> None:
        with artifact(self.canv, "Layout"):
            super()._drawBkgrnd()

    def _drawLines(self) -> None:
        with artifact(self.canv, "Layout"):
            super()._drawLines()

    def _drawCell(self, cellval: Any, cellstyle: Any, pos: Any, size: Any) -> None:
        repeated = self._repeat_is_artifact and any(
            cellval is cell for row in self._cellvalues[: self.repeatRows] for cell in row)
        if repeated:
            with artifact(self.canv, "Pagination"):
                super()._drawCell(cellval, cellstyle, pos, size)
        else:
            super()._drawCell(cellval, cellstyle, pos, size)


def tag_table(table: Table) -> Table:
    table.__class__ = TaggedTable if type(table) is Table else _subclass(TaggedTable,
                                                                          type(table))
    return table


class TaggedLI(LIIndenter):  # type: ignore[misc]
    """A list item's flowable with its bullet or number drawn as the item's ``Lbl``."""

    def __init__(self, *args: Any, label: Element | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.__dict__["_label"] = label

    def split(self, avail_width: float, avail_height: float) -> list[Any]:
        pieces = super().split(avail_width, avail_height)
        out = []
        for piece in pieces:
            bullet = piece._bullet
            out.append(TaggedLI(piece._flowable, leftIndent=piece._leftIndent,
                                rightIndent=piece._rightIndent, bullet=bullet,
                                label=self.__dict__["_label"] if bullet else None))
        return out

    def drawOn(self, canv: Any, x: float, y: float, _sW: float = 0) -> None:
        if self._bullet:
            with marked(canv, self.__dict__.get("_label")):
                self._bullet.drawOn(self, canv, x, y, 0)
        self._flowable.drawOn(canv, x + self._leftIndent, y,
                              max(0, _sW - self._leftIndent - self._rightIndent))


TaggedLI._IndenterAttrs = [*LIIndenter._IndenterAttrs, "_label"]


class TaggedList(ListFlowable):  # type: ignore[misc]
    """A list whose items' first flowables know their item's ``Lbl`` element (``_label``)."""

    def _makeLIIndenter(self, flowable: Any, bullet: Any, params: Any = None) -> Any:
        made = super()._makeLIIndenter(flowable, bullet, params)
        label = getattr(flowable, "_label", None) if bullet else None
        return TaggedLI(made._flowable, leftIndent=made._leftIndent,
                        rightIndent=made._rightIndent, bullet=made._bullet,
                        spaceBefore=made.__dict__.get("spaceBefore"),
                        spaceAfter=made.__dict__.get("spaceAfter"), label=label)
