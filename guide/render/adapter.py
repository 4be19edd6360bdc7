"""The one door to reportlab's private names: underscore attributes, private hooks, class swaps."""

# Each access says what it relies on; tests/test_adapter.py checks each against the installed
# reportlab (pinned in pyproject.toml): when an upgrade fails one, fix it here and nowhere else.

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from typing import Any, ClassVar

from reportlab.pdfbase.pdfdoc import PDFPage
from reportlab.platypus import Frame, ListFlowable, Table
from reportlab.platypus import paragraph as _paragraph
from reportlab.platypus.flowables import LIIndenter
from reportlab.platypus.paragraph import _SHYStr, _SplitWordH, _SplitWordHY, _SplitWordLL, _wsc

# --- the canvas ------------------------------------------------------------------------------


def emit(canv: Any, operator: str) -> None:
    """Append a raw operator to the current page's content stream.

    Relies on ``Canvas._code``: the list of the page's operators, joined when the page ends."""
    canv._code.append(operator)


def annotation_refs(canv: Any) -> list[Any]:
    """The current page's annotation references, in the order they were made.

    Relies on ``Canvas._annotationrefs``: the list ``linkURL``/``linkRect`` append to."""
    refs: list[Any] = canv._annotationrefs
    return refs


def pdf_document(canv: Any) -> Any:
    """The canvas's ``PDFDocument`` (objects, catalog, pages) before it is saved.

    Relies on ``Canvas._doc``."""
    return canv._doc


def doc_template(canv: Any) -> Any | None:
    """The ``DocTemplate`` drawing on this canvas, or None outside platypus.

    Relies on ``BaseDocTemplate`` setting ``canv._doctemplate`` when it builds."""
    return getattr(canv, "_doctemplate", None)


def current_matrix(canv: Any) -> tuple[float, float, float, float, float, float]:
    """The current transformation matrix (a, b, c, d, e, f), user space → page space.

    Relies on ``Canvas._currentMatrix``, which ``transform``/``translate``/``saveState`` keep."""
    a, b, c, d, e, f = canv._currentMatrix
    return (a, b, c, d, e, f)


def embedded_font_name(canv: Any) -> str:
    """The font the canvas has selected, or the document's initial one when that is Helvetica.

    Relies on ``Canvas._fontname`` (current font) and ``Canvas._initialFontName``."""
    name: str = canv._fontname
    return name if name != "Helvetica" else getattr(canv, "_initialFontName", "Helvetica")


def set_document_id(doc: Any, ident: bytes) -> None:
    """Make the trailer's /ID exactly ``ident`` (bytes written as they are).

    Relies on ``PDFDocument.ID()`` returning ``self._ID`` unchanged when it is already set."""
    doc._ID = ident


def frame_bounds(frame: Frame) -> tuple[float, float, float, float]:
    """A frame's box (x0, y0, x1, y1) on the page, its padding included.

    Relies on ``Frame._x1``, ``_y1``, ``_x2`` and ``_y2``."""
    return (float(frame._x1), float(frame._y1), float(frame._x2), float(frame._y2))


# --- flowables -------------------------------------------------------------------------------


def swap_class(obj: Any, cls: type) -> None:
    """Give a live reportlab object a subclass of its class (adds behaviour, keeps its state).

    Relies on reportlab objects being plain Python objects without ``__slots__``."""
    if not issubclass(cls, type(obj)):
        raise TypeError(f"{cls.__name__} is not a subclass of {type(obj).__name__}")
    obj.__class__ = cls


def drawn_size(flowable: Any) -> tuple[float, float]:
    """The size a flowable will draw at, after ``wrap``.

    Relies on ``_width``/``_height`` where reportlab keeps them (tables) before the public
    ``width``/``height``."""
    width = getattr(flowable, "_width", None) or getattr(flowable, "width", 0) or 0
    height = getattr(flowable, "_height", None) or getattr(flowable, "height", 0) or 0
    return float(width), float(height)


def aligned_x(flowable: Any, x: float, spare: float) -> float:
    """Where ``drawOn`` puts a flowable's left edge after its ``hAlign``, ``spare`` points of
    width being left beside it (``drawOn``'s ``_sW``).

    Relies on ``Flowable._hAlignAdjust``."""
    return float(flowable._hAlignAdjust(x, spare))


def table_rows(table: Table) -> list[list[Any]]:
    """A table's rows of cells, as given (flowables or lists of flowables).

    Relies on ``Table._cellvalues``."""
    cells: list[list[Any]] = table._cellvalues
    return cells


def table_row_heights(table: Table) -> list[float]:
    """The heights of a wrapped table's rows: relies on ``Table._rowHeights``."""
    return [float(h) for h in table._rowHeights]


