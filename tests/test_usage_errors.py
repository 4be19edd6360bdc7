"""Usage errors (exit 2, ``build-guide: error: ...``) and `release` refusing what `build
--release` refuses. The guides here are test content, not medical advice."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import MINIMAL_TOML, run_cli

# Placeholders are errors in release mode once the guide stops allowing them.
STRICT_TOML = MINIMAL_TOML.replace("placeholders_ok = true", "placeholders_ok = false")
TODO_CHAPTER = "# Introduction\n\nTest content, not medical advice.\n\nTODO: add the study.\n"


def test_unknown_guide_is_a_usage_error(
    make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    sources = str(make_project() / "sources")
    for command in (
        ["build", "tset-guide"],
        ["tset-guide"],
        ["watch", "tset-guide"],
        ["release", "tset-guide", "--bump", "patch", "--summary", "x"],
    ):
        code, out, err = run_cli([*command, "--sources", sources], capsys)
        assert code == 2, command
        assert err.startswith("build-guide: error: no guide named 'tset-guide'"), err
        assert "(did you mean 'test-guide'?)" in err and not out
        assert "sources: error" not in err


def test_new_on_a_taken_name_is_a_usage_error(
    make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    sources = make_project() / "sources"
    before = (sources / "test-guide" / "guide.toml").read_bytes()
    code, out, err = run_cli(["new", "test-guide", "--sources", str(sources)], capsys)
    assert code == 2 and not out
    assert err.strip() == (
        f"build-guide: error: {sources.as_posix()}/test-guide already exists: "
        "choose another name (nothing was written)"
    )
    assert (sources / "test-guide" / "guide.toml").read_bytes() == before


def test_mistyped_option_names_the_closest(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_cli(["build", "--previw"], capsys)
    assert code == 2
    assert err.strip() == (
        "build-guide: error: unrecognized arguments: --previw (did you mean '--previews'?)"
    )
    code, _, err = run_cli(["check", "--strcit"], capsys)
    assert code == 2 and "(did you mean '--strict'?)" in err
    code, _, err = run_cli(["build", "--zzzzzz"], capsys)
    assert code == 2 and "did you mean" not in err


def test_format_without_report_is_a_usage_error(
    make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    sources = str(make_project() / "sources")
    code, out, err = run_cli(["check", "--format", "md", "--sources", sources], capsys)
    assert code == 2 and not out
    assert err.startswith("build-guide: error: --format md") and "--report" in err


def test_release_refuses_what_build_release_refuses(
    make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_project({"01-intro.md": TODO_CHAPTER}, toml=STRICT_TOML)
    sources, ledger = root / "sources", root / "sources" / "test-guide" / "revisions.toml"
    toml_before = (sources / "test-guide" / "guide.toml").read_bytes()
    code, out, err = run_cli(
        [
            "release",
            "test-guide",
            "--bump",
            "minor",
            "--summary",
            "First",
            "--sources",
            str(sources),
        ],
        capsys,
    )
    assert code == 1 and not out
    refused = [line for line in err.splitlines() if ": error: " in line]
    assert refused and all("placeholder" in line for line in refused)
    assert "release refused: nothing was recorded" in err
    assert not ledger.exists()
    assert (sources / "test-guide" / "guide.toml").read_bytes() == toml_before
    code, _, err = run_cli(
        ["build", "--release", "--sources", str(sources), "--out", str(root / "dist")], capsys
    )
    assert code == 1
    assert set(refused) <= set(err.splitlines())
    code, _, err = run_cli(["check", "--sources", str(sources)], capsys)
    assert code == 1 and set(refused) <= set(err.splitlines())


def test_release_of_clean_content_still_records(
    make_project: Callable[..., Path],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796083200")  # 2026-12-01
    root = make_project(toml=STRICT_TOML.replace("example.com", "valorspine.com"))
    code, out, err = run_cli(
        [
            "release",
            "test-guide",
            "--bump",
            "minor",
            "--summary",
            "First",
            "--sources",
            str(root / "sources"),
        ],
        capsys,
    )
    assert code == 0, err
    assert "released test-guide" in out
    assert (root / "sources" / "test-guide" / "revisions.toml").is_file()
