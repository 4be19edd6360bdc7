"""parse_diagram: every sample is accepted; every error points at its Markdown line."""

from __future__ import annotations

from pathlib import Path

import pytest

from guide.config.schema import Brand
from guide.diagrams import parse_diagram
from guide.diagrams.spec import AnatomyLabel, Compare, Cycle, Flow
from guide.errors import Location
from tests.diagram_samples import ANATOMY, COMPARE, CYCLE, FLOW

FENCE = Location("sources/disc/article.md", 20)  # the ```diagram line; the body starts at 21
HEAD = 'caption = "A caption"\nalt = "Alt text"\n'  # body lines 2 and 3 when after kind


def problems(body: str, brand: Brand, assets: Path) -> list[str]:
    spec, diagnostics = parse_diagram(body, FENCE, brand.palette, assets)
    assert (spec is None) == bool(diagnostics)
    return [str(d) for d in diagnostics]


def test_samples_parse(brand: Brand, data_dir: Path) -> None:
    for body, kind in ((CYCLE, Cycle), (FLOW, Flow), (COMPARE, Compare), (ANATOMY, AnatomyLabel)):
        spec, diagnostics = parse_diagram(body, FENCE, brand.palette, data_dir)
        assert diagnostics == []
        assert spec is not None and isinstance(spec.body, kind)
        assert spec.caption and spec.alt and spec.color == "accent"


def test_sample_contents(brand: Brand, data_dir: Path) -> None:
    flow, _ = parse_diagram(FLOW, FENCE, brand.palette, data_dir)
    assert flow is not None
    assert flow.stages[2] == ("TNF-alpha", "Interleukin-6 (IL-6)", "Nitric oxide")
    compare, _ = parse_diagram(COMPARE, FENCE, brand.palette, data_dir)
    assert compare is not None and isinstance(compare.body, Compare)
    assert compare.body.columns[1] == "Epidural steroid injections"
    assert compare.body.cells[1][3] == "Does not reverse sensitization"
    anatomy, _ = parse_diagram(ANATOMY, FENCE, brand.palette, data_dir)
    assert anatomy is not None and isinstance(anatomy.body, AnatomyLabel)
    assert anatomy.body.image_path == (data_dir / "disc-test.svg").resolve()
    nucleus = anatomy.body.anchor("nucleus")  # (190, 145) inside translate(10 5), of 400x300
    assert (nucleus.u, nucleus.v) == pytest.approx((0.5, 0.5))


def test_missing_caption_and_alt(brand: Brand, data_dir: Path) -> None:
    assert problems('kind = "cycle"\nsteps = ["a", "b"]\n', brand, data_dir) == [
        "sources/disc/article.md:20: error: diagram is missing the required key 'caption'",
        "sources/disc/article.md:20: error: diagram is missing the required key 'alt'",
    ]


def test_empty_caption(brand: Brand, data_dir: Path) -> None:
    body = 'kind = "cycle"\ncaption = "  "\nalt = "y"\nsteps = ["a", "b"]\n'
    assert problems(body, brand, data_dir) == [
        "sources/disc/article.md:22: error: 'caption' must not be empty"
    ]


def test_syntax_error_line_and_column(brand: Brand, data_dir: Path) -> None:
    body = 'kind = "cycle"\n' + HEAD + 'steps = ["a" "b"]\n'
    assert problems(body, brand, data_dir) == [
        "sources/disc/article.md:24:14: error: invalid TOML in diagram: "
        "a list is missing its closing ']'"
    ]


def test_syntax_error_at_end(brand: Brand, data_dir: Path) -> None:
    body = 'kind = "cycle"\n' + HEAD + 'steps = ["a", "b"\n'
    assert problems(body, brand, data_dir) == [
        "sources/disc/article.md:24: error: invalid TOML in diagram: a list is missing "
        "its closing ']'"
    ]


def test_unknown_kind(brand: Brand, data_dir: Path) -> None:
    assert problems('kind = "cycel"\n' + HEAD, brand, data_dir) == [
        "sources/disc/article.md:21: error: unknown diagram kind 'cycel' (did you mean "
        "'cycle'?); kinds: cycle, flow, compare, anatomy-label"
    ]


def test_unknown_key(brand: Brand, data_dir: Path) -> None:
    body = 'kind = "cycle"\n' + HEAD + 'steps = ["a", "b"]\ncaptoin = "x"\n'
    assert problems(body, brand, data_dir) == [
        "sources/disc/article.md:25: error: unknown key 'captoin' in a cycle diagram (did you "
        "mean 'caption'?); allowed: kind, caption, alt, color, steps"
    ]


def test_wrong_types(brand: Brand, data_dir: Path) -> None:
    body = 'kind = "cycle"\ncaption = "x"\nalt = 3\nsteps = "a"\n'
    assert problems(body, brand, data_dir) == [
        "sources/disc/article.md:23: error: 'alt' must be a string (in quotes)",
        "sources/disc/article.md:24: error: 'steps' must be a list of strings, like "
        '["First", "Second"]',
    ]


def test_too_few_steps(brand: Brand, data_dir: Path) -> None:
    body = 'kind = "cycle"\n' + HEAD + 'steps = ["alone"]\n'
    assert problems(body, brand, data_dir) == [
        "sources/disc/article.md:24: error: 'steps' must hold 2 to 12 entries, not 1"
    ]


