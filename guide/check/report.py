"""The reading-level report of ``check --report``, as text, Markdown (for a CI job summary) or
JSON, and the one line per guide of the build summary. Takes :class:`GuideReading` values;
hands on strings. Prints nothing.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from guide.check.readability import GuideReading, Reading

METHOD = ("Flesch-Kincaid grade and SMOG; syllables counted offline with pyphen's hyphenation "
          "dictionaries and vowel groups (see guide/check/readability.py)")


def summary_line(reading: GuideReading) -> str:
    """``reading level discogenic-back-pain: grade 16.9 …``, for the build summary."""
    o = reading.overall
    hardest = max(reading.chapters, key=lambda c: c.grade, default=None)
    where = f"; hardest chapter {hardest.location.path.rsplit('/', 1)[-1]} " \
            f"(grade {hardest.grade:.1f})" if hardest else ""
    return (f"reading level {reading.slug}: grade {o.grade:.1f} (Flesch-Kincaid), SMOG "
            f"{o.smog:.1f}, {o.words_per_sentence:.1f} words a sentence, {o.hard_share:.0f}% "
            f"words of 3+ syllables{where}")


def _figures(r: Reading) -> str:
    return (f"grade {r.grade:.1f}, SMOG {r.smog:.1f}, {r.words_per_sentence:.1f} words/sentence, "
            f"{r.hard_share:.0f}% words of 3+ syllables")


def _excerpt(text: str, limit: int = 90) -> str:
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def as_text(readings: Sequence[GuideReading]) -> str:
    """The reading report as plain text."""
    lines = []
    for reading in readings:
        lines.append(f"{reading.slug}: {_figures(reading.overall)}")
        for chapter in reading.chapters:
            lines.append(f"  {chapter.location}: {chapter.title}")
            lines.append(f"    {_figures(chapter)}")
            for sentence in chapter.hardest:
                lines.append(f"    hard: {sentence.location} (grade {sentence.grade:.1f}) "
                             f"{_excerpt(sentence.text)}")
    lines.append(f"method: {METHOD}")
    return "\n".join(lines) + "\n"


def as_markdown(readings: Sequence[GuideReading]) -> str:
    """The reading report as a Markdown table."""
    out = ["# Reading level", ""]
    for reading in readings:
        out += [f"## {reading.slug}", "", f"Whole guide: {_figures(reading.overall)}.", "",
                "| Chapter | FK grade | SMOG | Words/sentence | 3+ syllables | Hardest sentences |",
                "|---|---:|---:|---:|---:|---|"]
        for c in reading.chapters:
            hardest = "<br>".join(f"`{s.location}`" for s in c.hardest)
            title = c.title.replace("|", "\\|")
            out.append(f"| {title} | {c.grade:.1f} | {c.smog:.1f} | "
                       f"{c.words_per_sentence:.1f} | {c.hard_share:.0f}% | {hardest} |")
        out.append("")
    out.append(f"Method: {METHOD}.")
    return "\n".join(out) + "\n"


def _reading_json(r: Reading) -> dict[str, object]:
    return {
        "title": r.title, "location": str(r.location), "sentences": r.sentences,
        "words": r.words, "syllables": r.syllables, "hard_words": r.hard_words,
        "flesch_kincaid_grade": round(r.grade, 2), "smog": round(r.smog, 2),
        "words_per_sentence": round(r.words_per_sentence, 2),
        "hard_words_percent": round(r.hard_share, 2),
        "hardest": [{"location": str(s.location), "grade": round(s.grade, 2), "words": s.words,
                     "text": s.text} for s in r.hardest],
    }


def as_json(readings: Sequence[GuideReading]) -> str:
    """The reading report as JSON."""
    data = {"method": METHOD, "guides": [
        {"slug": g.slug, "overall": _reading_json(g.overall),
         "chapters": [_reading_json(c) for c in g.chapters]} for g in readings]}
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def render_report(readings: Sequence[GuideReading], form: str) -> str:
    """The report in ``form``: "text", "md" or "json"."""
    if form == "json":
        return as_json(readings)
    if form == "md":
        return as_markdown(readings)
    return as_text(readings)
