"""Build guides: the list of steps, in order, and nothing else."""

# load (brand, guide.toml, sources) → parse (Markdown → model) → check (all problems at once) →
# finish (what the PDF says about itself: metadata) → render (model → PDF, saved once with the
# metadata and the structure tree) → publish (atomic writes, manifest). Each guide is built on its
# own: one with errors keeps its previous PDF and manifest entry, the others are published.

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from guide import model as m
from guide.config.load import load_brand, load_guide
from guide.config.schema import Brand, GuideConfig
from guide.edition import Edition
from guide.errors import (
    Diagnostic,
    Diagnostics,
    GuideError,
    InternalError,
    Location,
    did_you_mean,
    has_errors,
)
from guide.options import BuildOptions
from guide.outputs.manifest import ManifestEntry, entry_for, kept_previews, stable_name
from guide.outputs.publish import Output, publish
from guide.revisions import LEDGER_NAME, changed_note, resolve_edition
from guide.revisions.check import CheckResult, draft_diagnostic

if TYPE_CHECKING:
    from guide.check.readability import GuideReading
    from guide.metadata import Finish


@dataclass
class Prepared:
    """One guide loaded, parsed and checked, with its resolved edition."""

    config: GuideConfig
    document: m.Document
    edition: Edition
    reading: GuideReading | None = None


@dataclass(frozen=True)
class Built:
    """One guide built: what publish writes, its reading figures, layout defects and, for a
    draft, the files it changed."""

    output: Output  # manifest entry, PDF, other files (previews)
    reading: GuideReading | None
    layout: list[str]
    draft_note: str | None

    @property
    def entry(self) -> ManifestEntry:
        """The manifest entry of this guide's PDF."""
        return self.output[0]

    @property
    def label(self) -> str:
        """How the layout report names this PDF: the slug, and the edition unless print."""
        entry = self.entry
        return entry.slug if entry.edition == "print" else f"{entry.slug} ({entry.edition})"


@dataclass
class BuildResult:
    """What a build made, what it warned about, and what was already up to date."""

    built: list[ManifestEntry] = field(default_factory=list)
    warnings: list[Diagnostic] = field(default_factory=list)  # and the failed guides' errors
    manifest: Path | None = None
    current: list[ManifestEntry] = field(default_factory=list)  # up to date, not rebuilt
    reading: list[GuideReading] = field(default_factory=list)  # of the guides built
    layout: list[tuple[str, list[str]]] = field(default_factory=list)  # slug, layout defects
    drafts: dict[str, str] = field(default_factory=dict)  # slug → the files a draft changed
    failed: list[str] = field(default_factory=list)  # slugs of guides with errors, not built
    internal: list[InternalError] = field(default_factory=list)  # builder bugs, one a guide


def stable_pdf(out: Path, entry: ManifestEntry) -> str:
    """``<slug>.pdf`` when this build writes it (a release) or an earlier one did."""
    name = stable_name(entry.slug, entry.edition)
    return name if not entry.draft or (out / name).is_file() else ""


def discover(options: BuildOptions, diagnostics: Diagnostics) -> list[Path]:
    """The guide folders to build: every folder with a guide.toml, or the slugs asked for."""
    root = options.sources
    if not root.is_dir():
        diagnostics.error(
            f"sources folder not found: looked for {root.absolute().as_posix()} (run "
            "python3 build_guide.py from the project's folder, the one holding sources/ and "
            "assets/, or pass --sources DIR)",
            Location(str(root)),
        )
        return []
    folders = sorted(p.parent for p in root.glob("*/guide.toml"))
    if not options.slugs:
        if not folders:
            diagnostics.error(
                "no guides found (a guide is a folder with a guide.toml)", Location(str(root))
            )
        return folders
    known = {f.name: f for f in folders}
    chosen = []
    for slug in options.slugs:
        if slug in known:
            chosen.append(known[slug])
        else:
            diagnostics.error(
                f"no guide named '{slug}'{did_you_mean(slug, known)}", Location(str(root))
            )
    return chosen


