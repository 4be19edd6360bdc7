"""Headings on a narrow page: no line of a heading holds one short word alone (greedy line
breaking gives "How Disc Injury Triggers / an / Inflammatory Cascade" on the phone); the heading
breaks at a narrower measure instead, in no more lines. Read from the PDF's text.

The guide built here is test content, not medical advice.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import MINIMAL_TOML, run_cli
from tests.pdftools import normalize, page_texts

TITLES = (
    "How Disc Injury Triggers an Inflammatory Cascade",
    "What a Test Heading Says on a Narrow Page of a Phone",
    "Traditional Approaches: Managing Symptoms vs. Addressing the Source",
)
BODY = "The first words of chapter {} are here, written for this test only."


def _heading_lines(pages: list[str], number: int) -> list[str]:
    """The lines of chapter ``number``'s title: between its label and its first body line."""
    for page in pages:
        lines = [normalize(line).strip() for line in page.split("\n")]
        if f"CHAPTER {number}" in lines:
            start = lines.index(f"CHAPTER {number}") + 1
            body = BODY.format(number)[:30]
            end = next(i for i in range(start, len(lines)) if lines[i].startswith(body))
            return lines[start:end]
    raise AssertionError(f"no chapter {number}")


@pytest.mark.parametrize("edition", ["phone", "print"])
def test_no_heading_line_holds_a_short_word_alone(
    edition: str, make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    files: dict[str, str | bytes] = {
        f"0{n}-chapter.md": f"# {title}\n\n{BODY.format(n)}\n"
        for n, title in enumerate(TITLES, start=1)
    }
    names = ", ".join(f'"0{n}-chapter.md"' for n in range(1, len(TITLES) + 1))
    toml = MINIMAL_TOML.replace('chapters = ["01-intro.md"]', f"chapters = [{names}]")
    root = make_project({**files, "guide.toml": toml})
    out = root / "dist"
    args = ["build", "--edition", edition, "--sources", str(root / "sources"), "--out", str(out)]
    code, _, err = run_cli(args, capsys)
    assert code == 0, err
    (pdf,) = [
        p
        for p in out.glob("test-guide-v*.pdf")
        if p.name.endswith("-phone.pdf") == (edition == "phone")
    ]
    pages = page_texts(pdf)
    for number, title in enumerate(TITLES, start=1):
        lines = _heading_lines(pages, number)
        assert " ".join(lines).split() == title.split(), lines  # every word, in order
        lone = [line for line in lines if len(lines) > 1 and len(line.split()) == 1]
        assert not [line for line in lone if len(line) <= 7], lines
