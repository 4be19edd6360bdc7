"""Lay diagrams out for a narrow frame (the phone edition): everything runs top to bottom.

Takes a spec body, the width (narrower than :data:`NARROW_FRAME`), a ``measure`` callable and
the :class:`Typography`; hands on a :class:`Layout`. Compare becomes a stack of labelled cards
(one per column), flows and cycles run down the page, and anatomy labels move below the picture
as a numbered key when they do not fit beside it. Text stays 9 pt or more. Pure: no reportlab.
"""

from __future__ import annotations

from guide.diagrams.boxes import CLEAR, arrow, box_height, box_lines, make_box
from guide.diagrams.geometry import (
    Arrow,
    Box,
    Layout,
    Leader,
    Measure,
    Rect,
    Typography,
    place_lines,
    text_height,
    wrap,
)
from guide.diagrams.spec import AnatomyLabel, Compare, Cycle, Flow

NARROW_FRAME = 320.0  # frames narrower than this (points) get the layouts of this module
CARD_GAP = 6.0  # between cards
CARD_INSET = 8.0  # inside a card, left, right and under its band
HEAD_PAD = 5.0  # above and below a card's name in its band
LABEL_GAP = 2.0  # between a row's label and its text in a card
ROW_SPACE = 5.0  # between a card's rows
ROW_GAP = 6.0  # between a card's label and its text, and between its rows
INSET = 10.0  # inside a card, and between a flow stage's frame and its boxes
LANE = 26.0  # the cycle's return lane, right of the boxes
DOWN_ARROW = 24.0  # between boxes joined by an arrow down the page
MIN_BESIDE = 80.0  # anatomy labels narrower than this move below the picture
BADGE = 15.0  # the numbered marker's diameter (anatomy key)
KEY_GAP = 8.0  # between the picture and its key, and between key entries


def layout_compare_cards(body: Compare, width: float, measure: Measure, typo: Typography) -> Layout:
    """One card per column: its name in a band, then each row's label above its cell. Set
    tight (a phone's page holds four cards of two rows at 9 pt or more)."""
    panels: list[Box] = []
    labels: list[Box] = []
    boxes: list[Box] = []
    inner = width - 2 * CARD_INSET
    lead, size = typo.leading, typo.size
    parts = []
    for index, name in enumerate(body.columns):
        head = box_lines(name, width, measure, typo, bold=True)
        rows = [
            (
                wrap(label, inner, measure, typo.bold, size),
                wrap(body.cells[r][index], inner, measure, typo.regular, size),
            )
            for r, label in enumerate(body.rows)
        ]
        parts.append((head, rows))
    heights = []
    for head, rows in parts:
        h = text_height(len(head), size, lead) + 2 * HEAD_PAD + CARD_INSET
        for label, cell in rows:
            h += (
                text_height(len(label), size, lead)
                + LABEL_GAP
                + text_height(len(cell), size, lead)
                + ROW_SPACE
            )
        heights.append(h + CARD_INSET - ROW_SPACE)
    height = sum(heights) + CARD_GAP * (len(heights) - 1)
    top = height
    for (head, rows), h in zip(parts, heights, strict=True):
        panels.append(Box(Rect(0, top - h, width, h), (), fill="tint", stroke="accent"))
        head_h = text_height(len(head), size, lead) + 2 * HEAD_PAD
        band = Rect(0, top - head_h, width, head_h)
        boxes.append(
            Box(
                band,
                place_lines(head, band, measure, typo.bold, size, lead),
                fill="primary",
                stroke="",
                text_color="on_primary",
            )
        )
        y = top - head_h - CARD_INSET
        for label, cell in rows:
            for lines, font, color, gap in (
                (label, typo.bold, "primary", LABEL_GAP),
                (cell, typo.regular, "ink", ROW_SPACE),
            ):
                th = text_height(len(lines), size, lead)
                rect = Rect(CARD_INSET, y - th, inner, th)
                labels.append(
                    Box(
                        rect,
                        place_lines(lines, rect, measure, font, size, lead, "left", True),
                        fill="",
                        stroke="",
                        text_color=color,
                    )
                )
                y -= th + gap
        top -= h + CARD_GAP
    return Layout(width, height, tuple(boxes), labels=tuple(labels), panels=tuple(panels))


