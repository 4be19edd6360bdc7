"""The publish stage: write PDFs and ``manifest.json`` atomically. Takes finished PDF bytes and what
the manifest says of them; writes each file to a temporary name in the output folder, flushes it to
disk and renames it into place, so a reader (or a build killed mid-way) sees the old file or the new
one, never a partial one."""

# Imports nothing of reportlab, markdown or pypdf.

from __future__ import annotations

import contextlib
import json
from collections.abc import Mapping
from dataclasses import asdict
from pathlib import Path

from guide import __version__
from guide.files import remove_stale_temps, write_atomic
from guide.outputs.freshness import builder_digest
from guide.outputs.manifest import MANIFEST, ManifestEntry, editions, read_manifest, written_for

Output = tuple[ManifestEntry, bytes, Mapping[str, bytes]]  # entry, PDF, other files by path


def publish(out_dir: Path, outputs: list[Output], keep_old: bool = False) -> Path:
    """Write every PDF, its previews and its stable copy, then the manifest (entries for other
    guides already there are kept while their PDF still exists), then remove the files earlier
    builds wrote for these guides that the manifest no longer lists (unless ``keep_old``).
    Returns the manifest's path."""
    manifest_path = out_dir / MANIFEST
    for path in [out_dir / f"{entry.slug}-v*.pdf" for entry, _, _ in outputs] + [manifest_path]:
        remove_stale_temps(path)
    for entry, pdf, files in outputs:
        write_atomic(out_dir / entry.pdf, pdf)
        for name, data in files.items():
            write_atomic(out_dir / name, data)
        if entry.stable_pdf and not entry.draft:
            write_atomic(out_dir / entry.stable_pdf, pdf)
    built = {(entry.slug, entry.edition) for entry, _, _ in outputs}  # print, phone
    kept = [
        g
        for g in read_manifest(manifest_path)[1]
        if (g.get("slug"), g.get("edition", "print")) not in built
        and (out_dir / str(g.get("pdf", ""))).is_file()
    ]
    guides = kept + [asdict(entry) for entry, _, _ in outputs]
    guides.sort(key=lambda g: (str(g.get("slug")), g.get("edition", "print") != "print"))
    manifest = {
        "builder": {
            "name": "valor-guide-builder",
            "version": __version__,
            "source": builder_digest(),
        },
        "guides": guides,
        "editions": editions(guides),
    }
    text = json.dumps(manifest, indent=2, sort_keys=True) + "\n"
    write_atomic(manifest_path, text.encode("utf-8"))
    if not keep_old:  # what the manifest lists for a guide stays: each edition's PDF, previews
        for slug in sorted({entry.slug for entry, _, _ in outputs}):
            listed = [g for g in guides if g.get("slug") == slug]
            current = {str(g.get("pdf")) for g in listed}
            current |= {
                str(p.get("path"))
                for g in listed
                for p in g.get("previews") or ()
                if isinstance(p, dict)
            }
            remove_superseded(out_dir, slug, current)
    return manifest_path


def remove_superseded(out_dir: Path, slug: str, current: set[str]) -> list[Path]:
    """Delete the PDFs and previews of ``slug`` that a build wrote earlier and ``current`` no
    longer names (older drafts and editions); returns them."""
    pattern = written_for(slug)
    removed = []
    for path in [*out_dir.glob(f"{slug}-v*.pdf"), *out_dir.glob(f"previews/{slug}-v*")]:
        name = path.relative_to(out_dir).as_posix()
        if pattern.match(name) and name not in current:
            with contextlib.suppress(OSError):
                path.unlink()
                removed.append(path)
    return removed
