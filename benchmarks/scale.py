"""Generated guides of about N pages: the reference article repeated, with its figures."""

from __future__ import annotations

import re
import shutil
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT / "sources" / "discogenic-back-pain"
PAGES_PER_COPY = 13  # body pages one copy of the article takes
FIXED_PAGES = 8  # cover, contents, closing, disclaimer, history, back cover (about)


def make_scaled_project(folder: Path, pages: int) -> Path:
    """A project under ``folder`` whose one guide is about ``pages`` pages long."""
    copies = max(1, round((pages - FIXED_PAGES) / PAGES_PER_COPY))
    shutil.rmtree(folder, ignore_errors=True)
    guide = folder / "sources" / f"scale-{pages}"
    guide.mkdir(parents=True)
    shutil.copytree(ROOT / "assets", folder / "assets")
    config = tomllib.loads((REFERENCE / "guide.toml").read_text(encoding="utf-8"))
    chapters = []
    for copy in range(copies):
        for name in config["chapters"]:
            target = f"c{copy:03d}-{name}"
            shutil.copy(REFERENCE / name, guide / target)
            chapters.append(target)
    shutil.copy(REFERENCE / config["disclaimer"], guide / config["disclaimer"])
    text = (REFERENCE / "guide.toml").read_text(encoding="utf-8")
    listed = ", ".join(f'"{c}"' for c in chapters)
    text = re.sub(r"chapters = \[[^\]]*\]", f"chapters = [{listed}]", text, flags=re.S)
    (guide / "guide.toml").write_text(text, encoding="utf-8")
    return folder
