"""Key terms: glossary.toml loading, the "Key terms" page, and the links from each chapter's
first mention of a term to its entry (tagged Link annotations). Guides written here are test
content, not medical advice."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pikepdf
import pytest
from pypdf import PdfReader

from tests.conftest import ROOT, print_pdfs, run_cli
from tests.pdftools import normalize, page_texts
from tests.tagcheck import page_ids

Project = Callable[..., Path]
GLOSSARY = ROOT / "sources/discogenic-back-pain/glossary.toml"
WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")


def _terms() -> list[dict[str, object]]:
    terms: list[dict[str, object]] = tomllib.loads(GLOSSARY.read_text("utf-8"))["term"]
    return terms


def test_every_word_of_every_definition_is_the_articles_own() -> None:
    article = (ROOT / "tests/data/seed-article.txt").read_text(encoding="utf-8").lower()
    words = set(WORD.findall(article))
    for entry in _terms():
        definition = str(entry["definition"]).lower()
        missing = [w for w in WORD.findall(definition) if w not in words]
        assert not missing, f"{entry['term']}: {missing} are not words of the article"
        aliases = entry.get("aliases", [])
        assert isinstance(aliases, list)
        for name in [entry["term"], *aliases]:
            assert str(name).lower() in article, name


def test_the_reference_glossary_holds_the_terms_the_article_defines() -> None:
    names = {str(t["term"]).lower() for t in _terms()}
    assert {
        "annulus fibrosus",
        "nucleus pulposus",
        "annular tear",
        "central sensitization",
        "intra-annular fibrin injection",
        "platelet-rich plasma",
    } <= names
    assert len(names) >= 10


def _destinations(reader: PdfReader) -> dict[int, int]:
    """id of each page object → its index."""
    return {idnum: i for i, idnum in enumerate(page_ids(reader))}


def _term_links(reader: PdfReader, titles: set[str]) -> list[tuple[int, str, int]]:
    """(page index, term, target page index) of every link to a key term's entry."""
    pages = _destinations(reader)
    found = []
    for index, page in enumerate(reader.pages):
        for ref in page.get("/Annots") or []:
            annot = ref.get_object()
            contents = str(annot.get("/Contents", ""))
            term = contents.removeprefix("Go to section: ")
            if annot.get("/Subtype") == "/Link" and term in titles:
                assert "/StructParent" in annot  # tied to a Link element of the structure
                found.append((index, term, pages[annot["/Dest"][0].idnum]))
    return found


def test_the_reference_pdf_has_a_key_terms_page_linked_from_the_chapters(
    reference_pdf: Path,
) -> None:
    texts = page_texts(reference_pdf)

    def page_titled(title: str) -> int:  # after the cover and contents
        return next(
            i
            for i, t in enumerate(texts)
            if i > 1 and any(line.strip() == title for line in t.splitlines())
        )

    first, disclaimer = page_titled("Key terms"), page_titled("Disclaimer")
    schedule = page_titled("Schedule an Appointment")
    assert schedule < first < disclaimer
    # PDFium marks a hyphen at a line end without saying whose it is: compare without them.
    # The disclaimer may follow the key terms on their last page: read up to its heading.
    joined = "\n".join(texts[first : disclaimer + 1])
    heading = re.search(r"^\s*Disclaimer\s*$", joined, flags=re.M)
    assert heading is not None
    key_pages = normalize(joined[: heading.start()]).replace("-", "")
    titles = {str(t["term"]) for t in _terms()}
    for entry in _terms():
        assert str(entry["term"]).replace("-", "") in key_pages
        opening = " ".join(str(entry["definition"]).split()[:5])
        assert opening.replace("-", "") in key_pages, opening
    assert "Key terms" in texts[1]  # listed in the contents
    links = _term_links(PdfReader(reference_pdf), titles)
    linked = {term for _, term, _ in links}
    assert {
        "annulus fibrosus",
        "nucleus pulposus",
        "annular tear",
        "central sensitization",
        "intra-annular fibrin injection",
        "platelet-rich plasma",
    } <= linked
    for page, term, target in links:
        assert page < first <= target <= disclaimer  # from a chapter to the Key terms pages
        assert term.replace("-", "") in normalize(texts[target]).replace("-", "")


