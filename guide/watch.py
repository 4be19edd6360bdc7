"""Rebuild while marketing edits: watch the sources and assets, rebuild on every change. Takes build
options and output streams; runs until interrupted (or ``max_builds``)."""

# The process stays alive between builds, so libraries, registered fonts and parsed illustrations
# stay loaded and a rebuild costs only layout. Polling file modification times (stdlib only)
# rather than an OS notification library: the trees are a few dozen files, a poll costs well under
# a millisecond, and it works the same on every platform and network drive.

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TextIO

from guide.build import build
from guide.errors import Diagnostic, GuideError
from guide.options import BuildOptions

Snapshot = dict[str, tuple[int, int]]


def snapshot(folders: list[Path]) -> Snapshot:
    """(modification time, size) of every file under ``folders``, hidden files excepted."""
    state: Snapshot = {}
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in folder.rglob("*"):
            if path.name.startswith(".") or not path.is_file():
                continue
            try:
                stat = path.stat()
            except OSError:
                continue
            state[str(path)] = (stat.st_mtime_ns, stat.st_size)
    return state


def watch(
    options: BuildOptions,
    out: TextIO,
    err: TextIO,
    report: Callable[[list[Diagnostic], TextIO], None],
    *,
    interval: float = 0.3,
    max_builds: int | None = None,
    sleep: Callable[[float], None] = time.sleep,
    report_bug: Callable[[Exception, TextIO], None] | None = None,
) -> int:
    """Rebuild whenever a source or asset changes (until interrupted, or ``max_builds``); a bug
    of the builder in one guide goes to ``report_bug`` (default: its one-line report)."""
    folders = [options.sources, options.assets_dir]
    options = replace(options, force=True)
    seen: Snapshot | None = None
    builds = 0
    while max_builds is None or builds < max_builds:
        state = snapshot(folders)
        if state == seen:
            sleep(interval)
            continue
        seen = state
        builds += 1
        started = time.perf_counter()
        try:
            result = build(options)
        except GuideError as exc:
            report(list(exc.diagnostics), err)
            _failed(started, out)
            continue
        report(result.warnings, err)
        for bug in result.internal:
            if report_bug is None:
                print(bug.line(), file=err)
            else:
                report_bug(bug, err)
        if not result.built:  # a bug of the builder in every guide asked for
            _failed(started, out)
            continue
        names = ", ".join(entry.pdf for entry in result.built)
        failed = f"; failed {', '.join(result.failed)} (previous PDF kept)" if result.failed else ""
        print(
            f"rebuilt {names}{failed} in {time.perf_counter() - started:.2f} s; watching for "
            f"changes",
            file=out,
            flush=True,
        )
    return 0


def _failed(started: float, out: TextIO) -> None:
    print(
        f"build failed in {time.perf_counter() - started:.2f} s; previous PDF kept; "
        f"watching for changes",
        file=out,
        flush=True,
    )
