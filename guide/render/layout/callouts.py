"""Callouts by kind: expert, note, tip, warning and important each get their own box from the brand
palette and a small vector icon that a screen reader announces by the kind's name. Takes a model
Callout, the brand and the flowables of its body; hands on one box (a one-cell table, or two cells
when the title sits on a band), kept on one page unless moving it whole would leave a hole."""

# The title and icon are one flowable, tagged like a figure: the icon is a Figure whose alternate
# text is the kind ("Warning"), the title its Caption. Looks and labels come from
# :mod:`guide.config.callouts`.

from __future__ import annotations

from typing import Any

from reportlab.lib.colors import HexColor
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Table

from guide.config.callouts import CalloutLook, callout_look
from guide.config.schema import Brand
from guide.render.adapter import frame_height, keep_together_content, table_cells
from guide.render.layout.floats import FULL_PAGE
from guide.render.tagged.marking import marked
from guide.render.text.styles import table_style

ICON = 15.0  # points: the icon's square
GAP = 7.0  # between the icon and the title
MIN_SPLIT_LINES = 2  # a callout split across pages keeps this many lines on each side


class CalloutKeep(KeepTogether):  # type: ignore[misc]
    """A callout's box, moved to the next page whole when it does not fit, unless that would
    leave this page ending above :data:`FULL_PAGE` of its frame: then the box splits between
    its lines, the title keeping at least two of them under it and two going over."""

    def split(self, aW: float, aH: float) -> list[Any]:
        """Split the box where moving it whole would leave a hole; else as KeepTogether."""
        frame = getattr(self, "_frame", None)
        content = keep_together_content(self)
        if getattr(self, "_wrapInfo", None) != (aW, aH):
            self.wrap(aW, aH)
        if frame is not None and len(content) == 1 and isinstance(content[0], Table):
            full = frame_height(frame)
            if aH < self._H <= full and full - aH < FULL_PAGE * full:
                pieces = content[0].split(aW, aH)
                if len(pieces) == 2 and _lines_each(pieces, aW, aH):
                    return list(pieces)
        return list(super().split(aW, aH))


def _lines_each(pieces: list[Any], aW: float, aH: float) -> bool:
    """Whether the first piece holds the title and at least :data:`MIN_SPLIT_LINES` lines of
    the body, and the second at least as many."""
    counts = []
    for piece in pieces:
        piece.wrap(aW, aH)
        lines = 0
        for cell in table_cells(piece):
            for item in cell if isinstance(cell, (list, tuple)) else [cell]:
                if isinstance(item, Paragraph):
                    lines += len(item.blPara.lines) if hasattr(item, "blPara") else 1
                elif not isinstance(item, KindTitle):
                    lines += MIN_SPLIT_LINES  # a list or a box: it splits by its own rules
        counts.append(lines)
    return all(count >= MIN_SPLIT_LINES for count in counts)


class KindTitle(Flowable):  # type: ignore[misc]
    """The callout's icon and title side by side; tagged as Figure (the icon, its alternate
    text the kind's name) and Caption (the title)."""

    role = "Figure"

    def __init__(self, title: Paragraph, look: CalloutLook, label: str, brand: Brand) -> None:
        super().__init__()
        self.title = title
        self.look = look
        self.alt_text = label
        self.caption_text = title.text
        self.colors = {name: HexColor(c.hex) for name, c in brand.palette.named().items()}

    def paragraphs(self) -> list[Paragraph]:
        """The paragraphs drawn inside (for the layout report)."""
        return [self.title]

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        """The full width; the title's height or the icon's, whichever is taller."""
        _, h = self.title.wrap(availWidth - ICON - GAP, availHeight)
        self.width, self.height = availWidth, max(h, ICON)
        return self.width, self.height

    def getSpaceAfter(self) -> float:
        """The title paragraph's space after."""
        return float(self.title.getSpaceAfter())

    def split(self, availWidth: float, availHeight: float) -> list[Any]:
        """Never split: the title moves with its icon."""
        return []

    def draw(self) -> None:
        """Draw the kind's icon beside the title."""
        canv = self.canv
        leading = self.title.style.leading
        y = self.height - (leading + ICON) / 2 - 1  # centred on the first line
        with marked(canv, getattr(self, "struct", None), (0, y, ICON, y + ICON)):
            draw_icon(
                canv,
                self.look.icon,
                0,
                y,
                ICON,
                self.colors[self.look.icon_color],
                self.colors[self.look.band or self.look.background],
            )
        with marked(canv, getattr(self, "caption_struct", None)):
            self.title.drawOn(canv, ICON + GAP, self.height - self.title.height)


