"""Frozen dataclasses for every setting: the brand (``assets/brand.toml``) and a guide
(``sources/<slug>/guide.toml``). Built only by :mod:`guide.config.load`; imports nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

# Page sizes in PostScript points (1/72 inch).
PAGE_SIZES: dict[str, tuple[float, float]] = {
    "letter": (612.0, 792.0),
    "a4": (595.2756, 841.8898),
}


@dataclass(frozen=True)
class Color:
    """An sRGB colour from ``#rrggbb``."""

    hex: str

    @property
    def rgb(self) -> tuple[float, float, float]:
        """The colour's red, green and blue, from 0 to 1."""
        h = self.hex.lstrip("#")
        return (int(h[0:2], 16) / 255, int(h[2:4], 16) / 255, int(h[4:6], 16) / 255)


@dataclass(frozen=True)
class Palette:
    """Named brand colours. One accent family (primary, accent, tint) plus neutrals."""

    ink: Color  # body text
    muted: Color  # secondary text: captions, furniture
    primary: Color  # headings, bands, the cover
    accent: Color  # rules, list markers, diagram strokes
    tint: Color  # callout and table-header backgrounds
    paper: Color  # page background
    on_primary: Color  # text drawn on the primary colour

    def named(self) -> dict[str, Color]:
        """Every colour by its brand.toml name."""
        return {name: getattr(self, name) for name in self.__dataclass_fields__}


@dataclass(frozen=True)
class FontFamily:
    """Font files for one role; each path is absolute after loading."""

    regular: Path
    italic: Path
    bold: Path
    bold_italic: Path


@dataclass(frozen=True)
class TypeScale:
    """Font sizes and body leading, in points."""

    body_size: float
    leading: float  # body leading in points
    h1: float
    h2: float
    h3: float
    small: float  # captions, footnotes, table text
    furniture: float  # running header and footer


@dataclass(frozen=True)
class Margins:
    """Page margins in points (inner is the binding side)."""

    top: float
    bottom: float
    inner: float
    outer: float


EDITION_NAMES = ("print", "phone")  # the editions a guide can build, in build order
FURNITURE = ("full", "compact")  # running header and footer variants


@dataclass(frozen=True)
class EditionLayout:
    """The page of one edition (brand.toml ``[editions.<name>]``): size, margins, type and the
    running header and footer's variant."""

    name: str  # one of EDITION_NAMES
    width: float  # points
    height: float
    margins: Margins
    type_scale: TypeScale
    furniture: str = "full"  # one of FURNITURE


@dataclass(frozen=True)
class Limits:
    """What a build accepts from its sources (brand.toml ``[limits]``).

    The limits live in the brand file, beside the fonts, because whoever runs the builder owns
    it; a guide's own ``guide.toml`` may come from the same hands as its Markdown."""

    max_source_bytes: int = 2_000_000  # one Markdown file; a chapter is a few kilobytes
    max_image_pixels: int = 40_000_000  # width × height, read from the header before decoding
    max_image_bytes: int = 20_000_000  # one PNG, JPEG or SVG file
    max_nesting: int = 8  # lists, quotes and callouts inside one another


# Absolute or promissory words that advertising rules for clinics forbid in patient material,
# reported unless negated in the same clause (brand.toml ``[wording] claims`` replaces them).
DEFAULT_CLAIMS = (
    "cure",
    "cures",
    "cured",
    "guarantee",
    "guarantees",
    "guaranteed",
    "permanent",
    "permanently",
    "100%",
    "risk-free",
    "painless",
    "miracle",
    "miraculous",
    "eliminate pain",
    "eliminates pain",
    "pain-free forever",
    "proven to work",
)


@dataclass(frozen=True)
class Wording:
    """What patient material must and must not say (brand.toml ``[wording]``)."""

    disclaimer: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (language, required phrases)
    claims: tuple[str, ...] = DEFAULT_CLAIMS

    def phrases_for(self, language: str) -> tuple[str, ...]:
        """The phrases a disclaimer in ``language`` ("en-US" → the "en" list) must hold."""
        primary = language.split("-")[0].lower()
        for lang, phrases in self.disclaimer:
            if lang in (language, primary):
                return phrases
        return ()


@dataclass(frozen=True)
class Brand:
    """Everything brand.toml sets: page, palette, fonts, type scale, logo, limits."""

    name: str
    page_size: str  # key of PAGE_SIZES
    margins: Margins
    palette: Palette
    body_font: FontFamily
    heading_font: FontFamily
    fallback_fonts: tuple[Path, ...]
    type_scale: TypeScale
    logo: Path
    hyphenation: str  # pyphen language, or "" to switch off
    source: Path  # the brand file itself
    limits: Limits = Limits()
    wording: Wording = Wording()
    editions: tuple[EditionLayout, ...] = ()  # every edition's page, print first
    edition: str = "print"  # the edition this brand's page geometry is for
    page: tuple[float, float] | None = None  # the edition's page size; None: page_size
    furniture: str = "full"  # the edition's running header and footer (FURNITURE)

    @property
    def page_width(self) -> float:
        """Page width in points (the edition's page, else ``page_size``)."""
        return self.page[0] if self.page else PAGE_SIZES[self.page_size][0]

    @property
    def page_height(self) -> float:
        """Page height in points (the edition's page, else ``page_size``)."""
        return self.page[1] if self.page else PAGE_SIZES[self.page_size][1]

    @property
    def compact(self) -> bool:
        """True for an edition with the compact header and footer (the phone's)."""
        return self.furniture == "compact"

    def layout_of(self, name: str) -> EditionLayout | None:
        """The page of edition ``name``, if the brand describes it."""
        return next((e for e in self.editions if e.name == name), None)

    def for_edition(self, name: str) -> Brand:
        """This brand with the page, margins, type and furniture of edition ``name``."""
        found = self.layout_of(name)
        if found is None:
            return self
        return replace(
            self,
            edition=name,
            page=(found.width, found.height),
            margins=found.margins,
            type_scale=found.type_scale,
            furniture=found.furniture,
        )

    @property
    def text_width(self) -> float:
        """Width of the text frame in points."""
        return self.page_width - self.margins.inner - self.margins.outer


