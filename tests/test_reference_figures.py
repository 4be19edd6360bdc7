"""The reference guide's figures: at least five, numbered, captioned, vector, extractable, and
drawn only from what the article says."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from guide.config.callouts import CALLOUT_LABELS
from guide.config.load import load_brand, load_guide
from guide.errors import Diagnostics
from guide.i18n import catalogue
from guide.model import Diagram
from guide.parse import parse_guide
from tests.conftest import ROOT
from tests.pdftools import Element, normalize
from tests.seedtext import SEED
from tests.tagcheck import raw

FOLDER = ROOT / "sources" / "discogenic-back-pain"


def diagrams() -> list[Diagram]:
    diagnostics = Diagnostics()
    brand = load_brand(ROOT / "assets" / "brand.toml", "assets/brand.toml", diagnostics)
    config = load_guide(FOLDER, "sources/discogenic-back-pain", diagnostics)
    assert brand is not None and config is not None, diagnostics.items
    document = parse_guide(config, ROOT / "assets", brand.palette, diagnostics)
    assert not diagnostics.has_errors, diagnostics.items
    return [f for f in document.figures if isinstance(f, Diagram)]


# A callout's icon is a Figure too, its alternate text the callout's kind in the builder's words.
ICONS = {catalogue("en-US").text(key) for key in CALLOUT_LABELS.values()}


def is_diagram(element: Element) -> bool:
    """A Figure that is neither the QR code nor a callout's icon."""
    return (
        element.type == "Figure"
        and not element.alt.startswith("QR code")
        and element.alt not in ICONS
    )


def test_at_least_five_numbered_figures_with_captions(reference_elements: list[Element]) -> None:
    """Each diagram is a Figure element (its alt text the model's) followed by its Caption,
    "Figure N. caption", in the model's order (the QR code is a figure without a number)."""
    figures = diagrams()
    assert len(figures) >= 5
    assert [f.number for f in figures] == list(range(1, len(figures) + 1))
    assert {f.spec.kind for f in figures} >= {"cycle", "flow", "compare", "anatomy-label"}
    drawn = [
        (e, reference_elements[i + 1]) for i, e in enumerate(reference_elements) if is_diagram(e)
    ]
    assert [(e.alt, caption.type, caption.text) for e, caption in drawn] == [
        (normalize(f.alt), "Caption", normalize(f"Figure {f.number}. {f.caption}")) for f in figures
    ]


def test_figure_text_is_extractable(reference_elements: list[Element]) -> None:
    """Every label of every diagram reads whole in its Figure element's text."""
    drawn = [e.text for e in reference_elements if is_diagram(e)]
    figures = diagrams()
    assert len(drawn) == len(figures)
    for text, figure in zip(drawn, figures, strict=True):
        assert figure.spec.texts
        for label in figure.spec.texts:
            assert normalize(label) in text, (figure.caption, label)


def test_figures_are_vector_drawings(reference_pdf: Path) -> None:
    """No raster image anywhere (pages, forms, inline): figures and the QR code are vector."""
    from pypdf import PdfReader

    reader = PdfReader(str(reference_pdf))
    assert [image.name for page in reader.pages for image in page.images] == []
    forms = [
        raw(x)
        for page in reader.pages
        for x in (raw(page["/Resources"]).get("/XObject") or {}).values()
    ]
    assert len(forms) >= 5 and all(form["/Subtype"] == "/Form" for form in forms)


@pytest.mark.skipif(
    shutil.which("pdfimages") is None,
    reason="poppler's pdfimages not installed (Debian: poppler-utils)",
)
def test_poppler_lists_no_image(reference_pdf: Path) -> None:
    listing = subprocess.run(
        ["pdfimages", "-list", str(reference_pdf)], capture_output=True, text=True, check=True
    ).stdout
    assert len(listing.strip().splitlines()) == 2, listing  # the header lines only


def test_figures_say_only_what_the_article_says() -> None:
    """Every content word of every caption, label and alt text is a word of the article (or
    of a small list of structural words): a figure may rephrase, never add a claim."""
    article = SEED.read_text(encoding="utf-8").lower()
    vocabulary = set(re.findall(r"[a-z]+", article))
    structural = {
        "what",
        "does",
        "not",
        "may",
        "how",
        "works",
        "seen",
        "from",
        "above",
        "with",
        "each",
        "and",
        "the",
        "loop",
        "flow",
        "chart",
        "steps",
        "step",
        "comparison",
        "comparing",
        "table",
        "column",
        "row",
        "leads",
        "leading",
        "next",
        "back",
        "first",
        "four",
        "three",
        "two",
        "cross",
        "section",
        "concentric",
        "rings",
        "ring",
        "form",
        "centre",
        "center",
        "runs",
        "toward",
        "towards",
        "out",
        "through",
        "nearby",
        "afterwards",
        "injected",
        "inside",
        "their",
        "mechanisms",
        "notes",
        "article",
        "ensure",
        "help",
        "key",
        "distinction",
        "mechanism",
        "primarily",
        "is",
    }
    for figure in diagrams():
        words = re.findall(
            r"[a-z]+", " ".join([figure.caption, figure.alt, *figure.spec.texts]).lower()
        )
        known = vocabulary | structural

        def stems(word: str) -> set[str]:
            return {
                word,
                word + "s",
                word.removesuffix("s"),
                word.removesuffix("ing"),
                word.removesuffix("ing") + "e",
                word.removesuffix("d") + "ing",
                word.removesuffix("ed") + "ing",
            }

        unknown = {w for w in words if len(w) > 3 and not stems(w) & known}
        assert not unknown, (figure.caption, unknown)


def test_disc_labels_point_at_the_right_parts() -> None:
    """Each anchor the labels' leader lines end at sits on the part it names: the drawing is
    rendered (svglib → PDF → PDFium) and the pixel under each anchor has that part's colour."""
    import io
    import xml.etree.ElementTree as ET

    import pypdfium2 as pdfium
    from reportlab.graphics import renderPDF
    from svglib.svglib import svg2rlg

    path = ROOT / "assets" / "illustrations" / "disc-cross-section.svg"
    buffer = io.BytesIO()
    renderPDF.drawToFile(svg2rlg(str(path)), buffer)
    pdf = pdfium.PdfDocument(buffer.getvalue())
    image = pdf[0].render(scale=4).to_pil().convert("RGB")
    root = ET.parse(path).getroot()
    x0, y0, width, height = (float(v) for v in root.get("viewBox", "").split())
    expected = {
        "annulus": {"#1c737d"},
        "nucleus": {"#4f5d66"},
        "tear": {"#ffffff"},
        "leak": {"#4f5d66"},
        "nerve-root": {"#e4f1f2", "#0d4f5c"},
    }
    found = {}
    for circle in root.iter("{http://www.w3.org/2000/svg}circle"):
        name = circle.get("id", "").removeprefix("anchor-")
        if name in expected:
            x = (float(circle.get("cx", 0)) - x0) / width * image.size[0]
            y = (float(circle.get("cy", 0)) - y0) / height * image.size[1]
            found[name] = "#{:02x}{:02x}{:02x}".format(*image.getpixel((int(x), int(y))))
    pdf.close()
    assert found.keys() == expected.keys()
    for name, colour in found.items():
        assert colour in expected[name], (name, colour)
