"""The reading-level report of ``check --report``, as text, Markdown (for a CI job summary) or
JSON, and the one line per guide of the build summary. Takes :class:`GuideReading` values;
hands on strings. Prints nothing.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from guide.check.readability import GuideReading, Reading, inflesz_band

METHOD = (
    "Flesch-Kincaid grade and SMOG for English, Szigriszt-Pazos perspicuity on the INFLESZ "
    "scale for Spanish; syllables counted offline with pyphen's hyphenation dictionaries "
    "and vowel groups (see guide/check/readability.py)"
)


def _level(r: Reading, long: bool = False) -> str:
    """``grade 16.9`` (with ``long``: ``(Flesch-Kincaid), SMOG 17.5``) or, for Spanish,
    ``INFLESZ 48.2 (somewhat hard)`` (with ``long``: ``(Szigriszt-Pazos, somewhat hard)``)."""
    ease = r.ease
    if ease is not None:
        return f"INFLESZ {ease:.1f} ({'Szigriszt-Pazos, ' * long}{inflesz_band(ease)})"
    return f"grade {r.grade:.1f}{' (Flesch-Kincaid)' * long}, SMOG {r.smog:.1f}"


def summary_line(reading: GuideReading) -> str:
    """``reading level discogenic-back-pain: grade 16.9 …``, for the build summary."""
    o = reading.overall
    hardest = max(reading.chapters, key=lambda c: c.difficulty, default=None)
    where = ""
    if hardest:
        level = _level(hardest).split(",")[0].split(" (")[0]
        where = f"; hardest chapter {hardest.location.path.rsplit('/', 1)[-1]} ({level})"
    return (
        f"reading level {reading.slug}: {_level(o, long=True)}, "
        f"{o.words_per_sentence:.1f} words a sentence, {o.hard_share:.0f}% "
        f"words of 3+ syllables{where}"
    )


def _figures(r: Reading) -> str:
    return (
        f"{_level(r)}, {r.words_per_sentence:.1f} words/sentence, "
        f"{r.hard_share:.0f}% words of 3+ syllables"
    )


def _excerpt(text: str, limit: int = 90) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def as_text(readings: Sequence[GuideReading]) -> str:
    """The reading report as plain text."""
    lines = []
    for reading in readings:
        lines.append(f"{reading.slug}: {_figures(reading.overall)}")
        for chapter in reading.chapters:
            lines.append(f"  {chapter.location}: {chapter.title}")
            lines.append(f"    {_figures(chapter)}")
            for sentence in chapter.hardest:
                lines.append(
                    f"    hard: {sentence.location} ({sentence.score}) {_excerpt(sentence.text)}"
                )
    lines.append(f"method: {METHOD}")
    return "\n".join(lines) + "\n"


def as_markdown(readings: Sequence[GuideReading]) -> str:
    """The reading report as a Markdown table."""
    out = ["# Reading level", ""]
    for reading in readings:
        level = "INFLESZ | Band" if reading.overall.ease is not None else "FK grade | SMOG"
        out += [
            f"## {reading.slug}",
            "",
            f"Whole guide: {_figures(reading.overall)}.",
            "",
            f"| Chapter | {level} | Words/sentence | 3+ syllables | Hardest sentences |",
            "|---|---:|---:|---:|---:|---|",
        ]
        for c in reading.chapters:
            hardest = "<br>".join(f"`{s.location}`" for s in c.hardest)
            title = c.title.replace("|", "\\|")
            ease = c.ease
            figures = (
                f"{c.grade:.1f} | {c.smog:.1f}"
                if ease is None
                else f"{ease:.1f} | {inflesz_band(ease)}"
            )
            out.append(
                f"| {title} | {figures} | "
                f"{c.words_per_sentence:.1f} | {c.hard_share:.0f}% | {hardest} |"
            )
        out.append("")
    out.append(f"Method: {METHOD}.")
    return "\n".join(out) + "\n"


def _reading_json(r: Reading) -> dict[str, object]:
    ease = r.ease
    level: dict[str, object] = (
        {"flesch_kincaid_grade": round(r.grade, 2), "smog": round(r.smog, 2)}
        if ease is None
        else {"inflesz": round(ease, 2), "inflesz_band": inflesz_band(ease)}
    )
    return {
        "title": r.title,
        "location": str(r.location),
        "sentences": r.sentences,
        "words": r.words,
        "syllables": r.syllables,
        "hard_words": r.hard_words,
        **level,
        "words_per_sentence": round(r.words_per_sentence, 2),
        "hard_words_percent": round(r.hard_share, 2),
        "hardest": [
            {
                "location": str(s.location),
                "words": s.words,
                "text": s.text,
                **(
                    {"grade": round(s.grade, 2)}
                    if s.ease is None
                    else {"inflesz": round(s.ease, 2)}
                ),
            }
            for s in r.hardest
        ],
    }


def as_json(readings: Sequence[GuideReading]) -> str:
    """The reading report as JSON."""
    data = {
        "method": METHOD,
        "guides": [
            {
                "slug": g.slug,
                "overall": _reading_json(g.overall),
                "chapters": [_reading_json(c) for c in g.chapters],
            }
            for g in readings
        ],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def render_report(readings: Sequence[GuideReading], form: str) -> str:
    """The report in ``form``: "text", "md" or "json"."""
    if form == "json":
        return as_json(readings)
    if form == "md":
        return as_markdown(readings)
    return as_text(readings)
