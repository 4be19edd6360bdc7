"""Check a picture file before anything decodes it: is it what its name says, and is it sane? Takes
a resolved path (inside the guide's folder or ``assets/``) and the brand's
:class:`~guide.config.schema.Limits`; hands on the reason it cannot be used, or None."""

# PNG and JPEG are identified by Pillow from their header only (``Image.open`` reads no pixels),
# so a decompression bomb is refused by its declared size. SVG is read as text: no DOCTYPE or
# ENTITY (no entity expansion, no external entities), no reference to another file or URL (svglib
# would open it), a bounded number of elements and depth. Imports neither markdown nor reportlab.

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from guide.config.schema import Limits

MAX_SVG_ELEMENTS = 20_000
MAX_SVG_DEPTH = 64
_FORMATS = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG"}
_DECLARATION = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
_HREF = re.compile(r"(^|\})href$")
_CSS_URL = re.compile(r"url\(\s*['\"]?\s*(?!#)", re.IGNORECASE)
_CSS_IMPORT = re.compile(r"@import", re.IGNORECASE)


def image_problem(path: Path, limits: Limits) -> str | None:
    """Why the picture at ``path`` cannot be used (worded for the guide's author), or None."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        return f"cannot be read: {exc.strerror}"
    if size > limits.max_image_bytes:
        return f"is {size:,} bytes; the limit is {limits.max_image_bytes:,}"
    if path.suffix.lower() == ".svg":
        return _svg_problem(path)
    return _raster_problem(path, _FORMATS.get(path.suffix.lower(), ""), limits)


def _raster_problem(path: Path, expected: str, limits: Limits) -> str | None:
    import warnings

    from PIL import Image, UnidentifiedImageError

    try:
        with warnings.catch_warnings():  # Pillow warns of large pictures; the limit is ours
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(path, formats=["PNG", "JPEG"]) as image:  # the header only
                found, (width, height) = image.format, image.size
    except Image.DecompressionBombError:
        return (
            f"declares more pixels than the limit of {limits.max_image_pixels:,} "
            f"(a decompression bomb?)"
        )
    except UnidentifiedImageError:
        return f"is not a {expected} picture (its contents are not a PNG or JPEG image)"
    except (OSError, ValueError, SyntaxError):
        return f"is not a readable {expected} picture (the file is damaged or cut short)"
    if found != expected:
        return f"is named .{path.suffix.lower().lstrip('.')} but holds a {found} picture"
    if width * height > limits.max_image_pixels:
        return (
            f"is {width:,} × {height:,} pixels; the limit is {limits.max_image_pixels:,} "
            f"pixels (make it smaller)"
        )
    if width < 1 or height < 1:
        return "has no pixels"
    return None


def _svg_problem(path: Path) -> str | None:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return f"cannot be read: {exc.strerror}"
    if _DECLARATION.search(raw):
        return "must not contain DOCTYPE or ENTITY declarations"
    try:
        root = ET.fromstring(raw)
    except ET.ParseError as exc:
        line, column = exc.position
        return (
            f"is not valid SVG (the XML breaks off or is malformed at its line {line}, "
            f"column {column + 1})"
        )
    if not isinstance(root.tag, str) or not root.tag.endswith("svg"):
        return "is not an SVG drawing"
    count = 0
    stack: list[tuple[ET.Element, int]] = [(root, 1)]
    while stack:
        element, depth = stack.pop()
        count += 1
        if count > MAX_SVG_ELEMENTS:
            return f"has more than {MAX_SVG_ELEMENTS:,} elements"
        if depth > MAX_SVG_DEPTH:
            return f"nests elements more than {MAX_SVG_DEPTH} deep"
        problem = _element_problem(element)
        if problem:
            return problem
        stack.extend((child, depth + 1) for child in element)
    return None


def _element_problem(element: ET.Element) -> str | None:
    for name, value in element.attrib.items():
        if _HREF.search(name) and not value.strip().startswith("#"):
            return (
                f"refers to another file or address ({value[:60]!r}); an SVG must be self-contained"
            )
        if name == "style" and (_CSS_URL.search(value) or _CSS_IMPORT.search(value)):
            return "loads a file or address from its style; an SVG must be self-contained"
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag.endswith("style") and (
        _CSS_URL.search(element.text or "") or _CSS_IMPORT.search(element.text or "")
    ):
        return "loads a file or address from its style sheet; an SVG must be self-contained"
    return None
