"""Refuse Markdown nested so deep that Python-Markdown would recurse without end."""

# Python-Markdown parses nested lists and quotes recursively: a list 1,000 levels deep takes
# seconds and ends in ``RecursionError``. Before it sees a chapter, this pass looks at each line's
# leading quote markers and indentation, which bound the nesting, and reports the first line that
# goes past a generous bound (the check stage applies the brand's exact limit to the parsed
# model). Takes text; hands on the 1-based line of the first offender, or None. Inline markup
# (emphasis inside links inside emphasis …) is measured on Python-Markdown's tree before it is
# converted (:func:`inline_depth`), since the converter recurses too.

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

MAX_QUOTE_MARKERS = 32  # ">" at the start of one line
MAX_INDENT = 160  # columns of leading white space (tabs count 4)
MAX_INLINE_DEPTH = 12  # emphasis, links and code inside one another; real text uses 3 or 4
_PREFIX = re.compile(r"^[ \t>]*")
_INLINE = frozenset(
    {
        "strong",
        "b",
        "em",
        "i",
        "a",
        "code",
        "sup",
        "sub",
        "span",
        "small",
        "u",
        "s",
        "del",
        "ins",
        "mark",
        "abbr",
    }
)


def too_deep(text: str) -> int | None:
    """The first line nested deeper than Markdown can parse safely, or None."""
    for number, line in enumerate(text.split("\n"), start=1):
        prefix = _PREFIX.match(line)
        head = prefix.group() if prefix else ""
        if head.count(">") > MAX_QUOTE_MARKERS:
            return number
        indent = len(head) - len(head.lstrip(" \t"))
        if len(head[:indent].expandtabs(4)) > MAX_INDENT:
            return number
    return None


def inline_depth(root: ET.Element) -> tuple[int, ET.Element | None]:
    """The deepest nesting of inline markup under ``root`` and the block element that holds
    it (None when there is no inline markup). Iterative: it must not recurse itself."""
    deepest: tuple[int, ET.Element | None] = (0, None)
    stack: list[tuple[ET.Element, int, ET.Element | None]] = [(root, 0, None)]
    while stack:
        element, depth, block = stack.pop()
        for child in element:
            if child.tag in _INLINE:
                holder = block if block is not None else element
                if depth + 1 > deepest[0]:
                    deepest = (depth + 1, holder)
                stack.append((child, depth + 1, holder))
            else:
                stack.append((child, 0, None))
    return deepest
