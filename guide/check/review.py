"""Review cadence: guide.toml ``[quality] review_every = "12 months"`` asks for a medical review
that often. Takes the guide's configuration, its edition (with the ledger's history) and today's
date; hands on a warning when the newest revision with ``reviewed_on`` is older than that, or when
no revision records a review (``release --reviewed-by NAME`` records one)."""

from __future__ import annotations

import datetime as dt

from guide.config.load import location_of
from guide.config.schema import GuideConfig
from guide.edition import Edition
from guide.errors import Diagnostics


def last_review(edition: Edition) -> tuple[str, str] | None:
    """(date, reviewer) of the newest revision that records a review."""
    for revision in edition.history:  # newest first
        if revision.reviewed_on:
            return revision.reviewed_on, revision.reviewed_by
    return None


def check_review(
    config: GuideConfig, edition: Edition, today: str, diagnostics: Diagnostics
) -> None:
    """Warn when the guide's medical review is overdue (relative to ``today``, an ISO date)."""
    quality = config.quality
    if not quality.review_days:
        return
    where = location_of(config, "quality", "review_every")
    command = (
        f"python build_guide.py release {config.slug} --bump patch --summary "
        f'"reviewed" --reviewed-by NAME'
    )
    found = last_review(edition)
    if found is None:
        diagnostics.warning(
            f"review: no medical review is recorded, and review_every is "
            f'"{quality.review_every}"; after a review, record it with: '
            f"{command}",
            where,
        )
        return
    reviewed_on, reviewer = found
    try:
        age = (dt.date.fromisoformat(today) - dt.date.fromisoformat(reviewed_on)).days
    except ValueError:  # the ledger's dates are validated where it is read
        return
    if age > quality.review_days:
        by = f" by {reviewer}" if reviewer else ""
        diagnostics.warning(
            f"review: the last medical review ({reviewed_on}{by}) is {age} days "
            f'old, more than review_every = "{quality.review_every}"; after a '
            f"new review, record it with: {command}",
            where,
        )
