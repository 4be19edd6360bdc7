"""Versioning end to end, through the command line: reproducible bytes, drafts, release, check.

Works on copies of the repository's reference guide and assets in throwaway folders.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import re
import shutil
import subprocess
import sys
import time
import tomllib
from pathlib import Path

import pytest
from pypdf import PdfReader

from guide.cli import main
from tests.conftest import print_pdfs
from tests.tagcheck import catalog

REPO = Path(__file__).resolve().parents[1]
SLUG = "discogenic-back-pain"


def _released() -> tuple[int, int, int]:
    """The reference guide's newest released version, from its ledger."""
    ledger = tomllib.loads((REPO / "sources" / SLUG / "revisions.toml").read_text("utf-8"))
    major, minor, patch = (int(p) for p in ledger["revision"][-1]["version"].split("."))
    return major, minor, patch


MAJOR, MINOR, PATCH = _released()
CURRENT = f"{MAJOR}.{MINOR}.{PATCH}"
NEXT_MINOR = f"{MAJOR}.{MINOR + 1}.0"
NEXT_PATCH = f"{MAJOR}.{MINOR}.{PATCH + 1}"


def copy_repo(target: Path) -> Path:
    target.mkdir(parents=True)
    shutil.copytree(REPO / "sources", target / "sources")
    shutil.copytree(REPO / "assets", target / "assets")
    return target


def run(root: Path, *argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.chdir(root):
        code = main(list(argv), out, err)
    return code, out.getvalue(), err.getvalue()


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def the_pdf(folder: Path) -> Path:
    """The one versioned print PDF in ``folder`` (beside the stable ``<slug>.pdf`` of a release
    and the phone edition)."""
    pdfs = print_pdfs(folder, "*-v*.pdf")
    assert len(pdfs) == 1, pdfs
    return pdfs[0]


@pytest.fixture(autouse=True)
def _no_source_date_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)


def test_reference_guide_is_released_so_check_passes() -> None:
    code, out, err = run(REPO, "check")
    assert (code, err) == (0, "")
    assert re.match(rf"ok {SLUG} \d+\.\d+\.\d+ \(\d{{4}}-\d\d-\d\d\)\n$", out)


