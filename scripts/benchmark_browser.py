"""Time every explorer end to end in Chromium: from the learner's input to the new figure on screen.

For every explorer in every section notebook, shown as a Voila dashboard (Voila started from the
repository's root, as the README does, on loopback only), the script makes CHANGES changes to the
explorer's first control, as a learner would with the keyboard: the arrow keys on a slider (right,
then left, ...), a new number typed into a number box and Enter, or the next item of a menu. For each
change it measures, in the page, the time from the input event (its timestamp) to

* the new figure painted: the figure's image changed, decoded, and the next frame drawn, and
* the new sentence painted: the summary sentence's text changed and the next frame drawn.

"Frame drawn" is the end of the requestAnimationFrame callback of the frame that shows the change
(a task queued from that callback), the usual in-page measure of the next paint.

It prints a line per explorer (median, 95th percentile and maximum of both times, in ms) and a last
line ``p95_max_ms=<number>``: the largest 95th percentile over all explorers and both times.

    python scripts/benchmark_browser.py [--changes 30] [--only 02 03] [--chromium /usr/bin/chromium]

Needs Chromium (Debian: ``apt-get install chromium``) and the course's environment (playwright, voila).
"""
from __future__ import annotations

import argparse
import os
import pathlib
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

ROOT = pathlib.Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-default-apps", "--disable-extensions",
                 "--disable-dev-shm-usage"]
WIDGET_VIEWS = "() => document.querySelectorAll('.jp-OutputArea-output > .jupyter-widgets').length"

# Marks explorer i's first control and starts timing its changes; returns its title and control kind.
SETUP = """(i) => {
  const boxes = [...document.querySelectorAll('.jp-OutputArea-output > .jupyter-widgets')].filter(b => b.querySelector('img'));
  const box = boxes[i];
  let kind = null;
  for (const [k, q] of [['slider', '[role=slider], input[type=range]'], ['number', 'input[type=number]'], ['menu', 'select']]) {
    const el = box.querySelector(q);
    if (el) { kind = k; document.querySelectorAll('[data-bench]').forEach(e => e.removeAttribute('data-bench'));
              el.setAttribute('data-bench', ''); break; }
  }
  const summary = () => box.lastElementChild.innerText;
  const figure = () => box.querySelector('img') ? box.querySelector('img').src : '';
  const afterPaint = record => requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => record(performance.now());
    channel.port2.postMessage(null);
  });
  const state = window.__bench = {start: null, figure: null, text: null, lastFigure: figure(), lastText: summary()};
  if (window.__benchObserver) window.__benchObserver.disconnect();
  for (const type of ['keydown', 'change'])
    document.addEventListener(type, e => { if (state === window.__bench && state.start === null) state.start = e.timeStamp; }, true);
  window.__benchObserver = new MutationObserver(() => {
    if (state.start === null) return;
    const src = figure(), text = summary();
    if (state.figure === null && src !== state.lastFigure) {
      state.lastFigure = src; state.figure = 'pending';
      const img = box.querySelector('img');
      img.decode().catch(() => null).then(() => afterPaint(t => { state.figure = t; }));
    }
    if (state.text === null && text !== state.lastText) {
      state.lastText = text; state.text = 'pending';
      afterPaint(t => { state.text = t; });
    }
  });
  window.__benchObserver.observe(box, {subtree: true, childList: true, attributes: true, characterData: true});
  return {title: box.firstElementChild.innerText.trim(), kind};
}"""
RESET = "() => { const s = window.__bench; s.start = null; s.figure = null; s.text = null; }"
DONE = "() => typeof window.__bench.figure === 'number' && typeof window.__bench.text === 'number'"
TIMES = "() => [window.__bench.figure - window.__bench.start, window.__bench.text - window.__bench.start]"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_voila(home: pathlib.Path):
    port, token = free_port(), secrets.token_hex(12)
    env = {**os.environ, "JUPYTER_CONFIG_DIR": str(home / "config"), "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
           "JUPYTER_PLATFORM_DIRS": "1", "PYDEVD_DISABLE_FILE_VALIDATION": "1", "MPLCONFIGDIR": str(home / "mpl")}
    voila = pathlib.Path(sys.executable).parent / "voila"
    log = open(home / "voila.log", "w")
    proc = subprocess.Popen([str(voila), str(ROOT / "notebooks"), "--no-browser", f"--port={port}", "--Voila.ip=127.0.0.1",
                             f"--token={token}", "--Voila.port_retries=0"], cwd=ROOT, env=env, stdout=log,
                            stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"benchmark_browser: Voila exited with code {proc.returncode}; see {home / 'voila.log'}")
        try:
            with urllib.request.urlopen(f"{base}/?token={token}", timeout=2):
                return proc, base, token
        except OSError:
            time.sleep(0.25)
    os.killpg(proc.pid, signal.SIGTERM)
    raise SystemExit("benchmark_browser: Voila did not start within 90 s")


