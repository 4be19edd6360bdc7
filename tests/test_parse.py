"""The parse stage: Markdown → the document model, with the lines of what it found."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from guide import model as m
from guide.config.load import load_brand, load_guide
from guide.errors import Diagnostics
from guide.parse import parse_guide
from tests.conftest import ROOT


def parse(make_project: Callable[..., Path], text: str) -> tuple[m.Chapter, Diagnostics]:
    root = make_project({"01-intro.md": text})
    diagnostics = Diagnostics()
    config = load_guide(root / "sources" / "test-guide", "sources/test-guide", diagnostics)
    assert config is not None, diagnostics.items
    brand = load_brand(ROOT / "assets" / "brand.toml", "assets/brand.toml", diagnostics)
    assert brand is not None
    document = parse_guide(config, root / "assets", brand.palette, diagnostics)
    return document.chapters[0], diagnostics


def kinds(blocks: tuple[m.Block, ...]) -> list[str]:
    return [type(b).__name__ for b in blocks]


def test_blocks_and_their_lines(make_project: Callable[..., Path]) -> None:
    chapter, diagnostics = parse(
        make_project,
        (
            "# Title\n\nFirst *para* with **bold** and [a link](https://example.com).\n\n"
            "## Section\n\n- one\n- two\n    1. nested\n\n> quoted\n\n---\n\n\\newpage\n\n"
            "| a | b |\n|:--|--:|\n| 1 | 2 |\n"
        ),
    )
    assert not diagnostics.items
    assert kinds(chapter.blocks) == [
        "Heading",
        "Paragraph",
        "Heading",
        "ListBlock",
        "BlockQuote",
        "Rule",
        "PageBreak",
        "Table",
    ]
    lines = [b.location.line for b in chapter.blocks if not isinstance(b, m.Footnotes)]
    assert lines == [1, 3, 5, 7, 11, 13, 15, 17]
    para = chapter.blocks[1]
    assert isinstance(para, m.Paragraph)
    assert m.Emphasis((m.Text("para"),)) in para.inlines
    assert m.Link("https://example.com", (m.Text("a link"),)) in para.inlines
    bullets = chapter.blocks[3]
    assert isinstance(bullets, m.ListBlock)
    nested = bullets.items[1].blocks
    assert kinds(nested) == ["Paragraph", "ListBlock"]
    table = chapter.blocks[7]
    assert isinstance(table, m.Table) and [c.align for c in table.header] == ["left", "right"]


def test_callout_footnote_and_code(make_project: Callable[..., Path]) -> None:
    chapter, _ = parse(
        make_project,
        (
            '# T\n\n!!! expert "Expert Take"\n    Body text.\n\nA claim.[^1]\n\n'
            "```python\nprint('<b>')\n```\n\n[^1]: The note.\n"
        ),
    )
    callout = chapter.blocks[1]
    assert isinstance(callout, m.Callout)
    assert (callout.kind, callout.title) == ("expert", "Expert Take")
    paragraph = chapter.blocks[2]
    assert isinstance(paragraph, m.Paragraph)
    assert any(isinstance(i, m.FootnoteRef) and i.number == 1 for i in paragraph.inlines)
    code = chapter.blocks[3]
    assert isinstance(code, m.CodeBlock) and code.text == "print('<b>')"
    assert code.location.line == 8
    notes = chapter.blocks[-1]
    assert isinstance(notes, m.Footnotes)
    note = notes.notes[0].blocks[0]
    assert isinstance(note, m.Paragraph) and m.plain_text(note.inlines).strip() == "The note."


def test_raw_html_keeps_its_text_not_its_tags(make_project: Callable[..., Path]) -> None:
    chapter, diagnostics = parse(
        make_project,
        (
            '# T\n\nA <font color="red">red</font> word &amp; <b>bold</b> &copy;.\n\n'
            '<div onclick="x()">block <img src="/etc/passwd"></div>\n'
        ),
    )
    text = " ".join(m.plain_text(b.inlines) for b in chapter.blocks if isinstance(b, m.Paragraph))
    assert "red word & bold ©." in text
    assert "block" in text and "passwd" not in text
    assert any("raw HTML is not rendered" in d.message for d in diagnostics.items)


def test_image_must_stay_inside_the_guide(make_project: Callable[..., Path]) -> None:
    _, diagnostics = parse(make_project, "# T\n\n![x](../../../etc/passwd)\n\n![y](/etc/hosts)\n")
    messages = [str(d) for d in diagnostics.items]
    assert messages == [
        "sources/test-guide/01-intro.md:3: error: image '../../../etc/passwd' not found in the "
        "guide's folder or assets/",
        "sources/test-guide/01-intro.md:5: error: image '/etc/hosts' must be a file in the "
        "guide's folder or assets/ (no URLs or absolute paths)",
    ]


def test_svg_image_from_assets(make_project: Callable[..., Path]) -> None:
    chapter, diagnostics = parse(
        make_project,
        ('# T\n\n![A disc seen from above](illustrations/disc-cross-section.svg "A disc")\n'),
    )
    assert not diagnostics.items
    image = chapter.blocks[1]
    assert isinstance(image, m.Image) and image.path is not None
    assert image.number == 1 and image.caption == "A disc"
    assert Path(image.path).name == "disc-cross-section.svg"


def test_image_inside_a_paragraph_warns(make_project: Callable[..., Path]) -> None:
    chapter, diagnostics = parse(
        make_project, ("# T\n\nSee ![the disc](illustrations/disc-cross-section.svg) here.\n")
    )
    assert [str(d) for d in diagnostics.items] == [
        "sources/test-guide/01-intro.md:3: warning: image 'illustrations/disc-cross-section.svg'"
        " sits inside a paragraph, so only its alt text is shown; put it on a line of its own "
        "to show the picture"
    ]
    paragraph = chapter.blocks[1]
    assert isinstance(paragraph, m.Paragraph)
    assert m.plain_text(paragraph.inlines) == "See the disc here."


def test_extensions_are_the_ones_named() -> None:
    """The parser makes its Markdown extensions directly (no entry-point lookup): they are the
    classes Python-Markdown would load for the names in EXTENSIONS, in that order."""
    from importlib.metadata import entry_points

    from guide.parse import EXTENSIONS, _extensions

    named = {ep.name: ep for ep in entry_points(group="markdown.extensions")}
    assert [type(e) for e in _extensions()] == [named[n].load() for n in EXTENSIONS]
