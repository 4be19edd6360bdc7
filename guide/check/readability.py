"""Reading level of a guide's chapters: Flesch-Kincaid grade and SMOG for English, the
Szigriszt-Pazos perspicuity on the INFLESZ scale for Spanish, words per sentence, the share of
words of three syllables or more, and the hardest sentences with their lines. Takes the document
model and the chapters' Markdown (to place sentences on their line); hands on :class:`GuideReading`
and, against guide.toml ``[quality]``, diagnostics."""

# Syllables are counted offline with pyphen's hyphenation dictionaries (see :func:`syllables`).

from __future__ import annotations

import bisect
import functools
import math
import re
from dataclasses import dataclass

from guide import model as m
from guide.config.schema import GuideConfig, Quality
from guide.errors import Diagnostics, Location
from guide.sources import squash

WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")
_BREAK = re.compile(r"[.!?]+[\"”’)\]]*\s+")
_ABBREVIATIONS = {
    "e.g.",
    "i.e.",
    "dr.",
    "vs.",
    "etc.",
    "mr.",
    "mrs.",
    "ms.",
    "st.",
    "no.",
    "fig.",
    "approx.",
    "cf.",
    "al.",
}
HARDEST = 3
HARD_SENTENCE_WORDS = 8  # a shorter sentence is never listed among the hardest
# INFLESZ scale (Barrio-Cantalejo et al. 2008) of the Szigriszt-Pazos score: upper bounds, words
INFLESZ_BANDS = (
    (40.0, "very hard"),
    (55.0, "somewhat hard"),
    (65.0, "normal"),
    (80.0, "fairly easy"),
    (math.inf, "very easy"),
)
_STRONG, _WEAK = set("aeoáéóíú"), set("iuüy")  # an accented i/u forms a syllable of its own


def spanish(language: str) -> bool:
    """Whether ``language`` (``es-US``, ``es_ES``, ``es``) is scored with the Spanish formula."""
    return language.replace("_", "-").split("-")[0].lower() == "es"


@functools.lru_cache(maxsize=8)
def _dictionary(language: str) -> object | None:
    import pyphen

    name = pyphen.language_fallback(language.replace("-", "_"))
    return pyphen.Pyphen(lang=name) if name else None


def _vowel_groups(word: str) -> int:
    """Groups of vowels, less a silent final "e" or "-es"/"-ed" ending ("makes", "used")."""
    word = word.lower()
    count = len(re.findall(r"[aeiouy]+", word))
    silent = (word.endswith("e") and not word.endswith(("le", "ee", "ie", "ye"))) or re.search(
        r"[^aeiouytd]ed$|[^aeiouysxzcgh]es$", word
    ) is not None
    if count > 1 and silent:
        count -= 1
    return max(count, 1)


def _spanish_nuclei(word: str) -> int:
    """Spanish syllable nuclei: vowel groups, where two strong vowels (a, e, o, or an accented
    í/ú) are in hiatus ("le-er", "dí-a") and a weak one joins its neighbour ("cien", "hoy")."""
    count, before = 0, ""
    for char in word.lower():
        kind = "strong" if char in _STRONG else "weak" if char in _WEAK else ""
        if kind and (not before or (before == kind == "strong")):
            count += 1
        before = kind
    return max(count, 1)


@functools.lru_cache(maxsize=8192)
def syllables(word: str, language: str = "en_US") -> int:
    """Syllables of ``word``, summed over the parts of a hyphenated word; a number counts as
    one. Each part counts the larger of pyphen's hyphenation points plus one and its vowel
    groups: pyphen's patterns (made for breaking lines) never break within two letters of
    either end ("sur-gery"), and vowel groups miss split vowels ("di-ag-no-sis").

    Offline and deterministic (pyphen ships its dictionaries); an approximation, within a
    syllable of a dictionary's count for most English words."""
    dictionary = _dictionary(language)
    total = 0
    for part in re.split(r"[-'’]", word):
        if not part:
            continue
        if not part.isalpha():
            total += 1
            continue
        points = len(dictionary.positions(part.lower())) if dictionary else 0  # type: ignore[attr-defined]
        groups = _spanish_nuclei(part) if spanish(language) else _vowel_groups(part)
        total += max(points + 1, groups)
    return max(total, 1)


