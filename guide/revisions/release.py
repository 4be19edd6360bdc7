"""The release operation: record a guide's current content as a new revision in its ledger. Takes a
guide folder, the assets folder, the part to bump and a one-line summary; hands on a
:class:`ReleaseResult` (the new revision, or diagnostics saying why there is none)."""

# Prints nothing; the command line reports.

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from guide.config.load import load_brand, load_guide
from guide.config.schema import Brand, GuideConfig
from guide.config.toml_lines import KeyLines
from guide.edition import Revision
from guide.errors import Diagnostic, Diagnostics, Location
from guide.files import write_atomic
from guide.revisions.fingerprint import fingerprint_and_files
from guide.revisions.ledger import LEDGER_NAME, append_revision, load_ledger
from guide.revisions.resolve import next_version, source_date
from guide.revisions.semver import BUMPS, Bump, Version

Validate = Callable[[GuideConfig, Brand, Diagnostics], None]


@dataclass(frozen=True)
class ReleaseResult:
    """What ``release`` recorded, and where."""

    revision: Revision | None  # None when nothing was recorded
    ledger: Path
    diagnostics: tuple[Diagnostic, ...]
    adopted: bool = False  # the first release took guide.toml's version; --bump not applied
    followed: bool = False  # guide.toml's version and date lines were brought into line


def release(
    folder: Path,
    assets: Path,
    bump: Bump,
    summary: str,
    *,
    reviewed_by: str = "",
    display_folder: str | None = None,
    assets_display: str | None = None,
    validate: Validate | None = None,
    environ: Mapping[str, str] | None = None,
    today: dt.date | None = None,
) -> ReleaseResult:
    """Append a revision for the content of the guide in ``folder``.

    Refuses (diagnostics, nothing written) when the guide, brand or ledger has errors, when
    ``validate`` (the build's content checks) reports errors, or when the content is unchanged
    since the newest revision. The date is ``SOURCE_DATE_EPOCH``'s when set, else ``today``. The
    first release adopts guide.toml's ``version`` when it has one (see :mod:`.resolve`).
    """
    diagnostics = Diagnostics()
    display = display_folder or str(folder)
    path = folder / LEDGER_NAME
    _check_arguments(bump, summary, reviewed_by, diagnostics)
    config = load_guide(folder, display, diagnostics)
    brand = load_brand(assets / "brand.toml", f"{assets_display or assets}/brand.toml", diagnostics)
    if config is None or brand is None or diagnostics.has_errors:
        return ReleaseResult(None, path, tuple(diagnostics.items))
    where = f"{display}/{path.name}"
    revisions = load_ledger(path, where, diagnostics)
    if validate is not None:
        validate(config, brand, diagnostics)
    if diagnostics.has_errors:
        return ReleaseResult(None, path, tuple(diagnostics.items))
    digest, files = fingerprint_and_files(config, brand, assets)
    latest = revisions[-1] if revisions else None
    newest_line = (
        KeyLines(path.read_text("utf-8-sig")).line_of("revision", len(revisions) - 1, "fingerprint")
        if latest
        else 1
    )
    if latest is not None and latest.fingerprint == digest:
        diagnostics.error(
            f"nothing to release: the content of '{config.slug}' is unchanged since "
            f"{latest.version} (same fingerprint)",
            Location(where, newest_line),
        )
        return ReleaseResult(None, path, tuple(diagnostics.items))
    date = source_date(os.environ if environ is None else environ, diagnostics)
    date = date or (today or dt.date.today()).isoformat()
    if latest is not None and date < latest.date:
        diagnostics.error(
            f"release date {date} is earlier than {latest.version}'s {latest.date}",
            Location(where, newest_line),
        )
    if diagnostics.has_errors:
        return ReleaseResult(None, path, tuple(diagnostics.items))
    version = str(next_version(config, revisions, bump))
    revision = Revision(
        version,
        date,
        digest,
        summary.strip(),
        reviewed_by.strip(),
        date if reviewed_by.strip() else "",
        files,
    )
    append_revision(path, revision)
    followed = _follow(config.source, version, date)
    adopted = not revisions and Version.parse(config.version) is not None
    return ReleaseResult(revision, path, tuple(diagnostics.items), adopted, followed)


def _follow(toml: Path, version: str, date: str) -> bool:
    """guide.toml's ``version`` and ``date`` lines, where present, follow the new release (the
    fingerprint leaves them out, so the content stays released)."""
    text = toml.read_bytes().decode("utf-8-sig")
    head, sep, tail = text.partition("\n[")
    for key, value in (("version", version), ("date", date)):
        head = re.sub(rf'(?m)^({key}\s*=\s*)"[^"\n]*"', rf'\g<1>"{value}"', head, count=1)
    if head + sep + tail == text:
        return False
    write_atomic(toml, (head + sep + tail).encode("utf-8"))
    return True


def _check_arguments(bump: str, summary: str, reviewed_by: str, diagnostics: Diagnostics) -> None:
    if bump not in BUMPS:
        diagnostics.error(
            f"--bump must be one of {', '.join(BUMPS)}, not {bump!r}", Location("--bump")
        )
    if not summary.strip():
        diagnostics.error("--summary must say, in one line, what changed", Location("--summary"))
    for name, value in (("--summary", summary), ("--reviewed-by", reviewed_by)):
        if "\n" in value.strip() or "\r" in value.strip():
            diagnostics.error(f"{name} must be one line", Location(name))
