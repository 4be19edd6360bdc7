"""Put back what the extractor left out in the middle of the article: trafilatura sometimes drops a
heading or a paragraph between two it kept (page builders confuse it), and the article's sentences
must all arrive. Blocks missing before the first or after the last kept block are taken for page
chrome and only reported."""

# Takes the cleaned page's ``<body>`` and trafilatura's XML ``<main>``; changes the XML in place
# (each missing block converted to trafilatura's vocabulary and set before the next kept one) and
# hands on the texts it put back and the texts it left out.

from __future__ import annotations

from urllib.parse import urljoin

import lxml.html
from lxml import etree

BLOCKS = ("h1", "h2", "h3", "h4", "h5", "h6", "p", "ul", "ol", "blockquote", "table", "pre")


def _text(element: etree._Element) -> str:
    return " ".join("".join(element.itertext()).split())


def _key(element: etree._Element) -> str:
    """The element's text without any white space: HTML and the extractor's XML space list
    items and cells differently."""
    return "".join("".join(element.itertext()).split())


def _blocks(body: lxml.html.HtmlElement) -> list[lxml.html.HtmlElement]:
    return [
        e
        for e in body.iter(*BLOCKS)
        if _text(e) and not any(a.tag in BLOCKS for a in e.iterancestors())
    ]


def restore(
    body: lxml.html.HtmlElement, main: etree._Element, base: str
) -> tuple[list[str], list[str]]:
    """Insert into ``main`` the blocks of ``body`` it lacks between kept ones; returns (texts
    put back, texts left out)."""
    heads = {_key(h) for h in main.iter("head")}
    everything = _key(main)
    blocks = _blocks(body)
    kept = [
        (_key(b) in heads) if b.tag[0] == "h" and b.tag[1:].isdigit() else _key(b) in everything
        for b in blocks
    ]
    if True not in kept:
        return [], []
    first, last = kept.index(True), len(kept) - 1 - kept[::-1].index(True)
    restored, left = [], []
    for index, block in enumerate(blocks):
        if kept[index]:
            continue
        if not first < index < last:
            left.append(_text(block))
            continue
        anchor = _anchor(main, blocks[index + 1 :], kept[index + 1 :])
        element = convert(block, base)
        if anchor is None:
            main.append(element)
        else:
            anchor.addprevious(element)
        restored.append(_text(block))
    return restored, left


def _anchor(
    main: etree._Element, later: list[lxml.html.HtmlElement], kept: list[bool]
) -> etree._Element | None:
    """The top-level element of ``main`` that holds the next kept block's text."""
    for block, present in zip(later, kept, strict=True):
        if not present:
            continue
        start = _key(block)[:60]
        for child in main:
            if start in _key(child):
                return child
    return None


def convert(element: lxml.html.HtmlElement, base: str) -> etree._Element:
    """An HTML block as trafilatura writes it: head, p, list/item, quote, table/row/cell."""
    tag = element.tag
    if tag[0] == "h" and tag[1:].isdigit():
        out = etree.Element("head", rend=tag)
        out.text = _text(element)
        return out
    if tag in ("ul", "ol"):
        out = etree.Element("list", rend=tag)
        for item in element.findall("li"):
            node = etree.SubElement(out, "item")
            _inline(item, node, base, skip=("ul", "ol"))
            for sub in item:
                if sub.tag in ("ul", "ol"):
                    node.append(convert(sub, base))
        return out
    if tag == "blockquote":
        out = etree.Element("quote")
        inner = [c for c in element if c.tag in BLOCKS]
        if inner:
            for child in inner:
                out.append(convert(child, base))
        else:
            _inline(element, out, base)
        return out
    if tag == "table":
        out = etree.Element("table")
        for row in element.iter("tr"):
            node = etree.SubElement(out, "row")
            for cell in row:
                if cell.tag in ("td", "th"):
                    target = etree.SubElement(node, "cell")
                    if cell.tag == "th":
                        target.set("role", "head")
                    _inline(cell, target, base)
        return out
    out = etree.Element("p")
    _inline(element, out, base)
    return out


def _inline(
    source: lxml.html.HtmlElement, target: etree._Element, base: str, skip: tuple[str, ...] = ()
) -> None:
    """Copy ``source``'s text and inline markup into ``target`` (emphasis, links, breaks,
    pictures); other tags keep their text."""
    _append_text(target, source.text)
    for child in source:
        if not isinstance(child.tag, str) or child.tag in skip:
            continue
        made: etree._Element | None = None
        if child.tag in ("strong", "b", "em", "i"):
            made = etree.SubElement(
                target, "hi", rend="#b" if child.tag in ("strong", "b") else "#i"
            )
        elif child.tag == "a" and child.get("href"):
            made = etree.SubElement(target, "ref", target=urljoin(base, child.get("href", "")))
        elif child.tag == "br":
            made = etree.SubElement(target, "lb")
        elif child.tag == "img":
            made = etree.SubElement(
                target,
                "graphic",
                src=child.get("src", ""),
                alt=child.get("alt", ""),
                title=child.get("title", ""),
            )
        if made is not None and child.tag not in ("br", "img"):
            _inline(child, made, base)
        elif made is None:
            holder = etree.Element("x")
            _inline(child, holder, base)
            _append_text(target, holder.text)
            for grandchild in holder:
                target.append(grandchild)
        _append_text(target, child.tail)


def _append_text(target: etree._Element, text: str | None) -> None:
    if not text:
        return
    if len(target):
        last = target[-1]
        last.tail = (last.tail or "") + text
    else:
        target.text = (target.text or "") + text
