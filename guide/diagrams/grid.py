"""Lay out a ``compare`` diagram: a grid of boxes with column headers and row labels. Takes a
:class:`~guide.diagrams.spec.Compare`; hands on a :class:`Layout`."""

# Row labels sit in a left column when the columns stay wide enough, otherwise as a band above
# each row. Pure: no reportlab.

from __future__ import annotations

from guide.diagrams.boxes import PAD_X, box_height, box_lines, make_box
from guide.diagrams.geometry import (
    Box,
    Layout,
    Measure,
    Rect,
    Typography,
    place_lines,
    text_height,
)
from guide.diagrams.spec import Compare

GUTTER = 6.0  # between cells
MIN_COLUMN = 110.0  # narrower than this, row labels move to bands above the rows
BAND_GAP = 6.0  # between a row label band and its cells
BAND_TOP = 8.0  # above a row label band


def _label_width(rows: tuple[str, ...], width: float, measure: Measure, typo: Typography) -> float:
    natural = max(measure(w, typo.bold, typo.size) for r in rows for w in r.split())
    whole = max(measure(r, typo.bold, typo.size) for r in rows)
    return min(max(whole / 2, natural) + 2 * PAD_X, width * 0.28)


def layout_compare(body: Compare, width: float, measure: Measure, typo: Typography) -> Layout:
    """Lay out a comparison table of columns and rows."""
    k = len(body.columns)
    label_w = _label_width(body.rows, width, measure, typo)
    side_labels = (width - label_w - k * GUTTER) / k >= MIN_COLUMN
    x0 = label_w + GUTTER if side_labels else 0.0
    col_w = (width - x0 - (k - 1) * GUTTER) / k
    xs = [x0 + i * (col_w + GUTTER) for i in range(k)]

    heads = [box_lines(c, col_w, measure, typo, bold=True) for c in body.columns]
    head_h = max(box_height(lines, typo) for lines in heads)
    cells = [[box_lines(c, col_w, measure, typo) for c in row] for row in body.cells]
    labels = [
        box_lines(r, label_w if side_labels else width, measure, typo, bold=True) for r in body.rows
    ]
    row_hs = []
    for lines, row in zip(labels, cells, strict=True):
        h = max(box_height(c, typo) for c in row)
        row_hs.append(max(h, box_height(lines, typo)) if side_labels else h)
    band_hs = [
        0.0
        if side_labels
        else text_height(len(lines), typo.size, typo.leading) + BAND_GAP + BAND_TOP
        for lines in labels
    ]
    height = head_h + sum(row_hs) + sum(band_hs) + GUTTER * len(row_hs)

    boxes: list[Box] = []
    label_boxes: list[Box] = []
    top = height
    for x, lines in zip(xs, heads, strict=True):
        boxes.append(
            make_box(
                Rect(x, top - head_h, col_w, head_h),
                lines,
                measure,
                typo,
                bold=True,
                fill="primary",
                stroke="",
                text_color="on_primary",
            )
        )
    top -= head_h + GUTTER
    for lines, row, h, band in zip(labels, cells, row_hs, band_hs, strict=True):
        if side_labels:
            rect = Rect(0, top - h, label_w, h)
            label_boxes.append(
                make_box(
                    rect,
                    lines,
                    measure,
                    typo,
                    bold=True,
                    align="left",
                    fill="",
                    stroke="",
                    text_color="primary",
                )
            )
        else:
            rect = Rect(0, top - band + BAND_GAP, width, band - BAND_GAP - BAND_TOP)
            text = place_lines(lines, rect, measure, typo.bold, typo.size, typo.leading, "left")
            label_boxes.append(Box(rect, text, fill="", stroke="", text_color="primary"))
            top -= band
        for x, cell in zip(xs, row, strict=True):
            boxes.append(
                make_box(
                    Rect(x, top - h, col_w, h),
                    cell,
                    measure,
                    typo,
                    align="left",
                    stroke="",
                    top=True,
                )
            )
        top -= h + GUTTER
    return Layout(width, height, tuple(boxes), labels=tuple(label_boxes))
