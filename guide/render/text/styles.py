"""Paragraph styles derived from the brand: one place for every size, colour and spacing.

Takes a Brand and a FontSet; hands on a :class:`Styles` of reportlab ``ParagraphStyle``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reportlab.lib.colors import Color, HexColor
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import TableStyle

from guide.config.schema import Brand
from guide.i18n import hyphenation_language
from guide.render.layout.safety import bounded_hyphenator
from guide.render.text.fonts import FontSet


def color(hex_value: str) -> Color:
    """A reportlab colour from ``"#rrggbb"``."""
    return HexColor(hex_value)


def table_style(font: str, commands: list[tuple[Any, ...]]) -> TableStyle:
    """A TableStyle whose cells select ``font``: reportlab's default cell font is Helvetica,
    a standard-14 font that would be referenced (never embedded) by every table."""
    return TableStyle([("FONT", (0, 0), (-1, -1), font), *commands])


@dataclass(frozen=True)
class Styles:
    """The paragraph styles of a guide, by role."""

    body: ParagraphStyle
    list_body: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    h3: ParagraphStyle
    h4: ParagraphStyle
    eyebrow: ParagraphStyle
    callout_title: ParagraphStyle
    callout_body: ParagraphStyle
    quote: ParagraphStyle
    caption: ParagraphStyle
    table_head: ParagraphStyle
    table_cell: ParagraphStyle
    footnote: ParagraphStyle
    code: ParagraphStyle
    toc_chapter: ParagraphStyle
    toc_section: ParagraphStyle
    small: ParagraphStyle


def make_styles(brand: Brand, fonts: FontSet, language: str = "en-US") -> Styles:
    """Every style, hyphenating in ``language`` (the guide's) unless the brand switches it off."""
    p = brand.palette
    t = brand.type_scale
    ink, primary, accent, muted = (color(c.hex) for c in (p.ink, p.primary, p.accent, p.muted))
    ratio = t.leading / t.body_size
    body = ParagraphStyle(
        "body",
        fontName=fonts.body,
        fontSize=t.body_size,
        leading=t.leading,
        textColor=ink,
        spaceAfter=t.leading * 0.6,
        alignment=TA_LEFT,
        allowWidows=0,
        allowOrphans=0,
        # Hyphenate only long words (a ragged right edge reads better than many broken
        # words), and never very long ones (see bounded_hyphenator).
        hyphenationLang=bounded_hyphenator(hyphenation_language(brand.hyphenation, language)),
        hyphenationMinWordLength=11,
        embeddedHyphenation=1,
        uriWasteReduce=0.3,
        splitLongWords=1,
    )

    def heading(
        name: str, size: float, before: float, after: float, text_color: Color = primary
    ) -> ParagraphStyle:
        return ParagraphStyle(
            name,
            parent=body,
            fontName=fonts.heading_bold,
            fontSize=size,
            leading=round(size * 1.2, 1),
            textColor=text_color,
            spaceBefore=before,
            spaceAfter=after,
            keepWithNext=1,
            hyphenationLang="",
        )

    small_lead = round(t.small * ratio, 1)
    return Styles(
        body=body,
        list_body=ParagraphStyle("list_body", parent=body, spaceAfter=t.leading * 0.35),
        h1=heading("h1", t.h1, 0, t.leading * 1.2),
        h2=heading("h2", t.h2, t.leading * 1.1, t.leading * 0.45),
        h3=heading("h3", t.h3, t.leading * 0.8, t.leading * 0.3),
        h4=heading("h4", t.body_size, t.leading * 0.6, t.leading * 0.2, ink),
        eyebrow=ParagraphStyle(
            "eyebrow",
            parent=body,
            fontName=fonts.heading_bold,
            fontSize=t.small,
            leading=t.small * 1.3,
            textColor=accent,
            spaceAfter=6,
            hyphenationLang="",
            keepWithNext=1,
        ),
        callout_title=ParagraphStyle(
            "callout_title",
            parent=body,
            fontName=fonts.heading_bold,
            fontSize=t.h3,
            leading=t.h3 * 1.25,
            textColor=primary,
            spaceAfter=6,
            hyphenationLang="",
            keepWithNext=1,
        ),
        callout_body=ParagraphStyle("callout_body", parent=body, spaceAfter=t.leading * 0.4),
        quote=ParagraphStyle("quote", parent=body, fontName=fonts.body_italic, textColor=ink),
        caption=ParagraphStyle(
            "caption",
            parent=body,
            fontName=fonts.heading,
            fontSize=t.small,
            leading=small_lead,
            textColor=muted,
            spaceBefore=6,
            hyphenationLang="",
        ),
        table_head=ParagraphStyle(
            "table_head",
            parent=body,
            fontName=fonts.heading_bold,
            fontSize=t.small,
            leading=small_lead,
            textColor=primary,
            spaceAfter=0,
            hyphenationLang="",
        ),
        table_cell=ParagraphStyle(
            "table_cell", parent=body, fontSize=t.small, leading=small_lead, spaceAfter=0
        ),
        footnote=ParagraphStyle(
            "footnote", parent=body, fontSize=t.small, leading=small_lead, spaceAfter=4
        ),
        code=ParagraphStyle(
            "code",
            parent=body,
            fontName=fonts.heading,
            fontSize=t.small,
            leading=small_lead,
            hyphenationLang="",
            leftIndent=12,
        ),
        toc_chapter=ParagraphStyle(
            "toc_chapter",
            parent=body,
            fontName=fonts.heading_bold,
            fontSize=t.body_size + 1,
            leading=(t.body_size + 1) * 1.3,
            textColor=primary,
            hyphenationLang="",
        ),
        toc_section=ParagraphStyle(
            "toc_section",
            parent=body,
            fontName=fonts.heading,
            fontSize=t.body_size,
            leading=t.body_size * 1.3,
            hyphenationLang="",
        ),
        small=ParagraphStyle(
            "small",
            parent=body,
            fontName=fonts.heading,
            fontSize=t.small,
            leading=small_lead,
            textColor=muted,
            hyphenationLang="",
        ),
    )
