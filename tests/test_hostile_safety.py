"""A build of hostile input reads nothing outside its folders and opens no socket; a build
killed at any moment leaves the previous PDF and manifest intact; stale temporary files from a
killed build are removed by the next one."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from guide.files import STALE_TEMP_SECONDS
from tests.audit import allowed_roots, outside, recording
from tests.conftest import ROOT
from tests.corpus_cases import CORPUS
from tests.hostile import build, write_project

HOSTILE = "\n\n".join(
    (CORPUS / name).read_text(encoding="utf-8")
    for name in ("raw-html.md", "links-unsafe.md", "images-outside.md")
)
HOSTILE += "\n\n![A link to a file outside](escape.png)\n"


def test_the_audit_sees_a_read_outside_and_a_socket(tmp_path: Path) -> None:
    """The recorder itself works (else the tests below would prove nothing)."""
    import socket

    secret = tmp_path / "secret.txt"
    secret.write_text("not for the build", encoding="utf-8")
    inside = tmp_path / "project" / "note.txt"
    inside.parent.mkdir()
    inside.write_text("the build's own", encoding="utf-8")
    with recording() as record:
        secret.read_bytes()
        inside.read_bytes()
        socket.socket().close()
    assert record.sockets
    assert outside(record.opened, allowed_roots(tmp_path / "project")) == [str(secret)]


@pytest.mark.parametrize(
    ("chapter", "code", "refused"),
    [
        (HOSTILE, 1, ("escape.png", "javascript:", "file:///etc/passwd")),
        ("# Fine\n\nA [link](https://example.com).\n", 0, ()),
    ],
    ids=["hostile", "fine"],
)
def test_build_reads_only_allowed_folders_and_opens_no_socket(
    tmp_path: Path, chapter: str, code: int, refused: tuple[str, ...]
) -> None:
    root = write_project(tmp_path / "project", chapter, {"escape.png": b"x"})
    (root / "sources" / "test-guide" / "escape.png").unlink()
    (root / "sources" / "test-guide" / "escape.png").symlink_to("/etc/passwd")
    with recording() as record:
        outcome = build(root)
    assert outcome.code == code, outcome.err
    errors = [line for line in outcome.err.splitlines() if ": error: " in line]
    for name in refused:  # each hostile link and picture is refused with its line
        assert any(name in line for line in errors), (name, outcome.err)
    assert record.opened, "the audit hook saw nothing"
    assert outside(record.opened, allowed_roots(root)) == []
    assert record.sockets == []


# --- crash safety ------------------------------------------------------------------------


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _large_guide(root: Path, words: int) -> None:
    text = " ".join(f"word{i % 997}" for i in range(words))
    chapters = {f"{n:02d}-part.md": f"# Part {n}\n\n{text}\n" for n in range(1, 7)}
    write_project(root, "# Introduction\n\nShort.\n", {**chapters})
    guide = root / "sources" / "test-guide" / "guide.toml"
    names = ", ".join(f'"{n}"' for n in ["01-intro.md", *sorted(chapters)])
    guide.write_text(
        guide.read_text(encoding="utf-8").replace(
            'chapters = ["01-intro.md"]', f"chapters = [{names}]"
        ),
        encoding="utf-8",
    )


def _run(root: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [
            sys.executable,
            str(ROOT / "build_guide.py"),
            "--sources",
            str(root / "sources"),
            "--out",
            str(root / "dist"),
        ],
        cwd=root,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def test_a_killed_build_leaves_the_previous_outputs(tmp_path: Path) -> None:
    root = tmp_path / "project"
    write_project(root, "# Introduction\n\nThe first edition.\n")
    assert _run(root).wait(timeout=60) == 0
    dist = root / "dist"
    before = {p.name: _sha(p) for p in dist.iterdir()}
    assert "manifest.json" in before and len(before) == 3  # manifest, print and phone PDFs
    _large_guide(root, 30_000)  # seconds of work: every kill lands mid-build
    for delay in (0.05, 0.3, 0.7, 1.2):
        process = _run(root)
        time.sleep(delay)
        if process.poll() is not None:
            pytest.fail(f"the build finished within {delay} s: make the guide larger")
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        after = {p.name: _sha(p) for p in dist.iterdir() if not p.name.endswith(".tmp")}
        assert after == before, f"outputs changed by a build killed after {delay} s"
        manifest = json.loads((dist / "manifest.json").read_text(encoding="utf-8"))
        pdf = manifest["guides"][0]["pdf"]
        assert manifest["guides"][0]["sha256"] == _sha(dist / pdf)


def test_stale_temporary_files_are_removed_by_the_next_build(tmp_path: Path) -> None:
    root = write_project(tmp_path / "project", "# Introduction\n\nText.\n")
    dist = root / "dist"
    dist.mkdir()
    stale = dist / ".test-guide-v1.0.0.pdf.abc123.tmp"
    fresh = dist / ".manifest.json.def456.tmp"  # perhaps a build running beside this one
    other = dist / ".notes.txt.x.tmp"  # not a name this build writes
    for path in (stale, fresh, other):
        path.write_bytes(b"%PDF-1.4 partial")
    old = time.time() - STALE_TEMP_SECONDS - 60
    os.utime(stale, (old, old))
    os.utime(other, (old, old))
    assert build(root).code == 0
    assert not stale.exists()
    assert fresh.exists() and other.exists()
    names = sorted(p.name for p in dist.iterdir() if not p.name.startswith("."))
    assert names[0] == "manifest.json" and names[1].startswith("test-guide-v1.0.0")
    assert len(names) == 3  # the print and phone editions
