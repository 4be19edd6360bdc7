"""Where long web addresses break, read back from the built PDF's lines: only after
``/ . - ? & = _ #`` (never inside ``https://`` nor mid-word), in paragraphs and in table cells;
an address that cannot break on a line holding other words starts the next line; a piece wider
than a whole line breaks between letters as the last resort, still never inside the scheme.

Every guide written here is test content for these tests, not medical advice.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pypdf
import pytest

from tests.conftest import build_errors, print_pdfs

NOTICE = "This guide is test content written for a test; it is not medical advice.\n\n"
BREAK_AFTER = "/.-?&=_#"
# The tester's pasted address, without its click id (the campaign tests cover those).
ADDRESS = (
    "https://www.valorspine.com/blog/what-is-sciatica?utm_source=facebook&utm_medium="
    "paid_social&utm_campaign=fall_2026_sciatica_awareness_lookalike_audience_v3"
    "&utm_content=carousel_card_2"
)


def _lines(root: Path, capsys: pytest.CaptureFixture[str]) -> list[str]:
    """The text lines of the guide's body pages, in order."""
    code, messages = build_errors(root, capsys)
    assert code == 0, messages
    pdf = print_pdfs(root / "dist", "test-guide-v*.pdf")[0]
    lines: list[str] = []
    for page in pypdf.PdfReader(pdf).pages[2:-1]:
        # The DRAFT mark is drawn first, under the content: its word is no line of the text.
        text = [
            line.strip() for line in page.extract_text().splitlines() if line.strip() != "DRAFT"
        ]
        # The page's furniture (running title, footer) comes last: leave it out.
        furniture = max(
            (i for i, line in enumerate(text) if line == "A Test Guide"), default=len(text)
        )
        lines += text[:furniture]
    return lines


def _pieces(lines: list[str], address: str) -> list[list[str]]:
    """Each occurrence of ``address`` as the pieces it was drawn in, one a line."""
    found: list[list[str]] = []
    index = 0
    while index < len(lines):
        words = lines[index].split()
        head = words[-1] if words else ""
        start = head[head.find("https") :] if "https" in head else ""
        if not start or not address.startswith(start):
            index += 1
            continue
        pieces = [start]
        while "".join(pieces) != address and index + 1 < len(lines):
            index += 1
            nxt = lines[index].split()[0] if lines[index].split() else ""
            rest = address[len("".join(pieces)) :]
            # The last piece is followed by the sentence's next words.
            nxt = rest if nxt.startswith(rest) else nxt
            assert rest.startswith(nxt), (pieces, lines[index])
            pieces.append(nxt)
        found.append(pieces)
        index += 1
    return found


def test_an_address_breaks_only_after_its_punctuation_wherever_its_line_starts(
    make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    # The same address after lead-ins of every length: one of them starts it near a line's
    # end, where it used to be cut after "https" (the QA report's "https" / "://www…").
    paragraphs = [f"Number {n}: " + "more " * n + f"at {ADDRESS} or our blog." for n in range(16)]
    text = "# Addresses\n\n" + NOTICE + "\n\n".join(paragraphs) + "\n"
    found = _pieces(_lines(make_project({"01-intro.md": text}), capsys), ADDRESS)
    assert len(found) == len(paragraphs)
    for pieces in found:
        assert len(pieces) > 1  # it is longer than a line
        assert pieces[0].startswith("https://www.")  # the scheme whole, on one line
        assert all(piece[-1] in BREAK_AFTER for piece in pieces[:-1]), pieces
        assert not any(piece.endswith("lookal") for piece in pieces)
    starts = {len(pieces[0]) for pieces in found}
    assert len(starts) > 1  # lines held different amounts of it: the lead-ins did their job


def test_an_address_in_a_narrow_table_cell_breaks_only_after_its_punctuation(
    make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    table = (
        "| Option | Who it may suit | Typical time | Cost range | Evidence | Notes |\n"
        "|---|---|---|---|---|---|\n"
        f"| Physical therapy | Lookalike patients | 6 to 8 weeks | $$ | Moderate | See "
        f"{ADDRESS} |\n"
    )
    text = f"# Tables\n\n{NOTICE}## Options\n\n{table}\nAfter the table.\n"
    lines = _lines(make_project({"01-intro.md": text}), capsys)
    found = _pieces(lines, ADDRESS)
    assert len(found) == 1
    pieces = found[0]
    assert pieces[0].startswith("https://www.") and len(pieces) > 3, pieces
    assert all(piece[-1] in BREAK_AFTER for piece in pieces[:-1]), pieces
    # No word of another cell broke without a hyphen either.
    assert not [line for line in lines if line.endswith(("Lookal", "lookal", "ht", "http"))]


def test_a_piece_wider_than_a_line_breaks_between_letters_but_never_in_the_scheme(
    make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    address = "https://example.com/files/" + "abcdefghij" * 14 + "/end"
    text = f"# Addresses\n\n{NOTICE}Our long address, written out: {address} for the test.\n"
    found = _pieces(_lines(make_project({"01-intro.md": text}), capsys), address)
    assert len(found) == 1
    pieces = found[0]
    # The line with the lead-in cannot hold the first 140-letter piece: the address starts
    # the next line, then breaks after "/" and, inside the piece, between letters.
    assert pieces[0] == "https://example.com/files/", pieces
    assert len(pieces) >= 3 and "".join(pieces) == address
