"""The guide as assistive technology reads it: tagged PDF (marked content, structure tree,
ParentTree, links, alt text, reading order) and the accessibility checks before rendering."""

from __future__ import annotations

import calendar
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.generic import BooleanObject, DictionaryObject

from guide import model as m
from guide.config.callouts import CALLOUT_LABELS
from guide.config.contrast import Use, check_contrast, contrast_ratio
from guide.config.load import load_brand, load_guide
from guide.config.reader import TomlFile
from guide.config.schema import Color, Palette, TypeScale
from guide.errors import Diagnostics
from guide.i18n import catalogue
from guide.parse import parse_guide
from tests.conftest import ROOT, print_pdfs, run_cli
from tests.pdftools import Element, marked_text, normalize, raw_text
from tests.tagcheck import Node, catalog, page_marks, raw, structure, walk


def test_document_is_tagged(reference_pdf: Path) -> None:
    reader = PdfReader(str(reference_pdf))
    root = catalog(reader)
    assert root["/MarkInfo"]["/Marked"] == BooleanObject(True)
    assert str(root["/Lang"]) == "en-US"
    assert root["/ViewerPreferences"]["/DisplayDocTitle"] == BooleanObject(True)
    assert b"<pdfuaid:part>1</pdfuaid:part>" in root["/Metadata"].get_object().get_data()
    for index, page in enumerate(reader.pages):
        assert str(page["/Tabs"]) == "/S"
        assert raw(page["/StructParents"]) == index


@pytest.mark.skipif(
    shutil.which("pdfinfo") is None,
    reason="poppler's pdfinfo not installed (Debian: poppler-utils)",
)
def test_poppler_reads_the_structure_tree(reference_pdf: Path) -> None:
    info = subprocess.run(
        ["pdfinfo", str(reference_pdf)], capture_output=True, text=True, check=False
    )
    assert re.search(r"^Tagged:\s+yes$", info.stdout, re.M), info.stdout
    result = subprocess.run(
        ["pdfinfo", "-struct-text", str(reference_pdf)], capture_output=True, text=True, check=False
    )
    assert (result.returncode, result.stderr) == (0, "")
    assert "What Is Discogenic Back Pain?" in result.stdout


def test_everything_drawn_is_content_or_artifact(reference_pdf: Path) -> None:
    reader = PdfReader(str(reference_pdf))
    for number, page in enumerate(reader.pages, start=1):
        marks = page_marks(reader, page)
        assert marks.problems == [], f"page {number}: {marks.problems}"
        assert marks.loose == [], f"page {number}: unmarked operators {marks.loose}"
        assert marks.mcids == list(range(len(marks.mcids))), f"page {number}"


def test_each_mcid_belongs_to_exactly_one_element(reference_pdf: Path) -> None:
    reader, root = structure(reference_pdf)
    in_tree = [m for node in walk(root) for m in node.mcids]
    assert len(in_tree) == len(set(in_tree))
    in_content = [
        (index, mcid)
        for index, page in enumerate(reader.pages)
        for mcid in page_marks(reader, page).mcids
    ]
    assert sorted(in_tree) == sorted(in_content)
    # The ParentTree maps each (page, MCID) back to the element that holds it.
    nums = catalog(reader)["/StructTreeRoot"]["/ParentTree"]["/Nums"]
    parents = {int(nums[i]): nums[i + 1].get_object() for i in range(0, len(nums), 2)}
    for node in walk(root):
        for page, mcid in node.mcids:
            assert parents[page][mcid].get_object() is node.obj


def _reference_document() -> m.Document:
    """The reference guide's sources, parsed (the model the PDF is rendered from)."""
    diagnostics = Diagnostics()
    brand = load_brand(ROOT / "assets" / "brand.toml", "brand.toml", diagnostics)
    folder = ROOT / "sources" / "discogenic-back-pain"
    config = load_guide(folder, str(folder), diagnostics)
    assert brand is not None and config is not None
    document = parse_guide(config, ROOT / "assets", brand.palette, diagnostics)
    assert not diagnostics.has_errors, diagnostics.items
    return document


