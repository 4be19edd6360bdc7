"""Figures that float within their chapter, headings that keep their section's first lines, and
chapter ends that never strand a figure or a few lines on a page of their own. Takes the story (with
:class:`ChapterMark` around each chapter's blocks); hands on a document template that lays it out in
one pass, the way LaTeX places ``[tbp]`` floats: a figure that does not fit where it is anchored
first shrinks (to :attr:`Floating.min_scale` at most), else waits while the text after it moves up,
and goes to the top of the next page."""

# At the top of each page it looks ahead to the chapter's end; when the chapter would end on a
# page holding only figures or fewer than :data:`MIN_LAST_LINES` lines, it shrinks the figures (and
# if need be tightens the space between blocks to ``floating.SQUEEZE``) to keep the chapter on
# this page, or moves them up on this page and carries lines over. Between chapters, a
# :class:`ChapterBreak` starts a new page unless the chapter before was short. The
# structure tree is made before layout, so it keeps source order whatever page a figure lands on.

from __future__ import annotations

from typing import Any

from reportlab.platypus import (
    ActionFlowable,
    CondPageBreak,
    Flowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    Spacer,
)

from guide.render.adapter import (
    forget_postponed,
    frame_at_top,
    frame_cursor,
    frame_height,
    frame_room,
    frame_width,
    keep_together_content,
    keep_together_height,
    raise_frame_foot,
    restore_frame_foot,
)
from guide.render.layout.floating import (
    fitting_scale,
    is_floating,
    is_heading,
    squeeze_to_fit,
    text_overflow,
)
from guide.render.layout.safety import LocatingDocTemplate

MIN_LAST_LINES = 5  # a chapter's last page holds at least this many lines of text
MIN_FIGURE_COMPANY = 3  # ... or a figure and at least this many
FULL_PAGE = 0.78  # a chapter page other than its last ends at least this low in its frame
BODY_LINE = 17.0  # points; replaced by the brand's leading (see FloatingDocTemplate.line)
LOOKAHEAD_PAGES = 2  # the chapter-end plan looks this many frames ahead, no further
RUN_IN_SHARE = 0.5  # a chapter shorter than this share of a page lets the next one follow it
RUN_IN_LINES = 2.0  # lines of space before a chapter that follows on the same page


class ChapterMark(Flowable):  # type: ignore[misc]
    """Zero-size marker at a chapter's start (``end`` False) or end; never drawn."""

    def __init__(self, number: int, end: bool) -> None:
        super().__init__()
        self.number, self.end = number, end
        self.width = self.height = 0


class ChapterBreak(Flowable):  # type: ignore[misc]
    """Between two chapters: a new page, unless the chapter before began on this page and
    took less than :data:`RUN_IN_SHARE` of it; then the next chapter follows after a larger
    space (its heading still keeps two lines under it, or moves to the next page)."""

    def __init__(self) -> None:
        super().__init__()
        self.width = self.height = 0


class HeadingKeep(KeepTogether):  # type: ignore[misc]
    """reportlab's keep-with-next group (a heading and what follows) that moves to the next
    page only when the heading and two lines of its section do not fit; reportlab's own moves
    the whole group whenever all of it does not, leaving a hole as tall as the next block."""

    def split(self, aW: float, aH: float) -> list[Any]:
        """Give up the group (lay out its parts) when the heading and two lines fit."""
        content = keep_together_content(self)
        if len(content) > 1 and _lead_in(content, aW, aH) <= aH:
            return content
        return list(super().split(aW, aH))


def _lead_in(content: list[Any], aW: float, aH: float) -> float:
    """Height of all but the last flowable of a group plus the least of the last that may
    begin a page: two lines of a paragraph (all of it up to three lines: no widow)."""
    total = 0.0
    for index, flowable in enumerate(content):
        _, h = flowable.wrap(aW, aH)
        space = flowable.getSpaceBefore() if index else 0.0
        if index + 1 < len(content):
            total += space + h + flowable.getSpaceAfter()
            continue
        if isinstance(flowable, Paragraph):
            lines = len(flowable.blPara.lines) if hasattr(flowable, "blPara") else 1
            leading = flowable.style.leading
            total += space + (h if lines <= 3 else 2 * leading)
        elif is_floating(flowable):
            total += 0.0  # a figure floats: it does not need to come right here
        else:
            total += space + min(h, 3 * BODY_LINE)
    return total


