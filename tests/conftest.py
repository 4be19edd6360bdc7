"""Shared fixtures: a throwaway project written from a dict, and the reference guide built once."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from guide.cli import main
from guide.config.load import load_brand
from guide.config.schema import Brand
from guide.errors import Diagnostics
from tests.pdftools import Element, elements

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = "discogenic-back-pain"

# Test content, not medical advice: a disclaimer holding the phrases assets/brand.toml requires.
DISCLAIMER = (
    "# Disclaimer\n\nThis is test content and does not constitute medical advice; it "
    "is not intended to diagnose, treat, cure, or prevent any condition. Always "
    "consult a qualified healthcare provider.\n"
)

MINIMAL_TOML = """\
title = "A Test Guide"
subtitle = "Subtitle words"
audience = "For testers"
author = "Valor Spine"
language = "en-US"
keywords = ["test"]
chapters = ["01-intro.md"]
disclaimer = "disclaimer.md"
version = "1.0.0"
date = "2026-11-25"

[call_to_action]
heading = "Schedule an Appointment"
text = "Book a visit."
label = "Book now"
url = "https://example.com/schedule"

[[related]]
title = "Another Article"
url = "https://example.com/another"

[contact]
website = "https://example.com"
email = "info@example.com"

[quality]
placeholders_ok = true  # test content: its example.com addresses are on purpose
"""


def pytest_addoption(parser: pytest.Parser, pluginmanager: pytest.PytestPluginManager) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="rewrite the golden snapshots from the current build",
    )
    if not pluginmanager.has_plugin("xdist"):  # pyproject's addopts name two of its options
        parser.addoption("--numprocesses", help="ignored: pytest-xdist is not installed")
        parser.addoption("--dist", help="ignored: pytest-xdist is not installed")


@pytest.hookimpl(tryfirst=True, optionalhook=True)
def pytest_xdist_auto_num_workers(config: pytest.Config) -> int | None:
    """No worker processes when the command names one test file (or tests of one file): the
    file would run whole in one worker anyway, after seconds spent starting the workers."""
    files = {arg.split("::")[0] for arg in config.args}
    return 0 if len(files) == 1 and Path(config.rootpath, *files).is_file() else None


@pytest.fixture
def make_project(tmp_path: Path) -> Callable[..., Path]:
    """Write a project (assets copied from the repository) with one guide ``test-guide``
    made of ``files`` (relative to the guide folder); returns the project root."""

    def make(
        files: dict[str, str | bytes] | None = None,
        slug: str = "test-guide",
        toml: str | None = MINIMAL_TOML,
    ) -> Path:
        root = tmp_path / "project"
        if not (root / "assets").exists():
            shutil.copytree(ROOT / "assets", root / "assets")
        folder = root / "sources" / slug
        folder.mkdir(parents=True, exist_ok=True)
        defaults: dict[str, str | bytes] = {
            "01-intro.md": "# Introduction\n\nHello patients.\n",
            "disclaimer.md": DISCLAIMER,
        }
        if toml is not None:
            defaults["guide.toml"] = toml
        for name, content in {**defaults, **(files or {})}.items():
            path = folder / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
        return root

    return make


def print_pdfs(folder: Path, pattern: str = "*.pdf") -> list[Path]:
    """The print editions among ``folder``'s PDFs (every guide also builds a phone edition,
    ``…-phone.pdf``, tested in tests/test_phone.py)."""
    return [p for p in sorted(folder.glob(pattern)) if not p.name.endswith("-phone.pdf")]


def run_cli(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def build_errors(root: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    """Build the project at ``root``; the exit code and stderr's lines, paths made relative."""
    code, _, err = run_cli(
        ["build", "--sources", str(root / "sources"), "--out", str(root / "dist")], capsys
    )
    return code, [line.replace(str(root) + "/", "") for line in err.strip().splitlines()]


@pytest.fixture(scope="session")
def reference_dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The reference guide's print and phone editions, built once per test session from the
    repository's sources; the output folder."""
    out = tmp_path_factory.mktemp("dist")
    code = main(["build", REFERENCE, "--sources", str(ROOT / "sources"), "--out", str(out)])
    assert code == 0
    return out


@pytest.fixture(scope="session")
def reference_pdf(reference_dist: Path) -> Path:
    """The reference guide's print edition."""
    pdfs = print_pdfs(reference_dist, f"{REFERENCE}-v*.pdf")
    assert len(pdfs) == 1
    return pdfs[0]


@pytest.fixture(scope="session")
def reference_phone_pdf(reference_dist: Path) -> Path:
    """The reference guide's phone edition."""
    pdfs = sorted(reference_dist.glob(f"{REFERENCE}-v*-phone.pdf"))
    assert len(pdfs) == 1
    return pdfs[0]


@pytest.fixture(scope="session")
def reference_elements(reference_pdf: Path) -> list[Element]:
    """The reference guide's structure elements with their text (read once: pdfminer is slow)."""
    return elements(reference_pdf)


@pytest.fixture(scope="session")
def brand() -> Brand:
    """The repository's brand, loaded once."""
    diagnostics = Diagnostics()
    loaded = load_brand(ROOT / "assets" / "brand.toml", "assets/brand.toml", diagnostics)
    assert loaded is not None, diagnostics.items
    return loaded


@pytest.fixture(scope="session")
def data_dir() -> Path:
    return Path(__file__).parent / "data"
