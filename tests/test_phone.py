"""The phone edition (issue 16): a 4 × 7 inch page, 12 pt body at 30–45 characters a line,
every sentence and the same structure tree as print, links, rebuilds, the manifest. Built once
per session for the reference guide and for tests/guides/phone-sampler (every diagram kind and
a wide table; test content)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from pypdf import PdfReader

from guide.cli import main
from tests import test_accessibility as a11y
from tests.conftest import REFERENCE, ROOT, build_errors, run_cli
from tests.pdftools import elements, page_texts, reading_text
from tests.seedtext import seed_sentences
from tests.tagcheck import Node, page_ids, raw, structure, walk

SAMPLER = ROOT / "tests" / "guides"


@pytest.fixture(scope="session")
def sampler_dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("sampler")
    code = main(
        [
            "build",
            "phone-sampler",
            "--sources",
            str(SAMPLER),
            "--assets",
            str(ROOT / "assets"),
            "--out",
            str(out),
        ]
    )
    assert code == 0
    return out


def _editions(dist: Path, slug: str) -> tuple[Path, Path]:
    pdfs = sorted(dist.glob(f"{slug}-v*.pdf"))
    phone = [p for p in pdfs if p.name.endswith("-phone.pdf")]
    print_ = [p for p in pdfs if not p.name.endswith("-phone.pdf")]
    assert len(phone) == len(print_) == 1, pdfs
    return print_[0], phone[0]


@pytest.fixture(scope="session", params=["reference", "sampler"])
def editions(request: pytest.FixtureRequest) -> tuple[Path, Path]:
    """(print, phone) of the reference guide, then of the sampler."""
    if request.param == "reference":
        dist = request.getfixturevalue("reference_dist")
        return _editions(dist, REFERENCE)
    return _editions(request.getfixturevalue("sampler_dist"), "phone-sampler")


def _frame_lines(pdf: Path) -> list[tuple[str, float]]:
    """(text, size) of each line drawn inside the phone's text frame on the chapter pages,
    grouped by baseline from PDFium's character boxes."""
    doc = pdfium.PdfDocument(str(pdf))
    out = []
    try:
        for index in range(3, len(doc) - 4):
            page = doc[index]
            text = page.get_textpage()
            rows: dict[int, list[tuple[float, str, float]]] = {}
            for i in range(text.count_chars()):
                char = text.get_text_range(i, 1)
                left, bottom, _, _ = text.get_charbox(i)
                if char in "\r\n\ufffe\xad" or not 42 < bottom < 458:
                    continue  # line ends, soft hyphens, the header and the footer
                size = pdfium.raw.FPDFText_GetFontSize(text.raw, i)
                rows.setdefault(round(bottom / 3), []).append((left, char, size))
            for row in rows.values():
                row.sort()
                line = "".join(c for _, c, _ in row).strip()
                if line:
                    out.append((" ".join(line.split()), max(s for _, _, s in row)))
            text.close()
            page.close()
    finally:
        doc.close()
    return out


def test_page_is_about_four_by_seven_inches(editions: tuple[Path, Path]) -> None:
    _, phone = editions
    for page in PdfReader(str(phone)).pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert 3.8 * 72 <= width <= 4.2 * 72 and 6.8 * 72 <= height <= 7.3 * 72
        assert 0.5 <= width / height <= 0.6  # near a phone's 9:16


