"""Links as people write them, read back from the built PDF: long addresses that stay on the
page as one link, #anchors that land on their heading, bare and www. addresses, tel: links,
relative links joined to base_url, and the contact details on the back cover.

Every guide written here is test content for these tests, not medical advice.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pikepdf
import pypdf
import pypdfium2
import pytest

from tests.conftest import MINIMAL_TOML, build_errors, print_pdfs, run_cli

NOTICE = "This guide is test content written for a test; it is not medical advice.\n\n"
LONG_URL = (
    "https://www.example.com/articles/discogenic-back-pain/what-to-expect?utm_source="
    "newsletter&utm_medium=email&utm_campaign=spring_2026_back_pain_guide_launch"
    "&utm_content=hero_button_variant_b#section-three"
)


def build_pdf(root: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    code, lines = build_errors(root, capsys)
    assert code == 0, lines
    pdfs = print_pdfs(root / "dist", "test-guide-v*.pdf")
    assert len(pdfs) == 1
    return pdfs[0]


def uris(pdf: Path) -> list[tuple[int, str]]:
    """(page index, URI) of every link annotation that opens an address."""
    reader = pypdf.PdfReader(pdf)
    out = []
    for index, page in enumerate(reader.pages):
        for annot in page.get("/Annots") or []:
            action = annot.get_object().get("/A")
            if action is not None and "/URI" in action:
                out.append((index, str(action["/URI"])))
    return out


def link_elements(pdf: Path) -> list[list[str]]:
    """The /Contents of the annotations under each Link structure element."""
    found: list[list[str]] = []
    with pikepdf.open(pdf) as doc:

        def walk(node: object) -> None:
            if isinstance(node, pikepdf.Array):
                for kid in node:
                    walk(kid)
            elif isinstance(node, pikepdf.Dictionary) and "/S" in node:
                if node.S == "/Link":
                    kids = node.K if isinstance(node.K, pikepdf.Array) else [node.K]
                    found.append(
                        [
                            str(k.Obj.get("/Contents"))
                            for k in kids
                            if isinstance(k, pikepdf.Dictionary) and "/Obj" in k
                        ]
                    )
                if "/K" in node:
                    walk(node.K)

        walk(doc.Root.StructTreeRoot.K)
    return found


def test_a_long_address_stays_on_the_page_as_one_link(
    make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    text = f"# Links\n\n{NOTICE}The raw address is {LONG_URL} and it is long.\n"
    pdf = build_pdf(make_project({"01-intro.md": text}), capsys)
    targets = [(page, uri) for page, uri in uris(pdf) if uri == LONG_URL]
    assert len(targets) >= 3  # one annotation per line it spans
    assert [contents for contents in link_elements(pdf) if LONG_URL in contents[0]] == [
        [f"Link to {LONG_URL}"] * len(targets)
    ]  # all under one Link
    page = pypdfium2.PdfDocument(pdf)[targets[0][0]]
    width, height = page.get_size()
    textpage = page.get_textpage()
    chars = textpage.get_text_range()
    start = "".join(chars.split()).find("https://www.example.com")
    assert start >= 0
    # The address's characters, in the order drawn: every one inside the page box.
    printable = [
        i for i in range(textpage.count_chars()) if not textpage.get_text_range(i, 1).isspace()
    ]
    boxes = [textpage.get_charbox(i) for i in printable[start : start + len(LONG_URL)]]
    drawn = "".join(textpage.get_text_range(i, 1) for i in printable[start : start + len(LONG_URL)])
    # PDFium reports a hyphen that ends a line as U+FFFE (it may be a hyphenation mark).
    assert drawn.replace("\ufffe", "-") == LONG_URL
    assert all(
        left >= 0 and right <= width and bottom >= 0 and top <= height
        for left, bottom, right, top in boxes
    )
    # The address reads whole: no space or hyphen was put into it where its lines break.
    words = pypdf.PdfReader(pdf).pages[targets[0][0]].extract_text()
    assert LONG_URL in "".join(words.split())
    assert LONG_URL.split("#")[0][:60] not in words  # ... and it did break over lines


def test_anchor_links_land_on_their_heading(
    make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    toml = MINIMAL_TOML.replace(
        'chapters = ["01-intro.md"]', 'chapters = ["01-intro.md", "02-more.md"]'
    )
    intro = (
        "# What Is Discogenic Back Pain?\n\n"
        + NOTICE
        + "See [the later section](#a-later-section), [the custom one](#custom-id), "
        "[this chapter](#what-is-discogenic-back-pain) and the note.[^1]\n\n"
        "Also [the note itself](#fn:1).\n\n[^1]: A note for the test.\n"
    )
    more = (
        "# More\n\n" + NOTICE + "\\newpage\n\n## A Later Section\n\nWords.\n\n"
        "\\newpage\n\n## Custom Heading {#custom-id}\n\nBack to "
        "[the start](#what-is-discogenic-back-pain).\n"
    )
    pdf = build_pdf(make_project({"01-intro.md": intro, "02-more.md": more}, toml=toml), capsys)
    reader = pypdf.PdfReader(pdf)
    texts = [page.extract_text() for page in reader.pages]

    def page_of(words: str) -> int:
        return next(i for i, t in enumerate(texts) if words in t and "Contents" not in t)

    landed: dict[str, int | None] = {}
    for index, page in enumerate(reader.pages):
        for annot in page.get("/Annots") or []:
            annot = annot.get_object()
            if "/Dest" in annot and "Contents" not in texts[index]:
                contents = str(annot["/Contents"])
                landed[contents] = reader.get_page_number(annot["/Dest"][0].get_object())
    assert landed["Go to section: A Later Section"] == page_of("A Later Section")
    assert landed["Go to section: Custom Heading"] == page_of("Custom Heading")
    assert landed["Go to section: What Is Discogenic Back Pain?"] == page_of("CHAPTER 1")
    assert landed["Go to footnote"] == page_of("A note for the test.")
    assert page_of("A Later Section") != page_of("Custom Heading")


@pytest.mark.parametrize("command", ["check", "build"])
def test_an_unknown_anchor_is_an_error_at_its_line(
    make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str], command: str
) -> None:
    text = (
        "# What Is Discogenic Back Pain?\n\n"
        + NOTICE
        + "A paragraph over two lines: see\n[chapter 1](#what-is-discogenic-back-pan).\n"
    )
    root = make_project({"01-intro.md": text})
    code, _, err = run_cli(
        [
            command,
            "--sources",
            str(root / "sources"),
            *(["--out", str(root / "dist")] if command == "build" else []),
        ],
        capsys,
    )
    assert code == 1
    assert (
        "sources/test-guide/01-intro.md:6: error: link '#what-is-discogenic-back-pan' goes "
        "to no heading or footnote of this guide (did you mean "
        "'what-is-discogenic-back-pain'?)"
    ) in err.replace(str(root) + "/", "")
    assert "ValueError" not in err and "format not resolved" not in err
    assert not (root / "dist").exists()


def test_bare_www_and_tel_addresses_become_links(
    make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    text = (
        "# Links\n\n" + NOTICE + "Read https://example.com/page_(one), or www.example.org/path. "
        "(See https://example.net/x.) Call [the clinic](tel:+1 (555) 010-2030) or "
        "<info@example.com>; `https://example.com/code` stays text.\n"
    )
    pdf = build_pdf(make_project({"01-intro.md": text}), capsys)
    found = {uri for page, uri in uris(pdf) if page == 2}
    # www. links to https (GitHub's autolinks use http; a clinic's site is served over https).
    assert {
        "https://example.com/page_(one)",
        "https://www.example.org/path",
        "https://example.net/x",
        "tel:+15550102030",
        "mailto:info@example.com",
    } <= found
    assert "https://example.com/code" not in found
    words = " ".join(pypdf.PdfReader(pdf).pages[2].extract_text().split())
    assert "www.example.org/path. (See https://example.net/x.) Call the clinic" in words


@pytest.mark.parametrize(
    "href, message",
    [
        ("tel:12345", "'12345' is not a phone number"),
        ("tel:+1 555 CALL NOW", "'+1 555 CALL NOW' is not a phone number"),
        ("/articles/annular-tears", "relative link '/articles/annular-tears': add base_url"),
    ],
)
def test_bad_phone_numbers_and_relative_links_without_base_url_are_errors(
    make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str], href: str, message: str
) -> None:
    text = f"# Links\n\n{NOTICE}Go [there]({href}).\n"
    code, lines = build_errors(make_project({"01-intro.md": text}), capsys)
    assert code == 1
    assert lines[0].startswith(f"sources/test-guide/01-intro.md:5: error: {message}")


def test_relative_links_join_base_url(
    make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    toml = MINIMAL_TOML.replace(
        'date = "2026-11-25"\n', 'date = "2026-11-25"\nbase_url = "https://valorspine.com/blog/"\n'
    )
    text = (
        f"# Links\n\n{NOTICE}Read [about tears](/articles/annular-tears) and "
        "[the next post](next-post).\n"
    )
    pdf = build_pdf(make_project({"01-intro.md": text}, toml=toml), capsys)
    found = {uri for _, uri in uris(pdf)}
    assert {
        "https://valorspine.com/articles/annular-tears",
        "https://valorspine.com/blog/next-post",
    } <= found


def test_website_email_and_phone_on_the_back_cover_are_links(
    make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    toml = MINIMAL_TOML.replace(
        'email = "info@example.com"\n', 'email = "info@example.com"\nphone = "+1 (555) 010-2030"\n'
    )
    assert "phone" in toml
    pdf = build_pdf(make_project(toml=toml), capsys)
    last = len(pypdf.PdfReader(pdf).pages) - 1
    back = {uri for page, uri in uris(pdf) if page == last}
    assert back == {"https://example.com", "mailto:info@example.com", "tel:+15550102030"}
    contents = [c for element in link_elements(pdf) for c in element]
    assert "Call +15550102030" in contents and "E-mail info@example.com" in contents
    cover = {uri for page, uri in uris(pdf) if page == 0}
    assert cover == {"https://example.com"}


def test_a_heading_with_accents_answers_to_both_slugs(
    make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    text = (
        "# Intro\n\n" + NOTICE + "Read [one](#que-es-la-ciatica) and [two](#qué-es-la-ciática)."
        "\n\n## ¿Qué es la ciática?\n\nWords.\n"
    )
    pdf = build_pdf(make_project({"01-intro.md": text}), capsys)
    contents = [c for element in link_elements(pdf) for c in element]
    # both links, besides the contents line
    assert contents.count("Go to section: ¿Qué es la ciática?") == 3
