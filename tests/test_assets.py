"""Brand artwork: the SVGs parse with svglib, use only brand colours, and the disc
illustration carries the ids and anchor points the guide builder labels."""

from __future__ import annotations

import logging
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from svglib.svglib import svg2rlg

ASSETS = Path(__file__).resolve().parent.parent / "assets"
LOGOS = [ASSETS / "logo.svg", ASSETS / "logo-reversed.svg"]
DISC = ASSETS / "illustrations" / "disc-cross-section.svg"
ALL_SVGS = [*LOGOS, DISC]

PALETTE = {"#1c2830", "#4f5d66", "#0d4f5c", "#1c737d", "#e4f1f2", "#ffffff"}
ALLOWED = PALETTE | {"none"}
COLOUR_PROPS = ("fill", "stroke", "color", "stop-color", "flood-color", "lighting-color")
DISC_IDS = ("annulus", "nucleus", "tear", "leak", "nerve-root")
SVG_NS = "{http://www.w3.org/2000/svg}"


def _colour_values(path: Path) -> list[tuple[str, str, str]]:
    """(element tag, property, value) for every colour set by attribute or style."""
    found = []
    for el in ET.parse(path).getroot().iter():
        tag = el.tag.removeprefix(SVG_NS)
        for prop in COLOUR_PROPS:
            if prop in el.attrib:
                found.append((tag, prop, el.attrib[prop].strip().lower()))
        for decl in el.attrib.get("style", "").split(";"):
            if ":" in decl:
                prop, value = (part.strip().lower() for part in decl.split(":", 1))
                if prop in COLOUR_PROPS:
                    found.append((tag, prop, value))
    return found


@pytest.mark.parametrize("path", ALL_SVGS, ids=lambda p: p.name)
def test_svg_parses_to_a_drawing_without_svglib_warnings(
    path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="svglib"):
        drawing = svg2rlg(str(path))
    assert drawing is not None
    assert drawing.width > 0
    assert drawing.height > 0
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING] == []


@pytest.mark.parametrize("path", ALL_SVGS, ids=lambda p: p.name)
def test_only_brand_colours(path: Path) -> None:
    values = _colour_values(path)
    assert values, "expected some colours"
    bad = [v for v in values if v[2] not in ALLOWED]
    assert bad == []
    # Belt and braces: any hex or functional colour anywhere in the file is a palette colour.
    text = path.read_text(encoding="utf-8").lower()
    assert set(re.findall(r"#[0-9a-f]{3,8}\b", text)) <= PALETTE
    assert re.search(r"\b(rgba?|hsla?)\(", text) is None


@pytest.mark.parametrize("path", ALL_SVGS, ids=lambda p: p.name)
def test_no_features_svglib_or_the_accessible_pdf_cannot_take(path: Path) -> None:
    root = ET.parse(path).getroot()
    tags = {el.tag.removeprefix(SVG_NS) for el in root.iter()}
    assert not tags & {"linearGradient", "radialGradient", "filter", "image", "text", "mask"}
    attrs = {a for el in root.iter() for a in el.attrib}
    assert not attrs & {"opacity", "fill-opacity", "stroke-opacity", "filter", "mask"}


def _viewbox(root: ET.Element) -> tuple[float, float, float, float]:
    x, y, w, h = (float(v) for v in root.attrib["viewBox"].replace(",", " ").split())
    return x, y, w, h


def test_logos_are_wide_wordmarks() -> None:
    for path in LOGOS:
        _, _, w, h = _viewbox(ET.parse(path).getroot())
        assert 3.5 <= w / h <= 4.5, path.name


def test_disc_has_labelled_parts_and_anchors_inside_the_viewbox() -> None:
    root = ET.parse(DISC).getroot()
    by_id = {el.attrib["id"]: el for el in root.iter() if "id" in el.attrib}
    vx, vy, vw, vh = _viewbox(root)
    for name in DISC_IDS:
        assert name in by_id, name
        anchor = by_id.get(f"anchor-{name}")
        assert anchor is not None, f"anchor-{name}"
        assert anchor.tag == SVG_NS + "circle"
        assert "transform" not in anchor.attrib
        cx, cy = float(anchor.attrib["cx"]), float(anchor.attrib["cy"])
        assert vx <= cx <= vx + vw and vy <= cy <= vy + vh, name
    # nothing the anchors sit in may move them: no transforms anywhere in the file
    assert all("transform" not in el.attrib for el in root.iter())
