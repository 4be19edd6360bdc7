"""Page furniture and artwork: running header, footer, cover and back-cover art."""

# Everything drawn here is decoration or repetition (PDF artifacts), never content. Takes the
# canvas, brand and edition; the numbers a footer cannot know yet ("page 3 of N") are drawn as
# form XObjects that :mod:`guide.render.layout.document` defines once layout is done.

from __future__ import annotations

from typing import Any

from reportlab.lib.colors import HexColor
from reportlab.pdfbase.pdfmetrics import stringWidth

from guide.config.schema import Brand, GuideConfig
from guide.edition import Edition
from guide.i18n import catalogue
from guide.render.text.fonts import FontSet


def page_of_form(page_index: int) -> str:
    """Name of the form XObject that shows "Page X of Y" for a physical page."""
    return f"pageof{page_index}"


def draw_body_furniture(
    canv: Any, brand: Brand, fonts: FontSet, config: GuideConfig, edition: Edition
) -> None:
    """Draw a body page's running header and footer."""
    if brand.compact:
        draw_compact_furniture(canv, brand, fonts, config, edition)
        return
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


def _fit(text: str, font: str, size: float, width: float) -> str:
    """``text``, cut at a word and ended with an ellipsis when wider than ``width``."""
    if stringWidth(text, font, size) <= width:
        return text
    words = text.split()
    while words and stringWidth(" ".join(words) + "…", font, size) > width:
        words.pop()
    return " ".join(words) + "…"


def draw_compact_furniture(
    canv: Any, brand: Brand, fonts: FontSet, config: GuideConfig, edition: Edition
) -> None:
    """The phone's running header and footer: the title alone above a hairline; below the
    frame a hairline, the footer note, then the version and "Page X of Y"."""
    p, t, mg = brand.palette, brand.type_scale, brand.margins
    left, right = mg.inner, brand.page_width - mg.outer
    top = brand.page_height - mg.top + 24
    canv.saveState()
    canv.setFont(fonts.heading, t.furniture)
    canv.setFillColor(HexColor(p.muted.hex))
    canv.drawString(left, top + 5, _fit(config.title, fonts.heading, t.furniture, right - left))
    canv.setStrokeColor(HexColor(p.tint.hex))
    canv.setLineWidth(0.8)
    canv.line(left, top, right, top)
    rule = mg.bottom - 10
    canv.line(left, rule, right, rule)
    note = rule - t.furniture - 2
    canv.drawString(left, note, _fit(config.footer_note, fonts.heading, t.furniture, right - left))
    bottom = note - t.furniture * 1.25
    version = catalogue(config.language).text("version", version=edition.version)
    canv.drawString(left, bottom, _fit(version, fonts.heading, t.furniture, right - left - 70))
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
    drop = 24 if brand.compact else 34
    canv.drawCentredString(brand.page_width / 2, brand.margins.bottom - drop, label)
    canv.restoreState()


def cover_band_height(brand: Brand) -> float:
    """Height of the cover's coloured band."""
    return brand.page_height * (0.62 if brand.compact else 0.56)


Rect = tuple[float, float, float, float]  # x, y, width, height


def cover_frame_rects(brand: Brand) -> tuple[Rect, Rect]:
    """Where the cover's words go: in the band, and below it beside the art."""
    w, h = brand.page_width, brand.page_height
    band = cover_band_height(brand)
    if brand.compact:  # the phone: narrow sides, the lower words above the smaller art
        side = brand.margins.inner + 4
        return (
            (side, h - band + 20, w - 2 * side, band - 20 - 30),
            (side, 40, w - 2 * side - 24, h - band - 6 - 40 - 24),
        )
    side = 56
    return (
        (side, h - band + 36, w - 2 * side - 40, band - 36 - 48),
        (side, 60, 280, h - band - 6 - 60 - 44),
    )


def back_frame_rect(brand: Brand) -> Rect:
    """Where the back cover's words go."""
    side = brand.margins.inner + 2 if brand.compact else 56
    return (side, side, brand.page_width - 2 * side, brand.page_height - 2 * side)


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
    k = w / 612  # the art keeps its proportions on a smaller page
    if w < 400:  # a phone's page: the words fill the width, so the disc sits in the corner
        cx, cy, k = w, 0.0, 0.3
    canv.setLineCap(1)
    for index, radius in enumerate(range(232, 40, -24)):
        canv.setStrokeColor(HexColor(p.accent.hex if index % 2 == 0 else p.tint.hex))
        canv.setLineWidth((7 if index % 2 == 0 else 10) * k)
        r = radius * k
        canv.arc(cx - r, cy - r, cx + r, cy + r, startAng=128, extent=326)
    canv.setFillColor(HexColor(p.tint.hex))
    canv.circle(cx, cy, 30 * k, stroke=0, fill=1)
    canv.restoreState()


def draw_back_cover_art(canv: Any, brand: Brand) -> None:
    """Draw the back cover's background and arcs."""
    p = brand.palette
    canv.saveState()
    canv.setFillColor(HexColor(p.primary.hex))
    canv.rect(0, 0, brand.page_width, brand.page_height, stroke=0, fill=1)
    canv.setStrokeColor(HexColor(p.accent.hex))
    cx, cy = brand.page_width * 0.14, brand.page_height * 0.12
    k = brand.page_width / 612
    for index, radius in enumerate(range(40, 200, 26)):
        canv.setLineWidth((7 if index % 2 == 0 else 1) * k)
        canv.circle(cx, cy, radius * k, stroke=1, fill=0)
    canv.restoreState()
