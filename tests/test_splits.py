"""Blocks that split rather than leave a hole (issue 16): a callout between its lines, with its
title kept with the first of them, and a phone's table cards between a card's rows; each moves
to the next page whole when that leaves no hole. Read back from the PDF's text, page by page.
Every word here is test content, not medical advice."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer

from guide import model as m
from guide.config.schema import Brand
from guide.errors import Location
from guide.render.layout.callouts import callout_box
from guide.render.layout.cards import table_cards
from guide.render.text.fonts import register_fonts
from guide.render.text.styles import make_styles
from tests.pdftools import page_texts

PAGE = (288.0, 504.0)  # a phone's page
MARGIN = 22.0
FRAME = PAGE[1] - 2 * MARGIN
WIDTH = PAGE[0] - 2 * MARGIN
FILLER = "written for the tests and long enough to take three lines of a card"


def _pages(tmp_path: Path, above: float, block: Flowable) -> list[str]:
    """The text of each page when ``block`` comes after ``above`` of the frame's height."""
    out = tmp_path / f"split-{above:.2f}.pdf"
    doc = SimpleDocTemplate(
        str(out),
        pagesize=PAGE,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
    )
    doc.build([Spacer(0, above * FRAME - 12), block])
    return [" ".join(text.split()) for text in page_texts(out)]


@pytest.fixture(scope="module")
def callout(brand: Brand) -> Callable[[], Flowable]:
    fonts = register_fonts(brand)
    styles = make_styles(brand, fonts)
    body_style = styles.callout_body

    def make() -> Flowable:
        body = [
            Paragraph(f"Paragraph {n} of the test callout, written for the tests. " * 5, body_style)
            for n in (1, 2)
        ]
        title = Paragraph("A test title", styles.callout_title)
        return callout_box("expert", "Expert", title, body, brand, WIDTH, fonts.body, 10)

    return make


def test_a_callout_splits_between_its_lines_rather_than_leave_a_hole(
    callout: Callable[[], Flowable], tmp_path: Path
) -> None:
    pages = _pages(tmp_path, 0.5, callout())  # moving it whole would leave half a page blank
    assert len(pages) == 2
    first, second = pages
    assert "A test title" in first
    assert first.split("A test title", 1)[1].count("test callout") >= 1  # lines kept under it
    assert "A test title" not in second and "test callout" in second
    assert "Paragraph 2" in second


def test_a_callout_moves_whole_when_that_leaves_no_hole(
    callout: Callable[[], Flowable], tmp_path: Path
) -> None:
    pages = _pages(tmp_path, 0.85, callout())
    assert "A test title" not in pages[0] and "test callout" not in pages[0]
    assert "A test title" in pages[1] and "Paragraph 2" in pages[1]


@pytest.fixture(scope="module")
def cards(brand: Brand) -> Callable[[], Flowable]:
    fonts = register_fonts(brand)
    styles = make_styles(brand, fonts)

    def cell(c: m.TableCell, style: object, role: str) -> Flowable:
        para = Paragraph(m.plain_text(c.inlines), style)
        para.role = role
        return para

    def text(words: str) -> m.TableCell:
        return m.TableCell((m.Text(words),))

    header = tuple(text(f"Test label {n}") for n in range(1, 5))
    rows = tuple(
        tuple(text(f"Card {card} value {n}, {FILLER}") for n in range(1, 5))
        for card in ("A", "B", "C")
    )
    block = m.Table(header, rows, Location("test.md", 1))

    def make() -> Flowable:
        return table_cards(block, 4, cell, WIDTH, styles, fonts.body, ("#E3EFF0", "#0E4D5C"))

    return make


def test_table_cards_split_inside_a_card_rather_than_leave_a_hole(
    cards: Callable[[], Flowable], tmp_path: Path
) -> None:
    table = cards()
    height = table.wrap(WIDTH, FRAME)[1]
    card = height / 3
    above = (FRAME - card * 0.7) / FRAME  # the first card does not fit below, two rows do
    assert above < 0.78
    first, second = _pages(tmp_path, above, cards())[:2]
    assert "Card A value 1" in first and "Card A value 2" in first
    assert "Card A value 4" in second and "Card A value 1" not in second
    assert second.index("Card A value 4") < second.index("Card B value 1")


def test_table_cards_move_whole_when_that_leaves_no_hole(
    cards: Callable[[], Flowable], tmp_path: Path
) -> None:
    table = cards()
    card = table.wrap(WIDTH, FRAME)[1] / 3
    above = (FRAME - card * 0.7) / FRAME + 0.1
    first, second = _pages(tmp_path, min(above, 0.9), cards())[:2]
    assert "Card A" not in first
    assert "Card A value 1" in second
