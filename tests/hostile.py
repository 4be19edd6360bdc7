"""Build one hostile guide and judge the outcome: a valid, safe PDF with its text, or a clean
error; never a traceback, an unsafe read or a socket. Shared by the corpus and property tests;
holds no tests."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import pikepdf

from guide import model as m
from guide.build import prepare
from guide.cli import main
from guide.errors import Diagnostics
from guide.options import BuildOptions
from tests.audit import allowed_roots, outside, recording
from tests.conftest import DISCLAIMER, MINIMAL_TOML, ROOT, print_pdfs
from tests.corpus_cases import Case, Symlink
from tests.pdftools import normalize, reading_text

DIAGNOSTIC = re.compile(r"^\S[^:]*:\d+(:\d+)?: (error|warning): \S.*$")
SUMMARY = re.compile(r"^\d+ errors?(, \d+ warnings?)?$|^\d+ warnings?$")
SAFE_URI = ("http://", "https://", "mailto:")


@dataclass
class Outcome:
    code: int
    out: str
    err: str
    pdf: Path | None
    project: Path
    problems: list[str] = field(default_factory=list)

    @property
    def kind(self) -> str:
        if self.problems:
            return "crash" if any(p.startswith("crash") for p in self.problems) else "unsafe"
        return "ok" if self.code == 0 else "clean error"


def write_project(
    root: Path, chapter: str | bytes, extra: dict[str, str | bytes | Symlink] | None = None
) -> Path:
    if not (root / "assets").exists():
        shutil.copytree(ROOT / "assets", root / "assets")
    folder = root / "sources" / "test-guide"
    folder.mkdir(parents=True, exist_ok=True)
    files: dict[str, str | bytes | Symlink] = {
        "guide.toml": MINIMAL_TOML,
        "01-intro.md": chapter,
        "disclaimer.md": DISCLAIMER,
        **(extra or {}),
    }
    for name, content in files.items():
        path = folder / name
        if isinstance(content, Symlink):
            path.symlink_to(content.target)
        elif isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


def build(root: Path) -> Outcome:
    """Run the command line on the project at ``root`` while auditing opens and sockets."""
    out, err = io.StringIO(), io.StringIO()
    dist = root / "dist"
    with recording() as record:
        code = main(["build", "--sources", str(root / "sources"), "--out", str(dist)], out, err)
    pdfs = print_pdfs(dist) if code == 0 else []
    outcome = Outcome(code, out.getvalue(), err.getvalue(), pdfs[0] if pdfs else None, root)
    bad = outside(record.opened, allowed_roots(root))
    if bad:
        outcome.problems.append(f"unsafe read: {bad[:5]}")
    if record.sockets:
        outcome.problems.append(f"unsafe socket: {record.sockets[:3]}")
    outcome.problems.extend(_stderr_problems(outcome))
    return outcome


def _stderr_problems(outcome: Outcome) -> list[str]:
    if outcome.code not in (0, 1):
        return [f"crash: exit code {outcome.code}"]
    if "Traceback" in outcome.err or "internal error" in outcome.err:
        return [f"crash: {outcome.err.strip().splitlines()[-1][:300]}"]
    lines = [ln for ln in outcome.err.splitlines() if ln.strip()]
    odd = [ln for ln in lines if not (DIAGNOSTIC.match(ln) or SUMMARY.match(ln))]
    if odd:
        return [f"crash: unexpected output {odd[0][:200]!r}"]
    if outcome.code == 1 and not any(": error: " in ln for ln in lines):
        return ["crash: exit 1 without an error line"]
    if outcome.code == 0 and outcome.pdf is None:
        return ["crash: exit 0 without a PDF"]
    return []


def check_pdf(pdf: Path) -> list[str]:
    """Structure (pikepdf; qpdf's command line too where it is installed) and no unsafe link
    or action in the file."""
    problems = []
    if shutil.which("qpdf"):
        result = subprocess.run(
            ["qpdf", "--check", str(pdf)], capture_output=True, text=True, check=False
        )
        if result.returncode != 0:
            problems.append(f"qpdf --check: {result.stdout[-300:]} {result.stderr[-300:]}")
    with pikepdf.open(pdf) as doc:
        problems.extend(f"pikepdf: {p}" for p in doc.check_pdf_syntax())
        for obj in doc.objects:
            if not isinstance(obj, pikepdf.Dictionary):
                continue
            kind = obj.get("/S")
            if kind is not None and str(kind) in ("/JavaScript", "/Launch", "/ImportData"):
                problems.append(f"action {kind}")
            uri = obj.get("/URI")
            if uri is not None and not str(uri).lower().startswith(SAFE_URI):
                problems.append(f"unsafe link {str(uri)[:80]!r}")
            if "/JS" in obj or ("/F" in obj and str(obj.get("/Type", "")) == "/Filespec"):
                problems.append("embedded script or file")
    return problems


def norm(text: str) -> str:
    """Letters and digits only, case-folded, without combining marks (after the tests' one
    normaliser): how words are compared with extracted text."""
    decomposed = unicodedata.normalize("NFKD", normalize(text).casefold())
    return re.sub(r"[\W_]+", "", "".join(c for c in decomposed if not unicodedata.combining(c)))


def model_words(root: Path) -> set[str]:
    """Every word the parsed guide holds (what the PDF must show)."""
    diagnostics = Diagnostics()
    _, prepared = prepare(BuildOptions(sources=root / "sources"), diagnostics)
    words: set[str] = set()
    for item in prepared:
        for chapter in item.document.chapters:
            for text in block_texts(chapter.blocks):
                words.update(w for w in (norm(w) for w in text.split()) if w)
    return words


def block_texts(blocks: tuple[m.Block, ...]) -> list[str]:
    out: list[str] = []
    for block in m.walk(blocks):
        if isinstance(block, (m.Paragraph, m.Heading)):
            out.append(m.plain_text(block.inlines))
        elif isinstance(block, m.Table):
            out.extend(m.plain_text(c.inlines) for row in (block.header, *block.rows) for c in row)
        elif isinstance(block, m.CodeBlock):
            out.append(block.text)
        elif isinstance(block, m.Callout):
            out.append(block.title)
        elif isinstance(block, m.Image):
            out.append(block.caption)
    return out


def missing_words(outcome: Outcome) -> list[str]:
    """Words of the model not in the PDF's text as a screen reader reads it (the structure
    tree's text: page furniture is not part of it, and a word broken over lines or pages
    reads whole)."""
    assert outcome.pdf is not None
    text = norm(reading_text(outcome.pdf))
    return sorted(w for w in model_words(outcome.project) if w not in text)


def judge(case: Case, root: Path) -> Outcome:
    """Build ``case`` in ``root`` and add every problem found to the outcome."""
    outcome = build(write_project(root, case.chapter, case.extra))
    if outcome.pdf is not None and not outcome.problems:
        outcome.problems.extend(check_pdf(outcome.pdf))
        lost = missing_words(outcome)
        if lost:
            outcome.problems.append(f"text lost: {lost[:8]}")
    return outcome
