"""Back-matter sections (key terms, disclaimer, revision history) that follow on the page before
when the whole section fits there, rather than each taking a page of its own."""

from __future__ import annotations

from typing import Any

from reportlab.platypus import CondPageBreak, Flowable, KeepTogether

from guide.render.adapter import keep_together_content

HUGE = 0xFFFFFFF  # the height lent to each flowable to measure it whole
MIN_START = 0.3  # share of a page a long section needs left to begin on it


def _flat(flowables: list[Any]) -> list[Any]:
    out: list[Any] = []
    for flowable in flowables:
        if isinstance(flowable, KeepTogether):
            out += _flat(keep_together_content(flowable))
        else:
            out.append(flowable)
    return out


def section_height(section: list[Flowable], canv: Any, width: float) -> float:
    """The height ``section``'s flowables take one under the other at ``width``, as a frame
    adds them: each one's space before and after counted (frames do not merge them), the first's
    space before and the last's space after left out, conditional page breaks taking none."""
    total, after = 0.0, 0.0
    for index, flowable in enumerate(_flat(section)):
        _, h = flowable.wrapOn(canv, width, HUGE)
        if isinstance(flowable, CondPageBreak):
            continue
        total += after + (flowable.getSpaceBefore() if index else 0.0) + h
        after = flowable.getSpaceAfter()
    return total


class RunOnBreak(CondPageBreak):  # type: ignore[misc]
    """Before a back-matter section: a new page, unless the section follows here after ``gap``
    points. It follows when all of it fits in what is left of this page; a section longer than a
    whole page (``page`` points) follows when :data:`MIN_START` of a page is left, since it would
    break across pages anyway (its heading still keeps two lines under it)."""

    def __init__(self, section: list[Flowable], gap: float, page: float) -> None:
        super().__init__(0.0)
        self.section, self.gap, self.page = section, gap, page

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        """Take ``gap`` when the section follows here; else end the frame (reportlab's way)."""
        need = section_height(self.section, self.canv, availWidth)
        if need > self.page:
            need = MIN_START * self.page
        self.height = self.gap + need
        if availHeight < self.height:
            return tuple(super().wrap(availWidth, availHeight))
        return availWidth, self.gap

    def draw(self) -> None:
        """Nothing to draw: white space."""

    def __repr__(self) -> str:
        return f"RunOnBreak({len(self.section)} flowables)"


def run_on(section: list[Flowable], gap: float, page: float) -> list[Any]:
    """``section`` preceded by its :class:`RunOnBreak`."""
    return [RunOnBreak(section, gap, page), *section]
