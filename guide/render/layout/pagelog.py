"""The layout report: what each page of the chapters holds, recorded as flowables are drawn, and the
defects a book designer would mark: holes, stranded figures, scraps, widows, orphans. Takes the
drawn flowables (from the document template's ``afterFlowable``), with the frame's cursor after
each; hands on a :class:`LayoutReport`."""

# Reads the laid-out lines of paragraphs and figure captions; changes nothing.

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from reportlab.platypus import Paragraph, Table

from guide.render.adapter import is_split_head, list_item_content, table_cells
from guide.render.layout.floating import is_floating
from guide.render.layout.floats import FULL_PAGE, MIN_FIGURE_COMPANY, MIN_LAST_LINES
from guide.render.text.scraps import HYPHENS, SHORT_WORD
from guide.render.text.scraps import line_words as _lines

LINE = 17.0  # points: a table's or box's height counts as this many lines of text
SHORT_LINE_ROLES = ("Caption", "H1", "H2", "H3", "H4", "H5", "H6")
CELL_ROLES = ("TD", "TH")  # a table cell's narrow measure hyphenates as it must: no scrap


@dataclass(frozen=True)
class Defect:
    """One thing wrong with the layout of one page (``page`` is the PDF's page number,
    ``label`` the page's printed label: "3", "ii", "Cover")."""

    page: int
    kind: str  # "hole", "stranded", "scrap", "widow", "orphan"
    detail: str
    label: str = ""

    def __str__(self) -> str:
        return f"page {self.label or self.page}: {self.kind}: {self.detail}"


@dataclass(frozen=True)
class LayoutReport:
    """The defects of one guide's layout, in page order, and how full each chapter page is."""

    defects: tuple[Defect, ...] = ()
    fill: tuple[tuple[int, int, float], ...] = ()  # (page, chapter, share of the frame used)

    def lines(self) -> list[str]:
        """One line per defect found."""
        return [str(defect) for defect in self.defects]

    def labelled(self, label: Callable[[int], str]) -> LayoutReport:
        """The same report naming each page by ``label`` (the page's printed label)."""
        return replace(self, defects=tuple(replace(d, label=label(d.page)) for d in self.defects))


@dataclass
class _Page:
    chapter: int
    top: float
    height: float
    lowest: float
    lines: int = 0
    figures: int = 0
    cursor: float = 0.0  # where the last flowable drawn on this page ended
    floor: float = 0.0  # the frame's cursor after it: below its space after, where more could go


