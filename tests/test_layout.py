"""Page layout seen from the PDF: figures float within their chapter, no holes, no stranded
chapter ends, no scraps, widows or orphans, callout kinds that look different, and the layout
report (`build --report`) that lists what is wrong.

Two guides are held to it: the reference guide and tests/guides/layout-sampler (test content,
not medical advice: ten figures of every kind and size, tables and a callout of each kind).
Page fill is measured from the PDF with PDFium, not taken from the builder's own report.
"""

from __future__ import annotations

import io
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_raw
import pytest
from pypdf import PdfReader

from guide.cli import main
from guide.config.callouts import CALLOUT_LABELS
from guide.config.schema import Brand
from guide.i18n import catalogue
from guide.render.text.styles import Styles
from tests.conftest import MINIMAL_TOML, REFERENCE, ROOT, print_pdfs
from tests.pdftools import page_lines, page_texts
from tests.tagcheck import structure, walk

SAMPLER = "layout-sampler"
SAMPLER_DIR = ROOT / "tests" / "guides" / SAMPLER
FULL = 0.78  # a chapter page other than its last ends at least this low in its frame
LABELS = {catalogue("en-US").text(key) for key in CALLOUT_LABELS.values()}  # the icons' words
MIN_LINES = 5  # lines of text on a chapter's last page (figure captions and labels count)


@dataclass
class Built:
    pdf: Path
    report: str
    sources: Path


def _build(sources: Path, slug: str, out: Path) -> Built:
    stdout, stderr = io.StringIO(), io.StringIO()
    # The print edition: the phone edition's layout is tested in tests/test_phone.py.
    code = main(
        [
            "build",
            slug,
            "--report",
            "--edition",
            "print",
            "--sources",
            str(sources),
            "--out",
            str(out),
        ],
        stdout,
        stderr,
    )
    assert code == 0, stderr.getvalue()
    [pdf] = sorted(out.glob(f"{slug}-v*.pdf"))
    return Built(pdf, stdout.getvalue(), sources / slug)


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return _build(ROOT / "sources", REFERENCE, tmp_path_factory.mktemp("reference"))