def test_two_copies_built_at_different_times_are_byte_identical(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = copy_repo(tmp_path / "one")
    second = copy_repo(tmp_path / "somewhere" / "else")
    assert run(first, "build", "--release", "--out", "dist")[0] == 0
    later = time.time() + 61  # "a minute later": no clock may reach the PDF
    monkeypatch.setattr(time, "time", lambda: later)
    assert run(second, "build", "--release", "--out", "dist")[0] == 0
    one, two = the_pdf(first / "dist"), the_pdf(second / "dist")
    assert one.name == two.name
    assert sha256(one) == sha256(two)
    assert (first / "dist/manifest.json").read_bytes() == (
        second / "dist/manifest.json"
    ).read_bytes()


def test_one_word_makes_a_draft_until_released(tmp_path: Path) -> None:
    root = copy_repo(tmp_path / "repo")
    chapter = root / "sources" / SLUG / "01-discogenic-back-pain.md"
    text = chapter.read_text(encoding="utf-8")
    chapter.write_text(text.replace(" pain ", " ache ", 1), encoding="utf-8")

    code, _, err = run(root, "check")
    assert code == 1
    assert f"error: guide '{SLUG}' is a draft ({NEXT_MINOR}-draft+" in err
    assert f"python3 build_guide.py release {SLUG} --bump" in err
    assert err.startswith(f"sources/{SLUG}/revisions.toml:")

    code, _, err = run(root, "build", "--release", "--out", "dist")
    assert code == 1 and "is a draft" in err and not (root / "dist").exists()

    assert run(root, "build", "--out", "draft")[0] == 0
    pdf = the_pdf(root / "draft")
    version = pdf.name.removeprefix(f"{SLUG}-v").removesuffix(".pdf")
    assert re.fullmatch(re.escape(NEXT_MINOR) + r"-draft\+[0-9a-f]{8}", version)
    reader = PdfReader(pdf)
    assert all("DRAFT" in page.extract_text() for page in reader.pages)
    assert reader.metadata is not None and str(reader.metadata["/GuideVersion"]) == version
    manifest = json.loads((root / "draft/manifest.json").read_text())["guides"][0]
    assert manifest["draft"] is True and manifest["version"] == version

    code, out, err = run(
        root,
        "release",
        SLUG,
        "--bump",
        "patch",
        "--summary",
        "One word in chapter 1.",
        "--reviewed-by",
        "Dr. Reviewer",
    )
    assert (code, err) == (0, "") and f"released {SLUG} {NEXT_PATCH}" in out
    code, out, _ = run(root, "check")
    assert code == 0 and f"ok {SLUG} {NEXT_PATCH}" in out

    assert run(root, "build", "--release", "--out", "dist")[0] == 0
    pdf = the_pdf(root / "dist")
    assert pdf.name == f"{SLUG}-v{NEXT_PATCH}.pdf"
    reader = PdfReader(pdf)
    info = reader.metadata
    assert info is not None and str(info["/GuideVersion"]) == NEXT_PATCH
    manifest = json.loads((root / "dist/manifest.json").read_text())
    entry = manifest["guides"][0]
    assert str(info["/GuideFingerprint"]) == entry["fingerprint"]
    assert (entry["version"], entry["draft"]) == (NEXT_PATCH, False)
    assert str(info["/CreationDate"]) == f"D:{entry['revision_date'].replace('-', '')}000000Z"
    assert manifest["builder"]["version"]
    xmp = catalog(reader)["/Metadata"].get_object().get_data().decode()
    assert f"<guide:version>{NEXT_PATCH}</guide:version>" in xmp
    assert f"<guide:fingerprint>{entry['fingerprint']}</guide:fingerprint>" in xmp
    pages = [page.extract_text() for page in reader.pages]
    assert not any("DRAFT" in page for page in pages)
    assert f"Version {NEXT_PATCH}" in pages[0]  # the cover
    footers = [page for page in pages[2:-1] if re.search(r"Page \d+ of \d+", page)]
    assert len(footers) >= 10 and all(f"Version {NEXT_PATCH}" in page for page in footers)
    history = next(
        page
        for page in pages
        if "Revision history" in page and "What changed in this edition" in page
    )
    assert "One word in chapter 1." in history and "Reviewed by Dr. Reviewer" in history
    assert CURRENT in history  # the earlier edition is listed


def test_ledger_errors_are_reported_with_path_and_line(tmp_path: Path) -> None:
    root = copy_repo(tmp_path / "repo")
    ledger = root / "sources" / SLUG / "revisions.toml"
    newest = tomllib.loads(ledger.read_text(encoding="utf-8"))["revision"][-1]
    ledger.write_text(
        f'# a ledger with mistakes\n\n[[revision]]\nversion = "1.0.0"\ndate = "2026-11-25"\n'
        f'fingerprint = "{newest["fingerprint"]}"\nsummary = "First."\n\n'
        '[[revision]]\nversion = "0.9.0"\ndate = "2026-11-25"\n'
        'fingerprint = "abc"\nsumary = "Oops."\n',
        encoding="utf-8",
    )
    line = {"[[revision]]": 9, "version": 10, "fingerprint": 12, "sumary": 13}
    code, _, err = run(root, "check")
    where = f"sources/{SLUG}/revisions.toml"
    assert code == 1
    assert err.splitlines() == [
        f"{where}:{line['[[revision]]']}: error: missing required key 'revision.summary'",
        f"{where}:{line['version']}: error: version 0.9.0 is lower than 1.0.0 at line 4; "
        "list revisions oldest first, newest last",
        f"{where}:{line['fingerprint']}: error: 'fingerprint' must be 64 lowercase hex digits "
        "(a sha256), not 'abc'",
        f"{where}:{line['sumary']}: error: unknown key 'revision.sumary' (did you mean 'summary'?)",
        "4 errors",
    ]
    assert run(root, "build", "--out", "dist")[0] == 1


def test_release_refuses_unchanged_content(tmp_path: Path) -> None:
    root = copy_repo(tmp_path / "repo")
    before = (root / "sources" / SLUG / "revisions.toml").read_bytes()
    code, _, err = run(root, "release", SLUG, "--bump", "minor", "--summary", "Nothing.")
    assert code == 1 and "nothing to release" in err and f"unchanged since {CURRENT}" in err
    assert (root / "sources" / SLUG / "revisions.toml").read_bytes() == before
    code, _, err = run(root, "release", "discogenic", "--bump", "minor", "--summary", "x")
    assert code == 2 and "did you mean 'discogenic-back-pain'" in err


def test_release_date_comes_from_source_date_epoch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = copy_repo(tmp_path / "repo")
    (root / "assets" / "brand.toml").write_text(
        (root / "assets" / "brand.toml").read_text().replace("#0d4f5c", "#0d4f5d")
    )
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1798761600")  # 2027-01-01
    code, out, _ = run(root, "release", SLUG, "--bump", "minor", "--summary", "Deeper teal.")
    assert code == 0 and f"{NEXT_MINOR} (2027-01-01)" in out
    assert 'date = "2027-01-01"' in (root / "sources" / SLUG / "revisions.toml").read_text()


def test_concurrent_builds_into_one_folder_leave_complete_files(tmp_path: Path) -> None:
    root = copy_repo(tmp_path / "repo")
    shutil.copy(REPO / "build_guide.py", root)
    env = {"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"}
    procs = [
        subprocess.Popen(
            [sys.executable, "build_guide.py", "build", "--out", "dist"],
            cwd=root,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for _ in range(3)
    ]
    for proc in procs:
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err.decode()
    files = sorted(p.name for p in (root / "dist").iterdir())
    # no temporary files left; each edition under its versioned and its stable name
    assert files == [
        f"{SLUG}-phone.pdf",
        f"{SLUG}-v{CURRENT}-phone.pdf",
        f"{SLUG}-v{CURRENT}.pdf",
        f"{SLUG}.pdf",
        "manifest.json",
    ]
    manifest = json.loads((root / "dist/manifest.json").read_text())
    for entry in manifest["guides"]:  # the print edition, then the phone edition
        assert entry["sha256"] == sha256(root / "dist" / entry["pdf"])
        assert len(PdfReader(root / "dist" / entry["pdf"]).pages) == entry["pages"]
