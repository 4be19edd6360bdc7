"""Layout geometry: no overlaps, text inside its boxes, nothing under 9 pt, within the width;
for the samples and for random content (hypothesis)."""

from __future__ import annotations

import itertools
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reportlab.pdfbase.pdfmetrics import stringWidth

from guide.config.schema import Brand
from guide.diagrams import parse_diagram
from guide.diagrams.geometry import Layout, Rect, Typography, wrap
from guide.diagrams.layout import layout
from guide.diagrams.spec import AnatomyLabel, Compare, Cycle, DiagramSpec, Flow, Label
from guide.errors import Location
from guide.render.text.fonts import register_fonts
from tests.diagram_samples import SAMPLES

WIDTH = 404.0  # the brand's text width on letter paper


@pytest.fixture(scope="module")
def typo(brand: Brand) -> Typography:
    fonts = register_fonts(brand)
    return Typography(fonts.heading, fonts.heading_bold, 10.5)


def _segment_hits(a: tuple[float, float], b: tuple[float, float], r: Rect) -> bool:
    """Whether the segment a-b passes through the inside of ``r`` (Liang-Barsky)."""
    (x0, y0), (x1, y1) = a, b
    t0, t1 = 0.0, 1.0
    dx, dy = x1 - x0, y1 - y0
    for p, q in ((-dx, x0 - r.x), (dx, r.right - x0), (-dy, y0 - r.y), (dy, r.top - y0)):
        if p == 0:
            if q <= 0:
                return False
        else:
            t = q / p
            if p < 0:
                t0 = max(t0, t)
            else:
                t1 = min(t1, t)
    return t0 < t1


def check(lay: Layout, width: float) -> None:
    eps = 0.01
    assert lay.width <= width + eps
    frame = Rect(-eps, -eps, lay.width + 2 * eps, lay.height + 2 * eps)
    shapes = [b.rect for b in lay.boxes + lay.labels]
    if lay.image:
        shapes.append(lay.image)
    for rect in shapes:
        assert frame.contains(rect), rect
    for one, two in itertools.combinations(shapes, 2):
        assert not one.overlaps(two), (one, two)
    for box in lay.boxes + lay.labels:
        for line in box.lines:
            assert line.size >= 9
            assert box.rect.contains(line.rect(), tolerance=0.05), (line, box.rect)
    for arrow in lay.arrows:
        for point in arrow.points:
            assert frame.contains(Rect(*point, 0, 0))
            for rect in shapes:
                assert not Rect(
                    rect.x + eps, rect.y + eps, rect.w - 2 * eps, rect.h - 2 * eps
                ).contains(Rect(*point, 0, 0), 0), point
        for a, b in itertools.pairwise(arrow.points):
            for rect in shapes:
                assert not _segment_hits(a, b, rect), (a, b, rect)
    labels = [b.rect for b in lay.labels]
    for leader in lay.leaders:
        for a, b in itertools.pairwise(leader.points):
            for rect in labels:
                assert not _segment_hits(a, b, rect), (a, b, rect)


def spec_of(kind: str, brand: Brand, assets: Path) -> DiagramSpec:
    spec, diagnostics = parse_diagram(SAMPLES[kind], Location("a.md", 1), brand.palette, assets)
    assert spec is not None, diagnostics
    return spec


@pytest.mark.parametrize("kind", list(SAMPLES))
@pytest.mark.parametrize("width", [WIDTH, 300.0, 520.0])
def test_samples(kind: str, width: float, brand: Brand, data_dir: Path, typo: Typography) -> None:
    lay = layout(spec_of(kind, brand, data_dir), width, stringWidth, typo)
    check(lay, width)
    if width < WIDTH:
        return  # narrower than any page: long words may be broken
    drawn = " ".join(line.text for line in lay.all_text())
    for text in spec_of(kind, brand, data_dir).texts:
        for word in text.split():
            assert word in drawn


