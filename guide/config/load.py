"""Load and validate the brand file and a guide's ``guide.toml`` into frozen dataclasses. Takes
paths; hands on :class:`~guide.config.schema.Brand` and :class:`~guide.config.schema.GuideConfig`,
or diagnostics."""

# Resolves font and logo paths, and refuses any path that leaves the folder it belongs to.

from __future__ import annotations

import datetime as dt
import importlib.util
import re
from pathlib import Path
from urllib.parse import urlsplit

from guide.config.contrast import check_contrast
from guide.config.editions import load_editions, type_scale
from guide.config.quality import load_glossary, load_quality, load_wording
from guide.config.reader import Table, TomlFile
from guide.config.schema import (
    EDITION_NAMES,
    PAGE_SIZES,
    Brand,
    CallToAction,
    Campaign,
    Color,
    Contact,
    EditionLayout,
    FontFamily,
    GuideConfig,
    Limits,
    Margins,
    Palette,
    RelatedArticle,
)
from guide.errors import Diagnostics, Location, did_you_mean, has_errors

VERSION = re.compile(r"^\d+\.\d+\.\d+$")
URL = re.compile(r"^(https?://[^\s<>\"]+|mailto:[^\s<>\"]+)$")


def inside(folder: Path, relative: str) -> Path | None:
    """``folder/relative`` if it stays inside ``folder`` (no ``..``, no absolute path)."""
    if not relative or relative.startswith(("/", "\\")) or ":" in relative.split("/")[0]:
        return None
    try:
        candidate = (folder / relative).resolve()
        root = folder.resolve()
    except (OSError, ValueError):  # a name the system refuses (too long, a NUL byte)
        return None
    if candidate != root and root not in candidate.parents:
        return None
    return candidate


def is_file(path: Path | None) -> bool:
    """Whether ``path`` is a file; False (never an exception) for names the system refuses,
    such as one longer than it allows."""
    try:
        return path is not None and path.is_file()
    except (OSError, ValueError):
        return False


def package_file(spec: str) -> Path | None:
    """Resolve ``package:file`` to a file shipped inside an installed Python package."""
    package, _, name = spec.partition(":")
    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", package) or "/" in name or ".." in name:
        return None
    found = importlib.util.find_spec(package)
    if found is None or not found.submodule_search_locations:
        return None
    for location in found.submodule_search_locations:
        for candidate in (Path(location) / name, Path(location) / "files" / name):
            if candidate.is_file():
                return candidate
    return None


def _font(table: Table, key: str, assets: Path) -> Path:
    spec = table.text(key)
    if not spec:
        return Path()
    path = package_file(spec) if ":" in spec else inside(assets, spec)
    if path is None or not path.is_file():
        table.file.diagnostics.error(
            f"font '{spec}' not found (use \"package:File.ttf\" for a pip-installed font "
            f"package, or a path inside assets/)",
            table.where(key),
        )
        return Path()
    if path.suffix.lower() not in (".ttf", ".otf"):
        table.file.diagnostics.error(f"font '{spec}' must be a .ttf file", table.where(key))
    return path


def _family(table: Table, assets: Path) -> FontFamily:
    family = FontFamily(
        *(_font(table, k, assets) for k in ("regular", "italic", "bold", "bold_italic"))
    )
    table.reject_unknown()
    return family


def load_brand(path: Path, display: str, diagnostics: Diagnostics) -> Brand | None:
    """The brand file at ``path``; ``display`` is how diagnostics name it."""
    file = TomlFile(path, display, diagnostics)
    if file.data is None:
        return None
    before = len(diagnostics.items)
    assets = path.parent
    root = file.root()
    name = root.text("name")
    page_size = root.text("page_size", "letter").lower()
    if page_size not in PAGE_SIZES:
        diagnostics.error(
            f"'page_size' must be one of {', '.join(PAGE_SIZES)}", root.where("page_size")
        )
        page_size = "letter"
    logo_spec = root.text("logo")
    logo = inside(assets, logo_spec)
    if logo_spec and (logo is None or not logo.is_file()):
        diagnostics.error(f"logo '{logo_spec}' not found in {assets.name}/", root.where("logo"))
    hyphenation = root.text("hyphenation", "", required=False)

    m = root.table("margins")
    margins = Margins(
        *(m.number(k, 72, minimum=18, maximum=216) for k in ("top", "bottom", "inner", "outer"))
    )
    m.reject_unknown()
    p = root.table("palette")
    palette = Palette(*(Color(p.color(k)) for k in Palette.__dataclass_fields__))
    p.reject_unknown()
    fonts = root.table("fonts")
    body = _family(fonts.table("body"), assets)
    heading = _family(fonts.table("heading"), assets)
    fallback = []
    for index, spec in enumerate(fonts.strings("fallback", required=False)):
        found = package_file(spec) if ":" in spec else inside(assets, spec)
        if found is None or not found.is_file():
            diagnostics.error(
                f"fallback font '{spec}' (entry {index + 1}) not found", fonts.where("fallback")
            )
        else:
            fallback.append(found)
    fonts.reject_unknown()
    t = root.table("type")
    scale = type_scale(t, None)
    if not has_errors(diagnostics.items[before:]):
        check_contrast(palette, scale, p)
    editions = load_editions(
        root.table("editions", required=False),
        EditionLayout("print", *PAGE_SIZES[page_size], margins, scale),
    )
    limits = _limits(root.table("limits", required=False))
    wording = load_wording(root.table("wording", required=False))
    root.reject_unknown()
    if has_errors(diagnostics.items[before:]):
        return None
    return Brand(
        name,
        page_size,
        margins,
        palette,
        body,
        heading,
        tuple(fallback),
        scale,
        logo or Path(),
        hyphenation,
        path,
        limits,
        wording,
        editions,
    )


