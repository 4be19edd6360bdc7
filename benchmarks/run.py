#!/usr/bin/env python3
"""Benchmark the guide builder against its floor and its peers; exit 1 when a target is missed.

Every figure is the median of several runs in fresh processes (or, for the warm rebuild, in one
long-lived process), and every target is a ratio of figures measured in this same run, because
machines here are noisy. Usage:

    python benchmarks/run.py                 # all measurements, peers when installed
    python benchmarks/run.py --runs 3 --no-peers
    python benchmarks/run.py --write-readme  # also rewrite the results in benchmarks/README.md
    python benchmarks/run.py --no-bytecode   # every process compiles the builder's source again

The builder is measured as installed: its bytecode is compiled once (pip compiles it when it
installs; a checkout writes ``__pycache__`` on its first run), into a cache in the run's
temporary folder, even where ``PYTHONDONTWRITEBYTECODE`` is set (as on the machines these
figures come from, where every process would otherwise compile the builder's 14,000 lines).

Peers (WeasyPrint, Typst) come from the ``bench`` extra: ``pip install -e '.[bench]'``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.peers import peer_commands  # noqa: E402
from benchmarks.scale import make_scaled_project  # noqa: E402

PY = sys.executable
REFERENCE = "discogenic-back-pain"

CHILD_BUILD = """
import json, resource, sys, time
from pathlib import Path
started = time.perf_counter()
from guide.build import build
from guide.options import BuildOptions
result = build(BuildOptions(sources=Path(sys.argv[1]), out=Path(sys.argv[2]), force=True,
                            editions=("print",)))  # pages and ms per page of one edition
