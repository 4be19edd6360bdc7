"""Register the brand's TrueType fonts with reportlab, once per process and font file. Takes a
:class:`~guide.config.schema.Brand`; hands on a :class:`FontSet` of reportlab font names by role."""

# Fonts are embedded and subset by reportlab (TrueType subsetting). Registration happens when a
# build asks for it, never at import.

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from guide.config.schema import Brand, FontFamily


@dataclass(frozen=True)
class FontSet:
    """reportlab font names for each role; families map <b>/<i> in paragraph markup."""

    body: str
    body_italic: str
    body_bold: str
    body_bold_italic: str
    heading: str
    heading_italic: str
    heading_bold: str
    heading_bold_italic: str
    fallbacks: tuple[str, ...]


@cache
def register_file(path: Path) -> str:
    """Register one font file and return its reportlab name (stable: the file's stem)."""
    name = path.stem
    pdfmetrics.registerFont(TTFont(name, str(path)))
    return name


def _family(family: FontFamily) -> tuple[str, str, str, str]:
    names = (
        register_file(family.regular),
        register_file(family.italic),
        register_file(family.bold),
        register_file(family.bold_italic),
    )
    regular, italic, bold, bold_italic = names
    addMapping(regular, 0, 0, regular)
    addMapping(regular, 0, 1, italic)
    addMapping(regular, 1, 0, bold)
    addMapping(regular, 1, 1, bold_italic)
    return names


def register_fonts(brand: Brand) -> FontSet:
    """Register the brand's fonts with reportlab and name them by role."""
    body = _family(brand.body_font)
    heading = _family(brand.heading_font)
    fallbacks = tuple(register_file(path) for path in brand.fallback_fonts)
    return FontSet(*body, *heading, fallbacks)
