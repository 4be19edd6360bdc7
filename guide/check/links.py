"""The one link rule: which link targets may reach the PDF, and every link of a guide checked
against it (schemes, phone numbers, relative addresses, ``#anchors`` that name nothing). Takes the
document model and configuration; hands on diagnostics at each link's Markdown line, and
:func:`link_problem` / :func:`safe_target`, which the render stage imports so that the rule lives
here only."""

# Imports neither markdown nor reportlab.

from __future__ import annotations

import re
from collections.abc import Iterator

from guide import model as m
from guide.config.schema import GuideConfig
from guide.errors import Diagnostics, Location, did_you_mean, printable

WEB_SCHEMES = ("http://", "https://")
SAFE_SCHEMES = (*WEB_SCHEMES, "mailto:", "tel:")
# A phone number as people write it: digits, "+", spaces, dashes, dots and parentheses.
PHONE = re.compile(r"\+?[0-9 ()\-.]+")
MIN_PHONE_DIGITS = 7


def phone_problem(number: str) -> str | None:
    """Why ``number`` is no phone number a ``tel:`` link can dial, or None."""
    digits = sum(char.isdigit() for char in number)
    if not PHONE.fullmatch(number) or digits < MIN_PHONE_DIGITS:
        return (
            f"'{number}' is not a phone number: use digits, +, spaces, dashes and "
            f"parentheses, at least {MIN_PHONE_DIGITS} digits"
        )
    return None


def tel_href(number: str) -> str:
    """The ``tel:`` address of a phone number as printed ("+1 (555) 010-2030")."""
    return "tel:" + re.sub(r"[^0-9+]", "", number)


def link_problem(href: str) -> str | None:
    """Why ``href`` (after the parse stage resolved anchors and relative links) may not reach
    the PDF, or None: the one rule for every link the builder writes."""
    lower = href.lower()
    if any(char.isspace() or ord(char) < 32 for char in href) and not lower.startswith("tel:"):
        return f"link '{_shown(href)}' holds a space or line break; write the address on one line"
    if lower.startswith(WEB_SCHEMES):
        return None if len(href) > lower.index("//") + 2 else f"link '{href}' has no address"
    if lower.startswith("mailto:"):
        return None if "@" in href else f"link '{_shown(href)}' needs an e-mail address"
    if lower.startswith("tel:"):
        return phone_problem(href[4:])
    if href.startswith("#"):
        return None if len(href) > 1 else "link '#' names no place: write #the-heading-id"
    from guide.parse.links import is_relative  # here: the parse package loads markdown

    if is_relative(href):
        return (
            f"relative link '{_shown(href)}': add base_url = \"https://…\" (the site the "
            f"article came from) to guide.toml, or write the full address"
        )
    return (
        f"link '{_shown(href)}' must be an https://, http://, mailto: or tel: address or a "
        f"#heading (no file:, javascript: or other schemes)"
    )


def safe_target(href: str) -> str | None:
    """``href`` as the PDF carries it if :func:`link_problem` accepts it (a phone number as
    digits), else None (the words stay, unlinked)."""
    if link_problem(href) is not None:
        return None
    return tel_href(href[4:]) if href.lower().startswith("tel:") else href


def _shown(href: str) -> str:
    """The target as a diagnostic quotes it: one line (``\\n``, control characters named as
    ``U+000B``: guide.errors.printable), short."""
    return printable(href[:80]) + ("…" if len(href) > 80 else "")


# --- every link of a guide ------------------------------------------------------------------


def links_of(inlines: tuple[m.Inline, ...]) -> Iterator[m.Link]:
    """The links among ``inlines``, nested ones too."""
    for item in inlines:
        if isinstance(item, m.Link):
            yield item
            yield from links_of(item.children)
        elif isinstance(item, (m.Strong, m.Emphasis)):
            yield from links_of(item.children)


def _inlines_of(block: m.Block) -> list[tuple[m.Inline, ...]]:
    if isinstance(block, (m.Paragraph, m.Heading)):
        return [block.inlines]
    if isinstance(block, m.Table):
        return [c.inlines for row in (block.header, *block.rows) for c in row]
    return []


def guide_anchors(document: m.Document) -> tuple[set[str], list[str]]:
    """The destinations a ``#link`` may reach after the parse stage resolved it, and the ids
    an author may write (for did-you-mean)."""
    destinations: set[str] = set()
    written: list[str] = []
    blocks = [b for c in document.chapters for b in m.walk(c.blocks)]
    for block in blocks + m.walk(document.disclaimer):
        if isinstance(block, m.Heading):
            destinations.add(block.anchor)
            written.extend(block.ids)
        elif isinstance(block, m.Footnotes):
            for note in block.notes:
                destinations.add(note.anchor)
                written.extend(note.ids)
    return destinations, written


def check_links(document: m.Document, config: GuideConfig, diagnostics: Diagnostics) -> None:
    """Report every link the PDF could not carry, and every ``#anchor`` that names nothing."""
    del config  # the rule is the same for every guide; base_url was applied when parsing
    destinations, written = guide_anchors(document)
    parts = [c.blocks for c in document.chapters] + [document.disclaimer]
    for blocks in parts:
        last: Location | None = None
        for block in m.walk(blocks):
            last = getattr(block, "location", None) or last
            for inlines in _inlines_of(block):
                for link in links_of(inlines):
                    where = link.location or last
                    assert where is not None  # a chapter's first block always has a location
                    _check_link(link.href, destinations, written, where, diagnostics)


def _check_link(
    href: str, destinations: set[str], written: list[str], where: Location, diagnostics: Diagnostics
) -> None:
    problem = link_problem(href)
    if problem is not None:
        diagnostics.error(problem, where)
    elif href.startswith("#") and href[1:] not in destinations:
        diagnostics.error(
            f"link '{_shown(href)}' goes to no heading or footnote of this "
            f"guide{did_you_mean(href[1:], written)}",
            where,
        )
