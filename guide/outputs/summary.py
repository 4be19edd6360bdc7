"""The pull-request job summary: one Markdown table of the guides in an output folder (version,
pages, size, draft state, cover picture), read from its ``manifest.json``. Takes the output folder;
hands on Markdown text."""

# ``python3 -m guide.outputs.summary dist`` prints it (the workflow appends it to
# ``$GITHUB_STEP_SUMMARY``).

from __future__ import annotations

import base64
import sys
from pathlib import Path

from guide.outputs.manifest import MANIFEST, read_manifest

MAX_INLINE_BYTES = 60_000  # a summary holds at most 1 MiB; small covers are shown inline


def job_summary(out: Path) -> str:
    """The summary of every guide that ``out/manifest.json`` lists."""
    _, guides = read_manifest(out / MANIFEST)
    if not guides:
        return f"## Guides\n\nNo guides were built (no {MANIFEST} in {out.as_posix()}).\n"
    lines = [
        "## Guides",
        "",
        "| guide | version | pages | size | state | cover |",
        "|---|---|---:|---:|---|---|",
    ]
    for guide in guides:
        size = int(str(guide.get("bytes", 0))) / 1024
        state = "**draft**" if guide.get("draft") else "released"
        lines.append(
            f"| {_cell(guide.get('title'))} (`{_cell(guide.get('slug'))}`) | "
            f"{_cell(guide.get('version'))} | {_cell(guide.get('pages'))} | "
            f"{size:.0f} KB | {state} | {_cover(out, guide)} |"
        )
    lines += [
        "",
        "The PDFs, `manifest.json` and the pictures in `previews/` are in this run's artifact.",
    ]
    return "\n".join(lines) + "\n"


def _cell(value: object) -> str:
    return str(value if value is not None else "").replace("|", "\\|").replace("\n", " ")


def _cover(out: Path, guide: dict[str, object]) -> str:
    previews = guide.get("previews")
    covers = (
        [
            p
            for p in previews
            if isinstance(p, dict) and p.get("kind") == "cover" and p.get("width") == 400
        ]
        if isinstance(previews, list)
        else []
    )
    if not covers:
        return "(build with --previews)"
    cover = min(
        covers,
        key=lambda p: (
            (out / str(p.get("path"))).stat().st_size
            if (out / str(p.get("path"))).is_file()
            else 1 << 40
        ),
    )
    path = out / str(cover.get("path"))
    if not path.is_file():
        return f"`{_cell(cover.get('path'))}` (missing)"
    data = path.read_bytes()
    if len(data) > MAX_INLINE_BYTES:
        return f"`{_cell(cover.get('path'))}`"
    kind = "webp" if path.suffix == ".webp" else "png"
    encoded = base64.b64encode(data).decode()
    return (
        f'<img src="data:image/{kind};base64,{encoded}" width="160" alt="Cover of '
        f'{_cell(guide.get("title"))}"> `{_cell(cover.get("path"))}`'
    )


if __name__ == "__main__":  # pragma: no cover - the workflow's entry point
    sys.stdout.write(job_summary(Path(sys.argv[1] if len(sys.argv) > 1 else "dist")))
