"""The publish stage: write PDFs and ``manifest.json`` atomically.

Takes finished PDF bytes and what the manifest says of them; writes each file to a temporary
name in the output folder, flushes it to disk and renames it into place, so a reader (or a
build killed mid-way) sees the old file or the new one, never a partial one. Imports nothing
of reportlab, markdown or pypdf.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from guide import __version__

MANIFEST = "manifest.json"
# A temporary file (".NAME.xxxx.tmp") untouched this long is left by a killed build; younger
# ones may belong to a build running beside this one, and are left alone.
STALE_TEMP_SECONDS = 120


@dataclass(frozen=True)
class ManifestEntry:
    slug: str
    title: str
    version: str
    pdf: str  # relative to the output folder
    sha256: str
    bytes: int
    pages: int
    draft: bool
    fingerprint: str
    revision_date: str


def write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, 0o644)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


def remove_stale_temps(path: Path, now: float | None = None) -> list[Path]:
    """Delete the temporary files a killed build left for ``path`` (its name may be a glob
    pattern, e.g. every version of one guide's PDF); returns them."""
    now = time.time() if now is None else now
    removed = []
    for temp in path.parent.glob(f".{path.name}.*.tmp"):
        with contextlib.suppress(OSError):
            if now - temp.stat().st_mtime > STALE_TEMP_SECONDS:
                temp.unlink()
                removed.append(temp)
    return removed


def pdf_name(slug: str, version: str) -> str:
    return f"{slug}-v{version}.pdf"


def entry_for(slug: str, title: str, version: str, pdf: bytes, pages: int, draft: bool,
              fingerprint: str, revision_date: str) -> ManifestEntry:
    return ManifestEntry(slug, title, version, pdf_name(slug, version),
                         hashlib.sha256(pdf).hexdigest(), len(pdf), pages, draft, fingerprint,
                         revision_date)


def read_manifest(path: Path) -> tuple[dict[str, object], list[dict[str, object]]]:
    """The manifest's ``builder`` table and its ``guides`` entries; empty when the file is
    missing or not a manifest."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}, []
    if not isinstance(data, dict):
        return {}, []
    builder = data.get("builder")
    guides = data.get("guides")
    return (builder if isinstance(builder, dict) else {},
            [g for g in guides if isinstance(g, dict)] if isinstance(guides, list) else [])


def publish(out_dir: Path, outputs: list[tuple[ManifestEntry, bytes]]) -> Path:
    """Write every PDF, then the manifest (entries for other guides already there are kept
    while their PDF still exists). Returns the manifest's path."""
    manifest_path = out_dir / MANIFEST
    for path in [out_dir / f"{entry.slug}-v*.pdf" for entry, _ in outputs] + [manifest_path]:
        remove_stale_temps(path)
    for entry, pdf in outputs:
        write_atomic(out_dir / entry.pdf, pdf)
        # Drafts pile up while marketing edits: keep only the newest draft of each guide
        # (released editions are never removed).
        for stale in out_dir.glob(f"{entry.slug}-v*-draft+*.pdf"):
            if stale.name != entry.pdf:
                with contextlib.suppress(OSError):
                    stale.unlink()
    manifest_path = out_dir / MANIFEST
    built = {entry.slug for entry, _ in outputs}
    kept = [g for g in read_manifest(manifest_path)[1]
            if g.get("slug") not in built and (out_dir / str(g.get("pdf", ""))).is_file()]
    guides = kept + [asdict(entry) for entry, _ in outputs]
    guides.sort(key=lambda g: str(g.get("slug")))
    from guide.freshness import builder_digest

    manifest = {"builder": {"name": "valor-guide-builder", "version": __version__,
                            "source": builder_digest()},
                "guides": guides}
    text = json.dumps(manifest, indent=2, sort_keys=True) + "\n"
    write_atomic(manifest_path, text.encode("utf-8"))
    return manifest_path
