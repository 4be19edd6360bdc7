"""Required wording: every guide has a disclaimer, and it holds each phrase that brand.toml
``[wording] disclaimer.<language>`` lists (case, line breaks and typographic quotes aside). Takes
the document model, the guide's configuration and the brand's wording; hands on an error at the
disclaimer for each phrase it lacks."""

from __future__ import annotations

from guide import model as m
from guide.config.load import location_of
from guide.config.schema import GuideConfig, Wording
from guide.errors import Diagnostics, Location


def normalized(text: str) -> str:
    """Lower case, one space between words, straight quotes and hyphens."""
    table = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "‐": "-", "‑": "-"})
    return " ".join(text.translate(table).lower().split())


def disclaimer_text(document: m.Document) -> str:
    """The disclaimer's text, paragraph by paragraph, as one string."""
    parts = []
    for block in m.walk(document.disclaimer):
        if isinstance(block, m.Paragraph):
            parts.append(m.plain_text(block.inlines))
    return " ".join(parts)


def check_wording(
    document: m.Document, config: GuideConfig, wording: Wording, diagnostics: Diagnostics
) -> None:
    """An error for a guide without disclaimer text, and for each required phrase missing."""
    if not config.disclaimer:
        return  # guide.toml's loader already asked for one
    where = Location(f"{config.display}/{config.disclaimer}", 1)
    text = normalized(disclaimer_text(document))
    if not text:
        diagnostics.error(
            "the disclaimer has no text; patient material needs one",
            where if document.disclaimer else location_of(config, "disclaimer"),
        )
        return
    for phrase in wording.phrases_for(config.language):
        if normalized(phrase) not in text:
            diagnostics.error(
                f'the disclaimer must say "{phrase}" (brand.toml [wording] '
                f"disclaimer.{config.language.split('-')[0]})",
                where,
            )
