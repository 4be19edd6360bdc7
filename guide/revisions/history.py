"""The "Revision history" page as document-model blocks, built from an edition and its ledger.

Takes an :class:`~guide.edition.Edition`; hands on :mod:`guide.model` blocks that the renderer
lays out like any chapter (headings reach the outline and contents).
Imports neither markdown nor reportlab.
"""

from __future__ import annotations

import datetime as dt

from guide import model as m
from guide.edition import Edition, Revision
from guide.errors import Location

ANCHOR = "revision-history"
TITLE = "Revision history"
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")
_HERE = Location("revisions.toml")


def human_date(iso: str) -> str:
    """``2026-11-25`` → ``November 25, 2026`` (fixed English names, whatever the locale)."""
    day = dt.date.fromisoformat(iso)
    return f"{_MONTHS[day.month - 1]} {day.day}, {day.year}"


def history_blocks(edition: Edition) -> tuple[m.Block, ...]:
    """What changed in this edition, then every earlier edition, newest first."""
    blocks: list[m.Block] = [
        m.Heading(1, (m.Text(TITLE),), ANCHOR, _HERE),
        m.Heading(2, (m.Text("What changed in this edition"),), f"{ANCHOR}-this", _HERE),
    ]
    earlier = edition.history
    if edition.draft:
        based = (f" It is based on version {earlier[0].version} of "
                 f"{human_date(earlier[0].date)}, with changes not yet released."
                 if earlier else " No edition of this guide has been released yet.")
        blocks.append(_para(m.Strong((m.Text(f"Draft {edition.version}."),)),
                            m.Text(" This copy was built from content that is not recorded in "
                                   "the guide's revision ledger, so it is not an approved "
                                   f"edition and must not be given to patients.{based}")))
    elif earlier:
        current, earlier = earlier[0], earlier[1:]
        blocks.append(_para(m.Strong((m.Text(f"Version {current.version}"),)),
                            m.Text(f" · {human_date(current.date)}")))
        blocks.append(_para(m.Text(current.summary)))
        if current.reviewed_by:
            when = f" on {human_date(current.reviewed_on)}" if current.reviewed_on else ""
            blocks.append(_para(m.Emphasis((m.Text(f"Reviewed by {current.reviewed_by}"
                                                   f"{when}."),))))
    if earlier:
        label = "Released editions" if edition.draft else "Earlier editions"
        blocks.append(m.Heading(2, (m.Text(label),), f"{ANCHOR}-earlier", _HERE))
        blocks.append(_list(earlier))
    blocks.append(_para(m.Text(f"Content fingerprint (SHA-256): {_grouped(edition.fingerprint)}")))
    return tuple(blocks)


def _para(*inlines: m.Inline) -> m.Paragraph:
    return m.Paragraph(tuple(inlines), _HERE)


def _list(revisions: tuple[Revision, ...]) -> m.ListBlock:
    """One item per edition: version and date in bold, then what changed."""
    items = []
    for revision in revisions:
        reviewed = f" Reviewed by {revision.reviewed_by}." if revision.reviewed_by else ""
        items.append(m.ListItem((_para(
            m.Strong((m.Text(f"{revision.version} · {human_date(revision.date)}"),)),
            m.Text(f" — {revision.summary}{reviewed}")),)))
    return m.ListBlock(False, tuple(items), _HERE)


def _grouped(digest: str) -> str:
    """The digest in groups of eight, so that it can wrap."""
    return " ".join(digest[i:i + 8] for i in range(0, len(digest), 8))
