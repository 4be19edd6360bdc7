"""What ``manifest.json`` says of each published guide: the entry written for a built PDF, and
the reader that the publish step and the up-to-date check share."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

MANIFEST = "manifest.json"


@dataclass(frozen=True)
class ManifestEntry:
    """One guide's line in the manifest: its PDF, version, size and draft state."""

    slug: str
    title: str
    version: str
    pdf: str  # relative to the output folder
    sha256: str
    bytes: int
    pages: int
    draft: bool
    fingerprint: str
    revision_date: str  # the newest release's date ("" for a draft of a never-released guide)
    language: str = "en-US"  # guide.toml ``language``
    translation_of: str = ""  # the slug of the guide this one translates ("" for an original)
    stable_pdf: str = ""  # "<slug>.pdf": the newest released edition under a name that stays
    previews: tuple[dict[str, Any], ...] = ()  # kind, path, width, height of each picture
    edition: str = "print"  # "print" or "phone": the same content, laid out for its page


def _suffix(edition: str) -> str:
    """What a file name adds for an edition: nothing for print, ``-phone`` for the phone's."""
    return "" if edition == "print" else f"-{edition}"


def pdf_name(slug: str, version: str, edition: str = "print") -> str:
    """``slug-v1.2.0.pdf`` for print; other editions add their name: ``slug-v1.2.0-phone.pdf``."""
    return f"{slug}-v{version}{_suffix(edition)}.pdf"


def stable_name(slug: str, edition: str = "print") -> str:
    """The newest released version's file name, the same for every version: ``slug.pdf``,
    ``slug-phone.pdf``."""
    return f"{slug}{_suffix(edition)}.pdf"


def written_for(slug: str) -> re.Pattern[str]:
    """The names (relative to the output folder) of the PDFs and previews a build writes for
    ``slug``: every edition and draft, never another guide's."""
    version = r"-v\d+\.\d+\.\d+(?:-draft\+[0-9a-f]{8})?(?:-phone)?"
    return re.compile(
        rf"^(?:{re.escape(slug)}{version}\.pdf|previews/{re.escape(slug)}{version}"
        r"-[a-z0-9-]+\.(?:png|webp))$"
    )


def entry_for(
    slug: str,
    title: str,
    version: str,
    pdf: bytes,
    pages: int,
    draft: bool,
    fingerprint: str,
    revision_date: str,
    language: str = "en-US",
    translation_of: str = "",
    edition: str = "print",
) -> ManifestEntry:
    """The manifest entry of one built PDF (of edition ``edition``)."""
    return ManifestEntry(
        slug,
        title,
        version,
        pdf_name(slug, version, edition),
        hashlib.sha256(pdf).hexdigest(),
        len(pdf),
        pages,
        draft,
        fingerprint,
        revision_date,
        language,
        translation_of,
        edition=edition,
    )


def editions(guides: list[dict[str, object]]) -> dict[str, list[dict[str, object]]]:
    """The manifest's ``editions``: each original guide's slug → its editions (itself and its
    translations: language, slug and PDF, and ``phone``, the phone edition's PDF, when built),
    by language. A translation of a translation joins the original's group."""
    by_slug = {str(g.get("slug")): g for g in guides if g.get("edition", "print") == "print"}
    phones = {str(g.get("slug")): g.get("pdf") for g in guides if g.get("edition") == "phone"}
    for guide in guides:  # a guide built for phones only
        by_slug.setdefault(str(guide.get("slug")), guide)

    def original(slug: str) -> str:
        seen = {slug}
        while (
            parent := str(by_slug.get(slug, {}).get("translation_of") or "")
        ) and parent not in seen:
            seen.add(parent)
            slug = parent
        return slug

    groups: dict[str, list[dict[str, object]]] = {}
    for slug, guide in sorted(by_slug.items()):
        entry: dict[str, object] = {
            "language": guide.get("language", "en-US"),
            "slug": slug,
            "pdf": guide.get("pdf") if guide.get("edition", "print") == "print" else None,
        }
        if slug in phones:
            entry["phone"] = phones[slug]
        groups.setdefault(original(slug), []).append(entry)
    for group in groups.values():
        group.sort(key=lambda e: (str(e["language"]), str(e["slug"])))
    return groups


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
    return (
        builder if isinstance(builder, dict) else {},
        [g for g in guides if isinstance(g, dict)] if isinstance(guides, list) else [],
    )


def kept_previews(
    out_dir: Path, entry: ManifestEntry, builder_source: str
) -> tuple[dict[str, Any], ...]:
    """The previews the manifest lists for ``entry``'s PDF when that PDF is unchanged (same
    name and bytes, same builder) and every picture is still there; else none."""
    builder, guides = read_manifest(out_dir / MANIFEST)
    old = next((g for g in guides if g.get("slug") == entry.slug), None)
    if (
        old is None
        or builder.get("source") != builder_source
        or (old.get("pdf"), old.get("sha256")) != (entry.pdf, entry.sha256)
    ):
        return ()
    pictures = old.get("previews")
    if not isinstance(pictures, list) or not all(
        isinstance(p, dict)
        and written_for(entry.slug).match(str(p.get("path", "")))
        and (out_dir / str(p.get("path"))).is_file()
        for p in pictures
    ):
        return ()
    return tuple(pictures)
