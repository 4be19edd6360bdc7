"""What the CI check says about a draft: an error naming the guide and the release command. Takes a
guide's configuration and edition; hands on a :class:`~guide.errors.Diagnostic` located at the
ledger's newest entry (or guide.toml when there is no ledger yet), and the :class:`CheckResult` that
:func:`guide.build.check` returns."""

# Prints nothing.

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from guide.config.schema import GuideConfig
from guide.config.toml_lines import KeyLines
from guide.edition import Edition
from guide.errors import Diagnostic, InternalError, Location, error, has_errors
from guide.revisions.ledger import LEDGER_NAME

if TYPE_CHECKING:
    from guide.check.readability import GuideReading

RELEASE_COMMAND = (
    'python3 build_guide.py release {slug} --bump patch|minor|major --summary "what changed"'
)


@dataclass(frozen=True)
class CheckResult:
    """What ``check`` found: each guide's edition and every diagnostic."""

    editions: tuple[tuple[str, Edition], ...]  # (slug, edition) for every guide that loaded
    diagnostics: tuple[Diagnostic, ...]
    reading: tuple[GuideReading, ...] = ()  # for check --report
    internal: tuple[InternalError, ...] = ()  # bugs of the builder, one a guide at most

    @property
    def ok(self) -> bool:
        """Whether nothing was an error."""
        return not has_errors(self.diagnostics)


def draft_diagnostic(config: GuideConfig, display_folder: str, edition: Edition) -> Diagnostic:
    """The error a release gives for a guide changed since its newest revision."""
    since = (
        f"changed since {edition.history[0].version}" if edition.history else "never been released"
    )
    return error(
        f"guide '{config.slug}' is a draft ({edition.version}): its content has "
        f"{since}{changed_note(edition)}; record it with: "
        f"{RELEASE_COMMAND.format(slug=config.slug)}",
        _location(config, display_folder, len(edition.history)),
    )


def changed_note(edition: Edition, most: int = 6) -> str:
    """`` (changed: guide/01-intro.md, assets/brand.toml)``: the files a draft changed since
    the last release, when the ledger recorded them."""
    if not edition.history:
        return ""
    if edition.changed is None:
        return " (which files is unknown: that release recorded no per-file digests)"
    names = list(edition.changed[:most])
    if len(edition.changed) > most:
        names.append(f"{len(edition.changed) - most} more")
    return f" (changed: {', '.join(names)})" if names else ""


def _location(config: GuideConfig, display_folder: str, count: int) -> Location:
    """The newest entry's fingerprint line, or guide.toml when there is no ledger yet."""
    ledger = config.folder / LEDGER_NAME
    if not ledger.exists() or not count:
        return Location(f"{display_folder}/guide.toml", 1)
    lines = KeyLines(ledger.read_text("utf-8-sig"))
    return Location(
        f"{display_folder}/{LEDGER_NAME}", lines.line_of("revision", count - 1, "fingerprint")
    )