def sentences_of(text: str) -> list[str]:
    """Split a paragraph's text into sentences (a full stop after an abbreviation such as
    "e.g." does not end one)."""
    out: list[str] = []
    start = 0
    for found in _BREAK.finditer(text):
        before = text[start : found.start() + 1].split()
        last = before[-1].lower() if before else ""
        follows = text[found.end() : found.end() + 1]
        if last in _ABBREVIATIONS or not (
            follows[:1].isupper() or follows[:1].isdigit() or follows[:1] in '"“‘('
        ):
            continue
        out.append(text[start : found.end()].strip())
        start = found.end()
    if text[start:].strip():
        out.append(text[start:].strip())
    return out


def grade(words: int, sentences: int, syllable_count: int) -> float:
    """Flesch-Kincaid grade level."""
    if not words or not sentences:
        return 0.0
    return 0.39 * words / sentences + 11.8 * syllable_count / words - 15.59


def inflesz(words: int, sentences: int, syllable_count: int) -> float:
    """Szigriszt-Pazos perspicuity, read on the INFLESZ scale (higher is easier; 55 to 65 is
    "normal", the level asked of Spanish patient material)."""
    if not words or not sentences:
        return 0.0
    return 206.835 - 62.3 * syllable_count / words - words / sentences


def inflesz_band(score: float) -> str:
    """The INFLESZ band of ``score``: "very hard" … "very easy"."""
    return next(name for bound, name in INFLESZ_BANDS if score < bound)


def smog(hard_words: int, sentences: int) -> float:
    """SMOG grade (McLaughlin 1969), scaled to 30 sentences."""
    if not sentences:
        return 0.0
    return 1.0430 * math.sqrt(hard_words * 30 / sentences) + 3.1291


@dataclass(frozen=True)
class Sentence:
    """One sentence, where it is, its word count and its grade level (for Spanish, ``ease``:
    its INFLESZ score)."""

    location: Location
    words: int
    grade: float
    text: str
    ease: float | None = None

    @property
    def difficulty(self) -> float:
        """What ranks the hardest sentences: the grade, or the INFLESZ score reversed."""
        return self.grade if self.ease is None else -self.ease

    @property
    def score(self) -> str:
        """``grade 12.3`` or ``INFLESZ 48.0``, as reports print it."""
        return f"grade {self.grade:.1f}" if self.ease is None else f"INFLESZ {self.ease:.1f}"


@dataclass(frozen=True)
class Reading:
    """The counts of one chapter (or of the whole guide) and its hardest sentences."""

    title: str
    location: Location  # the chapter's title line; the guide.toml for the whole guide
    sentences: int
    words: int
    syllables: int
    hard_words: int  # of three syllables or more
    hardest: tuple[Sentence, ...]
    language: str = "en-US"

    @property
    def ease(self) -> float | None:
        """Szigriszt-Pazos perspicuity (INFLESZ scale) for Spanish; None for other languages."""
        if not spanish(self.language):
            return None
        return inflesz(self.words, self.sentences, self.syllables)

    @property
    def difficulty(self) -> float:
        """What ranks the hardest chapter: the grade, or the INFLESZ score reversed."""
        ease = self.ease
        return self.grade if ease is None else -ease

    @property
    def grade(self) -> float:
        """Flesch–Kincaid grade level."""
        return grade(self.words, self.sentences, self.syllables)

    @property
    def smog(self) -> float:
        """SMOG grade level."""
        return smog(self.hard_words, self.sentences)

    @property
    def words_per_sentence(self) -> float:
        """Mean words per sentence."""
        return self.words / self.sentences if self.sentences else 0.0

    @property
    def hard_share(self) -> float:
        """Percent of words of three syllables or more."""
        return 100 * self.hard_words / self.words if self.words else 0.0


@dataclass(frozen=True)
class GuideReading:
    """One guide's reading figures, per chapter and overall."""

    slug: str
    chapters: tuple[Reading, ...]
    overall: Reading


class _LineIndex:
    """Finds the source line where a sentence starts, from its first words, searching forward
    from the paragraph's line (a sentence may start anywhere in a wrapped paragraph)."""

    def __init__(self, text: str) -> None:
        keys = [squash(line) for line in text.split("\n")]
        self.starts = [0]
        for key in keys:
            self.starts.append(self.starts[-1] + len(key))
        self.joined = "".join(keys)
        self.offset = 0

    def find(self, line: int, sentence: str) -> int:
        key = squash(" ".join(sentence.split()[:6]))[:48]
        begin = max(self.starts[min(max(line - 1, 0), len(self.starts) - 1)], self.offset)
        found = self.joined.find(key, begin) if key else -1
        if found < 0:
            return line
        self.offset = found + len(key)
        return bisect.bisect_right(self.starts, found)


