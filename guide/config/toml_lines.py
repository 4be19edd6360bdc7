"""Find the line of a key in a TOML file, for diagnostics."""

# ``tomllib`` reports line numbers only for syntax errors, so this small scanner maps a key path
# such as ``("palette", "ink")`` or ``("related", 1, "url")`` to the line that sets it. It reads
# the text only; it is right for the plain TOML people write (headers, ``key = value``, arrays of
# tables) and falls back to the nearest enclosing header, then to line 1.

from __future__ import annotations

import re
import tomllib

_HEADER = re.compile(r"^\s*\[(\[?)\s*([^\]]+?)\s*\]\]?\s*(#.*)?$")
_KEY = re.compile(r"""^\s*("[^"]*"|'[^']*'|[A-Za-z0-9_.-]+)\s*=""")


def _clean(part: str) -> str:
    part = part.strip()
    if len(part) >= 2 and part[0] == part[-1] and part[0] in "\"'":
        return part[1:-1]
    return part


class KeyLines:
    """An index from key paths to line numbers for one TOML text."""

    def __init__(self, text: str) -> None:
        self._lines: dict[tuple[str | int, ...], int] = {}
        counts: dict[tuple[str, ...], int] = {}
        table: tuple[str | int, ...] = ()
        for number, line in enumerate(text.splitlines(), start=1):
            header = _HEADER.match(line)
            if header:
                names = tuple(_clean(p) for p in header.group(2).split("."))
                if header.group(1):  # [[array of tables]]
                    index = counts.get(names, 0)
                    counts[names] = index + 1
                    table = (*names, index)
                    self._lines.setdefault(names, number)
                else:
                    table = names
                self._lines.setdefault(table, number)
                continue
            key = _KEY.match(line)
            if key:
                names = tuple(_clean(p) for p in key.group(1).split("."))
                self._lines.setdefault((*table, *names), number)

    def line_of(self, *path: str | int) -> int:
        """The line that sets ``path``, or of its nearest enclosing table, or 1."""
        while path:
            if path in self._lines:
                return self._lines[path]
            path = path[:-1]
        return 1


def syntax_error(exc: tomllib.TOMLDecodeError, text: str) -> tuple[str, int, int]:
    """tomllib's syntax error as (message without its position, line, column) in ``text``."""
    match = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
    if match:
        line, col = int(match.group(1)), int(match.group(2))
    else:  # "(at end of document)": the last line with something on it
        line, col = max(len(text.rstrip().split("\n")), 1), 0
    message = re.sub(r"\s*\(at (line|end of document).*\)$", "", str(exc)) or "invalid TOML"
    return message, line, col