class FloatingDocTemplate(LocatingDocTemplate):
    """A document template that places :class:`Floating` figures within their chapter."""

    keepTogetherClass = HeadingKeep

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("keepTogetherClass", HeadingKeep)  # reportlab's own default wins else
        super().__init__(*args, **kwargs)
        self.chapter: int | None = None
        self.pending: list[Any] = []  # figures waiting for the top of the next page
        self.planned_page = -1
        self.line = BODY_LINE
        self.chapter_pages: dict[int, list[int]] = {}  # chapter → its pages, in order
        self.chapter_top = (0, 0.0)  # the page and height where the last chapter began

    # --- reportlab's hooks ---------------------------------------------------------------

    def handle_frameBegin(self, resume: int = 0, pageTopFlowables: Any = None) -> None:
        """Start a frame at its own foot (undo any raised foot), as reportlab does."""
        restore_frame_foot(self.frame)
        super().handle_frameBegin(resume, pageTopFlowables)

    def handle_flowable(self, flowables: list[Any]) -> None:
        """Lay out the next flowable, letting figures wait and chapter ends close well."""
        first = flowables[0]
        if getattr(self, "frame", None) is None or isinstance(first, ActionFlowable):
            super().handle_flowable(flowables)
            return
        if isinstance(first, ChapterMark):
            self._chapter_mark(flowables)
            return
        if isinstance(first, ChapterBreak):
            page, top = self.chapter_top
            used = (top - frame_cursor(self.frame)) / frame_height(self.frame)
            run_in = page == self.page and 0 < used < RUN_IN_SHARE
            flowables[0] = Spacer(0, RUN_IN_LINES * self.line) if run_in else PageBreak()
        if self.chapter is not None and frame_at_top(self.frame) and self.planned_page != self.page:
            self.planned_page = self.page
            pages = self.chapter_pages.setdefault(self.chapter, [])
            if self.page not in pages:
                pages.append(self.page)
            for figure in self.pending:
                figure.placed = True
            flowables[0:0] = self.pending
            self.pending = []
            self._plan_chapter_end(flowables)
            first = flowables[0]
            if is_floating(first):  # what waited for this page may wait once more, after it
                for flowable in flowables[1:8]:
                    forget_postponed(flowable)
        if (
            self.chapter is not None
            and is_floating(first)
            and not first.placed
            and self._defer(first, flowables)
        ):
            del flowables[0]
            return
        if is_floating(first) and not frame_at_top(self.frame):
            forget_postponed(first)  # floated figures took the page's top: next page again
        super().handle_flowable(flowables)

    # --- chapters ------------------------------------------------------------------------

    def _chapter_mark(self, flowables: list[Any]) -> None:
        mark = flowables[0]
        if not mark.end:
            del flowables[0]
            self.chapter = mark.number
            self.chapter_pages[mark.number] = []
            self.chapter_top = (self.page, frame_cursor(self.frame))
            return
        if self.pending:  # nothing left to move up: the figures come now, in order
            for figure in self.pending:
                figure.placed = True
            flowables[0:0] = self.pending
            self.pending = []
            return
        del flowables[0]
        self.chapter = None

    # --- one figure where it is anchored ---------------------------------------------------

    def _defer(self, figure: Any, flowables: list[Any]) -> bool:
        """Shrink ``figure`` to fit here, or tell whether it should wait for the next page
        (only when text follows it in its chapter, to move up in its place)."""
        frame = self.frame
        width, full = frame_width(frame), frame_height(frame)
        room = frame_room(frame) - (0.0 if frame_at_top(frame) else figure.getSpaceBefore())
        if not self.pending:
            scale = fitting_scale(figure, width, full, room)
            if scale is not None:
                figure.shrink = scale
                return False
        if not _text_follows(flowables[1:]):
            return False
        self.pending.append(figure)
        return True

    # --- the chapter's end -----------------------------------------------------------------

    def _plan_chapter_end(self, flowables: list[Any]) -> None:
        """At the top of a page: when the chapter would end on the next page with only figures
        or under :data:`MIN_LAST_LINES` lines, keep it here or carry lines over."""
        frame = self.frame
        width, full = frame_width(frame), frame_height(frame)
        heights: list[float] = []
        for flowable in flowables:
            if isinstance(flowable, (ChapterMark, PageBreak)):
                break
            heights.append(self._measure(flowable, width, full, first=not heights))
            if sum(heights) > LOOKAHEAD_PAGES * full:
                return
        rest = flowables[: len(heights)]
        total = sum(heights)
        if total <= full:
            return
        overflow_text, waiting, end = text_overflow(rest, heights, full)
        if overflow_text >= MIN_LAST_LINES * self.line:
            return
        figures = [f for f in rest if is_floating(f)]
        saving = sum(
            f.height_at(width, full, 1.0) - f.height_at(width, full, f.min_scale) for f in figures
        )
        if figures and total - saving <= full - self.line * 0.5:
            needed = (total - full + self.line * 0.5) / saving if saving else 1.0
            for figure in figures:
                figure.shrink = 1.0 - (1.0 - figure.min_scale) * min(1.0, needed)
                figure.placed = True
            return
        if squeeze_to_fit(rest, figures, total, saving, full, width):
            return
        if not waiting:
            last = rest[-1] if len(rest) < len(flowables) else None
            if isinstance(last, Flowable) and total - last.getSpaceAfter() <= full:
                return  # all of it fits here: the chapter's last space needs no room
            carry = MIN_LAST_LINES * self.line - overflow_text
        elif self._move_up(flowables, heights, waiting, full):
            carry = MIN_LAST_LINES * self.line - (total - full)
        else:  # the figures end the chapter on the next page: a few lines go with them,
            # unless that would leave a hole here (then the report names the page)
            carry = MIN_FIGURE_COMPANY * self.line - overflow_text + (full - end)
            if full - carry - self.line < FULL_PAGE * full:
                return
        if carry > 0:
            raise_frame_foot(frame, carry + self.line * 0.5)

    def _move_up(
        self, flowables: list[Any], heights: list[float], waiting: list[int], full: float
    ) -> bool:
        """Move the figures at ``waiting`` up to the earliest place on this page within their
        section (the page's top, or after the first block under the section's heading, or
        right under it), never above a figure before them, if all of them fit there. Else the
        first ones move when none of them could stay where it is anchored, even shrunk (those
        after wait for the next page); tell whether any moved."""
        order, sizes = list(flowables[: len(heights)]), list(heights)
        width = frame_width(self.frame)
        moving = [flowables[index] for index in waiting]
        shrinks = [figure.shrink for figure in moving]
        moved, all_needed = 0, True
        for figure in moving:
            at = order.index(figure)
            space = sizes[at] - figure.height_at(width, full, figure.shrink)
            least = space + figure.height_at(width, full, figure.min_scale)
            # it cannot stay where it is anchored (at the page's foot, its space after is no need)
            needed = sum(sizes[:at]) + least - figure.getSpaceAfter() > full
            # figures keep their order: none goes above one that comes before it
            floor = next((b + 1 for b in range(at - 1, -1, -1) if is_floating(order[b])), 0)
            start = floor
            for back in range(at - 1, -1, -1):
                if is_heading(order[back]):
                    start = max(floor, back + 2)
                    if start >= at or sum(sizes[:start]) + sizes[at] > full:
                        start = max(floor, back + 1)  # else right under the heading
                    break
            if start < at and sum(sizes[:start]) + sizes[at] > full:
                room = full - sum(sizes[:start]) - space - 2.0
                scale = fitting_scale(figure, width, full, room)
                if scale is not None:  # a figure shrinks to come up within its section
                    figure.shrink = scale
                    sizes[at] = space + figure.height_at(width, full, scale)
            if start >= at or sum(sizes[:start]) + sizes[at] > full:
                break  # already as early as its section allows, or no room there
            order.insert(start, order.pop(at))
            sizes.insert(start, sizes.pop(at))
            moved, all_needed = moved + 1, all_needed and needed
        if moved < len(moving) and not all_needed:
            moved = 0
        for figure, shrink in zip(moving[moved:], shrinks[moved:], strict=True):
            figure.shrink = shrink  # what does not move keeps its size
        if not moved:
            return False
        flowables[: len(order)] = order
        for figure in moving[:moved]:
            figure.placed = True
        return True

    def _measure(self, flowable: Any, width: float, full: float, first: bool) -> float:
        """The height ``flowable`` takes in a frame, with the space around it."""
        if isinstance(flowable, CondPageBreak) or not isinstance(flowable, Flowable):
            return 0.0
        if is_floating(flowable):
            height = float(flowable.height_at(width, full, flowable.shrink))
        else:
            flowable.canv = self.canv
            try:
                _, height = flowable.wrap(width, full)
                if isinstance(flowable, KeepTogether):
                    height = keep_together_height(flowable)
            finally:
                del flowable.canv
        space = 0.0 if first else float(flowable.getSpaceBefore())
        return space + float(height) + float(flowable.getSpaceAfter())


def _text_follows(flowables: list[Any]) -> bool:
    """Whether text that could move up follows, before the chapter or page ends."""
    for flowable in flowables:
        if isinstance(flowable, (ChapterMark, PageBreak)):
            return False
        if not is_floating(flowable) and getattr(flowable, "role", None) not in (None, "Artifact"):
            return True
        if isinstance(flowable, KeepTogether):
            return True
    return False
