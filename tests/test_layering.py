"""Architecture guard: only workbench/ui imports streamlit; the UI holds no file logic."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "workbench"
UI = PACKAGE / "ui"

#: Modules whose presence in the UI would mean file or alignment logic lives there.
UI_FORBIDDEN = {"csv", "difflib", "rapidfuzz", "filelock", "openpyxl", "pysbd", "lxml", "docx"}


def _imported_roots(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    roots: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
    return roots


def _core_modules() -> list[Path]:
    return [p for p in PACKAGE.rglob("*.py") if UI not in p.parents]


def test_core_has_modules_to_check() -> None:
    names = {p.name for p in _core_modules()}
    assert {"model.py", "segment.py", "errors.py", "cli.py"} <= names


def test_only_ui_imports_streamlit() -> None:
    offenders = [
        str(p.relative_to(PACKAGE)) for p in _core_modules() if "streamlit" in _imported_roots(p)
    ]
    assert offenders == []


def test_ui_holds_no_file_or_alignment_logic() -> None:
    offenders = {
        str(p.relative_to(PACKAGE)): sorted(_imported_roots(p) & UI_FORBIDDEN)
        for p in UI.rglob("*.py")
        if _imported_roots(p) & UI_FORBIDDEN
    }
    assert offenders == {}


def test_guard_detects_a_streamlit_import(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("import os\nfrom streamlit.testing.v1 import AppTest\n", encoding="utf-8")
    assert "streamlit" in _imported_roots(sample)


#: Streamlit input widgets that must explain themselves to the user.
WIDGETS = {
    "selectbox",
    "text_input",
    "text_area",
    "radio",
    "checkbox",
    "number_input",
    "file_uploader",
    "button",
    "download_button",
    "multiselect",
    "slider",
    "toggle",
}


def test_every_ui_option_has_help_text() -> None:
    missing = []
    for path in UI.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in WIDGETS
                and not any(k.arg == "help" for k in node.keywords)
            ):
                missing.append(f"{path.relative_to(PACKAGE)}:{node.lineno} {node.func.attr}")
    assert missing == []
