"""Model blocks → reportlab flowables, each marked with its structure role. Takes model blocks,
styles and the brand; hands on flowables."""

# Every flowable made here carries ``role`` (a PDF structure type: H1, P, L, Figure, Table, Note
# …) so that page furniture, the outline and the accessibility tags all come from the same source.
# Images and diagrams are figures that never split; tables repeat their header row on every page.

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
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
from guide.check.tables import CELL_PADDING, columns_of
from guide.config.callouts import callout_look
from guide.config.schema import Brand
from guide.diagrams.narrow import NARROW_FRAME
from guide.i18n import Catalogue, catalogue
from guide.render.layout.callouts import callout_box
from guide.render.layout.cards import CARD_BELOW, table_cards
from guide.render.layout.figures import image_figure
from guide.render.layout.headings import HeadingParagraph
from guide.render.layout.safety import chunk_inlines, stamp
from guide.render.layout.tablefit import fit_columns, sized, syllables, word_width
from guide.render.layout.terms import TermParagraph, has_term_link
from guide.render.text.breaks import soften_to_fit, soften_wide_words
from guide.render.text.coverage import fallback_for
from guide.render.text.fonts import FontSet
from guide.render.text.markup import code_markup, escape, text_markup, to_markup
from guide.render.text.scraps import BodyParagraph, bind_last_word
from guide.render.text.styles import Styles, table_style


def tag(flowable: Flowable, role: str, **info: Any) -> Flowable:
    """Record the structure role (and e.g. alt text) on a flowable."""
    flowable.role = role
    for key, value in info.items():
        setattr(flowable, key, value)
    return flowable


