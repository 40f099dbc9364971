"""The browser side of the review-loop latency benchmark (:mod:`workbench.bench.latency`).

Each action is timed inside the page: from the user's input (the ``pointerdown`` of the
click, the ``keydown`` of a key; a page load from its navigation start) to the first poll
(every 10 ms) at which the DOM shows the *new* state. What "new state" means per action:

- annotation (a full card's status chosen, or a compact row's "OK" clicked): the row
  ``st-key-row_<pair id>`` of a pair with no "saved ✓" mark before (a fresh pair each
  time) shows "saved ✓";
- page change, next divergence, filter, Align: a script run that began after the input
  has finished (``data-test-script-state`` of ``stApp`` went back to ``notRunning``; stale
  elements are gone then) and rows are visible; a page change also needs the
  "Showing pairs …" caption (or the first row) to differ from before;
- reload: the new page's first script run has finished with rows visible.

Controls are found by their visible labels ("Status", "Show", "Page", "Align",
"Next divergence"); an action whose control is missing returns no samples ("n/a").
"""

from __future__ import annotations

import contextlib
import math
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, urlparse

from playwright.sync_api import Locator, Page
from playwright.sync_api import TimeoutError as PlaywrightTimeout

#: Installed in every document before the app's scripts: a run counter fed by the app
#: root's ``data-test-script-state``, an input clock armed before each timed input, and
#: the DOM queries the wait conditions use.
INIT_JS = r"""
(() => {
  if (window.__bench) return;
  const b = (window.__bench = { runs: 0, state: null, t0: null, t1: null, armed: false });
  const input = () => { if (b.armed) { b.t0 = performance.now(); b.armed = false; } };
  window.addEventListener('pointerdown', input, true);
  window.addEventListener('keydown', input, true);
  // A run has ended at every change into notRunning. A quick run changes the attribute
  // twice (running, then notRunning) before the observer is called, so the value after
  // each change is the next record's old value, not the attribute as it is now.
  new MutationObserver((changes) => {
    changes.forEach((c, k) => {
      const next = changes[k + 1];
      const after = next && next.target === c.target ? next.oldValue
        : c.target.getAttribute('data-test-script-state');
      if (after === 'notRunning' && c.oldValue !== 'notRunning') b.runs += 1;
      b.state = after;
    });
  }).observe(document, { subtree: true, attributes: true, attributeOldValue: true,
                         attributeFilter: ['data-test-script-state'] });
  b.idle = () => {
    const app = document.querySelector('[data-testid=stApp]');
    return !!app && app.getAttribute('data-test-script-state') === 'notRunning';
  };
  b.done = (runs0) => b.runs > runs0 && b.idle();
  // a row: its keyed container (a full card is vertical, a compact row horizontal)
  b.rowSel = '[class*="st-key-row_"]:is([data-testid=stVerticalBlock],'
    + '[data-testid=stHorizontalBlock])';
  b.rows = () => Array.from(document.querySelectorAll(b.rowSel + ', [data-pair-id]'))
    .filter((e) => e.getClientRects().length > 0);
  b.first = () => {
    const r = b.rows()[0];
    return r ? (r.getAttribute('data-pair-id')
      || [...r.classList].find((c) => c.startsWith('st-key-row_'))) : null;
  };
  b.showing = () => {
    const main = document.querySelector('[data-testid=stMain]') || document.body;
    const m = main.textContent.match(/pairs \d[\d,]*\u2013\d[\d,]*/);
    return m ? m[0] : null;
  };
  b.saved = (cls) => {
    const row = document.getElementsByClassName(cls)[0];
    return !!row && row.textContent.includes('saved \u2713');
  };
  b.stop = () => { b.t1 = performance.now(); return true; };
})();
"""

#: Wait conditions (JavaScript; ``b`` is the page's helper, ``runs0`` the run count before
#: the input, ``arg`` the action's argument).
SAVED = "b.saved(arg)"
RERUN = "b.done(runs0) && b.rows().length > 0"
PAGED = RERUN + " && (b.showing() !== arg.showing || b.first() !== arg.first)"
LOADED = "b.runs >= 1 && b.idle() && b.rows().length > 0"

