"""Tables that fit the page: every column gets room for a few letters at a readable size. Takes the
document model and the brand's text width; hands on a diagnostic at the Markdown line of each table
with more columns than fit."""

# The render stage lays tables out by the same numbers (:data:`MIN_CELL_SIZE`,
# :data:`CELL_PADDING`, :func:`max_columns`). Imports no layout library.

from __future__ import annotations

from guide import model as m
from guide.errors import Diagnostics

MIN_CELL_SIZE = 9.0  # points: the smallest readable table text
CELL_PADDING = 12.0  # points: left and right padding of a cell together
MIN_CELL_EMS = 3.0  # a column holds at least this many ems of text (four or five letters)


def min_column_width() -> float:
    """The narrowest column a table may have, in points."""
    return CELL_PADDING + MIN_CELL_EMS * MIN_CELL_SIZE


def max_columns(text_width: float) -> int:
    """How many columns fit across ``text_width`` at :data:`MIN_CELL_SIZE`."""
    return max(1, int(text_width // min_column_width()))


def columns_of(table: m.Table) -> int:
    """How many columns a table has (its widest row)."""
    return max((len(row) for row in (table.header, *table.rows)), default=1) or 1


def check_tables(document: m.Document, text_width: float, diagnostics: Diagnostics) -> None:
    """Report each table with more columns than fit across the page at a readable size."""
    limit = max_columns(text_width)
    blocks = [b for c in document.chapters for b in m.walk(c.blocks)]
    for block in blocks + m.walk(document.disclaimer):
        if isinstance(block, m.Table) and columns_of(block) > limit:
            diagnostics.error(
                f"this table has {columns_of(block)} columns; at most {limit} fit across the "
                f"page at a readable size ({MIN_CELL_SIZE:g} pt): split it, or turn it into a "
                f"list",
                block.location,
            )
