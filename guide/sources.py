"""The sources stage: read a guide's Markdown files safely and remember where things are. Takes file
paths; hands on :class:`SourceFile` values whose text is clean Unicode with ``\n`` line ends."""

# Reading refuses oversize files and invalid UTF-8 with a located diagnostic; control characters
# (C0 and C1) other than tab and newline, and invisible format characters, are removed (a warning
# names the first): :func:`clean_text`, which guide.toml's strings go through too. Imports nothing
# but the diagnostics.

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from guide.errors import Diagnostics, Location

MAX_SOURCE_BYTES = 2_000_000  # a guide chapter is a few kilobytes; this stops accidents
# C0 and C1 controls (U+0080-U+009F: what a Windows-1252 text decoded as Latin-1 leaves
# behind), DEL and the two noncharacters XML refuses. Tab and newline are kept.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
_ALNUM = re.compile(r"[^0-9a-z]+")
# Invisible format characters pasted from web pages and word processors: zero-width spaces and
# joiners, bidirectional marks and embeddings, word joiners, a BOM inside the text, tag
# characters. reportlab neither shapes nor reorders text, so they could only ever show as
# boxes: they are removed with a warning. (The soft hyphen U+00AD is kept: it marks a break.)
_INVISIBLE = re.compile(
    "[\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064"
    "\u2066-\u206f\ufeff\ufff9-\ufffb\U000e0000-\U000e007f]"
)


def squash(text: str) -> str:
    """Lower-case letters and digits only: the key for finding a block's line."""
    return _ALNUM.sub("", unicodedata.normalize("NFKD", text).lower())


@dataclass(frozen=True)
class SourceFile:
    """A source file's clean text and how to name it in diagnostics."""

    path: Path
    display: str  # how diagnostics name it, e.g. sources/slug/01-intro.md
    text: str

    def location(self, line: int, column: int = 0) -> Location:
        """A place in this file."""
        return Location(self.display, line, column)


class LineFinder:
    """Finds the line where a block starts, searching forward from the previous block.

    Python-Markdown does not report source lines, so the parse stage asks this index for the
    first line at or after a cursor whose letters contain the block's first words.
    """

    def __init__(self, text: str) -> None:
        self._keys = [squash(line) for line in text.split("\n")]
        self._raw = text.split("\n")
        self.cursor = 0

    def find(self, words: str, raw: str | None = None, consume: bool = False) -> int:
        """1-based line of the first line from the cursor containing ``raw`` (exact) or the
        squashed first words of ``words`` (trying four words, then fewer); the cursor line
        when nothing matches. ``consume`` moves the cursor past the found line (a heading or
        an image owns its line)."""
        if raw is not None:
            line = self._found(lambda i: raw in self._raw[i], consume)
            return line or min(self.cursor + 1, max(len(self._keys), 1))
        parts = words.split()[:4]
        for count in range(len(parts), 0, -1):
            key = squash(" ".join(parts[:count]))[:40]
            if key:
                line = self._found(self._contains(key), consume)
                if line:
                    return line
        return min(self.cursor + 1, max(len(self._keys), 1))

    def match(self, pattern: re.Pattern[str], consume: bool = False) -> int:
        """1-based line of the first line from the cursor that ``pattern`` matches in full, or
        0 (an empty heading has no words to look for)."""
        return self._found(lambda index: pattern.fullmatch(self._raw[index]) is not None, consume)

    def peek(self, raw: str) -> int:
        """1-based line of the first line from the cursor that contains ``raw``, or 0; the
        cursor stays (a link's line, inside the block being read)."""
        return next(
            (index + 1 for index in range(self.cursor, len(self._raw)) if raw in self._raw[index]),
            0,
        )

    def _contains(self, key: str) -> Callable[[int], bool]:
        return lambda index: key in self._keys[index]

    def _found(self, test: Callable[[int], bool], consume: bool) -> int:
        for index in range(self.cursor, len(self._keys)):
            if test(index):
                self.cursor = index + 1 if consume else index
                return index + 1
        return 0


def clean_text(text: str) -> tuple[str, list[tuple[int, str]]]:
    """``text`` without control characters and invisible format characters, and for each kind
    found the 1-based line of its first and a warning saying what was removed.
    Markdown files and guide.toml strings go through here alike."""
    found: list[tuple[int, str]] = []
    hit = _CONTROL.search(text)
    if hit:
        found.append(
            (
                _line(text, hit.start()),
                f"control character U+{ord(hit.group()):04X} removed (and any others)",
            )
        )
        text = _CONTROL.sub("", text)
    hit = _INVISIBLE.search(text)
    if hit:
        name = unicodedata.name(hit.group(), "format character").lower()
        found.append(
            (
                _line(text, hit.start()),
                f"invisible character U+{ord(hit.group()):04X} ({name}) removed (and any others)",
            )
        )
        text = _INVISIBLE.sub("", text)
    return text, found


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def decode_utf8(raw: bytes, display: str, diagnostics: Diagnostics) -> str | None:
    """A file's text (without a byte-order mark), or None after reporting where it is not UTF-8."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        diagnostics.error(
            f"file is not valid UTF-8 (byte 0x{raw[exc.start]:02x}); save it as UTF-8",
            Location(display, line, column),
        )
        return None


def read_source(
    path: Path, display: str, diagnostics: Diagnostics, max_bytes: int = MAX_SOURCE_BYTES
) -> SourceFile | None:
    """Read a Markdown file: size limit, UTF-8, control and invisible characters removed."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            diagnostics.error(
                f"file is {size:,} bytes; the limit is {max_bytes:,}", Location(display, 1)
            )
            return None
        raw = path.read_bytes()
    except OSError as exc:
        diagnostics.error(f"cannot read file: {exc.strerror}", Location(display, 1))
        return None
    text = decode_utf8(raw, display, diagnostics)
    if text is None:
        return None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text, found = clean_text(text)
    for line, message in found:
        diagnostics.warning(message, Location(display, line))
    return SourceFile(path, display, text)