def test_only_the_first_mention_in_each_chapter_is_linked(
    make_project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    glossary = (
        '# Test content, not medical advice.\n[[term]]\nterm = "annulus fibrosus"\n'
        'aliases = ["annulus"]\ndefinition = "The outer ring of a disc."\n\n'
        '[[term]]\nterm = "nucleus"\ndefinition = "The inner core."\n'
    )
    first = (
        "# First\n\nThe annulus holds the nucleus. The annulus fibrosus is tough.\n\n"
        "## The annulus\n\nMore about the annulus.\n\n"
        + "Filler words, so that the chapter takes more than half a page. " * 40
        + "\n"
    )
    second = "# Second\n\nAgain the Annulus Fibrosus.\n"
    toml_path = 'chapters = ["01-intro.md"]'
    from tests.conftest import MINIMAL_TOML

    toml = MINIMAL_TOML.replace(toml_path, 'chapters = ["01-intro.md", "02-more.md"]')
    root = make_project(
        {"glossary.toml": glossary, "01-intro.md": first, "02-more.md": second}, toml=toml
    )
    code, _, err = run_cli(
        ["build", "--sources", str(root / "sources"), "--out", str(root / "dist")], capsys
    )
    assert code == 0, err
    pdf = print_pdfs(root / "dist")[0]
    reader = PdfReader(pdf)
    links = _term_links(reader, {"annulus fibrosus", "nucleus"})
    texts = page_texts(pdf)
    by_page: dict[int, list[str]] = {}
    for page, term, _ in links:
        by_page.setdefault(page, []).append(term)
    chapter_one = next(i for i, t in enumerate(texts) if "The annulus holds" in t)
    chapter_two = next(i for i, t in enumerate(texts) if "Again the Annulus" in t)
    assert sorted(by_page[chapter_one]) == ["annulus fibrosus", "nucleus"]
    assert by_page[chapter_two] == ["annulus fibrosus"]
    assert len(links) == 3


def test_glossary_mistakes_are_reported_at_their_line(
    make_project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    glossary = (
        '# Test content, not medical advice.\n[[term]]\nterm = "disc"\n'
        'definition = "A part of the spine."\n\n[[term]]\nterm = "spinal disc"\n'
        'aliases = ["Disc"]\ndefinition = "The same."\nnotes = "x"\n\n'
        '[[term]]\nterm = "zebra"\ndefinition = "Never mentioned."\n'
    )
    chapter = "# Introduction\n\nA disc in the back.\n"
    root = make_project({"glossary.toml": glossary, "01-intro.md": chapter})
    code, _, err = run_cli(
        ["build", "--sources", str(root / "sources"), "--out", str(root / "dist")], capsys
    )
    assert code == 1
    assert "glossary.toml:8: error: 'Disc' is already a key term or alias of 'disc'" in err
    assert "glossary.toml:10: error: unknown key 'term.notes'" in err
    fixed = glossary.replace('aliases = ["Disc"]\n', "").replace('notes = "x"\n', "")
    root = make_project({"glossary.toml": fixed, "01-intro.md": chapter})
    code, _, err = run_cli(
        ["build", "--sources", str(root / "sources"), "--out", str(root / "dist")], capsys
    )
    assert code == 0, err
    assert "glossary.toml:10: warning: key term 'zebra' is not mentioned in any chapter" in err


def test_no_key_term_link_in_a_heading_a_link_or_a_quoted_article_title(
    make_project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    import pypdfium2

    from tests.conftest import MINIMAL_TOML

    glossary = (
        '# Test content, not medical advice.\n[[term]]\nterm = "annular tear"\n'
        'aliases = ["annular tears"]\ndefinition = "A crack in the outer ring."\n'
    )
    toml = MINIMAL_TOML.replace(
        'title = "Another Article"', 'title = "Annular Tears: The Hidden Cause of Back Pain"'
    )
    chapter = (
        "# Introduction\n\n## What annular tears are\n\n"
        "Read [our page on annular tears](https://example.com/annular-tears). "
        "If you would like to read more, we recommend: Annular Tears: The Hidden Cause "
        "of Back Pain. Here, at last, annular tears are the key term.\n"
    )
    root = make_project({"glossary.toml": glossary, "01-intro.md": chapter}, toml=toml)
    code, _, err = run_cli(
        ["build", "--sources", str(root / "sources"), "--out", str(root / "dist")], capsys
    )
    assert code == 0, err
    pdf = next((root / "dist").glob("*.pdf"))
    links = _term_links(PdfReader(pdf), {"annular tear"})
    assert len(links) == 1  # one link: not the heading's, the link's or the title's mention
    page_index = links[0][0]
    rects = [
        [float(v) for v in ref.get_object()["/Rect"]]
        for ref in PdfReader(pdf).pages[page_index].get("/Annots") or []
        if str(ref.get_object().get("/Contents", "")).endswith("annular tear")
    ]
    page = pypdfium2.PdfDocument(pdf)[page_index]
    textpage = page.get_textpage()
    left, bottom, right, top = rects[0]
    assert textpage.get_text_bounded(left, bottom, right, top).strip() == "annular tears"
    # ... and it is the last of the four mentions on the page.
    searcher = textpage.search("annular tears", match_case=False)
    starts = []
    while (found := searcher.get_next()) is not None:
        x0, y0, _, y1 = textpage.get_charbox(found[0])
        starts.append(left - 1 <= x0 and bottom - 1 <= y0 and y1 <= top + 1)
    assert starts == [False, False, False, True]


Stroke = tuple[float, float, float, float, tuple[float, ...]]  # x1, y1, x2, y2 (page), dash


def _strokes(page: pikepdf.Page) -> list[Stroke]:
    """Every straight line a page's content stream strokes, in page space, with its dash."""

    def apply(m: list[float], x: float, y: float) -> tuple[float, float]:
        return m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]

    ctm, dash = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0], tuple[float, ...]()
    saved: list[tuple[list[float], tuple[float, ...]]] = []
    path: list[tuple[float, float]] = []
    out: list[Stroke] = []
    for instruction in pikepdf.parse_content_stream(page):
        if isinstance(instruction, pikepdf.ContentStreamInlineImage):
            continue
        operands, op = instruction.operands, instruction.operator
        name, args = str(op), [float(a) for a in operands if isinstance(a, int | Decimal)]
        if name == "q":
            saved.append((ctm, dash))
        elif name == "Q":
            ctm, dash = saved.pop()
        elif name == "cm":
            a, b, c, d, e, f = args
            m = ctm
            ctm = [
                a * m[0] + b * m[2], a * m[1] + b * m[3],
                c * m[0] + d * m[2], c * m[1] + d * m[3],
                e * m[0] + f * m[2] + m[4], e * m[1] + f * m[3] + m[5],
            ]  # fmt: skip
        elif name == "d":
            dash = tuple(float(v) for v in operands[0])
        elif name == "m":
            path = [apply(ctm, *args)]
        elif name == "l":
            path.append(apply(ctm, *args))
        elif name == "S" and len(path) == 2:
            (x1, y1), (x2, y2) = path
            out.append((x1, y1, x2, y2, dash))
    return out


def test_only_a_key_terms_underline_is_dotted_a_links_in_the_same_paragraph_is_solid(
    make_project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    glossary = (
        '# Test content, not medical advice.\n[[term]]\nterm = "nucleus"\n'
        'definition = "The inner core."\n'
    )
    chapter = (  # test content, not medical advice
        "# Introduction\n\nThe nucleus sits inside; read [our page about it]"
        "(https://example.com/more) before the nucleus is named again.\n"
    )
    root = make_project({"glossary.toml": glossary, "01-intro.md": chapter})
    code, _, err = run_cli(
        ["build", "--sources", str(root / "sources"), "--out", str(root / "dist")], capsys
    )
    assert code == 0, err
    checked = set()
    with pikepdf.open(print_pdfs(root / "dist")[0]) as pdf:
        for page in pdf.pages:
            strokes = _strokes(page)
            for annot in page.get("/Annots") or []:
                action = annot.get("/A")
                uri = str(action.get("/URI")) if action is not None else ""
                if uri == "https://example.com/more":
                    kind = "link"
                elif str(annot.get("/Contents", "")).endswith("nucleus"):
                    kind = "term"
                else:
                    continue
                left, bottom, right, top = (float(v) for v in annot.Rect)
                under = [
                    dash
                    for x1, y1, x2, y2, dash in strokes
                    if abs(y1 - y2) < 0.01
                    and bottom - 2 <= y1 <= top
                    and left - 1 <= min(x1, x2) < max(x1, x2) <= right + 1
                ]
                assert len(under) == 1, (kind, under)
                assert under[0] == ((0.1, 2.2) if kind == "term" else ()), (kind, under)
                checked.add(kind)
    assert checked == {"term", "link"}
