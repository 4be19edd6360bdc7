"""No-op builds, --force, and watch: marketing's edit-rebuild loop."""

from __future__ import annotations

import io
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from guide.cli import print_diagnostics
from guide.options import BuildOptions
from guide.watch import watch
from tests.conftest import ROOT, print_pdfs, run_cli


def args(root: Path, *more: str) -> list[str]:
    return ["build", "--sources", str(root / "sources"), "--out", str(root / "dist"), *more]


def test_unchanged_content_is_not_rebuilt(
    make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_project()
    assert run_cli(args(root), capsys)[0] == 0
    [pdf] = print_pdfs(root / "dist")
    stamp = pdf.stat().st_mtime_ns
    code, out, _ = run_cli(args(root), capsys)
    assert code == 0 and out.startswith("up to date ")
    assert pdf.stat().st_mtime_ns == stamp
    code, out, _ = run_cli(args(root, "--force"), capsys)
    assert code == 0 and out.startswith("built ")


def test_a_content_change_or_a_damaged_pdf_rebuilds(
    make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_project()
    assert run_cli(args(root), capsys)[0] == 0
    chapter = root / "sources" / "test-guide" / "01-intro.md"
    chapter.write_text("# Introduction\n\nHello again, patients.\n", encoding="utf-8")
    code, out, _ = run_cli(args(root), capsys)
    assert code == 0 and out.startswith("built ")
    [pdf] = print_pdfs(root / "dist", "*-draft*.pdf")  # the earlier draft was removed
    whole = pdf.read_bytes()
    pdf.write_bytes(whole[:-10])
    code, out, err = run_cli(args(root), capsys)
    assert (code, err) == (0, "")
    assert out.startswith("built ")
    assert pdf.read_bytes() == whole  # the same content gives the same bytes


def test_no_op_build_imports_no_layout_library(
    make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_project()
    assert run_cli(args(root), capsys)[0] == 0
    code = (
        "import sys; from guide.cli import main; "
        f"rc = main({args(root)!r}); "
        "print(rc, sorted(m for m in ('reportlab', 'markdown', 'pypdf') if m in sys.modules))"
    )
    out = (
        subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
        )
        .stdout.strip()
        .splitlines()[-1]
    )
    assert out == "0 []"


def test_watch_rebuilds_after_a_change(make_project: Callable[..., Path]) -> None:
    root = make_project()
    options = BuildOptions(sources=root / "sources", out=root / "dist")
    chapter = root / "sources" / "test-guide" / "01-intro.md"
    out, err = io.StringIO(), io.StringIO()
    looks = []

    def edit_then_wait(seconds: float) -> None:
        looks.append(seconds)
        if len(looks) == 1:
            chapter.write_text("# Introduction\n\n![](missing.png)\n", encoding="utf-8")
        elif len(looks) == 3:
            chapter.write_text("# Introduction\n\nFixed.\n", encoding="utf-8")

    assert (
        watch(
            options, out, err, print_diagnostics, interval=0.01, max_builds=3, sleep=edit_then_wait
        )
        == 0
    )
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("rebuilt test-guide-v") and "watching for changes" in lines[0]
    assert lines[1].startswith("build failed") and "previous PDF kept" in lines[1]
    assert lines[2].startswith("rebuilt ")
    assert "01-intro.md:3: error: image 'missing.png' not found" in err.getvalue()


def test_watch_reports_a_builder_bug_and_keeps_watching(
    make_project: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    import guide.metadata

    finish = guide.metadata.finish_properties

    def broken(*args: object) -> object:
        raise RuntimeError("boom")

    monkeypatch.setattr(guide.metadata, "finish_properties", broken)
    root = make_project()
    chapter = root / "sources" / "test-guide" / "01-intro.md"
    out, err = io.StringIO(), io.StringIO()

    def fix_then_edit(seconds: float) -> None:  # the bug is fixed, then the author saves
        monkeypatch.setattr(guide.metadata, "finish_properties", finish)
        chapter.write_text("# Introduction\n\nEdited.\n", encoding="utf-8")

    options = BuildOptions(sources=root / "sources", out=root / "dist")
    code = watch(options, out, err, print_diagnostics, max_builds=2, sleep=fix_then_edit)
    assert code == 0
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("build failed") and "previous PDF kept" in lines[0]
    assert lines[1].startswith("rebuilt test-guide-v")
    assert err.getvalue().replace(str(root) + "/", "").splitlines() == [
        "sources/test-guide: internal error: the builder failed here (RuntimeError: boom); this "
        "is a bug in the builder, not in the guide"
    ]


def test_watch_strict_makes_warnings_errors_as_build_strict_does(
    make_project: Callable[..., Path],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import guide.watch

    look = guide.watch.snapshot

    def one_build_then_ctrl_c(folders: list[Path]) -> dict[str, tuple[int, int]]:
        if calls:
            raise KeyboardInterrupt  # the author stops watching after the first build
        calls.append(1)
        return look(folders)

    monkeypatch.setattr(guide.watch, "snapshot", one_build_then_ctrl_c)
    # Test content, not medical advice: a claim the quality check warns about.
    root = make_project({"01-intro.md": "# Intro\n\nThis treatment is a guaranteed cure.\n"})
    command = ["watch", "--sources", str(root / "sources"), "--out", str(root / "dist")]
    calls: list[int] = []
    code, out, err = run_cli(command, capsys)
    assert code == 0 and "rebuilt test-guide-v" in out
    assert "01-intro.md:3:" in err and ": warning: claim:" in err and ": error:" not in err
    calls.clear()
    code, out, err = run_cli([*command, "--strict"], capsys)
    assert code == 0 and "build failed" in out and "rebuilt" not in out
    assert "01-intro.md:3:" in err and ": error: claim:" in err
