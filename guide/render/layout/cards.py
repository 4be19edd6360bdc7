"""A table too wide for a phone's frame, laid out as one card per row: each header cell as the
label beside its value. Takes the model table and a cell maker; hands on one reportlab Table
whose structure is still the table's (TH row, then TD rows; see guide.render.tagged.tree).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reportlab.lib.colors import HexColor
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph, Spacer, Table

from guide import model as m
from guide.render.text.styles import Styles, table_style

CARD_BELOW = 90.0  # in a narrow frame, tables whose columns would be narrower become cards

CellMaker = Callable[[m.TableCell, ParagraphStyle, str], Flowable]


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
    commands: list[tuple[Any, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 6),
        ("RIGHTPADDING", (0, 0), (-1, -1), 6),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]
    tint, rule = (HexColor(c) for c in colors)
    for index, values in enumerate(body):
        start = len(grid)
        for label, value in zip(head, values, strict=False):
            if index:
                label = Paragraph(label.text, styles.table_head)
                label.role = "Artifact"
                repeated.append(label)
            grid.append([label, value])
        end = len(grid) - 1
        commands += [
            ("NOSPLIT", (0, start), (-1, end)),  # a card stays on one page
            ("BACKGROUND", (0, start), (0, end), tint),
            ("LINEABOVE", (0, start), (-1, start), 1.2, rule),
            ("TOPPADDING", (0, start), (-1, start), 7),
            ("BOTTOMPADDING", (0, end), (-1, end), 9),
        ]
    table = Table(grid, colWidths=[label_w, width - label_w], splitInRow=0, hAlign="LEFT")
    table.setStyle(table_style(font, commands))
    table.role = "Table"
    table.spaceAfter, table.spaceBefore = styles.body.spaceAfter, 4
    table.logical_rows, table.artifact_cells = [head, *body], repeated
    return table