def test_sample_sizes(brand: Brand, data_dir: Path, typo: Typography) -> None:
    """The reference figures keep 10.5 pt text and fit a page without shrinking."""
    for kind in SAMPLES:
        lay = layout(spec_of(kind, brand, data_dir), WIDTH, stringWidth, typo)
        assert {line.size for line in lay.all_text()} == {10.5}
        assert lay.height < 450


def test_flow_right_and_colour(brand: Brand, data_dir: Path, typo: Typography) -> None:
    spec = spec_of("flow", brand, data_dir)
    assert isinstance(spec.body, Flow)
    right = replace(spec, body=replace(spec.body, direction="right"), color="primary")
    lay = layout(right, WIDTH, stringWidth, typo)
    check(lay, WIDTH)
    assert {a.color for a in lay.arrows} == {"primary"}


def test_small_size_is_raised_to_nine(brand: Brand, data_dir: Path, typo: Typography) -> None:
    lay = layout(spec_of("cycle", brand, data_dir), WIDTH, stringWidth, replace(typo, size=6))
    assert {line.size for line in lay.all_text()} == {9}


def test_long_word_is_broken(typo: Typography) -> None:
    lines = wrap("Supercalifragilisticexpialidocious" * 3, 60, stringWidth, typo.regular, 10)
    assert len(lines) > 1
    assert all(stringWidth(line, typo.regular, 10) <= 60 for line in lines)


LATIN1 = "".join(chr(c) for c in range(0xC0, 0x100) if chr(c) not in "×÷")
ALPHABET = st.sampled_from([chr(c) for c in range(0x20, 0x7F)] + list(LATIN1))
WORD = st.text(ALPHABET.filter(lambda c: c != " "), min_size=1, max_size=40)
TEXT = st.one_of(
    st.text(ALPHABET, min_size=1, max_size=200),
    st.lists(WORD, min_size=1, max_size=20).map(" ".join).map(lambda s: s[:200]),
).filter(lambda s: s.strip() != "")
ITEMS = st.lists(TEXT, min_size=2, max_size=12)


def _compare(data: st.DataObject) -> Compare:
    columns = data.draw(st.lists(TEXT, min_size=2, max_size=4))
    rows = data.draw(st.lists(TEXT, min_size=1, max_size=3))
    cells = tuple(tuple(data.draw(TEXT) for _ in columns) for _ in rows)
    return Compare(tuple(columns), tuple(rows), cells)


def _flow(data: st.DataObject, right_stages: int) -> Flow:
    direction = data.draw(st.sampled_from(["down", "right"]))
    count = data.draw(st.integers(2, 12 if direction == "down" else right_stages))
    stages = tuple(tuple(data.draw(st.lists(TEXT, min_size=1, max_size=4))) for _ in range(count))
    return Flow(stages, direction)


def random_spec(
    data: st.DataObject, brand: Brand, data_dir: Path, right_stages: int = 4
) -> DiagramSpec:
    """A diagram of a random kind with random texts (flows running right up to
    ``right_stages`` stages); also used by tests/test_diagram_narrow.py."""
    kind = data.draw(st.sampled_from(list(SAMPLES)))
    spec = spec_of(kind, brand, data_dir)
    if kind == "cycle":
        return replace(spec, body=Cycle(tuple(data.draw(ITEMS))))
    if kind == "flow":
        return replace(spec, body=_flow(data, right_stages))
    if kind == "compare":
        return replace(spec, body=_compare(data))
    assert isinstance(spec.body, AnatomyLabel)
    names = [a.name for a in spec.body.anchors]
    labels = tuple(
        Label(
            t,
            data.draw(st.sampled_from(names)),
            data.draw(st.sampled_from(["auto", "left", "right"])),
        )
        for t in data.draw(ITEMS)
    )
    return replace(spec, body=replace(spec.body, labels=labels))


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_random_diagrams(
    data: st.DataObject, brand: Brand, data_dir: Path, typo: Typography
) -> None:
    spec = random_spec(data, brand, data_dir)
    width = data.draw(st.sampled_from([WIDTH, 340.0, 468.0]))
    check(layout(spec, width, stringWidth, typo), width)
