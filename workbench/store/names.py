"""Project names to safe file names inside the alignments folder."""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path

from workbench import config
from workbench.errors import ProjectNameError

#: Longest project name kept (characters), and its UTF-8 size cap (file systems allow 255
#: bytes per name; ".csv.lock" and temp-file affixes need room).
MAX_NAME_CHARS = 100
MAX_NAME_BYTES = 200
SUFFIX = ".csv"
#: The audit trail of ``NAME.csv`` is ``NAME.history.csv`` beside it (``docs/history.md``).
HISTORY_SUFFIX = ".history.csv"

_WINDOWS_RESERVED = frozenset(
    ["CON", "PRN", "AUX", "NUL"]
    + [f"COM{i}" for i in range(10)]
    + [f"LPT{i}" for i in range(10)]
    + ["COM¹", "COM²", "COM³", "LPT¹", "LPT²", "LPT³"]
)
# Characters Windows or POSIX refuse in names, plus both path separators.
_FORBIDDEN = re.compile(r'[<>:"/\\|?*]')
# Control, format (bidi overrides can disguise a name), surrogate and line/para separators.
_DROPPED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})


def sanitise_project_name(name: str) -> str:
    """A safe file stem for ``name``: no separators, ``..``, reserved or control characters.

    Forbidden characters become ``_``; runs of dots shrink to one; leading and trailing
    dots, spaces and underscores go; a trailing ".csv" is dropped; Windows device names
    (CON, nul.txt, …) get a leading ``_``; a name ending in ".history" ends in
    "_history" (``NAME.history.csv`` is a history sidecar); the result is cut to ``MAX_NAME_CHARS``.
    Raises ProjectNameError if nothing usable remains.
    """
    if not isinstance(name, str):
        raise ProjectNameError(f"A project name must be text, not {type(name).__name__}.")
    text = re.sub(r"\s+", " ", unicodedata.normalize("NFC", name))
    text = "".join(ch for ch in text if unicodedata.category(ch) not in _DROPPED_CATEGORIES)
    text = _FORBIDDEN.sub("_", text)
    text = re.sub(r"\.{2,}", ".", text)
    text = text.strip(" ._")
    if text.lower().endswith(SUFFIX):
        text = text[: -len(SUFFIX)].strip(" ._")
    if text.lower().endswith(".history"):  # NAME.history.csv is NAME's audit trail
        text = text[: -len(".history")] + "_history"
    text = text[:MAX_NAME_CHARS]
    while len(text.encode("utf-8")) > MAX_NAME_BYTES:
        text = text[:-1]
    text = text.rstrip(" ._")
    if not text:
        raise ProjectNameError(
            f"{name!r} cannot be used as a project name: it has no letters or digits once "
            "path separators, dots, spaces and control characters are removed. "
            "Choose a name such as 'essay-review'."
        )
    if text.split(".", 1)[0].rstrip(" ").upper() in _WINDOWS_RESERVED:
        text = "_" + text
    return text


def project_path(name: str, *, root: Path | None = None) -> Path:
    """The CSV file of project ``name`` inside ``root`` (default: the alignments folder).

    The path is checked to stay inside the folder, symbolic links followed.
    """
    stem = sanitise_project_name(name)
    base = Path(root if root is not None else config.alignments_dir()).resolve()
    path = (base / f"{stem}{SUFFIX}").resolve()
    # resolve() follows symlinks: a link planted in the folder must not lead outside it.
    if not path.is_relative_to(base) or path.parent != base:
        raise ProjectNameError(f"{name!r} would lead outside the alignments folder {base}.")
    return path


def target_path(project_or_path: str | os.PathLike[str], *, root: Path | None = None) -> Path:
    """A file path as given, or the file of a project name (``str``) inside ``root``."""
    if isinstance(project_or_path, os.PathLike):
        return Path(project_or_path)
    return project_path(project_or_path, root=root)


def glob_escape(text: str) -> str:
    """``text`` with glob metacharacters escaped, for ``Path.glob`` patterns."""
    return re.sub(r"([*?\[])", r"[\1]", text)


def history_path(path: Path) -> Path:
    """The audit-trail sidecar of the alignment file ``path`` (``NAME.history.csv``)."""
    stem = path.name[: -len(SUFFIX)] if path.name.lower().endswith(SUFFIX) else path.name
    return path.with_name(stem + HISTORY_SUFFIX)


def is_history(path: Path) -> bool:
    """True for an audit-trail sidecar (never listed or opened as a project)."""
    return path.name.lower().endswith(HISTORY_SUFFIX)
