"""The reference guide as a reader sees it: every seed sentence, outline, labels, links, fonts."""

from __future__ import annotations

import difflib
import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pikepdf
import pytest
from pypdf import PdfReader
from pypdf.generic import BooleanObject

from tests.conftest import ROOT
from tests.pdftools import (
    Element,
    fonts,
    normalize,
    outline,
    page_lines,
    page_texts,
)
from tests.seedtext import seed_sentences
from tests.tagcheck import catalog, page_ids, structure, walk

GOLDEN = ROOT / "tests" / "golden" / "discogenic-back-pain.json"

TITLE = "Chronic Discogenic Back Pain and the Inflammation Cycle"


def body_text(elements: list[Element]) -> str:
    """The guide as a screen reader reads it (the structure tree's text, normalised)."""
    return " ".join(e.text for e in elements if e.text)


def test_every_seed_sentence_appears_in_order(reference_elements: list[Element]) -> None:
    """Word for word, hyphens and typography included: the structure tree's text keeps each
    glyph as drawn, and the normaliser only undoes the line breaks."""
    text = body_text(reference_elements)
    position = 0
    missing = []
    for sentence in seed_sentences("all"):
        found = text.find(sentence, position)
        if found < 0:
            missing.append(sentence)
        else:
            position = found + len(sentence)
    assert not missing, f"{len(missing)} sentences missing or out of order: {missing[:3]}"


def test_page_chrome_is_not_in_the_guide(reference_elements: list[Element]) -> None:
    text = body_text(reference_elements)
    for chrome in ("Download the Free Guide", "indicates required fields", "Let’s Get Social"):
        assert chrome not in text


def test_pdf_structure_is_valid(reference_pdf: Path) -> None:
    with pikepdf.open(reference_pdf) as pdf:
        assert pdf.check_pdf_syntax() == []


