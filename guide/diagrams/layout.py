"""Lay a :class:`DiagramSpec` out as geometry: the entry point that picks the kind's layout. Takes a
spec, the available width, a ``measure(text, font, size)`` callable and the :class:`Typography`;
hands on a :class:`Layout` (points, origin bottom-left) no wider than the width."""

# Boxes grow in height for long text; text is never set below 9 pt. Pure: no reportlab.

from __future__ import annotations

from dataclasses import replace

from guide.diagrams.callouts import layout_anatomy
from guide.diagrams.chain import layout_cycle, layout_flow
from guide.diagrams.geometry import MIN_SIZE, Layout, Measure, Typography
from guide.diagrams.grid import layout_compare
from guide.diagrams.spec import AnatomyLabel, Compare, Cycle, DiagramSpec, Flow

__all__ = ["Layout", "Typography", "layout"]


def layout(spec: DiagramSpec, width: float, measure: Measure, typo: Typography) -> Layout:
    """The geometry of ``spec`` inside ``width`` points."""
    if typo.size < MIN_SIZE:
        typo = replace(typo, size=MIN_SIZE)
    body = spec.body
    if isinstance(body, Cycle):
        result = layout_cycle(body, width, measure, typo)
    elif isinstance(body, Flow):
        result = layout_flow(body, width, measure, typo)
    elif isinstance(body, Compare):
        result = layout_compare(body, width, measure, typo)
    else:
        assert isinstance(body, AnatomyLabel)
        result = layout_anatomy(body, width, measure, typo)
    return _recolor(result, spec.color) if spec.color != "accent" else result


def _recolor(result: Layout, color: str) -> Layout:
    boxes = tuple(replace(b, stroke=color) if b.stroke == "accent" else b for b in result.boxes)
    arrows = tuple(replace(a, color=color) for a in result.arrows)
    leaders = tuple(replace(a, color=color) for a in result.leaders)
    return replace(result, boxes=boxes, arrows=arrows, leaders=leaders)
