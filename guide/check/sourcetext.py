"""The words of a guide as its author wrote them, for the checks that look at wording: each Markdown
file's text and every string value of the guide's TOML files, with their lines. Takes the guide's
configuration; hands on :class:`Text` pieces."""

# Files the load and sources stages could not read are skipped (they reported it).

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from typing import Any

from guide.config.quality import GLOSSARY_NAME
from guide.config.schema import GuideConfig
from guide.config.toml_lines import KeyLines


@dataclass(frozen=True)
class Text:
    """A Markdown file (``line`` 1, ``key`` empty) or one TOML string value at its line."""

    path: str  # as diagnostics name it
    text: str
    line: int = 1
    key: str = ""  # the TOML key path, dotted ("call_to_action.url")
    lines: tuple[str, ...] = ()  # the file's lines, for markers on the line of a finding


def _read(path: Any) -> str | None:
    try:
        text: str = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def markdown_texts(config: GuideConfig) -> list[Text]:
    """Every chapter and the disclaimer, as written."""
    out = []
    for name in (*config.chapters, *((config.disclaimer,) if config.disclaimer else ())):
        text = _read(config.folder / name)
        if text is not None:
            out.append(Text(f"{config.display}/{name}", text, lines=tuple(text.split("\n"))))
    return out


def toml_texts(config: GuideConfig) -> list[Text]:
    """Every string value of guide.toml and glossary.toml, at the line that sets it."""
    out: list[Text] = []
    for name in ("guide.toml", GLOSSARY_NAME):
        text = _read(config.folder / name)
        if text is None:
            continue
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError:
            continue
        keys = KeyLines(text)
        lines = tuple(text.split("\n"))
        for path, value in _strings(data, ()):
            key = ".".join(str(p) for p in path if isinstance(p, str))
            out.append(Text(f"{config.display}/{name}", value, keys.line_of(*path), key, lines))
    return out


def _strings(value: Any, path: tuple[str | int, ...]) -> list[tuple[tuple[str | int, ...], str]]:
    if isinstance(value, str):
        return [(path, value)]
    if isinstance(value, dict):
        return [found for key, item in value.items() for found in _strings(item, (*path, key))]
    if isinstance(value, list):
        found = []
        for index, item in enumerate(value):
            # An array of tables is addressed by index; a plain array by its key's line.
            inner = (*path, index) if isinstance(item, dict) else path
            found.extend(_strings(item, inner))
        return found
    return []
