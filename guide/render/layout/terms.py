"""How a link to a key term looks: the term keeps the text's colour and gets a quiet dotted
underline (its markup is made in :mod:`guide.render.text.markup`), so a chapter full of terms
does not read like a page of links; other links in the same paragraph keep their solid underline.
Uses only reportlab's public canvas API (the adapter hands it each underline).
"""

from __future__ import annotations

from typing import Any

from guide.check.glossary import TERM_PREFIX
from guide.render.adapter import paragraph_lines
from guide.render.text.markup import TERM_RULE
from guide.render.text.scraps import BodyParagraph

DOTS = ([0.1, 2.2], 0)  # dash pattern and phase: round dots every 2.3 pt


def has_term_link(markup: str) -> bool:
    """Whether paragraph markup links to a key term."""
    return f'href="{TERM_PREFIX}' in markup


def _dotted(canv: Any, plain: Any, *line: Any) -> None:  # line: x1, y1, x2, y2, width, colour
    """A key term's underline (the only one ``TERM_RULE`` thick) in round dots; others as is."""
    if abs(line[4] - TERM_RULE) > 1e-9:
        plain()
        return
    canv.saveState()
    canv.setDash(*DOTS)
    canv.setLineCap(1)
    plain()
    canv.restoreState()


class TermParagraph(BodyParagraph):
    """A paragraph holding key-term links: their underlines (and only theirs) are round dots."""

    def draw(self) -> None:
        """Draw the paragraph, the key terms' underlines dotted."""
        with paragraph_lines(_dotted):
            super().draw()