def validate_content(
    config: GuideConfig, brand: Brand, assets: Path, diagnostics: Diagnostics
) -> m.Document:
    """Parse and check one guide's Markdown, including that the brand's fonts can draw every
    character (no layout)."""
    from guide.check.coverage import check_coverage
    from guide.check.structure import check_document
    from guide.check.tables import check_tables
    from guide.parse import parse_guide

    document = parse_guide(config, assets, brand.palette, diagnostics, brand.limits)
    check_document(document, config, diagnostics, brand.limits)
    check_tables(document, brand.text_width, diagnostics)
    check_coverage(document, config, brand, diagnostics)
    return document


def check_content(
    config: GuideConfig, brand: Brand, options: BuildOptions, diagnostics: Diagnostics
) -> tuple[m.Document, GuideReading | None]:
    """Every check build makes of one guide's content (``options.release`` and ``strict`` as
    asked; no edition, no layout): what ``release`` runs too, in release mode. The reading
    level is None when ``options.reading`` is off and no ``[quality]`` limit needs it."""
    from guide.check.quality import check_quality  # not loaded by a no-op build

    document = validate_content(config, brand, options.assets_dir, diagnostics)
    reading = check_quality(
        document,
        config,
        brand,
        release=options.release,
        strict=options.strict,
        diagnostics=diagnostics,
        measure=options.reading,
    )
    return document, reading


def prepare_guide(
    folder: Path, brand: Brand, options: BuildOptions, diagnostics: Diagnostics
) -> Prepared | None:
    """Load, parse and check one guide and resolve its edition (no rendering); None when its
    guide.toml does not load. Its problems go to ``diagnostics``."""
    from guide.check.review import check_review  # loaded with the checks, not by a no-op build

    config = load_guide(folder, folder.as_posix(), diagnostics)
    if config is None:
        return None
    document, reading = check_content(config, brand, options, diagnostics)
    before = len(diagnostics.items)
    edition = resolve_edition(
        config,
        brand,
        options.assets_dir,
        diagnostics,
        ledger_display=f"{folder.as_posix()}/{LEDGER_NAME}",
    )
    ledger_ok = not has_errors(diagnostics.items[before:])
    if options.release and edition.draft and ledger_ok:
        diagnostics.extend([draft_diagnostic(config, folder.as_posix(), edition)])
    check_review(config, edition, today(), diagnostics)
    return Prepared(config, document, edition, reading)


def prepare(
    options: BuildOptions,
    diagnostics: Diagnostics,
    internal: list[InternalError] | None = None,
) -> tuple[Brand | None, list[Prepared]]:
    """Load, parse and check every guide asked for and resolve its edition (no rendering).
    With ``internal``, a bug of the builder in one guide goes there and the others go on."""
    assets = options.assets_dir
    brand = load_brand(assets / "brand.toml", f"{assets.as_posix()}/brand.toml", diagnostics)
    prepared = []
    for folder in discover(options, diagnostics):
        if brand is None:
            load_guide(folder, folder.as_posix(), diagnostics)  # its problems too, at once
            continue
        try:
            item = prepare_guide(folder, brand, options, diagnostics)
        except Exception as exc:
            if internal is None:
                raise
            internal.append(InternalError.at(exc, Location(folder.as_posix())))
            continue
        if item is not None:
            prepared.append(item)
    return brand, prepared


def today() -> str:
    """The ISO date reviews are counted to: ``SOURCE_DATE_EPOCH``'s when set, else today's."""
    import datetime as dt
    import os

    from guide.revisions.resolve import source_date

    return source_date(os.environ, Diagnostics()) or dt.date.today().isoformat()


def check(options: BuildOptions) -> CheckResult:
    """What CI runs: every guide loads, parses and checks, and none is a draft. A bug of the
    builder in one guide is reported with the others' results (``internal``)."""
    diagnostics = Diagnostics()
    internal: list[InternalError] = []
    _, prepared = prepare(replace(options, release=True), diagnostics, internal)
    editions = tuple((item.config.slug, item.edition) for item in prepared)
    reading = tuple(item.reading for item in prepared if item.reading is not None)
    return CheckResult(editions, tuple(diagnostics.items), reading, tuple(internal))