class BlockRenderer:
    """Renders the blocks of one guide; ``on_heading`` learns where each heading landed."""

    def __init__(
        self,
        brand: Brand,
        fonts: FontSet,
        styles: Styles,
        on_heading: Callable[[m.Heading, int], None],
        diagram: Callable[[m.Diagram, float], Flowable] | None = None,
        words: Catalogue | None = None,
    ) -> None:
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
        self.fallback = fallback_for(brand)

    def markup(self, inlines: tuple[m.Inline, ...]) -> str:
        """Inlines as paragraph markup, in the brand's link colour."""
        return to_markup(inlines, self.link_color, self.fallback)

    def lang(self, lang: str) -> str:
        """A block's /Lang: its own language when it differs from the guide's, else ""."""
        return lang if lang and lang != self.words.language else ""

    def para(
        self,
        inlines: tuple[m.Inline, ...],
        style: Any,
        role: str = "P",
        lang: str = "",
        anchor: tuple[str, str] = ("", ""),
    ) -> Flowable:
        """A paragraph; ``anchor`` (name, title) puts a link destination at its start."""
        markup = self.markup(inlines)
        if anchor[0]:
            markup = f'<a name="{escape(anchor[0])}"/>{markup}'
        kind = TermParagraph if has_term_link(markup) else BodyParagraph
        flow = tag(kind(markup, style), role, lang=lang)
        if anchor[0]:
            flow.anchor_title = anchor  # what links to it say (see tagged.tree)
        return flow

    def render(self, blocks: tuple[m.Block, ...], style: Any = None) -> list[Flowable]:
        """The flowables of a sequence of blocks."""
        out: list[Flowable] = []
        for block in blocks:
            out.extend(
                stamp(
                    self.block(block, style or self.styles.body), getattr(block, "location", None)
                )
            )
        return out

    def block(self, block: m.Block, style: Any) -> list[Flowable]:
        """The flowables of one block."""
        s = self.styles
        if isinstance(block, m.Heading):
            return self.heading(block)
        if isinstance(block, m.Paragraph):
            pieces = chunk_inlines(block.inlines)  # very long paragraphs: see render.safety
            lang = self.lang(block.lang)
            if len(pieces) == 1:
                return [
                    self.para(block.inlines, style, lang=lang, anchor=(block.anchor, block.title))
                ]
            joined = ParagraphStyle(f"{style.name}-joined", parent=style, spaceAfter=0)
            return [
                self.para(
                    piece,
                    joined if index + 1 < len(pieces) else style,
                    lang=lang,
                    anchor=(block.anchor, block.title) if index == 0 else ("", ""),
                )
                for index, piece in enumerate(pieces)
            ]
        if isinstance(block, m.ListBlock):
            return [self.list_block(block, s.list_body)]
        if isinstance(block, m.BlockQuote):
            with self.narrower(BOX_PADDING):
                quoted = self.render(block.blocks, s.quote)
            return [self.boxed(quoted, None, "BlockQuote")]
        if isinstance(block, m.Callout):
            return [self.callout(block)]
        if isinstance(block, m.CodeBlock):
            wide = self.width >= NARROW_FRAME  # a phone's frame: long lines wrap
            text = "<br/>".join(
                code_markup(line, self.fallback, wide) for line in block.text.split("\n")
            )
            return [tag(Paragraph(text, s.code), "Code")]
        if isinstance(block, m.Table):
            return [self.table(block)]
        if isinstance(block, m.Image):
            return [image_figure(block, self.width, s.caption, self.fallback)]
        if isinstance(block, m.Diagram):
            return [self.diagram(block, self.width)] if self.diagram else []
        if isinstance(block, m.Rule):
            return [self.rule("35%", 1, 10, 14, "CENTER")]
        if isinstance(block, m.PageBreak):
            return [PageBreak()]
        if isinstance(block, m.Footnotes):
            return self.footnotes(block)
        return []

    def heading(self, heading: m.Heading) -> list[Flowable]:
        """A heading's flowables (with the chapter eyebrow for level 1)."""
        s = self.styles
        title = heading.text
        style = {1: s.h1, 2: s.h2, 3: s.h3}.get(heading.level, s.h4)
        para = HeadingParagraph(
            bind_last_word(self.markup(heading.inlines)), style, heading, title, self.on_heading
        )
        para.lang = self.lang(heading.lang)
        if heading.level != 1:
            # Never strand a heading at the foot of a page: ask for room for it and 3 lines.
            return [CondPageBreak(style.leading * 2 + s.body.leading * 3), para]
        rule = tag(
            HRFlowable(
                width=48,
                thickness=3,
                color=HexColor(self.link_color),
                spaceBefore=0,
                spaceAfter=s.body.leading * 1.2,
                hAlign="LEFT",
            ),
            "Artifact",
        )
        if not self.numbered:
            return [KeepTogether([para, rule])]
        self.chapter_number += 1
        label = self.words.text("chapter", number=self.chapter_number)
        eyebrow = tag(Paragraph(escape(label), s.eyebrow), "Artifact")
        return [KeepTogether([eyebrow, para, rule])]

    @contextlib.contextmanager
    def narrower(self, by: float) -> Iterator[None]:
        """Render the blocks inside a list item or a box for the width they will have."""
        self.width -= by
        try:
            yield
        finally:
            self.width += by

    def callout(self, block: m.Callout) -> Flowable:
        """A callout in its kind's look, its title beside the kind's icon."""
        look = callout_look(block.kind)
        style = ParagraphStyle(
            f"callout_title-{block.kind}",
            parent=self.styles.callout_title,
            textColor=HexColor(self.brand.palette.named()[look.title].hex),
        )
        label = self.words.text(look.label)
        title = bind_last_word(text_markup(block.title or label, self.fallback))
        with self.narrower(BOX_PADDING):  # the box's padding (16 + 14 pt, see callouts)
            body = self.render(block.blocks, self.styles.callout_body)
        return callout_box(
            block.kind,
            label,
            Paragraph(title, style),
            body,
            self.brand,
            self.width,
            self.fonts.body,
            self.styles.body.spaceAfter,
        )

    def list_block(self, block: m.ListBlock, style: Any) -> Flowable:
        """A list as a reportlab list flowable."""
        items = []
        for item in block.items:
            with self.narrower(LIST_INDENT):
                content = self.render(item.blocks, style)
            items.append(ListItem(content, value=None))
        accent = HexColor(self.link_color)
        kwargs: dict[str, Any] = dict(
            bulletFontName=self.fonts.heading_bold,
            bulletFontSize=style.fontSize,
            bulletColor=accent,
            leftIndent=LIST_INDENT,
            bulletDedent=16,
            spaceAfter=style.spaceAfter,
        )
        if block.ordered:
            flow = ListFlowable(
                items, bulletType="1", start=block.start, bulletFormat="%s.", **kwargs
            )
        else:
            flow = ListFlowable(items, bulletType="bullet", start="•", **kwargs)
        return tag(flow, "L", ordered=block.ordered)

    def boxed(self, inner: list[Flowable], background: str | None, role: str) -> Flowable:
        """A callout or quote: the content in a box with an accent bar at its left."""
        # A share of the width: a box inside a list item or another box narrows with it.
        table = Table([[inner]], colWidths=["100%"], splitInRow=1)
        commands: list[tuple[Any, ...]] = [
            ("LINEBEFORE", (0, 0), (0, -1), 3, HexColor(self.link_color)),
            ("LEFTPADDING", (0, 0), (-1, -1), 16),
            ("RIGHTPADDING", (0, 0), (-1, -1), BOX_PADDING - 16),
            ("TOPPADDING", (0, 0), (-1, -1), 12),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
        ]
        if background:
            commands.append(("BACKGROUND", (0, 0), (-1, -1), HexColor(background)))
        table.setStyle(table_style(self.fonts.body, commands))
        return tag(table, role, spaceAfter=self.styles.body.spaceAfter)

    def table(self, block: m.Table) -> Flowable:
        """A table at the largest size from the caption size down to 9 pt at which every
        column holds its longest word; a word that still cannot fit breaks with a hyphen."""
        s = self.styles
        columns = columns_of(block)
        if block.header and self.width < NARROW_FRAME and self.width / columns < CARD_BELOW:
            # a phone's frame: one card per row (guide.render.layout.cards)
            return table_cards(
                block,
                columns,
                self.cell_paragraph,
                self.width,
                self.styles,
                self.fonts.body,
                (self.brand.palette.tint.hex, self.link_color),
            )
        size, widths = fit_columns(block, columns, self.width, self.fonts, s.table_cell.fontSize)
        head = sized(s.table_head, size)
        body = sized(s.table_cell, size)

        breaks = syllables(s.body.hyphenationLang)  # the guide's language

        def cell(c: m.TableCell, index: int, style: ParagraphStyle, role: str) -> Flowable:
            room = widths[index] - CELL_PADDING

            def width(word: str) -> float:
                return word_width(word, self.fonts, style.fontSize)

            inlines = soften_wide_words(
                c.inlines, lambda word: soften_to_fit(word, width, room, breaks)
            )
            return tag(Paragraph(self.markup(inlines), style), role)

        rows = [[cell(c, i, head, "TH") for i, c in enumerate(block.header[:columns])]]
        for row in block.rows:
            cells = [cell(c, i, body, "TD") for i, c in enumerate(row[:columns])]
            cells += [Spacer(0, 0)] * (columns - len(cells))
            rows.append(cells)
        if not block.header:
            rows = rows[1:]
        # Shares of the width, so that a table inside a list or callout narrows with it.
        shares = [f"{100 * w / sum(widths):.4f}%" for w in widths]
        table = Table(
            rows, colWidths=shares, repeatRows=1 if block.header else 0, splitInRow=1, hAlign="LEFT"
        )
        tint, accent = HexColor(self.brand.palette.tint.hex), HexColor(self.link_color)
        pad = CELL_PADDING / 2
        table.setStyle(
            table_style(
                self.fonts.body,
                [
                    ("BACKGROUND", (0, 0), (-1, 0), tint),
                    ("LINEBELOW", (0, 0), (-1, 0), 1.2, accent),
                    ("LINEBELOW", (0, 1), (-1, -1), 0.4, HexColor(self.brand.palette.muted.hex)),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("TOPPADDING", (0, 0), (-1, -1), 5),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
                    ("LEFTPADDING", (0, 0), (-1, -1), pad),
                    ("RIGHTPADDING", (0, 0), (-1, -1), pad),
                ],
            )
        )
        return tag(table, "Table", spaceAfter=s.body.spaceAfter, spaceBefore=4)

    def cell_paragraph(self, cell: m.TableCell, style: ParagraphStyle, role: str) -> Flowable:
        """One table cell's words as a paragraph with its structure role (TH, TD)."""
        return tag(Paragraph(self.markup(cell.inlines), style), role)

    def rule(
        self, width: str, thickness: float, before: float, after: float, align: str
    ) -> Flowable:
        """A short rule in the link colour, drawn as an artifact (a break, or above footnotes)."""
        line = HRFlowable(
            width=width,
            thickness=thickness,
            color=HexColor(self.link_color),
            spaceBefore=before,
            spaceAfter=after,
            hAlign=align,
        )
        return tag(line, "Artifact")

    def footnotes(self, block: m.Footnotes) -> list[Flowable]:
        """The footnotes at the end of a chapter."""
        s = self.styles
        out: list[Flowable] = [self.rule("25%", 0.6, 12, 6, "LEFT")]
        for note in block.notes:
            flows = self.render(note.blocks, s.footnote)
            if flows and isinstance(flows[0], Paragraph):
                first = flows[0]
                flows[0] = tag(
                    Paragraph(
                        f'<a name="{escape(note.anchor)}"/>{note.number}. {first.text}', s.footnote
                    ),
                    "Note",
                )
            out.extend(flows)
        return out


LIST_INDENT = 20.0  # points: a list item's text from its list's left edge
BOX_PADDING = 30.0  # points: a quote's or callout's left and right padding together
