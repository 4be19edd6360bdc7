"""The render stage: document model + brand → PDF bytes. The only package that imports reportlab.

:func:`render_guide` lays the guide out and turns reportlab's layout failures into located
diagnostics instead of tracebacks.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from guide.errors import Diagnostics, Location

if TYPE_CHECKING:
    from guide import model as m
    from guide.config.schema import Brand, GuideConfig
    from guide.edition import Edition
    from guide.render.document import Rendered


def render_guide(document: m.Document, config: GuideConfig, brand: Brand, edition: Edition,
                 diagnostics: Diagnostics) -> Rendered | None:
    from reportlab.platypus.doctemplate import LayoutError

    from guide.render.diagram_hook import diagram_renderer
    from guide.render.document import render_pdf

    try:
        return render_pdf(document, config, brand, edition, diagram_renderer(brand))
    except LayoutError as exc:
        where = Location(f"{config.display}/guide.toml", 1)
        diagnostics.error(f"cannot lay out the guide: {exc}", where)
        return None
