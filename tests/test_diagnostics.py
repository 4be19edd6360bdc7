"""One line per diagnostic, in the author's words: quoted values escaped and cut, no exception
text for content problems, and a builder bug reported as an internal error (exit 3) at the
block being built. The guides written here are test content, not medical advice."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from guide.errors import Diagnostic, Location, Severity, printable, quoted
from tests.conftest import build_errors, run_cli

INTRO = "sources/test-guide/01-intro.md"


def test_a_message_is_always_one_line() -> None:
    item = Diagnostic(Severity.ERROR, "link 'a\nb\x0bc\u202e' is odd", Location("x.md", 3))
    assert str(item) == "x.md:3: error: link 'a\\nbU+000BcU+202E' is odd"
    assert printable("plain é — ok") == "plain é — ok"
    assert quoted("x" * 200, 10) == "'xxxxxxxxx…'"


def test_a_link_target_with_a_line_break_gives_one_line(
    make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_project({"01-intro.md": "# Intro\n\nSee [this](<javascript:alert\n(1)>).\n"})
    code, lines = build_errors(root, capsys)
    assert code == 1
    assert lines[0].startswith(f"{INTRO}:3: error: link 'javascript:alert\\n(1)' holds a space")
    assert lines[1:] == ["1 error"]


def test_an_embedded_data_image_says_what_to_do(
    make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    data = "data:image/png;base64," + "iVBORw0KGgo" * 2000
    root = make_project({"01-intro.md": f"# Intro\n\n![A chart]({data})\n"})
    code, lines = build_errors(root, capsys)
    assert code == 1
    assert lines == [
        f"{INTRO}:3: error: embedded data: images are not supported; save the "
        f"picture in the guide's folder and give its file name",
        "1 error",
    ]


def test_an_image_name_too_long_for_the_system_is_not_found(
    make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    name = "a" * 400 + ".png"
    root = make_project({"01-intro.md": f"# Intro\n\n![A chart]({name})\n"})
    code, lines = build_errors(root, capsys)
    assert code == 1
    assert lines == [
        f"{INTRO}:3: error: image '{'a' * 79}…' not found in the guide's folder or assets/",
        "1 error",
    ]


@pytest.mark.parametrize(
    "chapter",
    [
        "".join(("_" if i % 2 else "**") + f"w{i} " for i in range(400))
        + "x"
        + "".join("_" if i % 2 else "**" for i in reversed(range(400))),
        "".join(f"*[a{i} " for i in range(300)) + "x" + "](https://example.com)*" * 300,
    ],
)
def test_deeply_nested_inline_markup_is_an_error_at_its_line(
    chapter: str, make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_project({"01-intro.md": f"# Intro\n\nFirst paragraph.\n\n{chapter}\n"})
    code, lines = build_errors(root, capsys)
    assert code == 1
    assert len(lines) == 2 and lines[1] == "1 error"
    assert lines[0].startswith(f"{INTRO}:5: error: inline markup nested too deep (")
    assert "levels; at most 12)" in lines[0] and "Error" not in lines[0]


def test_inline_markup_at_the_limit_builds(
    make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    text = "".join(f"*[a{i} " for i in range(6)) + "x" + "](https://example.com)*" * 6
    root = make_project({"01-intro.md": f"# Intro\n\n{text}\n"})
    code, lines = build_errors(root, capsys)
    assert code == 0, lines


def test_a_builder_bug_names_the_block_and_exits_3(
    make_project: Callable[..., Path],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from reportlab.platypus import Table

    def broken(self: object, *args: object) -> None:
        raise KeyError("cell\nstyle")

    monkeypatch.setattr(Table, "draw", broken)
    root = make_project({"01-intro.md": "# Intro\n\nText.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"})
    args = ["build", "--sources", str(root / "sources"), "--out", str(root / "dist")]
    code, _, err = run_cli(args, capsys)
    assert code == 3
    line = err.strip().replace(str(root) + "/", "")
    assert line == (
        f"{INTRO}:5: internal error: the builder failed here (KeyError: 'cell\\n"
        f"style'); this is a bug in the builder, not in the guide (run with --debug "
        f"for details)"
    )
    assert not (root / "dist").exists()
    code, _, err = run_cli([*args, "--debug"], capsys)
    assert code == 3 and "Traceback" in err and "raise KeyError" in err


def test_exit_code_3_is_documented() -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    assert "`3` an internal" in readme


def test_a_parser_bug_names_the_file_and_exits_3_from_check_too(
    make_project: Callable[..., Path],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from guide.parse.convert import Converter

    def broken(self: object, *args: object) -> None:
        raise AttributeError("no such thing")

    monkeypatch.setattr(Converter, "blocks", broken)
    root = make_project()
    for command in (["check"], ["build", "--out", str(root / "dist")]):
        code, _, err = run_cli([*command, "--sources", str(root / "sources")], capsys)
        assert code == 3
        assert err.strip().replace(str(root) + "/", "") == (
            f"{INTRO}:1: internal error: the builder failed here (AttributeError: no such "
            f"thing); this is a bug in the builder, not in the guide (run with --debug for "
            f"details)"
        )


def test_a_builder_bug_in_one_guide_leaves_the_others_built_and_exits_3(
    make_project: Callable[..., Path],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import json

    import guide.metadata

    finish = guide.metadata.finish_properties

    def broken_for_one(config: Any, *args: Any) -> Any:
        if config.slug == "test-guide":
            raise RuntimeError("boom")
        return finish(config, *args)

    monkeypatch.setattr(guide.metadata, "finish_properties", broken_for_one)
    make_project()  # three guides of test content: one meets the bug, one has an error
    make_project({"01-intro.md": "# Intro\n\n![A chart](missing.png)\n"}, slug="bad-content")
    root = make_project(slug="other-guide")
    args = ["build", "--sources", str(root / "sources"), "--out", str(root / "dist")]
    code, out, err = run_cli(args, capsys)
    assert code == 3
    assert err.replace(str(root) + "/", "").splitlines() == [
        "sources/bad-content/01-intro.md:3: error: image 'missing.png' not found in the "
        "guide's folder or assets/",
        "1 error",
        "sources/test-guide: internal error: the builder failed here (RuntimeError: boom); this "
        "is a bug in the builder, not in the guide (run with --debug for details)",
        "failed: bad-content, test-guide (previous PDF and manifest entry, if any, kept); "
        "built: other-guide",
    ]
    assert out.startswith(f"built {root.as_posix()}/dist/other-guide-v1.0.0")
    manifest = json.loads((root / "dist" / "manifest.json").read_text(encoding="utf-8"))
    assert {entry["slug"] for entry in manifest["guides"]} == {"other-guide"}
    pdfs = [p.name for p in (root / "dist").glob("*.pdf")]
    assert len(pdfs) == 2 and all(name.startswith("other-guide-") for name in pdfs)
    code, _, err = run_cli([*args, "--debug"], capsys)
    assert code == 3 and "Traceback" in err and 'raise RuntimeError("boom")' in err


def test_check_reports_a_builder_bug_in_one_guide_and_checks_the_others(
    make_project: Callable[..., Path],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import guide.build

    prepare_guide = guide.build.prepare_guide

    def broken_for_one(folder: Path, *args: Any) -> Any:
        if folder.name == "test-guide":
            raise RuntimeError("boom")
        return prepare_guide(folder, *args)

    monkeypatch.setattr(guide.build, "prepare_guide", broken_for_one)
    make_project()  # three guides of test content: one meets the bug, one has an error
    make_project({"01-intro.md": "# Intro\n\n![A chart](missing.png)\n"}, slug="bad-content")
    root = make_project(slug="other-guide")
    args = ["check", "--sources", str(root / "sources")]
    code, _, err = run_cli(args, capsys)
    assert code == 3
    lines = err.replace(str(root) + "/", "").splitlines()
    assert (
        "sources/bad-content/01-intro.md:3: error: image 'missing.png' not found in the "
        "guide's folder or assets/"
    ) in lines  # the guide after the bug was checked
    assert (
        "sources/test-guide: internal error: the builder failed here (RuntimeError: boom); this "
        "is a bug in the builder, not in the guide (run with --debug for details)"
    ) in lines
    code, _, err = run_cli([*args, "--debug"], capsys)
    assert code == 3 and "Traceback" in err and 'raise RuntimeError("boom")' in err
