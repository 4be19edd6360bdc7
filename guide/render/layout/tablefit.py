"""Table column widths: each column as wide as its longest word needs at a readable size,
the text shrinking in half points (down to the check stage's minimum) before a word breaks."""

from __future__ import annotations

from collections.abc import Callable

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth

from guide import model as m
from guide.check.tables import CELL_PADDING, MIN_CELL_SIZE
from guide.render.layout.safety import Hyphenator
from guide.render.text.fonts import FontSet


def syllables(hyphenate: Hyphenator | str) -> Callable[[str], list[int]]:
    """Where a style's hyphenator may break a word (no places without one)."""
    if isinstance(hyphenate, str):
        return lambda word: []
    return lambda word: sorted(len(head) for head, _ in hyphenate(word))


def sized(style: ParagraphStyle, size: float) -> ParagraphStyle:
    """``style`` at ``size`` points, its leading scaled with it."""
    if size == style.fontSize:
        return style
    return ParagraphStyle(
        f"{style.name}-{size:g}",
        parent=style,
        fontSize=size,
        leading=round(style.leading * size / style.fontSize, 1),
    )


def word_width(word: str, fonts: FontSet, size: float) -> float:
    """The width of ``word`` in the widest face a cell may set it in (bold)."""
    return max(
        float(stringWidth(word, name, size)) for name in (fonts.body_bold, fonts.heading_bold)
    )


def _cap_widest(need: list[float], width: float) -> list[float]:
    """``need`` with the widest columns cut to one common width so that the sum is ``width``
    (narrow columns keep their words whole)."""
    cap = width / len(need)
    for count, value in enumerate(sorted(need)):
        rest = len(need) - count
        if value * rest + sum(sorted(need)[:count]) >= width:
            cap = (width - sum(sorted(need)[:count])) / rest
            break
    return [min(n, cap) for n in need]


def fit_columns(
    block: m.Table, columns: int, width: float, fonts: FontSet, largest: float
) -> tuple[float, list[float]]:
    """The text size and column widths: the largest size, in half points down to
    :data:`MIN_CELL_SIZE`, at which every column is as wide as its longest word."""
    words: list[list[str]] = [[] for _ in range(columns)]
    for row in (block.header, *block.rows):
        for index, c in enumerate(row[:columns]):
            words[index].extend(m.plain_text(c.inlines).split())
    size = largest
    while True:
        need = [
            CELL_PADDING + max((word_width(w, fonts, size) for w in column), default=0)
            for column in words
        ]
        if sum(need) <= width or size - 0.5 < MIN_CELL_SIZE:
            break
        size -= 0.5
    desired = _column_widths(block, columns, width)
    if sum(need) >= width:  # the widest columns' longest words break, with a hyphen
        return size, _cap_widest(need, width)
    widths = [max(n, d) for n, d in zip(need, desired, strict=True)]
    excess = sum(widths) - width
    room = [w - n for w, n in zip(widths, need, strict=True)]
    if excess > 0 and sum(room) > 0:
        widths = [w - excess * r / sum(room) for w, r in zip(widths, room, strict=True)]
    return size, widths


def _column_widths(block: m.Table, columns: int, width: float) -> list[float]:
    """Share the text width by each column's longest text, within sensible bounds."""
    lengths = [1.0] * columns
    for row in (block.header, *block.rows):
        for index, cell in enumerate(row[:columns]):
            lengths[index] = max(lengths[index], min(len(m.plain_text(cell.inlines)), 60))
    total = sum(lengths)
    floor = min(width / columns, 48.0)
    widths = [max(floor, width * n / total) for n in lengths]
    scale = width / sum(widths)
    return [w * scale for w in widths]