@dataclass
class PageLog:
    """Collects what each chapter page holds while the document is drawn."""

    pages: dict[int, _Page] = field(default_factory=dict)
    defects: list[Defect] = field(default_factory=list)
    seen: set[int] = field(default_factory=set)  # structure elements of drawn paragraphs

    def drawn(
        self,
        page: int,
        chapter: int | None,
        flowable: Any,
        bottom: float,
        top: float,
        height: float,
    ) -> None:
        """Record ``flowable``, drawn on ``page`` down to ``bottom`` (frame ``top``/height)."""
        if chapter is None:
            return
        state = self.pages.setdefault(page, _Page(chapter, top, height, top, cursor=top, floor=top))
        state.lowest = min(state.lowest, bottom)
        space = getattr(flowable, "getSpaceAfter", None)
        state.floor = min(state.floor, bottom - (float(space()) if space else 0.0))
        drawn_height, state.cursor = state.cursor - bottom, bottom
        if is_floating(flowable):
            state.figures += 1
            self._caption(page, flowable)
            return
        for para in _paragraphs(flowable):
            self._paragraph(page, state, para, flowable)
        if not isinstance(flowable, Paragraph) and not _paragraphs(flowable):
            state.lines += int(drawn_height // LINE)

    def _paragraph(self, page: int, state: _Page, para: Any, outer: Any) -> None:
        lines = _lines(para)
        state.lines += len(lines)
        struct = id(getattr(para, "_struct", None) or para)
        continued = struct in self.seen and getattr(para, "_struct", None) is not None
        self.seen.add(struct)
        more = is_split_head(para)
        words = lines[-1] if lines else []
        if para is outer and len(lines) == 1 and more:
            self.defects.append(Defect(page, "orphan", _quote(words)))
        if para is outer and len(lines) == 1 and continued and not more:
            self.defects.append(Defect(page, "widow", _quote(words)))
        if more or len(lines) < 2 or len(words) != 1:
            return
        role = str(getattr(para, "role", ""))
        if lines[-2] and lines[-2][-1].endswith(HYPHENS) and role not in CELL_ROLES:
            self.defects.append(
                Defect(page, "scrap", f"{_quote(lines[-2][-1:] + words)} ends a paragraph")
            )
        elif (role in SHORT_LINE_ROLES or para.style.name == "callout_title") and len(
            words[0]
        ) <= SHORT_WORD:
            self.defects.append(
                Defect(
                    page, "scrap", f"{_quote(words)} alone on the last line of a heading or caption"
                )
            )

    def _caption(self, page: int, figure: Any) -> None:
        lines = [line.split() for line in getattr(figure, "caption_lines", [])]
        caption = getattr(figure, "caption", None)
        if isinstance(caption, Paragraph):
            lines = _lines(caption)
        if len(lines) >= 2 and len(lines[-1]) == 1 and len(lines[-1][0]) <= SHORT_WORD:
            self.defects.append(
                Defect(page, "scrap", f"{_quote(lines[-1])} alone on the last line of a caption")
            )

    def report(self) -> LayoutReport:
        """The defects, with holes and stranded chapter ends worked out page by page."""
        defects = list(self.defects)
        fill = []
        by_chapter: dict[int, list[int]] = {}
        for number, page in sorted(self.pages.items()):
            by_chapter.setdefault(page.chapter, []).append(number)
            fill.append((number, page.chapter, (page.top - page.lowest) / page.height))
        share = {number: value for number, _, value in fill}
        for numbers in by_chapter.values():
            for number in numbers[:-1]:
                if share[number] < FULL_PAGE:
                    defects.append(
                        Defect(number, "hole", f"the text ends at {share[number]:.0%} of the page")
                    )
            last = self.pages[numbers[-1]]
            if len(numbers) > 1 and last.figures and not last.lines:
                defects.append(Defect(numbers[-1], "stranded", "a figure alone ends the chapter"))
            elif len(numbers) > 1 and not last.figures and last.lines < MIN_LAST_LINES:
                defects.append(
                    Defect(numbers[-1], "stranded", f"{last.lines} lines alone end the chapter")
                )
            elif (
                len(numbers) > 1
                and last.lines < MIN_FIGURE_COMPANY
                and _room(self.pages[numbers[-2]]) >= LINE
            ):
                defects.append(
                    Defect(
                        numbers[-1],
                        "stranded",
                        f"a figure and {last.lines} "
                        "lines end the chapter, with room on the page before",
                    )
                )
        defects.sort(key=lambda d: (d.page, d.kind, d.detail))
        return LayoutReport(tuple(defects), tuple(fill))


def _room(page: _Page) -> float:
    """The height left at the foot of ``page``'s frame for more lines: below the space after
    what was drawn last (the next line would come after that space)."""
    return page.floor - (page.top - page.height)


def _paragraphs(flowable: Any) -> list[Any]:
    """The paragraphs a drawn flowable shows directly (itself, or a list item's body)."""
    if isinstance(flowable, Paragraph):
        return [flowable]
    if isinstance(flowable, Table):  # a callout's box, a table: what its cells show
        found: list[Any] = []
        for cell in table_cells(flowable):
            for item in cell if isinstance(cell, (list, tuple)) else [cell]:
                found += item.paragraphs() if hasattr(item, "paragraphs") else _paragraphs(item)
        return found
    inner = list_item_content(flowable)  # a list item's
    if isinstance(inner, Paragraph):
        return [inner]
    if isinstance(inner, (list, tuple)):
        return [item for item in inner if isinstance(item, Paragraph)]
    return []


def _quote(words: list[str]) -> str:
    return '"' + " ".join(w.replace("\xad", "-") for w in words) + '"'
