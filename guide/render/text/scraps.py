"""No scraps: a paragraph never ends with a line holding only the tail of a hyphenated word, and a
heading, caption or callout title never ends with one short word alone on its line. Takes paragraph
markup (reportlab's mini-language, already escaped) or laid-out lines; hands on
:class:`BodyParagraph` (a Paragraph that re-breaks itself when its last line is such a tail, and
remembers its line breaking for a width so that looking ahead costs nothing), and
:func:`bind_last_word` (a no-break space before a short last word)."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from reportlab.platypus import Paragraph

SHORT_WORD = 7  # letters: a last word this short goes down with the word before it
NARROWER = (6.0, 12.0, 18.0, 24.0, 36.0)  # points: narrower measures tried against a scrap
BALANCE = (0.95, 0.9, 0.85, 0.8, 0.75, 0.7, 0.65)  # shares of the measure tried for a heading
HYPHENS = ("-", "\xad")


def bind_last_word(markup: str, short: int = SHORT_WORD) -> str:
    """Join a short last word to the word before it with a no-break space (outside tags)."""
    inside = False
    for index in range(len(markup) - 1, -1, -1):
        char = markup[index]
        if char == ">":
            inside = True
        elif char == "<":
            inside = False
        elif char == " " and not inside:
            tail = _visible(markup[index + 1 :])
            head = _visible(markup[:index]).strip()
            if tail and len(tail) <= short and head:
                return markup[:index] + "&nbsp;" + markup[index + 1 :]
            return markup
    return markup


def _visible(markup: str) -> str:
    out, inside = [], False
    for char in markup:
        if char == "<":
            inside = True
        elif char == ">":
            inside = False
        elif not inside:
            out.append(char)
    return "".join(out)


def line_words(para: Paragraph) -> list[list[str]]:
    """The words of each laid-out line of a wrapped paragraph."""
    bl = getattr(para, "blPara", None)
    if bl is None:
        return []
    if bl.kind == 0:
        return [[str(w).strip() for w in words if str(w).strip()] for _, words in bl.lines]
    return ["".join(getattr(frag, "text", "") for frag in line.words).split() for line in bl.lines]


def ends_with_tail(para: Paragraph) -> bool:
    """Whether the last line holds only the tail of a word hyphenated on the line before."""
    lines = line_words(para)
    return (
        len(lines) >= 2
        and len(lines[-1]) == 1
        and bool(lines[-2])
        and lines[-2][-1].endswith(HYPHENS)
    )


def has_lone_word(para: Paragraph, short: int = SHORT_WORD) -> bool:
    """Whether a paragraph of several lines has a line holding one short word alone."""
    lines = line_words(para)
    return len(lines) >= 2 and any(len(line) == 1 and len(line[0]) <= short for line in lines)


def _break_narrower(
    para: Paragraph,
    wrap: Callable[[float, float], Any],
    widths: list[float],
    bad: Callable[[Paragraph], bool],
    height: float,
) -> None:
    """Break ``para``'s lines at the first of ``widths`` where ``bad`` no longer holds, or at its
    own width if none; its width stays its own (the lines are only set narrower)."""
    width = para.width
    for narrower in widths:
        wrap(narrower, height)
        if not bad(para):
            break
    else:
        wrap(width, height)
    para.width = width


class BodyParagraph(Paragraph):  # type: ignore[misc]
    """A paragraph that avoids ending with a hyphenated word's tail alone on its last line
    (it breaks its lines a little narrower instead) and keeps its line breaking per width."""

    _wrapped_for: float | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        """Break the lines (narrower if the last would hold only a word's tail), once per width."""
        if self._wrapped_for == availWidth and "blPara" in self.__dict__:
            return availWidth, self.height
        # reportlab's line breaking edits the fragments of a word it breaks at its own hyphen
        # ("disc-driven" comes back "discdriven"): each fresh break starts from the words as
        # they were made.
        frags: list[Any] = self.__dict__["frags"]
        if "_words" not in self.__dict__:
            self._words = copy.deepcopy(frags)
        elif self.__dict__.get("_was_split"):
            self.frags = copy.deepcopy(self._words)
        super().wrap(availWidth, availHeight)
        if ends_with_tail(self):
            widths = [availWidth - cut for cut in NARROWER]
            _break_narrower(self, super().wrap, widths, ends_with_tail, availHeight)
        self._wrapped_for = availWidth
        return availWidth, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Any]:
        """Split as reportlab does; the pieces break their lines again."""
        self._wrapped_for = None  # reportlab re-breaks (or drops) the lines it splits
        self._was_split = True
        pieces: list[Any] = super().split(availWidth, availHeight)
        if len(pieces) > 1 and "blPara" in pieces[0].__dict__ and "blPara" in self.__dict__:
            # The first piece keeps the lines reportlab cut from this paragraph (reportlab's
            # own hand-over marks them as fragment lines whatever their kind, and breaks them
            # again): broken again from its fragments, a piece can lose a real hyphen it broke
            # at ("disc-driven" comes back "discdriven") and come out a line taller.
            head = pieces[0]
            lines = copy.copy(self.blPara)
            lines.lines = self.blPara.lines[: len(head.blPara.lines)]
            head.blPara, head._wrapped_for = lines, availWidth
        # The first piece is broken again on its own and may come out a line taller than the
        # room it was cut for (reportlab then stops with a splitting error): it is cut a line
        # shorter, or (with under two lines of room left) goes to the next page whole.
        if len(pieces) > 1 and pieces[0].wrap(availWidth, availHeight)[1] > availHeight + 0.01:
            shorter = availHeight - self.style.leading
            if shorter < 2 * self.style.leading:
                return []
            self.wrap(availWidth, availHeight)
            return self.split(availWidth, shorter)
        return pieces


class BalancedParagraph(BodyParagraph):
    """A heading or title whose lines never leave a short word alone on a line (greedy breaking
    gives "Triggers / an / Inflammatory Cascade" on a narrow page): it breaks its lines at a
    narrower measure instead, when that takes no more lines."""

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        """Break the lines; narrower if a line would hold one short word alone."""
        if self._wrapped_for == availWidth and "blPara" in self.__dict__:
            return availWidth, self.height
        super().wrap(availWidth, availHeight)
        if has_lone_word(self):
            lines = len(line_words(self))

            def worse(para: Paragraph) -> bool:
                return has_lone_word(para) or len(line_words(para)) > lines

            widths = [availWidth * share for share in BALANCE]
            _break_narrower(self, super().wrap, widths, worse, availHeight)
            self._wrapped_for = availWidth
        return availWidth, self.height