VIEWPORT = {"width": 1440, "height": 900}
REVIEWER = "bench"
LARGE_PROJECT = "bench-large"
MAX_ERRORS = 3  # failed samples after which an action is given up
MORE_TRIES = 5  # pages turned in search of a pair to annotate

#: The annotation every timed change sets (from "unreviewed"): a fresh pair each time.
NEW_STATUS = "ok"
FILTER_VALUES = ("Divergent only", "All pairs")

_CANDIDATES_JS = r"""
() => Array.from(document.querySelectorAll(window.__bench.rowSel))
  .filter((e) => !e.textContent.includes('saved \u2713')
    && (e.querySelector('input[role=combobox][aria-label="Status"]:not([disabled])')
        || e.querySelector('[class*="st-key-ann_ok_"] button:not([disabled])')))
  .map((e) => Array.from(e.classList).find((c) => c.startsWith('st-key-row_')))
"""


_STATE_JS = """() => { const b = window.__bench; return `runs ${b.runs}, state ${b.state}, `
  + `rows ${b.rows().length}, showing ${b.showing()}`; }"""


def css_key(key: str) -> str:
    """The class Streamlit gives a keyed element: ``st-key-`` + key, other characters as -."""
    return "st-key-" + re.sub(r"[^A-Za-z0-9_-]", "-", key)


def settle(page: Page, *, timeout_ms: float = 180_000) -> None:
    """Wait until the app is idle and stays idle for a moment (no follow-up run), and
    for lazily loaded widgets (skeletons) to be drawn."""
    for _ in range(2):
        page.wait_for_function("() => window.__bench && window.__bench.idle()", timeout=timeout_ms)
        page.wait_for_timeout(150)
    with contextlib.suppress(PlaywrightTimeout):  # a skeleton that stays is not ours to judge
        page.locator("[data-testid=stMain] [data-testid=stSkeleton]").first.wait_for(
            state="detached", timeout=15_000
        )


def timed(
    page: Page, act: Callable[[], None], until: str, arg: object = None, *, timeout_ms=60_000
) -> float:
    """Seconds from the input ``act`` makes to the first poll at which ``until`` holds."""
    runs0 = page.evaluate(
        "() => { const b = window.__bench; b.armed = true; b.t0 = b.t1 = null; return b.runs; }"
    )
    wall = time.perf_counter()
    act()
    try:
        page.wait_for_function(
            f"([runs0, arg]) => {{ const b = window.__bench; return ({until}) && b.stop(); }}",
            arg=[runs0, arg],
            polling=10,
            timeout=timeout_ms,
        )
    except PlaywrightTimeout:
        seen = page.evaluate(_STATE_JS)
        raise RuntimeError(f"no new state in {timeout_ms / 1000:.0f} s ({until}): {seen}") from None
    wall = time.perf_counter() - wall
    t0, t1 = page.evaluate("() => [window.__bench.t0, window.__bench.t1]")
    return (t1 - t0) / 1000 if t0 is not None and t1 is not None else wall


def open_page(page: Page, url: str, *, timeout_ms: float = 180_000) -> float:
    """Load ``url``; seconds from navigation start until its first run shows rows."""
    page.goto(url, wait_until="commit")
    page.wait_for_function(
        f"() => {{ const b = window.__bench; return !!b && ({LOADED}) && b.stop(); }}",
        polling=10,
        timeout=timeout_ms,
    )
    return page.evaluate("() => window.__bench.t1") / 1000


def widget(page: Page, label: str) -> Locator:
    """The main area's widget whose visible label is exactly ``label``."""
    exact = re.compile(rf"^\s*{re.escape(label)}\s*$")
    return page.locator("[data-testid=stMain] [data-testid=stElementContainer]").filter(
        has=page.locator("[data-testid=stWidgetLabel]", has_text=exact)
    )


def _option(page: Page, box: Locator, name: str) -> Locator:
    """Open the combobox ``box`` and return its option ``name`` (visible)."""
    for _ in range(5):
        # the pointer rests where the last option was: over a button below, whose tooltip
        # then covers the box (a person moves the mouse; a script has to say so)
        page.mouse.move(0, 0)
        box.click()
        choice = page.get_by_role("option", name=name, exact=True)
        try:
            choice.wait_for(timeout=3_000)
            return choice
        except PlaywrightTimeout:
            page.keyboard.press("Escape")
            settle(page)
    raise RuntimeError(f"option {name!r} did not appear")


