"""The ``new`` command: a guide folder that builds at once, with every guide.toml key written out
and explained, so that marketing fills in blanks rather than reading the code. Takes the sources
folder, a slug and a title; writes guide.toml, one chapter and the disclaimer (never over an
existing folder) and hands on the paths written, or diagnostics."""

# No ledger: the first ``release`` creates it.

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from guide.errors import Diagnostics, Location
from guide.files import write_atomic

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
CHAPTER = "01-introduction.md"
DISCLAIMER = "disclaimer.md"

GUIDE_TOML = """\
# {title}: settings of this guide. Keys marked REQUIRED must be set; the others may be removed.
# Every key is described in README.md ("guide.toml keys"). Addresses below are placeholders on
# the reserved example.com domain: replace them before the first release.

title = {title_toml}  # REQUIRED: cover, PDF title, contents
subtitle = ""  # a line under the title on the cover
audience = ""  # who the guide is for, e.g. "A free guide for patients with back pain"
author = "Valor Spine"  # REQUIRED: the PDF's author and the back cover
language = "en-US"  # the text's language (hyphenation, screen readers, the builder's words)
# translation_of = "other-guide"  # a translation: the folder name of the guide it translates
keywords = []  # PDF keywords, e.g. ["back pain", "sciatica"]
chapters = {chapters_toml}  # REQUIRED: Markdown files in reading order, each starting "# Title"
disclaimer = {disclaimer_toml}  # REQUIRED: the Markdown file with the full disclaimer
# version = "1.0.0"  # only seeds the first release; afterwards revisions.toml owns it
# date = "2026-01-31"  # likewise: the first release's date; the ledger owns it afterwards
footer_note = "Educational information, not medical advice."  # every page's footer
# editions = ["print", "phone"]  # which PDFs to build (default: both; brand.toml sets their pages)
{base_url_line}  # the article's web address; relative links resolve against it

[call_to_action]  # REQUIRED: the closing page with a button and a QR code
heading = "Schedule an Appointment"  # REQUIRED
text = "To discuss your options, you are welcome to schedule an evaluation."  # REQUIRED
label = "Request an evaluation"  # REQUIRED: the button's words
url = "https://example.com/schedule"  # REQUIRED: PLACEHOLDER, the booking page

# [[related]]  # optional, repeatable: further reading listed after the call to action
# title = "Another article"
# url = "https://example.com/articles/another"

[contact]  # REQUIRED: the back cover
website = "https://example.com"  # REQUIRED: PLACEHOLDER, the clinic's website
email = "info@example.com"  # REQUIRED: PLACEHOLDER
phone = ""  # optional

# [campaign]  # optional: UTM tags on links to the clinic's own domains (never other sites)
# source = "guide"  # utm_source (default "guide")
# medium = "pdf"  # utm_medium (default "pdf")
# name = "{slug}"  # utm_campaign (default: the folder name)
# domains = ["example.com"]  # the clinic's own hosts (default: the website's and the call to
#                            # action's); subdomains count too

# [quality]  # optional: patient-material checks (warnings; errors with --strict)
# max_grade = 8  # Flesch-Kincaid grade of a chapter (health literacy asks 6 to 8)
# max_smog = 9  # SMOG grade of a chapter
# max_sentence_words = 20  # average words a sentence in a chapter
# max_hard_words = 20  # percent of words of three syllables or more
# placeholders_ok = false  # true lets a release keep example.com addresses, TODO… (say why)
# review_every = "12 months"  # medical review cadence: days, weeks, months or years
"""

CHAPTER_TEXT = """\
# {title}

Write the article here, or start from the clinic's web page with
`python3 build_guide.py import PAGE.html --slug {slug}`. Each chapter file starts with a
`# Title`; list the files in guide.toml's `chapters`.
"""

DISCLAIMER_TEXT = """\
# Disclaimer

PLACEHOLDER: replace this paragraph with the clinic's approved disclaimer. The information in
this guide is for education only and is not medical advice.
"""


@dataclass(frozen=True)
class Scaffold:
    """What ``new`` wrote: the guide's folder and its files."""

    folder: Path
    files: tuple[Path, ...]


def toml_string(value: str) -> str:
    """``value`` as a TOML basic string."""
    return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")


def title_from_slug(slug: str) -> str:
    """``low-back-pain`` → ``Low Back Pain``."""
    return " ".join(word.capitalize() for word in slug.split("-"))


def check_slug(slug: str, sources: Path, diagnostics: Diagnostics) -> Path | None:
    """The new guide's folder, or None (with an error) when the slug is unusable or taken."""
    where = Location(sources.as_posix())
    if not SLUG.match(slug):
        diagnostics.error(
            f"'{slug}' is not a usable guide name: use lowercase letters, digits "
            "and single hyphens, like 'sciatica' or 'low-back-pain'",
            where,
        )
        return None
    folder = sources / slug
    if folder.exists():
        diagnostics.error(
            f"{folder.as_posix()} already exists: choose another name (nothing was written)", where
        )
        return None
    return folder


