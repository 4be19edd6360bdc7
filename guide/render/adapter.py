"""Every access to a private reportlab name, in one place, each with what it relies on.

Takes reportlab objects (frames, canvases, flowables); hands on plain numbers and flags. When a
reportlab upgrade breaks the layout, this is the one module to read. Imports only reportlab.
"""

from __future__ import annotations

from typing import Any


def frame_room(frame: Any) -> float:
    """Height still free in ``frame``: relies on ``Frame._y`` (the current baseline, moving
    down as flowables are added) and ``Frame._y1p`` (the bottom edge inside the padding)."""
    return float(frame._y - frame._y1p)


def frame_width(frame: Any) -> float:
    """The width flowables get in ``frame``: relies on ``Frame._getAvailableWidth`` (the
    width less the indents of nested lists)."""
    return float(frame._getAvailableWidth())


def frame_height(frame: Any) -> float:
    """The whole usable height of ``frame``: relies on ``Frame._aH`` (set by ``_geom``)."""
    return float(frame._aH)


def frame_at_top(frame: Any) -> bool:
    """Whether nothing has been drawn in ``frame`` yet: relies on ``Frame._atTop``."""
    return bool(frame._atTop)


def frame_cursor(frame: Any) -> float:
    """The y where the next flowable's top goes: relies on ``Frame._y``."""
    return float(frame._y)


def frame_top(frame: Any) -> float:
    """The y of the top of ``frame``'s content area: relies on ``Frame._y2`` and
    ``Frame._topPadding``."""
    return float(frame._y2 - frame._topPadding)


def raise_frame_foot(frame: Any, amount: float) -> None:
    """End ``frame`` ``amount`` points higher on this page (lines carried over): relies on
    ``Frame._y1p`` being the floor ``add``/``split`` measure against, and on ``_reset``
    leaving it alone (:func:`restore_frame_foot` puts it back)."""
    if "_guide_foot" not in frame.__dict__:
        frame.__dict__["_guide_foot"] = frame._y1p
    frame._y1p = frame.__dict__["_guide_foot"] + amount


def restore_frame_foot(frame: Any) -> None:
    """Undo :func:`raise_frame_foot`: relies on ``Frame._y1p`` as above."""
    saved = frame.__dict__.pop("_guide_foot", None)
    if saved is not None:
        frame._y1p = saved


def doc_frame_height(canv: Any, default: float) -> float:
    """The current frame's usable height while a flowable wraps: relies on reportlab setting
    ``canv._doctemplate`` during ``build`` and on ``Frame._aH``."""
    frame = getattr(getattr(canv, "_doctemplate", None), "frame", None)
    return float(getattr(frame, "_aH", default))


def keep_together_height(flowable: Any) -> float:
    """The full height of a wrapped ``KeepTogether`` (its ``wrap`` answers a huge height to
    force a split): relies on ``KeepTogether._H``, set by ``wrap``."""
    return float(getattr(flowable, "_H", 0.0))


def keep_together_content(flowable: Any) -> list[Any]:
    """The flowables a ``KeepTogether`` holds: relies on ``KeepTogether._content``."""
    return list(flowable._content)


def is_split_head(para: Any) -> bool:
    """Whether a paragraph is a piece that reportlab split off with more lines to follow:
    relies on ``Paragraph.split`` marking its first piece ``_splitpara``."""
    return bool(getattr(para, "_splitpara", 0))


def list_item_content(flowable: Any) -> Any:
    """What a list item (reportlab's ``LIIndenter``) holds: relies on its ``_flowable``."""
    return getattr(flowable, "_flowable", None)


def table_cells(table: Any) -> list[Any]:
    """Every cell value of a ``Table``, row by row: relies on ``Table._cellvalues``."""
    return [cell for row in getattr(table, "_cellvalues", ()) for cell in row]
