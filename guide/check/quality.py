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
from guide.config.quality import GLOSSARY_NAME
from guide.config.schema import Brand, GuideConfig, Quality
from guide.errors import Diagnostic, Diagnostics


def check_quality(
    document: m.Document,
    config: GuideConfig,
    brand: Brand,
    *,
    release: bool,
    strict: bool,
    diagnostics: Diagnostics,
    measure: bool = True,
) -> GuideReading | None:
    """Every quality check of one guide; returns its reading level for the report (None when
    not ``measure`` and no ``[quality]`` limit needs it: the limits are all it checks)."""
    measure = measure or _has_limits(config.quality)
    key = (_files(document, config), document, config, brand, release, strict, measure)
    done = _DONE.get(key)
    if done is None:
        found = Diagnostics()
        reading = _check_quality(document, config, brand, release, strict, measure, found)
        done = (reading, tuple(found.items))
        if len(_DONE) >= _DONE_MAX:
            _DONE.clear()
        _DONE[key] = done
    diagnostics.extend(done[1])
    return done[0]


# The answers for the guides last checked in this process (``watch`` rebuilds, each edition):
# they depend only on the model, the configuration, the brand, the two flags and the bytes of
# the files the checks read, which are all in the key.
_DONE: dict[tuple[object, ...], tuple[GuideReading | None, tuple[Diagnostic, ...]]] = {}
_DONE_MAX = 16


def _has_limits(quality: Quality) -> bool:
    """Whether guide.toml ``[quality]`` sets a reading-level limit (what check_reading checks)."""
    limits = (
        quality.max_grade,
        quality.max_smog,
        quality.max_sentence_words,
        quality.max_hard_words,
    )
    return any(limit is not None for limit in limits)


def _files(document: m.Document, config: GuideConfig) -> tuple[tuple[str, bytes | None], ...]:
    """The bytes of every file the quality checks read (None for one that cannot be read)."""
    names = dict.fromkeys(
        (
            *config.chapters,
            *((config.disclaimer,) if config.disclaimer else ()),
            *(chapter.source for chapter in document.chapters),
            "guide.toml",
            GLOSSARY_NAME,
        )
    )
    out = []
    for name in names:
        try:
            data: bytes | None = (config.folder / name).read_bytes()
        except OSError:
            data = None
        out.append((name, data))
    return tuple(out)


def _check_quality(
    document: m.Document,
    config: GuideConfig,
    brand: Brand,
    release: bool,
    strict: bool,
    measure: bool,
    diagnostics: Diagnostics,
) -> GuideReading | None:
    reading = measure_guide(document, config, config.language) if measure else None
    if reading is not None:
        check_reading(reading, config.quality, strict, diagnostics)
    texts = [*markdown_texts(config), *toml_texts(config)]
    check_claims(texts, brand.wording.claims, strict, diagnostics)
    check_placeholders(texts, release, config.quality.placeholders_ok, diagnostics)
    check_wording(document, config, brand.wording, diagnostics)
    check_glossary(document, config, diagnostics)
    return reading
