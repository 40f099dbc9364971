"""Architecture guards: the import graph, the layers, module and function sizes, UI help text.

The graph counts every import, also those inside functions, and the package
``__init__`` that importing a module of another package runs first: a cycle through a
package's ``__init__`` fails at import time as surely as a direct one.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "workbench"
UI = PACKAGE / "ui"

#: Layers from the bottom up: a module may import its own layer and the layers below it.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("workbench", "workbench.model", "workbench.errors", "workbench.config"),
    ("workbench.sequences", "workbench.safejson", "workbench.atomic", "workbench.gc_pause"),
    ("workbench.text",),
    ("workbench.diff",),
    ("workbench.align",),
    ("workbench.review", "workbench.render"),
    ("workbench.store",),
    ("workbench.export",),
    ("workbench.features",),
    ("workbench.session",),
    ("workbench.commands", "workbench.cli", "workbench.__main__"),
    ("workbench.ui",),
    ("workbench.bench",),
)
#: Modules whose presence in the UI would mean file or alignment logic lives there.
UI_FORBIDDEN = {"csv", "difflib", "rapidfuzz", "filelock", "openpyxl", "pysbd", "lxml", "docx"}
MAX_MODULE_LINES = 450
MAX_FUNCTION_LINES = 60


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {_module_name(p): p for p in PACKAGE.rglob("*.py")}


def _ancestors(name: str) -> list[str]:
    parts = name.split(".")
    return [".".join(parts[:k]) for k in range(1, len(parts))]


def _targets(node: ast.Import | ast.ImportFrom, importer: str) -> set[str]:
    """The workbench modules an import statement loads (submodules resolved)."""
    if isinstance(node, ast.Import):
        names = [alias.name for alias in node.names]
    else:
        if node.level:  # relative imports are not used; resolve them anyway
            base = importer.rsplit(".", node.level)[0]
            module = f"{base}.{node.module}" if node.module else base
        else:
            module = node.module or ""
        names = [module] + [f"{module}.{alias.name}" for alias in node.names]
    return {n for n in names if n in MODULES}


def _imports(name: str) -> tuple[set[str], set[str]]:
    """(workbench modules ``name`` loads, other packages' __init__ included; third parties)."""
    tree = ast.parse(MODULES[name].read_text(encoding="utf-8"))
    own = set(_ancestors(name)) | {name}
    internal: set[str] = set()
    external: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import | ast.ImportFrom):
            found = _targets(node, name)
            for target in found - own:  # a module's own packages are already importing
                internal.add(target)
                internal.update(a for a in _ancestors(target) if a not in own)
            if isinstance(node, ast.Import):
                external.update(a.name.split(".")[0] for a in node.names)
            elif node.module and not node.level:
                external.add(node.module.split(".")[0])
    internal.discard(name)
    return internal, external - {"workbench"}


GRAPH = {name: _imports(name)[0] for name in MODULES}


def _layer(name: str) -> int:
    best = -1, 0
    for rank, prefixes in enumerate(LAYERS):
        for prefix in prefixes:
            if name == prefix or name.startswith(prefix + "."):
                best = max(best, (len(prefix), rank))
    if best[0] < 0:
        raise AssertionError(f"{name} is in no layer of LAYERS")
    return best[1]


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_the_graph_sees_imports_inside_functions_and_package_inits() -> None:
    assert "workbench.store" in GRAPH["workbench.export.csv_excel"]  # via store.csv_write
    assert "workbench.store.csv_write" in GRAPH["workbench.export.csv_excel"]
    sample = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert _cycles(sample) == [["a", "b", "c"]]


def test_there_is_no_import_cycle() -> None:
    assert _cycles(GRAPH) == []


def test_every_import_goes_down_the_layers() -> None:
    upward = sorted(
        f"{name} -> {target}"
        for name, targets in GRAPH.items()
        for target in targets
        if _layer(target) > _layer(name)
    )
    assert upward == []


@pytest.mark.parametrize(
    ("package", "forbidden"),
    [
        ("workbench.text", ("workbench.diff", "workbench.align", "workbench.review")),
        ("workbench.export", ("workbench.features", "workbench.session", "workbench.align")),
        ("workbench.features.compare", ("workbench.features.reconcile",)),
    ],
)
def test_named_boundaries_hold(package: str, forbidden: tuple[str, ...]) -> None:
    crossing = sorted(
        f"{name} -> {target}"
        for name, targets in GRAPH.items()
        if name == package or name.startswith(package + ".")
        for target in targets
        if any(target == f or target.startswith(f + ".") for f in forbidden)
    )
    assert crossing == []


