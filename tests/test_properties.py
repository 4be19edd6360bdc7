"""Property tests: generated Markdown of mixed constructs and random (covered) Unicode always
ends in a valid PDF holding every word of its text, or in a clean error."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tests.corpus_cases import Case
from tests.hostile import judge

# Letters the brand's fonts all have (Latin-1 letters and digits), Markdown's own punctuation,
# and spaces: every word the parser keeps must be drawable.
LETTERS = st.characters(codec="latin-1", categories=["Lu", "Ll", "Nd"])
PUNCT = st.sampled_from(list("*_`[]()<>&#!\\|-+.:;'\"~=/"))
WORD = st.text(st.one_of(LETTERS, LETTERS, LETTERS, PUNCT), min_size=1, max_size=12)
LINE = st.lists(WORD, min_size=1, max_size=12).map(" ".join)


@st.composite
def block(draw: st.DrawFn) -> str:
    kind = draw(
        st.sampled_from(
            [
                "para",
                "h2",
                "list",
                "olist",
                "quote",
                "code",
                "fence",
                "table",
                "rule",
                "html",
                "link",
            ]
        )
    )
    line = draw(LINE)
    if kind == "h2":
        return f"## {line}"
    if kind == "list":
        return "\n".join(
            f"{'  ' * draw(st.integers(0, 2))}- {draw(LINE)}"
            for _ in range(draw(st.integers(1, 4)))
        )
    if kind == "olist":
        return "\n".join(f"{i}. {draw(LINE)}" for i in range(1, draw(st.integers(2, 4))))
    if kind == "quote":
        return "\n".join(
            f"{'>' * draw(st.integers(1, 3))} {draw(LINE)}" for _ in range(draw(st.integers(1, 3)))
        )
    if kind == "code":
        return f"    {line}"
    if kind == "fence":
        return f"```\n{line}\n{draw(LINE)}\n```"
    if kind == "table":
        columns = draw(st.integers(1, 5))
        row = " | ".join(draw(WORD).replace("|", "") or "x" for _ in range(columns))
        return f"| {row} |\n|{'---|' * columns}\n| {row} |"
    if kind == "rule":
        return "---"
    if kind == "html":
        return f'<div><b>{line}</b> <font name="x">{draw(LINE)}</font></div>'
    if kind == "link":
        return f"[{line}](https://example.com/{draw(st.integers(0, 99))}) **{draw(LINE)}**"
    return line


DOCUMENT = st.lists(block(), min_size=1, max_size=8).map(
    lambda blocks: "# Generated title\n\n" + "\n\n".join(blocks) + "\n"
)


NESTED_QUOTES = (  # found by the test below (see there)
    "# Generated title\n"
    "\n"
    "ä4 Ë5r2ÔCQEòj\\Ì __proto__ (&ÓÌ sZB\n"
    "\n"
    "## ô _X Õµ Ec0ÀëîÐ| îk(û/ÏsñOUè/ cÙÂ8éP\n"
    "\n"
    "µ[A Ì F~ìÓV5ëà 2\n"
    "\n"
    "---\n"
    "\n"
    ":!ùÇ\\ßAù/_ì' zÎæz<e#lWââp gáÆKÑÜÂKT æl ëÎQÃTíÛpz>ÀÁ\n"
    "\n"
    '"ÊzìNJ/QJöÁÌ øìÈDr x!ðáÏù ~AÙ 3üYáXÍôò\n'
    "\n"
    ">> w'Áu q bâZzøïDØeIeE Á*ïî\n"
    ">>> f E ÞÔ[ NaN J5 &5L8Ô\n"
    ">> yÔXGú4üA8Ó <R-þØñ &Ñwg&zWD mëÎ rÃ óÞ ÅÕÙphh ]OÓN M3åIÌfu ZÝ8dÏM-(Tý"
    "1Î ÊXêYíÑÿÒ.* J7.à\n"
    "\n"
    "1. Ë/6 Å ÊÃÌÚæùÚAS-ø\n"
    "2. ÉIêßØE'FâóQR (ëáÌuË_µXøÿû ` xc#ËÙUÊÕR\"Rj ëIôo teÊâ;Sþ &krKà >à ÿ Ùl"
    "ÜÇ7UGÂnÕÞÈ TkTÈl; ñÔØt:g-6ÝåÆ\\\n"
)


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(DOCUMENT)
# Found by this test: quotes inside quotes split across a phone page crashed (exit 3) in
# reportlab's in-row table split (guide.render.tagged.marking.TaggedTable.split).
@example(NESTED_QUOTES)
def test_generated_markdown_builds_with_its_words_or_fails_cleanly(document: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        outcome = judge(Case(document, "either"), Path(folder) / "project")
        # A built PDF holds every word; an error is a clean `path:line: error:` (see judge).
        assert not outcome.problems, (outcome.problems, document)


@settings(max_examples=10, deadline=None)
@given(st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=300))
def test_any_unicode_builds_or_fails_cleanly(text: str) -> None:
    """Any Unicode at all (controls, marks, scripts no font has): never a crash."""
    with tempfile.TemporaryDirectory() as folder:
        outcome = judge(Case("# Title\n\n" + text + "\n", "either"), Path(folder) / "project")
        assert not outcome.problems, (outcome.problems, text)
