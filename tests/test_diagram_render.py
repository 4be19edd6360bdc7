"""The diagram flowable in a real PDF: words extractable, no raster images, only embedded
brand fonts, one figure per page at most, scaled down only when taller than a frame."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pdfminer.high_level import extract_text
from pypdf import PdfReader
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

from guide.config.schema import Brand
from guide.diagrams import parse_diagram
from guide.diagrams.spec import Cycle
from guide.errors import Location
from guide.render.layout.diagram import DiagramFlowable, diagram_flowable, svg_drawing
from guide.render.text.fonts import FontSet, register_fonts
from tests.diagram_samples import SAMPLES
from tests.tagcheck import raw


@pytest.fixture(scope="module")
def fonts(brand: Brand) -> FontSet:
    return register_fonts(brand)


def build(path: Path, flowables: list[object], brand: Brand, fonts: FontSet) -> None:
    doc = SimpleDocTemplate(
        str(path),
        pagesize=(brand.page_width, brand.page_height),
        leftMargin=brand.margins.inner,
        rightMargin=brand.margins.outer,
        topMargin=brand.margins.top,
        bottomMargin=brand.margins.bottom,
        initialFontName=fonts.body,
    )  # the canvas' default font is Helvetica otherwise
    doc.build(flowables)


def frame_width(brand: Brand) -> float:
    return brand.text_width - 12  # SimpleDocTemplate's frame pads 6 pt on each side


def figures(brand: Brand, fonts: FontSet, data_dir: Path) -> list[DiagramFlowable]:
    out = []
    for number, body in enumerate(SAMPLES.values(), start=1):
        spec, diagnostics = parse_diagram(body, Location("a.md", 1), brand.palette, data_dir)
        assert spec is not None, diagnostics
        flowable = diagram_flowable(spec, brand, fonts, frame_width(brand), number)
        assert isinstance(flowable, DiagramFlowable)
        out.append(flowable)
    return out


@pytest.fixture(scope="module")
def pdf(brand: Brand, fonts: FontSet, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("render") / "figures.pdf"
    style = ParagraphStyle("body", fontName=fonts.body, fontSize=12, leading=17)
    story: list[object] = []
    for figure in figures(brand, fonts, Path(__file__).parent / "data"):
        story += [
            Paragraph("Body text before the figure.", style),
            Spacer(0, 12),
            figure,
            Spacer(0, 24),
        ]
    build(path, story, brand, fonts)
    return path


def test_every_word_is_text(pdf: Path, brand: Brand, data_dir: Path) -> None:
    text = " ".join(extract_text(str(pdf)).split())
    for number, body in enumerate(SAMPLES.values(), start=1):
        spec, _ = parse_diagram(body, Location("a.md", 1), brand.palette, data_dir)
        assert spec is not None
        assert f"Figure {number}." in text
        for piece in (*spec.texts, spec.caption):
            for word in piece.split():
                assert word in text, word


def test_accessibility_attributes(brand: Brand, fonts: FontSet, data_dir: Path) -> None:
    for figure in figures(brand, fonts, data_dir):
        assert figure.role == "Figure"
        assert figure.alt_text == figure.spec.alt and figure.caption_text == figure.spec.caption


def test_no_raster_images(pdf: Path) -> None:
    reader = PdfReader(pdf)
    assert len(reader.pages) >= 2
    assert [image.name for page in reader.pages for image in page.images] == []


@pytest.mark.skipif(
    shutil.which("pdfimages") is None,
    reason="poppler's pdfimages not installed (Debian: poppler-utils)",
)
def test_poppler_lists_no_raster_image(pdf: Path) -> None:
    listing = subprocess.run(
        ["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    assert len(listing) == 2, listing  # the header lines only


def test_fonts_are_embedded_brand_fonts(pdf: Path) -> None:
    names = set()
    for page in PdfReader(pdf).pages:
        resources = raw(page["/Resources"])
        for font in resources.get("/Font", {}).values():
            font = font.get_object()
            names.add(str(font["/BaseFont"]))
            descriptor = font["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor, font["/BaseFont"]
    assert names
    assert all(re.fullmatch(r"/[A-Z]{6}\+Source(Sans|Serif)Pro-\w+", n) for n in names), names


def test_never_splits(brand: Brand, fonts: FontSet, data_dir: Path) -> None:
    figure = figures(brand, fonts, data_dir)[1]
    _, height = figure.wrap(brand.text_width, 100)
    assert figure.split(brand.text_width, 100) == []
    assert height == pytest.approx(100)  # outside a document the available height is the frame
    assert figure.scale == pytest.approx(100 / figure.natural_height)


def test_taller_than_a_frame_scales_down(
    brand: Brand, fonts: FontSet, data_dir: Path, tmp_path: Path
) -> None:
    spec, _ = parse_diagram(SAMPLES["cycle"], Location("a.md", 1), brand.palette, data_dir)
    assert spec is not None
    long = " ".join(["inflammation"] * 30)
    tall = diagram_flowable(
        spec.__class__(spec.kind, spec.caption, spec.alt, Cycle((long,) * 12)),
        brand,
        fonts,
        frame_width(brand),
        9,
    )
    assert isinstance(tall, DiagramFlowable)
    build(tmp_path / "tall.pdf", [tall], brand, fonts)
    assert tall.scale < 1
    assert len(PdfReader(tmp_path / "tall.pdf").pages) == 1


def test_figure_moves_to_next_page_whole(
    brand: Brand, fonts: FontSet, data_dir: Path, tmp_path: Path
) -> None:
    figure = figures(brand, fonts, data_dir)[1]
    frame = brand.page_height - brand.margins.top - brand.margins.bottom
    build(tmp_path / "moved.pdf", [Spacer(0, frame - 100), figure], brand, fonts)
    assert figure.scale == 1  # moved whole, not shrunk into the space left
    pages = PdfReader(tmp_path / "moved.pdf").pages
    assert len(pages) == 2 and "Figure 2." in pages[1].extract_text()


def test_svglib_draws_the_illustration(data_dir: Path) -> None:
    drawing = svg_drawing(data_dir / "disc-test.svg")
    assert drawing is not None and drawing.width > 0 and drawing.height > 0