def _model_sequence() -> list[tuple[str, str]]:
    """(structure type, heading text or "") of each chapter's top-level blocks, from the
    parsed Markdown: what the tree must hold between the first chapter and the closing."""
    document = _reference_document()
    kinds = {
        m.Paragraph: "P",
        m.ListBlock: "L",
        m.Table: "Table",
        m.Image: "Figure",
        m.Diagram: "Figure",
        m.Callout: "Note",
        m.BlockQuote: "BlockQuote",
        m.CodeBlock: "Code",
    }
    out: list[tuple[str, str]] = []
    for chapter in document.chapters:
        for block in chapter.blocks:
            if isinstance(block, m.Heading):
                out.append((f"H{block.level}", block.text))
            elif isinstance(block, m.Footnotes):
                for note in block.notes:
                    out.extend(
                        ("Note" if i == 0 and isinstance(b, m.Paragraph) else kinds[type(b)], "")
                        for i, b in enumerate(note.blocks)
                    )
            elif type(block) in kinds:
                out.append((kinds[type(block)], ""))
                if isinstance(block, (m.Image, m.Diagram)) and block.caption:
                    out.append(("Caption", ""))
    return out


def _tree_sequence(root: Node, elements: list[Element]) -> list[tuple[str, str]]:
    """(structure type, heading text or "") of each element below Document, in reading order,
    a heading with its text as a screen reader reads it (its marked content, normalised)."""
    headings = iter([e.text for e in elements if re.fullmatch(r"H[1-6]", e.path)])
    [document] = root.kids
    assert document.type == "Document"
    return [
        (kid.type, next(headings) if re.fullmatch(r"H[1-6]", kid.type) else "")
        for kid in document.kids
    ]


def test_reading_order_matches_the_document_model(
    reference_pdf: Path, reference_elements: list[Element]
) -> None:
    """Between the first chapter's title and the closing pages, the structure tree holds the
    chapters' blocks in the model's order, with each heading's text."""
    model = _model_sequence()
    _, root = structure(reference_pdf)
    tree = _tree_sequence(root, reference_elements)
    first = tree.index(model[0])
    closing = tree.index(("H1", "Schedule an Appointment"))
    assert tree[first:closing] == model
    types = {t for t, _ in tree}
    assert {"H1", "H2", "P", "L", "TOC", "Note", "Figure", "Caption"} <= types


FIGURES = """# Intro

Before the figures.

![A cross-section of a disc with a tear](illustrations/disc-cross-section.svg "Figure words")

```diagram
kind = "cycle"
caption = "The cycle"
alt = "Two steps that feed each other: a, then b."
steps = ["a", "b"]
```

| Option | Effect |
|---|---|
| Rest | Less pain |
"""


