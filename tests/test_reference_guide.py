"""The reference guide as a reader sees it: every seed sentence, outline, labels, links, fonts."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pikepdf
import pytest
from pypdf import PdfReader

from tests.conftest import ROOT
from tests.pdftools import (
    HAS_POPPLER,
    content_text,
    fonts,
    join_lines,
    outline,
    page_texts,
    text_outside_figures,
)
from tests.seedtext import normalize, seed_sentences

GOLDEN = ROOT / "tests" / "golden" / "discogenic-back-pain.json"


TITLE = "Chronic Discogenic Back Pain and the Inflammation Cycle"


def body_text(pdf: Path) -> str:
    return join_lines(content_text(page_texts(pdf), TITLE))


def test_every_seed_sentence_appears_in_order(reference_pdf: Path) -> None:
    # The running text, read around the figures (a figure floated to a page's top sits inside
    # the paragraph carried over to that page). Hyphens are compared away on both sides.
    running = join_lines(content_text(text_outside_figures(reference_pdf), TITLE))
    text = normalize(running).replace("-", "")
    position = 0
    missing = []
    for sentence in seed_sentences("all"):
        wanted = sentence.replace("-", "")
        found = text.find(wanted, position)
        if found < 0:
            missing.append(sentence)
        else:
            position = found + len(wanted)
    assert not missing, f"{len(missing)} sentences missing or out of order: {missing[:3]}"


def test_page_chrome_is_not_in_the_guide(reference_pdf: Path) -> None:
    text = body_text(reference_pdf)
    for chrome in ("Download the Free Guide", "indicates required fields", "Let’s Get Social"):
        assert chrome not in text


def test_pdf_structure_is_valid(reference_pdf: Path) -> None:
    with pikepdf.open(reference_pdf) as pdf:
        assert pdf.check_pdf_syntax() == []
    if shutil.which("qpdf"):
        result = subprocess.run(["qpdf", "--check", str(reference_pdf)], capture_output=True,
                                text=True)
        assert result.returncode == 0, result.stdout + result.stderr


def test_opens_in_pdfium_and_poppler_without_warnings(reference_pdf: Path) -> None:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(reference_pdf))
    assert len(pdf) > 10
    for page in pdf:
        page.render(scale=0.3).to_pil()
    pdf.close()
    if HAS_POPPLER:
        for tool in (["pdfinfo"], ["pdftotext", "-q"]):
            result = subprocess.run([*tool, str(reference_pdf), "/dev/null"
                                     if tool[0] == "pdftotext" else "-box"],
                                    capture_output=True, text=True)
            assert result.returncode == 0 and result.stderr == "", result.stderr
    if shutil.which("mutool"):
        result = subprocess.run(["mutool", "draw", "-q", "-o", "/dev/null", "-F", "txt",
                                 str(reference_pdf)], capture_output=True, text=True)
        assert result.returncode == 0 and "error" not in result.stderr.lower(), result.stderr


def test_every_font_is_embedded(reference_pdf: Path) -> None:
    found = fonts(reference_pdf)
    assert found, "no fonts found"
    assert all(found.values()), found
    assert not any(name.strip("/") in ("Helvetica", "Times-Roman", "Courier") for name in found)
    # Subset fonts carry a six-letter tag: ABCDEF+Name (reportlab names them SUBSET-style).
    assert all("+" in name or "Source" in name for name in found), found


def test_outline_has_an_entry_per_heading(reference_pdf: Path) -> None:
    entries = outline(reference_pdf)
    titles = [title for _, title, _ in entries]
    for heading in ("Chronic Discogenic Back Pain and the Inflammation Cycle",
                    "What Is Discogenic Back Pain?", "Why Inflammation Becomes Chronic",
                    "Intra-Annular Fibrin Injection", "Platelet-Rich Plasma (PRP)",
                    "Taking a More Informed Approach to Disc Pain", "Disclaimer",
                    "Schedule an Appointment"):
        assert heading in titles
    levels = {title: level for level, title, _ in entries}
    assert levels["What Is Discogenic Back Pain?"] == levels["Why Inflammation Becomes Chronic"] + 1


def test_outline_points_at_the_page_showing_the_heading(reference_pdf: Path) -> None:
    pages = page_texts(reference_pdf)
    for _, title, index in outline(reference_pdf):
        assert " ".join(title.split()[:3]) in " ".join(pages[index].split()), title


def test_page_labels(reference_pdf: Path) -> None:
    reader = PdfReader(str(reference_pdf))
    labels = reader.page_labels
    assert labels[0] == "Cover"
    assert labels[1] == "i"
    assert labels[2] == "1"
    assert labels[-1] == str(len(labels) - 2)


def test_contents_entries_link_to_their_pages(reference_pdf: Path) -> None:
    reader = PdfReader(str(reference_pdf))
    pages = page_texts(reference_pdf)
    contents = reader.pages[1]
    links = [a.get_object() for a in contents.get("/Annots", [])]
    internal = [a for a in links if "/Dest" in a]
    assert len(internal) >= 10
    labels = reader.page_labels
    page_ids = [p.indirect_reference.idnum for p in reader.pages]
    toc_text = pages[1]
    for annot in internal:
        target = page_ids.index(annot["/Dest"][0].idnum)
        # The page number printed in the contents is the target page's label.
        assert re.search(rf"\b{re.escape(labels[target])}\b", toc_text)


def test_metadata(reference_pdf: Path) -> None:
    reader = PdfReader(str(reference_pdf))
    info = reader.metadata
    assert info.title == "Chronic Discogenic Back Pain and the Inflammation Cycle"
    assert info.author == "Valor Spine"
    assert info.subject
    assert "annular tears" in (info.get("/Keywords") or "")
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en-US"
    assert root["/ViewerPreferences"]["/DisplayDocTitle"] == True  # noqa: E712 (a PDF boolean)
    xmp = reader.xmp_metadata
    assert xmp is not None and xmp.dc_title["x-default"] == info.title


def test_body_text_is_12_point_or_larger(reference_pdf: Path) -> None:
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTChar, LTTextContainer

    sizes: dict[float, int] = {}
    for page in extract_pages(str(reference_pdf), page_numbers=[3, 4]):
        for element in page:
            if isinstance(element, LTTextContainer):
                for line in element:
                    for char in getattr(line, "_objs", []):
                        if isinstance(char, LTChar) and "Serif" in char.fontname:
                            sizes[round(char.size, 1)] = sizes.get(round(char.size, 1), 0) + 1
    body_size = max(sizes, key=lambda s: sizes[s])
    assert body_size >= 12


def test_line_length_is_55_to_80_characters(reference_pdf: Path) -> None:
    pages = page_texts(reference_pdf)
    lengths = []
    for text in pages[3:6]:
        lines = [ln for ln in text.split("\n") if len(ln.split()) > 6]
        lengths += [len(ln) for ln in lines]
    lengths.sort()
    median = lengths[len(lengths) // 2]
    assert 55 <= median <= 80, median


def snapshot(pdf: Path) -> dict[str, object]:
    reader = PdfReader(str(pdf))
    info = reader.metadata
    return {
        "pages": len(reader.pages),
        "page_labels": list(reader.page_labels),
        "metadata": {k: str(info[k]) for k in ("/Title", "/Author", "/Subject", "/Keywords")},
        "outline": [[level, title, reader.page_labels[page]] for level, title, page in
                    outline(pdf)],
        "fonts": sorted(name.split("+")[-1] for name in fonts(pdf)),
        "text": [" ".join(t.split()) for t in page_texts(pdf)],
    }


def test_golden_snapshot(reference_pdf: Path, request: pytest.FixtureRequest) -> None:
    """The extracted structure of the reference guide; rewrite with --update-golden."""
    current = snapshot(reference_pdf)
    if request.config.getoption("--update-golden") or not GOLDEN.exists():
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_text(json.dumps(current, indent=1, ensure_ascii=False) + "\n",
                          encoding="utf-8")
        if not request.config.getoption("--update-golden"):
            pytest.fail("golden snapshot was missing; written now, check it in")
    expected = json.loads(GOLDEN.read_text(encoding="utf-8"))
    for key in ("pages", "page_labels", "metadata", "outline", "fonts"):
        assert current[key] == expected[key], key
    assert current["text"] == expected["text"], (
        "page text changed; if intended, run pytest --update-golden and review the diff")


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
    assert entries[:len(expected)] == expected
    assert [title for level, title in entries[len(expected):] if level == 0] == [
        "Schedule an Appointment", "Key terms", "Disclaimer", "Revision history"]
