"""The DRAFT watermark lies under each page's content (never over the QR code or the back
cover's links), as an artifact. The guide built here is test content, not medical advice."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pikepdf
import pytest

from tests.conftest import print_pdfs, run_cli


def test_the_draft_watermark_is_drawn_before_any_content(
    make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_project()
    code, _, err = run_cli(
        ["build", "--sources", str(root / "sources"), "--out", str(root / "dist")], capsys
    )
    assert code == 0, err
    pdf = print_pdfs(root / "dist", "test-guide-v*-draft+*.pdf")[0]
    with pikepdf.open(pdf) as document:
        assert len(document.pages) >= 4
        for number, page in enumerate(document.pages, start=1):
            ops = [
                (str(item.operator), list(getattr(item, "operands", [])))
                for item in pikepdf.parse_content_stream(page)
            ]
            marks = [i for i, (op, args) in enumerate(ops) if op == "Tr" and args == [2]]
            assert len(marks) == 1, f"page {number}: one outlined watermark word"
            content = [
                i
                for i, (op, args) in enumerate(ops)
                if op in ("BDC", "BMC") and str(args[0]) != "/Artifact"
            ]
            assert content, f"page {number} has tagged content"
            assert marks[0] < content[0], f"page {number}: the watermark covers content"
            opened = [op for op, _ in ops[: marks[0]]].count("BDC") + [
                op for op, _ in ops[: marks[0]]
            ].count("BMC")
            closed = [op for op, _ in ops[: marks[0]]].count("EMC")
            assert opened == closed + 1  # inside one marked (artifact) sequence