def annotate_once(page: Page) -> float | None:
    """Set the status of the first row on this page not yet saved (a full card's status box,
    or a compact row's "OK" button); None if there is none."""
    settle(page)
    candidates = page.evaluate(_CANDIDATES_JS)
    if not candidates:
        return None
    row = page.locator(f".{candidates[0]}")
    box = row.get_by_role("combobox", name="Status", exact=True)
    if not box.count():  # a compact row: its verdict is the "OK" button
        ok = row.locator('[class*="st-key-ann_ok_"] button').first
        return timed(page, ok.click, SAVED, candidates[0])
    choice = _option(page, box, NEW_STATUS)
    return timed(page, choice.click, SAVED, candidates[0])


def _page_buttons(page: Page) -> tuple[Locator, Locator] | None:
    """(next, previous) page buttons, when the app has them."""
    nxt = page.get_by_role("button", name=re.compile(r"^next page", re.I))
    prev = page.get_by_role("button", name=re.compile(r"^previous page", re.I))
    if nxt.count() and prev.count():
        return nxt.first, prev.first
    return None


def _where(page: Page) -> dict[str, str | None]:
    return page.evaluate(
        "() => ({ showing: window.__bench.showing(), first: window.__bench.first() })"
    )


def change_page(page: Page) -> float | None:
    """Go one page on (back from the last): seconds until the new page's rows show; None
    if there is no page control or only one page.

    The "Page" number input is typed into (its step buttons are hidden in a narrow
    column) and Enter is the timed input; without it, the "Next page" button is clicked.
    """
    settle(page)
    before = _where(page)
    field = widget(page, "Page").locator("input")
    if field.count():
        value, top = int(field.input_value() or 1), int(field.get_attribute("max") or 1)
        if top <= 1:
            return None
        field.fill(str(value + 1 if value < top else value - 1))
        return timed(page, lambda: field.press("Enter"), PAGED, before)
    buttons = _page_buttons(page)
    step = next((b for b in buttons or () if b.is_enabled()), None)
    if step is None:
        return None
    return timed(page, step.click, PAGED, before)


def next_divergence(page: Page) -> float | None:
    """Press "Next divergence": seconds until its run has finished; None without the button."""
    settle(page)
    button = page.get_by_role("button", name=re.compile(r"^next divergence", re.I))
    if not button.count() or not button.first.is_enabled():
        return None
    return timed(page, button.first.click, RERUN)


def change_filter(page: Page) -> float | None:
    """Switch "Show" between "Divergent only" and "All pairs": seconds until rows show."""
    settle(page)
    show = widget(page, "Show")
    if not show.count():
        return None
    box = show.get_by_role("combobox")
    if box.count():
        current = box.first.input_value()
        target = FILTER_VALUES[1] if current == FILTER_VALUES[0] else FILTER_VALUES[0]
        return timed(page, _option(page, box.first, target).click, RERUN)
    # a radio or segmented control: click the other value's visible text
    options = [show.get_by_text(v, exact=True) for v in FILTER_VALUES]
    checked = show.get_by_role("radio", name=FILTER_VALUES[0], exact=True)
    other = options[1] if checked.count() and checked.first.is_checked() else options[0]
    return timed(page, other.first.click, RERUN)


def align(page: Page) -> float | None:
    """Press Align: seconds until the new review's rows show; None without the button."""
    settle(page)
    button = page.get_by_role("button", name="Align", exact=True)
    if not button.count() or not button.is_enabled():
        return None
    return timed(page, button.click, RERUN, timeout_ms=180_000)


def upload_original(page: Page, path: str) -> None:
    """Give the sidebar's original as an uploaded file."""
    settle(page)
    keyed = page.locator(f".{css_key('original_file')} input[type=file]")
    target = keyed if keyed.count() else page.locator("[data-testid=stSidebar] input[type=file]")
    target.first.set_input_files(path)
    page.get_by_role("button", name="Align", exact=True).wait_for()
    page.wait_for_function(
        "() => { const b = [...document.querySelectorAll('button')]"
        ".find((e) => e.textContent.trim() === 'Align'); return b && !b.disabled; }",
        timeout=60_000,
    )
    settle(page)


