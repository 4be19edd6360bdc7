"""Turn Python-Markdown's element tree into the document model. Takes the root element
Python-Markdown built (captured before serialisation) and the source file; hands on a tuple of
:mod:`guide.model` blocks."""

# Raw HTML that Python-Markdown stashed is never passed on as markup: its text is kept, its tags
# dropped (a warning says so), and ``<br>``, ``<b>``/``<strong>``, ``<i>``/``<em>`` and ``<code>``
# map to their model counterparts.

from __future__ import annotations

import hashlib
import html
import re
import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Callable
from html.parser import HTMLParser

from guide import model as m
from guide.errors import Diagnostics, Location
from guide.i18n import LANGUAGE_TAG
from guide.parse.fences import token_index
from guide.sources import LineFinder, SourceFile

_PLACEHOLDER = re.compile("\x02(.*?)\x03")
# Python-Markdown hides the address of an e-mail autolink (<a@b.org>) as character references
# behind its "amp" placeholder, in the text and in the href.
_OBFUSCATED = re.compile("\x02amp\x03(#\\d+;)")
_STASH = re.compile(r"wzxhzdk:(\d+)")
_ALIGN = re.compile(r"text-align:\s*(left|center|right)")
_INLINE_TAGS = {"b": "strong", "strong": "strong", "i": "em", "em": "em", "code": "code"}


def slugify(text: str) -> str:
    """An ASCII name for ``text`` (accents dropped: "Qué" → "que"): anchors become PDF names
    (destinations, outline keys, contents' page-number forms), which must be ASCII. Text with
    no ASCII letter at all (Greek, Cyrillic) is named by a digest of itself."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^\w\s-]", "", folded.lower()).strip()
    slug = re.sub(r"[\s_-]+", "-", slug)[:60].strip("-")
    if slug:
        return slug
    digest = hashlib.sha1(text.encode("utf-8"), usedforsecurity=False).hexdigest()[:8]
    return f"section-{digest}"


class _HtmlText(HTMLParser):
    """Collects the text of raw HTML and the known inline tags around it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.items: list[m.Inline] = []
        self.stack: list[tuple[str, list[m.Inline]]] = []
        self.dropped = False

    def _out(self) -> list[m.Inline]:
        return self.stack[-1][1] if self.stack else self.items

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self._out().append(m.LineBreak())
        elif tag in _INLINE_TAGS:
            self.stack.append((_INLINE_TAGS[tag], []))
        else:
            self.dropped = True

    def handle_endtag(self, tag: str) -> None:
        if tag in _INLINE_TAGS and self.stack and self.stack[-1][0] == _INLINE_TAGS[tag]:
            self._close()
        elif tag != "br":
            self.dropped = True

    def _close(self) -> None:
        kind, children = self.stack.pop()
        node: m.Inline
        if kind == "strong":
            node = m.Strong(tuple(children))
        elif kind == "em":
            node = m.Emphasis(tuple(children))
        else:
            node = m.Code(m.plain_text(tuple(children)))
        self._out().append(node)

    def handle_data(self, data: str) -> None:
        self._out().append(m.Text(data))

    def close(self) -> None:
        super().close()
        while self.stack:
            self._close()


