"""The words the builder adds to a guide ("Contents", "Page 3 of 12", link descriptions for screen
readers...), its dates and its numbers, in the guide's language. Takes a language tag (guide.toml
``language``); hands on a :class:`Catalogue` read from ``catalogues/<tag>.toml`` (or
``<language>.toml``), with English for every missing entry, and the warnings that name each entry
that fell back."""

# Dates and numbers come from Babel's CLDR data. Imports neither reportlab nor markdown; a
# load-stage module, so render and revisions can use it.

from __future__ import annotations

import datetime as dt
import re
import string
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from guide.config.reader import TomlFile
from guide.errors import Diagnostic, Diagnostics, Location, did_you_mean, warning

CATALOGUES = Path(__file__).resolve().parent / "catalogues"
ENGLISH = "en"  # the reference catalogue: every key, and the fallback for each of them
ENGLISH_TAG = "en-US"  # the language of an English fallback entry (its /Lang)
LANGUAGE_TAG = re.compile(r"[a-z]{2,3}(-[A-Z]{2})?")  # what guide.toml and {: lang } accept
# US English, the language of most guides, is written without Babel (whose imports and locale
# data cost about 0.1 s a cold build); a test holds these to Babel's CLDR wording.
US_ENGLISH = "en_US"
US_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


@dataclass(frozen=True)
class Catalogue:
    """One language's wording for every key, English filled in where the language has none."""

    language: str  # the guide's tag, e.g. "es-US"
    locale: str  # Babel's name for it, e.g. "es_US" ("en_US" when Babel does not know it)
    entries: Mapping[str, str] = field(hash=False)  # key → wording with {placeholders}
    fallback: frozenset[str] = frozenset()  # keys whose wording is English
    source: str = ""  # the catalogue file used, as shown in messages ("" when none)
    problems: tuple[Diagnostic, ...] = ()  # warnings (and errors) found reading it

    def text(self, key: str, **values: object) -> str:
        """The wording of ``key`` with its placeholders filled (whole numbers by locale)."""
        filled = {
            name: self.number(v) if isinstance(v, int) and not isinstance(v, bool) else str(v)
            for name, v in values.items()
        }
        return self.entries[key].format(**filled)

    def lang(self, key: str) -> str:
        """The language tag of ``key``'s wording when it differs from the guide's, else ""."""
        same = self.language.split("-")[0] == ENGLISH
        return ENGLISH_TAG if key in self.fallback and not same else ""

    def date(self, iso: str) -> str:
        """``2026-11-25`` as the language writes it ("25 de noviembre de 2026")."""
        day = dt.date.fromisoformat(iso)
        if self.locale == US_ENGLISH:  # CLDR's long date: "MMMM d, y"
            return f"{US_MONTHS[day.month - 1]} {day.day}, {day.year}"
        from babel.dates import format_date

        return str(format_date(day, format="long", locale=self.locale))

    def number(self, value: int) -> str:
        """A whole number as the language writes it ("12,345", "12 345")."""
        if self.locale == US_ENGLISH:  # CLDR's "#,##0.###" for a whole number
            return f"{value:,}"
        from babel.numbers import format_decimal

        return str(format_decimal(value, locale=self.locale))


def catalogue_path(language: str) -> Path | None:
    """The catalogue for ``language``: ``es-US.toml``, else ``es.toml``; None when neither."""
    for name in (language, language.split("-")[0]):
        path = CATALOGUES / f"{name}.toml"
        if path.is_file():
            return path
    return None


def _display(path: Path) -> str:
    """``guide/i18n/catalogues/es.toml``: a shipped catalogue named from the package's folder."""
    top = CATALOGUES.parent.parent.parent
    return path.relative_to(top).as_posix() if path.is_relative_to(top) else path.as_posix()


def _placeholders(template: str) -> set[str] | None:
    """The ``{names}`` in ``template``; None when its braces are malformed."""
    try:
        return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}
    except ValueError:
        return None


