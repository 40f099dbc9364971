"""Settings declared once: name, default and help text.

Limits protect the app and the library from inputs that would exhaust memory or
time; they are enforced by the library (typed errors), and the upload limit is
mirrored in ``.streamlit/config.toml`` (``server.maxUploadSize``).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Setting:
    """One setting: its default, what it means, and the environment variable that overrides it."""

    name: str
    default: int | float | str
    help: str
    env: str = ""  # environment variable read at call time by value(); "" = fixed


SETTINGS: tuple[Setting, ...] = (
    Setting("max_upload_mb", 20, "Largest file accepted, in MB (also server.maxUploadSize)."),
    Setting("max_chars", 5_000_000, "Largest normalised text, in characters."),
    Setting("max_segments", 20_000, "Most paragraphs (or lines) in one document."),
    Setting("max_pdf_pages", 2_000, "Most pages in one PDF file (more are not read)."),
    Setting(
        "max_note_chars",
        100_000,
        "Longest comment, rationale or revised text of one annotation, in characters.",
    ),
    Setting("max_name_chars", 200, "Longest reviewer name, in characters."),
    Setting(
        "alignments_dir",
        "alignments",
        "Folder of alignment CSV files used by the app and the command line "
        "(relative to the working directory).",
        env="WORKBENCH_ALIGNMENTS_DIR",
    ),
    Setting(
        "store",
        "",
        "Where reviews are kept: empty for CSV files in the alignments folder, or a "
        "postgresql:// URL for a database shared by several app servers.",
        env="WORKBENCH_STORE",
    ),
    Setting(
        "texts_dir",
        "",
        "Folder of built-in texts for the app; empty means the repository's texts/.",
        env="WORKBENCH_TEXTS_DIR",
    ),
)

_BY_NAME = {s.name: s for s in SETTINGS}


def get(name: str) -> int | float | str:
    """The default value of setting ``name``."""
    return _BY_NAME[name].default


def value(name: str) -> str:
    """Setting ``name`` as text: its environment variable when set and non-blank, else default."""
    setting = _BY_NAME[name]
    override = os.environ.get(setting.env, "").strip() if setting.env else ""
    return override or str(setting.default)


MAX_UPLOAD_BYTES: int = int(get("max_upload_mb")) * 1024 * 1024
MAX_CHARS: int = int(get("max_chars"))
MAX_SEGMENTS: int = int(get("max_segments"))
MAX_NOTE_CHARS: int = int(get("max_note_chars"))
MAX_NAME_CHARS: int = int(get("max_name_chars"))


def alignments_dir() -> Path:
    """Folder of alignment files: ``$WORKBENCH_ALIGNMENTS_DIR`` or ``alignments/`` in the cwd."""
    return Path(value("alignments_dir"))