def draw_icon(canv: Any, icon: str, x: float, y: float, size: float, ink: Any, ground: Any) -> None:
    """One of the callout icons, drawn in ``ink`` on ``ground`` in a square of ``size``."""
    s = size
    canv.saveState()
    canv.translate(x, y)
    canv.setStrokeColor(ink)
    canv.setFillColor(ink)
    canv.setLineWidth(1.4)
    canv.setLineCap(1)
    canv.setLineJoin(1)
    if icon == "triangle":
        path = canv.beginPath()
        path.moveTo(s / 2, s * 0.96)
        path.lineTo(s * 0.98, s * 0.06)
        path.lineTo(s * 0.02, s * 0.06)
        path.close()
        canv.drawPath(path, stroke=1, fill=0)
        _exclamation(canv, s, 0.36, 0.72, 0.2)
    elif icon == "exclamation":
        canv.circle(s / 2, s / 2, s / 2, stroke=0, fill=1)
        canv.setStrokeColor(ground)
        canv.setFillColor(ground)
        _exclamation(canv, s, 0.4, 0.78, 0.22)
    elif icon == "info":
        canv.circle(s / 2, s / 2, s / 2 - 0.7, stroke=1, fill=0)
        canv.line(s / 2, s * 0.22, s / 2, s * 0.56)
        canv.circle(s / 2, s * 0.73, s * 0.07, stroke=0, fill=1)
    elif icon == "bulb":
        canv.circle(s / 2, s * 0.62, s * 0.32, stroke=1, fill=0)
        canv.line(s * 0.36, s * 0.16, s * 0.64, s * 0.16)
        canv.line(s * 0.39, s * 0.03, s * 0.61, s * 0.03)
        canv.line(s * 0.4, s * 0.3, s * 0.4, s * 0.16)
        canv.line(s * 0.6, s * 0.3, s * 0.6, s * 0.16)
    else:  # "rosette": a medal with a tick
        canv.circle(s / 2, s / 2, s / 2 - 0.7, stroke=1, fill=0)
        path = canv.beginPath()
        path.moveTo(s * 0.28, s * 0.52)
        path.lineTo(s * 0.44, s * 0.34)
        path.lineTo(s * 0.73, s * 0.68)
        canv.drawPath(path, stroke=1, fill=0)
    canv.restoreState()


def _exclamation(canv: Any, s: float, low: float, high: float, dot: float) -> None:
    canv.line(s / 2, s * low, s / 2, s * high)
    canv.circle(s / 2, s * dot, s * 0.07, stroke=0, fill=1)


def callout_box(
    kind: str,
    label: str,
    title: Paragraph,
    body: list[Flowable],
    brand: Brand,
    width: float,
    font: str,
    space_after: float,
) -> Flowable:
    """The callout of ``kind``: its box, icon (saying ``label``), title and body, kept on one
    page when it fits (a callout longer than a page still splits)."""
    look = callout_look(kind)
    colors = {name: HexColor(c.hex) for name, c in brand.palette.named().items()}
    head = KindTitle(title, look, label, brand)
    rows = [[[head]], [body]] if look.band else [[[head, *body]]]
    table = Table(rows, colWidths=[width], splitInRow=1)
    commands: list[tuple[Any, ...]] = [
        ("LEFTPADDING", (0, 0), (-1, -1), 16),
        ("RIGHTPADDING", (0, 0), (-1, -1), 14),
        ("TOPPADDING", (0, 0), (-1, -1), 12),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
        ("BACKGROUND", (0, 0), (-1, -1), colors[look.background]),
    ]
    if look.band:
        commands += [
            ("BACKGROUND", (0, 0), (-1, 0), colors[look.band]),
            ("TOPPADDING", (0, 0), (-1, 0), 8),
            ("BOTTOMPADDING", (0, 0), (-1, 0), 6),
        ]
    if look.border:
        commands.append(("BOX", (0, 0), (-1, -1), 0.9, colors[look.border]))
    if look.bar:
        commands.append(("LINEBEFORE", (0, 0), (0, -1), 4 if look.border else 3, colors[look.bar]))
    table.setStyle(table_style(font, commands))
    table.role = "Note"
    table.spaceAfter = space_after
    table.callout_kind = kind
    return CalloutKeep([table])
