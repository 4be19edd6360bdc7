"""The command line as marketing and CI use it: exit codes, messages, outputs left intact."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import ROOT, run_cli


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_build_writes_pdf_and_manifest(make_project: Callable[..., Path],
                                       capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project()
    code, out, err = run_cli(["--sources", str(root / "sources"), "--out",
                              str(root / "dist")], capsys)
    assert code == 0, err
    manifest = json.loads((root / "dist" / "manifest.json").read_text(encoding="utf-8"))
    [entry] = manifest["guides"]
    pdf = root / "dist" / entry["pdf"]
    assert entry["slug"] == "test-guide" and entry["title"] == "A Test Guide"
    assert entry["sha256"] == digest(pdf) and entry["bytes"] == pdf.stat().st_size
    assert entry["pages"] >= 5
    assert pdf.name.startswith("test-guide-v") and pdf.name.endswith(".pdf")
    assert f"built {root / 'dist' / entry['pdf']}" in out


def test_content_error_leaves_previous_outputs_untouched(
        make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project()
    args = ["build", "--sources", str(root / "sources"), "--out", str(root / "dist")]
    assert run_cli(args, capsys)[0] == 0
    before = {p.name: digest(p) for p in (root / "dist").iterdir()}
    (root / "sources" / "test-guide" / "01-intro.md").write_text(
        "# Intro\n\n![A picture](missing.png)\n", encoding="utf-8")
    code, _, err = run_cli(args, capsys)
    assert code == 1
    assert "01-intro.md:3: error: image 'missing.png' not found" in err
    assert err.strip().splitlines()[-1] == "1 error"
    after = {p.name: digest(p) for p in (root / "dist").iterdir()}
    assert after == before


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_cli(["build", "--no-such-flag"], capsys)
    assert code == 2
    assert "unrecognized arguments: --no-such-flag" in err
    assert "Traceback" not in err


def test_unknown_guide_has_did_you_mean(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_cli(["build", "discogenic-back-pian", "--sources",
                            str(ROOT / "sources"), "--out", "/nonexistent/never"], capsys)
    assert code == 1
    assert "no guide named 'discogenic-back-pian' (did you mean 'discogenic-back-pain'?)" in err


def test_missing_sources_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_cli(["build", "--sources", str(tmp_path / "nope")], capsys)
    assert code == 1
    assert "sources folder not found" in err


def test_console_entry_and_script_agree(tmp_path: Path) -> None:
    """``python build_guide.py`` and ``python -m guide`` are the same command."""
    for command in ([sys.executable, str(ROOT / "build_guide.py"), "--version"],
                    [sys.executable, "-m", "guide", "--version"]):
        result = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, check=False)
        assert result.returncode == 0
        assert result.stdout.startswith("build_guide.py ")


def test_internal_errors_are_one_line_unless_debug(
        make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    import guide.metadata

    def broken(*args: object, **kwargs: object) -> bytes:
        raise RuntimeError("boom")

    monkeypatch.setattr(guide.metadata, "finish_properties", broken)
    root = make_project()
    args = ["build", "--sources", str(root / "sources"), "--out", str(root / "dist")]
    code, _, err = run_cli(args, capsys)
    assert code == 1
    assert err.strip() == ("build_guide.py: internal error: RuntimeError: boom "
                           "(run with --debug for details)")
    code, _, err = run_cli([*args, "--debug"], capsys)
    assert "Traceback" in err and not (root / "dist").exists()
