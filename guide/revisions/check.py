"""The CI check: every guide's content is valid and recorded in its ledger (no drafts).

Takes the sources and assets folders; hands on a :class:`CheckResult` with each guide's
:class:`~guide.edition.Edition` and the diagnostics (a draft is an error naming the guide and the
``release`` command to run). Renders nothing and prints nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from guide.config.load import load_brand, load_guide
from guide.config.schema import Brand, GuideConfig
from guide.config.toml_lines import KeyLines
from guide.edition import Edition
from guide.errors import Diagnostic, Diagnostics, Location
from guide.revisions.ledger import LEDGER_NAME
from guide.revisions.resolve import resolve_edition

Validate = Callable[[GuideConfig, Brand, Diagnostics], None]

RELEASE_COMMAND = ('python build_guide.py release {slug} --bump patch|minor|major '
                   '--summary "what changed"')


@dataclass(frozen=True)
class CheckResult:
    editions: tuple[tuple[str, Edition], ...]  # (slug, edition) for every guide that loaded
    diagnostics: tuple[Diagnostic, ...]


def guide_folders(sources: Path) -> list[Path]:
    """Every folder under ``sources`` that holds a ``guide.toml``, sorted by name."""
    if not sources.is_dir():
        return []
    return sorted(p.parent for p in sources.glob("*/guide.toml"))


def check(sources: Path, assets: Path, *, sources_display: str | None = None,
          assets_display: str | None = None, validate: Validate | None = None,
          environ: Mapping[str, str] | None = None) -> CheckResult:
    """Validate every guide under ``sources``; a draft (unreleased content) is an error."""
    diagnostics = Diagnostics()
    root = sources_display or str(sources)
    folders = guide_folders(sources)
    if not folders:
        diagnostics.error("no guides found (expected <slug>/guide.toml folders)", Location(root))
    brand = load_brand(assets / "brand.toml", f"{assets_display or assets}/brand.toml",
                       diagnostics)
    editions = []
    for folder in folders:
        display = f"{root}/{folder.name}"
        config = load_guide(folder, display, diagnostics)
        if config is None or brand is None:
            continue
        edition = resolve_edition(config, brand, assets, diagnostics,
                                  ledger_display=f"{display}/{LEDGER_NAME}", environ=environ)
        if validate is not None:
            validate(config, brand, diagnostics)
        editions.append((config.slug, edition))
        if edition.draft:
            diagnostics.error(_draft_message(config.slug, edition), _draft_location(config,
                                                                                    display))
    return CheckResult(tuple(editions), tuple(diagnostics.items))


def _draft_message(slug: str, edition: Edition) -> str:
    since = (f"changed since {edition.history[0].version}" if edition.history
             else "never been released")
    return (f"guide '{slug}' is a draft ({edition.version}): its content has {since}; "
            f"record it with: {RELEASE_COMMAND.format(slug=slug)}")


def _draft_location(config: GuideConfig, display: str) -> Location:
    ledger = config.folder / LEDGER_NAME
    if not ledger.exists():
        return Location(f"{display}/guide.toml", 1)
    lines = KeyLines(ledger.read_text("utf-8-sig"))
    count = ledger.read_text("utf-8-sig").count("[[revision]]")
    return Location(f"{display}/{LEDGER_NAME}",
                    lines.line_of("revision", max(count - 1, 0), "fingerprint"))
