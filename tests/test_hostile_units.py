"""The defences one by one: glyph coverage and fallback fonts, the brand's [limits], invisible
characters, nesting, layout errors named by block, and the bugs hostile input found."""

from __future__ import annotations

import shutil
from pathlib import Path

import pikepdf
import pytest

from tests.conftest import ROOT
from tests.corpus_cases import Case, Symlink, png
from tests.hostile import Outcome, judge
from tests.pdftools import fonts, normalize, page_texts

IPA = "ɐ"  # U+0250: Source Sans has it, Source Serif (the body font) does not


def _brand(root: Path, old: str, new: str) -> None:
    path = root / "assets" / "brand.toml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _project(tmp_path: Path, brand: tuple[str, str] | None = None) -> Path:
    """A project folder with the repository's assets, the brand file edited by ``brand``."""
    root = tmp_path / "project"
    shutil.copytree(ROOT / "assets", root / "assets")
    if brand:
        _brand(root, *brand)
    return root


def _judge(
    tmp_path: Path,
    chapter: str,
    brand: tuple[str, str] | None = None,
    extra: dict[str, str | bytes | Symlink] | None = None,
) -> Outcome:
    root = _project(tmp_path, brand)
    outcome = judge(Case(chapter, "either", dict(extra or {})), root)
    assert not outcome.problems, outcome.problems
    return outcome


# --- glyph coverage ----------------------------------------------------------------------


def test_a_character_no_font_has_names_file_line_and_code_point(tmp_path: Path) -> None:
    outcome = _judge(tmp_path, f"# Title\n\nFine.\n\nThe vowel {IPA} here.\n")
    assert outcome.code == 1
    line = next(ln for ln in outcome.err.splitlines() if "error" in ln)
    assert line.startswith(str(tmp_path / "project/sources/test-guide/01-intro.md:5: error:"))
    assert f"'{IPA}' U+0250 (latin small letter turned a)" in line
    assert "SourceSerifPro-Regular" in line


def test_one_error_per_line_however_many_characters(tmp_path: Path) -> None:
    outcome = _judge(tmp_path, "# Title\n\n" + "中文字體很多很多漢字一二三四五六七八九十" + "\n")
    errors = [ln for ln in outcome.err.splitlines() if ": error: " in ln]
    assert len(errors) == 1 and "U+4E2D" in errors[0] and "more" in errors[0]


def test_a_fallback_font_draws_what_the_body_font_lacks(tmp_path: Path) -> None:
    fallback = ("fallback = []", 'fallback = ["font_source_sans_pro:SourceSansPro-Regular.ttf"]')
    chapter = f"# Title {IPA}\n\nThe vowel {IPA} in **bold {IPA}** and *italic {IPA}*.\n"
    outcome = _judge(tmp_path, chapter, fallback)
    assert outcome.code == 0, outcome.err
    assert outcome.pdf is not None
    text = "".join(page_texts(outcome.pdf))
    assert text.count(IPA) >= 4  # heading, contents line, paragraph runs
    assert "SourceSansPro-Regular" in {name.split("+")[-1] for name in fonts(outcome.pdf)}


def test_guide_toml_text_is_checked_too(tmp_path: Path) -> None:
    from tests.conftest import MINIMAL_TOML

    toml = MINIMAL_TOML.replace('title = "A Test Guide"', 'title = "A Test Guide 中"')
    outcome = _judge(tmp_path, "# Title\n\nText.\n", extra={"guide.toml": toml})
    assert outcome.code == 1
    assert "guide.toml:1: error: character '中' U+4E2D" in outcome.err


def test_a_damaged_font_file_is_an_error_not_a_traceback(tmp_path: Path) -> None:
    fallback = ("fallback = []", 'fallback = ["fonts/broken.ttf"]')
    root = _project(tmp_path, fallback)
    (root / "assets" / "fonts").mkdir(exist_ok=True)
    (root / "assets" / "fonts" / "broken.ttf").write_bytes(b"\x00\x01\x00\x00" + b"\x00" * 8)
    outcome = judge(Case("# Title\n\nText.\n", "either", {}), root)
    assert not outcome.problems, outcome.problems
    assert outcome.code == 1
    brand = (root / "assets" / "brand.toml").read_text(encoding="utf-8").splitlines()
    line = next(n for n, text in enumerate(brand, 1) if text.startswith("fallback = "))
    assert f"brand.toml:{line}: error:" in outcome.err
    assert ": error: font 'broken.ttf' cannot be used: the font has no 'cmap' table" in outcome.err


def test_invisible_characters_are_removed_with_a_warning(tmp_path: Path) -> None:
    outcome = _judge(tmp_path, "# Title\n\nzero\u200bwidth and \u202eoverride\u202c.\n")
    assert outcome.code == 0
    assert (
        "01-intro.md:3: warning: invisible character U+200B (zero width space) removed"
        in outcome.err
    )


# --- limits ------------------------------------------------------------------------------


def test_limits_come_from_brand_toml(tmp_path: Path) -> None:
    limits = ("[type]", "[limits]\nmax_source_bytes = 1000\nmax_image_pixels = 10\n\n[type]")
    chapter = "# Title\n\n![Bars](bars.png)\n\n" + "word " * 300 + "\n"
    outcome = _judge(tmp_path, chapter, limits, {"bars.png": png(4, 4, b"\x00" * 20)})
    size = len(chapter.encode())
    assert f"01-intro.md:1: error: file is {size:,} bytes; the limit is 1,000" in outcome.err


