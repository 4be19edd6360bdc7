"""Landing-page pictures of a built guide, rendered with PDFium: the cover as PNG and WebP at 400
and 1200 px wide, a 1200×630 social card and the first three pages as thumbnails. Takes the finished
PDF's bytes, a file-name stem and the card's words and brand (:class:`Card`); hands on
:class:`Preview` records with the encoded bytes."""

# The same PDF gives the same bytes (no timestamps or metadata are written; the card's text is
# laid out with Pillow's basic engine, never the system's shaping library).

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PIL.ImageFont import FreeTypeFont

COVER_WIDTHS = (400, 1200)
CARD = (1200, 630)
THUMBNAIL_WIDTH = 400
THUMBNAILS = 3
FOLDER = "previews"


@dataclass(frozen=True)
class Preview:
    """One picture: what it shows, where it is (relative to the output folder), its size."""

    kind: str  # "cover", "social-card" or "thumbnail"
    path: str
    width: int
    height: int


@dataclass(frozen=True)
class Card:
    """What the social card shows: the guide's words, the clinic, the brand's colours and
    heading fonts."""

    title: str
    subtitle: str
    audience: str
    clinic: str
    website: str
    band: str  # "#rrggbb": the cover band's colour, the card's ground
    on_band: str  # the title's colour
    quiet: str  # the smaller lines' colour
    accent: str
    bold_font: Path
    regular_font: Path


def render_previews(pdf: bytes, stem: str, card: Card | None = None) -> list[tuple[Preview, bytes]]:
    """Every preview of ``pdf``; files are named ``previews/<stem>-<what>.<png|webp>``."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    try:
        pages = [_render(document[i], 1200) for i in range(min(len(document), THUMBNAILS))]
    finally:
        document.close()
    out = []
    cover = pages[0]
    for width in COVER_WIDTHS:
        picture = _resized(cover, width)
        for fmt in ("png", "webp"):
            out.append(_item("cover", f"{stem}-cover-{width}.{fmt}", picture, fmt))
    social = _designed_card(cover, card) if card is not None else _card(cover)
    out.append(_item("social-card", f"{stem}-social-card.png", social, "png"))
    for number, page in enumerate(pages, start=1):
        out.append(
            _item("thumbnail", f"{stem}-page-{number}.png", _resized(page, THUMBNAIL_WIDTH), "png")
        )
    return out


def _render(page: object, width: int) -> object:
    scale = width / page.get_width()  # type: ignore[attr-defined]
    bitmap = page.render(scale=scale, draw_annots=False)  # type: ignore[attr-defined]
    return bitmap.to_pil().convert("RGB")


def _resized(picture: object, width: int) -> object:
    from PIL import Image

    assert isinstance(picture, Image.Image)
    if picture.width == width:
        return picture
    height = round(picture.height * width / picture.width)
    return picture.resize((width, height), Image.Resampling.LANCZOS)


def _card(cover: object) -> object:
    """The cover, whole, on a 1200×630 canvas of its own top-left colour."""
    from PIL import Image

    assert isinstance(cover, Image.Image)
    height = CARD[1] - 60
    small = cover.resize(
        (round(cover.width * height / cover.height), height), Image.Resampling.LANCZOS
    )
    card = Image.new("RGB", CARD, cover.getpixel((2, 2)))
    card.paste(small, ((CARD[0] - small.width) // 2, 30))
    return card


TITLE_SIZES = (76, 70, 64, 60, 56)  # px: the largest that fits in four lines
LEFT, TOP, TEXT_WIDTH = 72, 64, 620


def _designed_card(cover: object, card: Card) -> object:
    """The brand's band colour, the clinic's name, the title large with the subtitle and
    audience under it, and the cover (whole) at the right."""
    from PIL import Image, ImageDraw

    assert isinstance(cover, Image.Image)
    picture = Image.new("RGB", CARD, card.band)
    draw = ImageDraw.Draw(picture)
    height = CARD[1] - 2 * 48
    small = cover.resize(
        (round(cover.width * height / cover.height), height), Image.Resampling.LANCZOS
    )
    x = CARD[0] - 56 - small.width
    draw.rectangle((x + 10, 58, x + small.width + 10, 48 + height + 10), fill=_shade(card.band))
    picture.paste(small, (x, 48))
    draw.rectangle((0, CARD[1] - 10, CARD[0], CARD[1]), fill=card.accent)
    y = TOP
    clinic = _font(card.bold_font, 26)
    draw.text((LEFT, y), card.clinic.upper(), font=clinic, fill=card.quiet)
    y += 58
    draw.rectangle((LEFT, y, LEFT + 64, y + 6), fill=card.accent)
    y += 34
    size, lines = _fit(card.title, card.bold_font, TITLE_SIZES, 4)
    title = _font(card.bold_font, size)
    for line in lines:
        draw.text((LEFT, y), line, font=title, fill=card.on_band)
        y += round(size * 1.08)
    y += 18
    for text, px, colour in ((card.subtitle, 32, card.on_band), (card.audience, 26, card.quiet)):
        if not text or y > CARD[1] - 120:
            continue
        font = _font(card.regular_font, px)
        for line in _wrap(text, font, 2):
            draw.text((LEFT, y), line, font=font, fill=colour)
            y += round(px * 1.3)
        y += 8
    footer = _font(card.regular_font, 24)
    draw.text(
        (LEFT, CARD[1] - 70),
        card.website.removeprefix("https://").removeprefix("http://").rstrip("/"),
        font=footer,
        fill=card.quiet,
    )
    return picture


def _font(path: Path, size: int) -> FreeTypeFont:
    from PIL import ImageFont

    return ImageFont.truetype(str(path), size, layout_engine=ImageFont.Layout.BASIC)


def _fit(text: str, path: Path, sizes: tuple[int, ...], most: int) -> tuple[int, list[str]]:
    """The largest size at which ``text`` takes at most ``most`` lines, and its lines."""
    for size in sizes:
        lines = _wrap(text, _font(path, size), 99)
        if len(lines) <= most:
            return size, lines
    return sizes[-1], _wrap(text, _font(path, sizes[-1]), most)


def _wrap(text: str, font: FreeTypeFont, most: int) -> list[str]:
    """``text`` in lines at most TEXT_WIDTH wide (at most ``most``: the last ends in "…")."""
    lines: list[str] = []
    for word in text.split():
        if lines and font.getlength(f"{lines[-1]} {word}") <= TEXT_WIDTH:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    if len(lines) > most:
        lines = lines[:most]
        while lines[-1] and font.getlength(lines[-1] + "…") > TEXT_WIDTH:
            lines[-1] = lines[-1].rsplit(" ", 1)[0] if " " in lines[-1] else lines[-1][:-1]
        lines[-1] += "…"
    return lines


def _shade(colour: str) -> str:
    """``colour`` darkened by a third (the cover's shadow)."""
    value = int(colour.lstrip("#"), 16)
    parts = [(value >> shift & 255) * 2 // 3 for shift in (16, 8, 0)]
    return "#" + "".join(f"{p:02x}" for p in parts)


def _item(kind: str, name: str, picture: object, fmt: str) -> tuple[Preview, bytes]:
    from PIL import Image

    assert isinstance(picture, Image.Image)
    buffer = io.BytesIO()
    if fmt == "webp":
        picture.save(buffer, "WEBP", quality=82, method=6, exact=True)
    else:
        picture.save(buffer, "PNG", optimize=True)
    return (Preview(kind, f"{FOLDER}/{name}", picture.width, picture.height), buffer.getvalue())
