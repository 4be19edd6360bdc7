"""A typed view over one parsed TOML table that reports problems as diagnostics."""

# Each getter records an error (with the key's line) and returns a harmless default, so that one
# pass over a file reports every problem at once. Unknown keys are errors with a did-you-mean;
# strings are cleaned of control and invisible characters like Markdown text (with a warning).

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from guide.config.toml_lines import KeyLines, syntax_error
from guide.errors import Diagnostics, Location, did_you_mean
from guide.sources import clean_text, decode_utf8

HEX_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")


class TomlFile:
    """A TOML file read once: its data, its key lines, and where to report problems."""

    def __init__(self, path: Path, display: str, diagnostics: Diagnostics) -> None:
        self.path = path
        self.display = display
        self.diagnostics = diagnostics
        self.data: dict[str, Any] | None = None
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            diagnostics.error("file not found", Location(display, 1))
            return
        except OSError as exc:
            diagnostics.error(f"cannot read file: {exc.strerror}", Location(display, 1))
            return
        text = decode_utf8(raw, display, diagnostics)
        if text is None:
            return
        self.lines = KeyLines(text)
        try:
            self.data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            message, line, col = syntax_error(exc, text)
            diagnostics.error(f"invalid TOML: {message}", Location(display, line, col))

    def root(self) -> Table:
        """The file's top-level table."""
        return Table(self, (), self.data or {})


class Table:
    """One table of a :class:`TomlFile`, addressed by its key path."""

    def __init__(self, file: TomlFile, path: tuple[str | int, ...], data: dict[str, Any]):
        self.file = file
        self.path = path
        self.data = data
        self._used: set[str] = set()

    def where(self, key: str | int | None = None) -> Location:
        """Where ``key`` (or this table) is set in the file."""
        path = self.path if key is None else (*self.path, key)
        return Location(self.file.display, self.file.lines.line_of(*path))

    def _name(self, key: str) -> str:
        return ".".join([*(str(p) for p in self.path if isinstance(p, str)), key])

    def _error(self, message: str, key: str | None = None) -> None:
        self.file.diagnostics.error(message, self.where(key))

    def _get(
        self, key: str, kind: type | tuple[type, ...], kind_name: str, default: Any, required: bool
    ) -> Any:
        self._used.add(key)
        if key not in self.data:
            if required:
                self._error(f"missing required key '{self._name(key)}'")
            return default
        value = self.data[key]
        if isinstance(value, bool) and kind is not bool:
            value = object()  # TOML booleans are not numbers here
        if not isinstance(value, kind):
            self._error(f"'{self._name(key)}' must be {kind_name}", key)
            return default
        return value

    def text(self, key: str, default: str = "", required: bool = True) -> str:
        """A string value (an error and ``default`` when missing or of another type)."""
        value: str = self._clean(key, self._get(key, str, "a string", default, required))
        if required and isinstance(self.data.get(key), str) and not value.strip():
            self._error(f"'{self._name(key)}' must not be empty", key)
        return value

    def number(
        self,
        key: str,
        default: float = 0.0,
        required: bool = True,
        minimum: float | None = None,
        maximum: float | None = None,
    ) -> float:
        """A number within ``minimum``..``maximum`` (an error and ``default`` otherwise)."""
        value = self._get(key, (int, float), "a number", default, required)
        if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
            self._error(
                f"'{self._name(key)}' must be between {minimum} and {maximum}, not {value}", key
            )
            return default
        return float(value)

    def flag(self, key: str, default: bool = False) -> bool:
        """An optional ``true``/``false`` value."""
        value: bool = self._get(key, bool, "true or false", default, False)
        return value

    def strings(self, key: str, required: bool = True) -> tuple[str, ...]:
        """A list of strings (an error and an empty tuple otherwise)."""
        value = self._get(key, list, "a list of strings", [], required)
        if not all(isinstance(v, str) for v in value):
            self._error(f"'{self._name(key)}' must be a list of strings", key)
            return ()
        return tuple(self._clean(key, v) for v in value)

    def _clean(self, key: str, value: str) -> str:
        """``value`` cleaned as Markdown text is (control and invisible characters removed,
        with a warning at the key's line): the strings reach the PDF's pages and metadata."""
        value, found = clean_text(value)
        for _, message in found:
            self.file.diagnostics.warning(f"'{self._name(key)}': {message}", self.where(key))
        return value

    def color(self, key: str) -> str:
        """A colour written as ``"#rrggbb"``."""
        value = self.text(key, "#000000")
        if value and not HEX_COLOR.match(value):
            self._error(
                f"'{self._name(key)}' must be a colour like \"#1f7a85\", not {value!r}", key
            )
            return "#000000"
        return value

    def table(self, key: str, required: bool = True) -> Table:
        """A sub-table (an error and an empty table when missing)."""
        value = self._get(key, dict, "a table", {}, required)
        return Table(self.file, (*self.path, key), value)

    def tables(self, key: str) -> list[Table]:
        """An array of tables (``[[key]]``), each addressed by its index."""
        value = self._get(key, list, "an array of tables", [], False)
        out = []
        for index, item in enumerate(value):
            if isinstance(item, dict):
                out.append(Table(self.file, (*self.path, key, index), item))
            else:
                self._error(f"'{self._name(key)}' must hold tables", key)
        return out

    def reject_unknown(self) -> None:
        """Report every key of this table that no getter asked for."""
        for key in self.data:
            if key not in self._used:
                hint = did_you_mean(key, self._used)
                self._error(f"unknown key '{self._name(key)}'{hint}", key)