def table_column_widths(table: Table) -> list[Any]:
    """The column widths a table was made with: relies on ``Table._argW``."""
    return list(table._argW)


def list_entries(flow: ListFlowable) -> list[Any]:
    """A ``ListFlowable``'s items. Relies on ``ListFlowable._flowables``."""
    entries: list[Any] = flow._flowables
    return entries


def list_item_flowables(item: Any) -> list[Any]:
    """The flowables of one ``ListItem``. Relies on ``ListItem._flowables``."""
    content: list[Any] = item._flowables
    return content


# --- frames and layout (the float, scrap and layout-report code) ---


def frame_room(frame: Any) -> float:
    """Height still free in ``frame``: relies on ``Frame._y`` and ``Frame._y1p``."""
    return float(frame._y - frame._y1p)


def frame_width(frame: Any) -> float:
    """The width flowables get in ``frame``: relies on ``Frame._getAvailableWidth``."""
    return float(frame._getAvailableWidth())


def frame_height(frame: Any) -> float:
    """The whole usable height of ``frame``: relies on ``Frame._aH`` (set by ``_geom``)."""
    return float(frame._aH)


def frame_at_top(frame: Any) -> bool:
    """Whether nothing has been drawn in ``frame`` yet: relies on ``Frame._atTop``."""
    return bool(frame._atTop)


def frame_cursor(frame: Any) -> float:
    """The y where the next flowable's top goes: relies on ``Frame._y``."""
    return float(frame._y)


def frame_top(frame: Any) -> float:
    """The y of the top of ``frame``'s content area: relies on ``Frame._y2`` and
    ``Frame._topPadding``."""
    return float(frame._y2 - frame._topPadding)


def raise_frame_foot(frame: Any, amount: float) -> None:
    """End ``frame`` ``amount`` points higher on this page (lines carried over): relies on
    ``Frame._y1p`` being the floor ``add``/``split`` measure against, and on ``_reset``
    leaving it alone (:func:`restore_frame_foot` puts it back)."""
    if "_guide_foot" not in frame.__dict__:
        frame.__dict__["_guide_foot"] = frame._y1p
    frame._y1p = frame.__dict__["_guide_foot"] + amount


def restore_frame_foot(frame: Any) -> None:
    """Undo :func:`raise_frame_foot`: relies on ``Frame._y1p`` as above."""
    saved = frame.__dict__.pop("_guide_foot", None)
    if saved is not None:
        frame._y1p = saved


def doc_frame_height(canv: Any, default: float) -> float:
    """The current frame's usable height while a flowable wraps: relies on reportlab setting
    ``canv._doctemplate`` during ``build`` and on ``Frame._aH``."""
    frame = getattr(getattr(canv, "_doctemplate", None), "frame", None)
    return float(getattr(frame, "_aH", default))


def forget_postponed(flowable: Any) -> None:
    """Let a flowable move on once more: reportlab refuses one marked ``_postponed``."""
    if hasattr(flowable, "_postponed"):  # a list item's indenter keeps it on what it holds
        delattr(flowable, "_postponed")


def keep_together_height(flowable: Any) -> float:
    """The full height of a wrapped ``KeepTogether`` (its ``wrap`` answers a huge height to
    force a split): relies on ``KeepTogether._H``, set by ``wrap``."""
    return float(getattr(flowable, "_H", 0.0))


def keep_together_content(flowable: Any) -> list[Any]:
    """The flowables a ``KeepTogether`` holds: relies on ``KeepTogether._content``."""
    return list(flowable._content)


def is_split_head(para: Any) -> bool:
    """Whether a paragraph is a piece that reportlab split off with more lines to follow:
    relies on ``Paragraph.split`` marking its first piece ``_splitpara``."""
    return bool(getattr(para, "_splitpara", 0))


def list_item_content(flowable: Any) -> Any:
    """What a list item (reportlab's ``LIIndenter``) holds: relies on its ``_flowable``."""
    return getattr(flowable, "_flowable", None)


def table_cells(table: Any) -> list[Any]:
    """Every cell value of a ``Table``, row by row: relies on ``Table._cellvalues``."""
    return [cell for row in getattr(table, "_cellvalues", ()) for cell in row]


# --- paragraphs ------------------------------------------------------------------------------


def breaking_whitespace() -> str:
    """The characters ``Paragraph`` breaks lines at. Relies on ``paragraph._wsc``."""
    return str(_wsc)


def is_split_word(word: object) -> bool:
    """Whether a laid-out word is the first half of a word split across lines.

    Relies on ``paragraph._SplitWordH``: the str subclass reportlab uses for such halves."""
    return isinstance(word, _SplitWordH)


