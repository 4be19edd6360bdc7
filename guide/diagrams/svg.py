"""Read an illustration SVG safely and find its anchor points, without reportlab. Takes a path
inside ``assets/``; hands on the viewBox aspect ratio and the anchors (``<circle
id="anchor-NAME">``) as fractions of the viewBox, with group transforms applied."""

# Refuses files over 2 MB and any DOCTYPE or ENTITY declaration (no entity expansion attacks).

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from guide.diagrams.spec import Anchor

MAX_BYTES = 2 * 1024 * 1024
SVG_NS = "{http://www.w3.org/2000/svg}"
ANCHOR_PREFIX = "anchor-"

Matrix = tuple[float, float, float, float, float, float]  # a b c d e f, as in SVG
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
_UNITS = {"": 1.0, "px": 1.0, "pt": 4 / 3, "pc": 16.0, "mm": 96 / 25.4, "cm": 96 / 2.54, "in": 96.0}
_NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_TRANSFORM = re.compile(r"(matrix|translate|scale|rotate|skewX|skewY)\s*\(([^)]*)\)")


class SvgProblem(Exception):
    """Why an SVG cannot be used; the message is written for the guide's author."""


@dataclass(frozen=True)
class SvgInfo:
    """An illustration's aspect ratio and its named anchors."""

    aspect: float  # height / width of the viewBox
    anchors: tuple[Anchor, ...]


def _multiply(m: Matrix, n: Matrix) -> Matrix:
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (
        a * a2 + c * b2,
        b * a2 + d * b2,
        a * c2 + c * d2,
        b * c2 + d * d2,
        a * e2 + c * f2 + e,
        b * e2 + d * f2 + f,
    )


def parse_transform(text: str) -> Matrix:
    """The matrix of an SVG ``transform`` attribute (unknown parts are ignored)."""
    matrix = IDENTITY
    for name, raw in _TRANSFORM.findall(text or ""):
        v = [float(x) for x in _NUMBER.findall(raw)]
        step: Matrix = IDENTITY
        if name == "matrix" and len(v) == 6:
            step = (v[0], v[1], v[2], v[3], v[4], v[5])
        elif name == "translate" and v:
            step = (1, 0, 0, 1, v[0], v[1] if len(v) > 1 else 0.0)
        elif name == "scale" and v:
            step = (v[0], 0, 0, v[1] if len(v) > 1 else v[0], 0, 0)
        elif name == "rotate" and v:
            r = math.radians(v[0])
            cos, sin = math.cos(r), math.sin(r)
            step = (cos, sin, -sin, cos, 0, 0)
            if len(v) == 3:
                step = _multiply(
                    _multiply((1, 0, 0, 1, v[1], v[2]), step), (1, 0, 0, 1, -v[1], -v[2])
                )
        elif name == "skewX" and v:
            step = (1, 0, math.tan(math.radians(v[0])), 1, 0, 0)
        elif name == "skewY" and v:
            step = (1, math.tan(math.radians(v[0])), 0, 1, 0, 0)
        matrix = _multiply(matrix, step)
    return matrix


def _length(text: str | None) -> float | None:
    match = re.fullmatch(r"\s*([-+]?(?:\d+\.?\d*|\.\d+))\s*([a-z]*)\s*", text or "")
    if not match or match.group(2) not in _UNITS:
        return None
    return float(match.group(1)) * _UNITS[match.group(2)]


def _viewbox(root: ET.Element) -> tuple[float, float, float, float]:
    raw = root.get("viewBox")
    if raw:
        numbers = [float(x) for x in _NUMBER.findall(raw)]
        if len(numbers) == 4 and numbers[2] > 0 and numbers[3] > 0:
            return numbers[0], numbers[1], numbers[2], numbers[3]
        raise SvgProblem(f"has an invalid viewBox {raw!r}")
    width, height = _length(root.get("width")), _length(root.get("height"))
    if not width or not height or width <= 0 or height <= 0:
        raise SvgProblem("needs a viewBox (or a width and a height)")
    return 0.0, 0.0, width, height


def _local(tag: str) -> str:
    return tag[len(SVG_NS) :] if tag.startswith(SVG_NS) else tag


def _find_anchors(element: ET.Element, matrix: Matrix, out: dict[str, tuple[float, float]]) -> None:
    for child in element:
        if not isinstance(child.tag, str):
            continue
        m = _multiply(matrix, parse_transform(child.get("transform", "")))
        ident = child.get("id", "")
        if _local(child.tag) == "circle" and ident.startswith(ANCHOR_PREFIX):
            x, y = _length(child.get("cx", "0")) or 0.0, _length(child.get("cy", "0")) or 0.0
            a, b, c, d, e, f = m
            out.setdefault(ident[len(ANCHOR_PREFIX) :], (a * x + c * y + e, b * x + d * y + f))
        _find_anchors(child, m, out)


def read_svg(path: Path) -> SvgInfo:
    """Aspect ratio and anchors of the SVG at ``path``; raises :class:`SvgProblem`."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise SvgProblem(f"is too large ({size // 1024} KB; the limit is 2 MB)")
        raw = path.read_bytes()
    except OSError as exc:
        raise SvgProblem(f"cannot be read: {exc.strerror}") from exc
    if re.search(rb"<!\s*(DOCTYPE|ENTITY)", raw, re.IGNORECASE):
        raise SvgProblem("must not contain DOCTYPE or ENTITY declarations")
    try:
        root = ET.fromstring(raw)
    except ET.ParseError as exc:
        line, column = exc.position
        raise SvgProblem(
            f"is not valid XML (the file breaks off or is malformed at its line "
            f"{line}, column {column + 1})"
        ) from exc
    if _local(root.tag) != "svg":
        raise SvgProblem(f"is not an SVG drawing (its root element is <{_local(root.tag)}>)")
    min_x, min_y, width, height = _viewbox(root)
    points: dict[str, tuple[float, float]] = {}
    _find_anchors(root, IDENTITY, points)
    anchors = tuple(
        Anchor(name, (x - min_x) / width, (y - min_y) / height)
        for name, (x, y) in sorted(points.items())
    )
    return SvgInfo(height / width, anchors)