def layout_flow_down(body: Flow, width: float, measure: Measure, typo: Typography) -> Layout:
    """Stages from top to bottom; a stage of several boxes stacks them inside a frame."""
    panels: list[Box] = []
    boxes: list[Box] = []
    arrows: list[Arrow] = []
    stage_boxes: list[list[list[str]]] = []
    for stage in body.stages:
        w = width if len(stage) == 1 else width - 2 * INSET
        stage_boxes.append([box_lines(text, w, measure, typo) for text in stage])
    heights = []
    for wrapped in stage_boxes:
        inner = sum(box_height(lines, typo) for lines in wrapped) + ROW_GAP * (len(wrapped) - 1)
        heights.append(inner if len(wrapped) == 1 else inner + 2 * INSET)
    height = sum(heights) + DOWN_ARROW * (len(heights) - 1)
    top = height
    previous: Rect | None = None
    for group, h in zip(stage_boxes, heights, strict=True):
        outer = Rect(0, top - h, width, h)
        if len(group) == 1:
            boxes.append(make_box(outer, group[0], measure, typo))
        else:
            panels.append(Box(outer, (), fill="", stroke="accent"))
            y = top - INSET
            for lines in group:
                bh = box_height(lines, typo)
                boxes.append(
                    make_box(Rect(INSET, y - bh, width - 2 * INSET, bh), lines, measure, typo)
                )
                y -= bh + ROW_GAP
        if previous is not None:
            arrows.append(arrow((width / 2, previous.y - CLEAR), (width / 2, top + CLEAR)))
        previous = outer
        top -= h + DOWN_ARROW
    return Layout(width, height, tuple(boxes), tuple(arrows), panels=tuple(panels))


def layout_cycle_down(body: Cycle, width: float, measure: Measure, typo: Typography) -> Layout:
    """Steps from top to bottom, and a return arrow up the right-hand lane to the first."""
    w = width - LANE
    wrapped = [box_lines(step, w, measure, typo) for step in body.steps]
    heights = [box_height(lines, typo) for lines in wrapped]
    gap = DOWN_ARROW
    height = sum(heights) + gap * (len(heights) - 1)
    boxes: list[Box] = []
    arrows: list[Arrow] = []
    rects: list[Rect] = []
    top = height
    for lines, h in zip(wrapped, heights, strict=True):
        rect = Rect(0, top - h, w, h)
        if rects:
            arrows.append(arrow((w / 2, rects[-1].y - CLEAR), (w / 2, rect.top + CLEAR)))
        rects.append(rect)
        boxes.append(make_box(rect, lines, measure, typo))
        top -= h + gap
    lane = w + LANE / 2
    first, last = rects[0], rects[-1]
    arrows.append(
        arrow(
            (last.right + CLEAR, last.cy),
            (lane, last.cy),
            (lane, first.cy),
            (first.right + CLEAR, first.cy),
        )
    )
    return Layout(width, height, tuple(boxes), tuple(arrows))


def anatomy_fits_beside(
    body: AnatomyLabel, width: float, measure: Measure, typo: Typography
) -> bool:
    """Whether labels beside the picture get a column wide enough for their longest word."""
    column = width * 0.21
    longest = max(
        measure(word, typo.regular, typo.size)
        for label in body.labels
        for word in label.text.split()
    )
    return column >= max(MIN_BESIDE, longest)


