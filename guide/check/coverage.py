"""Glyph coverage: every character of the guide has a font that draws it, read from the font files.
Takes the document model, the guide's configuration and the brand; hands on diagnostics, and the
:class:`Fallback` decision the renderer follows."""

# Imports no layout library.

# The rules, in one place:
#
# * A character is drawn by the face its block and emphasis select (a paragraph's bold run by
#   the body family's bold face, a heading by the heading family's bold face, and so on).
# * Characters that not every brand face has, but a fallback font (brand.toml ``[fonts]
#   fallback``) does, are drawn by the first such fallback font everywhere (``<font>`` runs made
#   by guide.render.text.markup.to_markup, following Fallback.font_for), so a guide looks the
#   same wherever the character is. A character that neither its face nor a fallback font has is
#   an error.
# * Text drawn straight on the canvas (diagram labels) and text from guide.toml (title, call to
#   action...) gets no fallback: every face that may draw it must have it.
# * White space that reportlab breaks lines at is never drawn, so it needs no glyph. Zero-width
#   and bidirectional control characters never get here: the sources stage removes them with a
#   warning (reportlab neither shapes nor reorders text, so they could only show as boxes).

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from guide import model as m
from guide.check.cmap import FontFileError, code_points
from guide.config.schema import Brand, GuideConfig
from guide.errors import Diagnostics, Location

# The characters reportlab's Paragraph breaks lines at (its ``paragraph._wsc``) and a newline.
# Written out here so the check stage needs no reportlab; tests/test_adapter.py compares it
# with reportlab's own, through guide.render.adapter.
BREAKING_SPACE = frozenset(
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
    "\u2007\u2008\u2009\u200a\u200b\u2028\u2029\u202f\u205f\u3000"
)
MAX_NAMED = 6  # characters named in one diagnostic


@dataclass(frozen=True)
class Faces:
    """The brand's font files by role, and its fallback font files in order."""

    body: Path
    body_italic: Path
    body_bold: Path
    body_bold_italic: Path
    heading: Path
    heading_italic: Path
    heading_bold: Path
    heading_bold_italic: Path
    fallbacks: tuple[Path, ...]

    @classmethod
    def of(cls, brand: Brand) -> Faces:
        """The faces a brand names."""
        b, h = brand.body_font, brand.heading_font
        return cls(
            b.regular,
            b.italic,
            b.bold,
            b.bold_italic,
            h.regular,
            h.italic,
            h.bold,
            h.bold_italic,
            brand.fallback_fonts,
        )

    @property
    def main(self) -> tuple[Path, ...]:
        """The eight faces of the two families."""
        return (
            self.body,
            self.body_italic,
            self.body_bold,
            self.body_bold_italic,
            self.heading,
            self.heading_italic,
            self.heading_bold,
            self.heading_bold_italic,
        )

    def face(self, family: str, bold: bool, italic: bool) -> Path:
        """The face that draws a run of ``family`` text with this emphasis."""
        if family == "heading":
            return (
                (self.heading_bold_italic if italic else self.heading_bold)
                if bold
                else (self.heading_italic if italic else self.heading)
            )
        return (
            (self.body_bold_italic if italic else self.body_bold)
            if bold
            else (self.body_italic if italic else self.body)
        )


def glyphs(path: Path) -> frozenset[int]:
    """The code points a font file draws (none when it cannot be read: check_coverage says so)."""
    try:
        return code_points(path)
    except FontFileError:
        return frozenset()


@dataclass(frozen=True)
class Fallback:
    """Which fallback font draws a character that not every brand face has."""

    primary: frozenset[int]  # code points every brand face has
    fonts: tuple[Path, ...]  # fallback font files, in the brand's order

    def font_for(self, char: str) -> Path | None:
        """The fallback font that draws ``char``, or None when the run's own face does."""
        code = ord(char)
        if code in self.primary or char in BREAKING_SPACE:
            return None
        for path in self.fonts:
            if code in glyphs(path):
                return path
        return None


@cache
def fallback_for(faces: Faces) -> Fallback | None:
    """The :class:`Fallback` of a brand's faces, or None when the brand has no fallback font."""
    if not faces.fallbacks:
        return None
    primary = frozenset.intersection(*(glyphs(face) for face in faces.main))
    return Fallback(primary, faces.fallbacks)


