"""Which edition a build makes: the ledger's newest revision, or a draft. Takes a loaded guide and
brand, the assets folder and the environment; hands on an :class:`~guide.edition.Edition`."""

# Content whose fingerprint matches the ledger's newest entry gets that entry's version and date.
# Any other content is a draft versioned like ``1.3.0-draft+1a2b3c4d`` (the minor after the newest
# release, plus the fingerprint's first eight hex digits).
#
# ``release --bump`` bumps the ledger's newest version. The first release (empty ledger) records
# guide.toml's ``version`` as it stands when there is one: that is the edition already published
# before the ledger existed, so the ledger adopts it and ``--bump`` is not applied; without one it
# bumps 0.0.0 (``--bump major`` gives 1.0.0). A draft is a pre-release of the version the next
# release would most likely get: the next minor after the newest entry, guide.toml's ``version``
# with an empty ledger, or ``0.1.0-draft+...`` with neither.
#
# Dates never come from the clock, so two builds of the same content give the same bytes: a
# release is dated by its ledger entry; a draft by ``SOURCE_DATE_EPOCH`` when set, else the newest
# entry's date, else guide.toml's ``date``, else 1980-01-01.

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from pathlib import Path

from guide.config.load import location_of
from guide.config.schema import Brand, GuideConfig
from guide.edition import Edition, Revision
from guide.errors import Diagnostics, Location
from guide.revisions.fingerprint import changed_files, fingerprint_and_files
from guide.revisions.ledger import LEDGER_NAME, load_ledger
from guide.revisions.semver import ZERO, Bump, Version

FALLBACK_DATE = "1980-01-01"  # the earliest date a ZIP file can hold; a common reproducible epoch


def ledger_path(config: GuideConfig) -> Path:
    """Where a guide's revision ledger lives."""
    return config.folder / LEDGER_NAME


def resolve_edition(
    config: GuideConfig,
    brand: Brand,
    assets: Path,
    diagnostics: Diagnostics,
    *,
    ledger_display: str | None = None,
    environ: Mapping[str, str] | None = None,
) -> Edition:
    """The edition this content makes; ledger problems are added to ``diagnostics``."""
    path = ledger_path(config)
    revisions = load_ledger(path, ledger_display or str(path), diagnostics)
    digest, files = fingerprint_and_files(config, brand, assets)
    history = tuple(reversed(revisions))
    if revisions:
        _disagreements(config, revisions[-1], ledger_display or str(path), diagnostics)
    if revisions and revisions[-1].fingerprint == digest:
        latest = revisions[-1]
        return Edition(latest.version, latest.date, False, digest, history)
    version = draft_version(config, revisions, digest)
    date = source_date(os.environ if environ is None else environ, diagnostics)
    if date is None:
        date = revisions[-1].date if revisions else config.date or FALLBACK_DATE
    changed = (
        changed_files(revisions[-1].files, files)
        if revisions and revisions[-1].files
        else (None if revisions else ())
    )
    return Edition(version, date, True, digest, history, changed)


def _disagreements(
    config: GuideConfig, latest: Revision, ledger: str, diagnostics: Diagnostics
) -> None:
    """After the first release the ledger owns version and date: guide.toml saying otherwise
    is a warning naming both."""
    for key, mine in (("version", config.version), ("date", config.date)):
        theirs = getattr(latest, key)
        if mine and mine != theirs:
            diagnostics.warning(
                f"guide.toml's {key} {mine!r} differs from the newest release's {theirs!r} in "
                f"{ledger}: the ledger decides (guide.toml's version and date only seed the "
                f"first release); remove '{key}' here or record a release with "
                f"python3 build_guide.py release",
                location_of(config, key),
            )


def next_version(config: GuideConfig, revisions: tuple[Revision, ...], bump: Bump) -> Version:
    """The version the next release gets (see the module doc)."""
    if revisions:
        return (Version.parse(revisions[-1].version) or ZERO).bump(bump)
    return Version.parse(config.version) or ZERO.bump(bump)


def draft_version(config: GuideConfig, revisions: tuple[Revision, ...], digest: str) -> str:
    """``1.3.0-draft+1a2b3c4d``: a pre-release of the next (minor) release."""
    return next_version(config, revisions, "minor").draft(digest)


def source_date(environ: Mapping[str, str], diagnostics: Diagnostics) -> str | None:
    """The ISO date (UTC) of ``SOURCE_DATE_EPOCH``, or None when it is not set."""
    raw = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not raw:
        return None
    try:
        moment = dt.datetime.fromtimestamp(int(raw), tz=dt.UTC)
    except (ValueError, OverflowError, OSError):
        diagnostics.error(
            f"SOURCE_DATE_EPOCH must be a whole number of seconds since 1970-01-01, not {raw!r}",
            Location("SOURCE_DATE_EPOCH"),
        )
        return None
    return moment.date().isoformat()
