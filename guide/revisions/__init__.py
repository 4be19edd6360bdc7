"""Versioning per content revision: fingerprints, the revision ledger, release and check. Takes
loaded configuration (:mod:`guide.config`); hands on :class:`~guide.edition.Edition` values to
render, finish and publish."""

# Imports neither reportlab nor pypdf.

from guide.revisions.check import CheckResult, changed_note, draft_diagnostic
from guide.revisions.fingerprint import fingerprint
from guide.revisions.ledger import LEDGER_NAME, append_revision, load_ledger
from guide.revisions.release import ReleaseResult, release
from guide.revisions.resolve import resolve_edition, source_date
from guide.revisions.semver import BUMPS, Bump, Version

__all__ = [
    "BUMPS",
    "LEDGER_NAME",
    "Bump",
    "CheckResult",
    "ReleaseResult",
    "Version",
    "append_revision",
    "changed_note",
    "draft_diagnostic",
    "fingerprint",
    "load_ledger",
    "release",
    "resolve_edition",
    "source_date",
]