def test_body_is_12_point_at_30_to_45_characters_a_line(reference_phone_pdf: Path) -> None:
    lines = _frame_lines(reference_phone_pdf)
    body = [text for text, size in lines if round(size, 1) == 12.0 and len(text.split()) > 4]
    assert len(body) > 200
    lengths = sorted(len(text) for text in body)
    median = lengths[len(lengths) // 2]
    assert 30 <= median <= 45, median
    full = [n for n in lengths if n >= 30]  # lines that end a paragraph may be short
    assert len(full) / len(lengths) > 0.8
    assert max(lengths) <= 48, [t for t in body if len(t) > 48]
    sizes = {round(size, 1) for _, size in lines}
    assert min(sizes) >= 9  # labels too


def test_every_sentence_in_order(reference_phone_pdf: Path) -> None:
    """Word for word, as a screen reader reads the phone edition (its structure tree's text)."""
    text = reading_text(reference_phone_pdf)
    position, missing = 0, []
    for sentence in seed_sentences("all"):
        found = text.find(sentence, position)
        if found < 0:
            missing.append(sentence)
        else:
            position = found + len(sentence)
    assert not missing, f"{len(missing)} sentences missing or out of order: {missing[:3]}"


def test_same_elements_and_words_as_print(editions: tuple[Path, Path]) -> None:
    """Element by element, the phone edition says what print says (figures' own drawings
    aside: their alt text is compared instead)."""
    print_, phone = editions

    def said(pdf: Path) -> list[tuple[str, str]]:
        out = []
        for e in elements(pdf):
            text = e.alt if e.type == "Figure" else e.text
            if e.type == "TOCI":  # the page numbers differ: the phone has more pages
                text = text.rstrip("0123456789 ")
            out.append((e.path, text))
        return out

    assert said(phone) == said(print_)


def _roles(node: Node) -> list[str]:
    return [n.type for n in walk(node)]


def test_same_structure_tree_as_print(editions: tuple[Path, Path]) -> None:
    print_, phone = editions
    _, print_root = structure(print_)
    _, phone_root = structure(phone)
    assert _roles(phone_root) == _roles(print_root)
    alts = [str(n.obj.get("/Alt", "")) for n in walk(print_root) if n.type == "Figure"]
    assert [str(n.obj.get("/Alt", "")) for n in walk(phone_root) if n.type == "Figure"] == alts


def test_accessibility_checks_hold_on_the_phone(reference_phone_pdf: Path) -> None:
    a11y.test_document_is_tagged(reference_phone_pdf)
    a11y.test_everything_drawn_is_content_or_artifact(reference_phone_pdf)
    a11y.test_every_link_annotation_belongs_to_a_link_element(reference_phone_pdf)
    a11y.test_reference_figures_have_alt_text(reference_phone_pdf)


def test_links_and_anchors_work(editions: tuple[Path, Path]) -> None:
    """The same links in the same order as print (a link broken over two lines has an
    annotation on each, counted once); each section link lands on the page showing its
    heading."""

    def links(pdf: Path) -> list[str]:
        reader = PdfReader(str(pdf))
        texts = [" ".join(t.split()) for t in page_texts(pdf)]
        pages = page_ids(reader)
        said: list[str] = []
        for page in reader.pages:
            for ref in raw(page.get("/Annots")) or []:
                annot = raw(ref)
                contents = str(annot["/Contents"])
                if "/Dest" in annot:
                    target = pages.index(raw(annot["/Dest"])[0].idnum)
                    title = contents.removeprefix("Go to section: ")
                    if title != contents:
                        assert " ".join(title.split()[:3]) in texts[target], (pdf.name, title)
                if not said or said[-1] != contents:
                    said.append(contents)
        return said

    print_, phone = editions
    assert links(phone) == links(print_)


def test_sampler_adapts_every_kind(sampler_dist: Path) -> None:
    """The wide table became cards (each header cell beside its value) and is still one
    Table of TH and TD; the compare diagram's columns are cards; the key is numbered."""
    _, phone = _editions(sampler_dist, "phone-sampler")
    text = "\n".join(page_texts(phone))
    assert text.count("How long it takes") == 3  # the label on every card
    _, root = structure(phone)
    tables = [n for n in walk(root) if n.type == "Table"]
    wide = tables[1]
    rows = [[c.type for c in tr.kids] for tr in wide.kids]
    assert rows == [["TH"] * 4] + [["TD"] * 4] * 3
    assert all(str(c.obj["/A"]["/Scope"]) == "/Column" for c in wide.kids[0].kids)
    for word in ("Morning visit", "Noon visit", "Evening visit", "Outer ring of the test"):
        assert word in text


def test_rebuild_is_byte_identical(sampler_dist: Path, tmp_path: Path) -> None:
    code = main(
        [
            "build",
            "phone-sampler",
            "--sources",
            str(SAMPLER),
            "--assets",
            str(ROOT / "assets"),
            "--out",
            str(tmp_path),
            "--force",
        ]
    )
    assert code == 0
    for pdf in sampler_dist.glob("*.pdf"):
        assert (tmp_path / pdf.name).read_bytes() == pdf.read_bytes(), pdf.name


def test_manifest_offers_both_editions(reference_dist: Path) -> None:
    manifest = json.loads((reference_dist / "manifest.json").read_text())
    entries = [g for g in manifest["guides"] if g["slug"] == REFERENCE]
    assert [g["edition"] for g in entries] == ["print", "phone"]
    same = {(g["version"], g["fingerprint"], g["draft"]) for g in entries}
    assert len(same) == 1
    phone = entries[1]
    assert phone["pdf"].endswith("-phone.pdf") and (reference_dist / phone["pdf"]).is_file()
    group = manifest["editions"][REFERENCE]
    assert group[0]["pdf"] == entries[0]["pdf"] and group[0]["phone"] == phone["pdf"]


def test_a_guide_may_build_print_only(
    make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.conftest import MINIMAL_TOML

    root = make_project(toml='editions = ["print"]\n' + MINIMAL_TOML)
    code, _, err = run_cli(
        ["build", "--sources", str(root / "sources"), "--out", str(root / "dist")], capsys
    )
    assert code == 0, err
    assert [p.name for p in (root / "dist").glob("*.pdf")] == [
        "test-guide-v1.0.0-draft+" + p.name.split("+")[1] for p in (root / "dist").glob("*.pdf")
    ]
    assert not list((root / "dist").glob("*-phone.pdf"))
    entries = json.loads((root / "dist" / "manifest.json").read_text())["guides"]
    assert [e["edition"] for e in entries] == ["print"]


def test_edition_mistakes_are_reported(
    make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.conftest import MINIMAL_TOML

    root = make_project(toml='editions = ["print", "phnoe"]\n' + MINIMAL_TOML)
    brand = root / "assets" / "brand.toml"
    brand.write_text(
        brand.read_text()
        .replace('furniture = "compact"', 'furniture = "tiny"')
        .replace("small = 10\n", "small = 8\n")
    )
    code, lines = build_errors(root, capsys)
    assert code == 1
    text = "\n".join(lines)
    assert "sources/test-guide/guide.toml:1: error: 'editions' names no edition 'phnoe'" in text
    assert "did you mean 'phone'" in text
    assert "assets/brand.toml" in text and "'furniture' must be one of full, compact" in text
    assert "'editions.phone.type.small' must be between 9" in text


def test_no_text_below_nine_points(editions: tuple[Path, Path]) -> None:
    """Every character as drawn (figures shrunk to fit included), read with pdfminer, whose
    size takes the drawing's scale into account."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTChar

    _, phone = editions
    small: dict[int, set[float]] = {}

    def visit(item: object, page: int) -> None:
        for child in getattr(item, "_objs", None) or []:
            if isinstance(child, LTChar):
                if child.size < 8.95 and child.get_text().strip():
                    small.setdefault(page, set()).add(round(child.size, 2))
            else:
                visit(child, page)

    for number, page in enumerate(extract_pages(str(phone)), start=1):
        visit(page, number)
    assert small == {}


# The phone edition's layout report, at zero as for print. (The phone sampler's first chapter
# was once four figures taller than half the phone's frame with two lines each: no layout can
# fill those pages. It now reads like an article, with text before and after its figures.)
PHONE_DEFECTS = {REFERENCE: 0, "layout-sampler": 0, "phone-sampler": 0}


def _phone_build(slug: str, out: Path) -> tuple[str, Path]:
    import io

    sources = ROOT / "sources" if slug == REFERENCE else SAMPLER
    stdout, stderr = io.StringIO(), io.StringIO()
    argv = ["build", slug, "--report", "--edition", "phone", "--sources", str(sources)]
    argv += ["--assets", str(ROOT / "assets"), "--out", str(out)]
    assert main(argv, stdout, stderr) == 0, stderr.getvalue()
    (phone,) = sorted(out.glob(f"{slug}-v*-phone.pdf"))
    return stdout.getvalue(), phone


@pytest.mark.parametrize("slug", sorted(PHONE_DEFECTS))
def test_phone_layout_report_is_clean(slug: str, tmp_path: Path) -> None:
    report, phone = _phone_build(slug, tmp_path)
    header = f"layout {slug} (phone):"
    assert header in report, report
    section = report.split(header, 1)[1].splitlines()
    defects = [line for line in section[1:] if line.startswith("  page ")]
    if PHONE_DEFECTS[slug] == 0:
        assert "no holes, stranded figures, scraps, widows or orphans" in section[0], report
        assert defects == []
    assert len(defects) == PHONE_DEFECTS[slug], report
    assert not any("hole: the text ends at" in d and int(d.split()[-4][:-1]) < 45 for d in defects)
    # Figures keep their source order on the pages, whatever page each one floats to.
    numbers = [int(n) for n in re.findall(r"Figure (\d+)\.", "\n".join(page_texts(phone)))]
    assert numbers == sorted(numbers) and len(numbers) == len(set(numbers)), numbers