def build(options: BuildOptions) -> BuildResult:
    """Build every guide asked for, each on its own: one that fails (content errors, or a bug
    of the builder: ``internal``) keeps its previous PDF and manifest entry while the others
    are built and published. Raises :class:`GuideError` when nothing could be built for
    content errors alone (or the brand or the sources folder is wrong)."""
    if not options.force:
        from guide.outputs.freshness import current_outputs

        found = Diagnostics()
        current = current_outputs(options, discover(options, found))
        if current is not None and not found.has_errors:
            return BuildResult(current=current)
    diagnostics = Diagnostics()
    assets = options.assets_dir
    brand = load_brand(assets / "brand.toml", f"{assets.as_posix()}/brand.toml", diagnostics)
    folders = discover(options, diagnostics)
    if brand is None or diagnostics.has_errors:
        everything = Diagnostics()
        prepare(options, everything)  # report the guides' problems too, all at once
        raise GuideError(everything.items)
    built: list[Built] = []
    failed: list[str] = []
    internal: list[InternalError] = []
    for folder in folders:
        problems = Diagnostics()
        try:
            output = build_guide(folder, brand, options, problems)
        except GuideError as exc:  # a problem found while laying out: this guide's alone
            problems.extend(exc.diagnostics)
            output = None
        except Exception as exc:  # a bug of the builder: reported, the other guides go on
            internal.append(InternalError.at(exc, Location(folder.as_posix())))
            output = None
        diagnostics.extend(problems.items)
        if output is None:
            failed.append(folder.name)
        else:
            built.extend(output)  # one per edition: print, phone
    if not built and not internal:
        raise GuideError(diagnostics.items)
    manifest = (
        publish(options.out, [b.output for b in built], keep_old=options.keep_old)
        if built
        else None
    )
    return BuildResult(
        [b.entry for b in built],
        diagnostics.items,
        manifest,
        reading=[b.reading for b in built if b.reading is not None],
        drafts={b.entry.slug: b.draft_note for b in built if b.draft_note is not None},
        layout=[(b.label, b.layout) for b in built],
        failed=failed,
        internal=internal,
    )


def build_guide(
    folder: Path, brand: Brand, options: BuildOptions, diagnostics: Diagnostics
) -> list[Built] | None:
    """One guide: prepare → finish (metadata) → render each edition (print, phone: the same
    content, each on its own page); what it gives, or None when it has errors (reported in
    ``diagnostics``)."""
    item = prepare_guide(folder, brand, options, diagnostics)
    if item is None or diagnostics.has_errors:
        return None
    from guide.metadata import finish_properties

    finish = finish_properties(item.config, item.edition)
    built: list[Built] = []
    for name in options.editions_of(item.config.editions):
        one = build_edition(item, brand.for_edition(name), finish, options, diagnostics)
        if one is None:
            return None
        built.append(replace(one, reading=None) if built else one)  # reading: said once
    return built


def build_edition(
    item: Prepared, brand: Brand, finish: Finish, options: BuildOptions, diagnostics: Diagnostics
) -> Built | None:
    """One edition of a prepared guide (``brand`` carries its page): its PDF, manifest entry,
    previews and layout report, or None when it cannot be laid out."""
    from guide.render import render_guide

    rendered = render_guide(item.document, item.config, brand, item.edition, finish, diagnostics)
    if rendered is None or diagnostics.has_errors:
        return None
    pdf, edition = rendered.pdf, item.edition
    entry = entry_for(
        item.config.slug,
        item.config.title,
        edition.version,
        pdf,
        rendered.pages,
        edition.draft,
        edition.fingerprint,
        edition.released_on,
        item.config.language,
        item.config.translation_of,
        brand.edition,
    )
    entry = replace(entry, stable_pdf=stable_pdf(options.out, entry))
    files: dict[str, bytes] = {}
    if options.previews:
        from guide.outputs.previews import Card, render_previews

        config, palette = item.config, brand.palette
        card = Card(
            config.title,
            config.subtitle,
            config.audience,
            brand.name,
            config.contact.website,
            palette.primary.hex,
            palette.on_primary.hex,
            palette.tint.hex,
            palette.accent.hex,
            brand.heading_font.bold,
            brand.heading_font.regular,
        )
        pictures = render_previews(pdf, entry.pdf.removesuffix(".pdf"), card)
        files = {p.path: data for p, data in pictures}
        entry = replace(entry, previews=tuple(asdict(p) for p, _ in pictures))
    else:  # an unchanged PDF keeps the previews an earlier build made of it
        from guide.outputs.freshness import builder_digest

        entry = replace(entry, previews=kept_previews(options.out, entry, builder_digest()))
    note = changed_note(edition) if edition.draft else None
    return Built((entry, pdf, files), item.reading, rendered.layout.lines(), note)
