"""The output of layout: boxes, text lines, arrows and leaders in points, origin bottom-left."""

# Also the text tools layout needs: word wrapping against a ``measure(text, font, size)``
# callable, with words wider than the box broken so text never overflows. Pure; no reportlab.

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

Measure = Callable[[str, str, float], float]
Point = tuple[float, float]
MIN_SIZE = 9.0


@dataclass(frozen=True)
class Typography:
    """Font names (reportlab names, from the FontSet) and the size for text in figures."""

    regular: str
    bold: str
    size: float = 10.5

    @property
    def leading(self) -> float:
        """Line spacing for this size."""
        return round(self.size * 1.25, 2)


@dataclass(frozen=True)
class Rect:
    """An axis-aligned rectangle (x, y at the bottom left), in points."""

    x: float
    y: float
    w: float
    h: float

    @property
    def top(self) -> float:
        """The top edge."""
        return self.y + self.h

    @property
    def right(self) -> float:
        """The right edge."""
        return self.x + self.w

    @property
    def cx(self) -> float:
        """The horizontal centre."""
        return self.x + self.w / 2

    @property
    def cy(self) -> float:
        """The vertical centre."""
        return self.y + self.h / 2

    def overlaps(self, other: Rect, gap: float = 0.0) -> bool:
        """Whether the two rectangles come closer than ``gap``."""
        return (
            self.x < other.right + gap
            and other.x < self.right + gap
            and self.y < other.top + gap
            and other.y < self.top + gap
        )

    def contains(self, other: Rect, tolerance: float = 0.01) -> bool:
        """Whether ``other`` lies inside this rectangle."""
        return (
            other.x >= self.x - tolerance
            and other.right <= self.right + tolerance
            and other.y >= self.y - tolerance
            and other.top <= self.top + tolerance
        )


@dataclass(frozen=True)
class TextLine:
    """One line of text; ``x`` is its left edge, ``y`` its baseline; ``w`` its width."""

    text: str
    x: float
    y: float
    w: float
    font: str
    size: float

    def rect(self) -> Rect:
        """The line's box: from the descender (0.22 em below the baseline) to the ascender
        (0.78 em above it), as :func:`place_lines` reserves it."""
        return Rect(self.x, self.y - 0.22 * self.size, self.w, self.size)


@dataclass(frozen=True)
class Box:
    """A shape with text. Roles name palette colours; "" means no fill or no stroke."""

    rect: Rect
    lines: tuple[TextLine, ...]
    fill: str = "tint"
    stroke: str = "accent"
    text_color: str = "ink"
    radius: float = 6.0


@dataclass(frozen=True)
class Arrow:
    """A polyline from ``points[0]``; an arrowhead at the last point when ``head``."""

    points: tuple[Point, ...]
    head: bool = True
    color: str = "accent"


@dataclass(frozen=True)
class Leader:
    """A callout line from a label to an anchor, with a dot at the anchor (the last point)."""

    points: tuple[Point, ...]
    color: str = "accent"


@dataclass(frozen=True)
class Layout:
    """A laid-out diagram: boxes, arrows, leaders, labels and the illustration's place."""

    width: float
    height: float
    boxes: tuple[Box, ...] = ()
    arrows: tuple[Arrow, ...] = ()
    leaders: tuple[Leader, ...] = ()
    labels: tuple[Box, ...] = ()  # callout labels: text without a shape
    image: Rect | None = None  # where the illustration goes (anatomy-label)
    panels: tuple[Box, ...] = ()  # shapes drawn beneath boxes that sit inside them (cards)
    markers: tuple[Box, ...] = ()  # numbered markers drawn over the illustration

    def all_text(self) -> tuple[TextLine, ...]:
        """Every line of text in the diagram."""
        return tuple(line for box in self.boxes + self.labels + self.markers for line in box.lines)


def _break_word(word: str, width: float, fit: Callable[[str], float]) -> list[str]:
    pieces: list[str] = []
    current = ""
    for char in word:
        if current and fit(current + char) > width:
            pieces.append(current)
            current = char
        else:
            current += char
    if current:
        pieces.append(current)
    return pieces


def wrap(text: str, width: float, measure: Measure, font: str, size: float) -> list[str]:
    """Greedy word wrap of ``text`` into lines no wider than ``width`` (when one character
    fits); a word wider than the line is broken between characters."""

    def fit(s: str) -> float:
        return measure(s, font, size)

    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if fit(candidate) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        if fit(word) <= width:
            current = word
        else:
            *full, current = _break_word(word, width, fit)
            lines.extend(full)
    if current:
        lines.append(current)
    return lines or [""]


def place_lines(
    lines: list[str],
    rect: Rect,
    measure: Measure,
    font: str,
    size: float,
    leading: float,
    align: str = "center",
    top: bool = False,
) -> tuple[TextLine, ...]:
    """Lines centred vertically in ``rect`` (or from its top), aligned "center", "left" or
    "right"."""
    block = size + leading * (len(lines) - 1)
    upper = rect.top if top else rect.cy + block / 2
    top_baseline = upper - 0.78 * size  # see TextLine.rect
    out = []
    for index, line in enumerate(lines):
        w = measure(line, font, size)
        if align == "left":
            x = rect.x
        elif align == "right":
            x = rect.right - w
        else:
            x = rect.cx - w / 2
        out.append(TextLine(line, x, top_baseline - index * leading, w, font, size))
    return tuple(out)


def text_height(count: int, size: float, leading: float) -> float:
    """Height of ``count`` lines of text."""
    return size + leading * (count - 1)
