"""How a link to a key term looks: the term keeps the text's colour and gets a quiet dotted
underline (its markup is made in :mod:`guide.render.text.markup`), so a chapter full of terms
does not read like a page of links. Uses only reportlab's public canvas API.
"""

from __future__ import annotations

from typing import Any

from guide.check.glossary import TERM_PREFIX
from guide.render.text.scraps import BodyParagraph

DOTS = ([0.1, 2.2], 0)  # dash pattern and phase: round dots every 2.3 pt


def has_term_link(markup: str) -> bool:
    """Whether paragraph markup links to a key term."""
    return f'href="{TERM_PREFIX}' in markup


class TermParagraph(BodyParagraph):
    """A paragraph holding key-term links: its underlines are drawn as round dots.

    reportlab draws underlines as plain lines with the canvas's current dash, so the dash is
    set around the paragraph's drawing (other links in the same paragraph are dotted too)."""

    def draw(self) -> None:
        """Draw the paragraph with dotted underlines."""
        canv: Any = self.canv
        canv.saveState()
        canv.setDash(*DOTS)
        canv.setLineCap(1)
        try:
            super().draw()
        finally:
            canv.restoreState()
