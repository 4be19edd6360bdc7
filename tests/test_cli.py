"""The command line as marketing and CI use it: exit codes, messages, outputs left intact."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
import sysconfig
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import ROOT, print_pdfs, run_cli


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_build_writes_pdf_and_manifest(
    make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_project()
    code, out, err = run_cli(
        ["--sources", str(root / "sources"), "--out", str(root / "dist")], capsys
    )
    assert code == 0, err
    manifest = json.loads((root / "dist" / "manifest.json").read_text(encoding="utf-8"))
    entry, phone = manifest["guides"]  # the print edition, then the phone edition
    assert (entry["edition"], phone["edition"]) == ("print", "phone")
    pdf = root / "dist" / entry["pdf"]
    assert entry["slug"] == "test-guide" and entry["title"] == "A Test Guide"
    assert entry["sha256"] == digest(pdf) and entry["bytes"] == pdf.stat().st_size
    assert entry["pages"] >= 5
    assert pdf.name.startswith("test-guide-v") and pdf.name.endswith(".pdf")
    assert f"built {root / 'dist' / entry['pdf']}" in out


def test_content_error_leaves_previous_outputs_untouched(
    make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_project()
    args = ["build", "--sources", str(root / "sources"), "--out", str(root / "dist")]
    assert run_cli(args, capsys)[0] == 0
    before = {p.name: digest(p) for p in (root / "dist").iterdir()}
    (root / "sources" / "test-guide" / "01-intro.md").write_text(
        "# Intro\n\n![A picture](missing.png)\n", encoding="utf-8"
    )
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
    code, _, err = run_cli(
        [
            "build",
            "discogenic-back-pian",
            "--sources",
            str(ROOT / "sources"),
            "--out",
            "/nonexistent/never",
        ],
        capsys,
    )
    assert code == 2  # a usage error: the name on the command line, not a file
    assert err.startswith("build-guide: error: no guide named 'discogenic-back-pian'")
    assert "(did you mean 'discogenic-back-pain'?)" in err


def test_missing_sources_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_cli(["build", "--sources", str(tmp_path / "nope")], capsys)
    assert code == 1
    assert "sources folder not found" in err


def installed_script() -> Path:
    """The ``build-guide`` console script pip installed beside this Python (README: "installed
    by pip")."""
    for folder in (sysconfig.get_path("scripts"), str(Path(sys.executable).parent)):
        found = shutil.which("build-guide", path=folder)
        if found:
            return Path(found)
    pytest.fail(f"no build-guide script beside {sys.executable}: pip install -e '.[test]'")


def test_script_module_and_console_script_are_one_command(tmp_path: Path) -> None:
    """``python build_guide.py``, ``python -m guide`` and the installed ``build-guide`` run
    the same program (run from elsewhere, so the script is found by installation only)."""
    from guide import __version__

    for command in (
        [sys.executable, str(ROOT / "build_guide.py"), "--version"],
        [sys.executable, "-m", "guide", "--version"],
        [str(installed_script()), "--version"],
    ):
        result = subprocess.run(command, capture_output=True, text=True, cwd=tmp_path, check=False)
        assert (result.returncode, result.stdout, result.stderr) == (
            0,
            f"build-guide {__version__}\n",
            "",
        ), command


def test_the_installed_script_builds_a_guide(make_project: Callable[..., Path]) -> None:
    root = make_project()
    script = installed_script()
    result = subprocess.run(
        [str(script), "build", "--out", "dist"],
        capture_output=True,
        text=True,
        cwd=root,
        check=False,
    )
    assert (result.returncode, result.stderr) == (0, ""), result.stderr
    [pdf] = print_pdfs(root / "dist", "test-guide-v*.pdf")
    assert result.stdout.startswith(f"built {Path('dist') / pdf.name}")
    result = subprocess.run(
        [str(script), "build", "--no-such-flag"],
        capture_output=True,
        text=True,
        cwd=root,
        check=False,
    )
    assert result.returncode == 2 and "unrecognized arguments: --no-such-flag" in result.stderr


def test_internal_errors_are_one_line_unless_debug(
    make_project: Callable[..., Path],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import guide.metadata

    def broken(*args: object, **kwargs: object) -> bytes:
        raise RuntimeError("boom")

    monkeypatch.setattr(guide.metadata, "finish_properties", broken)
    root = make_project()
    args = ["build", "--sources", str(root / "sources"), "--out", str(root / "dist")]
    code, _, err = run_cli(args, capsys)
    assert code == 3
    assert err.strip().replace(str(root) + "/", "") == (  # at the guide it was building
        "sources/test-guide: internal error: the builder failed here (RuntimeError: boom); this "
        "is a bug in the builder, not in the guide (run with --debug for details)"
    )
    code, _, err = run_cli([*args, "--debug"], capsys)
    assert "Traceback" in err and not (root / "dist").exists()