def is_hyphen_split_word(word: object) -> bool:
    """Whether a laid-out word is a first half that ends with an inserted hyphen.

    Relies on ``paragraph._SplitWordHY`` (a subclass of ``_SplitWordH``), and ``_SplitWordLL``:
    a hyphenated head that ``Paragraph.split`` left at the end of a piece."""
    return isinstance(word, (_SplitWordHY, _SplitWordLL))


def is_soft_hyphen_break(word: object) -> bool:
    """Whether a laid-out word is the first half of a word broken at a soft hyphen (U+00AD).

    Relies on ``paragraph._SHYStr``: the str subclass reportlab makes for such halves."""
    return isinstance(word, _SHYStr)


Pairs = Callable[[str], "list[tuple[str, str]] | None"]
_TAIL = "guide_address_tail"  # marks the rest of a broken address (``split`` may not know it)


@contextmanager
def uri_split_pairs(
    split: Pairs, rest: Pairs | None = None, last_resort: Pairs | None = None
) -> Iterator[None]:
    """While inside, ``Paragraph`` breaks addresses where ``split`` says (``rest``: a broken one's
    rest); with ``last_resort``, one that cannot break on a line holding words starts the next
    line, and at a line's start breaks where ``last_resort`` says. Relies on module functions
    ``paragraph._uri_split_pairs`` (pairs, longest head first), ``_hyphenateWord`` and
    ``_hyphenateFragWord`` (word or ``FW``, line width, room → head, tail; a wide tail returns)."""
    rl = _paragraph
    previous, word, frag = rl._uri_split_pairs, rl._hyphenateWord, rl._hyphenateFragWord

    mode = [split]  # what reportlab's _uri_split_pairs answers with: split, rest, last_resort

    def attempt(call: Callable[[], Any], pairs: Pairs) -> Any:
        mode[0] = pairs
        found, mode[0] = call(), split
        return found

    def hook(
        call: Callable[[], Any],
        item: Any,
        text: str,
        ww: float,
        new_width: float,
        max_width: float,
        wrap: Callable[[], list[Any]],
    ) -> Any:
        tail = getattr(item, _TAIL, False)
        found = attempt(call, rest if tail and rest else split)
        address = last_resort is not None and (tail or split(text) is not None)
        if address and not found:  # after other words it starts the next line (or wraps)
            found = (
                (wrap() if ww > max_width else None)
                if new_width - ww > 1e-6
                else attempt(call, last_resort or split)
            )
        if address and found:
            setattr(found[-1], _TAIL, True)
        return found

    def hyphenate_word(*args: Any) -> Any:  # (hyphenator, font, size, w, ww, newWidth, maxWidth…)
        w, ww, new_width, max_width = args[3:7]
        return hook(
            lambda: word(*args),
            w,
            str(w),
            ww,
            new_width,
            max_width,
            lambda: [rl._SplitWordH(""), rl._SplitWordEnd(w)],
        )

    def hyphenate_frag_word(*args: Any) -> Any:  # (hyphenator, FW, newWidth, maxWidth, …)
        fw, new_width, max_width = args[1:4]
        whole = rl._SplitFragHS if isinstance(fw, rl._HSFrag) else rl._SplitFrag
        empty = fw[1][0].clone(text="", link=[], us_lines=[])  # a head: nothing drawn, no link
        return hook(
            lambda: frag(*args),
            fw,
            "".join(str(t) for _, t in fw[1:]),
            fw[0],
            new_width,
            max_width,
            lambda: [rl._SplitFragH([0, (empty, "")]), whole(fw)],
        )

    rl._uri_split_pairs = lambda word: mode[0](word)
    if last_resort is not None:
        rl._hyphenateWord, rl._hyphenateFragWord = hyphenate_word, hyphenate_frag_word
    try:
        yield
    finally:
        rl._uri_split_pairs, rl._hyphenateWord, rl._hyphenateFragWord = previous, word, frag


@contextmanager
def paragraph_lines(draw: Callable[..., None]) -> Iterator[None]:
    """Inside, ``draw(canvas, plain, x1, y1, x2, y2, width, colour)`` draws a paragraph's under-
    and strike lines (``plain()`` as reportlab would). Relies on ``paragraph._do_line``."""
    plain = _paragraph._do_line
    _paragraph._do_line = lambda tx, *line: draw(tx._canvas, lambda: plain(tx, *line), *line)
    try:
        yield
    finally:
        _paragraph._do_line = plain


# --- private hooks overridden ----------------------------------------------------------------


