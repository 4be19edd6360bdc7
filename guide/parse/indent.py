"""Re-indent nested lists the CommonMark way before Python-Markdown reads them. Takes Markdown
text (fenced blocks already lifted); hands on the same text with each list item's lines indented
by four spaces per level, which is what Python-Markdown needs to nest them."""

# CommonMark (and GitHub) nest a line under a list item when it is indented to the item's content
# column: two spaces under "- ", three under "1. ". Python-Markdown asks for four spaces per
# level, so "- a" / "  - b" would be read as one flat list. Here every line inside an item moves
# to four spaces per level, keeping whatever it is indented beyond the item's content column (an
# indented code block inside an item stays one). Lines outside lists are untouched.

from __future__ import annotations

import re
from dataclasses import dataclass

_MARKER = re.compile(r"( *)([-*+]|\d{1,9}\.)( +|$)")
_RULE = re.compile(r" {0,3}([-*_])( *\1){2,} *")
_FENCE = re.compile(r" *(`{3,}|~{3,})")
LEVEL = 4  # Python-Markdown's tab length: the indent of each nesting level


@dataclass(frozen=True)
class _Item:
    column: int  # the item's content column in the source
    level: int  # its content column in the output (four spaces per level)


def _marker(line: str) -> tuple[int, int] | None:
    """(indent, content column) when ``line`` starts a list item (not a rule), else None."""
    match = _MARKER.match(line)
    if match is None or _RULE.fullmatch(line):
        return None
    indent, marker, spaces = match.groups()
    gap = len(spaces) if 1 <= len(spaces) <= 4 and match.end() < len(line) else 1
    return len(indent), len(indent) + len(marker) + gap


def reindent_lists(text: str) -> str:
    """``text`` with nested list items indented four spaces a level (CommonMark's nesting)."""
    out: list[str] = []
    stack: list[_Item] = []
    blank_before = True
    fence: tuple[str, int] | None = None  # an unlifted fence's mark and the shift it gets
    for raw in text.split("\n"):
        line = _detab(raw)
        if fence is not None:  # verbatim: shifted as its opening line was
            out.append(" " * fence[1] + line if fence[1] > 0 and line.strip() else line)
            if line.strip().startswith(fence[0]) and not line.strip().strip(fence[0][0]):
                fence = None
            continue
        if not line.strip():
            out.append("" if stack else raw)
            blank_before = True
            continue
        indent = len(line) - len(line.lstrip(" "))
        marker = _marker(line)
        if stack and indent < stack[-1].column and (marker is not None or blank_before):
            while stack and indent < stack[-1].column:
                stack.pop()
        if marker is not None and indent - (stack[-1].column if stack else 0) >= LEVEL:
            marker = None  # indented code, not a list
        new = raw  # outside lists, a line stays as it is
        if stack and indent >= stack[-1].column:
            parent = stack[-1]
            extra = 0 if marker is not None else indent - parent.column
            new = " " * (parent.level + extra) + line.lstrip(" ")
        if marker is not None:
            level = (stack[-1].level if stack else 0) + LEVEL
            stack.append(_Item(marker[1], level))
        opening = _FENCE.match(new)
        if opening:
            fence = (opening.group(1), len(new) - len(line))
        out.append(new)
        blank_before = False
    return "\n".join(out)


def _detab(line: str) -> str:
    """``line`` with tabs in its leading whitespace expanded to four-column stops."""
    body = line.lstrip(" \t")
    return line[: len(line) - len(body)].expandtabs(LEVEL) + body if "\t" in line else line
