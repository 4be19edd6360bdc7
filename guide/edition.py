"""Which edition of a guide a build produces: version, date, draft state, fingerprint, history."""

# Handed from the build's versioning step to render (cover, footers, watermark, revision page),
# finish (metadata) and publish (file name, manifest). Pure data; imports nothing of ours.

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Revision:
    """One entry of a guide's revision ledger."""

    version: str
    date: str  # ISO date
    fingerprint: str
    summary: str
    reviewed_by: str = ""
    reviewed_on: str = ""
    files: tuple[tuple[str, str], ...] = ()  # (name, short digest) of each file; () in old entries


@dataclass(frozen=True)
class Edition:
    """A guide's version, date, draft state, content fingerprint and history."""

    version: str  # "1.2.0", or "1.3.0-draft+1a2b3c4d" for content not in the ledger
    date: str  # ISO date the PDF's dates come from
    draft: bool
    fingerprint: str  # hex digest of everything that changes what the PDF says or shows
    history: tuple[Revision, ...] = ()  # newest first
    changed: tuple[str, ...] | None = None  # a draft's files changed since the last release
    # (None: unknown, the last release recorded no per-file digests)

    @property
    def released_on(self) -> str:
        """The date of the newest release ("" when there is none): what a draft shows."""
        return self.history[0].date if self.history else ""
