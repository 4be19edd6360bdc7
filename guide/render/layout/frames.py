"""The frame guard: nothing may be drawn outside the frame it was laid out in."""

# Called as each flowable draws (tagged content, artifacts, tables, and every flowable a frame
# places); compares the flowable's box, and each line of a paragraph, with the frame and the width
# the paragraph was given. Something outside is a bug of the builder, never the author's:
# :class:`FrameEscape` stops the build as an internal error naming the Markdown block, so no such
# page is ever shipped. Costs a few comparisons per flowable.

from __future__ import annotations

from typing import Any

from reportlab.platypus import Frame, Paragraph

from guide.render.adapter import (
    CheckedFrame,
    aligned_x,
    current_matrix,
    doc_template,
    drawn_size,
    frame_bounds,
)

TOLERANCE = 1.0  # points: rounding, and the space shrinking reportlab allows on a full line
LINE_TOLERANCE = 2.5  # points: reportlab lets a line's spaces shrink by 5 % to make it fit


class FrameEscape(Exception):
    """Something was drawn outside its frame: an internal error of the builder."""


def _page_box(
    canv: Any, x0: float, y0: float, x1: float, y1: float
) -> tuple[float, float, float, float]:
    a, b, c, d, e, f = current_matrix(canv)
    xs = [a * x + c * y + e for x, y in ((x0, y0), (x1, y1), (x0, y1), (x1, y0))]
    ys = [b * x + d * y + f for x, y in ((x0, y0), (x1, y1), (x0, y1), (x1, y0))]
    return min(xs), min(ys), max(xs), max(ys)


def _where(canv: Any) -> str:
    location = getattr(doc_template(canv), "guide_location", None)
    return f" (laying out {location})" if location is not None else ""


def _line_overflow(para: Paragraph) -> float:
    """How far the longest line of a laid-out paragraph reaches past the width it was given."""
    bl = getattr(para, "blPara", None)
    if bl is None:
        return 0.0
    spaces = [line[0] if bl.kind == 0 else getattr(line, "extraSpace", 0.0) for line in bl.lines]
    return max((-float(space) for space in spaces), default=0.0)


def guard_drawn(canv: Any, flowable: Any, x: float, y: float, _sW: float = 0) -> None:
    """Raise :class:`FrameEscape` when ``flowable``, about to be drawn at (x, y) in the current
    user space, would reach outside its frame (or a paragraph line past its width)."""
    if isinstance(flowable, Paragraph):
        over = _line_overflow(flowable)
        if over > LINE_TOLERANCE:
            raise FrameEscape(
                f"a line of text is {over:.1f} pt wider than its "
                f"{float(flowable.width):.1f} pt column{_where(canv)}"
            )
    frame = getattr(doc_template(canv), "frame", None)
    if not isinstance(frame, Frame):
        return
    width, height = drawn_size(flowable)
    if _sW:
        x = aligned_x(flowable, x, _sW)
    x0, y0, x1, y1 = _page_box(canv, x, y, x + width, y + height)
    left, bottom, right, top = frame_bounds(frame)
    out = max(left - x0, x1 - right, bottom - y0, y1 - top)
    if out > TOLERANCE:
        name = type(flowable).__name__
        raise FrameEscape(f"{name} drawn {out:.1f} pt outside its frame{_where(canv)}")


class GuardedFrame(CheckedFrame):
    """A frame that checks the width of each flowable it places (reportlab draws a flowable
    that is too wide as long as its height fits)."""

    def placed(self, flowable: Any, canv: Any, available_width: float) -> None:
        """Raise :class:`FrameEscape` when ``flowable`` is wider than the frame."""
        width, _ = drawn_size(flowable)
        if width > available_width + TOLERANCE:
            raise FrameEscape(
                f"{type(flowable).__name__} is {width:.1f} pt wide in a "
                f"{available_width:.1f} pt frame{_where(canv)}"
            )
