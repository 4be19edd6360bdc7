"""Lay out an ``anatomy-label`` diagram: the illustration in the middle, callout labels stacked left
and right of it without overlap, and leader lines from each label to its anchor. Takes a
:class:`~guide.diagrams.spec.AnatomyLabel`; hands on a :class:`Layout` whose ``image`` is where the
renderer draws the SVG."""

# Pure: no reportlab.

from __future__ import annotations

from guide.diagrams.geometry import (
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
from guide.diagrams.spec import AnatomyLabel, Label

LEADER_SPACE = 20.0  # between the label columns and the drawing
LABEL_GAP = 10.0  # between stacked labels
MAX_IMAGE_H = 300.0
ELBOW = 8.0  # the leader's first, horizontal run out of the label


def _side(label: Label, u: float) -> str:
    if label.side != "auto":
        return label.side
    return "left" if u < 0.5 else "right"


def _stack(wanted: list[float], heights: list[float], total: float) -> list[float]:
    """Centres (top first) as close to ``wanted`` as possible, no closer than LABEL_GAP,
    inside 0..total."""
    centres: list[float] = []
    for want, h in zip(wanted, heights, strict=True):
        limit = total - h / 2
        if centres:
            prev = centres[-1] - heights[len(centres) - 1] / 2 - LABEL_GAP - h / 2
            limit = min(limit, prev)
        centres.append(min(want, limit))
    for i in range(len(centres) - 1, -1, -1):
        floor = heights[i] / 2
        if i + 1 < len(centres):
            floor = centres[i + 1] + heights[i + 1] / 2 + LABEL_GAP + heights[i] / 2
        centres[i] = max(centres[i], floor)
    return centres


def layout_anatomy(body: AnatomyLabel, width: float, measure: Measure, typo: Typography) -> Layout:
    """Lay out an illustration with labels and leader lines to its anchors."""
    font, size, leading = typo.regular, typo.size, typo.leading
    natural = max(measure(label.text, font, size) for label in body.labels)
    # Labels wrap to a narrow column so that the drawing gets at least half the width.
    label_w = min(natural, width * 0.21)
    image_w = width - 2 * (label_w + LEADER_SPACE)
    image_h = image_w * body.aspect
    if image_h > MAX_IMAGE_H:
        image_h, image_w = MAX_IMAGE_H, MAX_IMAGE_H / body.aspect
    wrapped = [wrap(label.text, label_w, measure, font, size) for label in body.labels]
    heights = [text_height(len(lines), size, leading) for lines in wrapped]
    sides = [_side(label, body.anchor(label.anchor).u) for label in body.labels]
    stacks = {
        s: sum(h + LABEL_GAP for h, side in zip(heights, sides, strict=True) if side == s)
        - LABEL_GAP
        for s in ("left", "right")
    }
    height = max(image_h, *stacks.values())
    image = Rect((width - image_w) / 2, (height - image_h) / 2, image_w, image_h)

    def point(name: str) -> tuple[float, float]:
        anchor = body.anchor(name)
        return image.x + anchor.u * image.w, image.top - anchor.v * image.h

    labels: list[Box] = []
    leaders: list[Leader] = []
    for side in ("left", "right"):
        chosen = sorted(
            (i for i, s in enumerate(sides) if s == side),
            key=lambda i: -point(body.labels[i].anchor)[1],
        )
        if not chosen:
            continue
        centres = _stack(
            [point(body.labels[i].anchor)[1] for i in chosen], [heights[i] for i in chosen], height
        )
        for i, cy in zip(chosen, centres, strict=True):
            h = heights[i]
            x = 0.0 if side == "left" else width - label_w
            rect = Rect(x, cy - h / 2, label_w, h)
            align = "right" if side == "left" else "left"
            lines = place_lines(wrapped[i], rect, measure, font, size, leading, align)
            labels.append(Box(rect, lines, fill="", stroke="", text_color="ink"))
            ax, ay = point(body.labels[i].anchor)
            edge = rect.right + 4 if side == "left" else rect.x - 4
            elbow = edge + ELBOW if side == "left" else edge - ELBOW
            leaders.append(Leader(((edge, cy), (elbow, cy), (ax, ay))))
    return Layout(width, height, labels=tuple(labels), leaders=tuple(leaders), image=image)
