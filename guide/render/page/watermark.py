"""The DRAFT watermark: a large diagonal word across every page of a draft edition. Takes the
canvas, brand, fonts and edition; draws nothing for a released edition."""

# Drawn first on each page (over the cover band, under the content: it never hides the QR code or
# the back cover's links), translucent, outlined so that it shows on both the paper and the
# brand's deep colour. Page furniture (an artifact), never content.

from __future__ import annotations

from typing import Any

from reportlab.lib.colors import HexColor

from guide.config.schema import Brand
from guide.edition import Edition
from guide.render.text.fonts import FontSet


def draw_draft_watermark(
    canv: Any, brand: Brand, fonts: FontSet, edition: Edition, word: str = "DRAFT"
) -> None:
    """The diagonal ``word`` (the catalogue's ``draft_mark``) on a draft's page."""
    if not edition.draft:
        return
    w, h = brand.page_width, brand.page_height
    # A longer word than "DRAFT" ("BORRADOR") gets smaller: at most 3/4 of the diagonal.
    size = min(
        min(w, h) * 0.26,
        0.75 * (w * w + h * h) ** 0.5 / canv.stringWidth(word, fonts.heading_bold, 1),
    )
    canv.saveState()
    canv.translate(w / 2, h / 2)
    canv.rotate(45)
    canv.setFont(fonts.heading_bold, size)
    canv.setFillColor(HexColor(brand.palette.muted.hex), alpha=0.16)
    canv.setStrokeColor(HexColor(brand.palette.paper.hex), alpha=0.45)
    canv.setLineWidth(1.5)
    text = canv.beginText()
    text.setTextRenderMode(2)  # fill, then stroke the outline
    text.setFont(fonts.heading_bold, size)
    text.setTextOrigin(-canv.stringWidth(word, fonts.heading_bold, size) / 2, -size * 0.35)
    text.textOut(word)
    canv.drawText(text)
    canv.restoreState()
