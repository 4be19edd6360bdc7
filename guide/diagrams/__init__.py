"""Declarative diagrams: fenced ``diagram`` blocks (TOML) → spec → layout → render."""

# :func:`parse_diagram` validates a block into a :class:`~guide.diagrams.spec.DiagramSpec`;
# :mod:`guide.diagrams.layout` computes its geometry; ``guide.render.layout.diagram`` draws it.
# Nothing here imports reportlab or markdown.

from guide.diagrams.parse import parse_diagram
from guide.diagrams.spec import DiagramSpec

__all__ = ["DiagramSpec", "parse_diagram"]
