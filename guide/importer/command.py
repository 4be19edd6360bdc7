"""Run ``import``: a saved page → a new guide folder, or, for a guide that exists, its chapters
rewritten with the difference shown per chapter and the replaced files kept in
``.import-backup/N/`` (releasing stays with ``release``). Takes the page's path, the slug and the
sources folder; hands on an :class:`ImportResult` (report lines for stdout, diagnostics)."""

# Writes only inside the new guide's folder and reads only the page and files inside the page's
# folder.

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

from guide.errors import Diagnostic, Diagnostics, Location
from guide.files import write_atomic
from guide.importer.extract import Chapter, escape, extract
from guide.importer.page import Page, read_page
from guide.scaffold import (
    DISCLAIMER,
    DISCLAIMER_TEXT,
    SLUG,
    check_slug,
    guide_toml,
    missing_phrases,
    phrases_note,
    required_phrases,
    write_files,
)

MAX_IMAGE_BYTES = 20_000_000
PROG = "python3 build_guide.py"


@dataclass
class ImportResult:
    """What ``import`` did: lines for the report and the problems found."""

    report: list[str] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    failed: bool = False


def run_import(page_path: Path, slug: str, sources: Path) -> ImportResult:
    """Import the page at ``page_path`` as the guide ``sources/slug``."""
    result = ImportResult()
    found = Diagnostics()
    folder = sources / slug
    existing = SLUG.match(slug) is not None and (folder / "guide.toml").is_file()
    if not existing and check_slug(slug, sources, found) is None:
        return _done(result, found)
    page = read_page(page_path, found)
    if page is None:
        return _done(result, found)
    images, files = _pictures(page, found)
    extraction = extract(page, images)
    chapters = extraction.chapters
    if not chapters:
        found.error("no article text found in the page", Location(page_path.as_posix()))
        return _done(result, found)
    result.report += [f"dropped {line}" for line in page.dropped]
    result.report += [
        f"dropped by the extractor (before or after the article): {_short(text)}"
        for text in extraction.left_out
    ]
    result.report += [
        f"kept, although the extractor left it out: {_short(text)}" for text in extraction.restored
    ]
    names = chapter_names(chapters)
    texts: dict[str, str | bytes] = {n: c.markdown for n, c in zip(names, chapters, strict=True)}
    texts[DISCLAIMER] = _disclaimer(page, found, page_path, required_phrases(sources, "en-US"))
    if not page.canonical:
        found.warning(
            'the page names no canonical address (<link rel="canonical">): '
            "base_url is not set and relative links stay relative",
            Location(page_path.as_posix()),
        )
    if existing:
        _reimport(folder, texts, files, names, result, found)
        return _done(result, found)
    texts["guide.toml"] = guide_toml(
        page.title, slug, tuple(names), page.canonical, page.site, tuple(page.related)
    )
    shown = [k for k in ("booking", "website", "email", "phone") if k in page.site]
    if shown or page.related:
        result.report.append(
            "guide.toml takes from the page: "
            + ", ".join(
                [*shown, *([f"{len(page.related)} [[related]] links"] * bool(page.related))]
            )
            + " (check them)"
        )
    for path in write_files(folder, {**texts, **files}):
        result.report.append(f"wrote {path.as_posix()}")
    result.report.append(f"title: {page.title}; {len(chapters)} chapters")
    result.report.append(f"next: read the chapters against the page, then {PROG} build {slug}")
    return _done(result, found)


def _done(result: ImportResult, found: Diagnostics) -> ImportResult:
    result.diagnostics.extend(found.items)
    result.failed = found.has_errors
    return result


def chapter_names(chapters: list[Chapter]) -> list[str]:
    """``01-introduction.md``, ``02-why-sitting-can-aggravate-the-nerve.md``…"""
    names = []
    for number, chapter in enumerate(chapters, start=1):
        words = re.sub(r"[^a-z0-9]+", "-", chapter.title.lower()).strip("-")[:48].strip("-")
        names.append(f"{number:02d}-{words or 'chapter'}.md")
    return names