class DecoratedTable(Table):  # type: ignore[misc]
    """A table that wraps its backgrounds, rules and each cell in contexts subclasses choose.

    Relies on ``Table._drawBkgrnd``, ``Table._drawLines`` and ``Table._drawCell`` being how
    ``Table.draw`` paints, and on ``Table._cellvalues``."""

    def decoration(self) -> AbstractContextManager[None]:
        """Around backgrounds and rules."""
        return nullcontext()

    def around_cell(self, cell: Any) -> AbstractContextManager[None]:
        """Around one cell."""
        return nullcontext()

    def header_cells(self) -> Iterator[Any]:
        """The cells of the rows repeated on every page."""
        for row in table_rows(self)[: self.repeatRows]:
            yield from row

    def _drawBkgrnd(self) -> None:
        with self.decoration():
            super()._drawBkgrnd()

    def _drawLines(self) -> None:
        with self.decoration():
            super()._drawLines()

    def _drawCell(self, cellval: Any, cellstyle: Any, pos: Any, size: Any) -> None:
        with self.around_cell(cellval):
            super()._drawCell(cellval, cellstyle, pos, size)


class LabelledIndenter(LIIndenter):  # type: ignore[misc]
    """A list item's indenter that carries a label drawn around its bullet (``around_bullet``).

    Relies on ``LIIndenter``'s private fields (``_flowable``, ``_bullet``, ``_leftIndent``,
    ``_rightIndent``), on ``_IndenterAttrs`` naming the attributes it keeps for itself (others
    go to the flowable), and on ``drawOn`` drawing ``_bullet`` then ``_flowable``."""

    _IndenterAttrs: ClassVar[list[str]] = [*LIIndenter._IndenterAttrs, "label"]

    def __init__(self, *args: Any, label: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.__dict__["label"] = label

    def around_bullet(self, canv: Any, label: Any) -> AbstractContextManager[None]:
        """Around the bullet or number, given this item's label."""
        return nullcontext()

    def split(self, avail_width: float, avail_height: float) -> list[Any]:
        """Split the item, the label going with the piece that has the bullet."""
        pieces = super().split(avail_width, avail_height)
        label = self.__dict__["label"]
        return [
            type(self)(
                p._flowable,
                leftIndent=p._leftIndent,
                rightIndent=p._rightIndent,
                bullet=p._bullet,
                label=label if p._bullet else None,
            )
            for p in pieces
        ]

    def drawOn(self, canv: Any, x: float, y: float, _sW: float = 0) -> None:
        """Draw the bullet (inside ``around_bullet``) and the item."""
        if self._bullet:
            with self.around_bullet(canv, self.__dict__.get("label")):
                self._bullet.drawOn(self, canv, x, y, 0)
        self._flowable.drawOn(
            canv, x + self._leftIndent, y, max(0, _sW - self._leftIndent - self._rightIndent)
        )


class LabelledList(ListFlowable):  # type: ignore[misc]
    """A list whose items' indenters are ``indenter``, labelled by ``label_of`` their flowable.

    Relies on ``ListFlowable._makeLIIndenter`` making every item's indenter."""

    indenter: ClassVar[type[LabelledIndenter]] = LabelledIndenter

    def label_of(self, flowable: Any) -> Any:
        """The label of the item whose first flowable is ``flowable``."""
        return None

    def _makeLIIndenter(self, flowable: Any, bullet: Any, params: Any = None) -> Any:
        made = super()._makeLIIndenter(flowable, bullet, params)
        return self.indenter(
            made._flowable,
            leftIndent=made._leftIndent,
            rightIndent=made._rightIndent,
            bullet=made._bullet,
            spaceBefore=made.__dict__.get("spaceBefore"),
            spaceAfter=made.__dict__.get("spaceAfter"),
            label=self.label_of(flowable) if bullet else None,
        )


class CheckedFrame(Frame):  # type: ignore[misc]
    """A frame that calls ``placed`` after each flowable it adds, with the width it had.

    Relies on ``Frame.add`` placing one flowable (returning 1 when it did; reportlab's
    ``Frame._add`` is the same function, so overriding ``_add`` would change nothing) and on
    ``Frame._getAvailableWidth``."""

    def placed(self, flowable: Any, canv: Any, available_width: float) -> None:
        """After ``flowable`` was placed in ``available_width`` points."""

    def add(self, flowable: Any, canv: Any, trySplit: int = 0) -> int:
        """Place ``flowable`` as reportlab does, then call :meth:`placed`."""
        done: int = super().add(flowable, canv, trySplit)
        if done:
            self.placed(flowable, canv, float(self._getAvailableWidth()))
        return done


class _TaggedPage(PDFPage):  # type: ignore[misc]
    # reportlab writes a page's attributes named in ``__NoDefault__``; its list lacks these two.
    __NoDefault__: ClassVar[list[str]] = [*PDFPage.__NoDefault__, "StructParents", "Tabs"]


def tagged_page(page: Any) -> None:
    """Let a page dictionary write ``/StructParents`` and ``/Tabs`` when they are set.

    Relies on ``PDFPage.__NoDefault__`` listing the attributes ``PDFPage.format`` writes."""
    swap_class(page, _TaggedPage)