class _Checker:
    def __init__(self, faces: Faces, diagnostics: Diagnostics) -> None:
        self.faces = faces
        self.fallback = fallback_for(faces)
        self.diagnostics = diagnostics
        self.reported: set[tuple[str, str]] = set()  # (file, character): once per file
        self.found: dict[Location, dict[str, set[str]]] = {}

    def text(
        self, text: str, faces: Iterable[Path], location: Location, fallback: bool = True
    ) -> None:
        chars = set(text) - BREAKING_SPACE
        if not chars:
            return
        faces = tuple(faces)
        drawn = [glyphs(face) for face in faces]  # looked up once a run, not once a character
        for char in sorted(chars):
            code = ord(char)
            if all(code in points for points in drawn):
                continue
            if fallback and self.fallback is not None and self.fallback.font_for(char):
                continue
            self.missing(char, faces, location)

    def missing(self, char: str, faces: tuple[Path, ...], location: Location) -> None:
        key = (location.path, char)
        if key not in self.reported:
            self.reported.add(key)
            lacking = {face.stem for face in faces if ord(char) not in glyphs(face)}
            self.found.setdefault(location, {})[char] = lacking

    def report(self) -> None:
        # One error per line, naming each character (a pasted Chinese paragraph is one line
        # of diagnostics, not hundreds).
        for location, chars in self.found.items():
            shown = [
                f"{c!r} U+{ord(c):04X} ({unicodedata.name(c, 'unnamed').lower()})"
                if c.isprintable()
                else f"U+{ord(c):04X}"
                for c in chars
            ][:MAX_NAMED]
            more = f" and {len(chars) - MAX_NAMED} more" if len(chars) > MAX_NAMED else ""
            fonts = ", ".join(sorted(set().union(*chars.values())))
            one = len(chars) == 1
            what = "character" if one else "characters"
            self.diagnostics.error(
                f"{what} {', '.join(shown)}{more} {'is' if one else 'are'} in no "
                f"font of the brand (missing from "
                f"{fonts}); remove {'it' if one else 'them'}, or add a font that "
                f"has {'it' if one else 'them'} to brand.toml [fonts] fallback",
                location,
            )

    def inlines(
        self,
        inlines: tuple[m.Inline, ...],
        family: str,
        bold: bool,
        italic: bool,
        location: Location,
        extra: tuple[Path, ...] = (),
    ) -> None:
        for item in inlines:
            if isinstance(item, (m.Text, m.Code)):
                self.text(item.text, (self.faces.face(family, bold, italic), *extra), location)
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
        f = self.faces
        if isinstance(block, m.Heading):
            # Levels 1 and 2 are also listed in the contents, in the heading family.
            toc = (f.heading_bold if block.level == 1 else f.heading,) if block.level <= 2 else ()
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
            self.text(
                block.caption, (f.heading_bold, f.body_italic), block.location, fallback=False
            )
        elif isinstance(block, m.Footnotes):
            for note in block.notes:
                self.blocks(note.blocks, italic)


def _unreadable(brand: Brand, diagnostics: Diagnostics) -> bool:
    """Report each font file whose character map cannot be read; True when there was one."""
    from guide.config.toml_lines import KeyLines

    keys: dict[Path, tuple[str | int, ...]] = {}
    for family, fonts in (("body", brand.body_font), ("heading", brand.heading_font)):
        for role in ("regular", "italic", "bold", "bold_italic"):
            keys.setdefault(getattr(fonts, role), ("fonts", family, role))
    for path in brand.fallback_fonts:
        keys.setdefault(path, ("fonts", "fallback"))
    bad = False
    for path, key in keys.items():
        try:
            code_points(path)
        except FontFileError as exc:
            text = brand.source.read_text(encoding="utf-8-sig")
            location = Location(brand.source.as_posix(), KeyLines(text).line_of(*key))
            diagnostics.error(f"font '{path.name}' cannot be used: {exc}", location)
            bad = True
    return bad


def check_coverage(
    document: m.Document, config: GuideConfig, brand: Brand, diagnostics: Diagnostics
) -> None:
    """Report every character of the guide that no font will draw (once per file)."""
    from guide.config.load import location_of
    from guide.i18n import catalogue

    faces = Faces.of(brand)
    if _unreadable(brand, diagnostics):
        return
    checker = _Checker(faces, diagnostics)
    for chapter in document.chapters:
        checker.blocks(chapter.blocks)
    checker.blocks(document.disclaimer)
    every = (faces.body, faces.body_bold, faces.heading, faces.heading_bold)
    cta, contact = config.call_to_action, config.contact
    texts: list[tuple[tuple[str | int, ...], str]] = [
        (("title",), config.title),
        (("subtitle",), config.subtitle),
        (("audience",), config.audience),
        (("author",), config.author),
        (("footer_note",), config.footer_note),
        (("call_to_action", "heading"), cta.heading),
        (("call_to_action", "text"), cta.text),
        (("call_to_action", "label"), cta.label),
        (("call_to_action", "url"), cta.url),
        (("contact", "website"), contact.website),
        (("contact", "email"), contact.email),
        (("contact", "phone"), contact.phone),
    ]
    texts += [(("related", i, "title"), r.title) for i, r in enumerate(config.related)]
    for key, text in texts:  # the TOML file is read for a line only when something is missing
        if any(ord(c) not in glyphs(face) for c in set(text) - BREAKING_SPACE for face in every):
            checker.text(text, every, location_of(config, *key), fallback=False)
    words = catalogue(config.language)  # the builder's own words in the guide's language
    if words.source:
        checker.text(
            "".join(words.entries.values()), every, Location(words.source, 1), fallback=False
        )
    checker.report()
