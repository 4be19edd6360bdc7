"""``check`` refuses exactly what ``build`` refuses: every case of the hostile corpus goes through
both, and the verdicts (exit code, error and warning lines) must be the same. ``check`` also
fails on drafts (every corpus guide is one: it has no revision ledger), so that one diagnostic
is set aside. A build that meets an error only while rendering fails this test: the check stage
must find it first, at its file and line."""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from guide.cli import main
from tests.corpus_cases import cases
from tests.hostile import write_project
from tests.test_properties import DOCUMENT

CASES = cases()


def run(argv: list[str], root: Path) -> tuple[int, list[str]]:
    out, err = io.StringIO(), io.StringIO()
    code = main([*argv, "--sources", str(root / "sources")], out, err)
    lines = [line.replace(str(root) + "/", "") for line in err.getvalue().splitlines()]
    return code, lines


def diagnostics(lines: list[str]) -> list[str]:
    """The diagnostic lines (not the summary), without check's note that the guide is a draft."""
    return sorted(
        line
        for line in lines
        if (": error: " in line or ": warning: " in line) and "is a draft" not in line
    )


@pytest.mark.parametrize("name", sorted(CASES))
def test_check_and_build_agree(name: str, tmp_path: Path) -> None:
    case = CASES[name]
    root = write_project(tmp_path / "project", case.chapter, case.extra)
    check_code, check_lines = run(["check"], root)
    build_code, build_lines = run(["build", "--out", str(root / "dist")], root)
    assert build_code in (0, 1), build_lines
    assert check_code == 1  # at least the draft
    assert diagnostics(check_lines) == diagnostics(build_lines)
    content_errors = [line for line in diagnostics(check_lines) if ": error: " in line]
    assert bool(content_errors) == (build_code == 1), (check_lines, build_lines)


@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    st.one_of(
        DOCUMENT,
        st.text(st.characters(exclude_categories=["Cs"]), max_size=200).map(
            lambda text: "# Title\n\n" + text + "\n"
        ),
    )
)
def test_check_and_build_agree_on_generated_markdown(document: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = write_project(Path(folder) / "project", document)
        check_code, check_lines = run(["check"], root)
        build_code, build_lines = run(["build", "--out", str(root / "dist")], root)
    assert build_code in (0, 1), (document, build_lines)
    assert check_code == 1  # at least the draft
    assert diagnostics(check_lines) == diagnostics(build_lines), document
    content_errors = [line for line in diagnostics(check_lines) if ": error: " in line]
    assert bool(content_errors) == (build_code == 1), (document, build_lines)
