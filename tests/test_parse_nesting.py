"""Lists nested the GitHub way (two, three or four spaces), the line of an empty heading, a
stray attribute list and a mistyped image path. The Markdown here is test content, not medical
advice."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image

from guide import model as m
from guide.parse.indent import reindent_lists
from tests.conftest import run_cli
from tests.test_parse import parse


def shape(block: m.Block) -> list[object]:
    """A list as nested Python lists of its items' words: ``["a", ["b", ["c"]], "d"]``."""
    assert isinstance(block, m.ListBlock), block
    out: list[object] = []
    for item in block.items:
        for inner in item.blocks:
            if isinstance(inner, m.ListBlock):
                out.append(shape(inner))
            elif isinstance(inner, m.Paragraph):
                out.append(m.plain_text(inner.inlines))
    return out


@pytest.mark.parametrize("indent", [2, 3, 4])
def test_unordered_lists_nest_at_the_content_column(
    make_project: Callable[..., Path], indent: int
) -> None:
    pad = " " * indent
    marker = "-" + " " * (indent - 1)  # "- ", "-  ", "-   ": the text starts at ``indent``
    text = f"# T\n\n{marker}one\n{pad}{marker}two\n{pad}{pad}{marker}three\n{marker}four\n"
    chapter, diagnostics = parse(make_project, text)
    assert not diagnostics.items
    assert shape(chapter.blocks[1]) == ["one", ["two", ["three"]], "four"]


@pytest.mark.parametrize(
    "text",
    [
        "# T\n\n- one\n  - two\n    - three\n- four\n",  # two spaces, as on GitHub
        "# T\n\n- one\n    - two\n        - three\n- four\n",  # four spaces
    ],
)
def test_two_and_four_space_bullets_give_the_same_list(
    make_project: Callable[..., Path], text: str
) -> None:
    chapter, _ = parse(make_project, text)
    assert shape(chapter.blocks[1]) == ["one", ["two", ["three"]], "four"]


@pytest.mark.parametrize(
    "text",
    [
        "# T\n\n1. one\n   1. two\n   2. more\n2. three\n",  # three spaces under "1. "
        "# T\n\n1. one\n    1. two\n    2. more\n2. three\n",  # four spaces
        "# T\n\n1. one\n   - two\n   - more\n2. three\n",  # bullets under a numbered item
    ],
)
def test_ordered_lists_nest(make_project: Callable[..., Path], text: str) -> None:
    chapter, diagnostics = parse(make_project, text)
    assert not diagnostics.items
    outer = chapter.blocks[1]
    assert isinstance(outer, m.ListBlock) and outer.ordered
    assert shape(outer) == ["one", ["two", "more"], "three"]


def test_a_continuation_paragraph_stays_in_its_item(make_project: Callable[..., Path]) -> None:
    chapter, _ = parse(make_project, "# T\n\n- one\n\n  more about one\n\n- two\n")
    assert shape(chapter.blocks[1]) == ["one", "more about one", "two"]


def test_code_is_untouched() -> None:
    fenced = "- a\n  - b\n\n```\n- x\n  - y\n```\n"
    assert reindent_lists("    - not a list\n      - still code\n") == (
        "    - not a list\n      - still code\n"
    )
    assert reindent_lists("Text\n\n    code line\n      indented\n") == (
        "Text\n\n    code line\n      indented\n"
    )
    # A fence left in the text (one the lift pass keeps, indented) is copied as it stands.
    assert reindent_lists(fenced).endswith("```\n- x\n  - y\n```\n")


def test_fenced_code_in_a_chapter_keeps_its_indentation(make_project: Callable[..., Path]) -> None:
    chapter, _ = parse(make_project, "# T\n\n- a\n  - b\n\n```\n- x\n  - y\n```\n")
    code = chapter.blocks[2]
    assert isinstance(code, m.CodeBlock) and code.text == "- x\n  - y"


def test_empty_heading_is_reported_at_its_line(make_project: Callable[..., Path]) -> None:
    text = (
        "# Title\n\nFirst paragraph with words.\n\nMore words here.\n\n"
        "- a list item\n\nA last paragraph.\n\n##\n\nAfter the empty heading.\n"
    )
    chapter, _ = parse(make_project, text)
    heading = chapter.blocks[5]
    assert isinstance(heading, m.Heading) and heading.location.line == 11
    after = chapter.blocks[6]
    assert after.location.line == 13


def test_empty_heading_error_names_its_line(
    make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_project(
        {
            "01-intro.md": "# Introduction\n\nTest content, not medical advice."
            "\n\nSome words.\n\n##\n\nMore words.\n"
        }
    )
    code, _, err = run_cli(["check", "--sources", str(root / "sources")], capsys)
    assert code == 1
    assert "sources/test-guide/01-intro.md:7: error: heading is empty" in err


def test_attribute_list_after_a_heading_is_an_error(make_project: Callable[..., Path]) -> None:
    chapter, diagnostics = parse(
        make_project,
        (
            '# T\n\n## ¿Qué es?\n{: lang="es-US" }\n\nUn texto de prueba.\n{: lang="es-US" }\n\n'
            '## Qué es {: lang="es-US" }\n'
        ),
    )
    errors = [(d.location.line, d.message) for d in diagnostics.items]
    assert len(errors) == 1 and errors[0][0] == 4
    assert 'attribute list {: lang="es-US" } stands alone' in errors[0][1]
    texts = [m.plain_text(b.inlines) for b in chapter.blocks if isinstance(b, m.Paragraph)]
    assert not any("{:" in text for text in texts)  # never printed as text
    langs = [
        (type(b).__name__, b.lang)
        for b in chapter.blocks
        if isinstance(b, (m.Heading, m.Paragraph))
    ]
    assert langs == [("Heading", ""), ("Heading", ""), ("Paragraph", "es-US"), ("Heading", "es-US")]


def test_missing_image_did_you_mean(
    make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "white").save(buffer, "PNG")
    picture = buffer.getvalue()
    root = make_project(
        {
            "01-intro.md": "# Introduction\n\nTest content.\n\n"
            "![A test picture](images/nerve_path.png)\n",
            "images/nerve-path.png": picture,
        }
    )
    code, _, err = run_cli(["check", "--sources", str(root / "sources")], capsys)
    assert code == 1
    assert (
        "01-intro.md:5: error: image 'images/nerve_path.png' not found in the guide's "
        "folder or assets/ (did you mean 'images/nerve-path.png'?)"
    ) in err
