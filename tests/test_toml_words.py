"""guide.toml syntax errors said in the author's words, at the right line. The guide here is
test content, not medical advice."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import MINIMAL_TOML, build_errors

WHERE = "sources/test-guide/guide.toml"


def first_error(
    make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str], toml: str
) -> str:
    code, lines = build_errors(make_project(toml=toml), capsys)
    assert code == 1
    assert not any("Traceback" in line for line in lines)
    return lines[0]


def test_duplicate_key_is_named_with_its_first_line(
    make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    toml = MINIMAL_TOML.replace(
        'author = "Valor Spine"\n', 'author = "Valor Spine"\ntitle = "Again"\n'
    )
    line = first_error(make_project, capsys, toml)
    assert line.startswith(f"{WHERE}:5:1: error: ")
    assert "key 'title' is given twice (first at line 1)" in line
    assert "Cannot overwrite" not in line


def test_duplicate_key_in_a_table(
    make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    toml = MINIMAL_TOML.replace('label = "Book now"\n', 'label = "Book now"\ntext = "Again"\n')
    lines = toml.splitlines()
    first, again = lines.index('text = "Book a visit."') + 1, lines.index('text = "Again"') + 1
    line = first_error(make_project, capsys, toml)
    assert line.startswith(f"{WHERE}:{again}:")
    assert f"key 'text' is given twice (first at line {first})" in line


def test_duplicate_table(
    make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    first = MINIMAL_TOML.splitlines().index("[contact]") + 1
    line = first_error(make_project, capsys, MINIMAL_TOML + '\n[contact]\nphone = "1"\n')
    assert f"table [contact] is given twice (first at line {first})" in line


def test_unquoted_text_says_to_quote_it(
    make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    toml = MINIMAL_TOML.replace('subtitle = "Subtitle words"', "subtitle = Subtitle words")
    line = first_error(make_project, capsys, toml)
    assert line.startswith(f"{WHERE}:2:")
    assert 'text must be in double quotes: subtitle = "Subtitle words"' in line
    assert "Invalid value" not in line


def test_control_character_is_shown_as_a_code_point(
    make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    toml = MINIMAL_TOML.replace('subtitle = "Subtitle words"', 'subtitle = "Subtitle\x07words"')
    line = first_error(make_project, capsys, toml)
    assert line.startswith(f"{WHERE}:2:")
    assert "U+0007" in line and "\\x07" not in line and "\x07" not in line
