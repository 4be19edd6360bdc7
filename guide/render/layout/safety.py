"""Keep reportlab's failure modes away from the user: slow hyphenation, layout errors. Hands on a
bounded hyphenator, :class:`BlockProblem`, and a document template that names the Markdown block
being laid out when layout fails."""

# A page too small for a block, or a bug of ours (guide.errors.InternalError), names the block's
# file and line instead of a traceback.

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import cache
from typing import Any

from reportlab.platypus import BaseDocTemplate

from guide import model as m
from guide.errors import InternalError, Location

# pyphen gives every break point of a word, and reportlab measures the text before each one on
# every line it tries: a 5,000-letter "word" took a minute in a table cell. No real word is
# this long; longer runs (pasted hashes, URLs without slashes) are split by letters instead.
MAX_HYPHENATED_WORD = 40

Hyphenator = Callable[[str], Iterator[tuple[str, str]]]


class BlockProblem(Exception):
    """A block the renderer refuses to draw, with the Markdown location to report."""

    def __init__(self, message: str, location: Location | None) -> None:
        super().__init__(message)
        self.message = message
        self.location = location


@cache
def bounded_hyphenator(language: str) -> Hyphenator | str:
    """A reportlab ``hyphenationLang`` value: pyphen for ``language`` that leaves words longer
    than :data:`MAX_HYPHENATED_WORD` alone; "" when hyphenation is off or unavailable."""
    if not language:
        return ""
    try:
        import pyphen
    except ImportError:  # reportlab hyphenates only with pyphen installed
        return ""
    dictionary = pyphen.language_fallback(language)  # es_US → es
    if dictionary is None:
        return ""
    iterate = pyphen.Pyphen(lang=dictionary).iterate

    def hyphenate(word: str) -> Iterator[tuple[str, str]]:
        if len(word) > MAX_HYPHENATED_WORD:
            return iter(())
        return iter(iterate(word))

    return hyphenate


class LocatingDocTemplate(BaseDocTemplate):  # type: ignore[misc]
    """Remembers the Markdown location of the flowable being laid out.

    The block renderer stamps each top-level flowable with ``guide_location``; pieces that
    reportlab splits off keep the location of the block they came from (the last one seen),
    and part marks (``guide_location = None``) end it.
    """

    guide_location: Location | None = None

    def handle_flowable(self, flowables: list[Any]) -> None:
        """Lay out the next flowable, remembering its source location for errors."""
        from reportlab.platypus.doctemplate import LayoutError

        if flowables and hasattr(flowables[0], "guide_location"):
            self.guide_location = flowables[0].guide_location
        try:
            super().handle_flowable(flowables)
        except (BlockProblem, InternalError):
            raise
        except LayoutError as exc:  # content that cannot fit a page: the author's to change
            raise BlockProblem(describe_failure(exc), self.guide_location) from exc
        except RecursionError as exc:
            raise BlockProblem(
                "this block is nested too deeply to lay out", self.guide_location
            ) from exc
        except Exception as exc:  # check should have refused it: a bug of ours, at this block
            raise InternalError(exc, self.guide_location) from exc


def stamp(flowables: list[Any], location: Location | None) -> list[Any]:
    """Record ``location`` on each flowable (see :class:`LocatingDocTemplate`)."""
    for flowable in flowables:
        flowable.guide_location = location
    return flowables


def describe_failure(exc: Exception) -> str:
    """One line for the author from reportlab's LayoutError (never its own words)."""
    if "too large" in str(exc):
        return "this block is too large to fit on a page (shorten it or split it up)"
    return "this block cannot be split across pages (shorten it or split it up)"


# reportlab re-breaks the whole rest of a paragraph on every page it fills (and pops words
# from the front of a list): a 50,000-word paragraph took 20 seconds. Longer paragraphs are
# set as consecutive paragraphs of at most this many words, with no space between them.
MAX_PARAGRAPH_WORDS = 1500


def chunk_inlines(
    inlines: tuple[m.Inline, ...], max_words: int = MAX_PARAGRAPH_WORDS
) -> list[tuple[m.Inline, ...]]:
    """Split a paragraph's inlines at spaces of its top-level text into pieces of at most
    about ``max_words`` words (formatted spans are never cut)."""
    pieces: list[list[m.Inline]] = [[]]
    count = 0
    for item in inlines:
        if not isinstance(item, m.Text):
            pieces[-1].append(item)
            count += len(m.plain_text((item,)).split())
            continue
        words = item.text.split(" ")
        start = 0
        for index, word in enumerate(words):
            if word:
                count += 1
            if count >= max_words and index + 1 < len(words):
                pieces[-1].append(m.Text(" ".join(words[start : index + 1])))
                pieces.append([])
                start, count = index + 1, 0
        pieces[-1].append(m.Text(" ".join(words[start:])))
    return [tuple(piece) for piece in pieces if piece]
