"""Files written so that a reader, or a build killed mid-way, sees the old file or the new one,
never half of one. The one place the package writes files; imports nothing of ours."""

from __future__ import annotations

import contextlib
import os
import tempfile
import time
from pathlib import Path

# A temporary file (".NAME.xxxx.tmp") untouched this long is left by a killed build; younger
# ones may belong to a build running beside this one, and are left alone.
STALE_TEMP_SECONDS = 120


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, flush it to disk, then rename it over
    ``path``; an existing file keeps its permissions, a new one gets 0644."""
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, mode)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


def remove_stale_temps(path: Path, now: float | None = None) -> list[Path]:
    """Delete the temporary files a killed build left for ``path`` (its name may be a glob
    pattern, e.g. every version of one guide's PDF); returns them."""
    now = time.time() if now is None else now
    removed = []
    for temp in path.parent.glob(f".{path.name}.*.tmp"):
        with contextlib.suppress(OSError):
            if now - temp.stat().st_mtime > STALE_TEMP_SECONDS:
                temp.unlink()
                removed.append(temp)
    return removed