def _pictures(page: Page, found: Diagnostics) -> tuple[dict[str, str], dict[str, str | bytes]]:
    """Markdown for each picture, and the image files to copy into ``images/``."""
    markdown: dict[str, str] = {}
    files: dict[str, str | bytes] = {}
    alts = {
        img.get("src", ""): " ".join((img.get("alt") or "").split())
        for img in page.tree.iter("img")
    }
    for stand_in, path in page.images.items():
        data = path.read_bytes() if path.stat().st_size <= MAX_IMAGE_BYTES else b""
        if not data.startswith((b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")):
            page.missing_images[stand_in] = path.name
            found.warning(
                f"image '{path.name}' is not a PNG or JPEG file (or is too large): left as a TODO",
                Location(page.path, page.lines.get(stand_in, 0)),
            )
            continue
        name = f"images/{re.sub(r'[^A-Za-z0-9._-]+', '-', path.name).lstrip('.-') or 'image'}"
        while name in files:
            name = name.replace("images/", "images/x-", 1)
        files[name] = data
        alt = alts.get(stand_in) or "TODO: describe this picture"
        markdown[stand_in] = f"![{escape(alt)}]({name})"
    for stand_in, src in page.missing_images.items():
        alt = alts.get(stand_in, "")
        shown = src.replace("--", "- -")[:200]
        markdown[stand_in] = (
            f"<!-- TODO: picture not imported: {shown} (alt text: "
            f"{alt.replace('--', '- -')}). Save it beside the page and "
            "add it here as ![alt text](images/NAME.png) -->"
        )
    return markdown, files


def _disclaimer(page: Page, found: Diagnostics, page_path: Path, phrases: tuple[str, ...]) -> str:
    """The page's disclaimer as it stands; the phrases the brand requires and it lacks are
    listed under a marked note (a release refuses it until someone settles the wording)."""
    where = Location(page_path.as_posix())
    if not page.disclaimer:
        found.warning(
            "no disclaimer block found in the page: disclaimer.md holds a placeholder", where
        )
        text = DISCLAIMER_TEXT
    else:
        text = "# Disclaimer\n\n" + "\n\n".join(escape(p) for p in page.disclaimer) + "\n"
    missing = missing_phrases(text, phrases)
    if missing:
        if page.disclaimer:
            found.warning(
                f"the page's disclaimer lacks {len(missing)} phrase"
                f"{'s' * (len(missing) != 1)} the brand requires: listed in "
                "disclaimer.md under a PLACEHOLDER note",
                where,
            )
        text += "\n" + phrases_note(missing)
    return text


def _short(text: str) -> str:
    return text[:70] + "…" * (len(text) > 70)


BACKUP = ".import-backup"  # hidden: neither content nor part of the fingerprint


class Backup:
    """Copies of the files a re-import replaces, in ``.import-backup/N/`` (N counts up, one
    folder a re-import), made before the first is replaced."""

    def __init__(self, guide: Path) -> None:
        self.guide = guide
        self.folder: Path | None = None

    def keep(self, name: str) -> None:
        """Copy the guide's file ``name`` (if it exists) into this re-import's folder."""
        source = self.guide / name
        if not source.is_file():
            return
        if self.folder is None:
            root = self.guide / BACKUP
            taken = (
                [int(p.name) for p in root.glob("*") if p.name.isdigit()] if root.is_dir() else []
            )
            self.folder = root / str(max(taken, default=0) + 1)
        write_atomic(self.folder / name, source.read_bytes())


def _reimport(
    folder: Path,
    texts: dict[str, str | bytes],
    files: dict[str, str | bytes],
    names: list[str],
    result: ImportResult,
    found: Diagnostics,
) -> None:
    """Rewrite the chapters of an existing guide and show what changed, chapter by chapter;
    every file it replaces or drops from the list is first copied to ``.import-backup/N/``."""
    backup = Backup(folder)
    changed = 0
    for name, text in texts.items():
        path = folder / name
        old = path.read_text("utf-8") if path.is_file() else ""
        assert isinstance(text, str)
        if old == text:
            result.report.append(f"unchanged {name}")
            continue
        changed += 1
        result.report.append(f"{'changed' if old else 'new'} {name}:")
        result.report += [
            line.rstrip("\n")
            for line in difflib.unified_diff(
                old.splitlines(), text.splitlines(), f"a/{name}", f"b/{name}", lineterm="", n=1
            )
        ]
        backup.keep(name)
        write_atomic(path, text.encode("utf-8"))
    for name, data in files.items():
        if not (folder / name).is_file() or (folder / name).read_bytes() != data:
            backup.keep(name)
            write_atomic(folder / name, data if isinstance(data, bytes) else data.encode())
            result.report.append(f"wrote {name}")
    toml = folder / "guide.toml"
    text = toml.read_text("utf-8")
    listed = "chapters = [\n" + "".join(f'    "{n}",\n' for n in names) + "]"
    updated = re.sub(r"(?ms)^chapters\s*=\s*\[.*?\]", lambda _: listed, text, count=1)
    if updated != text and set(re.findall(r'"([^"]+\.md)"', text)) != {*names, DISCLAIMER}:
        backup.keep("guide.toml")
        write_atomic(toml, updated.encode("utf-8"))
        result.report.append("changed guide.toml: chapters")
    stale = sorted(p.name for p in folder.glob("[0-9][0-9]-*.md") if p.name not in names)
    for name in stale:
        found.warning(
            f"{name} is no longer a chapter of the page; delete it if it is not needed",
            Location((folder / name).as_posix()),
        )
    if backup.folder is not None:
        result.report.append(
            f"the replaced files are kept in {backup.folder.as_posix()}/ "
            "(copy back what you edited by hand; the build never reads it)"
        )
    summary = f"{changed} file{'s' * (changed != 1)} changed" if changed else "no change"
    result.report.append(
        f"{summary}; the guide builds as a draft until you record it with "
        f"{PROG} release {folder.name} --bump patch|minor|major "
        '--summary "what changed"'
    )
