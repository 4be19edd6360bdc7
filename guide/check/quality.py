"""The checks made for patient material, in one call: reading level, claims, placeholders, required
disclaimer wording and key terms (the review cadence needs the edition: see
:mod:`guide.check.review`). Takes the parsed guide, its configuration and the brand; hands on the
guide's reading level and diagnostics."""

from __future__ import annotations

from guide import model as m
from guide.check.claims import check_claims
from guide.check.glossary import check_glossary
from guide.check.placeholders import check_placeholders
from guide.check.readability import GuideReading, check_reading, measure_guide
from guide.check.sourcetext import markdown_texts, toml_texts
from guide.check.wording import check_wording
from guide.config.schema import Brand, GuideConfig
from guide.errors import Diagnostics


def check_quality(
    document: m.Document,
    config: GuideConfig,
    brand: Brand,
    *,
    release: bool,
    strict: bool,
    diagnostics: Diagnostics,
) -> GuideReading:
    """Every quality check of one guide; returns its reading level for the report."""
    reading = measure_guide(document, config, config.language)
    check_reading(reading, config.quality, strict, diagnostics)
    texts = [*markdown_texts(config), *toml_texts(config)]
    check_claims(texts, brand.wording.claims, strict, diagnostics)
    check_placeholders(texts, release, config.quality.placeholders_ok, diagnostics)
    check_wording(document, config, brand.wording, diagnostics)
    check_glossary(document, config, diagnostics)
    return reading