@pytest.fixture(scope="module")
def sampler(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The sampler, released first so that no DRAFT watermark crosses its pages."""
    root = tmp_path_factory.mktemp("sampler")
    shutil.copytree(ROOT / "assets", root / "assets")
    shutil.copytree(SAMPLER_DIR, root / "sources" / SAMPLER)
    code = main(
        [
            "release",
            SAMPLER,
            "--bump",
            "minor",
            "--summary",
            "Layout test edition",
            "--sources",
            str(root / "sources"),
        ],
        io.StringIO(),
        io.StringIO(),
    )
    assert code == 0
    return _build(root / "sources", SAMPLER, root / "dist")


GUIDES = ["reference", "sampler"]


def _guide(request: pytest.FixtureRequest, name: str) -> Built:
    built: Built = request.getfixturevalue(name)
    return built


# --- measuring the PDF ------------------------------------------------------------------------


@dataclass
class Page:
    text: str
    bottom: float | None  # lowest y of anything drawn inside the text frame
    lines: int  # distinct baselines of text at the size of table text or larger


def measure(pdf: Path, brand: Brand) -> list[Page]:
    """Every page's text, how low its content reaches in the frame, and its lines of text."""
    low, high = brand.margins.bottom, brand.page_height - brand.margins.top
    document = pdfium.PdfDocument(str(pdf))
    pages = []
    try:
        texts = page_texts(pdf)
        for index, page in enumerate(document):
            bottom, baselines = None, set()
            for obj in page.get_objects(max_depth=6):
                if obj.type == pdfium_raw.FPDF_PAGEOBJ_FORM:
                    continue
                _, y0, _, y1 = obj.get_bounds()
                if y0 < low - 3 or y1 > high + 3:
                    continue  # running header and footer
                bottom = y0 if bottom is None else min(bottom, y0)
                if (
                    obj.type == pdfium_raw.FPDF_PAGEOBJ_TEXT
                    and obj.get_font_size() >= brand.type_scale.small - 0.1
                ):
                    baselines.add(round(y0))
            pages.append(Page(texts[index], bottom, len(baselines)))
            page.close()
    finally:
        document.close()
    return pages


def fill(page: Page, brand: Brand) -> float:
    top = brand.page_height - brand.margins.top
    height = top - brand.margins.bottom
    return 0.0 if page.bottom is None else (top - page.bottom) / height


def chapters(pages: list[Page]) -> list[list[int]]:
    """Page indexes of each chapter: from its "CHAPTER n" page to the page before the next
    chapter or the closing part (the call to action's page, which holds its QR code link)."""
    starts = [i for i, p in enumerate(pages) if re.match(r"\s*CHAPTER \d+\b", p.text)]
    closing = next(
        i
        for i, p in enumerate(pages)
        if i > starts[-1]
        and ("Schedule an Appointment" in p.text or "Ask the Front Desk" in p.text)
    )
    ends = [*starts[1:], closing]
    return [list(range(start, end)) for start, end in zip(starts, ends, strict=True)]


# --- the two guides ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", GUIDES)
def test_the_layout_report_finds_nothing(request: pytest.FixtureRequest, name: str) -> None:
    built = _guide(request, name)
    assert "no holes, stranded figures, scraps, widows or orphans" in built.report, built.report


@pytest.mark.parametrize("name", GUIDES)
def test_no_chapter_page_but_the_last_ends_high(
    request: pytest.FixtureRequest, name: str, brand: Brand
) -> None:
    pages = measure(_guide(request, name).pdf, brand)
    found = chapters(pages)
    assert len(found) >= 5
    short = [
        (i + 1, round(fill(pages[i], brand), 2))
        for chapter in found
        for i in chapter[:-1]
        if fill(pages[i], brand) < FULL
    ]
    assert not short, f"pages ending above {FULL:.0%} of the frame: {short}"


@pytest.mark.parametrize("name", GUIDES)
def test_no_chapter_ends_on_a_page_of_a_few_lines(
    request: pytest.FixtureRequest, name: str, brand: Brand
) -> None:
    pages = measure(_guide(request, name).pdf, brand)
    for chapter in chapters(pages):
        if len(chapter) > 1:
            last = pages[chapter[-1]]
            assert last.lines >= MIN_LINES, f"page {chapter[-1] + 1}: {last.text[:80]!r}"


def test_the_reference_guide_keeps_its_page_count(reference: Built) -> None:
    # Issue 12: no more than its 20 pages. The Key terms pages added more than one; the back
    # matter's sections now follow each other on a page where they fit (tests/test_backmatter.py).
    # Floating figures and carried-over lines must not add any.
    assert len(PdfReader(str(reference.pdf)).pages) <= 20


def test_figures_never_leave_their_chapter(sampler: Built, brand: Brand) -> None:
    pages = measure(sampler.pdf, brand)
    config = (sampler.sources / "guide.toml").read_text(encoding="utf-8")
    files = re.findall(r'"(\d\d-[\w-]+\.md)"', config)
    number, expected = 0, {}
    for index, name in enumerate(files):
        text = (sampler.sources / name).read_text(encoding="utf-8")
        for _ in re.finditer(r"^(```diagram|!\[)", text, flags=re.M):
            number += 1
            expected[number] = index
    assert number >= 8
    found = chapters(pages)
    for figure, chapter in expected.items():
        [page] = [i for i, p in enumerate(pages) if f"Figure {figure}." in p.text]
        assert page in found[chapter], f"Figure {figure} on page {page + 1}"


def test_a_floated_figure_stays_after_its_paragraph_in_the_tree(reference: Built) -> None:
    """A figure drawn above the end of the paragraph that introduces it (the text moved up
    around it) is still read after that paragraph: the tree keeps the source order."""
    _, root = structure(reference.pdf)
    kids = root.kids[0].kids
    moved = [
        at
        for at, kid in enumerate(kids)
        if kid.type == "Figure"
        and at
        and kids[at - 1].type == "P"
        and kids[at - 1].mcids
        and kid.mcids
        and max(page for page, _ in kids[at - 1].mcids) > kid.mcids[0][0]
    ]
    assert moved, "no figure of the reference guide floats above its paragraph's end"


def test_callout_kinds_are_spoken_and_look_different(sampler: Built, brand: Brand) -> None:
    _, root = structure(sampler.pdf)
    icons = {
        str(n.obj["/Alt"]): n
        for n in walk(root)
        if n.type == "Figure" and str(n.obj["/Alt"]) in LABELS
    }
    assert set(icons) == LABELS
    notes = [n for n in walk(root) if n.type == "Note"]
    for icon in icons.values():
        assert any(icon in walk(note) for note in notes)
    scale = 4.0
    left = brand.margins.inner
    document = pdfium.PdfDocument(str(sampler.pdf))
    looks: dict[str, tuple[Any, Any]] = {}
    try:
        for label, icon in icons.items():
            page = document[icon.mcids[0][0]]
            image = page.render(scale=scale).to_pil().convert("RGB")
            attributes: Any = icon.obj["/A"]
            x0, y0, _, y1 = (float(v) for v in attributes["/BBox"])
            y = (brand.page_height - (y0 + y1) / 2) * scale
            edge = image.getpixel((int((left + 0.4) * scale), int(y)))
            ground = image.getpixel((int((x0 - 6) * scale), int(y)))
            looks[label] = (edge, ground)
            page.close()
    finally:
        document.close()
    assert len(set(looks.values())) == len(CALLOUT_LABELS), looks


# --- the rules, one by one --------------------------------------------------------------------


def test_a_short_last_word_is_bound_to_the_word_before() -> None:
    from guide.render.text.scraps import bind_last_word

    assert (
        bind_last_word("Why Inflammation Becomes Chronic")
        == "Why Inflammation Becomes&nbsp;Chronic"
    )
    assert bind_last_word('See <a href="x y">the page</a>') == 'See <a href="x y">the&nbsp;page</a>'
    assert bind_last_word("Alone") == "Alone"
    assert bind_last_word("Ends with extraordinarily") == "Ends with extraordinarily"


def _styles(brand: Brand) -> Styles:
    from guide.render.text.fonts import register_fonts
    from guide.render.text.styles import make_styles

    return make_styles(brand, register_fonts(brand))


def test_a_paragraph_never_ends_with_a_hyphenated_tail(brand: Brand) -> None:
    from reportlab.platypus import Paragraph

    from guide.render.text.scraps import BodyParagraph, ends_with_tail

    style = _styles(brand).body
    text = (
        "Patients sometimes ask how the clinic decides what to change, and the answer "
        "depends on comments, measurements and a considerable amount of improvement."
    )
    tails = [
        width
        for width in range(180, 420, 2)
        if (plain := Paragraph(text, style)).wrap(width, 1000) and ends_with_tail(plain)
    ]
    assert tails, "no width gives reportlab's own breaking a scrap: the test proves nothing"
    for width in tails:
        para = BodyParagraph(text, style)
        para.wrap(width, 1000)
        assert not ends_with_tail(para), width


def test_no_widow_or_orphan_when_a_paragraph_splits(brand: Brand) -> None:
    from guide.render.text.scraps import BodyParagraph, line_words

    style = _styles(brand).body
    text = " ".join(["Every line of this test paragraph is ordinary text."] * 9)
    para = BodyParagraph(text, style)
    _, height = para.wrap(brand.text_width, 1000)
    lines = round(height / style.leading)
    assert lines >= 4
    for room in range(1, lines):
        para = BodyParagraph(text, style)
        para.wrap(brand.text_width, 1000)
        pieces = para.split(brand.text_width, room * style.leading + 1)
        for piece in pieces:
            piece.wrap(brand.text_width, 1000)
        assert all(len(line_words(piece)) >= 2 for piece in pieces), room


def test_the_report_names_holes_stranded_figures_widows_and_scraps(brand: Brand) -> None:
    from reportlab.platypus import Paragraph

    from guide.render.layout.floating import Floating
    from guide.render.layout.pagelog import PageLog

    style = _styles(brand).body
    log = PageLog()
    top, height = 700.0, 600.0
    word = Paragraph("A few words on one line.", style)
    word.wrap(400, 100)
    log.drawn(1, 1, word, top - 0.5 * height, top, height)  # half a page, then a new page
    log.drawn(2, 1, Floating(), top - 0.4 * height, top, height)  # a figure alone ends it
    tail = Paragraph(
        "A paragraph whose last line holds only the tail of a hyph\xadenated "
        "word, drawn at a width that breaks it there.",
        style,
    )
    tail.wrap(60, 1000)
    tail.blPara.lines[-2][1][-1] = "hyph\xad"
    tail.blPara.lines[-1] = (0, ["enated."])
    log.drawn(3, 2, tail, top - 0.9 * height, top, height)
    element = object()  # one paragraph's structure element, shared by its pieces
    head, foot = Paragraph("One line at the foot.", style), Paragraph("One line.", style)
    for piece in (head, foot):
        piece.wrap(400, 100)
        piece._struct = element
    head._splitpara = 1
    log.drawn(4, 3, head, top - 0.95 * height, top, height)  # an orphan ends page 4 ...
    log.drawn(5, 3, foot, top - 0.1 * height, top, height)  # ... and its widow opens page 5
    kinds = {(d.page, d.kind) for d in log.report().defects}
    assert kinds == {
        (1, "hole"),
        (2, "stranded"),
        (3, "scrap"),
        (4, "orphan"),
        (5, "widow"),
        (5, "stranded"),
    }  # one line alone ends chapter 3


def test_the_report_lists_each_guides_problems_under_its_name() -> None:
    from guide.cli import print_layout_report

    out = io.StringIO()
    print_layout_report(
        [("first", ["page 4: hole: the text ends at 61% of the page"]), ("second", [])], out
    )
    assert out.getvalue().splitlines() == [
        "layout first: 1 problem",
        "  page 4: hole: the text ends at 61% of the page",
        "layout second: no holes, stranded figures, scraps, widows or orphans",
    ]


def test_every_callout_colour_pair_is_contrast_checked(brand: Brand) -> None:
    from guide.config.callouts import CALLOUT_LOOKS, contrast_pairs
    from guide.config.contrast import LARGE_OR_GRAPHICS, NORMAL_TEXT, contrast_ratio

    pairs = contrast_pairs()
    colors = brand.palette.named()
    for kind, look in CALLOUT_LOOKS.items():
        head = look.band or look.background
        assert (look.title, head, True, f"{kind} callout titles") in pairs
        assert (look.icon_color, head, False, f"{kind} callout icons") in pairs
    for fg, bg, text, _ in pairs:
        minimum = NORMAL_TEXT if text else LARGE_OR_GRAPHICS
        assert contrast_ratio(colors[fg], colors[bg]) >= minimum, (fg, bg)


def test_a_hyphenated_word_in_a_table_cell_is_no_scrap(brand: Brand) -> None:
    from reportlab.platypus import Paragraph, Table

    from guide.render.layout.pagelog import PageLog

    style = _styles(brand).body
    top, height = 700.0, 600.0
    kinds = []
    for role in ("TD", "P"):  # the same lines in a table cell, then in a callout's box
        cell = Paragraph(
            "A cell whose last line holds only the tail of a hyph\xadenated word.", style
        )
        cell.role = role
        table = Table([[cell]], colWidths=[120])
        table.wrap(120, 1000)
        cell.blPara.lines[-2][1][-1] = "hyph\xad"
        cell.blPara.lines[-1] = (0, ["enated."])
        log = PageLog()
        log.drawn(3, 1, table, top - 0.9 * height, top, height)
        kinds.append([d.kind for d in log.report().defects])
    assert kinds == [[], ["scrap"]]


def test_the_report_names_pages_by_their_printed_label(
    make_project: Callable[..., Path], tmp_path: Path
) -> None:
    # Test content, not medical advice: a forced page break leaves a hole on the chapter's
    # first page, which the report must name as the footer does ("Page 1 of …").
    text = (
        "# Introduction\n\nA first short paragraph of test content.\n\n\\newpage\n\n"
        + "More test content after the page break. " * 60
        + "\n"
    )
    root = make_project({"01-intro.md": text})
    out = io.StringIO()
    code = main(
        ["build", "--report", "--sources", str(root / "sources"), "--out", str(tmp_path / "dist")],
        out,
        io.StringIO(),
    )
    assert code == 0
    [pdf] = print_pdfs(tmp_path / "dist", "test-guide-v*.pdf")
    reader = PdfReader(str(pdf))
    hole = next(
        i for i, page in enumerate(reader.pages) if "A first short paragraph" in page.extract_text()
    )
    assert hole > 0 and reader.page_labels[hole] == "1"
    assert "  page 1: hole:" in out.getvalue(), out.getvalue()
    assert f"page {hole + 1}:" not in out.getvalue()


def test_the_cover_never_leaves_one_short_word_alone(
    make_project: Callable[..., Path], tmp_path: Path
) -> None:
    audience = "A free guide for people with leg and back pain"
    toml = MINIMAL_TOML.replace('audience = "For testers"', f'audience = "{audience}"')
    root = make_project(toml=toml)
    code = main(
        ["build", "--sources", str(root / "sources"), "--out", str(tmp_path / "dist")],
        io.StringIO(),
        io.StringIO(),
    )
    assert code == 0
    [pdf] = print_pdfs(tmp_path / "dist", "test-guide-v*.pdf")
    [cover] = page_lines(pdf, [0])
    ending = [line for line in cover if line.split() and line.split()[-1] == "pain"]
    assert ending and len(ending[0].split()) >= 2, cover


def test_short_chapters_run_on_and_long_ones_end_their_page(
    make_project: Callable[..., Path], tmp_path: Path
) -> None:
    # Test content, not medical advice: two chapters of a few lines each, then a chapter longer
    # than half a page, then one more: the second follows the first on its page, the fourth
    # starts a new page.
    short = "A short chapter of test content with a few plain words in it. " * 4
    long = "A longer chapter of test content that fills more than half a page. " * 40
    files = {
        "01-intro.md": f"# One\n\n{short}\n",
        "02-two.md": f"# Two\n\n{short}\n",
        "03-three.md": f"# Three\n\n{long}\n",
        "04-four.md": f"# Four\n\n{short}\n",
    }
    toml = MINIMAL_TOML.replace(
        'chapters = ["01-intro.md"]', "chapters = " + str(list(files)).replace("'", '"')
    )
    root = make_project(files, toml=toml)
    code = main(
        ["build", "--sources", str(root / "sources"), "--out", str(tmp_path / "dist")],
        io.StringIO(),
        io.StringIO(),
    )
    assert code == 0
    [pdf] = print_pdfs(tmp_path / "dist", "test-guide-v*.pdf")
    texts = page_texts(pdf)

    def page_of(number: int) -> int:
        return next(i for i, text in enumerate(texts) if f"CHAPTER {number}" in text)

    assert page_of(1) == page_of(2), texts[page_of(1)][:300]
    opening = texts[page_of(4)].replace("DRAFT", "", 1).lstrip()  # the draft mark's text
    assert opening.startswith("CHAPTER 4"), texts[page_of(4)][:200]


def test_every_reference_chapter_starts_a_page(reference: Built) -> None:
    texts = page_texts(reference.pdf)
    starts = [i for i, text in enumerate(texts) if re.match(r"\s*CHAPTER \d+\b", text)]
    assert len(starts) == 8
    assert sum(len(re.findall(r"CHAPTER \d+\b", text)) for text in texts) == 8


def test_a_figure_and_a_few_lines_ending_a_chapter_count_when_the_page_before_had_room(
    brand: Brand,
) -> None:
    from reportlab.platypus import Paragraph

    from guide.render.layout.floating import Floating
    from guide.render.layout.pagelog import PageLog

    style = _styles(brand).body
    top, height = 700.0, 600.0
    found = []
    for share in (0.85, 0.995):  # the page before ends with room for lines, then full
        log = PageLog()
        text = Paragraph("Words of test content. " * 2, style)
        text.wrap(400, 1000)  # one line: fewer than a figure's company of three
        log.drawn(3, 1, Paragraph("Test content.", style), top - share * height, top, height)
        log.drawn(4, 1, Floating(), top - 0.4 * height, top, height)
        log.drawn(4, 1, text, top - 0.5 * height, top, height)
        found.append([(d.page, d.kind) for d in log.report().defects])
    assert found == [[(4, "stranded")], []]


def test_a_page_before_with_less_than_a_line_below_its_last_space_has_no_room(
    brand: Brand,
) -> None:
    # A line on that page would come after the last block's space after: what is left below
    # that space is the room, and a full page (room under one line) is no defect.
    from reportlab.platypus import Paragraph

    from guide.render.layout.floating import Floating
    from guide.render.layout.pagelog import LINE, PageLog

    style = _styles(brand).body
    top, height = 700.0, 600.0
    found = []
    for room in (LINE + 1.0, LINE - 1.0):
        log = PageLog()
        last = Paragraph("Test content.", style)
        assert last.getSpaceAfter() >= 2.0
        ink_bottom = top - height + room + last.getSpaceAfter()
        log.drawn(3, 1, last, ink_bottom, top, height)
        text = Paragraph("Words of test content.", style)
        text.wrap(400, 1000)
        log.drawn(4, 1, Floating(), top - 0.4 * height, top, height)
        log.drawn(4, 1, text, top - 0.5 * height, top, height)
        found.append([(d.page, d.kind) for d in log.report().defects])
    assert found[0] == [(4, "stranded")] and (4, "stranded") not in found[1]


def test_the_reference_guides_first_chapter_ends_on_its_page(
    reference: Built, brand: Brand
) -> None:
    # It once ended on a page of five lines after Figure 1: shrinking the figure and tightening
    # the space between its blocks keeps it on one page.
    pages = measure(reference.pdf, brand)
    first = chapters(pages)[0]
    assert len(first) == 1, [pages[i].text[:60] for i in first]
    assert "might suggest" in pages[first[0]].text and "Figure 1" in pages[first[0]].text
