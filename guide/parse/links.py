"""Links as people write them, made into the model's links once every chapter is parsed. Takes the
parsed chapters and the guide's ``base_url``; hands on chapters in which bare ``http(s)://`` and
``www.`` addresses are links (GitHub's autolink rules), relative links are joined to ``base_url``,
and ``#id`` links (Python-Markdown's heading ids, ``{#id}``, ``fn:1``) point at the destination the
renderer writes."""

# What cannot be resolved is left as written for the check stage to report
# (:mod:`guide.check.links`). Imports neither markdown nor reportlab.

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable

from guide import model as m

_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:")
# GitHub's extended autolinks: after the start, a space, or one of * _ ~ ( ; up to a space or <.
_CANDIDATE = re.compile(r"(?<![^\s*_~(])(?:https?://|www\.)[^\s<]+", re.IGNORECASE)
_DOMAIN = re.compile(r"[A-Za-z0-9_\-]+(?:\.[A-Za-z0-9_\-]+)+")
_TRAILING = "?!.,:*_~'\""
_ENTITY_END = re.compile(r"&[A-Za-z0-9]+;$")


def is_relative(href: str) -> bool:
    """A link within the site the article came from (``/articles/x``, ``x.html``, ``../x``)."""
    return bool(href) and not href.startswith(("#", "//")) and _SCHEME.match(href) is None


def join_url(base: str, href: str) -> str:
    """``href`` (relative) resolved against ``base`` (an absolute http(s) address)."""
    from urllib.parse import urljoin

    return urljoin(base if base.endswith("/") or href.startswith("/") else base + "/", href)


def _trim(candidate: str) -> str:
    """GitHub's end of an autolink: no trailing punctuation, unbalanced ``)`` or entity."""
    while candidate:
        unbalanced = candidate.endswith(")") and candidate.count(")") > candidate.count("(")
        if candidate[-1] in _TRAILING or unbalanced:
            candidate = candidate[:-1]
        elif candidate.endswith(";") and (entity := _ENTITY_END.search(candidate)):
            candidate = candidate[: entity.start()]
        else:
            break
    return candidate


def autolinks(text: str) -> list[m.Inline]:
    """``text`` with its bare web addresses made into links."""
    out: list[m.Inline] = []
    pos = 0
    for found in _CANDIDATE.finditer(text):
        address = _trim(found.group())
        rest = re.sub(r"^(?:https?://)", "", address, flags=re.IGNORECASE)
        domain = _DOMAIN.match(rest)
        if domain is None or "_" in ".".join(domain.group().split(".")[-2:]):
            continue
        if found.start() > pos:
            out.append(m.Text(text[pos : found.start()]))
        # GitHub links www. as http://; a clinic's site today is served over https.
        href = address if address.lower().startswith("http") else "https://" + address
        out.append(m.Link(href, (m.Text(address),)))
        pos = found.start() + len(address)
    if pos < len(text):
        out.append(m.Text(text[pos:]))
    return out


def _map_inlines(
    inlines: tuple[m.Inline, ...], link: Callable[[m.Link], m.Link]
) -> tuple[m.Inline, ...]:
    out: list[m.Inline] = []
    for item in inlines:
        if isinstance(item, m.Text) and ("://" in item.text or "www." in item.text.lower()):
            out.extend(link(x) if isinstance(x, m.Link) else x for x in autolinks(item.text))
        elif isinstance(item, m.Link):
            out.append(link(item))
        elif isinstance(item, (m.Strong, m.Emphasis)):
            out.append(dataclasses.replace(item, children=_map_inlines(item.children, link)))
        else:
            out.append(item)
    return tuple(out)


def _map_blocks(
    blocks: tuple[m.Block, ...], link: Callable[[m.Link], m.Link]
) -> tuple[m.Block, ...]:
    out: list[m.Block] = []
    for block in blocks:
        if isinstance(block, (m.Paragraph, m.Heading)):
            block = dataclasses.replace(block, inlines=_map_inlines(block.inlines, link))
        elif isinstance(block, m.Table):

            def cells(row: tuple[m.TableCell, ...]) -> tuple[m.TableCell, ...]:
                return tuple(
                    dataclasses.replace(c, inlines=_map_inlines(c.inlines, link)) for c in row
                )

            block = dataclasses.replace(
                block, header=cells(block.header), rows=tuple(cells(r) for r in block.rows)
            )
        elif isinstance(block, (m.BlockQuote, m.Callout)):
            block = dataclasses.replace(block, blocks=_map_blocks(block.blocks, link))
        elif isinstance(block, m.ListBlock):
            items = tuple(m.ListItem(_map_blocks(i.blocks, link)) for i in block.items)
            block = dataclasses.replace(block, items=items)
        elif isinstance(block, m.Footnotes):
            notes = tuple(
                dataclasses.replace(n, blocks=_map_blocks(n.blocks, link)) for n in block.notes
            )
            block = dataclasses.replace(block, notes=notes)
        out.append(block)
    return tuple(out)


def _ids(blocks: tuple[m.Block, ...]) -> dict[str, str]:
    """Each id an author may write → the destination it names (the first of a kind wins)."""
    found: dict[str, str] = {}
    for block in m.walk(blocks):
        if isinstance(block, m.Heading):
            for name in (*block.ids, block.anchor):
                found.setdefault(name, block.anchor)
        elif isinstance(block, m.Footnotes):
            for note in block.notes:
                for name in (*note.ids, note.anchor):
                    found.setdefault(name, note.anchor)
    return found


def resolve_links(
    chapters: tuple[m.Chapter, ...], disclaimer: tuple[m.Block, ...], base_url: str
) -> tuple[tuple[m.Chapter, ...], tuple[m.Block, ...]]:
    """Autolink bare addresses, join relative links to ``base_url`` and point ``#id`` links at
    their destination: in the link's own chapter first, then anywhere in the guide."""
    everywhere: dict[str, str] = {}
    for blocks in [c.blocks for c in chapters] + [disclaimer]:
        for name, anchor in _ids(blocks).items():
            everywhere.setdefault(name, anchor)

    def resolver(own: dict[str, str]) -> Callable[[m.Link], m.Link]:
        def link(item: m.Link) -> m.Link:
            href = item.href
            if href.startswith("#") and len(href) > 1:
                target = own.get(href[1:]) or everywhere.get(href[1:])
                href = f"#{target}" if target else href
            elif base_url and is_relative(href) and not any(c.isspace() for c in href):
                href = join_url(base_url, href)
            return dataclasses.replace(item, href=href) if href != item.href else item

        return link

    out = tuple(
        m.Chapter(c.source, _map_blocks(c.blocks, resolver(_ids(c.blocks)))) for c in chapters
    )
    return out, _map_blocks(disclaimer, resolver(_ids(disclaimer)))
