"""Record the files a build opens and the sockets it makes, with one ``sys.addaudithook``.

Audit hooks cannot be removed, so one hook is installed per test session (on first use) and
records only while :func:`recording` is active. Holds no tests.
"""

from __future__ import annotations

import os
import sys
import sysconfig
import zoneinfo
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Record:
    opened: list[str] = field(default_factory=list)
    sockets: list[str] = field(default_factory=list)


_state: dict[str, Any] = {"installed": False, "records": []}
_SOCKET_EVENTS = ("socket.__new__", "socket.connect", "socket.getaddrinfo", "socket.bind")


def _hook(event: str, args: tuple[Any, ...]) -> None:
    records: list[Record] = _state["records"]
    if not records:
        return
    if event == "open" and args and isinstance(args[0], (str, bytes, os.PathLike)):
        for record in records:
            record.opened.append(os.fsdecode(args[0]))
    elif event in _SOCKET_EVENTS:
        for record in records:
            record.sockets.append(f"{event}{args!r}"[:200])


@contextmanager
def recording() -> Iterator[Record]:
    if not _state["installed"]:
        sys.addaudithook(_hook)
        _state["installed"] = True
    record = Record()
    _state["records"].append(record)  # recordings nest: each sees everything in its span
    try:
        yield record
    finally:
        _state["records"].remove(record)


def allowed_roots(*extra: Path) -> tuple[Path, ...]:
    """Where a build may read: its own project and output folders (``extra``), the Python
    installation (standard library, site-packages: the fonts come from pip packages) and this
    repository's ``guide`` package."""
    paths = {sys.prefix, sys.base_prefix, sys.exec_prefix, *sysconfig.get_paths().values()}
    roots = [Path(p).resolve() for p in paths if p]
    roots.append(ROOT / "guide")
    roots.extend(p.resolve() for p in extra)
    return tuple(roots)


# reportlab runs these two files from the home folder, if they exist, when it is first
# imported (its user settings: reportlab/__init__.py and rl_config.py). That happens once per
# process whatever the input is; they are the only reads allowed outside the roots.
REPORTLAB_HOME_FILES = {
    str(Path("~", name).expanduser()) for name in (".reportlab_mods", ".reportlab_settings")
}


# Babel's date module reads the machine's time zone when it is first imported (babel.localtime:
# /etc/localtime, a link into the system's zoneinfo database). Once per process, whatever the
# input; the builder formats dates without a time zone, so nothing of it reaches the PDF.
TIME_ZONE_ROOTS = tuple(Path(p).resolve() for p in ("/etc/localtime", *zoneinfo.TZPATH))


def outside(opened: list[str], roots: tuple[Path, ...]) -> list[str]:
    """The opened paths that lie outside every root (resolved, so ``..`` and links count)."""
    bad = []
    for name in opened:
        if name in REPORTLAB_HOME_FILES:
            continue
        if any(
            Path(name).resolve() == r or r in Path(name).resolve().parents for r in TIME_ZONE_ROOTS
        ):
            continue
        path = Path(name)
        resolved = (path if path.is_absolute() else Path.cwd() / path).resolve()
        if not any(resolved == root or root in resolved.parents for root in roots):
            bad.append(name)
    return bad