def new_guide(sources: Path, slug: str, title: str, diagnostics: Diagnostics) -> Scaffold | None:
    """Write a new guide ``sources/slug`` that builds as it stands."""
    folder = check_slug(slug, sources, diagnostics)
    if folder is None:
        return None
    title = " ".join(title.split()) or title_from_slug(slug)
    phrases = required_phrases(sources, "en-US")
    files = {
        "guide.toml": guide_toml(title, slug, (CHAPTER,)),
        CHAPTER: CHAPTER_TEXT.format(title=title, slug=slug),
        DISCLAIMER: DISCLAIMER_TEXT + (f"\n{phrases_note(phrases)}" if phrases else ""),
    }
    return Scaffold(folder, write_files(folder, files))


def required_phrases(sources: Path, language: str) -> tuple[str, ...]:
    """The phrases the brand (``assets/`` beside ``sources``) requires of a disclaimer in
    ``language``; none when the brand cannot be read (the build reports that)."""
    from guide.config.load import load_brand

    assets = sources.parent / "assets"
    brand = load_brand(assets / "brand.toml", "brand.toml", Diagnostics())
    return brand.wording.phrases_for(language) if brand is not None else ()


def missing_phrases(text: str, phrases: tuple[str, ...]) -> list[str]:
    """The ``phrases`` that ``text`` lacks (ignoring case and line breaks, as the check does)."""
    flat = " ".join(text.lower().split())
    return [p for p in phrases if " ".join(p.lower().split()) not in flat]


def phrases_note(phrases: tuple[str, ...] | list[str]) -> str:
    """A marked note listing the phrases the brand requires, for whoever settles the text."""
    return (
        "PLACEHOLDER: the brand requires the disclaimer to say each of these phrases "
        "(assets/brand.toml `[wording.disclaimer]`); work them into the clinic's approved "
        "text and delete this note:\n\n" + "".join(f"- {p}\n" for p in phrases)
    )


PLACEHOLDER_LINES = {  # key → its placeholder line in GUIDE_TOML
    "booking": 'url = "https://example.com/schedule"  # REQUIRED: PLACEHOLDER, the booking page',
    "website": 'website = "https://example.com"  # REQUIRED: PLACEHOLDER, the clinic\'s website',
    "email": 'email = "info@example.com"  # REQUIRED: PLACEHOLDER',
    "phone": 'phone = ""  # optional',
}
RELATED_PLACEHOLDER = """\
# [[related]]  # optional, repeatable: further reading listed after the call to action
# title = "Another article"
# url = "https://example.com/articles/another"
"""


def guide_toml(
    title: str,
    slug: str,
    chapters: tuple[str, ...],
    base_url: str = "",
    site: Mapping[str, str] | None = None,
    related: tuple[tuple[str, str], ...] = (),
) -> str:
    """A guide.toml with every key written out and explained; ``site`` (booking, website,
    email, phone) and ``related`` (title, URL) fill in what an imported page showed."""
    listed = ", ".join(toml_string(c) for c in chapters)
    chapters_toml = (
        f"[{listed}]"
        if len(listed) < 60
        else ("[\n" + "".join(f"    {toml_string(c)},\n" for c in chapters) + "]")
    )
    base_url_line = (
        f"base_url = {toml_string(base_url)}"
        if base_url
        else f'# base_url = "https://example.com/articles/{slug}"'
    )
    text = GUIDE_TOML.format(
        title=title,
        title_toml=toml_string(title),
        slug=slug,
        chapters_toml=chapters_toml,
        disclaimer_toml=toml_string(DISCLAIMER),
        base_url_line=base_url_line,
    )
    for key, value in (site or {}).items():
        if key in PLACEHOLDER_LINES and value:
            name = "url" if key == "booking" else key
            text = text.replace(
                PLACEHOLDER_LINES[key],
                f"{name} = {toml_string(value)}  # as the page showed it: check it",
            )
    if related:
        entries = "".join(
            f'[[related]]  # a "You may also like" link of the page\n'
            f"title = {toml_string(t)}\nurl = {toml_string(u)}\n\n"
            for t, u in related
        )
        text = text.replace(RELATED_PLACEHOLDER, entries.removesuffix("\n"))
    return text


def write_files(folder: Path, files: Mapping[str, str | bytes]) -> tuple[Path, ...]:
    """Write ``files`` (names relative to ``folder``) atomically; returns their paths."""
    written = []
    for name, content in files.items():
        data = content.encode("utf-8") if isinstance(content, str) else content
        write_atomic(folder / name, data)
        written.append(folder / name)
    return tuple(written)
