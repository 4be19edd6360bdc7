"""The one place where text becomes reportlab paragraph markup."""

# reportlab's ``Paragraph`` reads a markup language of its own (``<font>``, ``<img>``, ``<a>``,
# ``<seq>``, ``<onDraw>`` …), so every piece of text is escaped here and only the model's inline
# types are mapped to tags. Characters that only a brand fallback font has are wrapped in ``<font
# name="...">`` runs here too (see :mod:`guide.render.text.coverage`). Takes model inlines; hands
# on a markup string.

from __future__ import annotations

from typing import Protocol

from guide import model as m
from guide.check.glossary import TERM_PREFIX
from guide.check.links import safe_target, tel_href
from guide.render.text.breaks import breakable

TERM_RULE = 0.9  # points: a key term's underline (only theirs is this thick: see layout.terms)


class Fallback(Protocol):
    """Names the fallback font that draws ``char``, or None for the paragraph's own font."""

    def font_for(self, char: str) -> str | None:
        """The fallback font for ``char``, or None."""
        ...


def escape(text: str) -> str:
    """Text → markup that reportlab shows literally (``&``, ``<``, ``>`` and quotes escaped).

    What ``xml.sax.saxutils.escape`` gives with the two quote entities, without importing it
    (it pulls in urllib and http: several milliseconds of every cold start)."""
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&#39;")
    )


def text_markup(text: str, fallback: Fallback | None = None) -> str:
    """Escaped text, with runs of characters that a fallback font draws in ``<font>`` tags and
    break chances in very long words (see :func:`~guide.render.text.breaks.breakable`)."""
    text = breakable(text)
    if fallback is None:
        return escape(text)
    parts: list[str] = []
    run, run_font = "", None
    for char in text:
        font = fallback.font_for(char)
        if font != run_font and run:
            parts.append(_run(run, run_font))
            run = ""
        run, run_font = run + char, font
    if run:
        parts.append(_run(run, run_font))
    return "".join(parts)


def _run(text: str, font: str | None) -> str:
    return escape(text) if font is None else f'<font name="{escape(font)}">{escape(text)}</font>'


def to_markup(
    inlines: tuple[m.Inline, ...], link_color: str = "", fallback: Fallback | None = None
) -> str:
    """Inlines as reportlab paragraph markup (text escaped, only known tags)."""
    parts: list[str] = []
    for item in inlines:
        if isinstance(item, m.Text):
            parts.append(text_markup(" ".join(item.text.split("\n")), fallback))
        elif isinstance(item, m.Strong):
            parts.append(f"<b>{to_markup(item.children, link_color, fallback)}</b>")
        elif isinstance(item, m.Emphasis):
            parts.append(f"<i>{to_markup(item.children, link_color, fallback)}</i>")
        elif isinstance(item, m.Code):
            parts.append(text_markup(item.text, fallback))
        elif isinstance(item, m.LineBreak):
            parts.append("<br/>")
        elif isinstance(item, m.FootnoteRef):
            parts.append(f'<super><a href="#{escape(item.anchor)}">{item.number}</a></super>')
        elif isinstance(item, m.Link):
            inner = to_markup(item.children, link_color, fallback)
            href = safe_target(item.href)
            if href is None:
                parts.append(inner)  # the check stage reported it; the words stay
            elif href.startswith(TERM_PREFIX) and link_color:
                # A key term: the text's own colour, a quiet underline (see layout.terms).
                parts.append(
                    f'<a href="{escape(href)}" underline="1" ucolor="{link_color}" '
                    f'uwidth="{TERM_RULE}" uoffset="-2.6">{inner}</a>'
                )
            else:
                color = f' color="{link_color}"' if link_color else ""
                parts.append(f'<a href="{escape(href)}"{color} underline="1">{inner}</a>')
    return "".join(parts)


def link_markup(href: str, text: str, color: str = "", underline: bool = True) -> str:
    """``text`` as a link to ``href`` when the link rule accepts it, else the text alone."""
    target = safe_target(href)
    if target is None:
        return escape(text)
    shade = f' color="{color}"' if color else ""
    line = ' underline="1"' if underline else ""
    return f'<a href="{escape(target)}"{shade}{line}>{text_markup(text)}</a>'


def contact_links(website: str, email: str, phone: str, color: str = "") -> tuple[str, str, str]:
    """The website, e-mail address and phone number as links (markup), each "" when unset."""
    return (
        link_markup(website, website, color) if website else "",
        link_markup(f"mailto:{email}", email, color) if email else "",
        link_markup(tel_href(phone), phone, color) if phone else "",
    )


def code_markup(line: str, fallback: Fallback | None, keep_spaces: bool) -> str:
    """One line of code as markup: every space kept (no break), or only its indentation so
    that a long line wraps at its spaces (a phone's narrow frame)."""
    if keep_spaces:
        return text_markup(line, fallback).replace(" ", "&nbsp;")
    body = line.lstrip(" ")
    return "&nbsp;" * (len(line) - len(body)) + text_markup(body, fallback)
