"""Connects diagram blocks to the diagram renderer with the brand's registered fonts."""

from __future__ import annotations

from collections.abc import Callable

from reportlab.platypus import Flowable

from guide import model as m
from guide.config.schema import Brand
from guide.i18n import Catalogue
from guide.render.layout.diagram import diagram_flowable
from guide.render.text.fonts import register_fonts


def diagram_renderer(
    brand: Brand, words: Catalogue | None = None
) -> Callable[[m.Diagram, float], Flowable]:
    """A function that turns a diagram block into a flowable for this brand."""
    fonts = register_fonts(brand)

    def render(block: m.Diagram, width: float) -> Flowable:
        return diagram_flowable(block.spec, brand, fonts, width, block.number, words)

    return render