def change(page, kind: str, step: int) -> None:
    control = page.locator("[data-bench]").first
    if kind == "slider":
        control.press("ArrowRight" if step % 2 == 0 else "ArrowLeft")
    elif kind == "number":
        value = float(control.input_value() or 1)
        control.fill(str(int(value * 2) if step % 2 == 0 else max(1, int(value // 2))))
        control.press("Enter")
    else:
        count = control.locator("option").count()
        current = control.evaluate("s => s.selectedIndex")
        control.select_option(index=(current + 1) % count)


def percentile(values, q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, int(round(q * (len(ordered) - 1)))))]


def bench_notebook(page, base, token, notebook: pathlib.Path, changes: int) -> list[tuple[str, float]]:
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    import nbformat

    nb = nbformat.read(notebook, as_version=4)
    expected = sum("application/vnd.jupyter.widget-view+json" in out.get("data", {}) for c in nb.cells
                   if c.cell_type == "code" and "voila-remove" not in c.metadata.get("tags", [])
                   for out in c.get("outputs", []))
    page.goto(f"{base}/voila/render/{notebook.name}?token={token}", timeout=180_000)
    page.wait_for_function(f"() => ({WIDGET_VIEWS})() >= {expected}", timeout=180_000, polling=250)
    page.wait_for_function("() => [...document.images].every(i => i.complete)", timeout=30_000)
    count = page.evaluate("() => [...document.querySelectorAll('.jp-OutputArea-output > .jupyter-widgets')]"
                          ".filter(b => b.querySelector('img')).length")
    p95s = []
    for i in range(count):
        info = page.evaluate(SETUP, i)
        if not info["kind"]:
            print(f"{notebook.name[:2]} {info['title']}: no control to change")
            continue
        page.locator("[data-bench]").first.scroll_into_view_if_needed()
        if info["kind"] == "slider":
            page.locator("[data-bench]").first.focus()
        figure, text, unchanged = [], [], 0
        step = 0
        while len(figure) < changes and unchanged < changes:
            page.evaluate(RESET)
            change(page, info["kind"], step)
            step += 1
            try:
                page.wait_for_function(DONE, timeout=3_000, polling="raf")
            except PlaywrightTimeout:  # at a slider's end, or a value the explorer refuses: not a change
                unchanged += 1
                page.wait_for_timeout(300)
                continue
            f, t = page.evaluate(TIMES)
            figure.append(f)
            text.append(t)
        if not figure:
            print(f"{notebook.name[:2]} {info['title']}: no change could be timed")
            continue
        fig95, text95 = percentile(figure, 0.95), percentile(text, 0.95)
        p95s.append(max(fig95, text95))
        print(f"{notebook.name[:2]} {info['title']} ({info['kind']}, {len(figure)} changes): "
              f"figure median {statistics.median(figure):.0f} p95 {fig95:.0f} max {max(figure):.0f} ms; "
              f"sentence median {statistics.median(text):.0f} p95 {text95:.0f} max {max(text):.0f} ms", flush=True)
    return p95s


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--changes", type=int, default=30, help="changes timed per explorer (default 30)")
    parser.add_argument("--only", nargs="*", default=None, help="section numbers to time (default: all)")
    parser.add_argument("--chromium", default=os.environ.get("CHROMIUM", "/usr/bin/chromium"))
    args = parser.parse_args(argv)
    if args.changes < 1:
        parser.error("--changes must be at least 1")
    if not pathlib.Path(args.chromium).exists():
        print(f"benchmark_browser: no Chromium at {args.chromium} (install it, or pass --chromium)", file=sys.stderr)
        return 1
    notebooks = [p for p in NOTEBOOKS if args.only is None or p.name[:2] in args.only]
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="bench-browser-") as tmp:
        proc, base, token = start_voila(pathlib.Path(tmp))
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=args.chromium, headless=True, args=CHROMIUM_ARGS)
                page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
                p95s = []
                for notebook in notebooks:
                    p95s += bench_notebook(page, base, token, notebook, args.changes)
                browser.close()
        finally:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=15)
    if not p95s:
        print("benchmark_browser: no explorer was timed", file=sys.stderr)
        return 1
    print(f"p95_max_ms={max(p95s):.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
