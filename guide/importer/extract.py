"""The article's main content, found by trafilatura, as Markdown: the ``<h2>`` headings start
chapters, lists, tables, emphasis, quotes and links are kept, links made absolute against the page's
canonical address, pictures written as Markdown images (or TODOs). Takes a cleaned
:class:`~guide.importer.page.Page`; hands on :class:`Chapter` values."""

# Every piece of text trafilatura hands back is written as it stands (only Markdown's own
# characters are escaped); nothing is fetched.

from __future__ import annotations

import re
from dataclasses import dataclass

import trafilatura
from lxml import etree

from guide.importer.page import Page
from guide.importer.restore import restore

INTRODUCTION = "Introduction"  # the heading of the text before the first <h2>


@dataclass(frozen=True)
class Chapter:
    """One chapter: its heading and its Markdown body (without the heading)."""

    title: str
    body: str

    @property
    def markdown(self) -> str:
        """The chapter as a Markdown file: its title as a level-1 heading, then its body."""
        return f"# {escape(self.title)}\n\n{self.body.strip()}\n"


_SPECIAL = re.compile(r"([\\`*_\[\]])")
_LINE_START = re.compile(r"^(\s*)(#|>|[-+]\s|\d+[.)]\s|=+\s*$|!\[)")


def escape(text: str) -> str:
    """``text`` with Markdown's active characters backslash-escaped (the words stay as they
    are)."""
    text = _SPECIAL.sub(r"\\\1", text)
    return _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), text)


@dataclass(frozen=True)
class Extraction:
    """The article as chapters, and the text the extractor's choice was overruled for."""

    chapters: list[Chapter]
    restored: list[str]  # blocks between kept ones that the extractor had left out
    left_out: list[str]  # blocks before or after the article, taken for chrome


def extract(page: Page, images: dict[str, str]) -> Extraction:
    """The article as chapters; ``images`` maps each picture's stand-in address to the
    Markdown to write for it."""
    try:
        xml = trafilatura.extract(
            page.tree,
            url=page.canonical or None,
            output_format="xml",
            include_formatting=True,
            include_links=True,
            include_tables=True,
            include_images=True,
            include_comments=False,
            favor_recall=True,
            deduplicate=False,
            with_metadata=False,
        )
        if not xml:
            return Extraction([], [], [])
        root = etree.fromstring(
            xml.encode("utf-8"), etree.XMLParser(resolve_entities=False, no_network=True)
        )
    except (ValueError, TypeError, etree.LxmlError, RecursionError):
        return Extraction([], [], [])  # the caller reports "no article text found"
    main = root.find("main")
    main = main if main is not None else root
    body = page.tree.find("body")
    restored, left_out = restore(body, main, page.canonical) if body is not None else ([], [])
    writer = _Writer(images)
    chapters = writer.chapters(main)
    chapters += _left_out_pictures(images, writer.used)
    return Extraction(chapters, restored, left_out)


