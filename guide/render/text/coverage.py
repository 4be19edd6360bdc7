"""Which fallback font draws a character, as reportlab font names: the check stage decides.

Takes a brand; hands on a :class:`DrawingFallback` for :func:`guide.render.text.markup.to_markup`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from reportlab.lib.fonts import addMapping

from guide.check.coverage import Faces, Fallback
from guide.check.coverage import fallback_for as decide
from guide.config.schema import Brand
from guide.render.text.fonts import register_file


@dataclass(frozen=True)
class DrawingFallback:
    """:class:`guide.check.coverage.Fallback` with reportlab font names instead of files."""

    decision: Fallback

    def font_for(self, char: str) -> str | None:
        """The registered fallback font that draws ``char``, or None for the run's own face."""
        path = self.decision.font_for(char)
        return None if path is None else register_file(path)


def fallback_for(brand: Brand) -> DrawingFallback | None:
    """The brand's fallback fonts, registered, or None when it has none."""
    return _drawing(Faces.of(brand))


@cache
def _drawing(faces: Faces) -> DrawingFallback | None:
    decision = decide(faces)
    if decision is None:
        return None
    for path in faces.fallbacks:  # <b> and <i> inside a fallback run keep the fallback font
        name = register_file(path)
        for bold in (0, 1):
            for italic in (0, 1):
                addMapping(name, bold, italic, name)
    return DrawingFallback(decision)
