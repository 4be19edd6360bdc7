"""The check stage: content problems found before rendering, all at once, with their lines."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import build_errors


def test_heading_levels_never_skip(
    make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    code, lines = build_errors(
        make_project({"01-intro.md": "# T\n\n### Too deep\n\nText.\n"}), capsys
    )
    assert code == 1
    assert lines[0] == (
        "sources/test-guide/01-intro.md:3: error: heading level skips from 1 to 3 (use ##)"
    )


def test_chapter_starts_with_a_title(
    make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    code, lines = build_errors(make_project({"01-intro.md": "Just text.\n"}), capsys)
    assert code == 1
    assert lines[0] == (
        "sources/test-guide/01-intro.md:1: error: a chapter must begin with a "
        "level-1 heading (# Title)"
    )


def test_image_needs_alt_text_and_alt_is_not_the_caption(
    make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    text = (
        "# T\n\n![](illustrations/disc-cross-section.svg)\n\n"
        '![Same](illustrations/disc-cross-section.svg "Same")\n'
    )
    code, lines = build_errors(make_project({"01-intro.md": text}), capsys)
    assert code == 1
    assert lines[:2] == [
        "sources/test-guide/01-intro.md:3: error: image 'illustrations/disc-cross-section.svg' "
        "needs alt text: ![what it shows](illustrations/disc-cross-section.svg)",
        "sources/test-guide/01-intro.md:5: error: alt text must describe the picture, not "
        "repeat its caption",
    ]


def test_images_and_diagrams_share_one_alt_text_rule() -> None:
    from guide.check.accessibility import repeats_caption

    assert repeats_caption("The  Disc", "the disc")  # case and spacing do not make it new
    assert not repeats_caption("A cut through a disc", "The disc")
    assert not repeats_caption("Anything", "")


def test_alt_text_differing_only_in_case_repeats_the_caption(
    make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    text = '# T\n\n![The disc](illustrations/disc-cross-section.svg "the  DISC")\n'
    code, lines = build_errors(make_project({"01-intro.md": text}), capsys)
    assert code == 1
    assert lines[0] == (
        "sources/test-guide/01-intro.md:3: error: alt text must describe the "
        "picture, not repeat its caption"
    )


@pytest.mark.parametrize("href", ["javascript:alert(1)", "file:///etc/passwd", "data:text/html,hi"])
def test_unsafe_links_are_refused(
    make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str], href: str
) -> None:
    code, lines = build_errors(
        make_project({"01-intro.md": f"# T\n\nSee [this]({href}).\n"}), capsys
    )
    assert code == 1
    assert lines[0].startswith(
        f"sources/test-guide/01-intro.md:3: error: link '{href}' must "
        f"be an https://, http://, mailto: or tel: address"
    )


def _brand_font() -> Path:
    from guide.config.load import package_file

    path = package_file("font_source_serif_pro:SourceSerifPro-Regular.ttf")
    assert path is not None
    return path


def test_the_cmap_reader_gives_the_same_characters_from_format_4_and_format_12(
    tmp_path: Path,
) -> None:
    import struct

    from guide.check.cmap import _table, code_points

    data = bytearray(_brand_font().read_bytes())
    cmap = _table(bytes(data), 0, b"cmap")
    (count,) = struct.unpack_from(">H", data, cmap + 2)
    for i in range(count):  # hide the full-range subtables: only format 4 is left to read
        record = cmap + 4 + 8 * i
        platform, encoding = struct.unpack_from(">HH", data, record)
        if (platform, encoding) in ((3, 10), (0, 4)):
            struct.pack_into(">H", data, record, 2)  # platform 2 (ISO): not Unicode here
    bmp_only = tmp_path / "bmp-only.ttf"
    bmp_only.write_bytes(bytes(data))
    full = code_points(_brand_font())
    assert ord("é") in full and 0x0000 not in full  # glyph 0 (.notdef) never counts
    assert code_points(bmp_only) == {c for c in full if c <= 0xFFFF}


def test_a_cut_short_font_file_is_a_font_file_error(tmp_path: Path) -> None:
    from guide.check.cmap import FontFileError, code_points

    short = tmp_path / "short.ttf"
    short.write_bytes(_brand_font().read_bytes()[:2000])
    with pytest.raises(FontFileError):
        code_points(short)
