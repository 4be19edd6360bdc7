"""Glyph coverage: before anything is laid out, every character must have a font that draws it.

Takes the document model, the guide's configuration and the brand; hands on diagnostics (a
character no font has: file, line, the character and its code point) and, for the block
renderer, a :class:`Fallback` that says which characters the brand's fallback fonts draw.

The rules, in one place:

* A character is drawn by the face its block and emphasis select (a paragraph's bold run by the
  body family's bold face, a heading by the heading family's bold face, and so on).
* Characters that not every brand face has, but a fallback font (brand.toml ``[fonts]
  fallback``) does, are drawn by the first such fallback font everywhere (``<font>`` runs made
  by :func:`guide.render.text.markup.to_markup`), so a guide looks the same wherever the character
  is. A character that neither its face nor a fallback font has is an error.
* Text drawn straight on the canvas (diagram labels) and text from guide.toml (title, call to
  action...) gets no fallback: every face that may draw it must have it.
* White space that reportlab breaks lines at is never drawn, so it needs no glyph. Zero-width
  and bidirectional control characters never get here: the sources stage removes them with a
  warning (reportlab neither shapes nor reorders text, so they could only show as boxes).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from reportlab.pdfbase import pdfmetrics
from reportlab.platypus.paragraph import _wsc

from guide import model as m
from guide.config.schema import Brand, GuideConfig
from guide.errors import Diagnostics, Location
from guide.render.text.fonts import FontSet, register_fonts

_BREAKING_SPACE = frozenset(_wsc) | {"\n"}
MAX_NAMED = 6  # characters named in one diagnostic


@cache
def glyphs(font_name: str) -> frozenset[int]:
    """The code points a registered TrueType font has glyphs for."""
    font = pdfmetrics.getFont(font_name)
    return frozenset(font.face.charToGlyph)


@dataclass(frozen=True)
class Fallback:
    """Which fallback font draws a character that not every brand face has."""

    primary: frozenset[int]  # code points every brand face has
    fonts: tuple[str, ...]  # fallback font names, in the brand's order

    def font_for(self, char: str) -> str | None:
        code = ord(char)
        if code in self.primary or char in _BREAKING_SPACE:
            return None
        for name in self.fonts:
            if code in glyphs(name):
                return name
        return None


def _faces(fonts: FontSet) -> tuple[str, ...]:
    return (fonts.body, fonts.body_italic, fonts.body_bold, fonts.body_bold_italic,
            fonts.heading, fonts.heading_italic, fonts.heading_bold, fonts.heading_bold_italic)


@cache
def fallback_for(fonts: FontSet) -> Fallback | None:
    """The :class:`Fallback` of a registered font set, or None when the brand has none."""
    if not fonts.fallbacks:
        return None
    from reportlab.lib.fonts import addMapping

    for name in fonts.fallbacks:  # <b> and <i> inside a fallback run keep the fallback font
        for bold in (0, 1):
            for italic in (0, 1):
                addMapping(name, bold, italic, name)
    primary = frozenset.intersection(*(glyphs(face) for face in _faces(fonts)))
    return Fallback(primary, fonts.fallbacks)


class _Checker:
    def __init__(self, fonts: FontSet, diagnostics: Diagnostics) -> None:
        self.fonts = fonts
        self.fallback = fallback_for(fonts)
        self.diagnostics = diagnostics
        self.reported: set[tuple[str, str]] = set()  # (file, character): once per file
        self.found: dict[Location, dict[str, set[str]]] = {}

    def face(self, family: str, bold: bool, italic: bool) -> str:
        f = self.fonts
        if family == "heading":
            return ((f.heading_bold_italic if italic else f.heading_bold) if bold
                    else (f.heading_italic if italic else f.heading))
        return ((f.body_bold_italic if italic else f.body_bold) if bold
                else (f.body_italic if italic else f.body))

    def text(self, text: str, faces: Iterable[str], location: Location,
             fallback: bool = True) -> None:
        chars = set(text) - _BREAKING_SPACE
        if not chars:
            return
        faces = tuple(faces)
        for char in sorted(chars):
            code = ord(char)
            if all(code in glyphs(face) for face in faces):
                continue
            if fallback and self.fallback is not None and self.fallback.font_for(char):
                continue
            self.missing(char, faces, location)

    def missing(self, char: str, faces: tuple[str, ...], location: Location) -> None:
        key = (location.path, char)
        if key not in self.reported:
            self.reported.add(key)
            lacking = {face for face in faces if ord(char) not in glyphs(face)}
            self.found.setdefault(location, {})[char] = lacking

    def report(self) -> None:
        """One error per line, naming each character (a pasted Chinese paragraph is one line
        of diagnostics, not hundreds)."""
        for location, chars in self.found.items():
            shown = [f"{c!r} U+{ord(c):04X} ({unicodedata.name(c, 'unnamed').lower()})"
                     if c.isprintable() else f"U+{ord(c):04X}" for c in chars][:MAX_NAMED]
            more = f" and {len(chars) - MAX_NAMED} more" if len(chars) > MAX_NAMED else ""
            fonts = ", ".join(sorted(set().union(*chars.values())))
            what = "character" if len(chars) == 1 else "characters"
            self.diagnostics.error(
                f"{what} {', '.join(shown)}{more} {'is' if len(chars) == 1 else 'are'} in no "
                f"font of the brand (missing from "
                f"{fonts}); remove {'it' if len(chars) == 1 else 'them'}, or add a font that "
                f"has {'it' if len(chars) == 1 else 'them'} to brand.toml [fonts] fallback",
                location)

    def inlines(self, inlines: tuple[m.Inline, ...], family: str, bold: bool, italic: bool,
                location: Location, extra: tuple[str, ...] = ()) -> None:
        for item in inlines:
            if isinstance(item, (m.Text, m.Code)):
                self.text(item.text, (self.face(family, bold, italic), *extra), location)
            elif isinstance(item, m.Strong):
                self.inlines(item.children, family, True, italic, location, extra)
            elif isinstance(item, m.Emphasis):
                self.inlines(item.children, family, bold, True, location, extra)
            elif isinstance(item, m.Link):
                self.inlines(item.children, family, bold, italic, location, extra)

    def blocks(self, blocks: tuple[m.Block, ...], italic: bool = False) -> None:
        for block in blocks:
            self.block(block, italic)

    def block(self, block: m.Block, italic: bool) -> None:
        f = self.fonts
        if isinstance(block, m.Heading):
            # Levels 1 and 2 are also listed in the contents, in the heading family.
            toc = (f.heading_bold if block.level == 1 else f.heading,) if block.level <= 2 \
                else ()
            self.inlines(block.inlines, "heading", True, False, block.location, toc)
        elif isinstance(block, m.Paragraph):
            self.inlines(block.inlines, "body", False, italic, block.location)
        elif isinstance(block, m.ListBlock):
            for item in block.items:
                self.blocks(item.blocks, italic)
        elif isinstance(block, m.BlockQuote):
            self.blocks(block.blocks, True)  # quotes are set in italic
        elif isinstance(block, m.Callout):
            self.text(block.title, (f.heading_bold,), block.location)
            self.blocks(block.blocks, italic)
        elif isinstance(block, m.CodeBlock):
            self.text(block.text, (f.heading,), block.location)
        elif isinstance(block, m.Table):
            for cell in block.header:
                self.inlines(cell.inlines, "heading", True, False, block.location)
            for row in block.rows:
                for cell in row:
                    self.inlines(cell.inlines, "body", False, False, block.location)
        elif isinstance(block, m.Image):
            self.text(block.caption, (f.heading,), block.location)
        elif isinstance(block, m.Diagram):
            for text in block.spec.texts:
                self.text(text, (f.heading, f.heading_bold), block.location, fallback=False)
            self.text(block.caption, (f.heading_bold, f.body_italic), block.location,
                      fallback=False)
        elif isinstance(block, m.Footnotes):
            for note in block.notes:
                self.blocks(note.blocks, italic)


def check_coverage(document: m.Document, config: GuideConfig, brand: Brand,
                   diagnostics: Diagnostics) -> None:
    """Report every character of the guide that no font will draw (once per file)."""
    from guide.config.load import location_of
    from guide.i18n import catalogue

    checker = _Checker(register_fonts(brand), diagnostics)
    for chapter in document.chapters:
        checker.blocks(chapter.blocks)
    checker.blocks(document.disclaimer)
    f = checker.fonts
    every = (f.body, f.body_bold, f.heading, f.heading_bold)
    cta, contact = config.call_to_action, config.contact
    texts: list[tuple[tuple[str | int, ...], str]] = [
        (("title",), config.title), (("subtitle",), config.subtitle),
        (("audience",), config.audience), (("author",), config.author),
        (("footer_note",), config.footer_note),
        (("call_to_action", "heading"), cta.heading), (("call_to_action", "text"), cta.text),
        (("call_to_action", "label"), cta.label), (("call_to_action", "url"), cta.url),
        (("contact", "website"), contact.website), (("contact", "email"), contact.email),
        (("contact", "phone"), contact.phone),
    ]
    texts += [(("related", i, "title"), r.title) for i, r in enumerate(config.related)]
    for key, text in texts:  # the TOML file is read for a line only when something is missing
        if any(ord(c) not in glyphs(face) for c in set(text) - _BREAKING_SPACE for face in every):
            checker.text(text, every, location_of(config, *key), fallback=False)
    words = catalogue(config.language)  # the builder's own words in the guide's language
    if words.source:
        checker.text("".join(words.entries.values()), every, Location(words.source, 1),
                     fallback=False)
    checker.report()
