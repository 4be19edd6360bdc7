"""The publish stage: write PDFs and ``manifest.json`` atomically.

Takes finished PDF bytes and what the manifest says of them; writes each file to a temporary
name in the output folder, flushes it to disk and renames it into place, so a reader (or a
build killed mid-way) sees the old file or the new one, never a partial one. Imports nothing
of reportlab, markdown or pypdf.
"""

from __future__ import annotations

import contextlib
import json
from dataclasses import asdict
from pathlib import Path

from guide import __version__
from guide.files import remove_stale_temps, write_atomic
from guide.outputs.freshness import builder_digest
from guide.outputs.manifest import MANIFEST, ManifestEntry, editions, read_manifest


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
    manifest = {"builder": {"name": "valor-guide-builder", "version": __version__,
                            "source": builder_digest()},
                "guides": guides, "editions": editions(guides)}
    text = json.dumps(manifest, indent=2, sort_keys=True) + "\n"
    write_atomic(manifest_path, text.encode("utf-8"))
    return manifest_path
