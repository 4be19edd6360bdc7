"""The load stage: guide.toml and brand.toml validated once, every problem with its line."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import MINIMAL_TOML, build_errors


def test_unknown_key_with_did_you_mean(
    make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_project(
        toml=MINIMAL_TOML.replace('audience = "For testers"', 'audiense = "For testers"')
    )
    code, lines = build_errors(root, capsys)
    assert code == 1
    assert (
        "sources/test-guide/guide.toml:3: error: unknown key 'audiense' (did you mean "
        "'audience'?)" in lines
    )
    assert lines[-1] == "1 error"
    assert not (root / "dist").exists()


def test_missing_markdown_file_points_at_the_chapters_key(
    make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    toml = MINIMAL_TOML.replace(
        'chapters = ["01-intro.md"]', 'chapters = ["01-intro.md", "02-missing.md"]'
    )
    code, lines = build_errors(make_project(toml=toml), capsys)
    assert code == 1
    assert lines[0] == (
        "sources/test-guide/guide.toml:7: error: Markdown file '02-missing.md' does not exist"
    )


def test_every_problem_at_once_sorted(
    make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    toml = (
        MINIMAL_TOML.replace('language = "en-US"', 'language = "english"')
        .replace('url = "https://example.com/schedule"', 'url = "javascript:alert(1)"')
        .replace('title = "A Test Guide"', "title = 3")
    )
    code, lines = build_errors(make_project(toml=toml), capsys)
    assert code == 1
    assert lines == [
        "sources/test-guide/guide.toml:1: error: 'title' must be a string",
        "sources/test-guide/guide.toml:5: error: 'language' must be a tag like \"en-US\", "
        "not 'english'",
        "sources/test-guide/guide.toml:16: error: 'url' must be an https://, http:// or "
        "mailto: address, not 'javascript:alert(1)'",
        "3 errors",
    ]


def test_toml_syntax_error_has_line_and_column(
    make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    toml = MINIMAL_TOML + "\nbroken = [1,\n"
    code, lines = build_errors(make_project(toml=toml), capsys)
    assert code == 1
    broken_line = toml.splitlines().index("broken = [1,") + 1
    assert lines[0].startswith(f"sources/test-guide/guide.toml:{broken_line}:")
    assert "invalid TOML" in lines[0]


def test_chapter_path_may_not_leave_the_guide_folder(
    make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    toml = MINIMAL_TOML.replace(
        'chapters = ["01-intro.md"]', 'chapters = ["../../assets/brand.toml"]'
    )
    code, lines = build_errors(make_project(toml=toml), capsys)
    assert code == 1
    assert "must be a path inside the guide's folder" in lines[0]


def test_brand_errors_name_the_brand_file(
    make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_project()
    brand = root / "assets" / "brand.toml"
    text = brand.read_text(encoding="utf-8")
    text = (
        text.replace('accent = "#1c737d"', 'accent = "teal"')
        .replace("body_size = 12", "body_size = 11")
        .replace('page_size = "letter"', 'page_size = "legal"')
    )
    brand.write_text(text, encoding="utf-8")
    code, lines = build_errors(root, capsys)
    assert code == 1
    joined = "\n".join(lines)
    assert "assets/brand.toml:5: error: 'page_size' must be one of letter, a4" in joined
    assert "'palette.accent' must be a colour like \"#1f7a85\", not 'teal'" in joined
    assert "'type.body_size' must be between 12" in joined


def test_brand_font_must_exist(
    make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_project()
    brand = root / "assets" / "brand.toml"
    brand.write_text(
        brand.read_text(encoding="utf-8").replace("SourceSerifPro-Regular.ttf", "NoSuchFont.ttf"),
        encoding="utf-8",
    )
    code, lines = build_errors(root, capsys)
    assert code == 1
    assert "font 'font_source_serif_pro:NoSuchFont.ttf' not found" in lines[0]


def test_a_toml_file_that_is_not_utf8_is_reported_like_a_chapter(
    make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    toml = MINIMAL_TOML.encode().replace(b'author = "Valor Spine"', b'author = "Val\xe9r"')
    code, lines = build_errors(make_project({"guide.toml": toml}), capsys)
    assert code == 1
    assert lines[0] == (
        "sources/test-guide/guide.toml:4:14: error: file is not valid UTF-8 "
        "(byte 0xe9); save it as UTF-8"
    )
