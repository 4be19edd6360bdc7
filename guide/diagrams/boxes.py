"""Boxes and arrows shared by the diagram kinds: padding, wrapping text into a box, placing it.

Pure geometry on :mod:`guide.diagrams.geometry`; no reportlab.
"""

from __future__ import annotations

from guide.diagrams.geometry import (
    Arrow,
    Box,
    Measure,
    Point,
    Rect,
    Typography,
    place_lines,
    text_height,
    wrap,
)

PAD_X = 12.0  # inside a box, left and right
NARROW = 110.0  # boxes narrower than this get NARROW_PAD, so words are not broken
NARROW_PAD = 7.0
PAD_Y = 10.0  # inside a box, top and bottom
GAP = 14.0  # between boxes side by side
ARROW_SPACE = 34.0  # between boxes joined by an arrow
CLEAR = 3.0  # between an arrow's end and a box


def pad_x(w: float) -> float:
    """Left and right padding inside a box of width ``w``."""
    return PAD_X if w >= NARROW else NARROW_PAD


def longest_word(texts: list[str], measure: Measure, font: str, size: float) -> float:
    """Width of the longest word in ``texts``."""
    return max((measure(word, font, size) for t in texts for word in t.split()), default=0.0)


def box_lines(
    text: str, w: float, measure: Measure, typo: Typography, bold: bool = False
) -> list[str]:
    """``text`` wrapped to fit inside a box of width ``w``."""
    font = typo.bold if bold else typo.regular
    return wrap(text, w - 2 * pad_x(w), measure, font, typo.size)


def box_height(lines: list[str], typo: Typography) -> float:
    """Height of a box holding ``lines``, padding included."""
    return text_height(len(lines), typo.size, typo.leading) + 2 * PAD_Y


def make_box(
    rect: Rect,
    lines: list[str],
    measure: Measure,
    typo: Typography,
    bold: bool = False,
    align: str = "center",
    fill: str = "tint",
    stroke: str = "accent",
    text_color: str = "ink",
    top: bool = False,
) -> Box:
    """A box at ``rect`` with ``lines`` placed inside it."""
    font = typo.bold if bold else typo.regular
    pad = pad_x(rect.w)
    inner = Rect(rect.x + pad, rect.y + PAD_Y, rect.w - 2 * pad, rect.h - 2 * PAD_Y)
    text = place_lines(lines, inner, measure, font, typo.size, typo.leading, align, top)
    return Box(rect, text, fill, stroke, text_color)


def arrow(start: Point, end: Point, *via: Point, head: bool = True) -> Arrow:
    """An arrow from ``start`` through ``via`` to ``end``."""
    return Arrow((start, *via, end), head)
