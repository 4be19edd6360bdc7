"""Read PDFs the way readers do, with the test extra's libraries only (no Debian tool): page text
(PDFium), lines and the text of each structure element (pdfminer.six), outline, metadata and
fonts (pypdf); and the one normaliser that makes any reader's text comparable. Holds no tests.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
from pdfminer.high_level import extract_pages
from pdfminer.layout import LAParams, LTTextContainer, LTTextLine
from pdfminer.pdfcolor import PDFColorSpace
from pdfminer.pdfdevice import PDFDevice, PDFTextSeq
from pdfminer.pdffont import PDFUnicodeNotDefined
from pdfminer.pdfinterp import (
    PDFGraphicState,
    PDFPageInterpreter,
    PDFResourceManager,
    PDFStackT,
    PDFTextState,
)
from pdfminer.pdfpage import PDFPage
from pdfminer.psparser import PSLiteral
from pypdf import PdfReader
from pypdf.generic import Destination

from tests.tagcheck import Node, structure, walk

# --- the normaliser ---------------------------------------------------------------------------

_SPACES = {"\u00a0": " ", "\u202f": " ", "\u2007": " "}  # no-break spaces -> space
_INVISIBLE = {"\u200b": "", "\ufeff": ""}  # zero-width space, byte-order mark
_HYPHENS = {"\u2010": "-", "\u2011": "-"}  # hyphen, non-breaking hyphen -> ASCII hyphen
_TRANSLATE = str.maketrans({**_SPACES, **_INVISIBLE, **_HYPHENS})
# A hyphen that line breaking added, as each reader reports it: the soft hyphen the builder
# draws (U+00AD: pdfminer, pypdf and poppler pass it on), or the marker PDFium puts in place of
# a hyphen at a line end (U+FFFE in pypdfium2 5, U+0002 before), after which PDFium also drops
# the line break. PDFium marks a word's own hyphen ("Disc-|Driven") the same way, so its text
# loses that hyphen: compare PDFium's text without hyphens where a hyphenated word may end a
# line (pdfminer's structure text keeps them).
_BREAK_HYPHEN = re.compile(r"[\u00ad\ufffe\u0002][ \t]*\n?[ \t]*")
# A hyphen drawn at a line end is the word's own (the builder breaks words with soft hyphens):
# the hyphen stays, the lines are joined.
_LINE_END_HYPHEN = re.compile(r"(?<=\w)-[ \t]*\n[ \t]*(?=\w)")


def normalize(text: str) -> str:
    """``text`` with its layout removed, so that any reader's text compares with the source.

    In order: line endings become ``\\n``; no-break spaces become spaces, zero-width spaces and
    byte-order marks go, U+2010 and U+2011 become "-"; a break hyphen (U+00AD, U+FFFE, U+0002)
    goes with the line break after it ("inflamma\\u00ad\\ntory" → "inflammatory"); a hyphen at a
    line end joins its lines and stays ("Disc-\\nDriven" → "Disc-Driven"); every run of
    whitespace becomes one space and the ends are stripped. Typographic quotes and dashes stay.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(_TRANSLATE)
    text = _BREAK_HYPHEN.sub("", text)
    text = _LINE_END_HYPHEN.sub("-", text)
    return re.sub(r"\s+", " ", text).strip()


# --- page text and lines ----------------------------------------------------------------------


def page_texts(path: Path) -> list[str]:
    """Each page's text as PDFium reads it, lines separated by ``\\n`` (hyphen markers kept:
    pass it through :func:`normalize` before comparing words)."""
    pdf = pdfium.PdfDocument(str(path))
    try:
        pages = []
        for page in pdf:
            textpage = page.get_textpage()
            pages.append(textpage.get_text_range().replace("\r\n", "\n").replace("\r", "\n"))
            textpage.close()
            page.close()
        return pages
    finally:
        pdf.close()


def page_lines(path: Path, pages: list[int] | None = None) -> list[list[str]]:
    """Each page's lines of text as drawn, top to bottom (pdfminer's layout analysis; text
    inside figures is left out), soft hyphens kept, trailing spaces stripped."""
    out = []
    for layout in extract_pages(str(path), page_numbers=pages, laparams=LAParams()):
        found: list[LTTextLine] = []
        for element in layout:
            if isinstance(element, LTTextContainer):
                found.extend(line for line in element if isinstance(line, LTTextLine))
        found.sort(key=lambda line: (-round(line.y1), line.x0))
        out.append([line.get_text().rstrip() for line in found if line.get_text().strip()])
    return out


# --- the structure tree's text ----------------------------------------------------------------