def _limits(table: Table) -> Limits:
    """The optional ``[limits]`` table: whole numbers within sane bounds, defaults otherwise."""
    default = Limits()
    bounds = {
        "max_source_bytes": (1_000, 50_000_000),
        "max_image_pixels": (1, 200_000_000),
        "max_image_bytes": (1_000, 200_000_000),
        "max_nesting": (1, 12),
    }
    values = {}
    for key, (low, high) in bounds.items():
        fallback = getattr(default, key)
        value = table.number(key, fallback, required=False, minimum=low, maximum=high)
        if value != int(value):
            table.file.diagnostics.error(f"'limits.{key}' must be a whole number", table.where(key))
        values[key] = int(value)
    table.reject_unknown()
    return Limits(**values)


def _url(table: Table, key: str, required: bool = True) -> str:
    value = table.text(key, required=required)
    if value and not URL.match(value):
        table.file.diagnostics.error(
            f"'{key}' must be an https://, http:// or mailto: address, not {value!r}",
            table.where(key),
        )
    return value


def _markdown_file(table: Table, key: str, value: str, folder: Path) -> None:
    path = inside(folder, value)
    if path is None:
        table.file.diagnostics.error(
            f"'{value}' must be a path inside the guide's folder", table.where(key)
        )
    elif not is_file(path):
        table.file.diagnostics.error(f"Markdown file '{value}' does not exist", table.where(key))
    elif path.suffix.lower() != ".md":
        table.file.diagnostics.error(f"'{value}' is not a Markdown (.md) file", table.where(key))


def load_guide(folder: Path, display_folder: str, diagnostics: Diagnostics) -> GuideConfig | None:
    """The ``guide.toml`` in ``folder``; every Markdown file it names must exist."""
    # Imported here: guide.i18n reads its catalogues with guide.config.reader, and importing
    # that runs this package's __init__, which imports this module.
    from guide.i18n import LANGUAGE_TAG, catalogue, language_problems

    path = folder / "guide.toml"
    file = TomlFile(path, f"{display_folder}/guide.toml", diagnostics)
    if file.data is None:
        return None
    before = len(diagnostics.items)
    root = file.root()
    title = root.text("title")
    subtitle = root.text("subtitle", required=False)
    audience = root.text("audience", required=False)
    author = root.text("author")
    language = root.text("language", "en-US", required=False) or "en-US"
    if not LANGUAGE_TAG.fullmatch(language):
        diagnostics.error(
            f"'language' must be a tag like \"en-US\", not {language!r}", root.where("language")
        )
        language = "en-US"  # for the defaults below; the build stops at the error
    else:
        found = language_problems(language, root.where("language"))
        diagnostics.extend(d for d in found if d not in diagnostics.items)  # once per build
    keywords = root.strings("keywords", required=False)
    chapters = root.strings("chapters")
    if not chapters and "chapters" in root.data:
        diagnostics.error("'chapters' must name at least one Markdown file", root.where("chapters"))
    for chapter in chapters:
        _markdown_file(root, "chapters", chapter, folder)
    disclaimer = root.text("disclaimer")
    if disclaimer:
        _markdown_file(root, "disclaimer", disclaimer, folder)
    version = root.text("version", required=False)  # the ledger (revisions.toml) owns it
    if version and not VERSION.match(version):
        diagnostics.error(
            f"'version' must be major.minor.patch, like \"1.0.0\", not {version!r}",
            root.where("version"),
        )
    date = root.text("date", required=False)  # likewise; the first draft is dated by it
    if date:
        try:
            dt.date.fromisoformat(date)
        except ValueError:
            diagnostics.error(
                f"'date' must be a date like \"2026-11-25\", not {date!r}", root.where("date")
            )
    footer_note = root.text("footer_note", catalogue(language).text("footer_note"), required=False)
    translation_of = _translation_of(root, folder)
    editions = _guide_editions(root)
    c = root.table("call_to_action")
    cta = CallToAction(c.text("heading"), c.text("text"), c.text("label"), _url(c, "url"))
    c.reject_unknown()
    related = []
    for r in root.tables("related"):
        related.append(RelatedArticle(r.text("title"), _url(r, "url")))
        r.reject_unknown()
    k = root.table("contact")
    contact = Contact(_url(k, "website"), k.text("email"), k.text("phone", required=False))
    k.reject_unknown()
    quality = load_quality(root.table("quality", required=False))
    base_url = _url(root, "base_url", required=False)
    if base_url and not base_url.lower().startswith(("https://", "http://")):
        diagnostics.error(
            f"'base_url' must be an https:// or http:// address, not {base_url!r}",
            root.where("base_url"),
        )
    campaign = _campaign(root, folder.name, (contact.website, cta.url))
    root.reject_unknown()
    glossary = load_glossary(folder, display_folder, diagnostics)
    if has_errors(diagnostics.items[before:]):
        return None
    return GuideConfig(
        slug=folder.name,
        folder=folder,
        title=title,
        subtitle=subtitle,
        audience=audience,
        author=author,
        language=language,
        keywords=keywords,
        chapters=chapters,
        disclaimer=disclaimer,
        version=version,
        date=date,
        call_to_action=cta,
        related=tuple(related),
        contact=contact,
        footer_note=footer_note,
        source=path,
        display=display_folder,
        translation_of=translation_of,
        quality=quality,
        glossary=glossary,
        base_url=base_url,
        campaign=campaign,
        editions=editions,
    )


