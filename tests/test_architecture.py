"""The shape of the code: stage boundaries (who may import reportlab, markdown, pypdf),
module size, and nothing happening at import time."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

PACKAGE = ROOT / "guide"
OWNERS = {
    "reportlab": ("guide/render/",),
    "svglib": ("guide/render/",),
    "markdown": ("guide/parse/",),
    # Nothing in the package: the render stage writes the finish stage's metadata and the
    # structure tree into reportlab's document before saving, so a build never parses its PDF
    # again (importing pypdf and re-writing the file cost about 0.1 s). Tests read PDFs with it.
    "pypdf": (),
}


def imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: p.name)
def test_only_the_owning_stage_imports_a_library(path: Path) -> None:
    relative = path.relative_to(ROOT).as_posix()
    for library in imports(path) & OWNERS.keys():
        assert relative.startswith(OWNERS[library]), f"{relative} imports {library}"


def test_the_document_model_imports_no_library() -> None:
    assert imports(PACKAGE / "model.py") <= {"__future__", "dataclasses", "pathlib", "typing",
                                             "guide"}


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: p.name)
def test_modules_stay_small(path: Path) -> None:
    assert len(path.read_text(encoding="utf-8").splitlines()) <= 420, path


def test_a_build_never_imports_pypdf_or_saxutils(tmp_path: Path) -> None:
    code = ("import sys; from pathlib import Path; from guide.build import BuildOptions, build; "
            f"build(BuildOptions(sources=Path('sources'), out=Path({str(tmp_path)!r}), "
            "slugs=('discogenic-back-pain',), force=True)); "
            "print(sorted(m for m in ('pypdf', 'xml.sax.saxutils') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=ROOT, check=True).stdout.strip()
    assert out.splitlines()[-1] == "[]"


def test_importing_the_package_loads_no_heavy_library() -> None:
    code = ("import sys, guide, guide.cli, guide.build, guide.model, guide.errors; "
            "print(sorted(m for m in ('reportlab', 'markdown', 'pypdf', 'PIL') "
            "if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=ROOT, check=True).stdout.strip()
    assert out == "[]"
