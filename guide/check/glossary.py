"""Key terms: find a glossary term (or one of its aliases) in the chapters' text, link the first
mention of each term in each chapter to its entry, and warn about terms no chapter mentions. Takes
model blocks and the guide's glossary entries; hands on blocks (with ``Link`` inlines to ``#term-…``
anchors) and diagnostics."""

# Pure model code: the render stage calls link_terms; imports neither markdown nor reportlab.

from __future__ import annotations

import dataclasses
import re

from guide import model as m
from guide.config.schema import GlossaryEntry, GuideConfig
from guide.errors import Diagnostics, Location

TERM_PREFIX = "#term-"
# link_terms's answers for the chapters last seen (by identity: a link's location is no part of
# its equality): the check stage and each edition's render link the same blocks.
_LINKED: dict[
    tuple[int, tuple[GlossaryEntry, ...], tuple[str, ...]],
    tuple[tuple[m.Block, ...], tuple[m.Block, ...]],
] = {}
_LINKED_MAX = 256


def term_pattern(entry: GlossaryEntry) -> re.Pattern[str]:
    """The term and its aliases as whole words, longest first, any spaces between words."""
    names = sorted((entry.term, *entry.aliases), key=len, reverse=True)
    body = "|".join(r"\s+".join(re.escape(w) for w in name.split()) for name in names)
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", re.IGNORECASE)


def _free(
    pattern: re.Pattern[str], text: str, spans: list[tuple[int, int]]
) -> re.Match[str] | None:
    """The first match of ``pattern`` in ``text`` outside every span (the quoted titles)."""
    for found in pattern.finditer(text):
        if not any(found.start() < end and start < found.end() for start, end in spans):
            return found
    return None


def _link_text(
    text: str, pending: dict[str, re.Pattern[str]], quoted: tuple[re.Pattern[str], ...]
) -> list[m.Inline]:
    """``text`` with the first mention of any pending term linked (the term leaves pending)."""
    best: tuple[int, int, str] | None = None
    spans = [found.span() for title in quoted for found in title.finditer(text)]
    for anchor, pattern in pending.items():
        found = _free(pattern, text, spans)
        if found and (best is None or found.start() < best[0]):
            best = (found.start(), found.end(), anchor)
    if best is None:
        return [m.Text(text)]
    start, end, anchor = best
    del pending[anchor]
    out: list[m.Inline] = [m.Text(text[:start])] if start else []
    out.append(m.Link(f"#{anchor}", (m.Text(text[start:end]),)))
    rest = text[end:]
    return out + (_link_text(rest, pending, quoted) if rest else [])


def _link_inlines(
    inlines: tuple[m.Inline, ...],
    pending: dict[str, re.Pattern[str]],
    quoted: tuple[re.Pattern[str], ...],
) -> tuple[m.Inline, ...]:
    out: list[m.Inline] = []
    for item in inlines:
        if not pending:
            out.append(item)
        elif isinstance(item, m.Text):
            out.extend(_link_text(item.text, pending, quoted))
        elif isinstance(item, (m.Emphasis, m.Strong)):
            children = _link_inlines(item.children, pending, quoted)
            out.append(dataclasses.replace(item, children=children))
        else:  # links, code, footnote numbers: never inside another link
            out.append(item)
    return tuple(out)


def _link_blocks(
    blocks: tuple[m.Block, ...],
    pending: dict[str, re.Pattern[str]],
    quoted: tuple[re.Pattern[str], ...],
) -> tuple[m.Block, ...]:
    out: list[m.Block] = []
    for block in blocks:
        if isinstance(block, m.Paragraph):
            block = dataclasses.replace(
                block, inlines=_link_inlines(block.inlines, pending, quoted)
            )
        elif isinstance(block, (m.BlockQuote, m.Callout)):
            block = dataclasses.replace(block, blocks=_link_blocks(block.blocks, pending, quoted))
        elif isinstance(block, m.ListBlock):
            items = tuple(m.ListItem(_link_blocks(i.blocks, pending, quoted)) for i in block.items)
            block = dataclasses.replace(block, items=items)
        out.append(block)
    return tuple(out)


def link_terms(
    blocks: tuple[m.Block, ...], glossary: tuple[GlossaryEntry, ...], titles: tuple[str, ...] = ()
) -> tuple[m.Block, ...]:
    """One chapter's blocks with the first mention of each key term linked to its entry
    (paragraphs, lists, quotes and callouts; never headings, tables, code, another link, or
    the text's mention of an article's title in ``titles``: that names the article)."""
    if not glossary:
        return blocks
    key = (id(blocks), glossary, titles)
    done = _LINKED.get(key)
    if done is not None and done[0] is blocks:  # the same chapter again: check, then each edition
        return done[1]
    pending = {entry.anchor: term_pattern(entry) for entry in glossary}
    quoted = tuple(
        re.compile(r"\s+".join(re.escape(w) for w in title.split()), re.IGNORECASE)
        for title in titles
        if title.split()
    )
    linked = _link_blocks(blocks, pending, quoted)
    if len(_LINKED) >= _LINKED_MAX:
        _LINKED.clear()
    _LINKED[key] = (blocks, linked)  # holds ``blocks``: its id is not reused while cached
    return linked


def linked_anchors(blocks: tuple[m.Block, ...]) -> set[str]:
    """The ``term-…`` anchors that ``blocks`` link to."""
    found: set[str] = set()

    def visit(inlines: tuple[m.Inline, ...]) -> None:
        for item in inlines:
            if isinstance(item, m.Link) and item.href.startswith(TERM_PREFIX):
                found.add(item.href[1:])
            elif isinstance(item, (m.Emphasis, m.Strong)):
                visit(item.children)

    for block in m.walk(blocks):
        if isinstance(block, m.Paragraph):
            visit(block.inlines)
    return found


def related_titles(config: GuideConfig) -> tuple[str, ...]:
    """The titles of the guide's related articles (a text that quotes one names the article)."""
    return tuple(article.title for article in config.related)


def check_glossary(document: m.Document, config: GuideConfig, diagnostics: Diagnostics) -> None:
    """Warn about key terms that no chapter mentions (their entry would be linked from
    nowhere)."""
    mentioned: set[str] = set()
    for chapter in document.chapters:
        mentioned |= linked_anchors(
            link_terms(chapter.blocks, config.glossary, related_titles(config))
        )
    path = f"{config.display}/glossary.toml"
    for entry in config.glossary:
        if entry.anchor not in mentioned:
            diagnostics.warning(
                f"key term '{entry.term}' is not mentioned in any chapter",
                Location(path, entry.line),
            )