def _read(path: Path, diagnostics: Diagnostics) -> tuple[dict[str, str], dict[str, int]]:
    """A catalogue's string entries and the line of each (problems go to ``diagnostics``)."""
    file = TomlFile(path, _display(path), diagnostics)
    if file.data is None:
        return {}, {}
    entries, lines = {}, {}
    for key, value in file.data.items():
        line = file.lines.line_of(key)
        if isinstance(value, str):
            entries[key], lines[key] = value, line
        else:
            diagnostics.warning(
                f"'{key}' must be a string; English is used", Location(file.display, line)
            )
    return entries, lines


def _locale(language: str) -> str:
    """Babel's locale for ``language`` (``es-US`` → ``es_US``), falling back to its language
    and then to English when CLDR has no data for it."""
    if language.replace("-", "_") == US_ENGLISH:
        return US_ENGLISH
    from babel import localedata

    for name in (language.replace("-", "_"), language.split("-")[0]):
        if localedata.exists(name):
            return name
    return "en_US"


@cache
def _english() -> dict[str, str]:
    diagnostics = Diagnostics()
    entries, _ = _read(CATALOGUES / f"{ENGLISH}.toml", diagnostics)
    if diagnostics.items or not entries:
        raise RuntimeError(f"the English catalogue is broken: {diagnostics.items}")
    return entries


@cache
def catalogue(language: str) -> Catalogue:
    """The catalogue for ``language`` (a tag like "es-US"), English where it has no entry."""
    return read_catalogue(language, catalogue_path(language))


def read_catalogue(language: str, path: Path | None) -> Catalogue:
    """The catalogue at ``path`` for ``language``, checked against the English one (uncached:
    :func:`catalogue` is the one to use)."""
    english = _english()
    if path is None:
        return Catalogue(language, _locale(language), dict(english), frozenset(english))
    diagnostics = Diagnostics()
    own, lines = _read(path, diagnostics)
    display = _display(path)
    entries, fallback = {}, set()
    for key, reference in english.items():
        text = own.get(key)
        wanted = _placeholders(reference)
        if text is None:
            diagnostics.warning(
                f"no wording for '{key}' in this catalogue: the English {reference!r} is used",
                Location(display, 1),
            )
        elif _placeholders(text) != wanted:
            names = ", ".join(f"{{{name}}}" for name in sorted(wanted or ())) or "none"
            diagnostics.warning(
                f"'{key}' must use the placeholders of the English wording "
                f"({names}): the English {reference!r} is used",
                Location(display, lines[key]),
            )
            text = None
        if text is None:
            fallback.add(key)
        entries[key] = english[key] if text is None else text
    for key in sorted(own.keys() - english.keys()):
        diagnostics.warning(
            f"unknown key '{key}'{did_you_mean(key, english)}", Location(display, lines[key])
        )
    return Catalogue(
        language, _locale(language), entries, frozenset(fallback), display, tuple(diagnostics.items)
    )


def language_problems(language: str, where: Location) -> list[Diagnostic]:
    """What a guide in ``language`` should be told about its catalogue: its own problems, or,
    when there is none, that the builder's words stay English (``where``: the language key)."""
    found = catalogue(language)
    if found.source or language.split("-")[0] == ENGLISH:
        return list(found.problems)
    name = language.split("-")[0]
    return [
        warning(
            f"the builder has no wording in '{language}': its own words (cover label, "
            f"contents, page numbers...) stay English; add guide/i18n/catalogues/"
            f"{name}.toml to translate them (see README, 'Languages')",
            where,
        )
    ]


def hyphenation_language(brand_setting: str, language: str) -> str:
    """The hyphenation dictionary for a guide: the brand's when it is in the guide's language
    (or switched off with ""), else the guide's own language (``es-US`` → ``es_US``)."""
    if not brand_setting:
        return ""
    if brand_setting.replace("_", "-").split("-")[0] == language.split("-")[0]:
        return brand_setting
    return language.replace("-", "_")
