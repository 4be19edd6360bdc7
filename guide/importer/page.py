"""Read a saved web page as untrusted input and strip it to the article: bounded size, scripts,
styles, forms, hidden elements and page chrome (menus, cookie banners, share buttons, sidebars,
headers and footers) removed, each removal recorded for the report. Takes the page's path; hands on
a :class:`Page` (the cleaned lxml tree, the title from the ``<h1>``, the canonical URL, the
disclaimer's paragraphs, the local images and what was dropped)."""

# Reads nothing but the page itself; fetches nothing.

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import lxml.html
from lxml import etree

from guide.errors import Diagnostics, Location
from guide.importer.site import site_details

MAX_PAGE_BYTES = 5_000_000  # a saved article page is a few hundred kilobytes
IMAGE_HOST = "https://import.invalid/"  # local images travel through extraction under this
ACTIVE = (
    "script",
    "style",
    "noscript",
    "template",
    "iframe",
    "object",
    "embed",
    "frame",
    "frameset",
    "svg",
    "math",
    "canvas",
    "video",
    "audio",
    "link",
    "meta",
    "base",
)
CHROME_TAGS = {
    "nav": "navigation",
    "form": "form",
    "aside": "sidebar",
    "header": "header",
    "footer": "footer",
    "button": "button",
    "select": "form",
    "input": "form",
    "textarea": "form",
    "dialog": "pop-up",
}
CHROME_WORDS = {  # a class or id word → what it is, for the report
    "cookie": "cookie banner",
    "cookies": "cookie banner",
    "consent": "cookie banner",
    "gdpr": "cookie banner",
    "share": "share buttons",
    "sharing": "share buttons",
    "sharedaddy": "share buttons",
    "social": "share buttons",
    "sidebar": "sidebar",
    "widget-area": "sidebar",
    "comment": "comments",
    "comments": "comments",
    "newsletter": "form",
    "subscribe": "form",
    "breadcrumb": "navigation",
    "breadcrumbs": "navigation",
    "menu": "navigation",
    "nav": "navigation",
    "navigation": "navigation",
    "header": "header",
    "footer": "footer",
    "popup": "pop-up",
    "modal": "pop-up",
    "banner": "banner",
    "meta": "post details",
    "related": "related posts",
    "advert": "advertising",
    "ads": "advertising",
    "promo": "advertising",
}
_WORD = re.compile(
    r"(?:^|[-_])(" + "|".join(sorted(CHROME_WORDS, key=len, reverse=True)) + r")(?:[-_]|$)", re.I
)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_DISCLAIMER = re.compile(r"(?:^|[-_])disclaimer(?:[-_]|$)", re.I)
_RELATED = re.compile(r"(?:you may also like|related (?:posts|articles|reading))\b", re.I)


@dataclass
class Page:
    """A saved page reduced to its article, and what the reduction took away."""

    tree: lxml.html.HtmlElement
    title: str
    canonical: str
    disclaimer: list[str] = field(default_factory=list)  # the disclaimer's paragraphs, as text
    images: dict[str, Path] = field(default_factory=dict)  # stand-in URL → file beside the page
    missing_images: dict[str, str] = field(default_factory=dict)  # stand-in URL → original src
    dropped: list[str] = field(default_factory=list)  # "cookie banner (line 3): We use…"
    lines: dict[str, int] = field(default_factory=dict)  # stand-in URL → the <img>'s line
    related: list[tuple[str, str]] = field(default_factory=list)  # "You may also like" links
    site: dict[str, str] = field(default_factory=dict)  # website, email, phone, booking
    path: str = ""  # the page's path, for messages


def text_of(element: lxml.html.HtmlElement) -> str:
    """The element's text with runs of white space made one space."""
    return " ".join(element.text_content().split())


INLINE = frozenset(
    {
        "a",
        "abbr",
        "b",
        "bdi",
        "cite",
        "code",
        "em",
        "font",
        "i",
        "mark",
        "q",
        "s",
        "small",
        "span",
        "strong",
        "sub",
        "sup",
        "time",
        "u",
    }
)


def spaced_text(element: lxml.html.HtmlElement) -> str:
    """The element's text with a space between block-level elements (menu items, list items,
    cells), so "<li>Home</li><li>About</li>" reads "Home About"."""
    parts: list[str] = []

    def walk(node: lxml.html.HtmlElement) -> None:
        gap = "" if not isinstance(node.tag, str) or node.tag in INLINE else " "
        parts.extend((gap, node.text or "") if isinstance(node.tag, str) else (gap,))
        for child in node:
            walk(child)
            parts.append(child.tail or "")
        parts.append(gap)

    walk(element)
    return " ".join("".join(parts).split())


