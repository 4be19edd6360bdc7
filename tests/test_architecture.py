"""The shape of the code: stage boundaries (who may import reportlab, markdown, pypdf),
module size, and nothing happening at import time."""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import ROOT

PACKAGE = ROOT / "guide"
OWNERS = {
    "reportlab": ("guide/render/",),
    "svglib": ("guide/render/",),
    "PIL": ("guide/parse/images.py", "guide/outputs/previews.py"),
    "markdown": ("guide/parse/",),
    "trafilatura": ("guide/importer/",),
    "lxml": ("guide/importer/",),
    "pypdfium2": ("guide/outputs/previews.py",),
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
    assert imports(PACKAGE / "model.py") <= {
        "__future__",
        "dataclasses",
        "pathlib",
        "typing",
        "guide",
    }


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: p.name)
def test_modules_stay_small(path: Path) -> None:
    # The reportlab adapter is the one exception: every private access of reportlab stays in one
    # module (one door, each with its line saying what it relies on) rather than in two halves.
    limit = 480 if path.name == "adapter.py" else 420
    assert len(path.read_text(encoding="utf-8").splitlines()) <= limit, path


def test_a_build_never_imports_pypdf_or_saxutils(tmp_path: Path) -> None:
    code = (
        "import sys; from pathlib import Path; from guide.build import build; "
        "from guide.options import BuildOptions; "
        f"build(BuildOptions(sources=Path('sources'), out=Path({str(tmp_path)!r}), "
        "slugs=('discogenic-back-pain',), force=True)); "
        "print(sorted(m for m in ('pypdf', 'xml.sax.saxutils') if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    ).stdout.strip()
    assert out.splitlines()[-1] == "[]"


def test_importing_the_package_loads_no_heavy_library() -> None:
    code = (
        "import sys, guide, guide.cli, guide.build, guide.model, guide.errors; "
        "print(sorted(m for m in ('reportlab', 'markdown', 'pypdf', 'PIL') "
        "if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    ).stdout.strip()
    assert out == "[]"


# The stages in the order data flows through them: a module may import its own stage and the
# ones before it, never a later one. The first matching prefix names a module's stage.
STAGES: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "base",
        (
            "guide/__init__.py",
            "guide/errors.py",
            "guide/model.py",
            "guide/edition.py",
            "guide/options.py",
            "guide/files.py",
            "guide/diagrams/spec.py",
        ),
    ),
    ("load", ("guide/config/", "guide/sources.py", "guide/i18n/")),
    ("diagrams", ("guide/diagrams/",)),
    ("parse", ("guide/parse/",)),
    ("check", ("guide/check/",)),
    ("revisions", ("guide/revisions/",)),
    ("metadata", ("guide/metadata/",)),
    ("render", ("guide/render/",)),
    ("outputs", ("guide/outputs/",)),
    ("commands", ("guide/build.py", "guide/scaffold.py", "guide/importer/")),
    ("cli", ("guide/cli.py", "guide/cli_parser.py", "guide/watch.py", "guide/__main__.py")),
)


def stage_of(relative: str) -> int:
    for rank, (_, prefixes) in enumerate(STAGES):
        if relative.startswith(prefixes):
            return rank
    raise AssertionError(f"{relative} belongs to no stage: add it to STAGES")


def module_path(module: str) -> str | None:
    """The file of a ``guide`` module, relative to the repository (None: not ours)."""
    if module != "guide" and not module.startswith("guide."):
        return None
    base = ROOT / module.replace(".", "/")
    if (base / "__init__.py").is_file():
        return (base / "__init__.py").relative_to(ROOT).as_posix()
    if base.with_suffix(".py").is_file():
        return base.with_suffix(".py").relative_to(ROOT).as_posix()
    return None


def internal_imports(path: Path) -> set[str]:
    """Every ``guide`` module a file imports, at the top, inside functions or for type checking
    (``from guide import model`` counts as ``guide.model``)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    inside = path.is_relative_to(ROOT)
    package = ".".join(path.relative_to(ROOT).with_suffix("").parts[:-1]) if inside else ""
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if node.level:
                parts = package.split(".")
                parts = parts[: len(parts) - node.level + 1]
                module = ".".join([*parts, module] if module else parts)
            for alias in node.names:
                found.add(
                    f"{module}.{alias.name}" if module_path(f"{module}.{alias.name}") else module
                )
    return {name for name in found if module_path(name) is not None}


def import_graph() -> dict[str, set[str]]:
    graph = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(ROOT).as_posix()
        graph[relative] = {
            p for name in internal_imports(path) if (p := module_path(name)) and p != relative
        }
    return graph


def test_imports_follow_the_stages() -> None:
    wrong = []
    for source, targets in import_graph().items():
        for target in targets:
            if stage_of(target) > stage_of(source):
                wrong.append(
                    f"{source} ({STAGES[stage_of(source)][0]}) imports {target} "
                    f"({STAGES[stage_of(target)][0]})"
                )
    assert not wrong, "imports against the stages' order:\n" + "\n".join(sorted(wrong))


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle in ``graph``, as the list of its modules, or None."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for target in sorted(graph.get(node, ())):
            if state.get(target) == 1:
                return [*stack[stack.index(target) :], target]
            if target not in state and (cycle := visit(target)):
                return cycle
        state[node] = 2
        stack.pop()
        return None

    for node in sorted(graph):
        if node not in state and (cycle := visit(node)):
            return cycle
    return None


def test_no_import_cycles() -> None:
    cycle = find_cycle(import_graph())
    assert cycle is None, "import cycle: " + " → ".join(cycle or [])


def test_the_cycle_finder_finds_cycles() -> None:
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_the_stage_checker_sees_imports_inside_functions(tmp_path: Path) -> None:
    sample = ROOT / "guide" / "check" / "structure.py"
    assert "guide/render/__init__.py" not in {module_path(n) for n in internal_imports(sample)}
    late = tmp_path / "late.py"
    late.write_text("def f():\n    from guide.render import render_guide\n", encoding="utf-8")
    assert "guide.render" in internal_imports(late)


LAYOUT_LIBRARIES = ("reportlab", "svglib")
_CHECK_AND_LIST_MODULES = (
    "import sys\nfrom guide.cli import main\ncode = main(sys.argv[1:])\n"
    f"print(code, sorted(m for m in {LAYOUT_LIBRARIES!r} if m in sys.modules))\n"
)


def _check_in_a_fresh_process(args: list[str], cwd: Path) -> tuple[str, str]:
    done = subprocess.run(
        [sys.executable, "-c", _CHECK_AND_LIST_MODULES, "check", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        check=False,
        env={"PYTHONPATH": str(ROOT), "PATH": ""},
    )
    return done.stdout.strip().splitlines()[-1], done.stderr


def test_check_imports_no_layout_library() -> None:
    last, _ = _check_in_a_fresh_process([], ROOT)
    assert last == "0 []"


def test_check_reports_a_missing_glyph_without_a_layout_library(
    make_project: Callable[..., Path],
) -> None:
    # Test content, not medical advice: one character (U+4E2D) no brand font draws.
    root = make_project({"01-intro.md": "# Introduction\n\nA character: 中.\n"})
    last, err = _check_in_a_fresh_process(["--sources", "sources"], root)
    assert last == "1 []"
    assert "01-intro.md:3: error: character '中' U+4E2D" in err
