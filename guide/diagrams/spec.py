"""The diagram model: what :func:`guide.diagrams.parse_diagram` hands to layout and render."""

# Frozen dataclasses only; imports neither markdown nor reportlab. A :class:`DiagramSpec` holds
# what every figure has (kind, caption, alt text, stroke colour role) and one kind-specific body.

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

KINDS = ("cycle", "flow", "compare", "anatomy-label")


@dataclass(frozen=True)
class Cycle:
    """Steps in a loop: the last one feeds the first."""

    steps: tuple[str, ...]


@dataclass(frozen=True)
class Flow:
    """A cause-and-effect chain: each stage is one or more boxes; every box of a stage
    leads to every box of the next one."""

    stages: tuple[tuple[str, ...], ...]
    direction: str = "down"  # "down" (top to bottom) or "right" (left to right)


@dataclass(frozen=True)
class Compare:
    """Columns compared row by row; ``cells[row][column]``."""

    columns: tuple[str, ...]
    rows: tuple[str, ...]
    cells: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Anchor:
    """A point of the illustration, as fractions of its viewBox (``u`` from the left,
    ``v`` from the top, both 0..1)."""

    name: str
    u: float
    v: float


@dataclass(frozen=True)
class Label:
    """A label pointing at a named anchor of the illustration."""

    text: str
    anchor: str  # anchor name without the "anchor-" prefix
    side: str = "auto"  # "left", "right" or "auto" (the side nearer the anchor)


@dataclass(frozen=True)
class AnatomyLabel:
    """An SVG illustration from ``assets/`` with callout labels pointing at its anchors."""

    image: str  # as written, relative to assets/
    image_path: Path  # resolved, inside assets/
    labels: tuple[Label, ...]
    anchors: tuple[Anchor, ...]  # every anchor the SVG defines
    aspect: float  # viewBox height / width

    def anchor(self, name: str) -> Anchor:
        """The anchor called ``name``."""
        for anchor in self.anchors:
            if anchor.name == name:
                return anchor
        raise KeyError(name)


Body = Cycle | Flow | Compare | AnatomyLabel


@dataclass(frozen=True)
class DiagramSpec:
    """A diagram block as written: kind, caption, alt text, body and colour."""

    kind: str  # one of KINDS
    caption: str
    alt: str
    body: Body
    color: str = "accent"  # palette role for strokes and arrows

    @property
    def steps(self) -> tuple[str, ...]:
        """A cycle's steps (empty for other kinds)."""
        return self.body.steps if isinstance(self.body, Cycle) else ()

    @property
    def stages(self) -> tuple[tuple[str, ...], ...]:
        """A flow's stages (empty for other kinds)."""
        return self.body.stages if isinstance(self.body, Flow) else ()

    @property
    def texts(self) -> tuple[str, ...]:
        """Every piece of text drawn inside the figure, in reading order."""
        body = self.body
        if isinstance(body, Cycle):
            return body.steps
        if isinstance(body, Flow):
            return tuple(t for stage in body.stages for t in stage)
        if isinstance(body, Compare):
            cells = tuple(c for row in body.cells for c in row)
            return body.columns + body.rows + cells
        return tuple(label.text for label in body.labels)