def test_figures_and_tables_in_the_tree(
    make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    code, err, root = _build(make_project, capsys, {"01-intro.md": FIGURES})
    assert code == 0, err
    _, tree = structure(print_pdfs(root / "dist")[0])
    figures = [n for n in walk(tree) if n.type == "Figure"]
    assert [str(n.obj["/Alt"]) for n in figures] == [
        "A cross-section of a disc with a tear",
        "Two steps that feed each other: a, then b.",
        "QR code linking to https://example.com/schedule",
    ]
    for node in figures:
        attributes = node.obj["/A"]
        assert attributes["/O"] == "/Layout"
        x0, y0, x1, y1 = (float(v) for v in attributes["/BBox"])
        assert 0 <= x0 < x1 <= 612 and 0 <= y0 < y1 <= 792
    document = tree.kids[0]
    types = [k.type for k in document.kids]
    start = types.index("Figure")
    assert types[start : start + 5] == ["Figure", "Caption", "Figure", "Caption", "Table"]
    table = document.kids[start + 4]
    assert [[c.type for c in row.kids] for row in table.kids] == [["TH", "TH"], ["TD", "TD"]]
    assert table.kids[0].kids[0].obj["/A"]["/Scope"] == "/Column"


def test_reference_figures_have_alt_text(reference_pdf: Path) -> None:
    _, root = structure(reference_pdf)
    figures = [n for n in walk(root) if n.type == "Figure"]
    alts = [str(n.obj["/Alt"]) for n in figures]
    assert "QR code linking to https://" in alts[-1]
    for node in figures:
        attributes = node.obj["/A"]
        assert attributes["/O"] == "/Layout"
        x0, y0, x1, y1 = (float(v) for v in attributes["/BBox"])
        assert 0 <= x0 < x1 <= 612 and 0 <= y0 < y1 <= 792


def test_figure_alt_equals_the_model_alt(reference_pdf: Path) -> None:
    """Each figure's /Alt is the alt text of its image or diagram in the model, in order; the
    QR code's says where it links."""
    document = _reference_document()
    _, root = structure(reference_pdf)
    # a callout's icon is a Figure too: its alternate text says its kind, in the builder's words
    icons = {catalogue("en-US").text(key) for key in CALLOUT_LABELS.values()}
    all_alts = [str(n.obj["/Alt"]) for n in walk(root) if n.type == "Figure"]
    assert any(alt in icons for alt in all_alts)  # the Expert Take callout's icon
    alts = [alt for alt in all_alts if alt not in icons]
    assert len(document.figures) >= 5
    assert alts[:-1] == [figure.alt for figure in document.figures]
    assert alts[-1] == "QR code linking to https://example.com/valor-spine/schedule"


def test_every_link_annotation_belongs_to_a_link_element(reference_pdf: Path) -> None:
    reader, root = structure(reference_pdf)
    nums = catalog(reader)["/StructTreeRoot"]["/ParentTree"]["/Nums"]
    parents = {int(nums[i]): nums[i + 1].get_object() for i in range(0, len(nums), 2)}
    links = {id(a) for n in walk(root) if n.type == "Link" for a in n.annots}
    count = 0
    for page in reader.pages:
        for ref in page.get("/Annots") or []:
            annot = ref.get_object()
            count += 1
            element = parents[int(annot["/StructParent"])]
            assert isinstance(element, DictionaryObject) and raw(element["/S"]) == "/Link"
            kids = raw(element["/K"]) if isinstance(element["/K"], list) else [element["/K"]]
            assert any(
                raw(k).get("/Obj") == ref for k in kids if isinstance(raw(k), DictionaryObject)
            )
            contents = str(annot["/Contents"])
            assert re.match(
                r"^(Link to (https?://|mailto:)\S+|Call \+?\d+|E-mail \S+@\S+"
                r"|Go to (section: .+|footnote.*))$",
                contents,
            ), contents
    assert count > 15 and len(links) == count
    sections = [
        str(a.get_object()["/Contents"]) for p in reader.pages for a in p.get("/Annots") or []
    ]
    assert "Go to section: Why Inflammation Becomes Chronic" in sections


def test_a_split_paragraph_is_one_element_on_two_pages(
    make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    words = " ".join(f"word{n}" for n in range(900))
    root = make_project({"01-intro.md": f"# Intro\n\n{words}\n\n- one\n- two\n"})
    code, _, err = run_cli(
        ["build", "--sources", str(root / "sources"), "--out", str(root / "dist")], capsys
    )
    assert code == 0, err
    _, tree = structure(print_pdfs(root / "dist")[0])
    long = [n for n in walk(tree) if n.type == "P" and len({p for p, _ in n.mcids}) > 1]
    assert len(long) == 1
    items = [n for n in walk(tree) if n.type == "LI"]
    assert [[k.type for k in li.kids] for li in items] == [["Lbl", "LBody"]] * 2


def test_line_ends_do_not_run_words_together(reference_pdf: Path) -> None:
    """Read as a screen reader does (each element's marked content, characters as drawn),
    every word is a word of the guide's sources or one the builder adds: no "endingstart" or
    "inflamma-tion" at line ends (the builder ends each line with a space or a soft hyphen)."""
    folder = ROOT / "sources" / "discogenic-back-pain"
    words = {
        w
        for path in folder.iterdir()
        for w in re.findall(r"[\w’'-]+", path.read_text(encoding="utf-8"))
    }
    # The builder's own words: its English catalogue (labels, history page) and month names.
    english = catalogue("en-US").entries.values()
    words |= {w for text in english for w in re.findall(r"[\w’'-]+", text)}
    words |= set(calendar.month_name[1:])
    _, root = structure(reference_pdf)
    marked = marked_text(reference_pdf)
    texts = [normalize(raw_text(node, marked)) for node in walk(root) if node.mcids]
    assert len(texts) > 100
    tokens = {t for text in texts for t in re.findall(r"[\w’'-]+", text)}
    assert len(tokens) > 500
    strange = {t for t in tokens - words if not re.fullmatch(r"[\da-f]+", t)}
    assert not strange, sorted(strange)


# --- checks before rendering --------------------------------------------------------------


def _build(
    make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str], files: dict[str, str]
) -> tuple[int, str, Path]:
    root = make_project(files)
    code, _, err = run_cli(
        ["build", "--sources", str(root / "sources"), "--out", str(root / "dist")], capsys
    )
    return code, err, root


def _errors(err: str, root: Path) -> list[str]:
    return [line.replace(str(root) + "/", "") for line in err.splitlines() if ": error: " in line]


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        (
            "# Intro\n\n![](illustrations/disc-cross-section.svg)\n",
            "sources/test-guide/01-intro.md:3: error: image 'illustrations/disc-cross-section.svg' "
            "needs alt text: ![what it shows](illustrations/disc-cross-section.svg)",
        ),
        (
            '# Intro\n\nText.\n\n![A disc](illustrations/disc-cross-section.svg "A disc")\n',
            "sources/test-guide/01-intro.md:5: error: alt text must describe the picture, not "
            "repeat its caption",
        ),
        (
            '# Intro\n\n```diagram\nkind = "cycle"\ncaption = "The cycle"\n'
            'steps = ["a", "b"]\n```\n',
            "sources/test-guide/01-intro.md:3: error: diagram is missing the required key 'alt'",
        ),
        (
            '# Intro\n\n```diagram\nkind = "cycle"\ncaption = "The cycle"\nalt = "The  cycle"\n'
            'steps = ["a", "b"]\n```\n',
            "sources/test-guide/01-intro.md:3: error: alt text must describe the diagram, not "
            "repeat its caption",
        ),
        (
            "# Intro\n\nText.\n\n### Skipped\n",
            "sources/test-guide/01-intro.md:5: error: heading level skips from 1 to 3 (use ##)",
        ),
    ],
)
def test_content_checks(
    make_project: Callable[..., Path],
    capsys: pytest.CaptureFixture[str],
    markdown: str,
    expected: str,
) -> None:
    code, err, root = _build(make_project, capsys, {"01-intro.md": markdown})
    assert code == 1
    assert _errors(err, root) == [expected]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            'muted = "#4f5d66"',
            'muted = "#9aa5ab"',
            "assets/brand.toml:18: error: palette colour 'muted' (#9aa5ab) on 'paper' (#ffffff) "
            "has "
            "contrast 2.52:1; captions and page furniture need at least 4.5:1 (WCAG 2.1 AA)",
        ),
        (
            'on_primary = "#ffffff"',
            'on_primary = "#3f8f9c"',
            "assets/brand.toml:23: error: palette colour 'on_primary' (#3f8f9c) on 'primary' "
            "(#0d4f5c) has contrast 2.45:1; text on the cover and the button need at least 4.5:1 "
            "(WCAG 2.1 AA)",
        ),
        (
            "body_size = 12",
            "body_size = 11",
            "assets/brand.toml:42: error: 'type.body_size' must be between 12 and 24, not 11",
        ),
    ],
)
def test_brand_checks(
    make_project: Callable[..., Path],
    capsys: pytest.CaptureFixture[str],
    old: str,
    new: str,
    expected: str,
) -> None:
    root = make_project()
    brand = root / "assets" / "brand.toml"
    text = brand.read_text(encoding="utf-8")
    assert old in text
    brand.write_text(text.replace(old, new), encoding="utf-8")
    code, _, err = run_cli(
        ["build", "--sources", str(root / "sources"), "--out", str(root / "dist")], capsys
    )
    assert code == 1
    assert _errors(err, root) == [expected]


