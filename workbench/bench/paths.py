"""Where the benchmarks find the repository's texts: the checkout this package runs from."""

from __future__ import annotations

from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
TEXTS = REPO_ROOT / "texts"
#: The essay (the app's built-in example, 37 paragraphs).
ESSAY = TEXTS / "reflections-en-backtranslation.txt"