elapsed = time.perf_counter() - started
entry = result.built[0]
print(json.dumps({"seconds": elapsed, "pages": entry.pages, "bytes": entry.bytes,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""

CHILD_WARM = """
import json, statistics, sys, time
from pathlib import Path
from guide.build import build
from guide.options import BuildOptions
editions = tuple(sys.argv[4:])  # none: each guide's own (print and phone)
options = BuildOptions(sources=Path(sys.argv[1]), out=Path(sys.argv[2]), force=True,
                       editions=editions)
build(options)  # the first build loads libraries, fonts and illustrations
times = []
for _ in range(int(sys.argv[3])):
    started = time.perf_counter()
    build(options)
    times.append(time.perf_counter() - started)
print(json.dumps({"seconds": statistics.median(times)}))
"""


ENV = dict(os.environ)  # the children's environment: see child_environment


def child_environment(work: Path, bytecode: bool) -> None:
    """Let the children compile the builder once, into ``work`` (or, without ``bytecode``,
    compile it in every process)."""
    if bytecode:
        ENV.pop("PYTHONDONTWRITEBYTECODE", None)
        ENV["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
    else:  # the libraries keep the bytecode pip compiled; a checkout's builder has none
        ENV["PYTHONDONTWRITEBYTECODE"] = "1"


def wall(command: list[str], runs: int, cwd: Path = ROOT) -> float:
    """Median wall time of ``command`` in fresh processes (one warm-up run first)."""
    subprocess.run(command, cwd=cwd, env=ENV, check=True, capture_output=True)
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, cwd=cwd, env=ENV, check=True, capture_output=True)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def child_json(code: str, *args: str) -> dict[str, float]:
    """The figures a child process prints as JSON on its last line."""
    out = subprocess.run(
        [PY, "-c", code, *args], cwd=ROOT, env=ENV, check=True, capture_output=True, text=True
    ).stdout
    figures: dict[str, float] = json.loads(out.strip().splitlines()[-1])
    return figures


@dataclass(frozen=True)
class Results:
    """One run's figures: seconds (median of the runs), the PDF's size, and per scale target
    the child's seconds, pages and peak memory; the peers' seconds when they ran."""

    floor: float
    cold: float
    noop: float
    warm: float
    check: float  # ``check`` of every guide in a new process: no layout library loads
    size_kb: float
    scale: dict[int, dict[str, float]]
    peers: dict[str, float] = field(default_factory=dict)
    cold_print: float = 0.0  # the print edition alone; ``cold`` builds print and phone
    warm_print: float = 0.0  # the print edition alone; ``warm`` rebuilds print and phone
    bytecode: bool = True  # the builder's bytecode compiled once, as installed


def measure(runs: int, peers: bool, work: Path, bytecode: bool = True) -> Results:
    """Take every figure of the report."""
    child_environment(work, bytecode)
    sources, out = ROOT / "sources", work / "dist"
    build_cmd = [
        PY,
        str(ROOT / "build_guide.py"),
        "build",
        REFERENCE,
        "--sources",
        str(sources),
        "--out",
        str(out),
    ]
    floor = wall([PY, "-c", "import reportlab.platypus, markdown, pypdf"], runs)
    cold = wall([*build_cmd, "--force"], runs)  # both editions: print and phone
    cold_print = wall([*build_cmd, "--force", "--edition", "print"], runs)
    subprocess.run(build_cmd, cwd=ROOT, check=True, capture_output=True)
    noop = wall(build_cmd, runs)
    check = wall([PY, str(ROOT / "build_guide.py"), "check", "--sources", str(sources)], runs)
    warm = child_json(CHILD_WARM, str(sources), str(work / "warm"), str(max(runs, 5)))["seconds"]
    warm_print = child_json(
        CHILD_WARM, str(sources), str(work / "warm-print"), str(max(runs, 5)), "print"
    )["seconds"]
    pdf = next(p for p in out.glob(f"{REFERENCE}-v*.pdf") if not p.name.endswith("-phone.pdf"))
    scale = {}
    for target in (40, 100, 400):
        project = make_scaled_project(work / f"scale-{target}", target)
        samples = [
            child_json(CHILD_BUILD, str(project / "sources"), str(work / f"o{target}"))
            for _ in range(max(1, runs // 2))
        ]
        best = sorted(samples, key=lambda s: s["seconds"])[len(samples) // 2]
        scale[target] = best
    peer_seconds = (
        {
            name: wall(command, runs, cwd=folder)
            for name, (command, folder) in peer_commands(work).items()
        }
        if peers
        else {}
    )
    return Results(
        floor,
        cold,
        noop,
        warm,
        check,
        pdf.stat().st_size / 1024,
        scale,
        peer_seconds,
        cold_print,
        warm_print,
        bytecode,
    )


def targets(r: Results) -> list[tuple[str, str, bool]]:
    """(target, measured, met?) for each target the README names."""
    floor, cold, noop, warm, check = r.floor, r.cold_print, r.noop, r.warm, r.check
    big, small = r.scale[400], r.scale[40]
    per_page = big["seconds"] / big["pages"] * 1000
    growth = (big["seconds"] / big["pages"]) / (small["seconds"] / small["pages"]) * 10
    typst = r.peers.get("Typst")
    rows = [
        (
            "cold build of one edition ≤ 1.5 × import floor",
            f"{cold / floor:.2f} ×",
            cold <= 1.5 * floor,
        ),
        ("no-op build ≤ 0.5 × import floor", f"{noop / floor:.2f} ×", noop <= 0.5 * floor),
        ("warm rebuild < 0.1 s", f"{warm:.3f} s", warm < 0.1),
        (
            "check ≤ 1 × import floor (it loads no layout library)",
            f"{check / floor:.2f} ×",
            check <= floor,
        ),
        (
            "400-page time ≤ 11 × 40-page time (per page scaled)",
            f"{big['seconds'] / small['seconds']:.1f} × for {big['pages'] / small['pages']:.1f} × "
            f"the pages",
            growth <= 11,
        ),
        ("≤ 20 ms per page at 400 pages", f"{per_page:.1f} ms", per_page <= 20),
        ("peak memory ≤ 120 MB at 400 pages", f"{big['peak_mb']:.0f} MB", big["peak_mb"] <= 120),
        ("reference guide ≤ 250 KB", f"{r.size_kb:.0f} KB", r.size_kb <= 250),
    ]
    if typst is not None:
        rows.insert(
            3,
            (
                "warm rebuild faster than Typst's cold compile",
                f"{warm:.3f} s vs {typst:.3f} s",
                warm < typst,
            ),
        )
    return rows


def report(r: Results, runs: int) -> str:
    """The Markdown tables benchmarks/README.md shows."""
    floor = r.floor
    lines = [
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, {platform.system()}; median of {runs} runs each; the "
        + (
            "builder's bytecode compiled once, as installed."
            if r.bytecode
            else "builder's source compiled again by every process (--no-bytecode)."
        ),
        "",
        "| measurement | seconds | × import floor |",
        "|---|---|---|",
    ]
    for key, label in (
        ("floor", "import floor (`import reportlab.platypus, markdown, pypdf`)"),
        (
            "cold",
            "cold build of the reference guide, print and phone editions (new process, --force)",
        ),
        ("cold_print", "cold build of the print edition alone (--edition print)"),
        ("warm", "warm rebuild in a long-lived process (the `watch` path), both editions"),
        ("warm_print", "warm rebuild of the print edition alone"),
        ("noop", "no-op build (content and output unchanged)"),
        ("check", "`check` of every guide (new process; no reportlab)"),
    ):
        value = float(getattr(r, key))
        lines.append(f"| {label} | {value:.3f} | {value / floor:.2f} |")
    second = r.cold - r.cold_print
    lines.append(
        f"| the phone edition's cost (both editions minus print alone) | {second:.3f} | "
        f"{second / floor:.2f} |"
    )
    for name, value in r.peers.items():
        lines.append(f"| peer: {name}, same article, cold | {value:.3f} | {value / floor:.2f} |")
    lines += [
        "",
        "| scale | pages | seconds | ms per page | peak memory |",
        "|---|---|---|---|---|",
    ]
    for target, s in r.scale.items():
        lines.append(
            f"| ~{target} pages | {s['pages']:.0f} | {s['seconds']:.2f} | "
            f"{s['seconds'] / s['pages'] * 1000:.1f} | {s['peak_mb']:.0f} MB |"
        )
    lines += ["", "| target | measured | met |", "|---|---|---|"]
    for target_name, measured, ok in targets(r):
        lines.append(f"| {target_name} | {measured} | {'yes' if ok else '**no**'} |")
    return "\n".join(lines)


def main() -> int:
    """Measure, print the report (and write it into the README), exit 1 on a missed target."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-peers", action="store_true")
    parser.add_argument("--write-readme", action="store_true")
    parser.add_argument(
        "--no-bytecode",
        action="store_true",
        help="let every process compile the builder's source again (as PYTHONDONTWRITEBYTECODE)",
    )
    args = parser.parse_args()
    peers = not args.no_peers
    with tempfile.TemporaryDirectory(prefix="guide-bench-") as tmp:
        results = measure(args.runs, peers, Path(tmp), bytecode=not args.no_bytecode)
    text = report(results, args.runs)
    print(text)
    if args.write_readme:
        readme = ROOT / "benchmarks" / "README.md"
        current = readme.read_text(encoding="utf-8")
        start, end = "<!-- results -->", "<!-- /results -->"
        before, _, rest = current.partition(start)
        _, _, after = rest.partition(end)
        readme.write_text(f"{before}{start}\n{text}\n{end}{after}", encoding="utf-8")
    missed = [name for name, _, ok in targets(results) if not ok]
    if missed:
        print(f"\n{len(missed)} target(s) missed: {'; '.join(missed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
