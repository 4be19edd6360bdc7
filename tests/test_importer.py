"""`import`: saved article pages (written for these tests, with the usual site chrome around
them: a WordPress post and a page-builder page without <article>) become guides whose PDFs hold
every sentence of the article and none of the chrome."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import ROOT, run_cli
from tests.pdftools import normalize, page_texts
from tests.seedtext import split_sentences
from tests.test_scaffold import uris

PAGES = ROOT / "tests" / "data" / "pages"

# The articles' text as the pages show it (paragraphs, list items, cells, the quote), copied from
# the test pages by hand: what must reach the guide word for word.
WORDPRESS_ARTICLE = [
    "Many people notice that sciatica feels worse after a long day at a desk. This test article "
    "explains why posture matters and which small habits may help.",
    "It was written for the importer's tests and is not medical advice; the sentences only need "
    "to survive the trip into Markdown.",
    "Why sitting can aggravate the nerve",
    "Sitting raises the pressure inside the lower discs compared with standing. A disc that "
    "already bulges may then press harder on a nearby nerve root.",
    "Upright sitting with the feet flat.",
    "You can read more in our article on disc bulges or on the NINDS website.",
    "Habits that may help",
    "The following habits are simple to try at work:",
    "Stand up and walk for a few minutes every half hour.",
    "Keep both feet flat on the floor.",
    "Use a small cushion to support the curve of the lower back.",
    "Small changes repeated every day often matter more than one big change.",
    "Comparing chairs",
    "Kitchen chair",
    "Lumbar pad",
    "Adjustable height",
    "When pain spreads below the knee or comes with numbness, ask a clinician to examine you.",
]
WORDPRESS_DISCLAIMER = (
    "This test page is for illustration only and does not constitute medical "
    "advice. It is not intended to diagnose, treat, cure, or prevent any "
    "condition. Please consult a qualified healthcare provider about your own "
    "symptoms."
)
WORDPRESS_CHROME = [
    "We use cookies",
    "Accept all cookies",
    "About Our Team",
    "Services and Treatments",
    "Share on Facebook",
    "Share this",
    "Leave a Reply",
    "Recent Posts",
    "Five stretches",
    "Subscribe to our monthly",
    "All rights reserved",
    "Privacy Policy",
    "Previous post",
    "Posted on",
    "Tagged",
    "MUST NOT APPEAR",
]
BUILDER_ARTICLE = [
    "Runners often feel an ache around the kneecap after longer distances. This test page was "
    "written for the importer's tests and describes no real patient.",
    "The page is not medical advice, and its facts are deliberately plain.",
    "Common reasons",
    "Three reasons come up again and again:",
    "Increasing weekly distance too quickly.",
    "Worn-out shoes that no longer absorb the impact.",
    "Weak hip muscles that let the knee drift inward.",
    "See the hip strength exercises page for ideas.",
    "When to rest",
    "Pain that lasts more than a few days deserves a pause from running. Swelling, locking or "
    "giving way should be examined by a clinician.",
    "Rest is part of training, not a break from it.",
]
BUILDER_CHROME = [
    "Conditions We Treat",
    "Book a Visit Online",
    "stores cookies",
    "I agree",
    "Share this page",
    "Your name for a free consultation",
    "Send my request",
    "1 Test Street",
    "Privacy Notice",
    "Accessibility Statement",
    "JSON LD TEXT",
    "Example Spine Clinic",
]


def flat(text: str) -> str:
    return normalize(text).replace("’", "'").replace("“", '"').replace("”", '"')


def markdown_words(folder: Path) -> str:
    """Every chapter's Markdown with its markup taken out."""
    text = " ".join(p.read_text("utf-8") for p in sorted(folder.glob("[0-9][0-9]-*.md")))
    text = re.sub(r"<!--.*?-->", " ", text, flags=re.S)
    # a link's target goes; a picture's title (its caption) stays
    text = re.sub(
        r"\]\(\S+(?: \"([^\"]*)\")?\)", lambda m: f" {m.group(1)}" if m.group(1) else "", text
    )
    text = re.sub(r"[*\[\]\\]", "", text)
    return flat(re.sub(r"(?m)^(#+|>|-|\d+\.|\|[-|]*\|?$)\s*|\|", " ", text))


