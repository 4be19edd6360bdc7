"""The same article built by the peers: WeasyPrint (HTML + CSS) and Typst.

The article's Markdown (figures left out: neither peer has our diagram blocks) is turned into
each peer's input once; the benchmark times a fresh process doing the peer's whole job.
"""

from __future__ import annotations

import importlib.util
import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT / "sources" / "discogenic-back-pain"
DIAGRAM = re.compile(r"^```diagram\n.*?^```\s*$", re.M | re.S)
CSS = """@page { size: letter; margin: 1.1in 1.45in; @bottom-right { content: counter(page) } }
body { font: 12pt/1.42 serif; color: #1c2830 } h1 { page-break-before: always; color: #0d4f5c }
.admonition { background: #e4f1f2; border-left: 3px solid #1c737d; padding: 12px 16px }"""


def _chapters() -> list[str]:
    config = tomllib.loads((REFERENCE / "guide.toml").read_text(encoding="utf-8"))
    names = [*config["chapters"], config["disclaimer"]]
    return [DIAGRAM.sub("", (REFERENCE / n).read_text(encoding="utf-8")) for n in names]


def html_document() -> str:
    import markdown

    body = "\n".join(
        markdown.markdown(c, extensions=["extra", "admonition", "sane_lists"]) for c in _chapters()
    )
    return (
        f"<!doctype html><html><head><meta charset='utf-8'><style>{CSS}</style></head>"
        f"<body>{body}</body></html>"
    )


def _typst_text(text: str) -> str:
    text = re.sub(r"([\\#$@<>_`\[\]*~=])", r"\\\1", text)
    return re.sub(r"\\\*\\\*(.+?)\\\*\\\*", r"*\1*", text)


def typst_document() -> str:
    out = [
        '#set page(paper: "us-letter", margin: (x: 1.45in, y: 1.1in), numbering: "1")',
        "#set text(size: 12pt)",
        "#set par(leading: 0.7em)",
    ]
    for chapter in _chapters():
        out.append("#pagebreak(weak: true)")
        for block in re.split(r"\n\s*\n", chapter.strip()):
            lines = block.splitlines()
            head = re.match(r"^(#{1,6})\s+(.*)$", lines[0])
            if head and len(lines) == 1:
                out.append("=" * len(head.group(1)) + " " + _typst_text(head.group(2)))
            elif lines[0].startswith("!!!"):
                title = re.search(r'"([^"]*)"', lines[0])
                inner = " ".join(ln.strip() for ln in lines[1:])
                heading = _typst_text(title.group(1) if title else "")
                out.append(
                    f'#block(fill: rgb("#e4f1f2"), inset: 12pt)'
                    f"[*{heading}* \\ {_typst_text(inner)}]"
                )
            elif lines[0].startswith("- "):
                items: list[str] = []
                current: list[str] = []
                for line in lines:
                    if line.startswith("- ") and current:
                        items.append(" ".join(current))
                        current = []
                    current.append(line[2:] if line.startswith("- ") else line.strip())
                items.append(" ".join(current))
                out.extend("- " + _typst_text(item) for item in items)
            else:
                out.append(_typst_text(" ".join(ln.strip() for ln in lines)))
            out.append("")
    return "\n".join(out)


def peer_commands(work: Path) -> dict[str, tuple[list[str], Path]]:
    """Name → (command, folder) for each installed peer."""
    commands: dict[str, tuple[list[str], Path]] = {}
    work.mkdir(parents=True, exist_ok=True)
    if importlib.util.find_spec("weasyprint"):
        (work / "article.html").write_text(html_document(), encoding="utf-8")
        commands["WeasyPrint"] = (
            [
                sys.executable,
                "-c",
                "import sys, weasyprint; weasyprint.HTML(sys.argv[1]).write_pdf(sys.argv[2])",
                "article.html",
                "weasyprint.pdf",
            ],
            work,
        )
    if importlib.util.find_spec("typst"):
        (work / "article.typ").write_text(typst_document(), encoding="utf-8")
        commands["Typst"] = (
            [
                sys.executable,
                "-c",
                "import sys, typst; typst.compile(sys.argv[1], output=sys.argv[2])",
                "article.typ",
                "typst.pdf",
            ],
            work,
        )
    return commands
