"""Lay a :class:`DiagramSpec` out as geometry: the entry point that picks the kind's layout. Takes a
spec, the available width, a ``measure(text, font, size)`` callable and the :class:`Typography`;
hands on a :class:`Layout` (points, origin bottom-left) no wider than the width."""

# Boxes grow in height for long text; text is never set below 9 pt. Pure: no reportlab.
# Frames narrower than NARROW_FRAME (a phone's) get the top-to-bottom layouts of
# guide.diagrams.narrow.

from __future__ import annotations

from dataclasses import replace

from guide.diagrams.callouts import layout_anatomy
from guide.diagrams.chain import layout_cycle, layout_flow
from guide.diagrams.geometry import MIN_SIZE, Layout, Measure, Typography
from guide.diagrams.grid import layout_compare
from guide.diagrams.narrow import (
    NARROW_FRAME,
    anatomy_fits_beside,
    layout_anatomy_key,
    layout_compare_cards,
    layout_cycle_down,
    layout_flow_down,
)
from guide.diagrams.spec import AnatomyLabel, Compare, Cycle, DiagramSpec, Flow

__all__ = ["Layout", "Typography", "layout"]


def layout(spec: DiagramSpec, width: float, measure: Measure, typo: Typography) -> Layout:
    """The geometry of ``spec`` inside ``width`` points."""
    if typo.size < MIN_SIZE:
        typo = replace(typo, size=MIN_SIZE)
    body = spec.body
    if width < NARROW_FRAME:
        result = _narrow(body, width, measure, typo)
    elif isinstance(body, Cycle):
        result = layout_cycle(body, width, measure, typo)
    elif isinstance(body, Flow):
        result = layout_flow(body, width, measure, typo)
    elif isinstance(body, Compare):
        result = layout_compare(body, width, measure, typo)
    else:
        assert isinstance(body, AnatomyLabel)
        result = layout_anatomy(body, width, measure, typo)
    return _recolor(result, spec.color) if spec.color != "accent" else result


def _narrow(
    body: Cycle | Flow | Compare | AnatomyLabel, width: float, measure: Measure, typo: Typography
) -> Layout:
    """The phone's layouts (see guide.diagrams.narrow): everything runs down the page."""
    if isinstance(body, Cycle):
        return layout_cycle_down(body, width, measure, typo)
    if isinstance(body, Flow):
        return layout_flow_down(body, width, measure, typo)
    if isinstance(body, Compare):
        return layout_compare_cards(body, width, measure, typo)
    if anatomy_fits_beside(body, width, measure, typo):
        return layout_anatomy(body, width, measure, typo)
    return layout_anatomy_key(body, width, measure, typo)


def _recolor(result: Layout, color: str) -> Layout:
    boxes = tuple(replace(b, stroke=color) if b.stroke == "accent" else b for b in result.boxes)
    panels = tuple(replace(b, stroke=color) if b.stroke == "accent" else b for b in result.panels)
    arrows = tuple(replace(a, color=color) for a in result.arrows)
    leaders = tuple(replace(a, color=color) for a in result.leaders)
    return replace(result, boxes=boxes, arrows=arrows, leaders=leaders, panels=panels)
