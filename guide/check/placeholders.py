"""Placeholders left in a guide: addresses on reserved domains (example.com/.org/.net and the .test,
.invalid and .example top-level domains of RFC 2606), "lorem ipsum", and TODO, TBD or PLACEHOLDER in
capitals, in the Markdown or in any TOML value of the guide. Takes the guide's text pieces; hands on
a warning at each, or an error for a release (``build --release`` and ``check``) unless guide.toml
``[quality] placeholders_ok = true``."""

from __future__ import annotations

import re
from collections.abc import Iterable

from guide.check.sourcetext import Text
from guide.errors import Diagnostics, Location

_HOST = r"(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)*"
PATTERNS = (
    (
        re.compile(r"(?<![\w.-])" + _HOST + r"example\.(?:com|org|net)(?![\w-])", re.IGNORECASE),
        "an address on a reserved example domain",
    ),
    (
        re.compile(
            r"(?:https?://|@|www\.)" + _HOST + r"[a-z0-9-]+\.(?:test|invalid|example)"
            r"(?![\w.-])",
            re.IGNORECASE,
        ),
        "an address on a reserved test domain",
    ),
    (re.compile(r"\blorem\s+ipsum\b", re.IGNORECASE), "placeholder text"),
    (re.compile(r"(?<![\w-])(?:TODO|TBD|PLACEHOLDER)(?![\w-])"), "a note left for later"),
)


def find_placeholders(text: str) -> list[tuple[int, str, str]]:
    """(offset, what was found, what it is) for every placeholder in ``text``."""
    found = []
    for pattern, kind in PATTERNS:
        for match in pattern.finditer(text):
            found.append((match.start(), match.group(), kind))
    return sorted(found)


def check_placeholders(
    texts: Iterable[Text], release: bool, placeholders_ok: bool, diagnostics: Diagnostics
) -> None:
    """One diagnostic per line holding a placeholder (a warning; an error for a release)."""
    if placeholders_ok:
        return
    report = diagnostics.error if release else diagnostics.warning
    reported: set[tuple[str, int]] = set()
    for piece in texts:
        for offset, words, kind in find_placeholders(piece.text):
            line = piece.line + (piece.text.count("\n", 0, offset) if not piece.key else 0)
            if (piece.path, line) in reported:
                continue
            reported.add((piece.path, line))
            where = f"'{piece.key}' " if piece.key else ""
            hint = (
                "a release refuses it"
                if not release
                else "replace it, or set [quality] placeholders_ok = true in guide.toml with a "
                "comment saying why"
            )
            report(
                f"placeholder: {where}holds {kind} ('{words}'); {hint}", Location(piece.path, line)
            )
