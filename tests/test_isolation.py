"""One broken guide does not hold the others: each guide builds on its own; the broken one
keeps its previous PDF and manifest entry, the others are built and published, the exit code
is 1 and the summary names both. The guides written here are test content, not medical
advice."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import run_cli


def _manifest(root: Path) -> dict[str, dict[str, object]]:
    data = json.loads((root / "dist" / "manifest.json").read_text(encoding="utf-8"))
    return {str(g["slug"]): g for g in data["guides"]}


def test_a_broken_guide_keeps_its_pdf_while_the_other_is_built(
    make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    make_project(slug="good-guide")
    root = make_project(slug="bad-guide")
    args = ["build", "--sources", str(root / "sources"), "--out", str(root / "dist")]
    code, _, err = run_cli(args, capsys)
    assert code == 0, err
    before = _manifest(root)
    bad_pdf = root / "dist" / str(before["bad-guide"]["pdf"])
    old_bytes = bad_pdf.read_bytes()

    (root / "sources" / "bad-guide" / "01-intro.md").write_text(
        "# Intro\n\nSee [this](javascript:alert(1)).\n", encoding="utf-8"
    )
    (root / "sources" / "good-guide" / "01-intro.md").write_text(
        "# Intro\n\nChanged text for the test.\n", encoding="utf-8"
    )
    code, out, err = run_cli(args, capsys)
    assert code == 1
    lines = [line.replace(str(root) + "/", "") for line in err.strip().splitlines()]
    assert lines[0].startswith("sources/bad-guide/01-intro.md:3: error: link 'javascript:")
    assert lines[1:] == [
        "1 error",
        "failed: bad-guide (previous PDF and manifest entry, if any, kept); built: good-guide",
    ]
    assert "built " in out and "good-guide" in out and "bad-guide" not in out
    after = _manifest(root)
    assert after["bad-guide"] == before["bad-guide"]
    assert bad_pdf.read_bytes() == old_bytes
    assert after["good-guide"]["fingerprint"] != before["good-guide"]["fingerprint"]
    assert (root / "dist" / str(after["good-guide"]["pdf"])).is_file()


def test_a_guide_failing_in_layout_does_not_stop_the_other(
    make_project: Callable[..., Path],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A layout failure (a block too large for any page) is contained to its guide too."""
    from guide.render.layout.safety import BlockProblem, LocatingDocTemplate

    original = LocatingDocTemplate.handle_flowable

    def refuse_bad(self: LocatingDocTemplate, flowables: list[object]) -> None:
        location = getattr(flowables[0], "guide_location", None) if flowables else None
        if location is not None and "bad-guide" in location.path:
            raise BlockProblem("this block is too large to fit on a page", location)
        original(self, flowables)

    monkeypatch.setattr(LocatingDocTemplate, "handle_flowable", refuse_bad)
    make_project(slug="good-guide")
    root = make_project(slug="bad-guide")
    code, _, err = run_cli(
        ["build", "--sources", str(root / "sources"), "--out", str(root / "dist")], capsys
    )
    assert code == 1
    assert (
        "failed: bad-guide (previous PDF and manifest entry, if any, kept); built: good-guide"
    ) in err
    assert set(_manifest(root)) == {"good-guide"}


def test_when_every_guide_fails_nothing_is_written(
    make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    broken = {"01-intro.md": "No title here.\n"}
    make_project(broken, slug="first-guide")
    root = make_project(broken, slug="second-guide")
    code, _, err = run_cli(
        ["build", "--sources", str(root / "sources"), "--out", str(root / "dist")], capsys
    )
    assert code == 1
    assert err.count(": error: ") == 2 and "failed:" not in err
    assert not (root / "dist").exists()
