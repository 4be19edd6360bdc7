"""The diagram kinds in a phone's narrow frame (guide.diagrams.narrow): everything runs down the
page, nothing overlaps, nothing leaves the frame, text stays 9 pt or more."""

from __future__ import annotations

import itertools
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reportlab.pdfbase.pdfmetrics import stringWidth

from guide.config.schema import Brand
from guide.diagrams.geometry import Layout, Rect, Typography
from guide.diagrams.layout import layout
from guide.diagrams.narrow import NARROW_FRAME
from guide.diagrams.spec import AnatomyLabel, Compare, Flow, Label
from tests.diagram_samples import SAMPLES
from tests.test_diagram_layout import _segment_hits, random_spec, spec_of

PHONE = 244.0  # the brand's text width on the phone page


@pytest.fixture(scope="module")
def typo(brand: Brand) -> Typography:
    from guide.render.text.fonts import register_fonts

    fonts = register_fonts(brand)
    return Typography(fonts.heading, fonts.heading_bold, 10.5)


def check_narrow(lay: Layout, width: float) -> None:
    """Inside the frame; boxes, labels and markers never overlap one another; every box and
    label sits inside one panel or outside all of them; panels never overlap; arrows miss
    every box; text is 9 pt or more and inside its box."""
    eps = 0.01
    assert lay.width <= width + eps
    frame = Rect(-eps, -eps, lay.width + 2 * eps, lay.height + 2 * eps)
    shapes = [b.rect for b in lay.boxes + lay.labels + lay.markers]
    panels = [p.rect for p in lay.panels]
    for rect in [*shapes, *panels, *([lay.image] if lay.image else [])]:
        assert frame.contains(rect), rect
    for one, two in itertools.combinations(shapes, 2):
        assert not one.overlaps(two), (one, two)
    for one, two in itertools.combinations(panels, 2):
        assert not one.overlaps(two), (one, two)
    for rect in shapes:
        inside = [p for p in panels if p.contains(rect)]
        touching = [p for p in panels if p.overlaps(rect)]
        assert len(inside) == len(touching) <= 1, (rect, touching)
    if lay.image is not None:
        for box in lay.boxes + lay.labels:
            assert not box.rect.overlaps(lay.image)
        for marker in lay.markers:
            assert lay.image.contains(marker.rect) or frame.contains(marker.rect)
    for box in lay.boxes + lay.labels + lay.markers:
        for line in box.lines:
            assert line.size >= 9
            assert box.rect.contains(line.rect(), tolerance=0.05), (line, box.rect)
    solid = [b.rect for b in lay.boxes]
    for arrow in lay.arrows:
        for a, b in itertools.pairwise(arrow.points):
            for rect in solid:
                assert not _segment_hits(a, b, rect), (a, b, rect)


def test_phone_width_is_narrow() -> None:
    assert PHONE < NARROW_FRAME


@pytest.mark.parametrize("kind", list(SAMPLES))
def test_samples_in_a_phone_frame(
    kind: str, brand: Brand, data_dir: Path, typo: Typography
) -> None:
    spec = spec_of(kind, brand, data_dir)
    lay = layout(spec, PHONE, stringWidth, typo)
    check_narrow(lay, PHONE)
    drawn = " ".join(line.text for line in lay.all_text())
    for text in spec.texts:
        for word in text.split():
            assert word in drawn
    assert {line.size for line in lay.all_text()} >= {10.5}


def test_compare_is_a_card_per_column(brand: Brand, data_dir: Path, typo: Typography) -> None:
    spec = spec_of("compare", brand, data_dir)
    assert isinstance(spec.body, Compare)
    lay = layout(spec, PHONE, stringWidth, typo)
    assert len(lay.panels) == len(spec.body.columns)
    assert all(p.rect.w == pytest.approx(PHONE) for p in lay.panels)
    tops = [p.rect.top for p in lay.panels]
    assert tops == sorted(tops, reverse=True)  # one under the other, in column order


def test_flow_and_cycle_run_down(brand: Brand, data_dir: Path, typo: Typography) -> None:
    for kind in ("flow", "cycle"):
        spec = spec_of(kind, brand, data_dir)
        if isinstance(spec.body, Flow):
            spec = replace(spec, body=replace(spec.body, direction="right"))
        lay = layout(spec, PHONE, stringWidth, typo)
        tops = [b.rect.top for b in lay.boxes]
        assert tops == sorted(tops, reverse=True), kind  # reading order is top to bottom
        assert all(b.rect.w > PHONE * 0.7 for b in lay.boxes), kind


def test_anatomy_labels_become_a_numbered_key(
    brand: Brand, data_dir: Path, typo: Typography
) -> None:
    spec = spec_of("anatomy-label", brand, data_dir)
    assert isinstance(spec.body, AnatomyLabel)
    lay = layout(spec, PHONE, stringWidth, typo)
    assert lay.image is not None
    assert all(label.rect.top <= lay.image.y for label in lay.labels)  # below the picture
    numbers = [m.lines[0].text for m in lay.markers]
    count = len(spec.body.labels)
    assert numbers == [str(n) for n in range(1, count + 1)]  # on the picture
    assert [b.lines[0].text for b in lay.boxes] == numbers  # and beside each entry of the key
    assert len(lay.leaders) == count


def test_crowded_anchors_keep_their_markers_apart(
    brand: Brand, data_dir: Path, typo: Typography
) -> None:
    # Found by the test below: six labels on one anchor filled the four directions around it
    # and the markers after them were stacked on the anchor, over each other.
    spec = spec_of("anatomy-label", brand, data_dir)
    assert isinstance(spec.body, AnatomyLabel)
    names = ["annulus"] * 6 + ["leak", "leak", "nucleus", "tear", "leak"]
    labels = tuple(Label(f"Test label {n}", name) for n, name in enumerate(names))
    lay = layout(replace(spec, body=replace(spec.body, labels=labels)), 200.0, stringWidth, typo)
    assert len(lay.markers) == len(labels)
    check_narrow(lay, 200.0)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_random_diagrams_in_a_phone_frame(
    data: st.DataObject, brand: Brand, data_dir: Path, typo: Typography
) -> None:
    spec = random_spec(data, brand, data_dir, right_stages=8)
    width = data.draw(st.sampled_from([PHONE, 200.0, 300.0]))
    check_narrow(layout(spec, width, stringWidth, typo), width)
