"""guide.toml's strings are cleaned like Markdown text (control, C1 and invisible characters
removed with a warning at the key's line), so the PDF's Info and XMP are always well-formed.
The guides written here are test content, not medical advice."""

from __future__ import annotations

import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from guide.config.load import load_guide
from guide.edition import Edition
from guide.errors import Diagnostics
from guide.metadata import finish_properties
from guide.sources import clean_text
from tests.conftest import MINIMAL_TOML, build_errors
from tests.quiet import no_reader_warnings

RDF = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}"
DC = "{http://purl.org/dc/elements/1.1/}"
EDITION = Edition("1.0.0", "2026-11-25", False, "0" * 64)


def toml_string(text: str) -> str:
    """``text`` as a TOML basic string: every character outside printable ASCII escaped."""
    out = []
    for char in text:
        if char in '"\\' or not " " <= char <= "~":
            out.append(f"\\u{ord(char):04X}" if ord(char) < 0x10000 else f"\\U{ord(char):08X}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def with_title(title_literal: str) -> str:
    return MINIMAL_TOML.replace('title = "A Test Guide"', f"title = {title_literal}", 1)


def xmp_title(xmp: bytes) -> str:
    root = ET.fromstring(xmp)  # raises on a packet that is not well-formed
    found = root.find(f".//{DC}title/{RDF}Alt/{RDF}li")
    assert found is not None
    return found.text or ""


@settings(max_examples=60, deadline=None)
@given(st.text(st.characters(exclude_categories=["Cs"]), max_size=40))
def test_any_title_gives_well_formed_xmp_or_a_diagnostic(title: str) -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name) / "t"
        folder.mkdir()
        for chapter in ("01-intro.md", "disclaimer.md"):
            (folder / chapter).write_text("# Title\n\nText.\n", encoding="utf-8")
        (folder / "guide.toml").write_text(with_title(toml_string(title)), encoding="utf-8")
        diagnostics = Diagnostics()
        config = load_guide(folder, "sources/t", diagnostics)
    for item in diagnostics.items:
        assert "\n" not in str(item)
        assert item.location.path == "sources/t/guide.toml" and item.location.line == 1
    cleaned, _ = clean_text(title)
    if config is None:  # nothing left: the title is empty
        assert not cleaned.strip()
        assert any("'title' must not be empty" in d.message for d in diagnostics.items)
        return
    assert config.title == cleaned
    expected = cleaned.replace("\r\n", "\n").replace("\r", "\n")  # XML's line-end rule
    assert xmp_title(finish_properties(config, EDITION).xmp) == expected


def test_xmp_drops_what_xml_cannot_hold() -> None:
    from guide.metadata.xmp import escape

    assert escape("a\x00b\x0bc\ufffed<&") == "abcd&lt;&amp;"


@pytest.mark.parametrize("char", ["\u000b", "\u0085", "\u009f", "\u200b", "\u202e"])
def test_title_with_a_control_or_invisible_character_builds_with_a_warning(
    char: str, make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    toml = with_title(toml_string(f"A Test{char} Guide"))
    root = make_project(toml=toml)
    code, lines = build_errors(root, capsys)
    assert code == 0, lines
    kind = "invisible" if char in "\u200b\u202e" else "control"
    assert lines[0] == (
        f"sources/test-guide/guide.toml:1: warning: 'title': {kind} character "
        f"U+{ord(char):04X}" + lines[0].split(f"U+{ord(char):04X}")[1]
    )
    assert "removed" in lines[0]
    pdf = next((root / "dist").glob("*.pdf"))
    with no_reader_warnings():  # pypdf warns on a bad XMP packet
        reader = PdfReader(pdf)
        xmp = reader.xmp_metadata
        assert xmp is not None
        titles = xmp.dc_title
        assert titles is not None and titles["x-default"] == "A Test Guide"
        assert reader.metadata is not None and reader.metadata.title == "A Test Guide"


def test_keywords_and_call_to_action_are_cleaned_at_their_lines(
    make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    toml = MINIMAL_TOML.replace('keywords = ["test"]', 'keywords = ["te\\u0007st"]').replace(
        'text = "Book a visit."', 'text = "Book\\u0090 a visit."'
    )
    root = make_project(toml=toml)
    code, lines = build_errors(root, capsys)
    assert code == 0, lines
    assert lines[:2] == [
        "sources/test-guide/guide.toml:6: warning: 'keywords': control character U+0007 "
        "removed (and any others)",
        "sources/test-guide/guide.toml:14: warning: 'call_to_action.text': control character "
        "U+0090 removed (and any others)",
    ]


def test_c1_controls_in_markdown_are_removed_like_c0(
    make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_project({"01-intro.md": "# Intro\n\nOne line.\n\nNext\u0085line \u009bhere.\n"})
    code, lines = build_errors(root, capsys)
    assert code == 0, lines
    assert lines[0] == (
        "sources/test-guide/01-intro.md:5: warning: control character U+0085 "
        "removed (and any others)"
    )
    text = " ".join(
        page.extract_text() for page in PdfReader(next((root / "dist").glob("*.pdf"))).pages
    )
    assert "Nextline here." in text


def test_a_title_no_font_can_draw_is_an_error_at_its_line(
    make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_project(toml=with_title('"A Test \\u062F Guide"'))
    code, lines = build_errors(root, capsys)
    assert code == 1
    assert lines[0].startswith("sources/test-guide/guide.toml:1: error: ")
    assert "U+062F" in lines[0]