def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(ROOT / "assets", root / "assets")
    (root / "sources").mkdir()
    return root


def import_and_build(
    root: Path, page: Path, slug: str, capsys: pytest.CaptureFixture[str]
) -> tuple[str, str, Path]:
    sources = root / "sources"
    code, out, err = run_cli(
        ["import", str(page), "--slug", slug, "--sources", str(sources)], capsys
    )
    assert code == 0, err
    code, _, build_err = run_cli(
        ["build", slug, "--sources", str(sources), "--out", str(root / "dist")], capsys
    )
    assert code == 0, build_err
    entry = json.loads((root / "dist" / "manifest.json").read_text("utf-8"))["guides"][0]
    return out, err, root / "dist" / entry["pdf"]


@pytest.mark.parametrize(
    ("page", "article", "chrome", "title"),
    [
        (
            PAGES / "wordpress.html",
            WORDPRESS_ARTICLE,
            WORDPRESS_CHROME,
            "Sitting and Sciatica: What Helps",
        ),
        (
            PAGES / "builder" / "knee-page.html",
            BUILDER_ARTICLE,
            BUILDER_CHROME,
            "Knee Pain After Running",
        ),
    ],
    ids=["wordpress", "page-builder"],
)
def test_every_sentence_reaches_the_pdf_and_no_chrome_does(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    page: Path,
    article: list[str],
    chrome: list[str],
    title: str,
) -> None:
    root = project(tmp_path)
    out, _, pdf = import_and_build(root, page, "imported", capsys)
    text = flat("\n".join(page_texts(pdf)))
    markdown = markdown_words(root / "sources" / "imported")
    for unit in article:
        for sentence in split_sentences(unit):
            assert flat(sentence) in markdown, sentence
            assert flat(sentence) in text, sentence
    for words in chrome:
        assert words not in text and words not in markdown, words
    assert text.count(title) >= 2  # the cover and the running header or back cover
    toml = (root / "sources" / "imported" / "guide.toml").read_text("utf-8")
    assert f'title = "{title}"' in toml
    assert "dropped cookie banner (line " in out