def test_nothing_in_the_library_imports_the_benchmarks() -> None:
    users = sorted(
        name
        for name, targets in GRAPH.items()
        if not name.startswith("workbench.bench")
        and any(t.startswith("workbench.bench") for t in targets)
    )
    assert users == []


def test_only_ui_imports_streamlit() -> None:
    offenders = [
        name
        for name in MODULES
        if not name.startswith("workbench.ui") and "streamlit" in _imports(name)[1]
    ]
    assert offenders == []


def test_ui_holds_no_file_or_alignment_logic() -> None:
    offenders = {
        name: sorted(_imports(name)[1] & UI_FORBIDDEN)
        for name in MODULES
        if name.startswith("workbench.ui") and _imports(name)[1] & UI_FORBIDDEN
    }
    assert offenders == {}


def test_ui_keeps_session_state_behind_its_state_module() -> None:
    offenders = [
        f"{name}:{node.lineno}"
        for name, path in MODULES.items()
        if name.startswith("workbench.ui") and name != "workbench.ui.state"
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Attribute) and node.attr == "session_state"
    ]
    assert offenders == []


def test_ui_catches_exceptions_only_in_its_messages_module() -> None:
    offenders = [
        f"{name}:{node.lineno}"
        for name, path in MODULES.items()
        if name.startswith("workbench.ui") and name != "workbench.ui.messages"
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.ExceptHandler)
        and (node.type is None or ast.unparse(node.type) in ("Exception", "BaseException"))
    ]
    assert offenders == []


def test_no_module_is_too_long() -> None:
    long = {
        name: n
        for name, path in MODULES.items()
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES
    }
    assert long == {}


def test_no_function_is_too_long() -> None:
    long = []
    for name, path in MODULES.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                size = node.end_lineno - node.lineno + 1
                if size > MAX_FUNCTION_LINES:
                    long.append(f"{name}.{node.name}: {size} lines")
    assert long == []


def test_guard_detects_a_streamlit_import(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        "import os\ndef f():\n    from streamlit.testing.v1 import AppTest\n", encoding="utf-8"
    )
    tree = ast.parse(sample.read_text(encoding="utf-8"))
    roots = {
        n.module.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module
    }
    assert "streamlit" in roots


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


#: The one name a widget's ``help`` may be instead of a text: the compact rows' buttons
#: are explained once, above the rows (``pair_html.ROW_BUTTONS_NOTE``).
EXPLAINED_ABOVE = "EXPLAINED_ABOVE_THE_ROWS"


def _help_of(node: ast.Call) -> ast.expr | None:
    return next((k.value for k in node.keywords if k.arg == "help"), None)


def _widget_calls() -> list[tuple[Path, ast.Call]]:
    return [
        (path, node)
        for path in UI.rglob("*.py")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in WIDGETS
    ]


def test_every_ui_option_has_help_text() -> None:
    missing = []
    for path, node in _widget_calls():
        help_text = _help_of(node)
        if help_text is None or isinstance(help_text, ast.Constant) and not help_text.value:
            missing.append(f"{path.relative_to(PACKAGE)}:{node.lineno} {node.func.attr}")
    assert missing == []


def test_buttons_explained_above_the_rows_are_the_ones_the_note_explains() -> None:
    from workbench.ui.components.pair_html import (
        EXPLAINED_ABOVE_THE_ROWS,
        ROW_BUTTONS_NOTE,
        row_buttons_html,
    )

    labels = []
    for _, node in _widget_calls():
        help_text = _help_of(node)
        if isinstance(help_text, ast.Name) and help_text.id == EXPLAINED_ABOVE:
            label = node.args[0]
            if isinstance(label, ast.IfExp):  # "OK ✓" if done else "OK"
                label = label.orelse
            assert isinstance(label, ast.Constant), ast.dump(label)
            labels.append(label.value)
    assert sorted(labels) == ["More", "OK"]
    assert EXPLAINED_ABOVE_THE_ROWS is None
    for label in labels:
        assert f"“{label}”" in ROW_BUTTONS_NOTE
    assert "OK" in row_buttons_html() and "More" in row_buttons_html()
