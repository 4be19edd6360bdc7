"""The one place where text becomes reportlab paragraph markup.

reportlab's ``Paragraph`` reads a markup language of its own (``<font>``, ``<img>``, ``<a>``,
``<seq>``, ``<onDraw>`` …), so every piece of text is escaped here and only the model's inline
types are mapped to tags. Takes model inlines; hands on a markup string.
"""

from __future__ import annotations

from xml.sax.saxutils import escape as _xml_escape

from guide import model as m

SAFE_SCHEMES = ("http://", "https://", "mailto:")


def escape(text: str) -> str:
    """Text → markup that reportlab shows literally (``&``, ``<``, ``>`` and quotes escaped)."""
    return _xml_escape(text, {'"': "&quot;", "'": "&#39;"})


def safe_href(href: str) -> str | None:
    """The link target if it is safe to put in the PDF (http(s), mailto or an anchor)."""
    if href.startswith("#") and len(href) > 1:
        return href
    if href.lower().startswith(SAFE_SCHEMES):
        return href
    return None


def to_markup(inlines: tuple[m.Inline, ...], link_color: str = "") -> str:
    parts: list[str] = []
    for item in inlines:
        if isinstance(item, m.Text):
            parts.append(escape(" ".join(item.text.split("\n"))))
        elif isinstance(item, m.Strong):
            parts.append(f"<b>{to_markup(item.children, link_color)}</b>")
        elif isinstance(item, m.Emphasis):
            parts.append(f"<i>{to_markup(item.children, link_color)}</i>")
        elif isinstance(item, m.Code):
            parts.append(escape(item.text))
        elif isinstance(item, m.LineBreak):
            parts.append("<br/>")
        elif isinstance(item, m.FootnoteRef):
            parts.append(f'<super><a href="#{escape(item.anchor)}">{item.number}</a></super>')
        elif isinstance(item, m.Link):
            inner = to_markup(item.children, link_color)
            href = safe_href(item.href)
            if href is None:
                parts.append(inner)  # the check stage reported it; the words stay
            else:
                color = f' color="{link_color}"' if link_color else ""
                parts.append(f'<a href="{escape(href)}"{color} underline="1">{inner}</a>')
    return "".join(parts)