def test_wordpress_post_structure_links_pictures_and_disclaimer(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = project(tmp_path)
    _, err, pdf = import_and_build(root, PAGES / "wordpress.html", "sitting", capsys)
    folder = root / "sources" / "sitting"
    names = sorted(p.name for p in folder.glob("*.md"))
    assert names == [
        "01-introduction.md",
        "02-why-sitting-can-aggravate-the-nerve.md",
        "03-habits-that-may-help.md",
        "04-comparing-chairs.md",
        "disclaimer.md",
    ]
    assert not (folder / "revisions.toml").exists()
    chapter2 = (folder / "02-why-sitting-can-aggravate-the-nerve.md").read_text("utf-8")
    assert chapter2.startswith("# Why sitting can aggravate the nerve\n")
    assert (
        "![A person sitting upright at a desk](images/sitting-posture.png "
        '"Upright sitting with the feet flat.")'
    ) in chapter2  # <figcaption>: the caption
    assert (folder / "images" / "sitting-posture.png").read_bytes() == (
        PAGES / "wordpress_files" / "sitting-posture.png"
    ).read_bytes()
    intro = (folder / "01-introduction.md").read_text("utf-8")
    assert "**not medical advice**" in intro and "*sentences*" in intro
    habits = (folder / "03-habits-that-may-help.md").read_text("utf-8")
    assert "- Keep both feet flat on the floor." in habits
    assert "> Small changes repeated" in habits
    assert "TODO: picture not imported: https://cdn.example.net/uploads/desk-setup.jpg" in habits
    assert "desk-setup.jpg' is on the web (nothing is fetched)" in err
    assert "| Office chair | Lumbar pad | Yes |" in (folder / "04-comparing-chairs.md").read_text(
        "utf-8"
    )
    disclaimer = (folder / "disclaimer.md").read_text("utf-8")
    assert WORDPRESS_DISCLAIMER in disclaimer and "PLACEHOLDER" not in disclaimer
    assert WORDPRESS_DISCLAIMER not in " ".join(p.read_text("utf-8") for p in folder.glob("0*.md"))
    toml = (folder / "guide.toml").read_text("utf-8")
    assert 'base_url = "https://www.example.com/blog/sitting-and-sciatica/"' in toml
    targets = uris(pdf)
    assert "https://www.example.com/blog/disc-bulges/" in targets  # made absolute
    assert "https://www.ninds.nih.gov/health-information" in targets
    text = normalize(" ".join(page_texts(pdf)))
    assert "Kitchen chair" in text and "Disclaimer" in text
    assert "Figure 1. Upright sitting with the feet flat." in text


def test_page_builder_picture_outside_the_folder_goes_nowhere(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The page sits three folders deep, so "../../../etc/secret.png" would land on a real file.
    page_dir = tmp_path / "a" / "b" / "c"
    shutil.copytree(PAGES / "builder", page_dir)
    (tmp_path / "etc").mkdir()
    (tmp_path / "etc" / "secret.png").write_bytes(
        (PAGES / "builder" / "knee-page_files" / "knee.png").read_bytes()
    )
    root = project(tmp_path)
    _, err, _ = import_and_build(root, page_dir / "knee-page.html", "knee", capsys)
    folder = root / "sources" / "knee"
    assert sorted(p.name for p in (folder / "images").iterdir()) == ["knee.png"]
    assert "'../../../etc/secret.png' is not a file in the page's folder" in err
    chapter = (folder / "02-common-reasons.md").read_text("utf-8")
    assert "TODO: picture not imported: ../../../etc/secret.png" in chapter
    assert "(https://clinic.example.org/exercises/hip-strength)" in chapter
    # The page's disclaimer lacks the phrases the brand requires: they are listed, marked, for
    # whoever settles the wording (a release refuses the mark), and the page's words are kept.
    disclaimer = (folder / "disclaimer.md").read_text("utf-8")
    assert "Please consult a qualified clinician about your own symptoms." in disclaimer
    assert "PLACEHOLDER: the brand requires the disclaimer to say" in disclaimer
    assert "- consult a qualified healthcare provider" in disclaimer
    assert "lacks 3 phrases the brand requires" in err
    assert {p.relative_to(tmp_path).parts[0] for p in tmp_path.rglob("*")} == {
        "a",
        "etc",
        "project",
    }  # nothing written beside them


def test_reimport_shows_the_change_per_chapter_and_leaves_releasing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = project(tmp_path)
    sources = root / "sources"
    page = tmp_path / "page" / "wordpress.html"
    shutil.copytree(PAGES, page.parent)
    args = ["import", str(page), "--slug", "sitting", "--sources", str(sources)]
    assert run_cli(args, capsys)[0] == 0
    code, _, err = run_cli(
        ["release", "sitting", "--bump", "major", "--summary", "First", "--sources", str(sources)],
        capsys,
    )
    assert code == 1 and "placeholder" in err  # release refuses what build --release refuses
    toml = sources / "sitting" / "guide.toml"
    toml.write_text(
        toml.read_text("utf-8") + "\n[quality]\nplaceholders_ok = true  # test: the "
        "page's example.com addresses are on purpose\n",
        "utf-8",
    )
    assert (
        run_cli(
            [
                "release",
                "sitting",
                "--bump",
                "major",
                "--summary",
                "First",
                "--sources",
                str(sources),
            ],
            capsys,
        )[0]
        == 0
    )
    ledger = (sources / "sitting" / "revisions.toml").read_bytes()
    page.write_text(
        page.read_text("utf-8").replace(
            "Keep both feet flat on the floor.", "Keep both feet flat on the ground."
        ),
        "utf-8",
    )
    code, out, err = run_cli(args, capsys)
    assert code == 0, err
    assert "unchanged 01-introduction.md" in out
    assert "changed 03-habits-that-may-help.md:" in out
    assert "-- Keep both feet flat on the floor." in out
    assert "+- Keep both feet flat on the ground." in out
    assert "python3 build_guide.py release sitting" in out
    assert (sources / "sitting" / "revisions.toml").read_bytes() == ledger
    code, _, err = run_cli(["check", "--sources", str(sources)], capsys)
    assert code == 1
    assert "changed: guide/03-habits-that-may-help.md" in err


def test_an_oversized_or_empty_page_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = project(tmp_path)
    big = tmp_path / "big.html"
    big.write_bytes(b"<html><body><h1>T</h1><p>" + b"x " * 3_000_000 + b"</p></body></html>")
    code, _, err = run_cli(
        ["import", str(big), "--slug", "big", "--sources", str(root / "sources")], capsys
    )
    assert code == 1 and "an article page is at most 5,000,000" in err
    assert not (root / "sources" / "big").exists()
    empty = tmp_path / "empty.html"
    empty.write_text("<html><body><nav><p>Home</p></nav></body></html>", "utf-8")
    code, _, err = run_cli(
        ["import", str(empty), "--slug", "empty", "--sources", str(root / "sources")], capsys
    )
    assert code == 1 and "no <h1>" in err and "Traceback" not in err
    code, _, err = run_cli(
        [
            "import",
            str(PAGES / "wordpress.html"),
            "--slug",
            "../elsewhere",
            "--sources",
            str(root / "sources"),
        ],
        capsys,
    )
    assert code == 1 and "not a usable guide name" in err
    assert not (root / "elsewhere").exists()


@pytest.mark.parametrize(
    "raw",
    [
        b"\x00\xff\xfe binary junk \x89PNG",
        b"<html><body><h1>Deep</h1>"
        + b"<div>" * 5000
        + b"<p>Inside.</p>"
        + b"</div>" * 5000
        + b"</body></html>",
        b"<html><body><h1>Only a title</h1></body></html>",
        (
            "<html><body><h1>Caf\u00e9</h1><p>Latin-1 text: caf\u00e9 cr\u00e8me.</p></body></html>"
        ).encode("latin-1"),
        b"<!DOCTYPE x [<!ENTITY e SYSTEM 'file:///etc/passwd'>]><html><body><h1>T</h1>"
        b"<p>&e; entity text.</p><h2></h2><p>After an empty heading.</p></body></html>",
    ],
    ids=["binary", "deep", "title-only", "latin-1", "entity"],
)
def test_hostile_pages_end_in_a_guide_or_a_clean_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], raw: bytes
) -> None:
    root = project(tmp_path)
    page = tmp_path / "page.html"
    page.write_bytes(raw)
    code, _, err = run_cli(
        ["import", str(page), "--slug", "hostile", "--sources", str(root / "sources")], capsys
    )
    assert "Traceback" not in err and "internal error" not in err
    if code == 0:
        code, _, err = run_cli(
            ["build", "hostile", "--sources", str(root / "sources"), "--out", str(root / "dist")],
            capsys,
        )
        assert code == 0, err
        text = normalize(" ".join(page_texts(next((root / "dist").glob("hostile-v*.pdf")))))
        assert "root:" not in text  # no file was read through an entity
    else:
        assert code == 1 and not (root / "sources" / "hostile").exists()


def test_blocks_the_extractor_drops_between_kept_ones_are_put_back_in_place() -> None:
    import lxml.html
    from lxml import etree

    from guide.importer.restore import restore

    body = lxml.html.document_fromstring(
        "<html><body><p>Site slogan before the article.</p><p>First kept paragraph.</p>"
        "<h2>A heading it lost</h2><ul><li>One <em>item</em></li><li>Two "
        "<a href='/x'>link</a></li></ul><p>Second kept paragraph.</p>"
        "<p>Trailing words after the article.</p></body></html>"
    ).find("body")
    main = etree.fromstring(
        "<main><p>First kept paragraph.</p><p>Second kept paragraph.</p></main>"
    )
    restored, left = restore(body, main, "https://example.org/a/b")
    assert restored == ["A heading it lost", "One itemTwo link"]  # as itertext joins them
    assert left == ["Site slogan before the article.", "Trailing words after the article."]
    assert [child.tag for child in main] == ["p", "head", "list", "p"]
    assert main[1].get("rend") == "h2" and main[2][1][0].get("target") == "https://example.org/x"
    assert main[2][0][0].get("rend") == "#i"
