"""Model blocks → reportlab flowables, each marked with its structure role.

Takes model blocks, styles and the brand; hands on flowables. Every flowable made here carries
``role`` (a PDF structure type: H1, P, L, Figure, Table, Note …) so that page furniture, the
outline and the accessibility tags all come from the same source. Images and diagrams are
figures that never split; tables repeat their header row on every page.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reportlab.lib.colors import HexColor
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    HRFlowable,
    KeepTogether,
    ListFlowable,
    ListItem,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
)

from guide import model as m
from guide.config.callouts import callout_look
from guide.config.schema import Brand
from guide.i18n import Catalogue, catalogue
from guide.render.layout.callouts import callout_box
from guide.render.layout.figures import image_figure
from guide.render.layout.safety import BlockProblem, chunk_inlines, stamp
from guide.render.layout.terms import TermParagraph, has_term_link
from guide.render.text.coverage import fallback_for
from guide.render.text.fonts import FontSet
from guide.render.text.markup import escape, text_markup, to_markup
from guide.render.text.scraps import BodyParagraph, bind_last_word
from guide.render.text.styles import Styles, table_style


def tag(flowable: Flowable, role: str, **info: Any) -> Flowable:
    """Record the structure role (and e.g. alt text) on a flowable."""
    flowable.role = role
    for key, value in info.items():
        setattr(flowable, key, value)
    return flowable


class HeadingParagraph(BodyParagraph):
    """A heading that registers its destination, outline entry and page when drawn."""

    def __init__(self, text: str | None, style: Any, heading: m.Heading | None = None,
                 title: str = "", on_draw: Callable[[m.Heading, int], None] | None = None,
                 **kwargs: Any) -> None:
        # reportlab's split() builds the pieces as ``self.__class__(None, style, frags=...)``
        super().__init__(text, style, **kwargs)
        self.heading = heading
        self.title = title
        self.on_draw = on_draw
        self.role = f"H{min(heading.level, 6)}" if heading else "P"

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        """A heading too long for one page: the first piece registers the heading."""
        pieces: list[Flowable] = super().split(avail_width, avail_height)
        if pieces:
            pieces[0].heading, pieces[0].title, pieces[0].on_draw = (
                self.heading, self.title, self.on_draw)
            for piece in pieces:
                piece.role = self.role
        return pieces

    def draw(self) -> None:
        if self.heading is None or self.on_draw is None:  # a later piece of a split heading
            super().draw()
            return
        canv = self.canv
        canv.bookmarkPage(self.heading.anchor)
        canv.addOutlineEntry(self.title, self.heading.anchor, self.heading.level - 1,
                             closed=self.heading.level > 1)
        self.on_draw(self.heading, canv.getPageNumber())
        super().draw()


class BlockRenderer:
    """Renders the blocks of one guide; ``on_heading`` learns where each heading landed."""

    def __init__(self, brand: Brand, fonts: FontSet, styles: Styles,
                 on_heading: Callable[[m.Heading, int], None],
                 diagram: Callable[[m.Diagram, float], Flowable] | None = None,
                 words: Catalogue | None = None) -> None:
        self.brand = brand
        self.words = words or catalogue("en-US")  # the builder's words ("CHAPTER 3")
        self.fonts = fonts
        self.styles = styles
        self.on_heading = on_heading
        self.diagram = diagram
        self.width = brand.text_width
        self.link_color = brand.palette.accent.hex
        self.chapter_number = 0
        self.numbered = True  # chapter titles get a "CHAPTER n" eyebrow
        self.fallback = fallback_for(fonts)

    def markup(self, inlines: tuple[m.Inline, ...]) -> str:
        return to_markup(inlines, self.link_color, self.fallback)

    def lang(self, lang: str) -> str:
        """A block's /Lang: its own language when it differs from the guide's, else ""."""
        return lang if lang and lang != self.words.language else ""

    def para(self, inlines: tuple[m.Inline, ...], style: Any, role: str = "P",
             lang: str = "") -> Flowable:
        markup = self.markup(inlines)
        kind = TermParagraph if has_term_link(markup) else BodyParagraph
        return tag(kind(markup, style), role, lang=lang)

    def render(self, blocks: tuple[m.Block, ...], style: Any = None) -> list[Flowable]:
        out: list[Flowable] = []
        for block in blocks:
            out.extend(stamp(self.block(block, style or self.styles.body),
                             getattr(block, "location", None)))
        return out

    def block(self, block: m.Block, style: Any) -> list[Flowable]:
        s = self.styles
        if isinstance(block, m.Heading):
            return self.heading(block)
        if isinstance(block, m.Paragraph):
            pieces = chunk_inlines(block.inlines)  # very long paragraphs: see render.safety
            lang = self.lang(block.lang)
            if len(pieces) == 1:
                return [self.para(block.inlines, style, lang=lang)]
            joined = ParagraphStyle(f"{style.name}-joined", parent=style, spaceAfter=0)
            return [self.para(piece, joined if index + 1 < len(pieces) else style,
                              lang=lang) for index, piece in enumerate(pieces)]
        if isinstance(block, m.ListBlock):
            return [self.list_block(block, s.list_body)]
        if isinstance(block, m.BlockQuote):
            return [self.boxed(self.render(block.blocks, s.quote), None, "BlockQuote")]
        if isinstance(block, m.Callout):
            return [self.callout(block)]
        if isinstance(block, m.CodeBlock):
            text = "<br/>".join(text_markup(line, self.fallback).replace(" ", "&nbsp;")
                                for line in block.text.split("\n"))
            return [tag(Paragraph(text, s.code), "Code")]
        if isinstance(block, m.Table):
            return [self.table(block)]
        if isinstance(block, m.Image):
            return [image_figure(block, self.width, s.caption, self.fallback)]
        if isinstance(block, m.Diagram):
            return [self.diagram(block, self.width)] if self.diagram else []
        if isinstance(block, m.Rule):
            return [tag(HRFlowable(width="35%", thickness=1, color=HexColor(self.link_color),
                                   spaceBefore=10, spaceAfter=14, hAlign="CENTER"),
                        "Artifact")]
        if isinstance(block, m.PageBreak):
            return [PageBreak()]
        if isinstance(block, m.Footnotes):
            return self.footnotes(block)
        return []

    def heading(self, heading: m.Heading) -> list[Flowable]:
        s = self.styles
        title = heading.text
        style = {1: s.h1, 2: s.h2, 3: s.h3}.get(heading.level, s.h4)
        para = HeadingParagraph(bind_last_word(self.markup(heading.inlines)), style, heading,
                                title, self.on_heading)
        para.lang = self.lang(heading.lang)
        if heading.level != 1:
            # Never strand a heading at the foot of a page: ask for room for it and 3 lines.
            return [CondPageBreak(style.leading * 2 + s.body.leading * 3), para]
        rule = tag(HRFlowable(width=48, thickness=3, color=HexColor(self.link_color),
                              spaceBefore=0, spaceAfter=s.body.leading * 1.2, hAlign="LEFT"),
                   "Artifact")
        if not self.numbered:
            return [KeepTogether([para, rule])]
        self.chapter_number += 1
        label = self.words.text("chapter", number=self.chapter_number)
        eyebrow = tag(Paragraph(escape(label), s.eyebrow), "Artifact")
        return [KeepTogether([eyebrow, para, rule])]

    def callout(self, block: m.Callout) -> Flowable:
        """A callout in its kind's look, its title beside the kind's icon."""
        look = callout_look(block.kind)
        style = ParagraphStyle(f"callout_title-{block.kind}", parent=self.styles.callout_title,
                               textColor=HexColor(self.brand.palette.named()[look.title].hex))
        label = self.words.text(look.label)
        title = bind_last_word(text_markup(block.title or label, self.fallback))
        body = self.render(block.blocks, self.styles.callout_body)
        return callout_box(block.kind, label, Paragraph(title, style), body, self.brand,
                           self.width, self.fonts.body, self.styles.body.spaceAfter)

    def list_block(self, block: m.ListBlock, style: Any) -> Flowable:
        items = []
        for item in block.items:
            content = self.render(item.blocks, style)
            items.append(ListItem(content, value=None))
        accent = HexColor(self.link_color)
        kwargs: dict[str, Any] = dict(
            bulletFontName=self.fonts.heading_bold, bulletFontSize=style.fontSize,
            bulletColor=accent, leftIndent=20, bulletDedent=16, spaceAfter=style.spaceAfter)
        if block.ordered:
            flow = ListFlowable(items, bulletType="1", start=block.start,
                                bulletFormat="%s.", **kwargs)
        else:
            flow = ListFlowable(items, bulletType="bullet", start="•", **kwargs)
        return tag(flow, "L", ordered=block.ordered)

    def boxed(self, inner: list[Flowable], background: str | None, role: str) -> Flowable:
        """A callout or quote: the content in a box with an accent bar at its left."""
        table = Table([[inner]], colWidths=[self.width], splitInRow=1)
        commands: list[tuple[Any, ...]] = [
            ("LINEBEFORE", (0, 0), (0, -1), 3, HexColor(self.link_color)),
            ("LEFTPADDING", (0, 0), (-1, -1), 16), ("RIGHTPADDING", (0, 0), (-1, -1), 14),
            ("TOPPADDING", (0, 0), (-1, -1), 12), ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
        ]
        if background:
            commands.append(("BACKGROUND", (0, 0), (-1, -1), HexColor(background)))
        table.setStyle(table_style(self.fonts.body, commands))
        return tag(table, role, spaceAfter=self.styles.body.spaceAfter)

    def table(self, block: m.Table) -> Flowable:
        s = self.styles
        rows = [[tag(Paragraph(self.markup(c.inlines), s.table_head), "TH") for c in block.header]]
        for row in block.rows:
            cells = [tag(Paragraph(self.markup(c.inlines), s.table_cell), "TD") for c in row]
            cells += [Spacer(0, 0)] * (len(block.header) - len(cells))
            rows.append(cells[: len(block.header)] if block.header else cells)
        columns = max((len(r) for r in rows), default=1) or 1
        if self.width / columns < MIN_COLUMN_WIDTH:
            raise BlockProblem(f"this table has {columns} columns; at most "
                               f"{int(self.width // MIN_COLUMN_WIDTH)} fit across the page",
                               block.location)
        widths = _column_widths(block, columns, self.width)
        table = Table(rows, colWidths=widths, repeatRows=1 if block.header else 0,
                      splitInRow=1, hAlign="LEFT")
        tint, accent = HexColor(self.brand.palette.tint.hex), HexColor(self.link_color)
        table.setStyle(table_style(self.fonts.body, [
            ("BACKGROUND", (0, 0), (-1, 0), tint),
            ("LINEBELOW", (0, 0), (-1, 0), 1.2, accent),
            ("LINEBELOW", (0, 1), (-1, -1), 0.4, HexColor(self.brand.palette.muted.hex)),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("TOPPADDING", (0, 0), (-1, -1), 5), ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
            ("LEFTPADDING", (0, 0), (-1, -1), 6), ("RIGHTPADDING", (0, 0), (-1, -1), 6),
        ]))
        return tag(table, "Table", spaceAfter=s.body.spaceAfter, spaceBefore=4)

    def footnotes(self, block: m.Footnotes) -> list[Flowable]:
        s = self.styles
        out: list[Flowable] = [
            tag(HRFlowable(width="25%", thickness=0.6, color=HexColor(self.link_color),
                           spaceBefore=12, spaceAfter=6, hAlign="LEFT"), "Artifact")]
        for note in block.notes:
            flows = self.render(note.blocks, s.footnote)
            if flows and isinstance(flows[0], Paragraph):
                first = flows[0]
                flows[0] = tag(Paragraph(f'<a name="{escape(note.anchor)}"/>{note.number}. '
                                         f"{first.text}", s.footnote), "Note")
            out.extend(flows)
        return out


MIN_COLUMN_WIDTH = 24.0  # points: the cell padding (12) and a couple of letters


def _column_widths(block: m.Table, columns: int, width: float) -> list[float]:
    """Share the text width by each column's longest text, within sensible bounds."""
    lengths = [1.0] * columns
    for row in (block.header, *block.rows):
        for index, cell in enumerate(row[:columns]):
            lengths[index] = max(lengths[index], min(len(m.plain_text(cell.inlines)), 60))
    total = sum(lengths)
    floor = min(width / columns, 48.0)
    widths = [max(floor, width * n / total) for n in lengths]
    scale = width / sum(widths)
    return [w * scale for w in widths]
