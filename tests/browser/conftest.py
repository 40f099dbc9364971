"""Browser-test fixtures: the real app served on a free local port, driven by headless Chromium.

Playwright cannot download its own browser here, so tests use Debian's ``/usr/bin/chromium``
through ``executable_path``. Without Chromium the tests are skipped, except when
``WORKBENCH_REQUIRE_BROWSER`` is set (as ``.ci/run`` does), where they fail instead.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from workbench.bench.server import streamlit_app

REPO_ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("WORKBENCH_CHROMIUM", "/usr/bin/chromium"))
ARTIFACTS = REPO_ROOT / "test-artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test in this folder as a browser test."""
    for item in items:
        if Path(str(item.fspath)).parent == Path(__file__).parent:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def chromium_path() -> Path:
    """Debian's Chromium, or skip (fail under WORKBENCH_REQUIRE_BROWSER)."""
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} not found: install Debian's 'chromium' package"
        if os.environ.get("WORKBENCH_REQUIRE_BROWSER"):
            pytest.fail(message)
        pytest.skip(message)
    return CHROMIUM


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    """Where screenshots are saved for people to look at (``test-artifacts/``)."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture()
def alignments_dir(tmp_path: Path) -> Path:
    """A private alignments folder for one server."""
    path = tmp_path / "alignments"
    path.mkdir()
    return path


@pytest.fixture()
def app_url(alignments_dir: Path, tmp_path: Path) -> Iterator[str]:
    """Start ``streamlit run workbench/ui/app.py`` on a free port; yield its URL."""
    env = dict(os.environ, WORKBENCH_ALIGNMENTS_DIR=str(alignments_dir))
    with streamlit_app(cwd=REPO_ROOT, env=env, log_path=tmp_path / "streamlit.log") as url:
        yield url


@pytest.fixture(scope="session")
def browser(chromium_path: Path) -> Iterator[object]:
    """One headless Chromium for the session."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        instance = pw.chromium.launch(
            executable_path=str(chromium_path), headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield instance
        finally:
            instance.close()


@pytest.fixture()
def page(browser: object) -> Iterator[object]:
    """A fresh browser context and page, collecting dialogs and requests for security checks."""
    context = browser.new_context(viewport={"width": 1600, "height": 1000})  # type: ignore[attr-defined]
    pg = context.new_page()
    pg.dialogs = []  # type: ignore[attr-defined]
    pg.requests = []  # type: ignore[attr-defined]
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))  # type: ignore[attr-defined]
    pg.on("request", lambda r: pg.requests.append(r.url))  # type: ignore[attr-defined]
    pg.set_default_timeout(30_000)
    try:
        yield pg
    finally:
        context.close()


@pytest.fixture()
def screenshot(artifacts_dir: Path):  # noqa: ANN201 - returns a callable
    """``screenshot(page, name)``: the whole app (Streamlit scrolls inside its main area,
    so the viewport is made as tall as the content first) saved as test-artifacts/NAME.png."""

    def take(pg: object, name: str, *, height: int | None = None) -> Path:
        size = pg.viewport_size  # type: ignore[attr-defined]
        content = pg.evaluate(  # type: ignore[attr-defined]
            "() => { const m = document.querySelector('[data-testid=stMain]');"
            " return m ? m.scrollHeight : document.body.scrollHeight; }"
        )
        tall = height or min(int(content) + 100, 12_000)
        pg.set_viewport_size({"width": size["width"], "height": tall})  # type: ignore[attr-defined]
        pg.wait_for_timeout(500)  # type: ignore[attr-defined]
        path = artifacts_dir / f"{name}.png"
        pg.screenshot(path=str(path))  # type: ignore[attr-defined]
        pg.set_viewport_size(size)  # type: ignore[attr-defined]
        return path

    return take
