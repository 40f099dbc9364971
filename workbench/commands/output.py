"""Writing a command's output file (``-o``): never over an input, never half a file.

Every command that writes a file given on the command line goes through
:func:`write_output`. A regular file is replaced atomically (temporary file in the same
folder, fsync, ``os.replace``), so a failed write leaves the previous file as it was; a
device or a FIFO (``/dev/null``, ``/dev/full``, a pipe) is written directly, because
replacing it would put a regular file in place of the device node.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
from collections.abc import Sequence
from pathlib import Path

from workbench.atomic import write_atomically
from workbench.errors import OutputError


def _resolved(path: Path) -> Path:
    """``path`` with every symlink followed; OutputError for a loop or an unreadable link."""
    try:
        return path.resolve()
    except (OSError, RuntimeError) as exc:  # RuntimeError: a symlink loop (Python < 3.13)
        raise OutputError(f"Cannot write “{path}”: {_reason(exc)}.") from exc


def _reason(exc: BaseException) -> str:
    return exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)


def _refuse_inputs(target: Path, inputs: Sequence[Path]) -> None:
    """OutputError if ``target`` (a resolved path) is one of ``inputs``, by path or by inode."""
    try:
        out_stat: os.stat_result | None = os.stat(target)
    except OSError:
        out_stat = None
    for source in inputs:
        same = _resolved(Path(source)) == target
        if not same and out_stat is not None:
            with contextlib.suppress(OSError):  # e.g. a hard link to the input
                same = os.path.samestat(out_stat, os.stat(source))
        if same:
            raise OutputError(
                f"Refusing to overwrite the input file “{source}” with the output; "
                "choose another -o."
            )


def _write_directly(path: Path, data: bytes) -> None:
    with open(path, "wb") as handle:
        handle.write(data)
        handle.flush()


def write_output(path: Path, data: bytes, *, inputs: Sequence[Path]) -> None:
    """Write ``data`` to ``path`` (never over one of ``inputs``); OutputError if impossible."""
    try:
        mode: int | None = os.stat(path).st_mode  # through symlinks and /dev/stdout
    except FileNotFoundError:
        mode = None
    except OSError as exc:
        raise OutputError(f"Cannot write “{path}”: {_reason(exc)}.") from exc
    if mode is not None and stat.S_ISDIR(mode):
        raise OutputError(f"Cannot write “{path}”: it is a folder; give a file name with -o.")
    try:
        if mode is not None and not stat.S_ISREG(mode):
            _write_directly(path, data)  # a device or a pipe: never replaced
            return
        target = _resolved(path)  # a symlink to a file: that file is replaced, not the link
        _refuse_inputs(target, inputs)
        if mode is None and not target.parent.is_dir():
            folder = target.parent if path.is_symlink() else path.parent
            problem = "is not a folder" if folder.exists() else "does not exist"
            raise OutputError(f"Cannot write “{path}”: the folder “{folder}” {problem}.")
        write_atomically(target, data)
    except OSError as exc:
        raise OutputError(f"Cannot write “{path}”: {_reason(exc)}.") from exc


_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
_SHORT = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    return _SHORT.get(char) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")


def printable(text: str) -> str:
    """``text`` with control characters as visible escapes (``\\n``, ``\\x1b``) for a terminal."""
    # File names are untrusted: a newline would forge a second message line, an escape
    # sequence would recolour or retitle the user's terminal.
    return _UNPRINTABLE.sub(_escape, text)
