"""The hostile-input corpus: every case builds a valid, safe PDF with its text, or ends in a
clean ``path:line: error:`` — never a traceback, a hang, a read outside the guide's folders or
a socket. The last test writes the table of outcomes (kept in tests/corpus/README.md)."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from tests.corpus_cases import CORPUS, cases
from tests.hostile import Outcome, judge

CASES = cases()
RESULTS: dict[str, tuple[str, str, float, str]] = {}  # name → (expected, got, seconds, first line)
README = CORPUS / "README.md"
BEGIN, END = "<!-- corpus table: begin -->", "<!-- corpus table: end -->"


def first_line(outcome: Outcome) -> str:
    if outcome.problems:
        return outcome.problems[0]
    for line in outcome.err.splitlines():
        if ": error: " in line:
            return re.sub(r"^.*?sources/test-guide/", "", line)[:110]
    return ""


@pytest.mark.parametrize("name", sorted(CASES))
def test_case(name: str, tmp_path: Path) -> None:
    case = CASES[name]
    start = time.monotonic()
    outcome = judge(case, tmp_path / "project")
    seconds = time.monotonic() - start
    RESULTS[name] = (case.expect, outcome.kind, seconds, first_line(outcome))
    assert not outcome.problems, outcome.problems
    assert outcome.kind == case.expect, outcome.err
    # A hang guard, not a speed test (benchmarks/ measures speed, as ratios): the worst case, a
    # paragraph of 50,000 words, takes about 25 s for both editions alone and twice that on a
    # shared machine; a quadratic slip would take many minutes.
    assert seconds < 300, f"took {seconds:.1f} s"


def table() -> str:
    rows = ["| case | outcome | first error |", "|---|---|---|"]
    for name in sorted(RESULTS):
        _, got, _, line = RESULTS[name]
        rows.append(f"| {name} | {got} | {line.replace('|', '¦')} |")
    counts = {
        k: sum(1 for r in RESULTS.values() if r[1] == k)
        for k in ("ok", "clean error", "crash", "unsafe")
    }
    rows.append("")
    rows.append(
        f"{len(RESULTS)} cases: {counts['ok']} ok, {counts['clean error']} clean error, "
        f"{counts['crash']} crashes, {counts['unsafe']} unsafe reads or sockets."
    )
    return "\n".join(rows)


def test_summary_table(request: pytest.FixtureRequest) -> None:
    """Runs after the cases: prints the table and keeps README.md's copy true (rewritten with
    ``--update-golden``)."""
    if len(RESULTS) != len(CASES):
        pytest.skip("the table needs every case to have run in this session")
    text = table()
    print("\n" + text)
    assert all(r[1] in ("ok", "clean error") for r in RESULTS.values())
    readme = README.read_text(encoding="utf-8")
    before, _, rest = readme.partition(BEGIN)
    _, _, after = rest.partition(END)
    current = f"{before}{BEGIN}\n{text}\n{END}{after}"
    if request.config.getoption("--update-golden"):
        README.write_text(current, encoding="utf-8")
    assert readme == current, "corpus table changed: run pytest --update-golden"