class Converter:
    """Converts one chapter's element tree; ``lifted`` maps fence tokens to blocks."""

    def __init__(
        self,
        source: SourceFile,
        stash: list[str],
        diagnostics: Diagnostics,
        lifted: Callable[[int], m.Block | None],
        resolve_image: Callable[[str, str, str, Location], m.Image],
    ) -> None:
        self.source = source
        self.stash = stash
        self.diagnostics = diagnostics
        self.lifted = lifted
        self.resolve_image = resolve_image
        self.finder = LineFinder(source.text)
        self.anchors: set[str] = set()
        self.markdown_ids: set[str] = set()
        self.unicode_ids: set[str] = set()
        self.warned_html = False

    # --- text and inlines ----------------------------------------------------------------

    def _text(self, text: str | None) -> list[m.Inline]:
        if not text:
            return []
        text = _deobfuscate(text)
        out: list[m.Inline] = []
        pos = 0
        for match in _PLACEHOLDER.finditer(text):
            if match.start() > pos:
                out.append(m.Text(text[pos : match.start()]))
            pos = match.end()
            inner = match.group(1)
            stash = _STASH.fullmatch(inner)
            if inner == "amp":
                out.append(m.Text("&"))
            elif stash and int(stash.group(1)) < len(self.stash):
                out.extend(self._raw_html(self.stash[int(stash.group(1))]))
            elif inner.isdigit():  # a backslash escape Python-Markdown did not restore
                out.append(m.Text(chr(int(inner))))
            # anything else is a footnote back-link placeholder: dropped
        if pos < len(text):
            out.append(m.Text(text[pos:]))
        return out

    def _raw_html(self, raw: str) -> list[m.Inline]:
        if re.fullmatch(r"&#?\w+;", raw.strip()):
            return [m.Text(html.unescape(raw))]
        parser = _HtmlText()
        parser.feed(re.sub(r"<!--.*?-->", "", raw, flags=re.S))
        parser.close()
        if parser.dropped and not self.warned_html:
            self.warned_html = True
            self.diagnostics.warning(
                "raw HTML is not rendered: its tags are dropped and its text kept",
                self.source.location(self.finder.find("", raw=raw.strip()[:20] or None)),
            )
        return parser.items

    def inlines(self, element: ET.Element) -> tuple[m.Inline, ...]:
        """The inlines of an element's text and children."""
        out = self._text(element.text)
        for child in element:
            out.extend(self._inline(child))
            out.extend(self._text(child.tail))
        return _merge(out)

    def _inline(self, el: ET.Element) -> list[m.Inline]:
        tag = el.tag
        if tag in ("strong", "b"):
            return [m.Strong(self.inlines(el))]
        if tag in ("em", "i"):
            return [m.Emphasis(self.inlines(el))]
        if tag == "code":
            return [m.Code(m.plain_text(self.inlines(el)))]
        if tag == "br":
            return [m.LineBreak()]
        if tag == "sup" and el.get("id", "").startswith("fnref"):
            ref = el.find("a")
            number = int(ref.text or "0") if ref is not None and (ref.text or "").isdigit() else 0
            return [m.FootnoteRef(number, f"{self._prefix()}fn-{number}")]
        if tag == "a":
            href = _deobfuscate(el.get("href", ""))
            line = self.finder.peek(href) if href.strip() and "\n" not in href else 0
            return [m.Link(href, self.inlines(el), self.source.location(line) if line else None)]
        if tag == "img":
            src = el.get("src", "")
            self.diagnostics.warning(
                f"image '{src}' sits inside a paragraph, so only its alt text is shown; put it "
                f"on a line of its own to show the picture",
                self.source.location(self.finder.find("", raw=src) if src else 1),
            )
            return [m.Text(el.get("alt", ""))]
        return list(self.inlines(el))

    def _prefix(self) -> str:
        return slugify(self.source.path.stem) + "-"

    # --- blocks --------------------------------------------------------------------------

    def blocks(self, parent: ET.Element) -> tuple[m.Block, ...]:
        """The blocks of an element's children."""
        out: list[m.Block] = []
        for child in parent:
            self._add(out, child)
        return tuple(out)

    def _add(self, out: list[m.Block], child: ET.Element) -> None:
        """Convert ``child`` and append what it gives (none, one or several blocks)."""
        block = self.block(child)
        if isinstance(block, list):
            out.extend(block)
        elif block is not None:
            out.append(block)

    def _loc(self, words: str, consume: bool = False) -> Location:
        return self.source.location(self.finder.find(words, consume=consume))

    def block(self, el: ET.Element) -> m.Block | list[m.Block] | None:
        """One element as a block (or several, or None for nothing to keep)."""
        tag = el.tag
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            inlines = self.inlines(el)
            text = m.plain_text(inlines)
            location = self._loc(text, True) if text.strip() else self._empty_heading(tag)
            return m.Heading(
                int(tag[1]),
                inlines,
                self._anchor(text),
                location,
                self._lang(el, location),
                self._markdown_ids(el, text),
            )
        if tag == "p":
            return self._paragraph(el)
        if tag in ("ul", "ol"):
            items = []
            location = self._loc(_first_words(el))
            for li in el.findall("li"):
                items.append(m.ListItem(self._item_blocks(li)))
            start = int(el.get("start", "1")) if el.get("start", "1").isdigit() else 1
            return m.ListBlock(tag == "ol", tuple(items), location, start)
        if tag == "blockquote":
            location = self._loc(_first_words(el))
            return m.BlockQuote(self.blocks(el), location)
        if tag == "div" and "admonition" in el.get("class", "").split():
            return self._callout(el)
        if tag == "div" and "footnote" in el.get("class", "").split():
            return self._footnotes(el)
        if tag == "pre":
            code = el.find("code")
            text = m.plain_text(self.inlines(code if code is not None else el))
            return m.CodeBlock(text.rstrip("\n"), "", self._loc(text))
        if tag == "table":
            return self._table(el)
        if tag == "hr":
            return m.Rule(self.source.location(self.finder.find("", raw="---") or 1))
        if tag == "div":  # an element we do not know: keep its content
            return list(self.blocks(el))
        return self._paragraph(el)

    def _empty_heading(self, tag: str) -> Location:
        """Where a heading without words stands: the next line with only its ``#`` marks."""
        pattern = re.compile(r" {0,3}" + "#" * int(tag[1]) + r"(?:\s+#*)?(?:\s*\{:?[^}]*\})?\s*")
        line = self.finder.match(pattern, consume=True)
        return self.source.location(line or self.finder.find(""))

    def _markdown_ids(self, el: ET.Element, text: str) -> tuple[str, ...]:
        """The ids a link may give the heading: its ``{#id}``, else Python-Markdown's toc slug
        (accents dropped) and the slug that keeps them, as GitHub makes it (``#qué-es``)."""
        from markdown.extensions.toc import slugify as toc_slugify
        from markdown.extensions.toc import slugify_unicode, unique

        given = el.get("id")
        if given:
            self.markdown_ids.add(given)
            return (given,)
        ascii_id = str(unique(toc_slugify(text, "-"), self.markdown_ids))
        kept = str(unique(slugify_unicode(text, "-"), self.unicode_ids))
        return (ascii_id,) if kept == ascii_id else (ascii_id, kept)

    def _anchor(self, text: str) -> str:
        base = self._prefix() + slugify(text)
        anchor, n = base, 2
        while anchor in self.anchors:
            anchor, n = f"{base}-{n}", n + 1
        self.anchors.add(anchor)
        return anchor

    def _paragraph(self, el: ET.Element) -> m.Block | None:
        children = list(el)
        if not children and el.text is not None:
            index = token_index(el.text)
            if index is not None:
                return self.lifted(index)
        if (
            len(children) == 1
            and children[0].tag == "img"
            and not (el.text or "").strip()
            and not (children[0].tail or "").strip()
        ):
            img = children[0]
            src = img.get("src", "")
            location = self.source.location(
                self.finder.find("", raw=src, consume=True) if src else 1
            )
            return self.resolve_image(src, img.get("alt", ""), img.get("title", ""), location)
        inlines = self.inlines(el)
        if not m.plain_text(inlines).strip() and not any(
            isinstance(i, m.LineBreak) for i in inlines
        ):
            return None
        location = self._loc(m.plain_text(inlines))
        if _STRAY_ATTRIBUTES.fullmatch(m.plain_text(inlines).strip()):
            self.diagnostics.error(
                f"attribute list {m.plain_text(inlines).strip()} stands alone, so it would print "
                'as text: a heading takes it at the end of its own line (## Title {: lang="es-US'
                '" }), a paragraph on the line right after its last line',
                location,
            )
            return None
        return m.Paragraph(inlines, location, self._lang(el, location))

    def _lang(self, el: ET.Element, location: Location) -> str:
        """A block's own language, ``{: lang="en-US" }`` after it (Markdown attribute lists)."""
        lang = el.get("lang", "")
        if lang and not LANGUAGE_TAG.fullmatch(lang):
            self.diagnostics.error(f"'lang' must be a tag like \"en-US\", not {lang!r}", location)
            return ""
        return lang

    def _item_blocks(self, li: ET.Element) -> tuple[m.Block, ...]:
        if any(child.tag in ("p", "ul", "ol", "blockquote", "pre", "div", "table") for child in li):
            inline_part = ET.Element("p")
            inline_part.text = li.text
            blocks: list[m.Block] = []
            if (li.text or "").strip():
                para = self._paragraph(inline_part)
                if para is not None:
                    blocks.append(para)
            for child in li:
                self._add(blocks, child)
                if (child.tail or "").strip():
                    blocks.append(
                        m.Paragraph(tuple(self._text(child.tail)), self._loc(child.tail or ""))
                    )
            return tuple(blocks)
        inlines = self.inlines(li)
        return (m.Paragraph(inlines, self._loc(m.plain_text(inlines))),)

    def _callout(self, el: ET.Element) -> m.Callout:
        classes = [c for c in el.get("class", "").split() if c != "admonition"]
        title_el = el.find("p[@class='admonition-title']")
        title = m.plain_text(self.inlines(title_el)) if title_el is not None else ""
        location = self._loc(title or (classes[0] if classes else ""))
        if title_el is not None:
            el.remove(title_el)
        return m.Callout(classes[0] if classes else "note", title, self.blocks(el), location)

    def _footnotes(self, el: ET.Element) -> m.Footnotes | None:
        notes = []
        location = self._loc("")
        ol = el.find("ol")
        # Python-Markdown numbers notes in list order (a named note "[^note]" too); only the
        # list's own items are notes (a note may hold a list of its own).
        for number, li in enumerate(ol.findall("li") if ol is not None else [], start=1):
            _drop_backrefs(li)  # the ↩ back-link has no meaning on paper
            ids = (li.get("id", ""),) if li.get("id") else ()
            notes.append(
                m.Footnote(number, f"{self._prefix()}fn-{number}", self._item_blocks(li), ids)
            )
        return m.Footnotes(tuple(notes), location) if notes else None

    def _table(self, el: ET.Element) -> m.Table:
        rows = [tr for tr in el.iter("tr")]

        def cells(tr: ET.Element) -> tuple[m.TableCell, ...]:
            out = []
            for cell in tr:
                align = _ALIGN.search(cell.get("style", ""))
                out.append(m.TableCell(self.inlines(cell), align.group(1) if align else "left"))
            return tuple(out)

        header = cells(rows[0]) if rows else ()
        location = self._loc(" ".join(m.plain_text(c.inlines) for c in header))
        return m.Table(header, tuple(cells(tr) for tr in rows[1:]), location)


