"""Line ends that read right: a real space where a line breaks between words, and a soft hyphen
(U+00AD) where hyphenation broke a word."""

# Screen readers and structure-based text extraction (``pdfinfo -struct-text``) read the marked
# content as one string: without a space at each line end the last word of a line runs into the
# first of the next ("BackPain"). The PDF specification (14.8.2.2.3) asks for the hyphens that
# line breaking inserts to be soft hyphens, which extraction removes. Takes a wrapped reportlab
# Paragraph; changes only the words of its laid-out lines, after layout, so nothing moves: a
# trailing space is invisible and the soft hyphen draws the hyphen's glyph.

from __future__ import annotations

import re
from html import unescape
from typing import Any

from reportlab.pdfbase.pdfmetrics import getFont

from guide.render.adapter import (
    is_hyphen_split_word,
    is_soft_hyphen_break,
    is_split_head,
    is_split_word,
)
from guide.render.text.breaks import URL_BREAK_AFTER, url_split_pairs

SOFT_HYPHEN = "\xad"


def hyphenated_words(markup: str) -> frozenset[str]:
    """Words of a paragraph's own text that contain a hyphen (their hyphens are real)."""
    text = unescape(re.sub(r"<[^>]*>", "", markup or ""))
    return frozenset(re.findall(r"\w+(?:-\w+)+", text))


def _has_soft_hyphen(font_name: str) -> bool:
    face = getattr(getFont(font_name), "face", None)
    return face is not None and 0xAD in getattr(face, "charToGlyph", {})


def fix_line_ends(para: Any, real_hyphens: frozenset[str]) -> None:
    """Give every line but the last a trailing space or a soft hyphen (once per layout)."""
    bl = getattr(para, "blPara", None)
    if bl is None or getattr(bl, "line_ends_fixed", False):
        return
    bl.line_ends_fixed = True
    lines = bl.lines
    # A piece that reportlab split off goes on on the next page: its last line ends too.
    ending = lines if is_split_head(para) else lines[:-1]
    if bl.kind == 0:
        font = para.style.fontName
        for index, (_extra, words) in enumerate(ending):
            if not words:
                continue
            last = words[-1]
            if is_soft_hyphen_break(last) and last.endswith("-"):  # broke at a soft hyphen
                words[-1] = _soft_end(str(last), _has_soft_hyphen(font))
            elif is_hyphen_split_word(last) and last.endswith("-"):
                following = lines[index + 1][1] if index + 1 < len(lines) else []
                nxt = following[0] if following else ""
                if _soft(last, nxt, real_hyphens) and _has_soft_hyphen(font):
                    words[-1] = type(last)(last[:-1] + SOFT_HYPHEN)
            elif not is_split_word(last):
                words[-1] = last + " "
        return
    for index, line in enumerate(ending):
        following = lines[index + 1].words if index + 1 < len(lines) else []
        frags = [f for f in line.words if getattr(f, "text", "")]
        if not frags or hasattr(frags[-1], "cbDefn"):
            continue
        last = frags[-1]
        if last.text.endswith("--"):  # a soft hyphen right after a real one
            last.text = last.text[:-1]
        elif last.text.endswith("-") and (len(line.words) > len(frags) or index == len(lines) - 1):
            nxt_frags = [f for f in following if getattr(f, "text", "")]
            nxt = nxt_frags[0].text if nxt_frags else ""
            if _soft(last.text, nxt, real_hyphens) and _has_soft_hyphen(last.fontName):
                last.text = last.text[:-1] + SOFT_HYPHEN
        elif not last.text.endswith((" ", "-", "/")) and not _inside_address(last, following):
            space = last.clone(text=" ")
            space.link, space.us_lines = [], []  # no link or underline under the space
            line.words.append(space)


def _soft_end(word: str, soft_glyph: bool) -> str:
    """A word broken at a soft hyphen: after a real hyphen the added one goes; otherwise it
    becomes U+00AD (drawn as a hyphen, dropped by text extraction) when the font has it."""
    if word.endswith("--"):
        return word[:-1]
    return word[:-1] + SOFT_HYPHEN if soft_glyph else word


def _inside_address(last: Any, following: list[Any]) -> bool:
    """Whether the line ends inside a web address that goes on on the next line (it broke
    after ``/ . - ? & = _ #``, where no space belongs)."""
    text = last.text
    if not text or text[-1] not in URL_BREAK_AFTER or not text.split():
        return False
    nxt = next((f for f in following if getattr(f, "text", "")), None)
    link = getattr(last, "link", None)
    if link and nxt is not None and getattr(nxt, "link", None) == link:
        return True
    return url_split_pairs(text.split()[-1]) is not None


def _soft(head: str, tail: str, real_hyphens: frozenset[str]) -> bool:
    """Whether the hyphen ending ``head`` was inserted (not part of a hyphenated word)."""
    left = re.findall(r"\w+$", head[:-1])
    right = re.findall(r"^\w+", tail.lstrip())
    if left and not tail:  # the word goes on on the next page: judge by its head alone
        return not any(f"{left[0]}-" in word for word in real_hyphens)
    if not left or not right:
        return False
    joined = f"{left[0]}-{right[0]}"
    return not any(joined in word for word in real_hyphens)