@pytest.mark.skipif(shutil.which("qpdf") is None, reason="qpdf not installed (Debian: qpdf)")
def test_qpdf_finds_no_problem(reference_pdf: Path) -> None:
    result = subprocess.run(
        ["qpdf", "--check", str(reference_pdf)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_opens_and_renders_in_pdfium(reference_pdf: Path) -> None:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(reference_pdf))
    assert len(pdf) > 10
    for page in pdf:
        histogram = page.render(scale=0.3).to_pil().convert("L").histogram()
        inked = sum(histogram[:200]) / sum(histogram)  # share of pixels clearly not white
        assert inked > 0.01, "a blank page"  # a page of five lines inks about 2 %
    pdf.close()


@pytest.mark.skipif(
    shutil.which("pdfinfo") is None or shutil.which("pdftotext") is None,
    reason="poppler's pdfinfo and pdftotext not installed (Debian: poppler-utils)",
)
def test_poppler_reads_it_without_a_warning(reference_pdf: Path) -> None:
    for command in (
        ["pdfinfo", "-box", str(reference_pdf)],
        ["pdftotext", "-q", str(reference_pdf), "/dev/null"],
    ):
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        assert (result.returncode, result.stderr) == (0, ""), command


@pytest.mark.skipif(
    shutil.which("mutool") is None, reason="mupdf's mutool not installed (Debian: mupdf-tools)"
)
def test_mupdf_draws_it_without_an_error(reference_pdf: Path) -> None:
    result = subprocess.run(
        ["mutool", "draw", "-q", "-o", "/dev/null", "-F", "txt", str(reference_pdf)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0 and "error" not in result.stderr.lower(), result.stderr


def test_every_font_is_embedded(reference_pdf: Path) -> None:
    found = fonts(reference_pdf)
    assert found, "no fonts found"
    assert all(found.values()), found
    # Only the brand's fonts, subset: a six-letter tag, then the name (no Helvetica fallback).
    assert all(re.fullmatch(r"/[A-Z]{6}\+Source(Sans|Serif)Pro-\w+", name) for name in found), found


def test_outline_has_an_entry_per_heading(reference_pdf: Path) -> None:
    entries = outline(reference_pdf)
    titles = [title for _, title, _ in entries]
    for heading in (
        "Chronic Discogenic Back Pain and the Inflammation Cycle",
        "What Is Discogenic Back Pain?",
        "Why Inflammation Becomes Chronic",
        "Intra-Annular Fibrin Injection",
        "Platelet-Rich Plasma (PRP)",
        "Taking a More Informed Approach to Disc Pain",
        "Disclaimer",
        "Schedule an Appointment",
    ):
        assert heading in titles
    levels = {title: level for level, title, _ in entries}
    assert levels["What Is Discogenic Back Pain?"] == levels["Why Inflammation Becomes Chronic"] + 1


def test_outline_points_at_the_page_showing_the_heading(
    reference_pdf: Path, reference_elements: list[Element]
) -> None:
    """Each bookmark opens the page where its heading is drawn (the heading element of that
    title holds content on that page, and PDFium finds its words there)."""
    headings = {
        (e.text, page)
        for e in reference_elements
        if re.fullmatch(r"H[1-6]", e.type)
        for page in e.pages
    }
    pages = [normalize(text).replace("-", "") for text in page_texts(reference_pdf)]
    entries = outline(reference_pdf)
    assert len(entries) >= 10
    for _, title, index in entries:
        assert (title, index) in headings, title
        # PDFium marks a hyphen at a line end without saying whose it is: compare without them.
        assert title.replace("-", "") in pages[index], title


def test_page_labels(reference_pdf: Path) -> None:
    reader = PdfReader(str(reference_pdf))
    labels = reader.page_labels
    assert labels[0] == "Cover"
    assert labels[1] == "i"
    assert labels[2] == "1"
    assert labels[-1] == str(len(labels) - 2)


def test_contents_entries_link_to_their_pages(
    reference_pdf: Path, reference_elements: list[Element]
) -> None:
    """Each contents entry (TOCI) links to the page its heading is on, and the number printed
    after its title is that page's label."""
    reader, root = structure(reference_pdf)
    labels = reader.page_labels
    ids = page_ids(reader)
    entries = [n for n in walk(root) if n.type == "TOCI"]
    texts = [e.text for e in reference_elements if e.path == "TOC/TOCI"]
    assert len(entries) == len(texts) >= 10
    headings = {
        (e.text, page)
        for e in reference_elements
        if re.fullmatch(r"H[1-6]", e.type)
        for page in e.pages
    }
    for entry, text in zip(entries, texts, strict=True):
        [link] = [kid for kid in entry.kids if kid.type == "Link"]
        [annotation] = link.annots
        target = ids.index(annotation["/Dest"][0].idnum)
        title, _, number = text.rpartition(" ")
        assert number == labels[target], text
        assert (title, target) in headings, text


def test_metadata(reference_pdf: Path) -> None:
    reader = PdfReader(str(reference_pdf))
    info = reader.metadata
    assert info is not None
    assert info.title == TITLE
    assert info.author == "Valor Spine"
    assert info.subject == ("How it starts, why it persists, and which treatments may interrupt it")
    assert "annular tears" in str(info.get("/Keywords", ""))
    root = catalog(reader)
    assert str(root["/Lang"]) == "en-US"
    assert root["/ViewerPreferences"]["/DisplayDocTitle"] == BooleanObject(True)
    xmp = reader.xmp_metadata
    assert xmp is not None and xmp.dc_title is not None
    assert xmp.dc_title["x-default"] == TITLE


def test_body_text_is_12_point_or_larger(reference_pdf: Path) -> None:
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTChar, LTTextContainer, LTTextLine

    sizes: dict[float, int] = {}
    for page in extract_pages(str(reference_pdf), page_numbers=[3, 4]):
        for element in page:
            if isinstance(element, LTTextContainer):
                for line in element:
                    for char in line if isinstance(line, LTTextLine) else ():
                        if isinstance(char, LTChar) and "Serif" in char.fontname:
                            sizes[round(char.size, 1)] = sizes.get(round(char.size, 1), 0) + 1
    assert sizes, "no body text found"
    body_size = max(sizes, key=lambda s: sizes[s])
    assert body_size >= 12


def test_line_length_is_55_to_80_characters(reference_pdf: Path) -> None:
    """The chapters' lines of running text (more than six words) are 55 to 80 characters long
    (the median: a paragraph's last line is shorter)."""
    starts = {title: page for _, title, page in outline(reference_pdf)}
    chapters = list(range(starts[TITLE], starts["Schedule an Appointment"]))
    lengths = sorted(
        len(line)
        for lines in page_lines(reference_pdf, chapters)
        for line in lines
        if len(line.split()) > 6
    )
    assert len(lengths) > 100
    median = lengths[len(lengths) // 2]
    assert 55 <= median <= 80, median


# --- the golden snapshot ----------------------------------------------------------------------

PAGE_NUMBER = re.compile(r" (\d+|[ivxlc]+)$")


def snapshot(pdf: Path, elements: list[Element]) -> dict[str, Any]:
    """What a reader gets from the reference guide, none of it tied to where lines or pages
    break: metadata, bookmarks, fonts, and every structure element with its text (a contents
    entry without its page number). Page numbers, line lengths and page breaks are checked by
    the tests above, each against a rule, not a copy."""
    reader = PdfReader(str(pdf))
    info = reader.metadata
    assert info is not None
    structure_text: list[list[str]] = []
    for element in elements:
        text = PAGE_NUMBER.sub("", element.text) if element.type == "TOCI" else element.text
        structure_text.append(
            [element.path, text, element.alt] if element.alt else [element.path, text]
        )
    return {
        "metadata": {
            **{k: str(info[k]) for k in ("/Title", "/Author", "/Subject", "/Keywords")},
            "/Lang": str(catalog(reader)["/Lang"]),
        },
        "outline": [[level, title] for level, title, _ in outline(pdf)],
        "fonts": sorted({name.split("+")[-1] for name in fonts(pdf)}),
        "structure": structure_text,
    }


def golden_json(data: dict[str, Any]) -> str:
    """``data`` as JSON with one list entry per line (a change reads as a one-line diff)."""
    parts = []
    for key, value in data.items():
        if isinstance(value, list):
            items = ",\n".join(f"  {json.dumps(item, ensure_ascii=False)}" for item in value)
            parts.append(f" {json.dumps(key)}: [\n{items}\n ]")
        else:
            items = ",\n".join(
                f"  {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}" for k, v in value.items()
            )
            parts.append(f" {json.dumps(key)}: {{\n{items}\n }}")
    return "{\n" + ",\n".join(parts) + "\n}\n"


def test_golden_snapshot(
    reference_pdf: Path, reference_elements: list[Element], request: pytest.FixtureRequest
) -> None:
    """The reference guide as a reader gets it, compared key by key with
    tests/golden/discogenic-back-pain.json; ``pytest --update-golden`` rewrites the file (review
    its diff before committing)."""
    current = golden_json(snapshot(reference_pdf, reference_elements))
    update = bool(request.config.getoption("--update-golden"))
    if update or not GOLDEN.exists():
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_text(current, encoding="utf-8")
        if not update:
            pytest.fail("golden snapshot was missing; written now, check it in")
    expected = GOLDEN.read_text(encoding="utf-8")
    assert json.loads(current).keys() == json.loads(expected).keys()
    diff = "\n".join(
        difflib.unified_diff(
            expected.splitlines(), current.splitlines(), "golden", "this build", lineterm="", n=1
        )
    )
    assert current == expected, (
        "the guide as a reader gets it changed; if intended, run "
        f"pytest --update-golden and review the diff:\n{diff}"
    )


def test_outline_lists_every_heading_of_the_model(reference_pdf: Path) -> None:
    """Every heading of every chapter is a bookmark, in reading order, at its level."""
    from guide.config.load import load_brand, load_guide
    from guide.errors import Diagnostics
    from guide.parse import parse_guide

    diagnostics = Diagnostics()
    brand = load_brand(ROOT / "assets" / "brand.toml", "assets/brand.toml", diagnostics)
    config = load_guide(ROOT / "sources" / "discogenic-back-pain", "sources/x", diagnostics)
    assert brand is not None and config is not None
    document = parse_guide(config, ROOT / "assets", brand.palette, diagnostics)
    expected = [(h.level - 1, h.text) for h in document.headings()]
    entries = [(level, title) for level, title, _ in outline(reference_pdf)]
    assert entries[: len(expected)] == expected
    assert [title for level, title in entries[len(expected) :] if level == 0] == [
        "Schedule an Appointment",
        "Key terms",
        "Disclaimer",
        "Revision history",
    ]
