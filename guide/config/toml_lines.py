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
    return _in_words(message, text.splitlines(), line, col)


def _in_words(message: str, lines: list[str], line: int, col: int) -> tuple[str, int, int]:
    """tomllib's message as an author would say it, and the place it is about."""
    here = lines[line - 1] if 0 < line <= len(lines) else ""
    if message == "Cannot overwrite a value":  # reported after the value: find its key
        for number in range(min(line, len(lines)), 0, -1):
            key = _KEY.match(lines[number - 1])
            if key:
                name = ".".join(_clean(p) for p in key.group(1).split("."))
                first = _first_key(lines, number, name)
                where = f" (first at line {first})" if first else ""
                return f"key '{name}' is given twice{where}", number, key.start(1) + 1
        return "a key is given twice", line, col
    table = re.fullmatch(r"Cannot declare \((.*)\) twice", message)
    if table:
        name = ".".join(re.findall(r"'([^']*)'", table.group(1)))
        first = next(
            (
                n
                for n, text in enumerate(lines[: line - 1], start=1)
                if (h := _HEADER.match(text))
                and not h.group(1)
                and ".".join(_clean(p) for p in h.group(2).split(".")) == name
            ),
            0,
        )
        where = f" (first at line {first})" if first else ""
        return f"table [{name}] is given twice{where}", line, col
    if message == "Invalid value":
        key = _KEY.match(here)
        value = here[key.end() :].split(" #")[0].strip() if key else ""
        if key and value[:1].isalpha() and value not in ("true", "false"):
            return (f'text must be in double quotes: {key.group(1)} = "{value}"', line, col)
        return (
            "a value must be text in double quotes, a number, true or false, a [list] or "
            'an { inline = "table" }',
            line,
            col,
        )
    char = re.fullmatch(r"(?:Illegal|Found invalid) character ('.*'|\".*\")", message)
    if char:
        import ast

        shown = ast.literal_eval(char.group(1))
        kind = "a control character" if len(shown) == 1 and ord(shown) < 0x20 else "a character"
        code = f"U+{ord(shown[0]):04X}" if shown else "?"
        return f"{kind} ({code}) is not allowed here: delete it", line, col
    return _PLAIN.get(message, message), line, col


def _first_key(lines: list[str], number: int, name: str) -> int:
    """The line before ``number``, in the same table, that sets the key ``name``; or 0."""
    start = next((n for n in range(number - 1, 0, -1) if _HEADER.match(lines[n - 1])), 0)
    for n in range(start + 1, number):
        key = _KEY.match(lines[n - 1])
        if key and ".".join(_clean(p) for p in key.group(1).split(".")) == name:
            return n
    return 0


_PLAIN = {
    "Unterminated string": 'text is missing its closing quote (")',
    "Expected '=' after a key in a key/value pair": "expected '=' after the key: key = value",
    "Invalid statement": "this line is neither key = value nor a [table] heading",
    "Unclosed array": "a list is missing its closing ']'",
    "Expected newline or end of document after a statement": (
        "unexpected text after the value (one key = value a line; a comment starts with #)"
    ),
    "Unescaped '\\' in a string": "a backslash in text must be written twice (\\\\)",
}
