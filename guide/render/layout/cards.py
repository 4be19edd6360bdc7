"""A table too wide for a phone's frame, laid out as one card per row: each header cell as the
label beside its value. Takes the model table and a cell maker; hands on one reportlab Table
whose structure is still the table's (TH row, then TD rows; see guide.render.tagged.tree), that
splits between cards, and inside a card only where moving the card whole would leave a hole.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reportlab.lib.colors import HexColor
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph, Spacer, Table

from guide import model as m
from guide.render.adapter import (
    frame_height,
    table_column_widths,
    table_row_heights,
    table_rows,
)
from guide.render.layout.floats import FULL_PAGE
from guide.render.text.styles import Styles, table_style

CARD_BELOW = 90.0  # in a narrow frame, tables whose columns would be narrower become cards
MIN_CARD_ROWS = 2  # a card split across pages keeps this many of its rows on each side

CellMaker = Callable[[m.TableCell, ParagraphStyle, str], Flowable]
Look = tuple[str, Any, Any]  # the cells' font, the label column's tint, the rule above a card


class CardTable(Table):  # type: ignore[misc]
    """The cards of a table: a card stays on one page, unless moving it whole to the next
    would leave this page ending above :data:`FULL_PAGE` of its frame; then it splits between
    its rows (at least :data:`MIN_CARD_ROWS` on each side)."""

    cards: tuple[tuple[int, int], ...] = ()  # each card's first and last row
    look: Look = ("", None, None)

    def split(self, availWidth: float, availHeight: float) -> list[Any]:
        """Split between cards; inside a card where that alone keeps the page full."""
        pieces = list(super().split(availWidth, availHeight))
        frame = getattr(self, "_frame", None)
        if frame is None or len(self.cards) < 1:
            return pieces
        full = frame_height(frame)
        taken = pieces[0].wrap(availWidth, availHeight)[1] if len(pieces) == 2 else 0.0
        if full - availHeight + taken >= FULL_PAGE * full:
            return pieces
        heights = table_row_heights(self)
        row = self._row_to_split(heights, availHeight, taken)
        if row is None:
            return pieces
        return [self._part(0, row), self._part(row, len(heights))]

    def _row_to_split(self, heights: list[float], room: float, taken: float) -> int | None:
        """The last row boundary inside a card, below what the split between cards keeps here,
        that fits in ``room`` and leaves enough of the card on each side."""
        best = None
        for first, last in self.cards:
            for row in range(first + MIN_CARD_ROWS, last - MIN_CARD_ROWS + 2):
                height = sum(heights[:row])
                if taken < height <= room:
                    best = row
        return best

    def _part(self, start: int, end: int) -> Table:
        """Rows ``start`` to ``end`` as a table of their own, looking the same."""
        cards = tuple(
            (max(a, start) - start, min(b, end - 1) - start)
            for a, b in self.cards
            if b >= start and a < end
        )
        grid = table_rows(self)[start:end]
        part = type(self)(
            grid, colWidths=table_column_widths(self), splitInRow=0, hAlign=self.hAlign
        )
        font, tint, rule = self.look
        opened = {a for a, _ in self.cards}
        part.setStyle(table_style(font, _card_commands(cards, tint, rule, start, opened)))
        part.cards, part.look = cards, self.look
        part.role = self.role
        part.spaceAfter = self.spaceAfter
        part.spaceBefore = self.spaceBefore if start == 0 else 0
        for name in ("logical_rows", "artifact_cells"):
            if hasattr(self, name):
                setattr(part, name, getattr(self, name))
        return part


def _card_commands(
    cards: tuple[tuple[int, int], ...], tint: Any, rule: Any, offset: int = 0, opened: Any = None
) -> list[tuple[Any, ...]]:
    """The style of the cards at rows ``cards`` (a card continued from the page before, whose
    first row is not in ``opened`` once ``offset`` is added, has no rule above it)."""
    commands: list[tuple[Any, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 6),
        ("RIGHTPADDING", (0, 0), (-1, -1), 6),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]
    for start, end in cards:
        commands += [
            ("NOSPLIT", (0, start), (-1, end)),  # a card stays on one page
            ("BACKGROUND", (0, start), (0, end), tint),
        ]
        if opened is None or start + offset in opened:
            commands += [
                ("LINEABOVE", (0, start), (-1, start), 1.2, rule),
                ("TOPPADDING", (0, start), (-1, start), 7),
            ]
        commands.append(("BOTTOMPADDING", (0, end), (-1, end), 9))
    return commands


def table_cards(
    block: m.Table,
    columns: int,
    cell: CellMaker,
    width: float,
    styles: Styles,
    font: str,
    colors: tuple[str, str],
) -> Flowable:
    """One card per row (``colors``: the label column's tint, the rule above each card). The
    labels repeated on later cards are artifacts (``artifact_cells``); ``logical_rows`` holds
    the table as a screen reader hears it: the header cells, then each row's cells."""
    head = [cell(c, styles.table_head, "TH") for c in block.header[:columns]]
    body: list[list[Flowable]] = []
    for row in block.rows:
        cells = [cell(c, styles.table_cell, "TD") for c in row[:columns]]
        body.append(cells + [Spacer(0, 0)] * (columns - len(cells)))
    label_w = min(width * 0.38, 110.0)
    grid: list[list[Flowable]] = []
    repeated: list[Flowable] = []
    cards: list[tuple[int, int]] = []
    for index, values in enumerate(body):
        start = len(grid)
        for label, value in zip(head, values, strict=False):
            if index:
                label = Paragraph(label.text, styles.table_head)
                label.role = "Artifact"
                repeated.append(label)
            grid.append([label, value])
        cards.append((start, len(grid) - 1))
    tint, rule = (HexColor(c) for c in colors)
    table = CardTable(grid, colWidths=[label_w, width - label_w], splitInRow=0, hAlign="LEFT")
    table.setStyle(table_style(font, _card_commands(tuple(cards), tint, rule)))
    table.cards, table.look = tuple(cards), (font, tint, rule)
    table.role = "Table"
    table.spaceAfter, table.spaceBefore = styles.body.spaceAfter, 4
    table.logical_rows, table.artifact_cells = [head, *body], repeated
    return table
