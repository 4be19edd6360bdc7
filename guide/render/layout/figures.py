"""Pictures as figures: PNG/JPEG through reportlab, SVG as vectors through svglib. Takes a model
Image; hands on one flowable that draws the picture (scaled to the text width, or smaller) and its
caption, never splits across pages, and shrinks to fit a frame if it must."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Drawing
from reportlab.lib.utils import ImageReader
from reportlab.platypus import Flowable, Paragraph

from guide import model as m
from guide.render.adapter import doc_frame_height, embedded_font_name
from guide.render.layout.floating import Floating
from guide.render.tagged.marking import marked
from guide.render.text.markup import Fallback, text_markup
from guide.render.text.scraps import bind_last_word

MAX_HEIGHT_SHARE = 0.62  # of the frame: a picture leaves room for its caption and some text


@cache
def load_svg(path: Path, mtime: float) -> Drawing | None:
    """Parse an SVG once per process (keyed by modification time)."""
    from svglib.svglib import svg2rlg

    try:
        return svg2rlg(str(path))
    except Exception:  # svglib raises many kinds; the check stage reports unreadable files
        return None


def draw_vector(drawing: Drawing, canv: Any, x: float = 0, y: float = 0) -> None:
    """Draw a reportlab Drawing without letting it select Helvetica.

    reportlab's renderer starts every drawing by selecting its default font (Helvetica, a
    standard-14 font that is never embedded) even when the drawing has no text; a drawing's
    ``initialFontName`` replaces that default, so the page keeps only embedded fonts.
    """
    drawing.initialFontName = embedded_font_name(canv)
    renderPDF.draw(drawing, canv, x, y)


class Figure(Floating, Flowable):  # type: ignore[misc]
    """A picture of natural size ``(w, h)`` drawn by ``paint`` plus an optional caption."""

    role = "Figure"

    def __init__(
        self,
        natural: tuple[float, float],
        paint: Any,
        caption: Paragraph | None,
        alt: str,
        width: float,
    ) -> None:
        super().__init__()
        self.natural = natural
        self.paint = paint
        self.caption = caption
        self.alt_text = alt
        self.max_width = width
        self.hAlign = "CENTER"
        self.spaceBefore = 6
        self.spaceAfter = 14
        self.scale = 1.0

    def _size(
        self, avail_width: float, frame_h: float, shrink: float
    ) -> tuple[float, float, float]:
        """Scale, width and height of the figure at ``shrink`` times its natural size (the
        picture alone shrinks; the caption keeps its size)."""
        w, h = self.natural
        scale = min(1.0, avail_width / w) if w else 1.0
        cap_h = 0.0
        if self.caption is not None:
            _, cap_h = self.caption.wrap(avail_width, frame_h)
        limit = max(frame_h * MAX_HEIGHT_SHARE, frame_h - cap_h - 12)
        if h * scale > limit and h:
            scale = limit / h
        scale *= shrink
        return scale, w * scale, h * scale + (cap_h + 4 if self.caption is not None else 0)

    def height_at(self, width: float, frame_h: float, shrink: float) -> float:
        """The figure's height at ``shrink`` times the size that fits ``width`` and the frame."""
        return self._size(width, frame_h, shrink)[2]

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        """Size the figure to fit the width and height available."""
        frame_h = doc_frame_height(getattr(self, "canv", None), avail_height)
        self.scale, _, height = self._size(avail_width, frame_h, self.shrink)
        self.width = avail_width
        self.height = height
        return avail_width, height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        """Never split: a figure moves to the next page whole."""
        return []

    def draw(self) -> None:
        """Draw the picture and its caption."""
        w, h = self.natural
        pic_w, pic_h = w * self.scale, h * self.scale
        x = (self.width - pic_w) / 2
        y = self.height - pic_h
        # The picture is the Figure's content, the caption its Caption's (guide.render.tagged.tree).
        with marked(self.canv, getattr(self, "struct", None), (x, y, x + pic_w, y + pic_h)):
            self.paint(self.canv, x, y, pic_w, pic_h)
        if self.caption is not None:
            self.caption.wrap(self.width, self.height)
            with marked(self.canv, getattr(self, "caption_struct", None)):
                self.caption.drawOn(self.canv, 0, 0)


def caption_paragraph(
    number: int, caption: str, style: Any, fallback: Fallback | None = None
) -> Paragraph | None:
    """A figure's numbered caption, or None without a caption."""
    if not caption:
        return None
    label = f"<b>Figure {number}.</b> " if number else ""
    para = Paragraph(label + bind_last_word(text_markup(caption, fallback)), style)
    para.role = "Caption"
    return para


def image_figure(
    block: m.Image, width: float, caption_style: Any, fallback: Fallback | None = None
) -> Flowable:
    """An image block as a figure flowable."""
    caption = caption_paragraph(block.number, block.caption, caption_style, fallback)
    path = block.path
    if path is not None and path.suffix.lower() == ".svg":
        drawing = load_svg(path, path.stat().st_mtime)
        if drawing is not None and drawing.width and drawing.height:

            def paint_svg(canv: Any, x: float, y: float, w: float, h: float) -> None:
                canv.saveState()
                canv.translate(x, y)
                canv.scale(w / drawing.width, h / drawing.height)
                draw_vector(drawing, canv)
                canv.restoreState()

            return Figure((drawing.width, drawing.height), paint_svg, caption, block.alt, width)
    if path is not None:
        reader = ImageReader(str(path))
        iw, ih = reader.getSize()
        # 1 pixel = 0.75 pt (96 dpi) unless that is wider than the text.
        natural = (iw * 0.75, ih * 0.75)

        def paint_raster(canv: Any, x: float, y: float, w: float, h: float) -> None:
            canv.drawImage(reader, x, y, w, h, mask="auto")

        return Figure(natural, paint_raster, caption, block.alt, width)
    return Figure((1, 1), lambda *args: None, caption, block.alt, width)
