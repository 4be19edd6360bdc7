"""Every assumption guide/render/adapter.py makes about reportlab's private names, one check each.

When a reportlab upgrade breaks one, the failure names the adapter function to fix.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import Any

import pytest
import reportlab
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    Frame,
    KeepTogether,
    ListFlowable,
    ListItem,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
)
from reportlab.platypus import paragraph as rl_paragraph
from reportlab.platypus.flowables import LIIndenter

from guide.check.cmap import code_points
from guide.check.coverage import BREAKING_SPACE
from guide.render import adapter

CHECKS: dict[str, Callable[[], None]] = {}


def assumption(name: str) -> Callable[[Callable[[], None]], Callable[[], None]]:
    """Register a check of ``adapter.<name>``."""

    def register(check: Callable[[], None]) -> Callable[[], None]:
        CHECKS[name] = check
        return check

    return register


def _canvas() -> tuple[Canvas, io.BytesIO]:
    out = io.BytesIO()
    return Canvas(out, pageCompression=0), out


STYLE = ParagraphStyle("test", fontName="Helvetica", fontSize=10, leading=12)


def _build(*flowables: Flowable) -> bytes:
    out = io.BytesIO()
    SimpleDocTemplate(out, pageCompression=0).build(list(flowables))
    return out.getvalue()


class _Probe(Flowable):  # type: ignore[misc]
    """A flowable that records what the adapter sees while it is drawn."""

    def __init__(self, look: Callable[[Any], Any]) -> None:
        super().__init__()
        self.look = look
        self.seen: list[Any] = []

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return (10, 10)

    def draw(self) -> None:
        self.seen.append(self.look(self.canv))


@assumption("emit")
def _emit() -> None:
    canv, out = _canvas()
    adapter.emit(canv, "/Artifact BDC EMC")
    canv.showPage()
    canv.save()
    assert b"/Artifact BDC EMC" in out.getvalue()


@assumption("annotation_refs")
def _annotation_refs() -> None:
    canv, _ = _canvas()
    assert adapter.annotation_refs(canv) == []
    canv.linkURL("https://example.com", (0, 0, 10, 10))
    assert len(adapter.annotation_refs(canv)) == 1


@assumption("pdf_document")
def _pdf_document() -> None:
    canv, _ = _canvas()
    doc = adapter.pdf_document(canv)
    assert hasattr(doc, "idToObject") and hasattr(doc, "Catalog") and hasattr(doc, "Pages")


@assumption("doc_template")
def _doc_template() -> None:
    probe = _Probe(adapter.doc_template)
    _build(probe)
    assert probe.seen and isinstance(probe.seen[0], SimpleDocTemplate)
    canv, _ = _canvas()
    assert adapter.doc_template(canv) is None


@assumption("current_matrix")
def _current_matrix() -> None:
    canv, _ = _canvas()
    canv.translate(10, 20)
    canv.scale(2, 3)
    assert adapter.current_matrix(canv) == (2, 0, 0, 3, 10, 20)


@assumption("embedded_font_name")
def _embedded_font_name() -> None:
    canv, _ = _canvas()
    canv.setFont("Times-Roman", 12)
    assert adapter.embedded_font_name(canv) == "Times-Roman"
    canv = Canvas(io.BytesIO(), initialFontName="Courier")
    canv.setFont("Helvetica", 12)
    assert adapter.embedded_font_name(canv) == "Courier"


@assumption("set_document_id")
def _set_document_id() -> None:
    canv, out = _canvas()
    adapter.set_document_id(adapter.pdf_document(canv), b"[<0123> <0123>]")
    canv.showPage()
    canv.save()
    trailer = out.getvalue()[out.getvalue().rfind(b"trailer") :]
    assert b"/ID [<0123> <0123>]" in trailer.replace(b"\n", b" ")


@assumption("swap_class")
def _swap_class() -> None:
    class Marked(Paragraph):  # type: ignore[misc]
        pass

    para = Paragraph("Words.", STYLE)
    adapter.swap_class(para, Marked)
    assert type(para) is Marked and para.wrap(100, 100)[1] > 0
    with pytest.raises(TypeError):
        adapter.swap_class(para, Table)


@assumption("table_rows")
def _table_rows() -> None:
    table = Table([["a", "b"], ["c", "d"]])
    assert adapter.table_rows(table) == [["a", "b"], ["c", "d"]]
    assert adapter.table_cells(table) == ["a", "b", "c", "d"]


CHECKS["table_cells"] = _table_rows


@assumption("table_row_heights")
def _table_row_heights() -> None:
    short, tall = Paragraph("Words.", STYLE), Paragraph("More words.<br/>And more.", STYLE)
    table = Table([[short], [tall]], colWidths=[120])
    table.wrap(200, 800)
    heights = adapter.table_row_heights(table)
    assert len(heights) == 2 and heights[1] > heights[0] > 0
    assert sum(heights) == pytest.approx(table.wrap(200, 800)[1])
    assert adapter.table_column_widths(table) == [120]


CHECKS["table_column_widths"] = _table_row_heights


@assumption("keep_together_content")
def _keep_together() -> None:
    first, second = Paragraph("Words.", STYLE), Paragraph("More words.", STYLE)
    kept = KeepTogether([first, second])
    assert adapter.keep_together_content(kept) == [first, second]
    kept.canv = _canvas()[0]  # KeepTogether measures with the canvas it will draw on
    kept.wrap(300, 800)
    assert adapter.keep_together_height(kept) >= first.wrap(300, 800)[1] + second.wrap(300, 800)[1]


CHECKS["keep_together_height"] = _keep_together


@assumption("list_entries")
def _list_entries() -> None:
    para = Paragraph("Item.", STYLE)
    flow = ListFlowable([ListItem([para])])
    entries = adapter.list_entries(flow)
    assert len(entries) == 1 and adapter.list_item_flowables(entries[0]) == [para]
    assert adapter.list_item_content(LIIndenter(para, leftIndent=10)) is para


CHECKS["list_item_flowables"] = _list_entries
CHECKS["list_item_content"] = _list_entries


@assumption("breaking_whitespace")
def _breaking_whitespace() -> None:
    # The check stage writes reportlab's set out (it must not import reportlab): same set.
    assert frozenset(adapter.breaking_whitespace()) | {"\n"} == BREAKING_SPACE


@assumption("is_split_word")
def _is_split_word() -> None:
    style = ParagraphStyle("hyphenated", parent=STYLE, hyphenationLang="en_US")
    para = Paragraph("the extraordinarily comprehensive documentation", style)
    para.wrap(70, 1000)
    ends = [words[-1] for _, words in para.blPara.lines[:-1]]
    assert ends and all(adapter.is_split_word(w) for w in ends if w.endswith("-"))
    assert any(adapter.is_hyphen_split_word(w) for w in ends)
    assert not adapter.is_split_word("plain") and not adapter.is_hyphen_split_word("x-")


CHECKS["is_hyphen_split_word"] = _is_split_word


@assumption("is_soft_hyphen_break")
def _is_soft_hyphen_break() -> None:
    style = ParagraphStyle("shy", parent=STYLE, embeddedHyphenation=1, hyphenationLang="en_US")
    para = Paragraph("the extra\xadordinarily compre\xadhensive docu\xadmentation", style)
    para.wrap(60, 1000)
    ends = [words[-1] for _, words in para.blPara.lines[:-1]]
    assert any(adapter.is_soft_hyphen_break(w) and w.endswith("-") for w in ends), ends
    assert not adapter.is_soft_hyphen_break("extra-")


@assumption("uri_split_pairs")
def _uri_split_pairs() -> None:
    asked: list[str] = []

    def split(word: str) -> list[tuple[str, str]] | None:
        asked.append(word)
        return [(word[:20], word[20:])]

    text = "see https://example.com/a/very/long/path/that/goes/on and on"
    style = ParagraphStyle("addresses", parent=STYLE, uriWasteReduce=0.3)
    with adapter.uri_split_pairs(split):
        Paragraph(text, style).wrap(80, 1000)
    assert asked and asked[0].startswith("https://example.com/")
    asked.clear()
    Paragraph(text, style).wrap(80, 1000)
    assert asked == []  # reportlab's own rule is back

    # With rest and last_resort: an address that cannot break on a line holding words starts
    # the next line (one word, or a word of several fragments: a link), and a piece wider than
    # a line breaks where last_resort says. The pairs below never fit: only the hooks act.
    def none_fit(word: str) -> list[tuple[str, str]] | None:
        return [] if "/" in word or word.startswith("xxx") else None

    def letters(word: str) -> list[tuple[str, str]]:
        return [(word[:i], word[i:]) for i in range(len(word) - 1, 0, -1)]

    address = "https://example.com/" + "x" * 60
    hyphenate_word = rl_paragraph._hyphenateWord
    for markup in (f"see {address}", f'see <a href="https://example.com/">{address}</a>'):
        with adapter.uri_split_pairs(none_fit, none_fit, letters):
            para = Paragraph(markup, style)
            para.wrap(100, 1000)
        kind = para.blPara.kind
        lines = [
            "".join(getattr(f, "text", "") for f in line.words) if kind else "".join(line[1])
            for line in para.blPara.lines
        ]
        assert lines[0].strip() == "see", lines  # the address starts the next line ...
        assert "".join(lines[1:]) == address  # ... broken between letters, nothing lost
        assert all(stringWidth(line, "Helvetica", 10) <= 100 + 1e-6 for line in lines)
    assert rl_paragraph._hyphenateWord is hyphenate_word  # restored on the way out


@assumption("paragraph_lines")
def _paragraph_lines() -> None:
    markup = '<a href="https://example.com/" underline="1" uwidth="0.7">a</a> <strike>b</strike>'
    seen: list[tuple[float, ...]] = []

    def draw(canv: Canvas, plain: Callable[[], None], *line: Any) -> None:
        seen.append(tuple(line[:5]))
        if line[4] == 0.7:  # reportlab's own line for this one, nothing for the strike
            plain()

    with adapter.paragraph_lines(draw):
        drawn = _build(Paragraph(markup, STYLE))
    assert [w for *_, w in seen][:1] == [0.7] and len(seen) == 2  # underline, then strike
    assert drawn.count(b" l S") == 1 and b".7 w" in drawn
    assert rl_paragraph._do_line.__name__ == "_do_line"  # restored on the way out
    assert _build(Paragraph(markup, STYLE)).count(b" l S") == 2


@assumption("frame_bounds")
def _frame_bounds() -> None:
    frame = Frame(50, 60, 300, 400, leftPadding=6, bottomPadding=6, rightPadding=6, topPadding=6)
    assert adapter.frame_bounds(frame) == (50, 60, 350, 460)


@assumption("drawn_size")
def _drawn_size() -> None:
    table = Table([["a"]])
    width, height = table.wrap(100, 100)
    assert adapter.drawn_size(table) == (width, height)
    para = Paragraph("Words.", STYLE)
    para.wrap(100, 100)
    assert adapter.drawn_size(para) == (para.width, para.height)


@assumption("aligned_x")
def _aligned_x() -> None:
    table = Table([["a"]], hAlign="CENTER")
    width, _ = table.wrap(100, 100)
    assert adapter.aligned_x(table, 10, 100 - width) == 10 + (100 - width) / 2


@assumption("CheckedFrame")
def _checked_frame() -> None:
    seen: list[tuple[str, float]] = []

    class Recording(adapter.CheckedFrame):
        def placed(self, flowable: Any, canv: Any, available_width: float) -> None:
            seen.append((type(flowable).__name__, available_width))

    canv, _ = _canvas()
    frame = Recording(0, 0, 200, 300, leftPadding=0, rightPadding=0)
    assert frame.add(Paragraph("Words.", STYLE), canv) == 1
    assert seen == [("Paragraph", 200)]


@assumption("frame_room")
def _frame_measures() -> None:
    canv, _ = _canvas()
    frame = Frame(0, 0, 200, 300, leftPadding=6, rightPadding=6, topPadding=6, bottomPadding=6)
    assert adapter.frame_width(frame) == 188
    assert adapter.frame_height(frame) == 288
    assert adapter.frame_top(frame) == adapter.frame_cursor(frame) == 294
    assert adapter.frame_room(frame) == 288 and adapter.frame_at_top(frame)
    para = Paragraph("Words.", STYLE)
    assert frame.add(para, canv) == 1
    assert not adapter.frame_at_top(frame)
    assert adapter.frame_room(frame) == pytest.approx(288 - para.height)
    assert adapter.frame_cursor(frame) == pytest.approx(294 - para.height)
    room = adapter.frame_room(frame)
    adapter.raise_frame_foot(frame, 50)
    adapter.raise_frame_foot(frame, 50)  # from the frame's own foot, not cumulative
    assert adapter.frame_room(frame) == pytest.approx(room - 50)
    assert not frame.add(Paragraph("word " * 400, STYLE), canv)  # measured against the foot
    adapter.restore_frame_foot(frame)
    assert adapter.frame_room(frame) == pytest.approx(room)


for _name in (
    "frame_width",
    "frame_height",
    "frame_at_top",
    "frame_cursor",
    "frame_top",
    "raise_frame_foot",
    "restore_frame_foot",
):
    CHECKS[_name] = _frame_measures


@assumption("doc_frame_height")
def _doc_frame_height() -> None:
    probe = _Probe(lambda canv: adapter.doc_frame_height(canv, -1.0))
    _build(Paragraph("First.", STYLE), probe)
    assert probe.seen and 0 < probe.seen[0] < 842
    canv, _ = _canvas()
    assert adapter.doc_frame_height(canv, -1.0) == -1.0


@assumption("is_split_head")
def _is_split_head() -> None:
    para = Paragraph("word " * 300, STYLE)
    para.wrap(200, 1000)
    head, tail = para.split(200, 100)
    assert adapter.is_split_head(head) and not adapter.is_split_head(tail)
    assert not adapter.is_split_head(Paragraph("Words.", STYLE))


@assumption("DecoratedTable")
def _decorated_table() -> None:
    seen: list[str] = []

    class Counting(adapter.DecoratedTable):
        def decoration(self) -> AbstractContextManager[None]:
            return _note(seen, "decoration")

        def around_cell(self, cell: Any) -> AbstractContextManager[None]:
            return _note(seen, f"cell {cell}")

    table = Counting(
        [["head"], *[[f"row {i}"] for i in range(80)]],
        repeatRows=1,
        style=[("GRID", (0, 0), (-1, -1), 0.5, "black"), ("BACKGROUND", (0, 0), (-1, 0), "grey")],
    )
    _build(table)
    assert "decoration" in seen and "cell row 79" in seen
    assert seen.count("cell head") >= 2  # the header row repeats on the second page
    assert list(table.header_cells()) == ["head"]


@assumption("LabelledList")
def _labelled_list() -> None:
    seen: list[Any] = []

    class Indenter(adapter.LabelledIndenter):
        def around_bullet(self, canv: Any, label: Any) -> AbstractContextManager[None]:
            return _note(seen, label)

    class Labelled(adapter.LabelledList):
        indenter = Indenter

        def label_of(self, flowable: Any) -> Any:
            return getattr(flowable, "list_label", None)

    items = []
    for number in range(3):
        para = Paragraph(f"Item {number}. " + "word " * 400, STYLE)  # splits across pages
        para.list_label = f"label {number}"
        items.append(ListItem([para]))
    _build(Labelled(items, bulletType="1"))
    assert seen == ["label 0", "label 1", "label 2"]  # each bullet once, with its label


CHECKS["LabelledIndenter"] = _labelled_list


@assumption("tagged_page")
def _tagged_page() -> None:
    canv, out = _canvas()
    canv.showPage()
    page = adapter.pdf_document(canv).Pages.pages[0]
    adapter.tagged_page(page)
    page.StructParents = 7
    canv.save()
    assert b"/StructParents 7" in out.getvalue()


@assumption("cmap")
def _cmap_agrees_with_reportlab() -> None:
    # Not an adapter function: the check stage reads fonts' character maps itself
    # (guide/check/cmap.py); what reportlab draws with a glyph must be what it read.
    from reportlab.pdfbase.ttfonts import TTFontFile

    from guide.config.load import package_file

    for spec in (
        "font_source_sans_pro:SourceSansPro-Regular.ttf",
        "font_source_sans_pro:SourceSansPro-It.ttf",
        "font_source_serif_pro:SourceSerifPro-Regular.ttf",
        "font_source_serif_pro:SourceSerifPro-It.ttf",
    ):
        path = package_file(spec)
        assert path is not None, spec
        theirs = {c for c, glyph in TTFontFile(str(path)).charToGlyph.items() if glyph}
        assert code_points(path) == theirs, path.name


@contextmanager
def _note(seen: list[Any], what: Any) -> Iterator[None]:
    seen.append(what)
    yield


def test_every_adapter_function_is_checked() -> None:
    public = {
        name
        for name in vars(adapter)
        if not name.startswith("_")
        and getattr(getattr(adapter, name), "__module__", "") == adapter.__name__
    }
    assert public <= CHECKS.keys(), f"unchecked: {sorted(public - CHECKS.keys())}"


@pytest.mark.parametrize("name", sorted(CHECKS), ids=str)
def test_adapter_assumption(name: str) -> None:
    assert hasattr(adapter, name) or name == "cmap", f"no adapter function {name}"
    try:
        CHECKS[name]()
    except Exception as exc:  # the message is what a maintainer reads after an upgrade
        pytest.fail(
            f"guide/render/adapter.py: `{name}` relies on something reportlab "
            f"{reportlab.Version} no longer does ({type(exc).__name__}: {exc}); "
            f"fix it there (see its docstring)"
        )


@assumption("forget_postponed")
def _postponed() -> None:
    """reportlab marks a flowable that did not fit where it came with ``_postponed`` (and
    refuses it as too large the next time); forgetting the mark lets it move on again."""
    tall = Spacer(10, 300)
    _build(Spacer(10, 600), tall)
    assert hasattr(tall, "_postponed")
    adapter.forget_postponed(tall)
    assert not hasattr(tall, "_postponed")
