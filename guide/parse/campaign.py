"""Campaign tags on the article's own links: the parsed document with every link to the clinic's own
domains given guide.toml ``[campaign]``'s UTM tags (other links untouched). Takes a
:class:`~guide.model.Document` and the guide's configuration; hands on a new document."""

# Only link targets change: the words a reader sees stay as written.

from __future__ import annotations

import dataclasses
from typing import Any, TypeVar

from guide import model as m
from guide.config.schema import Campaign

T = TypeVar("T")


def tag_links(document: m.Document, campaign: Campaign | None) -> m.Document:
    """``document`` with campaign tags added to the targets of its own-domain links."""
    if campaign is None:
        return document
    return _walk(document, campaign)


def _walk(value: T, campaign: Campaign) -> T:
    if isinstance(value, m.Link):
        children = _walk(value.children, campaign)
        return dataclasses.replace(value, href=campaign.tag(value.href), children=children)
    if isinstance(value, tuple):
        return tuple(_walk(item, campaign) for item in value)  # type: ignore[return-value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes: dict[str, Any] = {}
        for field in dataclasses.fields(value):
            if not field.init:
                continue
            old = getattr(value, field.name)
            if isinstance(old, tuple) or dataclasses.is_dataclass(old):
                new = _walk(old, campaign)
                if new is not old:
                    changes[field.name] = new
        return dataclasses.replace(value, **changes) if changes else value
    return value
