"""Decide, before anything heavy is imported, whether the published outputs are up to date. Takes
build options; hands on the manifest entries that are still current, or None when any guide asked
for must be built."""

# Reads only TOML, the files the fingerprint covers, the manifest and the PDFs' bytes: no
# markdown, reportlab or pypdf. A PDF is current when the manifest's entry has the same version,
# fingerprint and draft state as the content would give now, it was made by this builder (same
# version and same source code), and the file still has the recorded SHA-256.

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from guide import __version__
from guide.config.load import load_brand, load_guide
from guide.errors import Diagnostics
from guide.outputs.manifest import MANIFEST, ManifestEntry, read_manifest
from guide.revisions import LEDGER_NAME, resolve_edition

if TYPE_CHECKING:
    from guide.edition import Edition
    from guide.options import BuildOptions


@cache
def builder_digest() -> str:
    """SHA-256 of the builder's own source files and catalogues (its words in each language):
    a change to either makes every output stale."""
    package = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256()
    for path in sorted([*package.rglob("*.py"), *package.rglob("catalogues/*.toml")]):
        digest.update(path.relative_to(package).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def current_outputs(options: BuildOptions, folders: list[Path]) -> list[ManifestEntry] | None:
    """The entries for ``folders`` (each edition built: print, phone) if every one is
    current, else None."""
    builder, guides = read_manifest(options.out / MANIFEST)
    entries = {(str(g.get("slug")), str(g.get("edition", "print"))): g for g in guides}
    if builder.get("version") != __version__ or builder.get("source") != builder_digest():
        return None
    diagnostics = Diagnostics()
    assets = options.assets_dir
    brand = load_brand(assets / "brand.toml", "brand.toml", diagnostics)
    if brand is None or not folders:
        return None
    current = []
    for folder in folders:
        config = load_guide(folder, folder.as_posix(), diagnostics)
        if config is None:
            return None
        edition = resolve_edition(
            config, brand, assets, diagnostics, ledger_display=f"{folder.as_posix()}/{LEDGER_NAME}"
        )
        if diagnostics.has_errors or (options.release and edition.draft):
            return None
        for name in options.editions_of(config.editions):
            entry = entries.get((folder.name, name))
            if entry is None or not _current(options, entry, edition):
                return None
            try:
                current.append(
                    ManifestEntry(
                        **{
                            k: entry[k]
                            for k in ManifestEntry.__dataclass_fields__  # type: ignore[arg-type]
                        }
                    )
                )
            except (KeyError, TypeError):
                return None
    return current


def _current(options: BuildOptions, entry: dict[str, object], edition: Edition) -> bool:
    """Whether the manifest's ``entry`` is the PDF this ``edition`` of the content gives, with
    the previews asked for."""
    if (entry.get("version"), entry.get("fingerprint"), entry.get("draft")) != (
        edition.version,
        edition.fingerprint,
        edition.draft,
    ):
        return False
    try:
        data = (options.out / str(entry.get("pdf", ""))).read_bytes()
    except OSError:
        return False
    if hashlib.sha256(data).hexdigest() != entry.get("sha256"):
        return False
    pictures = entry.get("previews")
    pictures = pictures if isinstance(pictures, list) else []
    if options.previews and not pictures:
        return False
    return all(
        isinstance(p, dict) and (options.out / str(p.get("path"))).is_file() for p in pictures
    )
