"""Nothing drawn outside its frame: wide tables, long words and long addresses fit the text
column, tables too wide for a readable size are refused at their line, and the frame guard
stops a build that would draw outside a frame.

Every guide written here is test content for these tests, not medical advice.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path

import pypdf
import pypdfium2
import pytest

from guide.config.schema import Brand
from tests.conftest import build_errors, print_pdfs, run_cli

NOTICE = "This guide is test content written for a test; it is not medical advice.\n\n"
WIDE_TABLE = """\
| Week | Stretch | Walk | Rest | Ice | Heat | Sleep | Work | Drive | Lift |
|---|---|---|---|---|---|---|---|---|---|
| Week one | Stretch gently | Walk daily | Rest often | Ice twice | Heat once | Sleep well \
| Work light | Drive short | Lift nothing |
"""
HARD_TABLE = """\
| Physiotherapy | Anti-inflammatory | Radiofrequency | Acupuncture | Chiropractic | Massage \
| Injections | Surgery | Exercise | Medication |
|---|---|---|---|---|---|---|---|---|---|
| Strengthening | Ibuprofen | Ablation | Needles | Adjustment | Deep | Epidural | Fusion \
| Swimming | Naproxen |
"""
LONG_WORD = "Pneumonoultramicroscopicsilicovolcanoconiosis" * 2
HYPHENS = ("-", "\xad", "\ufffe")  # a hyphen, as drawn and as text extraction may give it


def built(root: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    code, lines = build_errors(root, capsys)
    assert code == 0, lines
    return print_pdfs(root / "dist", "test-guide-v*.pdf")[0]


def rejoin(lines: list[str]) -> list[str]:
    """Words of extracted lines, with a word broken at a line-end hyphen joined again (the
    hyphen dropped); a fragment that is not followed by its rest stays as it is."""
    words: list[str] = []
    carry = ""
    for line in lines:
        for token in line.split():
            if token.endswith(HYPHENS):
                carry += token.rstrip("".join(HYPHENS))
            else:
                words.append(carry + token)
                carry = ""
    return words


@pytest.mark.parametrize(
    "table, boxed",
    [(WIDE_TABLE, False), (HARD_TABLE, False), (WIDE_TABLE, True)],
    ids=["wide", "hard", "in-box"],
)
def test_table_cells_break_words_only_at_a_hyphen(
    make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str], table: str, boxed: bool
) -> None:
    shown = table.replace("\\\n", "")
    if boxed:  # a callout is narrower than the page
        shown = '!!! note "Box"\n' + "".join(f"    {line}\n" for line in shown.splitlines())
    text = f"# Tables\n\n{NOTICE}## A wide table\n\n{shown}\nAfter the table.\n"
    pdf = built(make_project({"01-intro.md": text}), capsys)
    page = pypdf.PdfReader(pdf).pages[2].extract_text()
    lines = page.split("A wide table", 1)[1].split("After the table.", 1)[0].splitlines()
    lines = [line for line in lines if line.strip() != "Box"]
    cells = [
        c.strip()
        for row in table.replace("\\\n", "").splitlines()[::2]
        for c in row.strip("|").split("|")
    ]
    expected = {w.replace("-", "") for cell in cells for w in cell.split()}
    got = rejoin(lines)
    assert set(got) == expected  # every piece of a broken word ended with a hyphen
    assert len(got) == sum(len(cell.split()) for cell in cells)


def test_a_table_wider_than_the_page_is_refused_at_its_line(
    make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    header = "|" + "|".join(f" C{n} " for n in range(12)) + "|\n"
    rule = "|" + "---|" * 12 + "\n"
    text = f"# Tables\n\n{NOTICE}Before.\n\n{header}{rule}{header}"
    root = make_project({"01-intro.md": text})
    message = (
        "sources/test-guide/01-intro.md:7: error: this table has 12 columns; at most 10 "
        "fit across the page at a readable size (9 pt)"
    )
    for command in (["check"], ["build", "--out", str(root / "dist")]):
        code, _, err = run_cli(
            [command[0], "--sources", str(root / "sources"), *command[1:]], capsys
        )
        assert code == 1
        assert message in err.replace(str(root) + "/", "")


def test_long_words_and_addresses_stay_inside_the_text_column(
    make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str], brand: Brand
) -> None:
    url = "https://example.com/" + "/".join(f"segment-{n}_of_the_path" for n in range(12))
    text = (
        f"# Long words\n\n{NOTICE}The word {LONG_WORD} is long.\n\n"
        f"Visit [this page]({url}) or {url}.\n\n> Quoted: {LONG_WORD} {url}\n\n"
        f"- In a list: {LONG_WORD} {url}\n"
    )
    pdf = built(make_project({"01-intro.md": text}), capsys)
    page = pypdfium2.PdfDocument(pdf)[2]
    textpage = page.get_textpage()
    left, right = brand.margins.inner, brand.page_width - brand.margins.outer
    boxes = [
        textpage.get_charbox(i)
        for i in range(textpage.count_chars())
        if not textpage.get_text_range(i, 1).isspace()
    ]
    body = [box for box in boxes if box[3] - box[1] < 30]  # not the DRAFT watermark
    assert body and all(left - 1 <= x0 and x1 <= right + 1 for x0, _, x1, _ in body)
    words = pypdf.PdfReader(pdf).pages[2].extract_text()
    assert LONG_WORD not in words  # it was broken ...
    assert LONG_WORD in rejoin(words.splitlines())  # ... at a hyphen


def test_the_frame_guard_stops_a_build_that_draws_outside_a_frame(
    make_project: Callable[..., Path],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import guide.render.layout.document as document

    # Without its address breaks, reportlab lets a long address run past the column.
    monkeypatch.setattr(document, "url_breaks", contextlib.nullcontext)
    url = "https://example.com/" + "/".join(f"segment-{n}_of_the_path" for n in range(12))
    root = make_project({"01-intro.md": f"# Guard\n\n{NOTICE}See {url} now.\n"})
    code, _, err = run_cli(
        ["build", "--sources", str(root / "sources"), "--out", str(root / "dist")], capsys
    )
    assert code != 0
    assert code == 3  # an internal error, at the block it was laying out
    assert "internal error: the builder failed here (FrameEscape: a line of text is" in err
    assert "01-intro.md:5" in err
    assert not list((root / "dist").glob("*.pdf")) if (root / "dist").exists() else True
