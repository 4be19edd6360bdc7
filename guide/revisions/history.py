"""The "Revision history" page as document-model blocks, built from an edition and its ledger.
Takes an :class:`~guide.edition.Edition` and the guide's :class:`~guide.i18n.Catalogue`; hands on
:mod:`guide.model` blocks, worded and dated in the guide's language."""

# The renderer lays the blocks out like any chapter (headings reach the outline and contents).
# Imports neither markdown nor reportlab.

from __future__ import annotations

from guide import model as m
from guide.edition import Edition, Revision
from guide.errors import Location
from guide.i18n import Catalogue

ANCHOR = "revision-history"
_HERE = Location("revisions.toml")


def history_blocks(edition: Edition, words: Catalogue) -> tuple[m.Block, ...]:
    """What changed in this edition, then every earlier edition, newest first."""
    blocks: list[m.Block] = [
        _heading(1, words, "revision_history", ANCHOR),
        _heading(2, words, "this_edition", f"{ANCHOR}-this"),
    ]
    earlier = edition.history
    if edition.draft:
        based = (
            words.text(
                "draft_based_on", version=earlier[0].version, date=words.date(earlier[0].date)
            )
            if earlier
            else words.text("draft_unreleased")
        )
        blocks.append(
            _para(
                m.Strong((m.Text(words.text("draft_title", version=edition.version)),)),
                m.Text(f" {words.text('draft_notice')} {based}"),
            )
        )
    elif earlier:
        current, earlier = earlier[0], earlier[1:]
        blocks.append(
            _para(
                m.Strong((m.Text(words.text("version", version=current.version)),)),
                m.Text(f" · {words.date(current.date)}"),
            )
        )
        blocks.append(_para(m.Text(current.summary)))
        if current.reviewed_by:
            reviewed = (
                words.text(
                    "reviewed_by_on", name=current.reviewed_by, date=words.date(current.reviewed_on)
                )
                if current.reviewed_on
                else words.text("reviewed_by", name=current.reviewed_by)
            )
            blocks.append(_para(m.Emphasis((m.Text(reviewed),))))
    if earlier:
        key = "released_editions" if edition.draft else "earlier_editions"
        blocks.append(_heading(2, words, key, f"{ANCHOR}-earlier"))
        blocks.append(_list(earlier, words))
    blocks.append(_para(m.Text(words.text("fingerprint", digest=_grouped(edition.fingerprint)))))
    return tuple(blocks)


def _heading(level: int, words: Catalogue, key: str, anchor: str) -> m.Heading:
    return m.Heading(level, (m.Text(words.text(key)),), anchor, _HERE, words.lang(key))


def _para(*inlines: m.Inline) -> m.Paragraph:
    return m.Paragraph(tuple(inlines), _HERE)


def _list(revisions: tuple[Revision, ...], words: Catalogue) -> m.ListBlock:
    """One item per edition: version and date in bold, then what changed."""
    items = []
    for revision in revisions:
        reviewed = (
            f" {words.text('reviewed_by', name=revision.reviewed_by)}"
            if revision.reviewed_by
            else ""
        )
        items.append(
            m.ListItem(
                (
                    _para(
                        m.Strong((m.Text(f"{revision.version} · {words.date(revision.date)}"),)),
                        m.Text(f" — {revision.summary}{reviewed}"),
                    ),
                )
            )
        )
    return m.ListBlock(False, tuple(items), _HERE)


def _grouped(digest: str) -> str:
    """The digest in groups of eight, so that it can wrap."""
    return " ".join(digest[i : i + 8] for i in range(0, len(digest), 8))