def test_contrast_ratio_follows_wcag() -> None:
    assert contrast_ratio(Color("#000000"), Color("#ffffff")) == pytest.approx(21.0)
    assert contrast_ratio(Color("#777777"), Color("#ffffff")) == pytest.approx(4.48, abs=0.01)


def test_footnotes_are_reference_and_note(
    make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """A note's number in the text is a Reference holding the Link to the note; the note's
    text is a Note."""
    text = "# Intro\n\nA claim that needs a source.[^1]\n\n[^1]: The source of the claim.\n"
    root = make_project({"01-intro.md": text})
    code, _, err = run_cli(
        ["build", "--sources", str(root / "sources"), "--out", str(root / "dist")], capsys
    )
    assert code == 0, err
    _, tree = structure(print_pdfs(root / "dist")[0])
    references = [n for n in walk(tree) if n.type == "Reference"]
    assert len(references) == 1
    assert [k.type for k in references[0].kids] == ["Link"]
    assert any(n.type == "Note" for n in walk(tree))


SCALE = TypeScale(body_size=12, leading=17, h1=28, h2=18, h3=14, small=10, furniture=8.5)


@pytest.mark.parametrize(
    ("size", "bold", "minimum"),
    [
        (18, False, 3.0),
        (17.5, False, 4.5),
        (14, True, 3.0),
        (13.5, True, 4.5),
        (None, False, 3.0),
    ],
)
def test_large_text_and_graphics_need_3_to_1_other_text_4_5_to_1(
    size: float | None, bold: bool, minimum: float
) -> None:
    use = Use("primary", "paper", "x", None if size is None else (lambda _t: size), bold)
    assert use.minimum(SCALE) == minimum


def _contrast_errors(tmp_path: Path, uses: tuple[Use, ...]) -> list[str]:
    toml = tmp_path / "brand.toml"
    toml.write_text('[palette]\nprimary = "#5f9ea0"\npaper = "#ffffff"\n', encoding="utf-8")
    diagnostics = Diagnostics()
    table = TomlFile(toml, "brand.toml", diagnostics).root().table("palette")
    palette = Palette(
        *(
            Color("#5f9ea0" if name == "primary" else "#ffffff")
            for name in Palette.__dataclass_fields__
        )
    )
    check_contrast(palette, SCALE, table, uses)
    return [d.message for d in diagnostics.items]


def test_a_pair_of_3_3_to_1_is_enough_for_headings_not_for_body_text(tmp_path: Path) -> None:
    ratio = contrast_ratio(Color("#5f9ea0"), Color("#ffffff"))
    assert 3.0 < ratio < 4.5
    headings = Use("primary", "paper", "headings", lambda t: t.h2, bold=True)
    strokes = Use("primary", "paper", "strokes", None)
    body = Use("primary", "paper", "body text", lambda t: t.body_size)
    assert _contrast_errors(tmp_path, (headings, strokes)) == []
    assert _contrast_errors(tmp_path, (headings, body, strokes)) == [
        f"palette colour 'primary' (#5f9ea0) on 'paper' (#ffffff) has contrast {ratio:.2f}:1; "
        "body text need at least 4.5:1 (WCAG 2.1 AA)"
    ]
