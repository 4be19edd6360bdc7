"""The clinic's seed article as a list of sentences, for tests that check the reference guide.

``tests/data/seed-article.txt`` is the article exactly as the clinic gave it (copied from its web
page). :func:`seed_sentences` drops the page chrome, strips bullet markers and splits the rest into
sentences, each passed through the tests' one normaliser (:func:`tests.pdftools.normalize`), which
makes seed text and guide text comparable without hiding any change of wording or punctuation.

Splitting rules:

- Paragraphs are separated by blank lines; each bullet line ("  • ...") is its own unit, with the
  marker removed; other line breaks inside a paragraph are spaces.
- A unit is split after ``.``, ``?`` or ``!`` (optionally followed by a closing quote or
  parenthesis) when whitespace and then an uppercase letter or an opening quote follow, except
  after a known abbreviation (:data:`ABBREVIATIONS`, e.g. "vs." in "Managing Symptoms vs.
  Addressing the Source").
- Title lines and other units without final punctuation are one "sentence" each.

Imports nothing of the project; holds no tests.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal

from tests.pdftools import normalize

SEED = Path(__file__).parent / "data" / "seed-article.txt"

# Lines of the web page that are not article content (exactly as they appear in the seed).
CHROME: tuple[str, ...] = (
    "Schedule appointment",
    "Download the Free Guide",
    '"*" indicates required fields',
    "Let’s Get Social",
)

# Words ending in "." that do not end a sentence (compared case-insensitively).
ABBREVIATIONS: frozenset[str] = frozenset(
    {
        "vs.",
        "e.g.",
        "i.e.",
        "etc.",
        "cf.",
        "approx.",
        "dr.",
        "mr.",
        "mrs.",
        "ms.",
        "st.",
        "no.",
        "fig.",
        "inc.",
        "ltd.",
        "jr.",
        "sr.",
        "u.s.",
    }
)

BULLET = re.compile(r"^\s*[•\u2023\u25e6\u2043]\s+")
BOUNDARY = re.compile(r"(?:(?<=[.?!])|(?<=[.?!][\"”’)]))\s+(?=[A-Z\"“‘])")


def split_sentences(unit: str) -> list[str]:
    """One paragraph or bullet split into sentences (see the module docstring)."""
    unit = normalize(unit)
    sentences, start = [], 0
    for match in BOUNDARY.finditer(unit):
        words = unit[start : match.start()].split()
        if words and words[-1].lower() in ABBREVIATIONS:
            continue
        sentences.append(unit[start : match.start()])
        start = match.end()
    if unit[start:]:
        sentences.append(unit[start:])
    return sentences


def _units(text: str) -> list[str]:
    """Paragraphs and bullet items of the seed, page chrome dropped, bullet markers stripped."""
    units = []
    for paragraph in re.split(r"\n[ \t]*\n", text.replace("\r\n", "\n")):
        if not paragraph.strip() or paragraph.strip() in CHROME:
            continue
        lines = paragraph.strip("\n").split("\n")
        if any(BULLET.match(line) for line in lines):
            for line in lines:
                if BULLET.match(line):
                    units.append(BULLET.sub("", line))
                elif units:  # a wrapped bullet line continues the previous item
                    units[-1] += "\n" + line
        else:
            units.append(paragraph)
    return units


def seed_sentences(kind: Literal["all", "article", "disclaimer"] = "all") -> list[str]:
    """The seed's sentences, normalised, in order.

    ``"article"`` is everything before the paragraph that starts with "Disclaimer:",
    ``"disclaimer"`` is that paragraph and whatever follows it, ``"all"`` is both.
    """
    if kind not in ("all", "article", "disclaimer"):
        raise ValueError(f"kind must be 'all', 'article' or 'disclaimer', not {kind!r}")
    article: list[str] = []
    disclaimer: list[str] = []
    target = article
    for unit in _units(SEED.read_text(encoding="utf-8")):
        if unit.lstrip().startswith("Disclaimer:"):
            target = disclaimer
        target.extend(split_sentences(unit))
    if kind == "article":
        return article
    if kind == "disclaimer":
        return disclaimer
    return article + disclaimer