_STRAY_ATTRIBUTES = re.compile(r"\{:[^{}]*\}|\{\s*(?:[#.][\w-]+|[\w-]+=)[^{}]*\}")


def _deobfuscate(text: str) -> str:
    return _OBFUSCATED.sub(lambda found: html.unescape("&" + found.group(1)), text)


def _drop_backrefs(element: ET.Element) -> None:
    """Remove footnote back-links (keeping any text that follows them)."""
    for parent in list(element.iter()):
        for child in list(parent):
            if child.tag == "a" and "footnote-backref" in child.get("class", ""):
                tail = child.tail or ""
                if tail:
                    siblings = list(parent)
                    position = siblings.index(child)
                    if position:
                        before = siblings[position - 1]
                        before.tail = (before.tail or "") + tail
                    else:
                        parent.text = (parent.text or "") + tail
                parent.remove(child)


def _first_words(el: ET.Element) -> str:
    return " ".join("".join(el.itertext()).split()[:4])


def _merge(items: list[m.Inline]) -> tuple[m.Inline, ...]:
    """Join neighbouring Text runs."""
    out: list[m.Inline] = []
    for item in items:
        if isinstance(item, m.Text) and out and isinstance(out[-1], m.Text):
            out[-1] = m.Text(out[-1].text + item.text)
        elif not (isinstance(item, m.Text) and not item.text):
            out.append(item)
    return tuple(out)
