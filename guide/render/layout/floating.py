"""What a floating figure offers the placement, and the measures the placement takes: the
largest scale at which a figure fits, how much text a page passes on, and how far the space
between blocks may tighten to end a chapter on its page. Used by :mod:`.floats`."""

from __future__ import annotations

from typing import Any

from reportlab.platypus import CondPageBreak, Flowable, KeepTogether

from guide.render.adapter import keep_together_content

SQUEEZE = 0.5  # to end a chapter on its page, the space between blocks may tighten to this share


class Floating:
    """What a figure flowable offers the float placement (mixed into figure classes)."""

    floating = True
    min_scale = 0.8  # shrinking as a last resort: to about 80 %, never below
    shrink = 1.0  # set by the placement; 1 is the figure's natural size
    placed = False  # True once the placement chose its page: it is drawn where it comes

    def height_at(self, width: float, frame_h: float, shrink: float) -> float:
        """The figure's height at ``shrink`` times its natural size."""
        raise NotImplementedError


def is_floating(flowable: Any) -> bool:
    """Whether ``flowable`` is a figure that may float within its chapter."""
    return isinstance(flowable, Floating)


def squeeze_to_fit(
    rest: list[Any], figures: list[Any], total: float, saving: float, full: float, width: float
) -> bool:
    """End the chapter on this page by shrinking its figures to their least and tightening
    the space between its top-level blocks (paragraphs, figures, tables) down to
    :data:`SQUEEZE` of its size, when that is enough; tell whether it was."""
    blocks = [
        f
        for f in rest[1:]
        if isinstance(f, Flowable) and not isinstance(f, (KeepTogether, CondPageBreak))
    ]
    last = rest[-1] if rest else None
    spaces = sum(f.getSpaceBefore() + (f.getSpaceAfter() if f is not last else 0.0) for f in blocks)
    tail = float(last.getSpaceAfter()) if isinstance(last, Flowable) else 0.0
    need = total - tail - full + 2.0  # the chapter's last space needs no room; 2 pt to spare
    if not spaces or need - saving > (1.0 - SQUEEZE) * spaces:
        return False
    for figure in figures:
        figure.shrink, figure.placed = figure.min_scale, True
    keep = 1.0 - max(0.0, need - saving) / spaces
    for flowable in blocks:
        flowable.spaceBefore = flowable.getSpaceBefore() * keep
        if flowable is not last:
            flowable.spaceAfter = flowable.getSpaceAfter() * keep
    return True


def fitting_scale(figure: Any, width: float, full: float, room: float) -> float | None:
    """The largest scale, 1 down to the figure's least, at which it fits in ``room``."""
    if figure.height_at(width, full, 1.0) <= room:
        return 1.0
    low, high = float(figure.min_scale), 1.0
    if figure.height_at(width, full, low) > room:
        return None
    for _ in range(12):
        middle = (low + high) / 2
        low, high = (
            (middle, high) if figure.height_at(width, full, middle) <= room else (low, middle)
        )
    return low


def text_overflow(
    rest: list[Any], heights: list[float], full: float
) -> tuple[float, list[int], float]:
    """How much text passes to the next page when this page is filled in order, the
    figures that do not fit and wait for the next page, and where this page's content ends."""
    position, overflow = 0.0, 0.0
    waiting: list[int] = []
    for index, (flowable, height) in enumerate(zip(rest, heights, strict=True)):
        if is_floating(flowable):
            if not waiting and position + height <= full:
                position += height
            else:
                waiting.append(index)
            continue
        if position + height <= full:
            position += height
        else:
            overflow += position + height - max(position, full)
            position = full
    return overflow, waiting, position


def is_heading(flowable: Any) -> bool:
    """Whether ``flowable`` is a heading, or a keep-together group holding one."""
    if str(getattr(flowable, "role", "")).startswith("H"):
        return True
    if isinstance(flowable, KeepTogether):
        return any(is_heading(f) for f in keep_together_content(flowable))
    return bool(getattr(flowable, "keepWithNext", False))
