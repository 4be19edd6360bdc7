"""Refuse Markdown nested so deep that Python-Markdown would recurse without end.

Python-Markdown parses nested lists and quotes recursively: a list 1,000 levels deep takes
seconds and ends in ``RecursionError``. Before it sees a chapter, this pass looks at each
line's leading quote markers and indentation, which bound the nesting, and reports the first
line that goes past a generous bound (the check stage applies the brand's exact limit to the
parsed model). Takes text; hands on the 1-based line of the first offender, or None.
"""

from __future__ import annotations

import re

MAX_QUOTE_MARKERS = 32  # ">" at the start of one line
MAX_INDENT = 160  # columns of leading white space (tabs count 4)
_PREFIX = re.compile(r"^[ \t>]*")


def too_deep(text: str) -> int | None:
    for number, line in enumerate(text.split("\n"), start=1):
        prefix = _PREFIX.match(line)
        head = prefix.group() if prefix else ""
        if head.count(">") > MAX_QUOTE_MARKERS:
            return number
        indent = len(head) - len(head.lstrip(" \t"))
        if len(head[:indent].expandtabs(4)) > MAX_INDENT:
            return number
    return None