def test_image_pixel_limit(tmp_path: Path) -> None:
    limits = ("[type]", "[limits]\nmax_image_pixels = 10\n\n[type]")
    outcome = _judge(
        tmp_path, "# Title\n\n![Bars](bars.png)\n", limits, {"bars.png": png(4, 4, b"\x00" * 20)}
    )
    assert "01-intro.md:3: error: image 'bars.png' is 4 × 4 pixels; the limit is 10" in outcome.err


def test_unknown_and_bad_limits_are_reported(tmp_path: Path) -> None:
    limits = ("[type]", "[limits]\nmax_source_byte = 10\nmax_nesting = 2.5\n\n[type]")
    outcome = _judge(tmp_path, "# Title\n\nText.\n", limits)
    assert "unknown key 'limits.max_source_byte' (did you mean 'max_source_bytes'?)" in outcome.err
    assert "'limits.max_nesting' must be a whole number" in outcome.err


def test_nesting_limit_names_the_line(tmp_path: Path) -> None:
    limits = ("[type]", "[limits]\nmax_nesting = 2\n\n[type]")
    outcome = _judge(tmp_path, "# Title\n\n- one\n    - two\n\n        > three\n", limits)
    assert (
        "01-intro.md:6: error: lists, quotes and callouts are nested 3 deep here; the "
        "limit is 2" in outcome.err
    )


# --- layout and parse bugs found by the corpus -------------------------------------------


def test_a_table_too_wide_names_its_line(tmp_path: Path) -> None:
    header = "|" + "|".join(f"h{i}" for i in range(30)) + "|"
    rule = "|" + "---|" * 30
    outcome = _judge(tmp_path, f"# Title\n\nText.\n\n{header}\n{rule}\n")
    assert "01-intro.md:5: error: this table has 30 columns; at most 10 fit" in outcome.err


LONG_CALLOUT = (
    '# Title\n\nText.\n\n!!! note "Box"\n' + "\n".join(f"    line {i}" for i in range(400)) + "\n"
)


def test_a_callout_longer_than_a_page_is_split_over_pages(tmp_path: Path) -> None:
    outcome = _judge(tmp_path, LONG_CALLOUT)  # every line's words are in the PDF (judge)
    assert outcome.code == 0, outcome.err
    assert outcome.pdf is not None
    pages = [normalize(text) + " " for text in page_texts(outcome.pdf)]
    first = next(i for i, text in enumerate(pages) if "line 0 " in text)
    last = next(i for i, text in enumerate(pages) if "line 399 " in text)
    assert last > first


def test_a_block_reportlab_cannot_lay_out_names_its_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whatever reportlab refuses, the error names the block (the callout at line 5), not
    guide.toml. reportlab is made to refuse to split the callout's box."""
    from reportlab.platypus.doctemplate import LayoutError
    from reportlab.platypus.tables import Table

    def refuse(*args: object, **kwargs: object) -> list[object]:
        raise LayoutError("Flowable <Table> too large on page 2 in frame 'normal'")

    monkeypatch.setattr(Table, "split", refuse)
    outcome = _judge(tmp_path, LONG_CALLOUT)
    assert outcome.code == 1
    assert outcome.err.splitlines() == [
        f"{tmp_path}/project/sources/test-guide/01-intro.md:5: error: cannot lay out the guide: "
        "this block is too large to fit on a page (shorten it or split it up)",
        "1 error",
    ]


@pytest.mark.parametrize("chapter", ["", "   \n\n", "\n\n\n"])
def test_an_empty_chapter_asks_for_its_title(tmp_path: Path, chapter: str) -> None:
    outcome = _judge(tmp_path, chapter)
    assert outcome.err.startswith(
        str(tmp_path / "project/sources/test-guide/01-intro.md:1: error: a chapter must begin")
    )


def test_footnotes_keep_their_numbers_and_lose_their_back_links(tmp_path: Path) -> None:
    chapter = (
        "# Title\n\nOne[^a] and two[^b].\n\n[^a]: First <b>note</b>.\n"
        "[^b]: Second note with a list:\n\n    - item one\n    - item two\n"
    )
    outcome = _judge(tmp_path, chapter)
    assert outcome.code == 0, outcome.err
    assert outcome.pdf is not None
    text = "".join(page_texts(outcome.pdf))
    assert "1. First note." in text and "2. Second note" in text and "↩" not in text


def test_email_autolink_is_a_mailto_link(tmp_path: Path) -> None:
    outcome = _judge(tmp_path, "# Title\n\nWrite to <info@example.com> today.\n")
    assert outcome.code == 0, outcome.err
    assert outcome.pdf is not None
    assert "info@example.com" in "".join(page_texts(outcome.pdf))
    with pikepdf.open(outcome.pdf) as pdf:
        uris = [
            str(a.A.URI)
            for page in pdf.pages
            for a in page.get("/Annots", [])
            if "/A" in a and "/URI" in a.A
        ]
    assert "mailto:info@example.com" in uris


def test_a_heading_of_1000_characters_builds_and_a_longer_one_is_refused(tmp_path: Path) -> None:
    outcome = _judge(tmp_path, "# " + "Longword " * 110 + "\n\nBody text.\n")
    assert outcome.code == 0, outcome.err
    outcome = _judge(tmp_path / "2", "# " + "Longword " * 400 + "\n\nBody text.\n")
    assert (
        "01-intro.md:1: error: heading is 3,599 characters long; the limit is 1,200" in outcome.err
    )
