"""Types and lint hold for the whole project: mypy --strict and ruff over the package, the
tests, the benchmarks and the script (both come with the test extra: a missing one fails), and
pytest's own options."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT


def test_ruff() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "guide", "tests", "benchmarks", "build_guide.py"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format() -> None:
    """One format for the whole tree (``ruff format``)."""
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "ruff",
            "format",
            "--check",
            "guide",
            "tests",
            "benchmarks",
            "build_guide.py",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy() -> None:
    """``mypy`` with pyproject's settings: strict, over guide/, tests/, benchmarks/."""
    result = subprocess.run(
        [sys.executable, "-m", "mypy"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Success: no issues found" in result.stdout


def test_pytest_options_hold_without_pytest_xdist() -> None:
    """pyproject's addopts name pytest-xdist's options: without it the suite still runs."""
    without = ["-p", "no:xdist", "-p", "no:cacheprovider", "-q", "--collect-only"]
    result = subprocess.run(
        [sys.executable, "-m", "pytest", *without, "tests/test_lint.py"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "tests/test_lint.py::test_mypy" in result.stdout
