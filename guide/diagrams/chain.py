"""Lay out the chain kinds: ``cycle`` (a two-column loop) and ``flow`` (stages joined by fan
connectors, down or right). Takes a :class:`~guide.diagrams.spec.Cycle` or
:class:`~guide.diagrams.spec.Flow`; hands on a :class:`Layout`."""

# Pure: no reportlab.

from __future__ import annotations

import math

from guide.diagrams.boxes import (
    ARROW_SPACE,
    CLEAR,
    GAP,
    NARROW_PAD,
    arrow,
    box_height,
    box_lines,
    longest_word,
    make_box,
)
from guide.diagrams.geometry import Arrow, Box, Layout, Measure, Rect, Typography
from guide.diagrams.spec import Cycle, Flow

MAX_BOX = 230.0  # widest box in a cycle


# --- cycle: a two-column loop, reading order clockwise from the top left --------------------


def _cycle_slots(n: int) -> list[tuple[int, int]]:
    """(column, row) of each step: the first at the top left, then down the right column,
    then up the left column."""
    right = math.ceil(n / 2)
    left = n - right
    slots = [(0, 0)] + [(1, row) for row in range(right)]
    slots += [(0, row) for row in range(left - 1, 0, -1)]
    return slots


def layout_cycle(body: Cycle, width: float, measure: Measure, typo: Typography) -> Layout:
    """Lay out steps around a circle, each arrow to the next."""
    n = len(body.steps)
    w = min((width - ARROW_SPACE * 1.3) / 2, MAX_BOX)
    wrapped = [box_lines(step, w, measure, typo) for step in body.steps]
    h = max(box_height(lines, typo) for lines in wrapped)
    slots = _cycle_slots(n)
    rows = max(row for _, row in slots) + 1
    col_gap = width - 2 * w if w == MAX_BOX else ARROW_SPACE * 1.3
    col_gap = min(col_gap, ARROW_SPACE * 2)
    total_w = 2 * w + col_gap
    height = rows * h + (rows - 1) * ARROW_SPACE

    def rect(col: int, row: int) -> Rect:
        return Rect(col * (w + col_gap), height - h - row * (h + ARROW_SPACE), w, h)

    rects = [rect(col, row) for col, row in slots]
    boxes = tuple(
        make_box(r, lines, measure, typo) for r, lines in zip(rects, wrapped, strict=True)
    )
    arrows = []
    for i in range(n):
        a, b = rects[i], rects[(i + 1) % n]
        (ca, ra), (cb, rb) = slots[i], slots[(i + 1) % n]
        if n == 2:  # two opposed arrows between the boxes
            y = a.cy + (h / 5 if i == 0 else -h / 5)
            ax, bx = (a.right, b.x) if i == 0 else (a.x, b.right)
            sign = 1 if i == 0 else -1
            arrows.append(arrow((ax + sign * CLEAR, y), (bx - sign * CLEAR, y)))
        elif ra == rb:  # across the top or the bottom
            sign = 1 if cb > ca else -1
            ax, bx = (a.right, b.x) if sign > 0 else (a.x, b.right)
            arrows.append(arrow((ax + sign * CLEAR, a.cy), (bx - sign * CLEAR, b.cy)))
        elif ca == cb:  # down the right column or up the left one
            if rb > ra:
                arrows.append(arrow((a.cx, a.y - CLEAR), (b.cx, b.top + CLEAR)))
            else:
                arrows.append(arrow((a.cx, a.top + CLEAR), (b.cx, b.y - CLEAR)))
        else:  # from the bottom right box round to the shorter left column
            arrows.append(arrow((a.x - CLEAR, a.cy), (b.cx, b.y - CLEAR), (b.cx, a.cy)))
    return Layout(total_w, height, boxes, tuple(arrows))


# --- flow: stages of boxes joined by fan connectors ----------------------------------------


