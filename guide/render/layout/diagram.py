"""Draw a diagram: a :class:`DiagramSpec` becomes one reportlab Flowable with its caption. Takes the
spec, the brand, the registered :class:`FontSet`, the width and the figure number; hands on a
:class:`DiagramFlowable` that never splits and shrinks uniformly only when it is taller than a whole
frame."""

# Geometry comes from :mod:`guide.diagrams.layout`; this module only paints it, with the brand's
# TrueType fonts (never a standard-14 font) and palette.

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Drawing
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable
from svglib.svglib import svg2rlg

from guide.config.schema import Brand, Palette
from guide.diagrams.geometry import Arrow, Box, Layout, Leader, Typography, wrap
from guide.diagrams.layout import layout
from guide.diagrams.spec import AnatomyLabel, DiagramSpec
from guide.errors import GuideError, Location, error
from guide.i18n import Catalogue, catalogue
from guide.render.adapter import doc_frame_height
from guide.render.layout.floating import Floating
from guide.render.tagged.marking import marked
from guide.render.text.fonts import FontSet
from guide.render.text.scraps import SHORT_WORD

FIGURE_SIZE = 10.5  # text inside figures
MIN_LABEL_SIZE = 9.0  # a shrunk figure's labels and caption stay at least this size
CAPTION_SIZE = 10.5
CAPTION_LEADING = 14.0
CAPTION_GAP = 10.0  # between the drawing and its caption
LINE = 1.2  # box outlines
ARROW_LINE = 1.4
HEAD_LENGTH = 7.5
HEAD_HALF = 3.6


@cache
def _load_svg(path: Path, mtime_ns: int) -> Drawing | None:
    """svglib's drawing of one SVG file, parsed once per process and version of the file."""
    return svg2rlg(str(path))


def svg_drawing(path: Path) -> Drawing | None:
    """The SVG at ``path`` as a reportlab Drawing (cached by modification time)."""
    resolved = path.resolve()
    return _load_svg(resolved, resolved.stat().st_mtime_ns)


def _color(palette: Palette, role: str) -> tuple[float, float, float]:
    return palette.named()[role].rgb