def read_page(path: Path, diagnostics: Diagnostics) -> Page | None:
    """The cleaned page at ``path``, or None (with an error) when it cannot be used."""
    where = Location(path.as_posix())
    try:
        size = path.stat().st_size
        if size > MAX_PAGE_BYTES:
            diagnostics.error(
                f"the page is {size:,} bytes; an article page is at most {MAX_PAGE_BYTES:,}", where
            )
            return None
        raw = path.read_bytes()
    except OSError as exc:
        diagnostics.error(f"cannot read the page: {exc.strerror or 'not a file'}", where)
        return None
    try:
        parser = lxml.html.HTMLParser(
            remove_comments=True, remove_pis=True, no_network=True, huge_tree=False
        )
        tree = lxml.html.document_fromstring(raw, parser=parser)
    except (etree.ParserError, ValueError):
        diagnostics.error("not an HTML page (nothing could be read from it)", where)
        return None
    canonical = _canonical(tree)
    body = tree.find("body")
    if body is None:
        diagnostics.error("the page has no <body>", where)
        return None
    page = Page(tree, "", canonical, path=path.as_posix())
    page.site = site_details(body, canonical, text_of)
    _remove_active(body)
    _remove_hidden(body, page)
    heading = _title_heading(tree, body)
    if heading is None:
        diagnostics.error("the page has no <h1> heading to take the title from", where)
        return None
    page.title = text_of(heading)
    heading.drop_tree()
    _take_disclaimer(body, page)
    _remove_chrome(body, page)
    _flatten(body)
    _images(body, path.parent, page, diagnostics, where)
    return page


def _title_heading(
    tree: lxml.html.HtmlElement, body: lxml.html.HtmlElement
) -> lxml.html.HtmlElement | None:
    """The article's ``<h1>``: the one the page's ``<title>`` (or og:title) starts with, else the
    first inside ``<article>`` or ``<main>``, else the first (a theme may set its logo in one)."""
    headings = [h for h in body.iter("h1") if text_of(h)]
    names = [
        " ".join(str(t).split())
        for t in tree.xpath('//head/title/text()|//meta[@property="og:title"]/@content')
    ]
    for heading in headings:
        if any(name.startswith(text_of(heading)) for name in names):
            return heading
    for heading in headings:
        if any(a.tag in ("article", "main") for a in heading.iterancestors()):
            return heading
    return headings[0] if headings else None


def _canonical(tree: lxml.html.HtmlElement) -> str:
    for xpath in ('//link[@rel="canonical"]/@href', '//meta[@property="og:url"]/@content'):
        for value in tree.xpath(xpath):
            url = str(value).strip()
            if urlsplit(url).scheme in ("http", "https") and urlsplit(url).hostname:
                return url
    return ""


def _attached(element: lxml.html.HtmlElement, body: lxml.html.HtmlElement) -> bool:
    return any(parent is body for parent in element.iterancestors())


def _detach(element: lxml.html.HtmlElement) -> None:
    if element.getparent() is not None:
        element.drop_tree()


def _remove_active(body: lxml.html.HtmlElement) -> None:
    for element in list(body.iter(*ACTIVE)):
        _detach(element)


def _remove_hidden(body: lxml.html.HtmlElement, page: Page) -> None:
    for element in list(body.iter()):
        if not isinstance(element.tag, str) or element is body or not _attached(element, body):
            continue
        if (
            element.get("hidden") is not None
            or element.get("aria-hidden") == "true"
            or _HIDDEN_STYLE.search(element.get("style", ""))
        ):
            _drop(element, "hidden element", page)


def _drop(element: lxml.html.HtmlElement, kind: str, page: Page) -> None:
    text = spaced_text(element)
    if text:
        line = f" (line {element.sourceline})" if element.sourceline else ""
        page.dropped.append(f"{kind}{line}: {text[:70]}{'…' * (len(text) > 70)}")
    _detach(element)


def _words(element: lxml.html.HtmlElement) -> list[str]:
    return [
        *(element.get("class") or "").split(),
        element.get("id") or "",
        element.get("role") or "",
    ]


def _take_disclaimer(body: lxml.html.HtmlElement, page: Page) -> None:
    """A block marked as the disclaimer (class or id), or a last paragraph opening with
    "Disclaimer", is moved out of the article."""
    for element in list(body.iter()):
        if (
            isinstance(element.tag, str)
            and element is not body
            and any(_DISCLAIMER.search(w) for w in _words(element) if w)
        ):
            blocks = [text_of(p) for p in element.iter("p", "li")] or [text_of(element)]
            page.disclaimer.extend(b for b in blocks if b)
            _detach(element)
    if not page.disclaimer:
        paragraphs = [p for p in body.iter("p") if text_of(p)]
        if paragraphs and text_of(paragraphs[-1]).lower().startswith("disclaimer"):
            page.disclaimer.append(text_of(paragraphs[-1]))
            _detach(paragraphs[-1])