# --- samples and the measuring sequence ----------------------------------------


def percentile(values: Sequence[float], q: float) -> float:
    """The ``q``-th percentile (0–100) of ``values``, interpolated between closest ranks."""
    if not values:
        raise ValueError("no values")
    ordered = sorted(values)
    pos = (len(ordered) - 1) * q / 100
    low = math.floor(pos)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (pos - low)


@dataclass
class Samples:
    """The timings of one action (seconds), or why there are none."""

    values: list[float] = field(default_factory=list)
    missing: bool = False  # the control does not exist in this tree: "n/a"
    errors: list[str] = field(default_factory=list)

    def p50(self) -> float | None:
        return percentile(self.values, 50) if self.values else None

    def cells(self) -> str:
        """``p50 p95 n`` in milliseconds, or n/a / err / —."""
        if self.values:
            return (
                f"{1000 * percentile(self.values, 50):6.0f} "
                f"{1000 * percentile(self.values, 95):6.0f} {len(self.values):3d}"
            )
        word = "n/a" if self.missing else ("err" if self.errors else "—")
        return f"{word:>6} {'':>6} {'':>3}"


def _collect(page, fn, repeats: int, *, more=None) -> Samples:  # noqa: ANN001
    """Up to ``repeats`` samples of ``fn(page)``; ``more(page)`` makes room when ``fn``
    has nothing left to act on (True if it did)."""
    samples = Samples()
    while len(samples.values) < repeats and len(samples.errors) < MAX_ERRORS:
        try:
            value = fn(page)
            for _ in range(MORE_TRIES if more is not None else 0):
                if value is not None or not more(page):
                    break
                value = fn(page)
        except Exception as exc:  # a failed sample is reported, not fatal
            samples.errors.append(f"{type(exc).__name__}: {str(exc).splitlines()[0][:160]}")
            _recover(page)
            continue
        if value is None:
            samples.missing = not samples.values
            break
        samples.values.append(value)
    return samples


def _recover(page) -> None:  # noqa: ANN001
    with contextlib.suppress(Exception):  # the next sample reports what is still wrong
        page.keyboard.press("Escape")
        settle(page, timeout_ms=60_000)


def _next_page(page) -> bool:  # noqa: ANN001
    return change_page(page) is not None


def _review_actions(page, url: str, project: str, repeats: int) -> dict[str, Samples]:  # noqa: ANN001
    """Page, next divergence, filter, annotation and reload on the open review (annotations
    last but one: "next divergence" skips reviewed pairs)."""
    results = {"page": _collect(page, change_page, repeats)}
    results["next"] = _collect(page, next_divergence, repeats)
    results["filter"] = _collect(page, change_filter, repeats)
    results["annotation"] = _collect(page, annotate_once, repeats, more=_next_page)
    target = f"{url}/?project={project}&reviewer={REVIEWER}"
    results["reload"] = _collect(page, lambda p: open_page(p, target), repeats)
    return results


def measure(browser, url: str, doc: str, original: Path, repeats: int) -> dict[str, Samples]:  # noqa: ANN001
    """Every action on document ``doc`` against the server at ``url``."""
    context = browser.new_context(viewport=VIEWPORT)
    context.add_init_script(INIT_JS)
    page = context.new_page()
    page.set_default_timeout(60_000)
    try:
        if doc == "large":
            open_page(page, f"{url}/?project={LARGE_PROJECT}&reviewer={REVIEWER}")
            return {"align": Samples(), **_review_actions(page, url, LARGE_PROJECT, repeats)}
        page.goto(f"{url}/?reviewer={REVIEWER}")
        settle(page)
        upload_original(page, str(original))
        if align(page) is None:  # the cold first Align is not counted
            raise RuntimeError("no enabled Align button after giving the original")
        aligned = _collect(page, align, repeats)
        project = _query(page.url, "project") or "review"
        return {"align": aligned, **_review_actions(page, url, project, repeats)}
    finally:
        context.close()


def _query(url: str, name: str) -> str | None:
    values = parse_qs(urlparse(url).query).get(name)
    return values[0] if values else None
