"""The render stage seen from the PDF: tables, pictures, escaping, typography rules."""

from __future__ import annotations

import re
import struct
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader

from guide.model import Link, Strong, Text
from guide.render.text.markup import escape, to_markup
from tests.conftest import print_pdfs, run_cli
from tests.pdftools import normalize, outline, page_lines, page_texts


def build(root: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    code, _, err = run_cli(
        ["build", "--sources", str(root / "sources"), "--out", str(root / "dist")], capsys
    )
    assert code == 0, err
    [pdf] = print_pdfs(root / "dist")
    return pdf


def png(width: int, height: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    rows = b"".join(b"\x00" + b"\x1f\x7a\x85" * width for _ in range(height))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def test_markup_escapes_reportlab_tags() -> None:
    assert escape('<font color="red">&') == "&lt;font color=&quot;red&quot;&gt;&amp;"
    markup = to_markup((Strong((Text("<seq/>"),)), Link("javascript:x()", (Text("go"),))))
    assert markup == "<b>&lt;seq/&gt;</b>go"


@pytest.mark.parametrize("text", ["a&b<c>d\"e'f", "&amp;", "<<&&>>\"'", "plain", "", "é ’ —"])
def test_escaping_equals_xml_sax_saxutils(text: str) -> None:
    """The builder escapes with str.replace (saxutils costs a cold start several ms)."""
    from xml.sax.saxutils import escape as sax_escape

    from guide.metadata.xmp import escape as xmp_escape

    assert escape(text) == sax_escape(text, {'"': "&quot;", "'": "&#39;"})
    assert xmp_escape(text) == sax_escape(text)


def test_xmp_drops_exactly_what_xml_cannot_hold() -> None:
    """XML 1.0's Char production, checked on every code point (the XMP escape lists the
    ranges it refuses, which compiles faster than the ranges it keeps)."""
    from guide.metadata.xmp import escape as xmp_escape

    allowed = re.compile("[\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
    every = "".join(map(chr, range(0x110000))).replace("&", "").replace("<", "")
    assert xmp_escape(every).replace("&gt;", ">") == "".join(allowed.findall(every))
    assert xmp_escape("a\x00b\ud800c\uffffd\x0b") == "abcd"


def test_table_header_repeats_on_every_page(
    make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    rows = "\n".join(f"| Row {i} | Value {i} |" for i in range(120))
    text = f"# Data\n\n| Column A | Column B |\n|---|---|\n{rows}\n"
    pdf = build(make_project({"01-intro.md": text}), capsys)
    pages = [t for t in page_texts(pdf) if "Row " in t]
    assert len(pages) >= 3
    assert all("Column A" in t and "Column B" in t for t in pages)


def test_png_image_is_placed_with_its_caption(
    make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_project(
        {
            "01-intro.md": '# Pictures\n\n![A teal square](square.png "Teal")\n',
            "square.png": png(40, 30),
        }
    )
    pdf = build(root, capsys)
    reader = PdfReader(str(pdf))
    images = [img for page in reader.pages for img in page.images]
    assert len(images) == 1
    assert "Figure 1. Teal" in " ".join(" ".join(page_texts(pdf)).split())


def test_no_heading_is_stranded_at_a_page_foot(reference_pdf: Path) -> None:
    """A heading is followed on its own page by at least two lines of text."""
    pages = page_lines(reference_pdf)
    entries = outline(reference_pdf)
    assert len(entries) >= 10
    for _, title, index in entries:
        lines = [normalize(line) for line in pages[index]]
        last = title.split()[-1]  # headings may wrap over several lines
        where = min(i for i, line in enumerate(lines) if line.endswith(last))
        body_after = [
            line
            for line in lines[where + 1 :]
            if not line.startswith(("Page ", "Educational information"))
        ]
        assert len(body_after) >= 2, title


def test_links_are_clickable_and_safe(reference_pdf: Path) -> None:
    uris = []
    for page in PdfReader(str(reference_pdf)).pages:
        for annot in page.get("/Annots", []):
            action = annot.get_object().get("/A")
            if action is not None and "/URI" in action:
                uris.append(str(action["/URI"]))
    assert "https://example.com/valor-spine/schedule" in uris
    assert all(uri.startswith(("https://", "http://", "mailto:")) for uri in uris)


def test_a_builder_bug_is_an_internal_error_not_a_layout_problem(
    make_project: Callable[..., Path],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Only reportlab refusing content becomes "cannot lay out"; our own bugs stay visible."""
    from guide.render.layout.headings import HeadingParagraph

    def broken(self: object) -> None:
        raise ValueError("a bug in the builder")

    monkeypatch.setattr(HeadingParagraph, "draw", broken)
    root = make_project()
    code, _, err = run_cli(
        ["build", "--sources", str(root / "sources"), "--out", str(root / "dist"), "--debug"],
        capsys,
    )
    assert code == 3
    assert (
        "sources/test-guide/01-intro.md:1: internal error: the builder failed here "
        "(ValueError: a bug in the builder)"
    ) in err
    assert "Traceback" in err and "cannot lay out" not in err
