"""Absolute or promissory claims ("a guaranteed cure") in a guide's words, which advertising rules
for clinics forbid. Takes the guide's Markdown and TOML text and the brand's list of claim words;
hands on a warning (an error under ``--strict``) at each ``path:line:column``."""

# A claim word is fine when a negation shares its clause ("no outcome is guaranteed", "is not
# guaranteed", "without guarantee"); a reviewed exception carries ``<!-- claim-ok: reason -->``
# (in TOML, ``# claim-ok: reason``) on its line.

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from guide.check.sourcetext import Text
from guide.errors import Diagnostics, Location

NEGATION = re.compile(
    r"(?<![\w-])(?:no|not|never|without|cannot|nor|neither|none|nothing)"
    r"(?![\w-])|\w['’]?n['’]t\b",
    re.IGNORECASE,
)
# Where a clause ends: sentence punctuation, a dash, a paragraph or list item, and a comma
# before a conjunction that starts a clause of its own ("…, but this is a guaranteed cure").
_CLAUSE_END = re.compile(
    r"[.;:!?—–]\s|[.;:!?]$|\n\s*\n|\n\s*(?:[-*+]|\d+[.)])\s|"
    r",\s+(?:but|yet|however|although|though|while|whereas)\b",
    re.IGNORECASE,
)
MARKER = re.compile(r"claim-ok:\s*(.*?)\s*(?:-->|$)")
# Markdown that is not read as words: link targets, HTML comments, code spans.
_NOT_WORDS = re.compile(
    r"\]\([^)\s]*(?:\s+\"[^\"]*\")?\)|<!--.*?-->|`[^`\n]*`|https?://\S+", re.DOTALL
)


def _claim_regex(claim: str) -> str:
    """A claim word or phrase as a regex: whole words, any spaces and line ends between."""
    body = r"\s+".join(re.escape(part) for part in claim.split())
    before = r"(?<![\w-])" if claim[:1].isalnum() else ""
    after = r"(?![\w-])" if claim[-1:].isalnum() else ""
    if claim.endswith("%"):
        body = body.replace("%", r"\s?%")
    return before + body + after


@functools.lru_cache(maxsize=4)
def claims_pattern(claims: tuple[str, ...]) -> re.Pattern[str]:
    """Every claim of the list in one pattern, longest first ("eliminates pain" before
    "eliminate")."""
    ordered = sorted(claims, key=len, reverse=True)
    return re.compile("|".join(f"(?:{_claim_regex(c)})" for c in ordered), re.IGNORECASE)


def _blank(match: re.Match[str]) -> str:
    return re.sub(r"[^\n]", " ", match.group())


def _clause(text: str, start: int, end: int) -> str:
    """The clause of ``text`` around ``text[start:end]``."""
    begin = 0
    for found in _CLAUSE_END.finditer(text, 0, start):
        begin = found.end()
    after = _CLAUSE_END.search(text, end)
    return text[begin : after.start() if after else len(text)]


def negated(text: str, start: int, end: int) -> bool:
    """Whether a negation shares the clause of ``text[start:end]``."""
    return NEGATION.search(_clause(text, start, end)) is not None


def find_claims(text: str, claims: Iterable[str]) -> list[tuple[int, int, str]]:
    """(start, end, words) of every claim in ``text`` that no negation in its clause undoes."""
    readable = _NOT_WORDS.sub(_blank, text)
    found = []
    for match in claims_pattern(tuple(claims)).finditer(readable):
        if not negated(readable, match.start(), match.end()):
            found.append((match.start(), match.end(), " ".join(match.group().split())))
    return found


def check_claims(
    texts: Iterable[Text], claims: tuple[str, ...], strict: bool, diagnostics: Diagnostics
) -> None:
    """Report every claim that is neither negated nor marked as a reviewed exception."""
    report = diagnostics.error if strict else diagnostics.warning
    for piece in texts:
        if piece.key.endswith(("url", "website", "email")):
            continue
        for start, _end, words in find_claims(piece.text, claims):
            line = piece.line + piece.text.count("\n", 0, start) if not piece.key else piece.line
            column = start - (piece.text.rfind("\n", 0, start) + 1) + 1 if not piece.key else 0
            source_line = piece.lines[line - 1] if 0 < line <= len(piece.lines) else ""
            marker = MARKER.search(source_line)
            where = Location(piece.path, line, column)
            if marker and marker.group(1).strip():
                continue
            if marker:
                diagnostics.error(
                    "claim-ok needs a reason: <!-- claim-ok: why this wording was approved -->",
                    where,
                )
                continue
            report(
                f'claim: "{words}" is an absolute or promissory word that advertising '
                f"rules for clinics forbid; reword it, negate it, or mark a reviewed "
                f"exception with <!-- claim-ok: reason --> on this line",
                where,
            )
