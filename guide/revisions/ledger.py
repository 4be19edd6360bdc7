"""A guide's revision ledger, ``sources/<slug>/revisions.toml``: read, validate, append. Takes the
ledger's path; hands on a tuple of :class:`~guide.edition.Revision` in file order (oldest first,
newest last), or diagnostics with ``path:line``."""

# Appending adds text at the end of the file (its comments and layout stay as they are) and
# replaces the file atomically.

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

from guide.config.reader import Table, TomlFile
from guide.edition import Revision
from guide.errors import Diagnostics, has_errors
from guide.files import write_atomic
from guide.revisions.semver import Version

LEDGER_NAME = "revisions.toml"
FINGERPRINT = re.compile(r"^[0-9a-f]{64}$")

HEADER = """\
# Revision ledger: one [[revision]] per released edition of this guide, oldest first, newest last.
# Written by `python3 build_guide.py release`; a build whose content matches the newest entry's
# fingerprint gets its version, any other build is a draft.
"""


def load_ledger(path: Path, display: str, diagnostics: Diagnostics) -> tuple[Revision, ...]:
    """The revisions in ``path`` (none when the file does not exist); ``display`` names it in
    diagnostics. Returns no revisions when the ledger has errors."""
    if not path.exists():
        return ()
    file = TomlFile(path, display, diagnostics)
    if file.data is None:
        return ()
    before = len(diagnostics.items)
    root = file.root()
    for entry in root.data.get("revision", []):
        if isinstance(entry, dict):  # a TOML date literal reads as its ISO text
            entry.update({k: v.isoformat() for k, v in entry.items() if isinstance(v, dt.date)})
    tables = root.tables("revision")
    root.reject_unknown()
    revisions = [_revision(table) for table in tables]
    _check_order(tables, revisions, diagnostics)
    if has_errors(diagnostics.items[before:]):
        return ()
    return tuple(revisions)


def _date(table: Table, key: str, required: bool = True) -> str:
    value = table.text(key, required=required)
    if value:
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            table.file.diagnostics.error(
                f"'{key}' must be a date like \"2026-11-25\", not {value!r}", table.where(key)
            )
            return ""
    return value


def _revision(table: Table) -> Revision:
    errors = table.file.diagnostics
    version = table.text("version")
    if version and Version.parse(version) is None:
        errors.error(
            f"'version' must be major.minor.patch, like \"1.0.0\", not {version!r}",
            table.where("version"),
        )
        version = ""
    date = _date(table, "date")
    fingerprint = table.text("fingerprint")
    if fingerprint and not FINGERPRINT.match(fingerprint):
        errors.error(
            f"'fingerprint' must be 64 lowercase hex digits (a sha256), not {fingerprint!r}",
            table.where("fingerprint"),
        )
    summary = table.text("summary")
    if "\n" in summary.strip():
        errors.error("'summary' must be one line", table.where("summary"))
    reviewed_by = table.text("reviewed_by", required=False)
    reviewed_on = _date(table, "reviewed_on", required=False)
    files = _files(table.table("files", required=False))
    table.reject_unknown()
    return Revision(version, date, fingerprint, summary.strip(), reviewed_by, reviewed_on, files)


def _files(table: Table) -> tuple[tuple[str, str], ...]:
    """The optional ``[revision.files]`` table: file name → short digest (ledgers written
    before it existed have none)."""
    files = []
    for name, value in table.data.items():
        if not isinstance(value, str) or not re.fullmatch(r"[0-9a-f]{16}", value):
            table.file.diagnostics.error(
                f"'files.{name}' must be 16 lowercase hex digits", table.where(name)
            )
            continue
        files.append((name, value))
    return tuple(sorted(files))


def _check_order(tables: list[Table], revisions: list[Revision], diagnostics: Diagnostics) -> None:
    """Versions unique and rising, dates never going back, newest last."""
    seen: dict[str, int] = {}
    newest: tuple[Version, int] | None = None
    latest: tuple[str, int] | None = None
    for table, revision in zip(tables, revisions, strict=True):
        version = Version.parse(revision.version)
        line = table.where("version").line
        if version is not None:
            if revision.version in seen:
                diagnostics.error(
                    f"version {revision.version} is already recorded at line "
                    f"{seen[revision.version]}",
                    table.where("version"),
                )
            elif newest is not None and version < newest[0]:
                diagnostics.error(
                    f"version {version} is lower than {newest[0]} at line {newest[1]}; list "
                    f"revisions oldest first, newest last",
                    table.where("version"),
                )
            seen.setdefault(revision.version, line)
            if newest is None or version > newest[0]:
                newest = (version, line)
        if revision.date:
            date_line = table.where("date").line
            if latest is not None and revision.date < latest[0]:
                diagnostics.error(
                    f"date {revision.date} is earlier than {latest[0]} at line "
                    f"{latest[1]}; dates must not go back",
                    table.where("date"),
                )
            else:
                latest = (revision.date, date_line)


def entry_text(revision: Revision) -> str:
    """The TOML for one ``[[revision]]`` entry."""
    lines = ["[[revision]]"]
    for key in ("version", "date", "fingerprint", "summary", "reviewed_by", "reviewed_on"):
        value: str = getattr(revision, key)
        if value or key not in ("reviewed_by", "reviewed_on"):
            lines.append(f"{key} = {_toml_string(value)}")
    if revision.files:
        lines.append("[revision.files]  # each file's digest: names what a later draft changed")
        lines += [
            f"{_toml_string(name)} = {_toml_string(digest)}" for name, digest in revision.files
        ]
    return "\n".join(lines) + "\n"


def _toml_string(value: str) -> str:
    # JSON's escapes are all valid in a TOML basic string; TOML also wants DEL escaped.
    return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")


def append_revision(path: Path, revision: Revision) -> None:
    """Add ``revision`` at the end of the ledger at ``path`` (created when missing), keeping the
    existing text byte for byte, and replace the file atomically."""
    old = path.read_bytes() if path.exists() else HEADER.encode()
    newline = b"\r\n" if b"\r\n" in old else b"\n"
    if old and not old.endswith(b"\n"):
        old += newline
    entry = entry_text(revision).encode().replace(b"\n", newline)
    write_atomic(path, old + newline + entry if old.strip() else entry)


def newest(revisions: tuple[Revision, ...]) -> Revision | None:
    """The newest revision, or None."""
    return revisions[-1] if revisions else None
