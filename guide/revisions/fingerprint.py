"""The fingerprint of a guide's content: one sha256 over everything that changes the PDF. Takes a
loaded :class:`~guide.config.schema.GuideConfig` and :class:`~guide.config.schema.Brand` and the
assets folder; hands on a 64-digit hex digest."""

# Reads files only; imports no rendering.
#
# What goes in, each under a name relative to its folder (never an absolute path), sorted by name:
#
# * every file in the guide's folder (its Markdown, ``guide.toml``, images, diagram files) except
#   the revision ledger, hidden files and ``__pycache__``;
# * every file under ``assets/`` (the brand file, logos, illustrations, bundled fonts) except
#   documentation (``README*`` and Markdown files) and hidden files. Taking the whole folder
#   rather than only what the Markdown references is the simple, robust choice: a change is never
#   missed, at the cost of a spurious draft when an unused asset changes;
# * the bytes of every brand font that lives outside ``assets/`` (a pip-installed font package),
#   named by its ``package:file`` spec so the hash does not depend on where the package is
#   installed.
#
# How each file is read: TOML is parsed and canonicalised (sorted-key JSON), so comments, spacing
# and key order do not count, and ``guide.toml``'s ``version`` and ``date`` are left out (the
# ledger owns them); Markdown and text have a BOM stripped and line endings turned into LF;
# everything else (fonts, SVG, PNG) counts by its bytes. File timestamps never count.
#
# The builder's own version is deliberately *not* part of the fingerprint: the fingerprint says
# which revision of the *content* a PDF shows, and a builder upgrade should not turn every
# released guide into a draft. The builder's version is recorded beside it instead (PDF metadata,
# manifest), and byte-identical output is promised for the same content *and* the same builder
# version.

from __future__ import annotations

import datetime as dt
import hashlib
import json
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from guide.config.load import package_file
from guide.config.schema import Brand, GuideConfig
from guide.revisions.ledger import LEDGER_NAME

FORMAT = b"valor-guide-fingerprint/1\n"
TEXT_SUFFIXES = frozenset({".md", ".markdown", ".txt"})
RELEASE_KEYS = ("version", "date")  # guide.toml keys that the ledger owns


def fingerprint(config: GuideConfig, brand: Brand, assets: Path) -> str:
    """The sha256 hex digest of the guide's content, brand and assets (see the module doc)."""
    return fingerprint_and_files(config, brand, assets)[0]


def fingerprint_and_files(
    config: GuideConfig, brand: Brand, assets: Path
) -> tuple[str, tuple[tuple[str, str], ...]]:
    """The fingerprint, and each file it covers with the first 16 hex digits of its own
    sha256 (what the ledger keeps to name the files a draft changed)."""
    digest = hashlib.sha256(FORMAT)
    files = []
    for name, payload in sorted(_entries(config, brand, assets)):
        digest.update(f"{name}\0{len(payload)}\0".encode())
        digest.update(payload)
        files.append((name, hashlib.sha256(payload).hexdigest()[:16]))
    return digest.hexdigest(), tuple(files)


def changed_files(
    old: tuple[tuple[str, str], ...], new: tuple[tuple[str, str], ...]
) -> tuple[str, ...]:
    """Names added, removed or changed between two lists of file digests."""
    before, after = dict(old), dict(new)
    return tuple(sorted(n for n in before.keys() | after.keys() if before.get(n) != after.get(n)))


def _entries(config: GuideConfig, brand: Brand, assets: Path) -> Iterator[tuple[str, bytes]]:
    folder = config.folder.resolve()
    for relative, path in _files(folder):
        if relative == LEDGER_NAME:
            continue
        drop = RELEASE_KEYS if relative == "guide.toml" else ()
        yield f"guide/{relative}", _payload(path, drop)
    root = assets.resolve()
    for relative, path in _files(root):
        if not _is_documentation(relative):
            yield f"assets/{relative}", _payload(path)
    if not _inside(brand.source, root):
        yield f"brand/{brand.source.name}", _payload(brand.source)
    specs = _package_font_specs(brand.source)
    for font in _brand_fonts(brand):
        if not _inside(font, root) and font.is_file():
            name = specs.get(font.resolve(), font.name)
            yield f"font/{name}", font.read_bytes()


def _files(folder: Path) -> Iterator[tuple[str, Path]]:
    if not folder.is_dir():
        return
    root = folder.resolve()
    for path in folder.rglob("*"):
        relative = path.relative_to(folder)
        if any(p.startswith(".") or p == "__pycache__" for p in relative.parts):
            continue
        # A link that leads out of the folder is never read (the build refuses such a file
        # where it is used; the fingerprint must not open it either).
        if path.is_file() and _inside(path, root):
            yield relative.as_posix(), path


def _is_documentation(relative: str) -> bool:
    name = relative.rsplit("/", 1)[-1]
    return name.upper().startswith("README") or name.lower().endswith((".md", ".markdown"))


def _inside(path: Path, root: Path) -> bool:
    return root in path.resolve().parents


def _payload(path: Path, drop: tuple[str, ...] = ()) -> bytes:
    raw = path.read_bytes()
    suffix = path.suffix.lower()
    if suffix == ".toml":
        canonical = _canonical_toml(raw, drop)
        if canonical is not None:
            return canonical
        return _text(raw)  # not valid TOML: the load stage reports it; count its text
    if suffix in TEXT_SUFFIXES:
        return _text(raw)
    return raw


def _text(raw: bytes) -> bytes:
    """Bytes with a UTF-8 BOM stripped and CRLF / CR line endings turned into LF."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    return raw.replace(b"\r\n", b"\n").replace(b"\r", b"\n")


def _canonical_toml(raw: bytes, drop: tuple[str, ...]) -> bytes | None:
    try:
        data = tomllib.loads(_text(raw).decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError):
        return None
    for key in drop:
        data.pop(key, None)
    return json.dumps(
        data, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=_json_value
    ).encode()


def _json_value(value: Any) -> str:
    if isinstance(value, dt.date | dt.time):  # TOML dates and times (datetime is a date)
        return value.isoformat()
    raise TypeError(f"cannot canonicalise {type(value).__name__}")


def _brand_fonts(brand: Brand) -> list[Path]:
    fonts = [
        getattr(family, role)
        for family in (brand.body_font, brand.heading_font)
        for role in ("regular", "italic", "bold", "bold_italic")
    ]
    return [f for f in (*fonts, *brand.fallback_fonts) if f != Path()]


def _package_font_specs(brand_file: Path) -> dict[Path, str]:
    """``{resolved path: "package:file"}`` for the brand's pip-installed fonts."""
    try:
        data = tomllib.loads(_text(brand_file.read_bytes()).decode("utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return {}
    fonts = data.get("fonts", {})
    specs: list[Any] = list(fonts.get("fallback", []))
    for role in ("body", "heading"):
        specs.extend(fonts.get(role, {}).values())
    found = {}
    for spec in specs:
        if isinstance(spec, str) and ":" in spec:
            path = package_file(spec)
            if path is not None:
                found[path.resolve()] = spec
    return found
