"""Accessibility checks on the document model, before anything renders: every figure (image
or diagram) has alt text that describes it rather than repeating its caption.

Takes the document model; reports diagnostics at the Markdown line of each figure. Heading
levels are checked by :mod:`guide.check.structure`, colour contrast and the minimum body size by
:mod:`guide.config` when the brand loads. Imports neither markdown nor reportlab.
"""

from __future__ import annotations

from guide import model as m
from guide.errors import Diagnostics


def check_accessibility(document: m.Document, diagnostics: Diagnostics) -> None:
    blocks = [b for c in document.chapters for b in m.walk(c.blocks)]
    blocks += m.walk(document.disclaimer)
    for block in blocks:
        if isinstance(block, m.Diagram):
            _check_diagram(block, diagnostics)


def _check_diagram(block: m.Diagram, diagnostics: Diagnostics) -> None:
    alt, caption = block.alt.strip(), block.caption.strip()
    if not alt:
        diagnostics.error("diagram needs alt text: alt = \"what the figure shows\"",
                          block.location)
    elif caption and " ".join(alt.split()).casefold() == " ".join(caption.split()).casefold():
        diagnostics.error("alt text must describe the diagram, not repeat its caption",
                          block.location)