def _remove_chrome(body: lxml.html.HtmlElement, page: Page) -> None:
    for element in list(body.iter()):
        if not isinstance(element.tag, str) or element is body or not _attached(element, body):
            continue
        kind = CHROME_TAGS.get(element.tag)
        if kind is None:
            found = next((m for w in _words(element) if w and (m := _WORD.search(w))), None)
            if found is not None:
                kind = CHROME_WORDS[found.group(1).lower()]
        if kind is None and element.get("role") in (
            "navigation",
            "banner",
            "contentinfo",
            "complementary",
            "dialog",
            "search",
        ):
            kind = "navigation"
        if (
            kind is None
            and element.tag in ("div", "section")
            and len(text_of(element)) < 2000
            and _RELATED.match(text_of(element))
        ):
            kind = "related posts"
        if kind == "related posts":
            _take_related(element, page)  # reported by the caller
        if kind is not None:
            _drop(element, kind, page)


def _take_related(element: lxml.html.HtmlElement, page: Page) -> bool:
    """The links of a "You may also like" block, made absolute: the guide's [[related]];
    whether there were any."""
    if not page.canonical:
        return False
    before = len(page.related)
    for link in element.iter("a"):
        title, url = text_of(link), urljoin(page.canonical, (link.get("href") or "").strip())
        if (
            title
            and urlsplit(url).scheme in ("http", "https")
            and url not in (u for _, u in page.related)
        ):
            page.related.append((title, url))
    return len(page.related) > before


def _flatten(body: lxml.html.HtmlElement) -> None:
    """Page builders wrap every paragraph in layers of <div>: unwrap them (and drop class and
    id, which no longer mean anything) so the extractor sees the article's own structure."""
    for figure in body.iter("figure"):
        images, captions = list(figure.iter("img")), list(figure.iter("figcaption"))
        if (
            len(images) == 1
            and len(captions) == 1
            and text_of(captions[0])
            and text_of(captions[0]) != " ".join((images[0].get("alt") or "").split())
        ):
            images[0].set("title", text_of(captions[0]))  # the figure's caption
            _detach(captions[0])
    for caption in body.iter("figcaption"):
        caption.tag = "p"
    for element in list(body.iter("div", "section", "figure", "span", "font", "center")):
        if element is not body and element.getparent() is not None:
            element.drop_tag()
    for image in list(body.iter("img")):  # a picture outside a paragraph may be lost
        if not any(a.tag in ("p", "li", "td", "th") for a in image.iterancestors()):
            wrapper = lxml.html.Element("p")
            image.addprevious(wrapper)
            wrapper.append(image)  # moves the picture (its tail text stays behind it)
    for element in body.iter():
        if isinstance(element.tag, str):
            for name in ("class", "id", "style"):
                element.attrib.pop(name, None)


def _images(
    body: lxml.html.HtmlElement, folder: Path, page: Page, diagnostics: Diagnostics, where: Location
) -> None:
    """Give every picture a stand-in address the extractor keeps: a file beside the page
    (inside its folder) is recorded to copy; anything else becomes a TODO."""
    root = folder.resolve()
    for index, image in enumerate(body.iter("img")):
        src = (image.get("src") or "").strip()
        suffix = Path(urlsplit(src).path).suffix.lower()
        kept = suffix if suffix in (".png", ".jpg", ".jpeg") else ".png"
        stand_in = f"{IMAGE_HOST}image-{index}{kept}"
        image.set("src", stand_in)
        if image.sourceline:
            page.lines[stand_in] = image.sourceline
        for name in ("srcset", "data-src", "data-srcset", "sizes"):
            image.attrib.pop(name, None)
        parts = urlsplit(src)
        local = None
        if src and not parts.scheme and not parts.netloc and not src.startswith(("/", "\\")):
            candidate = (folder / unquote(parts.path)).resolve()
            if root in candidate.parents and candidate.is_file():
                local = candidate
        if local is not None:
            page.images[stand_in] = local
        else:
            page.missing_images[stand_in] = src
            reason = (
                "is not a file in the page's folder"
                if not parts.scheme
                else "is on the web (nothing is fetched)"
            )
            diagnostics.warning(
                f"image '{src[:120]}' {reason}: left as a TODO in the Markdown",
                Location(where.path, image.sourceline or 0),
            )