def _guide_editions(root: Table) -> tuple[str, ...]:
    """guide.toml ``editions``: the editions this guide builds (default: every one)."""
    if "editions" not in root.data:
        return EDITION_NAMES
    names = root.strings("editions")
    for name in names:
        if name not in EDITION_NAMES:
            root.file.diagnostics.error(
                f"'editions' names no edition {name!r} (there are: "
                f"{', '.join(EDITION_NAMES)}){did_you_mean(name, EDITION_NAMES)}",
                root.where("editions"),
            )
    if not names and isinstance(root.data.get("editions"), list):
        root.file.diagnostics.error(
            "'editions' must name at least one edition", root.where("editions")
        )
    return tuple(n for n in EDITION_NAMES if n in names)


def _translation_of(root: Table, folder: Path) -> str:
    """guide.toml ``translation_of``: the slug of the guide this one translates (a sibling)."""
    slug = root.text("translation_of", required=False)
    if not slug:
        return ""
    siblings = sorted(p.parent.name for p in folder.parent.glob("*/guide.toml"))
    if slug == folder.name:
        root.file.diagnostics.error(
            "'translation_of' names this guide itself; it names the guide this one translates",
            root.where("translation_of"),
        )
    elif slug not in siblings:
        root.file.diagnostics.error(
            f"'translation_of' names no guide: there is no "
            f"'{slug}/guide.toml' beside this guide"
            f"{did_you_mean(slug, siblings)}",
            root.where("translation_of"),
        )
    return slug


def _campaign(root: Table, slug: str, own: tuple[str, ...]) -> Campaign | None:
    """The optional ``[campaign]`` table; ``domains`` defaults to the website's and the call to
    action's hosts."""
    if "campaign" not in root.data:
        root.table("campaign", required=False)
        return None
    table = root.table("campaign")
    tags = [
        table.text(key, default, required=False) or default
        for key, default in (("source", "guide"), ("medium", "pdf"), ("name", slug))
    ]
    for key, value in zip(("source", "medium", "name"), tags, strict=True):
        if not re.fullmatch(r"[A-Za-z0-9._~-]{1,64}", value):
            table.file.diagnostics.error(
                f"'campaign.{key}' must be letters, digits, '-', '_', '.' or '~' (a UTM tag), "
                f"not {value!r}",
                table.where(key),
            )
    domains = [d.strip().lower().rstrip(".") for d in table.strings("domains", required=False)]
    for domain in domains:
        if not re.fullmatch(r"[a-z0-9-]+(\.[a-z0-9-]+)+", domain):
            table.file.diagnostics.error(
                f"'campaign.domains' holds {domain!r}: write a host name like \"example.com\" "
                f"(no scheme, no path)",
                table.where("domains"),
            )
    if not domains:
        hosts = (urlsplit(url).hostname for url in own if url.startswith("http"))
        domains = sorted({h.lower() for h in hosts if h})
    table.reject_unknown()
    return Campaign(tags[0], tags[1], tags[2], tuple(domains))


def location_of(config: GuideConfig, *key: str | int) -> Location:
    """Where ``key`` is set in the guide's TOML (for later stages' diagnostics)."""
    from guide.config.toml_lines import KeyLines

    text = config.source.read_text(encoding="utf-8-sig")
    return Location(f"{config.display}/guide.toml", KeyLines(text).line_of(*key))
