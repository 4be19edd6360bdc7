"""Where a word too long for its line may break: web addresses after ``/ . - ? & = _ #`` with
no hyphen added, any other long word with a visible hyphen.

Takes text (or model inlines) before it becomes markup; hands on text with soft hyphens
(U+00AD) where reportlab may break a long word (it draws a hyphen there and nothing elsewhere),
and :func:`url_breaks`, the layout-time rule for addresses. reportlab breaks an address only
after a slash, in a module function (``paragraph._uri_split_pairs``) that it calls for every
word that looks like one; :func:`url_breaks` puts our rule in its place while a guide is laid
out and restores reportlab's afterwards.
"""

from __future__ import annotations

import contextlib
import dataclasses
import re
from collections.abc import Callable, Iterator

from guide import model as m

SOFT_HYPHEN = "\xad"
URL_BREAK_AFTER = "/.-?&=_#"
LONG_WORD = 40  # letters; longer runs get a break chance every few letters (see breakable)
# reportlab measures every head of a soft-hyphenated word on each line it tries: past this
# length (no word; a pasted hash or data) that costs seconds, and its own letter split, which
# adds no hyphen, takes over.
LONGEST_SOFTENED = 400
_EVERY = 6
_URL_ONLY = "/?&=#"  # a word holding one of these is (the rest of) an address
URL_START = re.compile(r"(?:[a-z][a-z0-9+.\-]*://|www\.|mailto:)", re.IGNORECASE)
_TOKEN = re.compile(r"\S+")


def url_split_pairs(word: str) -> list[tuple[str, str]] | None:
    """(head, tail) pairs at every break point of ``word``, the longest head first, or None
    when ``word`` is no web address nor the rest of one after a break (reportlab then tries
    its other rules)."""
    start = URL_START.match(word)
    if start is None and not any(char in _URL_ONLY for char in word):
        return None
    first = start.end() if start else 1
    pairs = [(word[:i + 1], word[i + 1:]) for i in range(first, len(word) - 1)
             if word[i] in URL_BREAK_AFTER]
    pairs.reverse()
    return pairs


@contextlib.contextmanager
def url_breaks() -> Iterator[None]:
    """While laying out, break addresses with :func:`url_split_pairs` (a reportlab module
    function, replaced for the layout and restored after it)."""
    from reportlab.platypus import paragraph

    previous = paragraph._uri_split_pairs
    paragraph._uri_split_pairs = url_split_pairs
    try:
        yield
    finally:
        paragraph._uri_split_pairs = previous


def _soften(token: str, every: int) -> str:
    return SOFT_HYPHEN.join(token[i:i + every] for i in range(0, len(token), every))


def breakable(text: str) -> str:
    """``text`` with soft hyphens every few letters in each word longer than
    :data:`LONG_WORD` (addresses excepted: they break at their punctuation)."""
    if len(text) <= LONG_WORD:
        return text
    return _TOKEN.sub(lambda found: found.group()
                      if not LONG_WORD < len(found.group()) <= LONGEST_SOFTENED
                      or URL_START.match(found.group()) else _soften(found.group(), _EVERY),
                      text)


def soften_wide_words(inlines: tuple[m.Inline, ...],
                      too_wide: Callable[[str], bool]) -> tuple[m.Inline, ...]:
    """``inlines`` with a soft hyphen between every two letters of each word that
    ``too_wide`` says cannot fit (table cells: such a word breaks, always with a hyphen)."""
    def fix(text: str) -> str:
        return _TOKEN.sub(lambda found: _soften(found.group(), 1)
                          if len(found.group()) <= LONGEST_SOFTENED and too_wide(found.group())
                          and not URL_START.match(found.group()) else found.group(), text)

    out: list[m.Inline] = []
    for item in inlines:
        if isinstance(item, m.Text):
            out.append(m.Text(fix(item.text)))
        elif isinstance(item, (m.Strong, m.Emphasis, m.Link)):
            out.append(dataclasses.replace(item,
                                           children=soften_wide_words(item.children, too_wide)))
        else:
            out.append(item)
    return tuple(out)