@dataclass(frozen=True)
class CallToAction:
    """The closing page's call to action and its link."""

    heading: str
    text: str
    label: str  # the link's words
    url: str


@dataclass(frozen=True)
class RelatedArticle:
    """A related article listed on the closing page."""

    title: str
    url: str


@dataclass(frozen=True)
class Contact:
    """The clinic's contact details for the back cover."""

    website: str
    email: str
    phone: str


@dataclass(frozen=True)
class Quality:
    """Guide.toml ``[quality]``: reading-level thresholds (None: not checked), whether placeholder
    addresses are accepted in a release, and how often a medical review is due."""

    max_grade: float | None = None  # Flesch-Kincaid grade of a chapter
    max_smog: float | None = None
    max_sentence_words: float | None = None  # average words per sentence of a chapter
    max_hard_words: float | None = None  # percent of words of three syllables or more
    placeholders_ok: bool = False
    review_every: str = ""  # as written, e.g. "12 months"
    review_days: int = 0  # the same in days; 0: no cadence


@dataclass(frozen=True)
class GlossaryEntry:
    """One key term: the words to find, the anchor of its entry, its plain definition."""

    term: str
    aliases: tuple[str, ...]
    definition: str
    anchor: str
    line: int  # of its [[term]] table in glossary.toml


# Ad-click identifiers that ad networks add to an address (they name one click by one person):
# dropped from the clinic's own links, which a PDF hands to every reader.
CLICK_IDS = frozenset(
    {
        "fbclid",
        "gclid",
        "gclsrc",
        "gbraid",
        "wbraid",
        "dclid",
        "msclkid",
        "twclid",
        "ttclid",
        "li_fat_id",
        "yclid",
        "igshid",
        "mc_eid",
    }
)


@dataclass(frozen=True)
class Campaign:
    """guide.toml ``[campaign]``: UTM tags added to links that lead to the clinic's own domains."""

    source: str  # utm_source
    medium: str  # utm_medium
    name: str  # utm_campaign
    domains: tuple[str, ...]  # the clinic's own hosts; their subdomains count too

    def owns(self, url: str) -> bool:
        """Whether ``url`` is an http(s) address on one of the clinic's domains."""
        parts = urlsplit(url)
        host = (parts.hostname or "").lower().rstrip(".")
        return parts.scheme.lower() in ("http", "https") and any(
            host == d or host.endswith("." + d) for d in self.domains
        )

    def tag(self, url: str) -> str:
        """``url`` with the guide's utm_source, utm_medium and utm_campaign (in place of any
        utm_* tags it had, and without ad-click ids such as fbclid), when it leads to the
        clinic's own domains; any other address unchanged."""
        if not self.owns(url):
            return url
        parts = urlsplit(url)
        query = [
            (k, v)
            for k, v in parse_qsl(parts.query, keep_blank_values=True)
            if not k.lower().startswith("utm_") and k.lower() not in CLICK_IDS
        ]
        query += [
            ("utm_source", self.source),
            ("utm_medium", self.medium),
            ("utm_campaign", self.name),
        ]
        return urlunsplit(parts._replace(path=parts.path or "/", query=urlencode(query)))


@dataclass(frozen=True)
class GuideConfig:
    """Everything a guide's guide.toml sets, with where it came from."""

    slug: str  # the folder name
    folder: Path
    title: str
    subtitle: str
    audience: str
    author: str
    language: str
    keywords: tuple[str, ...]
    chapters: tuple[str, ...]  # Markdown files, relative to the folder, in order
    disclaimer: str
    version: str
    date: str  # ISO date of this edition
    call_to_action: CallToAction
    related: tuple[RelatedArticle, ...]
    contact: Contact
    footer_note: str
    source: Path  # the guide.toml itself
    display: str = ""  # how diagnostics name the guide's folder, e.g. "sources/slug"
    translation_of: str = ""  # slug of the guide this one translates ("" for an original)
    quality: Quality = Quality()
    glossary: tuple[GlossaryEntry, ...] = ()  # from glossary.toml, when the guide has one
    base_url: str = ""  # the site the article came from: relative links are joined to it
    campaign: Campaign | None = None  # UTM tags for links to the clinic's own domains
    editions: tuple[str, ...] = EDITION_NAMES  # guide.toml ``editions``: which ones it builds

    def link(self, url: str) -> str:
        """The target a link to ``url`` gets in the PDF (campaign tags added when asked)."""
        return self.campaign.tag(url) if self.campaign is not None else url