class _Writer:
    def __init__(self, images: dict[str, str]) -> None:
        self.images = images
        self.used: set[str] = set()

    def chapters(self, main: etree._Element) -> list[Chapter]:
        chapters: list[tuple[str, list[str]]] = [(INTRODUCTION, [])]
        for element in main:
            if (
                element.tag == "head"
                and element.get("rend", "h2") in ("h1", "h2")
                and _plain(element)
            ):
                chapters.append((_plain(element), []))
            else:
                block = self.block(element, 1)
                if block.strip():
                    chapters[-1][1].append(block)
        return [
            Chapter(title, "\n\n".join(blocks) + "\n")
            for title, blocks in chapters
            if blocks or title != INTRODUCTION
        ]

    def block(self, element: etree._Element, level: int) -> str:
        tag = element.tag
        if tag == "head":
            rank = re.fullmatch(r"h([1-6])", element.get("rend", ""))
            depth = min(max(int(rank.group(1)) - 1 if rank else 2, 2), 4)
            text = self.inline(element)
            return f"{'#' * depth} {text}" if text else ""
        if tag == "list":
            return self.list(element, 0)
        if tag == "quote":
            inner = (
                "\n\n".join(self.block(c, level) for c in element)
                if len(element) and all(c.tag in ("p", "list", "quote", "head") for c in element)
                else self.inline(element)
            )
            return "\n".join(f"> {line}" if line else ">" for line in inner.splitlines())
        if tag == "table":
            return self.table(element)
        if tag == "graphic":
            return self.graphic(element)
        return self.inline(element)

    def inline(self, element: etree._Element) -> str:
        parts = [escape(_squash(element.text or ""))]
        for child in element:
            parts.append(self.span(child))
            parts.append(escape(_squash(child.tail or "")))
        return re.sub(r"[ \t]+", " ", "".join(parts)).strip()

    def span(self, element: etree._Element) -> str:
        tag = element.tag
        inner = self.inline(element)
        if tag == "hi" and inner:
            rend = element.get("rend", "")
            mark = "**" if "#b" in rend else "*" if "#i" in rend or "#u" in rend else ""
            return f"{mark}{inner}{mark}"
        if tag == "ref" and inner:
            target = element.get("target", "")
            if target.startswith(("http://", "https://", "mailto:", "tel:", "#")):
                safe = target.replace(" ", "%20").replace("(", "%28").replace(")", "%29")
                return f"[{inner}]({safe})"
            return inner
        if tag == "lb":
            return "  \n"
        if tag == "graphic":
            return "\n\n" + self.graphic(element) + "\n\n"
        if tag in ("list", "table", "quote", "p"):
            return "\n\n" + self.block(element, 1) + "\n\n"
        return inner

    def list(self, element: etree._Element, depth: int) -> str:
        ordered = element.get("rend") == "ol"
        lines = []
        for number, item in enumerate(element.findall("item"), start=1):
            marker = f"{number}. " if ordered else "- "
            nested = [c for c in item if c.tag == "list"]
            for sub in nested:
                item.remove(sub)  # written after the item's own words
            text = self.inline(item)
            pad = " " * (4 * depth)
            lines.append(f"{pad}{marker}{text}")
            for sub in nested:
                lines.append(self.list(sub, depth + 1))
        return "\n".join(lines)

    def table(self, element: etree._Element) -> str:
        rows = [
            [self.inline(c).replace("\n", " ").replace("|", "\\|") for c in row.findall("cell")]
            for row in element.findall("row")
        ]
        rows = [r for r in rows if r]
        if not rows:
            return ""
        width = max(len(r) for r in rows)
        rows = [r + [""] * (width - len(r)) for r in rows]
        lines = ["| " + " | ".join(rows[0]) + " |", "|" + "---|" * width]
        lines += ["| " + " | ".join(r) + " |" for r in rows[1:]]
        return "\n".join(lines)

    def graphic(self, element: etree._Element) -> str:
        """The picture's Markdown, with the figure's caption as its title (or, where a title
        cannot hold it, as a paragraph after it)."""
        src = element.get("src", "")
        self.used.add(src)
        picture = self.images.get(src, "")
        caption = " ".join((element.get("title") or "").split())
        if not caption:
            return picture
        if picture.startswith("![") and picture.endswith(")"):
            for quote in ('"', "'"):
                if quote not in caption:
                    return f"{picture[:-1]} {quote}{escape(caption)}{quote})"
        return f"{picture}\n\n{escape(caption)}"


def _left_out_pictures(images: dict[str, str], used: set[str]) -> list[Chapter]:
    """Pictures the extractor did not place: listed as TODOs in a last chapter of their own,
    so that none is lost without a word."""
    lost = [markdown for src, markdown in images.items() if src not in used]
    if not lost:
        return []
    note = (
        "<!-- TODO: the extractor could not tell where these pictures stand in the "
        "article; move each to its place, or delete this chapter -->"
    )
    return [Chapter("Pictures to place", "\n\n".join([note, *lost]) + "\n")]


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def _plain(element: etree._Element) -> str:
    return " ".join("".join(element.itertext()).split())
