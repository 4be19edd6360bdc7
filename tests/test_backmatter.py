"""The back matter seen from the PDF: after the call to action (which keeps its page), the key
terms, disclaimer and revision history each follow the section before on its page when all of
it fits there, and otherwise start a page of their own rather than split.

The guides written here are test content, not medical advice.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import DISCLAIMER, REFERENCE, ROOT, print_pdfs, run_cli
from tests.pdftools import normalize, page_texts

TERMS = "Key terms"
HISTORY = "Revision history"
FINGERPRINT = "Content fingerprint"


def _lines(page: str) -> list[str]:
    return [normalize(line).strip() for line in page.split("\n")]


def _heading_page(pages: list[str], heading: str) -> int:
    """The index of the one page after the contents holding ``heading`` as a line of its own."""
    found = [index for index, page in enumerate(pages) if heading in _lines(page)]
    assert len(found) == 2, f"{heading!r} on pages {[i + 1 for i in found]}"  # and the contents
    return found[1]


def _starts_page(page: str, heading: str) -> bool:
    """Whether ``heading`` is the first line under the running header (two lines of it)."""
    lines = [line for line in _lines(page) if line]
    return heading in lines[:3]


def _build(root: Path, capsys: pytest.CaptureFixture[str]) -> list[str]:
    code, _, err = run_cli(
        [
            "build",
            "--edition",
            "print",
            "--sources",
            str(root / "sources"),
            "--out",
            str(root / "dist"),
        ],
        capsys,
    )
    assert code == 0, err
    (pdf,) = print_pdfs(root / "dist", "test-guide-v*.pdf")
    return page_texts(pdf)


def test_the_reference_disclaimer_follows_the_key_terms(reference_pdf: Path) -> None:
    pages = page_texts(reference_pdf)
    glossary = tomllib.loads((ROOT / "sources" / REFERENCE / "glossary.toml").read_text("utf-8"))
    last_term = glossary["term"][-1]["term"]
    disclaimer = _heading_page(pages, "Disclaimer")
    above = _lines(pages[disclaimer])[: _lines(pages[disclaimer]).index("Disclaimer")]
    assert any(line.startswith(last_term) for line in above), above
    assert _heading_page(pages, TERMS) == disclaimer - 1


def test_the_reference_history_is_whole_on_one_page(reference_pdf: Path) -> None:
    pages = page_texts(reference_pdf)
    history = _heading_page(pages, HISTORY)
    assert FINGERPRINT in normalize(pages[history])
    assert len(pages) <= 20  # issue 12: the reference guide keeps to its 20 pages


def test_the_reference_phone_history_begins_under_the_disclaimer(
    reference_phone_pdf: Path,
) -> None:
    # The phone's revision history is longer than a page: it begins where the disclaimer ends.
    pages = page_texts(reference_phone_pdf)
    history = _heading_page(pages, HISTORY)
    assert "appropriate for you." in normalize(pages[history])
    assert FINGERPRINT in normalize(pages[history + 1])


def test_the_call_to_action_keeps_its_page(
    make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    pages = _build(make_project(), capsys)  # no glossary: the disclaimer comes right after it
    cta = _heading_page(pages, "Schedule an Appointment")
    disclaimer = _heading_page(pages, "Disclaimer")
    assert disclaimer == cta + 1 and _starts_page(pages[disclaimer], "Disclaimer")
    assert _heading_page(pages, HISTORY) == disclaimer  # both short: they share a page


def test_a_section_that_does_not_fit_starts_a_page_and_stays_whole(
    make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    # A disclaimer of about two thirds of a page: it fits on a page of its own, not under the
    # key terms' half page, so it starts the next page whole, and the history follows it.
    sentence = "Test sentence number {} says this guide is written only for these tests. "
    long = DISCLAIMER + "\n" + "".join(sentence.format(n) for n in range(1, 23)) + "\n"
    intro = "# Introduction\n\nHello patients. A test term appears here.\n"
    term = '[[term]]\nterm = "test term"\ndefinition = "A phrase that appears here."\n'
    root = make_project({"01-intro.md": intro, "disclaimer.md": long, "glossary.toml": term})
    pages = _build(root, capsys)
    terms = _heading_page(pages, TERMS)
    disclaimer = _heading_page(pages, "Disclaimer")
    assert disclaimer == terms + 1 and _starts_page(pages[disclaimer], "Disclaimer")
    assert "Test sentence number 22" in normalize(pages[disclaimer])
