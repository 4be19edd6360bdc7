"""The check stage: every problem in the parsed guide, all at once, before anything renders. Takes
the document model and configuration; hands on diagnostics with Markdown locations."""

# Imports neither markdown nor reportlab (glyph coverage: guide.check.coverage).

from __future__ import annotations

from guide import model as m
from guide.check.accessibility import check_accessibility
from guide.check.links import check_links
from guide.config.schema import GuideConfig, Limits
from guide.errors import Diagnostics, Location

MAX_HEADING_CHARS = 1_200


def check_document(
    document: m.Document,
    config: GuideConfig,
    diagnostics: Diagnostics,
    limits: Limits | None = None,
) -> None:
    """Report every structural problem: chapter titles, heading levels, nesting, unsafe links."""
    max_nesting = (limits or Limits()).max_nesting
    for chapter in document.chapters:
        _check_headings(chapter, config, diagnostics)
        _check_nesting(chapter.blocks, max_nesting, diagnostics)
    _check_nesting(document.disclaimer, max_nesting, diagnostics)
    check_accessibility(document, diagnostics)
    check_links(document, config, diagnostics)


def _check_nesting(
    blocks: tuple[m.Block, ...], limit: int, diagnostics: Diagnostics, depth: int = 0
) -> bool:
    """Report the first list, quote or callout nested more than ``limit`` deep: each level
    narrows the text, and past a dozen nothing fits the page."""
    for block in blocks:
        if isinstance(block, (m.ListBlock, m.BlockQuote, m.Callout)):
            if depth + 1 > limit:
                diagnostics.error(
                    f"lists, quotes and callouts are nested {depth + 1} deep "
                    f"here; the limit is {limit}",
                    block.location,
                )
                return True
            children: tuple[m.Block, ...] = (
                tuple(b for item in block.items for b in item.blocks)
                if isinstance(block, m.ListBlock)
                else block.blocks
            )
            if _check_nesting(children, limit, diagnostics, depth + 1):
                return True
    return False


def _check_headings(chapter: m.Chapter, config: GuideConfig, diagnostics: Diagnostics) -> None:
    first = chapter.blocks[0] if chapter.blocks else None
    if not isinstance(first, m.Heading) or first.level != 1:
        display = f"{config.display}/{chapter.source}"  # as the parser names it
        where = getattr(first, "location", None) or Location(display, 1)
        diagnostics.error("a chapter must begin with a level-1 heading (# Title)", where)
    previous = 0
    for block in m.walk(chapter.blocks):
        if not isinstance(block, m.Heading):
            continue
        if block.level == 1 and previous:
            diagnostics.error(
                "a chapter has one level-1 heading; start a new file for a new "
                "chapter, or use ## for a section",
                block.location,
            )
        if previous and block.level > previous + 1:
            diagnostics.error(
                f"heading level skips from {previous} to {block.level} "
                f"(use {'#' * (previous + 1)})",
                block.location,
            )
        if not block.text.strip():
            diagnostics.error("heading is empty", block.location)
        elif len(block.text) > MAX_HEADING_CHARS:
            # A contents line never splits across pages; past this it may not fit on one.
            diagnostics.error(
                f"heading is {len(block.text):,} characters long; the limit is "
                f"{MAX_HEADING_CHARS:,}",
                block.location,
            )
        previous = block.level