def _paragraphs(blocks: tuple[m.Block, ...]) -> list[m.Paragraph]:
    return [b for b in m.walk(blocks) if isinstance(b, m.Paragraph)]


def measure_chapter(chapter: m.Chapter, source_text: str, language: str, display: str) -> Reading:
    """The reading level of one chapter; ``source_text`` is its Markdown, ``display`` how
    diagnostics name its file."""
    index = _LineIndex(source_text)
    title = chapter.title
    where = title.location if title else Location(display, 1)
    counts = [0, 0, 0, 0]  # sentences, words, syllables, hard words
    found: list[Sentence] = []
    for paragraph in _paragraphs(chapter.blocks):
        text = " ".join(m.plain_text(paragraph.inlines).split())
        for sentence in sentences_of(text):
            words = WORD.findall(sentence)
            if not words:
                continue
            counted = [syllables(w, language) for w in words]
            hard = sum(1 for c in counted if c >= 3)
            counts = [
                counts[0] + 1,
                counts[1] + len(words),
                counts[2] + sum(counted),
                counts[3] + hard,
            ]
            line = index.find(paragraph.location.line, sentence)
            if len(words) < HARD_SENTENCE_WORDS:
                continue
            ease = inflesz(len(words), 1, sum(counted)) if spanish(language) else None
            found.append(
                Sentence(
                    Location(where.path, line),
                    len(words),
                    grade(len(words), 1, sum(counted)),
                    sentence,
                    ease,
                )
            )
    hardest = sorted(found, key=lambda s: (-s.difficulty, s.location.line))[:HARDEST]
    return Reading(
        title.text if title else chapter.source,
        where,
        counts[0],
        counts[1],
        counts[2],
        counts[3],
        tuple(sorted(hardest, key=lambda s: s.location.line)),
        language,
    )


def measure_guide(document: m.Document, config: GuideConfig, language: str) -> GuideReading:
    """The reading level of every chapter, and of the guide as a whole."""
    chapters = []
    for chapter in document.chapters:
        try:
            text = (config.folder / chapter.source).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):  # reported by the sources stage
            text = ""
        chapters.append(
            measure_chapter(
                chapter, text.replace("\r\n", "\n"), language, f"{config.display}/{chapter.source}"
            )
        )
    every = [s for c in chapters for s in c.hardest]
    overall = Reading(
        config.title,
        Location(f"{config.display}/guide.toml", 1),
        sum(c.sentences for c in chapters),
        sum(c.words for c in chapters),
        sum(c.syllables for c in chapters),
        sum(c.hard_words for c in chapters),
        tuple(sorted(every, key=lambda s: -s.difficulty)[:HARDEST]),
        language,
    )
    return GuideReading(config.slug, tuple(chapters), overall)


def check_reading(
    reading: GuideReading, quality: Quality, strict: bool, diagnostics: Diagnostics
) -> None:
    """A warning (an error under ``--strict``) for each chapter above a ``[quality]`` limit,
    at the chapter's title, naming its hardest sentence. ``max_grade`` and ``max_smog`` are
    English formulas: a Spanish chapter is held to the other two limits."""
    report = diagnostics.error if strict else diagnostics.warning
    limits = (
        ("max_grade", "Flesch-Kincaid grade", quality.max_grade, "grade"),
        ("max_smog", "SMOG grade", quality.max_smog, "smog"),
        (
            "max_sentence_words",
            "words per sentence",
            quality.max_sentence_words,
            "words_per_sentence",
        ),
        (
            "max_hard_words",
            "percent of words of 3+ syllables",
            quality.max_hard_words,
            "hard_share",
        ),
    )
    for chapter in reading.chapters:
        for key, label, limit, attribute in limits:
            value = getattr(chapter, attribute)
            english_only = attribute in ("grade", "smog") and chapter.ease is not None
            if limit is None or value <= limit or english_only:
                continue
            hint = ""
            if chapter.hardest:
                worst = max(chapter.hardest, key=lambda s: s.difficulty)
                hint = f"; hardest sentence at {worst.location}"
            report(
                f"reading level: {label} is {value:.1f}, above [quality] {key} = {limit:g}{hint}",
                chapter.location,
            )