class DiagramFlowable(Floating, Flowable):  # type: ignore[misc]  # reportlab has no types
    """One figure: the drawing and "Figure N. caption" below it, kept on one page."""

    min_scale = max(Floating.min_scale, MIN_LABEL_SIZE / min(FIGURE_SIZE, CAPTION_SIZE))

    def __init__(
        self,
        spec: DiagramSpec,
        brand: Brand,
        fonts: FontSet,
        width: float,
        number: int,
        words: Catalogue | None = None,
    ) -> None:
        super().__init__()
        self.spec, self.palette, self.fonts, self.number = spec, brand.palette, fonts, number
        self.role = "Figure"
        self.alt_text = spec.alt
        self.caption_text = spec.caption
        self.layout: Layout = layout(
            spec, width, stringWidth, Typography(fonts.heading, fonts.heading_bold, FIGURE_SIZE)
        )
        self.full_width = width
        words = words or catalogue("en-US")
        self.prefix = (
            words.text("figure", number=number) if number else words.text("figure_unnumbered")
        )
        self.caption_lines = self._caption_lines(width)
        self.natural_height = (
            self.layout.height
            + CAPTION_GAP
            + CAPTION_SIZE
            + CAPTION_LEADING * (len(self.caption_lines) - 1)
        )
        self.scale = 1.0
        self.width, self.height = width, self.natural_height
        if isinstance(spec.body, AnatomyLabel):
            self.drawing = svg_drawing(spec.body.image_path)
            if self.drawing is None:
                raise GuideError(
                    [
                        error(
                            f"image '{spec.body.image}' cannot be drawn",
                            Location(str(spec.body.image_path)),
                        )
                    ]
                )

    def _caption_lines(self, width: float) -> list[str]:
        f = self.fonts
        room = width - stringWidth(self.prefix + " ", f.heading_bold, CAPTION_SIZE)
        words = self.spec.caption.split()
        first: list[str] = []
        while (
            words and stringWidth(" ".join([*first, words[0]]), f.body_italic, CAPTION_SIZE) <= room
        ):
            first.append(words.pop(0))
        rest = wrap(" ".join(words), width, stringWidth, f.body_italic, CAPTION_SIZE)
        lines = [" ".join(first), *(rest if words else [])]
        last = lines[-1].split()
        before = lines[-2].split() if len(lines) > 1 else []
        if len(last) == 1 and len(last[0]) <= SHORT_WORD and len(before) > 1:
            # No short word alone on the caption's last line: the line before gives one up.
            lines[-2:] = [" ".join(before[:-1]), f"{before[-1]} {last[0]}"]
        return lines

    def _scale(self, width: float, frame_h: float, shrink: float) -> float:
        limit = max(frame_h, 1.0)
        return min(1.0, width / self.full_width, limit / self.natural_height) * shrink

    def height_at(self, width: float, frame_h: float, shrink: float) -> float:
        """The diagram's height at ``shrink`` times the size that fits ``width`` and the frame."""
        return self.natural_height * self._scale(width, frame_h, shrink)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        """Size the diagram to the width, shrinking it to the frame's height if needed."""
        frame_h = doc_frame_height(getattr(self, "canv", None), availHeight)
        self.scale = self._scale(availWidth, frame_h, self.shrink)
        self.width = self.full_width * self.scale
        self.height = self.natural_height * self.scale
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Any]:
        """Never split: a figure moves to the next page whole."""
        return []  # a figure moves to the next page whole

    def draw(self) -> None:
        """Draw the diagram and its caption."""
        canv = self.canv
        canv.saveState()
        canv.scale(self.scale, self.scale)
        # The caption is drawn first but read after the figure: each part is marked as its
        # own element's content (set by guide.render.tagged.tree), so the order is the tree's.
        with marked(canv, getattr(self, "caption_struct", None)):
            self._draw_caption()
        canv.translate(
            (self.full_width - self.layout.width) / 2, self.natural_height - self.layout.height
        )
        with marked(
            canv, getattr(self, "struct", None), (0, 0, self.layout.width, self.layout.height)
        ):
            self._draw_layout(self.layout)
        canv.restoreState()

    def _draw_caption(self) -> None:
        canv, f = self.canv, self.fonts
        y = CAPTION_SIZE * 0.25 + CAPTION_LEADING * (len(self.caption_lines) - 1)
        canv.setFillColorRGB(*_color(self.palette, "primary"))
        canv.setFont(f.heading_bold, CAPTION_SIZE)
        canv.drawString(0, y, self.prefix + " ")
        x = stringWidth(self.prefix + " ", f.heading_bold, CAPTION_SIZE)
        canv.setFillColorRGB(*_color(self.palette, "ink"))
        canv.setFont(f.body_italic, CAPTION_SIZE)
        for index, line in enumerate(self.caption_lines):
            canv.drawString(x if index == 0 else 0, y - index * CAPTION_LEADING, line + " ")

    def _draw_layout(self, lay: Layout) -> None:
        for panel in lay.panels:
            self._draw_box(panel)
        if lay.image is not None and self.drawing is not None:
            self._draw_image(lay)
        for box in lay.boxes + lay.labels:
            self._draw_box(box)
        for arrow in lay.arrows:
            self._draw_arrow(arrow)
        for leader in lay.leaders:
            self._draw_leader(leader)
        for marker in lay.markers:
            self._draw_box(marker)

    def _draw_image(self, lay: Layout) -> None:
        assert lay.image is not None and self.drawing is not None
        canv, d, r = self.canv, self.drawing, lay.image
        d.initialFontName, d.initialFontSize = self.fonts.body, FIGURE_SIZE  # not Helvetica
        canv.saveState()
        canv.translate(r.x, r.y)
        canv.scale(r.w / d.width, r.h / d.height)
        renderPDF.draw(d, canv, 0, 0)
        canv.restoreState()

    def _draw_box(self, box: Box) -> None:
        canv, r = self.canv, box.rect
        if box.fill or box.stroke:
            if box.fill:
                canv.setFillColorRGB(*_color(self.palette, box.fill))
            if box.stroke:
                canv.setStrokeColorRGB(*_color(self.palette, box.stroke))
                canv.setLineWidth(LINE)
            canv.roundRect(
                r.x,
                r.y,
                r.w,
                r.h,
                box.radius,
                stroke=int(bool(box.stroke)),
                fill=int(bool(box.fill)),
            )
        canv.setFillColorRGB(*_color(self.palette, box.text_color))
        for line in box.lines:
            canv.setFont(line.font, line.size)
            # The trailing space is invisible; it keeps the words of one line apart from the
            # next line's in extracted text and for screen readers.
            canv.drawString(line.x, line.y, line.text + " ")

    def _polyline(self, points: tuple[tuple[float, float], ...]) -> None:
        path = self.canv.beginPath()
        path.moveTo(*points[0])
        for point in points[1:]:
            path.lineTo(*point)
        self.canv.drawPath(path, stroke=1, fill=0)

    def _draw_arrow(self, arrow: Arrow) -> None:
        canv = self.canv
        rgb = _color(self.palette, arrow.color)
        canv.setStrokeColorRGB(*rgb)
        canv.setFillColorRGB(*rgb)
        canv.setLineWidth(ARROW_LINE)
        canv.setLineCap(1)
        canv.setLineJoin(1)
        points = list(arrow.points)
        if not arrow.head:
            self._polyline(tuple(points))
            return
        (x0, y0), (x1, y1) = points[-2], points[-1]
        length = max(((x1 - x0) ** 2 + (y1 - y0) ** 2) ** 0.5, 1e-6)
        ux, uy = (x1 - x0) / length, (y1 - y0) / length
        back = min(HEAD_LENGTH, length)
        points[-1] = (x1 - ux * back * 0.8, y1 - uy * back * 0.8)
        self._polyline(tuple(points))
        bx, by = x1 - ux * back, y1 - uy * back
        head = canv.beginPath()
        head.moveTo(x1, y1)
        head.lineTo(bx - uy * HEAD_HALF, by + ux * HEAD_HALF)
        head.lineTo(bx + uy * HEAD_HALF, by - ux * HEAD_HALF)
        head.close()
        canv.drawPath(head, stroke=0, fill=1)

    def _draw_leader(self, leader: Leader) -> None:
        canv = self.canv
        canv.setStrokeColorRGB(*_color(self.palette, leader.color))
        canv.setLineWidth(0.9)
        canv.setLineCap(1)
        canv.setLineJoin(1)
        self._polyline(leader.points)
        x, y = leader.points[-1]
        canv.setFillColorRGB(*_color(self.palette, "paper"))
        canv.circle(x, y, 3.4, stroke=0, fill=1)
        canv.setFillColorRGB(*_color(self.palette, leader.color))
        canv.circle(x, y, 2.3, stroke=0, fill=1)


def diagram_flowable(
    spec: DiagramSpec,
    brand: Brand,
    fonts: FontSet,
    width: float,
    number: int,
    words: Catalogue | None = None,
) -> Flowable:
    """One Flowable drawing ``spec`` as "Figure ``number``" within ``width`` points, with
    room above it and a wider gap below its caption than between paragraphs."""
    flowable = DiagramFlowable(spec, brand, fonts, width, number, words)
    flowable.spaceBefore = brand.type_scale.leading * 0.5
    flowable.spaceAfter = brand.type_scale.leading * 1.4
    return flowable