class _MarkedText(PDFDevice):
    """A pdfminer device that collects the text drawn inside each marked-content id (no layout
    analysis: the characters as the content stream draws them)."""

    def __init__(self, resources: PDFResourceManager) -> None:
        super().__init__(resources)
        self.open: list[int | None] = []  # MCID of each open BDC/BMC (None: no MCID)
        self.text: dict[int, list[str]] = {}

    def begin_tag(self, tag: PSLiteral, props: PDFStackT | None = None) -> None:
        mcid = props.get("MCID") if isinstance(props, dict) else None
        self.open.append(mcid if isinstance(mcid, int) else None)

    def end_tag(self) -> None:
        if self.open:
            self.open.pop()

    def render_string(
        self,
        textstate: PDFTextState,
        seq: PDFTextSeq,
        ncs: PDFColorSpace,
        graphicstate: PDFGraphicState,
    ) -> None:
        mcid = next((m for m in reversed(self.open) if m is not None), None)
        font = textstate.font
        if mcid is None or font is None:
            return
        out = self.text.setdefault(mcid, [])
        for chunk in seq:
            if isinstance(chunk, bytes):
                for cid in font.decode(chunk):
                    try:
                        out.append(font.to_unichr(cid))
                    except PDFUnicodeNotDefined:
                        out.append(f"(cid:{cid})")


def marked_text(path: Path) -> dict[tuple[int, int], str]:
    """(page index, MCID) → the characters drawn inside that marked content, in drawing order,
    exactly as drawn: a screen reader's text (no line breaks added; soft hyphens kept)."""
    out: dict[tuple[int, int], str] = {}
    resources = PDFResourceManager()
    with path.open("rb") as file:
        for index, page in enumerate(PDFPage.get_pages(file)):
            device = _MarkedText(resources)
            PDFPageInterpreter(resources, device).process_page(page)
            out.update(((index, mcid), "".join(chars)) for mcid, chars in device.text.items())
    return out


def raw_text(node: Node, marked: dict[tuple[int, int], str]) -> str:
    """The text of ``node``'s marked content and of its descendants', in reading order."""
    return "".join(
        marked.get(item, "") if isinstance(item, tuple) else raw_text(item, marked)
        for item in node.content
    )


@dataclass(frozen=True)
class Element:
    """A structure element that holds content: its path of types below Document ("L/LI/LBody"),
    its normalised text (descendants included), its alternate description and the indexes of
    the pages its content is drawn on."""

    path: str
    text: str
    alt: str = ""
    pages: tuple[int, ...] = ()

    @property
    def type(self) -> str:
        """The element's own structure type ("LBody" for "L/LI/LBody")."""
        return self.path.rpartition("/")[2]


def elements(path: Path) -> list[Element]:
    """Every element that holds marked content itself or has an /Alt, in reading order; its
    descendants are part of its text, not listed apart."""
    _, root = structure(path)
    marked = marked_text(path)
    [document] = root.kids
    out: list[Element] = []

    def visit(node: Node, trail: str) -> None:
        here = f"{trail}/{node.type}" if trail else node.type
        if node.mcids or "/Alt" in node.obj:
            pages = sorted({page for kid in walk(node) for page, _ in kid.mcids})
            out.append(
                Element(
                    here,
                    normalize(raw_text(node, marked)),
                    str(node.obj.get("/Alt", "")),
                    tuple(pages),
                )
            )
            return
        for kid in node.kids:
            visit(kid, here)

    for kid in document.kids:
        visit(kid, "")
    return out


def reading_text(path: Path) -> str:
    """The whole guide as a screen reader reads it (the structure tree's text, normalised):
    what is drawn as content, without page furniture."""
    return " ".join(e.text for e in elements(path) if e.text)


# --- outline, fonts ---------------------------------------------------------------------------


def outline(path: Path) -> list[tuple[int, str, int]]:
    """(level, title, page index) for every outline entry, in order."""
    reader = PdfReader(str(path))
    out: list[tuple[int, str, int]] = []

    def walk(items: list[Any], level: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, level + 1)
            else:
                assert isinstance(item, Destination)
                page = reader.get_destination_page_number(item)
                assert page is not None, item.title
                out.append((level, str(item.title), page))

    walk(reader.outline, 0)
    return out


def fonts(path: Path) -> dict[str, bool]:
    """Base font name → embedded?, for every font used on any page (forms included)."""
    reader = PdfReader(str(path))
    found: dict[str, bool] = {}

    def scan(resources: Any) -> None:
        if resources is None:
            return
        res = resources.get_object()
        for ref in (res.get("/Font") or {}).values():
            font = ref.get_object()
            descendants = font.get("/DescendantFonts")
            desc_font = descendants[0].get_object() if descendants else font
            descriptor = desc_font.get("/FontDescriptor")
            embedded = bool(descriptor) and any(
                k in descriptor.get_object() for k in ("/FontFile", "/FontFile2", "/FontFile3")
            )
            found[str(font.get("/BaseFont"))] = embedded
        for xobject in (res.get("/XObject") or {}).values():
            scan(xobject.get_object().get("/Resources"))

    for page in reader.pages:
        scan(page.get("/Resources"))
    return found
