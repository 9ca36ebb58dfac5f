"""Helpers for the browser tests (``python -m pytest -m browser``).

They drive Debian's Chromium (``apt-get install chromium``; another binary can be named in
the ``CHROMIUM`` environment variable) with Playwright's Python package, headless, with the
flags that keep Chromium off the network. Servers (JupyterLab, Voilà) run on loopback with a
random token, from a temporary copy of the notebooks so that nothing a test does is saved
into the repository. On failure a screenshot is saved under ``test-artifacts/browser/``.
"""
from __future__ import annotations

import contextlib
import json
import os
import pathlib
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

ROOT = pathlib.Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts" / "browser"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# Without the background-networking flags Chromium tries to reach Google's servers at start.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-default-apps", "--disable-extensions", "--disable-dev-shm-usage",
]
SECTION_NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def server(command: list[str], ready_url: str, *, cwd, env=None, timeout: float = 90, log_name: str = "server"):
    """Start a server process, wait until ``ready_url`` answers 200, stop it (and its children) afterwards."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    log_path = ARTIFACTS / f"{log_name}.log"
    with open(log_path, "w") as log:
        proc = subprocess.Popen(command, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            deadline = time.monotonic() + timeout
            while True:
                if proc.poll() is not None:
                    pytest.fail(f"{command[2] if len(command) > 2 else command[0]} exited with code {proc.returncode} "
                                f"before it was ready; its log is {log_path}:\n{log_path.read_text()[-3000:]}")
                try:
                    with urllib.request.urlopen(ready_url, timeout=2) as response:
                        if response.status == 200:
                            break
                except (urllib.error.URLError, ConnectionError, TimeoutError):
                    pass
                if time.monotonic() > deadline:
                    pytest.fail(f"{ready_url} did not answer within {timeout:.0f} s; the server's log is {log_path}")
                time.sleep(0.25)
            yield proc
        finally:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()


def root_flag() -> list[str]:
    return ["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []


class PageRecorder:
    """Everything a page asked the network for, and every uncaught script error."""

    def __init__(self, page):
        self.page = page
        self.requests: list[str] = []
        self.page_errors: list[str] = []
        page.on("request", lambda request: self.requests.append(request.url))
        page.on("pageerror", lambda error: self.page_errors.append(str(error)))

    def off_machine_requests(self) -> list[str]:
        """Requests to anywhere but this machine (the course must work offline)."""
        return [url for url in self.requests if not on_this_machine(url)]


def on_this_machine(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("data", "blob", "file", "about") or parts.hostname in ("127.0.0.1", "localhost", "::1")


def stored_widget_outputs(path: pathlib.Path) -> int:
    """How many widget views the committed notebook displays (each must render in the browser)."""
    import nbformat

    nb = nbformat.read(path, as_version=4)
    return sum(WIDGET_VIEW in out.get("data", {}) for cell in nb.cells if cell.cell_type == "code"
               for out in cell.get("outputs", []))


PYTHON = sys.executable


# Explorers: a widget box holding a figure; its first child is the title (a heading), its last child
# the summary sentence (in a polite live region that stays in place while its text changes).
EXPLORERS = """() => [...document.querySelectorAll('.jp-OutputArea-output > .jupyter-widgets')]
  .filter(box => box.querySelector('img'))
  .map(box => {
    const img = box.querySelector('img');
    const name = input => {
      if (input.getAttribute('aria-label')) return input.getAttribute('aria-label');
      if (input.getAttribute('aria-labelledby'))
        return input.getAttribute('aria-labelledby').split(/\\s+/).map(id => (document.getElementById(id) || {}).innerText || '').join(' ').trim();
      const labels = [...(input.labels || [])].map(l => l.innerText.trim()).filter(Boolean);
      return labels.join(' ');
    };
    return {title: box.firstElementChild.innerText, summary: box.lastElementChild.innerText,
            heading: !!box.firstElementChild.querySelector('h3'),
            alt: img.getAttribute('alt') || '',
            live: !!box.lastElementChild.querySelector('[aria-live=polite]'),
            imageBeforeSummary: !!(img.compareDocumentPosition(box.lastElementChild) & Node.DOCUMENT_POSITION_FOLLOWING),
            slider: !!box.querySelector('input[type=range]'),
            unnamed: [...box.querySelectorAll('input, select, button, [role=slider]')]
              .filter(c => !name(c) && !(c.tagName === 'BUTTON' && c.innerText.trim())).map(c => c.outerHTML.slice(0, 120)),
            sliders: [...box.querySelectorAll('input[type=range]')]
              .map(s => ({name: name(s), valuetext: s.getAttribute('aria-valuetext') || ''}))};
  })"""

# Marks the first explorer with a slider (or, failing that, a number box or a menu), starts
# watching its figure, its alt text and its summary sentence, and notes when the learner lets go of
# the control. The figure's <img> and the sentence's live region stay in place: what changes is the
# image's src and alt and the region's text.
WATCH_FIRST_EXPLORER = """() => {
  const boxes = [...document.querySelectorAll('.jp-OutputArea-output > .jupyter-widgets')].filter(b => b.querySelector('img'));
  let control = null, box = null;
  for (const kind of ['slider', 'number', 'menu']) {
    const query = {slider: 'input[type=range]', number: 'input[type=number]', menu: 'select'}[kind];
    box = boxes.find(b => b.querySelector(query));
    if (box) { control = kind; box.querySelector(query).setAttribute('data-test-control', ''); break; }
  }
  if (!box) return null;
  window.__changes = {};
  const img = box.querySelector('img');
  const region = box.lastElementChild.querySelector('[aria-live]');
  window.__watched = {img, region, alt: img.alt, text: box.lastElementChild.innerText};
  const seen = what => () => { window.__changes[what] ??= performance.now(); };
  for (const event of ['pointerup', 'keyup', 'change'])
    document.addEventListener(event, seen('released'), true);
  new MutationObserver(seen('figure')).observe(img, {attributes: true, attributeFilter: ['src']});
  new MutationObserver(seen('alt')).observe(img, {attributes: true, attributeFilter: ['alt']});
  new MutationObserver(seen('numbers')).observe(box.lastElementChild, {subtree: true, childList: true, characterData: true});
  return {title: box.firstElementChild.innerText, control};
}"""

BOTH_CHANGED = "() => window.__changes.figure !== undefined && window.__changes.numbers !== undefined"

# After the change: the same <img> and the same live region (a screen reader announces a change
# inside a region it already knows), holding the new alt text and the new sentence.
AFTER_CHANGE = """() => {
  const w = window.__watched, box = w.img.closest('.jupyter-widgets.widget-vbox') || w.img.closest('.jp-OutputArea-output');
  return {sameImage: w.img.isConnected, sameRegion: !!w.region && w.region.isConnected,
          altBefore: w.alt, altAfter: w.img.alt, textBefore: w.text,
          regionText: w.region ? w.region.innerText : ''};
}"""


def change_control(page, selector: str, kind: str) -> None:
    """Change a control as a student would: drag a slider's handle with the mouse, type a new
    number and press Enter, or pick the next item in a menu."""
    control = page.locator(selector).first
    control.scroll_into_view_if_needed()
    if kind == "slider":  # press on the track away from the thumb and drag a little further
        box = control.bounding_box()
        fraction = control.evaluate("s => (Number(s.value) - Number(s.min)) / (Number(s.max) - Number(s.min))")
        to = 0.25 if fraction > 0.5 else 0.75
        x, y = box["x"] + box["width"] * to, box["y"] + box["height"] / 2
        page.mouse.move(x, y)
        page.mouse.down()
        page.mouse.move(x + 10, y, steps=5)
        page.mouse.up()
    elif kind == "number":
        control.fill(str(2 * int(float(control.input_value() or 1))))
        control.press("Enter")
    else:
        options = control.locator("option").all_inner_texts()
        current = control.evaluate("select => select.selectedIndex")
        control.select_option(index=(current + 1) % len(options))


# Outputs that show a problem to the student: errors and stderr (JupyterLab and Voila both
# render them with the stderr mime type), widgets that did not load, images that did not decode.
PAGE_PROBLEMS = """() => {
  const problems = [];
  for (const o of document.querySelectorAll('.jp-OutputArea-output')) {
    const text = o.innerText || '';
    if (o.dataset.mimeType === 'application/vnd.jupyter.stderr') problems.push(`error or stderr output: ${text.slice(0, 300)}`);
    for (const bad of ['Loading widget', 'Error displaying widget', 'model not found', 'Traceback', 'There was an error'])
      if (text.includes(bad)) problems.push(`an output shows "${bad}": ${text.slice(0, 200)}`);
  }
  for (const img of document.querySelectorAll('.jp-OutputArea-output img'))
    if (!img.complete || img.naturalWidth === 0) problems.push(`an image did not load: ${img.alt || img.src.slice(0, 60)}`);
  return problems;
}"""

WIDGET_VIEWS = "() => document.querySelectorAll('.jp-OutputArea-output > .jupyter-widgets').length"
IMAGES_DECODED = "() => [...document.querySelectorAll('.jp-OutputArea-output img')].every(i => i.complete)"


def check_page(page, name: str, expected_widgets: int) -> None:
    """No error or stderr output, every widget rendered, every image decoded, only this machine asked."""
    problems = page.evaluate(PAGE_PROBLEMS)
    assert problems == [], f"{name}:\n" + "\n".join(problems)
    widgets = page.evaluate(WIDGET_VIEWS)
    assert widgets == expected_widgets, (
        f"{name}: {widgets} widgets rendered, the committed notebook displays {expected_widgets}")
    assert page.recorder.page_errors == [], page.recorder.page_errors


def check_explorers(page, name: str) -> dict:
    """Every explorer shows a figure followed by a summary of numbers; changing one control
    (a slider where there is one) changes both within a second. Returns the timings in ms."""
    explorers = page.evaluate(EXPLORERS)
    assert explorers, f"{name} shows no explorer"
    for explorer in explorers:
        title = explorer["title"].strip()
        assert explorer["imageBeforeSummary"] and any(ch.isdigit() for ch in explorer["summary"]), (
            f"{name}: '{title}' has no summary sentence of numbers after its figure")
        assert explorer["heading"], f"{name}: the title '{title}' is not a heading"
        assert explorer["alt"].startswith(f"Chart: {title}") and any(ch.isdigit() for ch in explorer["alt"]), (
            f"{name}: '{title}': the figure's alt text should name it and give its key numbers: {explorer['alt']!r}")
        assert explorer["live"], f"{name}: '{title}': the summary sentence is not in a polite live region"
        assert explorer["unnamed"] == [], f"{name}: '{title}' has controls without an accessible name: {explorer['unnamed']}"
        for slider in explorer["sliders"]:
            assert slider["name"] and slider["valuetext"], f"{name}: '{title}': a slider without a name or value text"
            if slider["name"].endswith(" n"):  # a sample size announces n itself, as the readout shows it
                assert re.fullmatch(r"[\d,]+", slider["valuetext"]), (
                    f"{name}: '{title}': the slider '{slider['name']}' announces {slider['valuetext']!r}, not n")
    explorer = page.evaluate(WATCH_FIRST_EXPLORER)
    assert explorer, f"{name}: no explorer has a control to change"
    change_control(page, "[data-test-control]", explorer["control"])
    try:
        page.wait_for_function(BOTH_CHANGED, timeout=1_000, polling="raf")
    except PlaywrightTimeout:
        seen = sorted(set(page.evaluate("window.__changes")) - {"released"})
        pytest.fail(f"{name}: one second after changing a {explorer['control']} in '{explorer['title']}', "
                    f"changed: {seen or 'nothing'} (expected the figure and the numbers)")
    changes = page.evaluate("window.__changes")
    after = page.evaluate(AFTER_CHANGE)
    assert after["sameImage"] and after["sameRegion"], (
        f"{name}: the figure's image or the sentence's live region was replaced instead of updated: {after}")
    assert after["altAfter"] != after["altBefore"] and "alt" in changes, (
        f"{name}: the figure changed but its alt text did not: {after['altAfter']!r}")
    assert after["regionText"].strip() and after["regionText"] != after["textBefore"], (
        f"{name}: the live region does not hold the new sentence: {after}")
    timing = {what: round(changes[what] - changes["released"]) for what in ("numbers", "figure")}
    if explorer["control"] == "slider":
        check_keyboard(page, name, explorer["title"].strip())
    print(f"{name}: after a {explorer['control']} in '{explorer['title']}' was changed, new numbers in "
          f"{timing['numbers']} ms, a new figure in {timing['figure']} ms")
    return timing


SLIDER_STATE = """() => {
  const s = document.querySelector('[data-test-control]');
  return {valuetext: s.getAttribute('aria-valuetext'), focused: document.activeElement === s,
          atMax: Number(s.value) >= Number(s.max), text: window.__watched.region.innerText};
}"""


def check_keyboard(page, name: str, title: str) -> None:
    """The slider works from the keyboard: an arrow key moves it, it keeps the focus (JupyterLab's
    notebook does not take the key), it announces the new value, and the sentence follows."""
    slider = page.locator("[data-test-control]").first
    slider.focus()
    before = page.evaluate(SLIDER_STATE)
    page.keyboard.press("ArrowLeft" if before["atMax"] else "ArrowRight")
    try:
        page.wait_for_function(f"() => ({SLIDER_STATE})().text !== {before['text']!r}", timeout=2_000, polling="raf")
    except PlaywrightTimeout:
        pass
    after = page.evaluate(SLIDER_STATE)
    assert after["focused"], f"{name}: an arrow key took the focus away from the slider in '{title}'"
    assert after["valuetext"] != before["valuetext"], f"{name}: an arrow key did not move the slider in '{title}'"
    assert after["text"] != before["text"], f"{name}: the sentence did not follow the slider moved by the keyboard in '{title}'"


# =========================================================================== JupyterLab, as a student uses it
KERNEL_IDLE = """() => {
  const panel = window.jupyterapp && window.jupyterapp.shell.currentWidget;
  const kernel = panel && panel.sessionContext && panel.sessionContext.session && panel.sessionContext.session.kernel;
  return !!kernel && kernel.status === 'idle' && !!panel.content && panel.content.widgets.length > 0;
}"""

ALL_CELLS_RUN = """() => {
  const panel = window.jupyterapp.shell.currentWidget;
  const cells = panel.content.model.cells;
  for (let i = 0; i < cells.length; i++) {
    const cell = cells.get(i);
    if (cell.type === 'code' && !cell.executionCount) return false;
  }
  return panel.sessionContext.session.kernel.status === 'idle';
}"""


def shutdown_kernels(base: str, token: str) -> None:
    """Stop every kernel the page started (each test opens a notebook of its own)."""
    with urllib.request.urlopen(f"{base}/api/sessions?token={token}") as response:
        sessions = json.load(response)
    for session in sessions:
        request = urllib.request.Request(f"{base}/api/sessions/{session['id']}?token={token}", method="DELETE")
        urllib.request.urlopen(request).close()


def run_in_jupyterlab(page, base: str, token: str, notebook: pathlib.Path, *, file_browser: bool = False) -> None:
    """Open a section notebook in JupyterLab, clear its outputs and run every cell, as a student would,
    then wait until every cell has run and every image has decoded. ``file_browser`` opens the file
    browser first (the narrow-screen layout)."""
    page.goto(f"{base}/lab/tree/notebooks/{notebook.name}?token={token}&reset")
    page.wait_for_function(KERNEL_IDLE, timeout=90_000, polling=250)
    first = "await window.jupyterapp.commands.execute('filebrowser:activate');" if file_browser else ""
    page.evaluate(f"""async () => {{
      {first}
      await window.jupyterapp.commands.execute('notebook:clear-all-cell-outputs');
      await window.jupyterapp.commands.execute('notebook:run-all-cells');
    }}""")
    page.wait_for_function(ALL_CELLS_RUN, timeout=180_000, polling=250)
    # Let the last widget views attach and their images decode.
    page.wait_for_function(IMAGES_DECODED, timeout=10_000)


# =========================================================================== Voila, and the built editions
def open_in_voila(page, url: str, expected_widgets: int) -> None:
    """Open a Voila page (it runs the notebook) and wait until its widgets are shown and its images decoded."""
    page.goto(url, timeout=180_000)
    page.wait_for_function(f"() => ({WIDGET_VIEWS})() >= {expected_widgets}", timeout=180_000, polling=250)
    page.wait_for_function(IMAGES_DECODED, timeout=10_000)


def build_with_script(script: str, out: pathlib.Path) -> pathlib.Path:
    """Run ``scripts/<script>`` with ``--out out`` (the HTML edition, the slide decks); fail the test with its
    error output if it fails."""
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / script), "--out", str(out)],
                          cwd=ROOT, capture_output=True, text=True)
    if done.returncode:
        pytest.fail(f"{script} exited with {done.returncode}:\n{done.stderr[-3000:]}")
    return out