def layout_anatomy_key(
    body: AnatomyLabel, width: float, measure: Measure, typo: Typography
) -> Layout:
    """The picture at full width with a numbered marker on each anchor, and below it the
    key: each label's number and text, in the order the labels are written."""
    image_w = min(width, 300.0 / body.aspect) if body.aspect else width
    image_h = image_w * body.aspect
    number_w = BADGE + 6
    texts = [
        wrap(label.text, width - number_w, measure, typo.regular, typo.size)
        for label in body.labels
    ]
    key_hs = [max(text_height(len(lines), typo.size, typo.leading), BADGE) for lines in texts]
    key_h = sum(key_hs) + KEY_GAP * (len(key_hs) - 1)
    height = image_h + KEY_GAP * 1.5 + key_h
    image = Rect((width - image_w) / 2, height - image_h, image_w, image_h)
    boxes: list[Box] = []
    markers: list[Box] = []
    labels: list[Box] = []
    leaders: list[Leader] = []
    for number, label in enumerate(body.labels, start=1):
        anchor = body.anchor(label.anchor)
        ax, ay = image.x + anchor.u * image.w, image.top - anchor.v * image.h
        badge = _marker_place(
            ax, ay, anchor.u < 0.5, [m.rect for m in markers], Rect(0, image.y, width, image.h)
        )
        markers.append(_badge(badge, str(number), measure, typo))
        dx, dy = ax - badge.cx, ay - badge.cy
        length = max((dx * dx + dy * dy) ** 0.5, 1e-6)
        edge = (badge.cx + dx / length * BADGE / 2, badge.cy + dy / length * BADGE / 2)
        leaders.append(Leader((edge, (ax, ay))))
    y = image.y - KEY_GAP * 1.5
    for number, (lines, h) in enumerate(zip(texts, key_hs, strict=True), start=1):
        boxes.append(_badge(Rect(0, y - BADGE, BADGE, BADGE), str(number), measure, typo))
        rect = Rect(number_w, y - h, width - number_w, h)
        labels.append(
            Box(
                rect,
                place_lines(
                    lines, rect, measure, typo.regular, typo.size, typo.leading, "left", True
                ),
                fill="",
                stroke="",
                text_color="ink",
            )
        )
        y -= h + KEY_GAP
    return Layout(
        width,
        height,
        tuple(boxes),
        leaders=tuple(leaders),
        labels=tuple(labels),
        image=image,
        markers=tuple(markers),
    )


def _marker_place(ax: float, ay: float, leftward: bool, taken: list[Rect], room: Rect) -> Rect:
    """A marker's square beside the anchor (towards the picture's nearer edge first), moved
    further out until it overlaps no marker placed before and stays in ``room``."""
    sign = -1.0 if leftward else 1.0
    for ring in range(40):
        reach = 4 + ring * (BADGE + 2)
        for dx, dy in ((sign, 0.0), (-sign, 0.0), (0.0, 1.0), (0.0, -1.0)):
            x = ax + dx * (reach + BADGE / 2) - BADGE / 2
            y = ay + dy * (reach + BADGE / 2) - BADGE / 2
            rect = Rect(x, y, BADGE, BADGE)
            if room.contains(rect) and not any(rect.overlaps(t, 1.0) for t in taken):
                return rect
    # Crowded anchors fill the four directions: the free spot of the picture nearest the anchor.
    step = BADGE + 2
    spots = [
        Rect(room.x + i * step, room.y + j * step, BADGE, BADGE)
        for i in range(int((room.w - BADGE) // step) + 1)
        for j in range(int((room.h - BADGE) // step) + 1)
    ]
    spots.sort(key=lambda r: (r.cx - ax) ** 2 + (r.cy - ay) ** 2)
    for rect in spots:
        if not any(rect.overlaps(t, 1.0) for t in taken):
            return rect
    x = min(max(ax - BADGE / 2, room.x), room.right - BADGE)  # no room left: on the anchor
    return Rect(x, min(max(ay - BADGE / 2, room.y), room.top - BADGE), BADGE, BADGE)


def _badge(rect: Rect, number: str, measure: Measure, typo: Typography) -> Box:
    """A round marker holding a number (at least 9 pt)."""
    size = max(9.0, min(typo.size, rect.h - 5))
    w = measure(number, typo.bold, size)
    line = place_lines(
        [number], Rect(rect.cx - w / 2, rect.y, w, rect.h), measure, typo.bold, size, size, "center"
    )
    return Box(rect, line, fill="primary", stroke="", text_color="on_primary", radius=rect.w / 2)
