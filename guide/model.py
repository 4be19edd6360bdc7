"""The document model: what the parse stage hands to the check and render stages."""

# Frozen dataclasses only. This module imports neither markdown nor reportlab, so parsing and
# rendering are tested apart. Every block carries its :class:`~guide.errors.Location` so that the
# check stage can point at the Markdown line, and its role is its type: the renderer tags it, the
# outline and table of contents are built from it.

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Union

from guide.errors import Location

if TYPE_CHECKING:  # the diagram spec is a model of its own, owned by guide.diagrams
    from guide.diagrams.spec import DiagramSpec

# --- inline content -----------------------------------------------------------------------


@dataclass(frozen=True)
class Text:
    """Plain text."""

    text: str


@dataclass(frozen=True)
class Emphasis:
    """Emphasised (italic) inlines."""

    children: tuple[Inline, ...]


@dataclass(frozen=True)
class Strong:
    """Strong (bold) inlines."""

    children: tuple[Inline, ...]


@dataclass(frozen=True)
class Code:
    """Inline code."""

    text: str


@dataclass(frozen=True)
class Link:
    """A clickable link. After parsing, ``href`` is as written, absolute (a relative one joined
    to the guide's ``base_url``), or ``#destination`` (a heading's or footnote's anchor)."""

    href: str
    children: tuple[Inline, ...]
    # Its own line, when the parse stage could find it (not part of what the link is).
    location: Location | None = field(default=None, compare=False)


@dataclass(frozen=True)
class FootnoteRef:
    """A reference to a footnote, by number and anchor."""

    number: int
    anchor: str


@dataclass(frozen=True)
class LineBreak:
    """A hard line break."""

    pass


Inline = Union[Text, Emphasis, Strong, Code, Link, FootnoteRef, LineBreak]  # noqa: UP007


def plain_text(inlines: tuple[Inline, ...]) -> str:
    """The text a reader sees, without markup (footnote references become their number)."""
    parts: list[str] = []
    for item in inlines:
        if isinstance(item, (Text, Code)):
            parts.append(item.text)
        elif isinstance(item, (Emphasis, Strong, Link)):
            parts.append(plain_text(item.children))
        elif isinstance(item, FootnoteRef):
            parts.append(str(item.number))
        elif isinstance(item, LineBreak):
            parts.append("\n")
    return "".join(parts)


# --- blocks -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Heading:
    """A heading of level 1 to 6 with its anchor."""

    level: int  # 1 = chapter title
    inlines: tuple[Inline, ...]
    anchor: str  # the PDF destination
    location: Location
    lang: str = ""  # its language when it differs from the guide's (its /Lang), else ""
    ids: tuple[str, ...] = ()  # what a ``#link`` may call it: its Markdown id ({#id} or toc's)

    @property
    def text(self) -> str:
        """The heading's plain text."""
        return plain_text(self.inlines)


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of inlines."""

    inlines: tuple[Inline, ...]
    location: Location
    lang: str = ""  # its language when it differs from the guide's (its /Lang), else ""
    anchor: str = ""  # a PDF destination at its start (a key term's entry), else ""
    title: str = ""  # what a link to ``anchor`` says it goes to (the term), else ""


@dataclass(frozen=True)
class ListItem:
    """One item of a list."""

    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class ListBlock:
    """A bulleted or numbered list."""

    ordered: bool
    items: tuple[ListItem, ...]
    location: Location
    start: int = 1


@dataclass(frozen=True)
class BlockQuote:
    """A quotation."""

    blocks: tuple[Block, ...]
    location: Location


@dataclass(frozen=True)
class Callout:
    """An admonition box such as the "Expert Take"; ``kind`` is the admonition's class."""

    kind: str
    title: str
    blocks: tuple[Block, ...]
    location: Location


@dataclass(frozen=True)
class CodeBlock:
    """A block of preformatted text."""

    text: str
    language: str
    location: Location


@dataclass(frozen=True)
class TableCell:
    """One table cell and its alignment."""

    inlines: tuple[Inline, ...]
    align: str = "left"  # left | center | right


@dataclass(frozen=True)
class Table:
    """A table: a header row and body rows."""

    header: tuple[TableCell, ...]
    rows: tuple[tuple[TableCell, ...], ...]
    location: Location


@dataclass(frozen=True)
class Image:
    """A picture from the guide's folder or ``assets/`` (PNG, JPEG or SVG)."""

    source: str  # as written in the Markdown
    path: Path | None  # resolved by the load stage; None when it could not be resolved
    alt: str
    caption: str
    location: Location
    number: int = 0  # figure number, set when the figure has a caption


@dataclass(frozen=True)
class Diagram:
    """A declarative figure written as a fenced ``diagram`` block."""

    spec: DiagramSpec
    location: Location
    number: int = 0

    @property
    def alt(self) -> str:
        """The diagram's alt text."""
        return self.spec.alt

    @property
    def caption(self) -> str:
        """The diagram's caption."""
        return self.spec.caption


@dataclass(frozen=True)
class Rule:
    """A horizontal rule."""

    location: Location


@dataclass(frozen=True)
class PageBreak:
    """A forced page break."""

    location: Location


@dataclass(frozen=True)
class Footnote:
    """One footnote's number, anchor and blocks."""

    number: int
    anchor: str  # the PDF destination
    blocks: tuple[Block, ...]
    ids: tuple[str, ...] = ()  # what a ``#link`` may call it ("fn:1", as Python-Markdown)


@dataclass(frozen=True)
class Footnotes:
    """The notes of one chapter, rendered at its end."""

    notes: tuple[Footnote, ...]
    location: Location


# A Union of forward references (the classes are defined above, the model is recursive).
Block = Union[  # noqa: UP007
    Heading,
    Paragraph,
    ListBlock,
    BlockQuote,
    Callout,
    CodeBlock,
    Table,
    Image,
    Diagram,
    Rule,
    PageBreak,
    Footnotes,
]

# --- the whole guide ----------------------------------------------------------------------


@dataclass(frozen=True)
class Chapter:
    """One Markdown file of the guide; its first heading is the chapter title."""

    source: str  # path relative to the guide folder
    blocks: tuple[Block, ...]

    @property
    def title(self) -> Heading | None:
        """The chapter's level-1 heading, if it begins with one."""
        for block in self.blocks:
            if isinstance(block, Heading):
                return block
        return None


@dataclass(frozen=True)
class Document:
    """The parsed guide: chapters of the body, and the disclaimer's blocks."""

    chapters: tuple[Chapter, ...]
    disclaimer: tuple[Block, ...] = ()
    figures: tuple[Image | Diagram, ...] = field(default=())

    def headings(self) -> list[Heading]:
        """Every heading of every chapter, in order."""
        return [b for c in self.chapters for b in walk(c.blocks) if isinstance(b, Heading)]


def walk(blocks: tuple[Block, ...]) -> list[Block]:
    """Every block, depth first, in reading order (containers before their children)."""
    out: list[Block] = []
    for block in blocks:
        out.append(block)
        if isinstance(block, (BlockQuote, Callout)):
            out.extend(walk(block.blocks))
        elif isinstance(block, ListBlock):
            for item in block.items:
                out.extend(walk(item.blocks))
        elif isinstance(block, Footnotes):
            for note in block.notes:
                out.extend(walk(note.blocks))
    return out
