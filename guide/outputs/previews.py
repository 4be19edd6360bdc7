"""Landing-page pictures of a built guide, rendered with PDFium: the cover as PNG and WebP at 400
and 1200 px wide, a 1200×630 social card and the first three pages as thumbnails. Takes the finished
PDF's bytes and a file-name stem; hands on :class:`Preview` records with the encoded bytes."""

# The same PDF gives the same bytes (no timestamps or metadata are written).

from __future__ import annotations

import io
from dataclasses import dataclass

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


def render_previews(pdf: bytes, stem: str) -> list[tuple[Preview, bytes]]:
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
    out.append(_item("social-card", f"{stem}-social-card.png", _card(cover), "png"))
    for number, page in enumerate(pages, start=1):
        out.append(_item("thumbnail", f"{stem}-page-{number}.png",
                         _resized(page, THUMBNAIL_WIDTH), "png"))
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
    small = cover.resize((round(cover.width * height / cover.height), height),
                         Image.Resampling.LANCZOS)
    card = Image.new("RGB", CARD, cover.getpixel((2, 2)))
    card.paste(small, ((CARD[0] - small.width) // 2, 30))
    return card


def _item(kind: str, name: str, picture: object, fmt: str) -> tuple[Preview, bytes]:
    from PIL import Image

    assert isinstance(picture, Image.Image)
    buffer = io.BytesIO()
    if fmt == "webp":
        picture.save(buffer, "WEBP", quality=82, method=6, exact=True)
    else:
        picture.save(buffer, "PNG", optimize=True)
    return (Preview(kind, f"{FOLDER}/{name}", picture.width, picture.height), buffer.getvalue())
