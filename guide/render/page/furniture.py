"""Page furniture and artwork: running header, footer, cover and back-cover art."""

# Everything drawn here is decoration or repetition (PDF artifacts), never content. Takes the
# canvas, brand and edition; the numbers a footer cannot know yet ("page 3 of N") are drawn as
# form XObjects that :mod:`guide.render.layout.document` defines once layout is done.

from __future__ import annotations

from typing import Any

from reportlab.lib.colors import HexColor

from guide.config.schema import Brand, GuideConfig
from guide.edition import Edition
from guide.i18n import catalogue
from guide.render.text.fonts import FontSet


def page_of_form(page_index: int) -> str:
    """Name of the form XObject that shows "Page X of Y" for a physical page."""
    return f"pageof{page_index}"


def draw_body_furniture(canv: Any, brand: Brand, fonts: FontSet, config: GuideConfig,
                        edition: Edition) -> None:
    """Draw a body page's running header and footer."""
    p, t, mg = brand.palette, brand.type_scale, brand.margins
    left, right = mg.inner, brand.page_width - mg.outer
    top = brand.page_height - mg.top + 26
    canv.saveState()
    canv.setFont(fonts.heading, t.furniture)
    canv.setFillColor(HexColor(p.muted.hex))
    canv.drawString(left, top + 6, config.title)
    canv.drawRightString(right, top + 6, brand.name)
    canv.setStrokeColor(HexColor(p.tint.hex))
    canv.setLineWidth(0.8)
    canv.line(left, top, right, top)
    bottom = mg.bottom - 34
    canv.line(left, bottom + 14, right, bottom + 14)
    version = catalogue(config.language).text("version", version=edition.version)
    canv.drawString(left, bottom, f"{config.footer_note}  ·  {version}")
    canv.saveState()
    canv.translate(right, bottom)
    canv.doForm(page_of_form(canv.getPageNumber()))
    canv.restoreState()
    canv.restoreState()


def draw_front_furniture(canv: Any, brand: Brand, fonts: FontSet, label: str) -> None:
    """Draw the label at the foot of a front-matter page."""
    canv.saveState()
    canv.setFont(fonts.heading, brand.type_scale.furniture)
    canv.setFillColor(HexColor(brand.palette.muted.hex))
    canv.drawCentredString(brand.page_width / 2, brand.margins.bottom - 34, label)
    canv.restoreState()


def cover_band_height(brand: Brand) -> float:
    """Height of the cover's coloured band."""
    return brand.page_height * 0.56


def draw_cover_art(canv: Any, brand: Brand) -> None:
    """A deep band for the words, and below it the brand's shape: a stylised disc of
    concentric rings, each broken by the same gap (the tear), cropped by the page corner."""
    p = brand.palette
    w, h = brand.page_width, brand.page_height
    band = cover_band_height(brand)
    canv.saveState()
    canv.setFillColor(HexColor(p.primary.hex))
    canv.rect(0, h - band, w, band, stroke=0, fill=1)
    canv.setFillColor(HexColor(p.accent.hex))
    canv.rect(0, h - band - 6, w, 6, stroke=0, fill=1)
    path = canv.beginPath()
    path.rect(0, 0, w, h - band - 6)
    canv.clipPath(path, stroke=0, fill=0)
    cx, cy = w * 0.86, h * 0.12
    canv.setLineCap(1)
    for index, radius in enumerate(range(232, 40, -24)):
        canv.setStrokeColor(HexColor(p.accent.hex if index % 2 == 0 else p.tint.hex))
        canv.setLineWidth(7 if index % 2 == 0 else 10)
        canv.arc(cx - radius, cy - radius, cx + radius, cy + radius, startAng=128, extent=326)
    canv.setFillColor(HexColor(p.tint.hex))
    canv.circle(cx, cy, 30, stroke=0, fill=1)
    canv.restoreState()


def draw_back_cover_art(canv: Any, brand: Brand) -> None:
    """Draw the back cover's background and arcs."""
    p = brand.palette
    canv.saveState()
    canv.setFillColor(HexColor(p.primary.hex))
    canv.rect(0, 0, brand.page_width, brand.page_height, stroke=0, fill=1)
    canv.setStrokeColor(HexColor(p.accent.hex))
    cx, cy = brand.page_width * 0.14, brand.page_height * 0.12
    for index, radius in enumerate(range(40, 200, 26)):
        canv.setLineWidth(7 if index % 2 == 0 else 1)
        canv.circle(cx, cy, radius, stroke=1, fill=0)
    canv.restoreState()
