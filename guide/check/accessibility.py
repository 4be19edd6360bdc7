"""The alt-text rule, in one place: every figure (image or diagram) has alt text that describes
it rather than repeating its caption; reported at the Markdown line of the figure."""

# Heading levels are checked by guide.check.structure, colour contrast and the minimum body
# size by guide.config when the brand loads. Imports neither markdown nor reportlab.

from __future__ import annotations

from guide import model as m
from guide.errors import Diagnostics


def repeats_caption(alt: str, caption: str) -> bool:
    """Whether ``alt`` says no more than ``caption`` (ignoring case and spacing)."""
    alt, caption = " ".join(alt.split()).casefold(), " ".join(caption.split()).casefold()
    return bool(caption) and alt == caption


def check_accessibility(document: m.Document, diagnostics: Diagnostics) -> None:
    """Report every figure without alt text, or whose alt text only repeats its caption."""
    blocks = [b for c in document.chapters for b in m.walk(c.blocks)]
    blocks += m.walk(document.disclaimer)
    for block in blocks:
        if isinstance(block, m.Image):
            if not block.alt.strip():
                diagnostics.error(
                    f"image '{block.source}' needs alt text: ![what it shows]({block.source})",
                    block.location,
                )
            elif repeats_caption(block.alt, block.caption):
                diagnostics.error(
                    "alt text must describe the picture, not repeat its caption", block.location
                )
        elif isinstance(block, m.Diagram):
            if not block.alt.strip():
                diagnostics.error(
                    'diagram needs alt text: alt = "what the figure shows"', block.location
                )
            elif repeats_caption(block.alt, block.caption):
                diagnostics.error(
                    "alt text must describe the diagram, not repeat its caption", block.location
                )
