"""Where a word too long for its line may break: web addresses after ``/ . - ? & = _ #`` with no
hyphen added (between letters only for a piece wider than a line), any other long word with a
visible hyphen. Takes text before it becomes markup; hands on text with soft hyphens (U+00AD)
and :func:`url_breaks`, the layout-time rule for addresses."""

# reportlab draws a hyphen at a soft hyphen where it breaks, and nothing elsewhere. It breaks an
# address only after a slash, in a module function it calls for every word that looks like one;
# url_breaks puts our rule in its place while a guide is laid out and restores reportlab's
# afterwards (through guide.render.adapter.uri_split_pairs).

from __future__ import annotations

import contextlib
import dataclasses
import itertools
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
    return address_split_pairs(word)


def address_split_pairs(word: str) -> list[tuple[str, str]]:
    """(head, tail) pairs after each ``/ . - ? & = _ #`` of ``word``, known to be (the rest
    of) an address, past its scheme, the longest head first."""
    start = URL_START.match(word)
    first = start.end() if start else 1
    pairs = [
        (word[: i + 1], word[i + 1 :])
        for i in range(first, len(word) - 1)
        if word[i] in URL_BREAK_AFTER
    ]
    pairs.reverse()
    return pairs


def letter_split_pairs(word: str) -> list[tuple[str, str]]:
    """The last resort for an address whose next piece is wider than a line: (head, tail)
    pairs between any two characters past its scheme (never inside ``https://``), the longest
    head first."""
    start = URL_START.match(word)
    first = start.end() if start else 1
    return [(word[:i], word[i:]) for i in range(len(word) - 1, first - 1, -1)]


@contextlib.contextmanager
def url_breaks() -> Iterator[None]:
    """While laying out, break addresses with :func:`url_split_pairs`: one that cannot break
    there on a line holding other words starts the next line; a piece wider than a whole line
    breaks between letters (:func:`letter_split_pairs`). reportlab's module functions are
    replaced for the layout and restored after it."""
    from guide.render.adapter import uri_split_pairs

    with uri_split_pairs(url_split_pairs, address_split_pairs, letter_split_pairs):
        yield


def _soften(token: str, every: int) -> str:
    """Break chances every ``every`` letters, never leaving fewer than two on either side."""
    return _soften_at(token, list(range(max(2, every), len(token) - 1, every)))


def breakable(text: str) -> str:
    """``text`` with soft hyphens every few letters in each word longer than
    :data:`LONG_WORD` (addresses excepted: they break at their punctuation)."""
    if len(text) <= LONG_WORD:
        return text
    return _TOKEN.sub(
        lambda found: (
            found.group()
            if not LONG_WORD < len(found.group()) <= LONGEST_SOFTENED
            or URL_START.match(found.group())
            else _soften(found.group(), _EVERY)
        ),
        text,
    )


def _soften_at(token: str, cuts: list[int]) -> str:
    bounds = [0, *cuts, len(token)]
    return SOFT_HYPHEN.join(token[a:b] for a, b in itertools.pairwise(bounds))


def soften_to_fit(
    token: str, width: Callable[[str], float], room: float, syllables: Callable[[str], list[int]]
) -> str:
    """``token`` with break chances where it must break to fit ``room``: at its hyphens, at
    its syllables when each piece then fits, else between any two letters."""
    if width(token) <= room or len(token) > LONGEST_SOFTENED or URL_START.match(token):
        return token
    out = []
    parts = token.split("-")
    for index, part in enumerate(parts):
        # After a real hyphen reportlab breaks only at a soft one: the one it then adds is
        # dropped again after layout (see guide.render.text.lineends).
        end = "" if index == len(parts) - 1 else "-" + SOFT_HYPHEN
        if width(part + "-") <= room:
            out.append(part + end)
            continue
        cuts = syllables(part)
        pieces = [part[a:b] for a, b in itertools.pairwise([0, *cuts, len(part)])]
        if not cuts or any(width(piece + "-") > room for piece in pieces):
            cuts = list(range(2, len(part) - 1))
        out.append(_soften_at(part, cuts) + end)
    return "".join(out)


def soften_wide_words(
    inlines: tuple[m.Inline, ...], fix: Callable[[str], str]
) -> tuple[m.Inline, ...]:
    """``inlines`` with ``fix`` applied to each word of their text (table cells: see
    :func:`soften_to_fit`)."""
    out: list[m.Inline] = []
    for item in inlines:
        if isinstance(item, m.Text):
            out.append(m.Text(_TOKEN.sub(lambda found: fix(found.group()), item.text)))
        elif isinstance(item, (m.Strong, m.Emphasis, m.Link)):
            out.append(dataclasses.replace(item, children=soften_wide_words(item.children, fix)))
        else:
            out.append(item)
    return tuple(out)