def _bus(sources: list[Rect], targets: list[Rect], vertical: bool) -> list[Arrow]:
    """Connectors from every source to every target: stems to a bus, drops with heads."""
    if vertical:  # stages are rows, flowing down
        if len(sources) == 1 and len(targets) == 1 and abs(sources[0].cx - targets[0].cx) < 1:
            s, t = sources[0], targets[0]
            return [arrow((s.cx, s.y - CLEAR), (t.cx, t.top + CLEAR))]
        mid = (min(s.y for s in sources) + max(t.top for t in targets)) / 2
        xs = [r.cx for r in sources + targets]
        out = [arrow((s.cx, s.y - CLEAR), (s.cx, mid), head=False) for s in sources]
        out.append(arrow((min(xs), mid), (max(xs), mid), head=False))
        out += [arrow((t.cx, mid), (t.cx, t.top + CLEAR)) for t in targets]
        return out
    if len(sources) == 1 and len(targets) == 1 and abs(sources[0].cy - targets[0].cy) < 1:
        s, t = sources[0], targets[0]
        return [arrow((s.right + CLEAR, s.cy), (t.x - CLEAR, t.cy))]
    mid = (max(s.right for s in sources) + min(t.x for t in targets)) / 2
    ys = [r.cy for r in sources + targets]
    out = [arrow((s.right + CLEAR, s.cy), (mid, s.cy), head=False) for s in sources]
    out.append(arrow((mid, min(ys)), (mid, max(ys)), head=False))
    out += [arrow((mid, t.cy), (t.x - CLEAR, t.cy)) for t in targets]
    return out


def layout_flow(body: Flow, width: float, measure: Measure, typo: Typography) -> Layout:
    """Lay out stages in a row or a column, joined by arrows."""
    if body.direction == "right":
        return _flow_right(body, width, measure, typo)
    across = max(len(stage) for stage in body.stages)
    column = (width - (across - 1) * GAP) / across
    single = width if across == 1 else min(width, max(2 * column + GAP, width * 0.6))
    single = min(single, 300.0) if across == 1 else single
    widths = [single if len(s) == 1 else (width - (len(s) - 1) * GAP) / len(s) for s in body.stages]
    wrapped = [
        [box_lines(t, w, measure, typo) for t in stage]
        for stage, w in zip(body.stages, widths, strict=True)
    ]
    heights = [max(box_height(lines, typo) for lines in stage) for stage in wrapped]
    total_w = max(widths) if across == 1 else width
    height = sum(heights) + ARROW_SPACE * (len(heights) - 1)
    top = height
    boxes: list[Box] = []
    rows: list[list[Rect]] = []
    for stage, w, h in zip(wrapped, widths, heights, strict=True):
        span = len(stage) * w + (len(stage) - 1) * GAP
        x0 = (total_w - span) / 2
        rects = [Rect(x0 + i * (w + GAP), top - h, w, h) for i in range(len(stage))]
        boxes += [make_box(r, lines, measure, typo) for r, lines in zip(rects, stage, strict=True)]
        rows.append(rects)
        top -= h + ARROW_SPACE
    arrows = [a for i in range(len(rows) - 1) for a in _bus(rows[i], rows[i + 1], True)]
    return Layout(total_w, height, tuple(boxes), tuple(arrows))


def column_widths(
    stages: tuple[tuple[str, ...], ...], room: float, measure: Measure, typo: Typography
) -> list[float]:
    """Widths that keep each column's longest word whole when they can, sharing the rest
    of ``room`` equally."""
    count = len(stages)
    need = [
        longest_word(list(s), measure, typo.regular, typo.size) + 2 * NARROW_PAD + 1 for s in stages
    ]
    equal = room / count
    if sum(need) > room or all(n <= equal for n in need):
        return [equal] * count
    spare = room - sum(need)
    return [n + spare / count for n in need]


def _flow_right(body: Flow, width: float, measure: Measure, typo: Typography) -> Layout:
    count = len(body.stages)
    widths = column_widths(body.stages, width - (count - 1) * ARROW_SPACE, measure, typo)
    wrapped = [
        [box_lines(t, w, measure, typo) for t in stage]
        for stage, w in zip(body.stages, widths, strict=True)
    ]
    heights = [max(box_height(lines, typo) for lines in stage) for stage in wrapped]
    spans = [len(s) * h + (len(s) - 1) * GAP for s, h in zip(wrapped, heights, strict=True)]
    height = max(spans)
    boxes: list[Box] = []
    columns: list[list[Rect]] = []
    x = 0.0
    for stage, h, span, w in zip(wrapped, heights, spans, widths, strict=True):
        top = (height + span) / 2
        rects = [Rect(x, top - h - i * (h + GAP), w, h) for i in range(len(stage))]
        boxes += [make_box(r, lines, measure, typo) for r, lines in zip(rects, stage, strict=True)]
        columns.append(rects)
        x += w + ARROW_SPACE
    arrows = [a for i in range(count - 1) for a in _bus(columns[i], columns[i + 1], False)]
    return Layout(width, height, tuple(boxes), tuple(arrows))