def test_colour_outside_the_palette(brand: Brand, data_dir: Path) -> None:
    body = 'kind = "cycle"\n' + HEAD + 'color = "acent"\nsteps = ["a", "b"]\n'
    assert problems(body, brand, data_dir) == [
        "sources/disc/article.md:24: error: colour 'acent' is not in the brand palette (did "
        "you mean 'accent'?); use one of: ink, muted, primary, accent, tint, paper, "
        "on_primary"
    ]


def test_colour_from_the_palette(brand: Brand, data_dir: Path) -> None:
    body = 'kind = "cycle"\n' + HEAD + 'color = "primary"\nsteps = ["a", "b"]\n'
    spec, diagnostics = parse_diagram(body, FENCE, brand.palette, data_dir)
    assert diagnostics == [] and spec is not None and spec.color == "primary"


def test_flow_direction_and_stage(brand: Brand, data_dir: Path) -> None:
    body = 'kind = "flow"\n' + HEAD + 'direction = "up"\nstages = [["a"], ["b"]]\n'
    assert problems(body, brand, data_dir) == [
        "sources/disc/article.md:24: error: 'direction' must be \"down\" or \"right\", not 'up'"
    ]
    body = 'kind = "flow"\n' + HEAD + 'stages = [["a"], []]\n'
    assert problems(body, brand, data_dir) == [
        "sources/disc/article.md:24: error: 'stages (stage 2)' must hold 1 to 4 entries, not 0"
    ]


def test_compare_cell_count(brand: Brand, data_dir: Path) -> None:
    body = (
        'kind = "compare"\n' + HEAD + 'rows = ["a", "b"]\n'
        '[[column]]\nname = "A"\ncells = ["1", "2"]\n'
        '[[column]]\nname = "B"\ncells = ["1"]\n'
    )
    assert problems(body, brand, data_dir) == [
        "sources/disc/article.md:30: error: [[column]] 2 ('B') has 1 cell but there are 2 rows"
    ]


ANATOMY_HEAD = 'kind = "anatomy-label"\n' + HEAD


def test_missing_svg(brand: Brand, data_dir: Path) -> None:
    body = ANATOMY_HEAD + 'image = "nope.svg"\n[[label]]\ntext = "t"\nanchor = "a"\n'
    assert problems(body, brand, data_dir) == [
        "sources/disc/article.md:24: error: image 'nope.svg' not found in data/"
    ]


def test_svg_outside_assets(brand: Brand, data_dir: Path) -> None:
    body = ANATOMY_HEAD + 'image = "../conftest.py"\n'
    assert problems(body, brand, data_dir) == [
        "sources/disc/article.md:24: error: image '../conftest.py' must be a path inside data/"
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            b"<svg xmlns='http://www.w3.org/2000/svg'><g></svg>",
            "is not valid XML (the file breaks off or is malformed at its line 1, column 46)",
        ),
        (
            b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaa">]><svg/>',
            "must not contain DOCTYPE or ENTITY declarations",
        ),
        (
            b"<html xmlns='http://www.w3.org/1999/xhtml'/>",
            "is not an SVG drawing (its root element is <{http://www.w3.org/1999/xhtml}html>)",
        ),
        (b"<svg xmlns='http://www.w3.org/2000/svg'/>", "needs a viewBox (or a width and a height)"),
        (
            b"<svg xmlns='http://www.w3.org/2000/svg'>" + b" " * (2 * 1024 * 1024) + b"</svg>",
            "is too large (2048 KB; the limit is 2 MB)",
        ),
    ],
)
def test_unreadable_svg(brand: Brand, tmp_path: Path, content: bytes, message: str) -> None:
    (tmp_path / "bad.svg").write_bytes(content)
    body = ANATOMY_HEAD + 'image = "bad.svg"\n[[label]]\ntext = "t"\nanchor = "a"\n'
    assert problems(body, brand, tmp_path) == [
        f"sources/disc/article.md:24: error: image 'bad.svg' {message}"
    ]


def test_missing_anchor(brand: Brand, data_dir: Path) -> None:
    body = (
        ANATOMY_HEAD + 'image = "disc-test.svg"\n'
        '[[label]]\ntext = "Core"\nanchor = "nucleus"\n'
        '[[label]]\ntext = "Ring"\nanchor = "anulus"\n'
    )
    assert problems(body, brand, data_dir) == [
        "sources/disc/article.md:30: error: anchor 'anulus' not found in disc-test.svg (did "
        "you mean 'annulus'?); its anchors: annulus, leak, nerve-root, nucleus, tear"
    ]


def test_label_keys(brand: Brand, data_dir: Path) -> None:
    body = ANATOMY_HEAD + 'image = "disc-test.svg"\n[[label]]\ntext = "Core"\nanchr = "nucleus"\n'
    assert problems(body, brand, data_dir) == [
        "sources/disc/article.md:27: error: unknown key 'anchr' in [[label]] 1 (did you mean "
        "'anchor'?); allowed: text, anchor, side",
        "sources/disc/article.md:25: error: [[label]] 1 is missing the required key 'anchor'",
    ]
