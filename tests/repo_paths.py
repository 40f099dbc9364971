"""Where the repository's files are, for tests that import them as constants.

(``conftest`` cannot be imported by name: ``tests/`` and ``tests/browser/`` both have one.)
"""

from __future__ import annotations

from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
TEXTS_DIR = REPO_ROOT / "texts"
ESSAY_PATH = TEXTS_DIR / "reflections-en-backtranslation.txt"
