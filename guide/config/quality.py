"""Load the quality settings: guide.toml ``[quality]``, brand.toml ``[wording]`` and a guide's
optional ``glossary.toml``. Takes TOML tables and files; hands on the frozen dataclasses of
:mod:`guide.config.schema`, or diagnostics at the key's line."""

from __future__ import annotations

import re
from pathlib import Path

from guide.config.reader import Table, TomlFile
from guide.config.schema import DEFAULT_CLAIMS, GlossaryEntry, Quality, Wording
from guide.errors import Diagnostics

GLOSSARY_NAME = "glossary.toml"
_PERIOD = re.compile(r"^\s*(\d+)\s+(day|week|month|year)s?\s*$")
_LANGUAGE = re.compile(r"[a-z]{2,3}(-[A-Z]{2})?")  # as guide.toml's language
_DAYS = {"day": 1, "week": 7, "month": 30, "year": 365}  # a month is counted as 30 days


def period_days(text: str) -> int | None:
    """``"12 months"`` → 360 days (a month is 30 days, a year 365); None when unreadable."""
    match = _PERIOD.match(text.lower())
    if match is None or int(match.group(1)) == 0:
        return None
    return int(match.group(1)) * _DAYS[match.group(2)]


def load_quality(table: Table) -> Quality:
    """The optional ``[quality]`` table of guide.toml."""
    limits = {}
    bounds = {
        "max_grade": (1, 30),
        "max_smog": (1, 30),
        "max_sentence_words": (5, 80),
        "max_hard_words": (1, 100),
    }
    for key, (low, high) in bounds.items():
        if key in table.data:
            limits[key] = table.number(key, minimum=low, maximum=high)
        else:
            table.number(key, required=False)  # marks the key as known
    placeholders_ok = table.flag("placeholders_ok")
    review_every = table.text("review_every", required=False).strip()
    days = 0
    if review_every:
        found = period_days(review_every)
        if found is None:
            table.file.diagnostics.error(
                f"'quality.review_every' must be a period like \"12 months\" (days, weeks, "
                f"months or years), not {review_every!r}",
                table.where("review_every"),
            )
        days = found or 0
    table.reject_unknown()
    return Quality(
        placeholders_ok=placeholders_ok, review_every=review_every, review_days=days, **limits
    )


def load_wording(table: Table) -> Wording:
    """The optional ``[wording]`` table of brand.toml: required disclaimer phrases per language
    and the list of claim words."""
    claims = table.strings("claims", required=False) if "claims" in table.data else DEFAULT_CLAIMS
    per_language = table.table("disclaimer", required=False)
    disclaimer = []
    for language in sorted(per_language.data):
        phrases = per_language.strings(language)
        if not _LANGUAGE.fullmatch(language):
            table.file.diagnostics.error(
                f"'wording.disclaimer.{language}' must be named by a language tag like \"en\" "
                f'or "es-US"',
                per_language.where(language),
            )
        if any(not p.strip() for p in phrases):
            table.file.diagnostics.error(
                f"'wording.disclaimer.{language}' holds an empty phrase",
                per_language.where(language),
            )
        disclaimer.append((language, tuple(p.strip() for p in phrases if p.strip())))
    if any(not c.strip() for c in claims):
        table.file.diagnostics.error("'wording.claims' holds an empty word", table.where("claims"))
    table.reject_unknown()
    return Wording(tuple(disclaimer), tuple(c.strip().lower() for c in claims if c.strip()))


def glossary_anchor(term: str) -> str:
    """The anchor of a term's entry on the Key terms page."""
    return "term-" + (re.sub(r"[^a-z0-9]+", "-", term.lower()).strip("-") or "x")


def load_glossary(
    folder: Path, display_folder: str, diagnostics: Diagnostics
) -> tuple[GlossaryEntry, ...]:
    """The guide's ``glossary.toml`` (``[[term]]`` tables with ``term``, ``aliases`` and
    ``definition``); no entries when the guide has none."""
    path = folder / GLOSSARY_NAME
    if not path.exists():
        return ()
    file = TomlFile(path, f"{display_folder}/{GLOSSARY_NAME}", diagnostics)
    if file.data is None:
        return ()
    root = file.root()
    entries: list[GlossaryEntry] = []
    seen: dict[str, str] = {}
    for table in root.tables("term"):
        term = table.text("term").strip()
        aliases = tuple(a.strip() for a in table.strings("aliases", required=False))
        definition = " ".join(table.text("definition").split())
        table.reject_unknown()
        for name in (term, *aliases):
            key = name.lower()
            if not key:
                continue
            if key in seen:
                diagnostics.error(
                    f"'{name}' is already a key term or alias of '{seen[key]}'",
                    table.where("aliases" if name != term else "term"),
                )
            seen[key] = term
        if term:
            entries.append(
                GlossaryEntry(
                    term,
                    tuple(a for a in aliases if a),
                    definition,
                    glossary_anchor(term),
                    table.where().line,
                )
            )
    if "term" not in root.data:
        diagnostics.error("glossary.toml holds no [[term]] tables", root.where())
    root.reject_unknown()
    return tuple(entries)
