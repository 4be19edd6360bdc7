"""Lift fenced blocks and page-break lines out of Markdown before Python-Markdown sees it."""

# Python-Markdown stashes fenced code as raw HTML and forgets its line, so this pass replaces each
# fenced block (```` ```lang ```` … ```` ``` ````, or ``~~~``) and each page-break line
# (``\newpage``, ``\pagebreak`` or ``<!-- pagebreak -->``) with a token paragraph, and remembers
# its line (other blocks' lines are found in the original text). Takes text; hands on text and the
# lifted blocks.

from __future__ import annotations

import re
from dataclasses import dataclass

# A private-use character cannot come from the sources: the convert stage would map it to the
# lifted block. (Sources may contain private-use characters; they are escaped below.)
TOKEN_MARK = "\ue000"
_TOKEN = re.compile(TOKEN_MARK + r"(\d+)" + TOKEN_MARK)
_OPEN = re.compile(r"^( {0,3})(`{3,}|~{3,})\s*([A-Za-z0-9_+-]*)[^`]*$")
_PAGEBREAK = re.compile(r"^\s*(\\newpage|\\pagebreak|<!--\s*page-?break\s*-->)\s*$", re.I)


@dataclass(frozen=True)
class Lifted:
    """A fenced block taken out of the Markdown before parsing."""

    kind: str  # "fence" or "pagebreak"
    language: str  # the fence's info word ("diagram", "python", "")
    body: str
    line: int  # 1-based line of the opening fence or the page-break line


def token_index(text: str) -> int | None:
    """The lifted block's index if ``text`` is exactly one token, else None."""
    match = _TOKEN.fullmatch(text.strip())
    return int(match.group(1)) if match else None


def lift(text: str) -> tuple[str, list[Lifted], list[int]]:
    """Returns the new text, the lifted blocks, and the lines of unclosed fences."""
    text = text.replace(TOKEN_MARK, "\ufffd")
    lines = text.split("\n")
    out: list[str] = []
    lifted: list[Lifted] = []
    unclosed: list[int] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        opening = _OPEN.match(line)
        if _PAGEBREAK.match(line):
            out.append(_token(len(lifted)))
            lifted.append(Lifted("pagebreak", "", "", i + 1))
            i += 1
            continue
        if not opening:
            out.append(line)
            i += 1
            continue
        indent, fence, language = opening.groups()
        end = i + 1
        closing = re.compile(r"^ {0,3}" + re.escape(fence[0]) + "{" + str(len(fence)) + r",}\s*$")
        while end < len(lines) and not closing.match(lines[end]):
            end += 1
        if end == len(lines):
            unclosed.append(i + 1)
        body = "\n".join(
            ln[len(indent) :] if ln.startswith(indent) else ln for ln in lines[i + 1 : end]
        )
        out.append(_token(len(lifted)))
        lifted.append(Lifted("fence", language.lower(), body, i + 1))
        i = end + 1
    return "\n".join(out), lifted, unclosed


def _token(index: int) -> str:
    # Blank lines around the token make it a paragraph of its own.
    return f"\n{TOKEN_MARK}{index}{TOKEN_MARK}\n"
