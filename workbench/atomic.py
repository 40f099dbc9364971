"""Writing a file so that readers see the old or the new content, never a mix or a half.

A temporary file in the same folder (``.<name>.<random>.tmp``), written, flushed and
fsync'd, given the permissions of the file it replaces, then ``os.replace``d over it;
the folder is fsync'd so the rename itself survives a crash. On any failure the
temporary file is removed and the previous file is left as it was.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

#: Permissions of a new file (what ``open`` gives under the usual umask 022).
NEW_FILE_MODE = 0o644


def fsync_dir(folder: Path) -> None:
    """Make a rename in ``folder`` durable (a no-op where folders cannot be opened)."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_atomically(path: Path, data: bytes) -> None:
    """Replace the regular file ``path`` (or create it) by ``data``, atomically."""
    try:
        mode = stat.S_IMODE(path.stat().st_mode)  # replacing: keep its permissions
    except FileNotFoundError:
        mode = NEW_FILE_MODE
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(name, mode)
        os.replace(name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(name)
        raise
    fsync_dir(path.parent)
