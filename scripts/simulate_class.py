"""A seminar simulated on this machine: N students reach the course through a local JupyterHub.

    python scripts/simulate_class.py [--students 20] [--image-venv DIR] [--proxy-dir DIR] [--timeout 1200]

What it starts, on 127.0.0.1 only, and stops again (everything, by process id, and its temporary folder):
- a JupyterHub (dummy authenticator: any password; SimpleLocalProcessSpawner: one local process and
  one temporary home folder per student) behind configurable-http-proxy, both from the package
  registries: the hub, the single-user servers and the kernels run from a venv that stands in for
  the hub's user image (built with deploy/install-packages.sh unless --image-venv names one), and
  the proxy from npm, installed with `npm ci` from deploy/class-simulation/ into a local folder;
- a bare git repository cloned from this one (its committed state), which students pull from.

Each student, in their own headless Chromium context (one browser; every request off this machine
is blocked): logs in, opens the nbgitpuller link (which starts their server and clones the course
into their home), waits for notebook 02 to have a running kernel, runs all its cells and checks
that no cell shows an error. When every student is there, each moves the first explorer's slider
three times and the time until both its figure and its numbers change is measured, with all N
students connected. It prints, one per line: the time until every student had a running notebook,
the memory per student (single-user server plus kernel, resident set), the CPU time per student,
slider latency p50/p95, and failures; and last `students_ok=N/N p95_ms=...`. The exit code is 0 only
if every student succeeded. Chromium runs on the same machine and takes part of its CPU.
"""
from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import pathlib
import random
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from urllib.parse import urlencode

import psutil

ROOT = pathlib.Path(__file__).resolve().parents[1]
NOTEBOOK = "notebooks/02_grooming_surveys_of_young_people.ipynb"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-default-apps", "--disable-extensions",
                 "--disable-dev-shm-usage"]
SLIDER_MOVES = 3
LAB_AT_NOTEBOOK = re.compile(r".*/lab/tree/.*02_grooming")

KERNEL_IDLE = """() => {
  const panel = window.jupyterapp && window.jupyterapp.shell.currentWidget;
  const kernel = panel && panel.sessionContext && panel.sessionContext.session && panel.sessionContext.session.kernel;
  return !!kernel && kernel.status === 'idle' && !!panel.content && panel.content.widgets.length > 0;
}"""
RUN_ALL = """async () => {
  const app = window.jupyterapp, panel = app.shell.currentWidget;
  app.shell.activateById(panel.id);  // the notebook commands act on the active notebook
  await panel.context.ready;
  await panel.sessionContext.ready;
  await app.commands.execute('notebook:clear-all-cell-outputs');
  await app.commands.execute('notebook:run-all-cells');
}"""
ALL_CELLS_RUN = """() => {
  const panel = window.jupyterapp.shell.currentWidget;
  const cells = panel.content.model.cells;
  const idle = panel.sessionContext.session.kernel.status === 'idle';
  for (let i = 0; i < cells.length; i++) {
    const cell = cells.get(i);
    // Run All stops at an error: report it rather than wait
    if (cell.type === 'code' && idle && cell.outputs.toJSON().some(o => o.output_type === 'error')) return true;
    if (cell.type === 'code' && !cell.executionCount) return false;
  }
  return idle && [...document.querySelectorAll('.jp-OutputArea-output img')].every(i => i.complete);
}"""
PROBLEMS = """() => {
  const problems = [];
  const cells = window.jupyterapp.shell.currentWidget.content.model.cells;
  for (let i = 0; i < cells.length; i++) {
    const cell = cells.get(i);
    if (cell.type !== 'code') continue;
    for (const out of cell.outputs.toJSON()) {
      if (out.output_type === 'error') problems.push(`cell ${i + 1}: ${out.ename}: ${out.evalue}`);
      if (out.output_type === 'stream' && out.name === 'stderr') problems.push(`cell ${i + 1} wrote to stderr: ${out.text}`);
    }
  }
  for (const o of document.querySelectorAll('.jp-OutputArea-output'))
    for (const bad of ['Error displaying widget', 'model not found'])
      if ((o.innerText || '').includes(bad)) problems.push(`an output shows "${bad}"`);
  return problems;
}"""
# Marks the first explorer with a slider and watches its figure and its summary sentence, afresh
# before every move (the elements found are the ones on the page now).
WATCH_SLIDER = """() => {
  const box = [...document.querySelectorAll('.jp-OutputArea-output > .jupyter-widgets')]
    .find(b => b.querySelector('img') && b.querySelector('input[type=range]'));
  if (!box) return false;
  for (const old of document.querySelectorAll('[data-sim-slider]')) old.removeAttribute('data-sim-slider');
  box.querySelector('input[type=range]').setAttribute('data-sim-slider', '');
  for (const observer of window.__simObservers || []) observer.disconnect();
  window.__sim = {};
  const seen = what => () => { window.__sim[what] ??= performance.now(); };
  if (!window.__simListening) {
    document.addEventListener('pointerup', () => { window.__sim.released ??= performance.now(); }, true);
    window.__simListening = true;
  }
  const figure = new MutationObserver(seen('figure')), numbers = new MutationObserver(seen('numbers'));
  figure.observe(box.querySelector('img'), {attributes: true, attributeFilter: ['src']});
  numbers.observe(box.lastElementChild, {subtree: true, childList: true, characterData: true});
  window.__simObservers = [figure, numbers];
  return true;
}"""
# JupyterLab has restored its layout but no notebook is open (the link's notebook did not open)
NO_NOTEBOOK_OPEN = """() => {
  const app = window.jupyterapp;
  if (!app) return false;
  app.restored.then(() => { window.__simRestored = true; });
  const widget = app.shell.currentWidget;
  return !!window.__simRestored && !(widget && widget.sessionContext);
}"""
OPEN_NOTEBOOK = "path => window.jupyterapp.commands.execute('docmanager:open', {path})"
BOTH_CHANGED = "() => window.__sim.figure !== undefined && window.__sim.numbers !== undefined"
PENDING = """() => {
  const panel = window.jupyterapp && window.jupyterapp.shell.currentWidget;
  if (!panel || !panel.content || !panel.content.model) return `no notebook open at ${location.pathname}`;
  const cells = panel.content.model.cells;
  let waiting = 0, first = -1;
  for (let i = 0; i < cells.length; i++) {
    const cell = cells.get(i);
    if (cell.type === 'code' && !cell.executionCount) { waiting++; if (first < 0) first = i + 1; }
  }
  const kernel = panel.sessionContext.session && panel.sessionContext.session.kernel;
  const dialog = document.querySelector('.jp-Dialog');
  return `${waiting} code cells not run (first: cell ${first}), kernel ${kernel ? kernel.status : 'none'}`
    + (dialog ? `; a dialog is open: ${dialog.innerText.slice(0, 200)}` : '')
    + (window.jupyterapp.commands.isEnabled('notebook:run-all-cells') ? '' : '; Run All is disabled');
}"""
LATENCY = "() => Math.max(window.__sim.figure, window.__sim.numbers) - window.__sim.released"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0-100), linear interpolation between order statistics."""
    ordered = sorted(values)
    k = (len(ordered) - 1) * q / 100
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


class Processes:
    """Every process this script started, directly or through the hub, found by process id."""

    def __init__(self):
        self.pids: set[int] = set()
        self.own: list[subprocess.Popen] = []

    def start(self, command, **kwargs) -> subprocess.Popen:
        proc = subprocess.Popen(command, start_new_session=True, **kwargs)
        self.own.append(proc)
        self.pids.add(proc.pid)
        return proc

    def note_descendants(self) -> None:
        for proc in self.own:
            with contextlib.suppress(psutil.Error):
                self.pids.update(p.pid for p in psutil.Process(proc.pid).children(recursive=True))

    def stop_all(self) -> None:
        self.note_descendants()
        for proc in self.own:  # the hub first: it stops the students' servers and the proxy itself
            with contextlib.suppress(ProcessLookupError):
                proc.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + 60
        for proc in self.own:
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.wait(timeout=max(0.1, deadline - time.monotonic()))
        for pid in self.pids:
            with contextlib.suppress(psutil.Error):
                p = psutil.Process(pid)
                p.terminate()
        gone, alive = psutil.wait_procs([p for p in map(self._proc, self.pids) if p], timeout=10)
        for p in alive:
            with contextlib.suppress(psutil.Error):
                p.kill()
        for proc in self.own:
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.wait(timeout=5)

    @staticmethod
    def _proc(pid):
        try:
            return psutil.Process(pid)
        except psutil.Error:
            return None


def run(command, **kwargs) -> None:
    result = subprocess.run(command, capture_output=True, text=True, **kwargs)
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(map(str, command))} failed:\n{result.stdout[-2000:]}{result.stderr[-2000:]}")


def hub_config(work: pathlib.Path, image: pathlib.Path, proxy: pathlib.Path, ports: dict) -> pathlib.Path:
    root_flag = ["--allow-root"] if os.geteuid() == 0 else []
    args = [*root_flag, "--LabApp.expose_app_in_browser=True", "--LabApp.news_url=None",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"]
    config = work / "jupyterhub_config.py"
    config.write_text(f"""# Written by scripts/simulate_class.py: a JupyterHub on loopback for a simulated class.
c.JupyterHub.ip = "127.0.0.1"
c.JupyterHub.port = {ports['hub']}
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = {ports['hub_api']}
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{ports['proxy_api']}"
c.ConfigurableHTTPProxy.command = [{str(proxy)!r}]
c.ConfigurableHTTPProxy.pid_file = {str(work / 'proxy.pid')!r}
c.JupyterHub.authenticator_class = "dummy"
c.Authenticator.allow_all = True
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = {str(work / 'homes' / '{username}')!r}
c.Spawner.cmd = [{str(image / 'bin' / 'jupyterhub-singleuser')!r}]
c.Spawner.args = {args!r}
c.Spawner.default_url = "/lab"
c.Spawner.start_timeout = 600
c.Spawner.http_timeout = 600
c.Spawner.environment = {{"PYDEVD_DISABLE_FILE_VALIDATION": "1"}}
c.JupyterHub.db_url = {('sqlite:///' + str(work / 'jupyterhub.sqlite'))!r}
c.JupyterHub.cookie_secret_file = {str(work / 'jupyterhub_cookie_secret')!r}
c.JupyterHub.pid_file = {str(work / 'jupyterhub.pid')!r}
c.JupyterHub.cleanup_servers = True
c.JupyterHub.cleanup_proxy = True
c.JupyterHub.concurrent_spawn_limit = 0
c.JupyterHub.last_activity_interval = 3600
""")
    return config


def prepare_home(home: pathlib.Path) -> None:
    """Every cell attached to the page (JupyterLab may otherwise leave off-screen outputs unrendered,
    and the simulation counts them); a student could choose the same setting."""
    tracker = home / ".jupyter" / "lab" / "user-settings" / "@jupyterlab" / "notebook-extension" / "tracker.jupyterlab-settings"
    tracker.parent.mkdir(parents=True)
    tracker.write_text('{"windowingMode": "none"}')


def wait_for_url(url: str, proc: subprocess.Popen, log: pathlib.Path, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the hub stopped (exit {proc.returncode}); its log:\n{log.read_text()[-3000:]}")
        try:  # 200 only: until the hub has added its route, the proxy answers 404
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError(f"{url} did not answer within {timeout:.0f} s; the hub's log is {log}")


class Student:
    def __init__(self, number: int):
        self.name = f"student{number:02d}"
        self.running_s: float | None = None
        self.ran_s: float | None = None
        self.latencies: list[float] = []
        self.failure: str | None = None
        self.reopened = False
        self.reloads = 0
        self.screenshot = pathlib.Path(tempfile.gettempdir()) / f"{self.name}.png"
        self.page = None


async def wait_for_running_notebook(student: Student, timeout_s: float) -> None:
    """Until the notebook's kernel is idle. If JupyterLab has come up without opening the link's
    notebook and stays so for 30 s, the student opens it from the file browser (counted)."""
    page, deadline, stuck_since = student.page, time.monotonic() + timeout_s, None
    while True:
        try:
            if await page.evaluate(KERNEL_IDLE):
                return
            if not student.reopened and await page.evaluate(NO_NOTEBOOK_OPEN):
                stuck_since = stuck_since or time.monotonic()
                if time.monotonic() - stuck_since > 30:
                    await page.evaluate(OPEN_NOTEBOOK, f"course/{NOTEBOOK}")
                    student.reopened = True
            else:
                stuck_since = None
        except Exception as error:  # noqa: BLE001 - the page may be navigating
            if "context was destroyed" not in str(error) and "navigat" not in str(error):
                raise
        if time.monotonic() > deadline:
            raise TimeoutError(f"no running notebook after {timeout_s:.0f} s")
        await asyncio.sleep(1)


async def arrive(student: Student, browser, base: str, link: str, t0: float, delay: float, timeout_s: float) -> None:
    await asyncio.sleep(delay)
    timeout_ms = int(timeout_s * 1000)
    context = await browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
    await context.route(re.compile(r"^(?!https?://(127\.0\.0\.1|localhost)[:/]|data:|blob:|about:).*"),
                        lambda route: route.abort("internetdisconnected"))
    page = student.page = await context.new_page()
    try:
        # As a student does: click the link, log in on the page it leads to, and be taken on to the
        # course (server started, course pulled, JupyterLab opened at the notebook)
        await page.goto(link, timeout=timeout_ms)
        await page.fill("#username_input", student.name)
        await page.fill("#password_input", secrets.token_hex(8))
        await page.click("#login_submit")
        deadline = time.monotonic() + timeout_s
        while True:
            try:
                await page.wait_for_url(LAB_AT_NOTEBOOK, timeout=120_000)
                break
            except Exception:  # noqa: BLE001 - still on the hub's "server starting" page after 2 minutes
                if time.monotonic() > deadline:
                    raise
                student.reloads += 1  # the student reloads the page
                await page.reload(timeout=timeout_ms)
        await wait_for_running_notebook(student, timeout_s)
        student.running_s = time.monotonic() - t0
        await page.evaluate(RUN_ALL)
        try:
            await page.wait_for_function(ALL_CELLS_RUN, timeout=timeout_ms, polling=500)
        except Exception as error:  # noqa: BLE001
            raise TimeoutError(f"notebook 02 did not run to the end: {await page.evaluate(PENDING)}") from error
        student.ran_s = time.monotonic() - t0
        problems = await page.evaluate(PROBLEMS)
        if problems:
            student.failure = "; ".join(problems)[:300]
        elif not await page.evaluate(WATCH_SLIDER):
            student.failure = "no explorer with a slider rendered"
    except Exception as error:  # noqa: BLE001 - every failure is reported per student
        with contextlib.suppress(Exception):
            await page.screenshot(path=str(student.screenshot), full_page=True)
        student.failure = f"{type(error).__name__}: {(str(error).splitlines() or [''])[0][:200]}"


async def move_sliders(student: Student, rng: random.Random) -> None:
    page = student.page
    try:
        for move in range(SLIDER_MOVES):
            await asyncio.sleep(rng.uniform(0, 2))
            if not await page.evaluate(WATCH_SLIDER):
                raise RuntimeError("the explorer with a slider is no longer on the page")
            slider = page.locator("[data-sim-slider]").first
            await slider.scroll_into_view_if_needed()
            box = await slider.bounding_box()
            # press on the track away from the thumb, and drag a little further (as a student would)
            fraction = await slider.evaluate("s => (Number(s.value) - Number(s.min)) / (Number(s.max) - Number(s.min))")
            to = 0.25 if fraction > 0.5 else 0.75
            x, y = box["x"] + box["width"] * to, box["y"] + box["height"] / 2
            await page.mouse.move(x, y)
            await page.mouse.down()
            await page.mouse.move(x + 10, y, steps=5)
            await page.mouse.up()
            try:
                await page.wait_for_function(BOTH_CHANGED, timeout=15_000, polling="raf")
            except Exception as error:  # noqa: BLE001
                seen = sorted(set(await page.evaluate("() => Object.keys(window.__sim)")) - {"released"})
                raise TimeoutError(f"move {move + 1}: after 15 s {'only ' + ' and '.join(seen) if seen else 'nothing'} had changed "
                                   f"(slider at {fraction:.2f} of its range before)") from error
            student.latencies.append(await page.evaluate(LATENCY))
    except Exception as error:  # noqa: BLE001
        with contextlib.suppress(Exception):  # kept with --keep, for a look at what the student saw
            await page.screenshot(path=str(student.screenshot), full_page=True)
        student.failure = f"slider: {type(error).__name__}: {(str(error).splitlines() or [''])[0][:200]}"


def per_student_usage(hub: subprocess.Popen) -> list[dict]:
    """Resident memory (MiB) and CPU seconds of each student's single-user server and its kernels."""
    usage = []
    for proc in psutil.Process(hub.pid).children(recursive=True):
        with contextlib.suppress(psutil.Error):
            if "jupyterhub-singleuser" not in " ".join(proc.cmdline()):
                continue
            kernels = proc.children(recursive=True)
            server_mem = proc.memory_info().rss
            kernel_mem = sum(k.memory_info().rss for k in kernels)
            cpu = sum(sum(p.cpu_times()[:2]) for p in (proc, *kernels))
            usage.append({"server": server_mem / 2**20, "kernel": kernel_mem / 2**20, "cpu": cpu})
    return usage


class Run:
    """What the simulation has measured so far (reported even if it stops early)."""

    def __init__(self, args):
        self.args = args
        self.students = [Student(i + 1) for i in range(args.students)]
        self.hub: subprocess.Popen | None = None
        self.usage: list[dict] = []
        self.cpu_per_move: float | None = None


async def simulate(args, work: pathlib.Path, processes: Processes, state: Run) -> None:
    from playwright.async_api import async_playwright

    image = pathlib.Path(args.image_venv) if args.image_venv else work / "image"
    if not args.image_venv:
        print("building the image's venv with deploy/install-packages.sh ...", flush=True)
        run(["sh", str(ROOT / "deploy" / "install-packages.sh"), str(image)])
    proxy_dir = pathlib.Path(args.proxy_dir) if args.proxy_dir else work / "proxy"
    proxy = proxy_dir / "node_modules" / ".bin" / "configurable-http-proxy"
    if not proxy.exists():
        print("installing configurable-http-proxy with npm ci ...", flush=True)
        proxy_dir.mkdir(parents=True, exist_ok=True)
        for name in ("package.json", "package-lock.json"):
            shutil.copy(ROOT / "deploy" / "class-simulation" / name, proxy_dir / name)
        run(["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=proxy_dir)

    upstream = work / "upstream" / "course"  # a bare repository; nbgitpuller names the student's folder 'course'
    run(["git", "clone", "-q", "--bare", str(ROOT), str(upstream)])
    homes = work / "homes"
    students = state.students
    for student in students:
        prepare_home(homes / student.name)
        student.screenshot = work / f"{student.name}-failure.png"

    ports = {"hub": free_port(), "hub_api": free_port(), "proxy_api": free_port()}
    config = hub_config(work, image, proxy, ports)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTER", "PYTHON", "VIRTUAL_ENV"))}
    env["PATH"] = os.pathsep.join([str(image / "bin"), env.get("PATH", "/usr/bin:/bin")])
    log = work / "jupyterhub.log"
    with open(log, "w") as out:
        hub = state.hub = processes.start([str(image / "bin" / "jupyterhub"), "-f", str(config)], cwd=work, env=env,
                              stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{ports['hub']}"
    wait_for_url(f"{base}/hub/health", hub, log, timeout=120)
    link = f"{base}/hub/user-redirect/git-pull?" + urlencode(
        {"repo": f"file://{upstream}", "branch": "main", "urlpath": f"lab/tree/course/{NOTEBOOK}"})
    print(f"hub: {base} (loopback only); students: {args.students}; notebook: {NOTEBOOK}", flush=True)

    rng = random.Random(2013)
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            t0 = time.monotonic()
            spread = args.arrival_seconds
            await asyncio.gather(*(arrive(s, browser, base, link, t0, spread * i / max(1, args.students - 1), args.step_timeout)
                                   for i, s in enumerate(students)))
            processes.note_descendants()
            ready = [s for s in students if s.failure is None]
            before = sum(u["cpu"] for u in per_student_usage(hub))
            await asyncio.gather(*(move_sliders(s, random.Random(rng.random())) for s in ready))
            state.usage = per_student_usage(hub)
            moves = sum(len(s.latencies) for s in ready)
            if moves:
                state.cpu_per_move = (sum(u["cpu"] for u in state.usage) - before) / moves
            processes.note_descendants()
        finally:
            await browser.close()

def report(state: Run) -> int:
    students, usage, args = state.students, state.usage, state.args
    for s in students:
        if s.failure is None and (s.ran_s is None or len(s.latencies) < SLIDER_MOVES):
            s.failure = "did not finish within the time allowed"
    ok = [s for s in students if s.failure is None]
    latencies = [ms for s in ok for ms in s.latencies]
    running = [s.running_s for s in students if s.running_s is not None]
    ran = [s.ran_s for s in students if s.ran_s is not None]
    print(f"machine: {psutil.cpu_count()} cores, {psutil.virtual_memory().total / 2**30:.0f} GiB (Chromium runs here too); "
          f"{len(students)} students clicked the link over {args.arrival_seconds:g} s")
    if len(running) == len(students):
        print(f"time until every student had a running notebook: {max(running):.1f} s "
              f"(first {min(running):.1f} s, median {statistics.median(running):.1f} s)")
    else:
        print(f"time until every student had a running notebook: not reached ({len(running)}/{len(students)} did)")
    if ran:
        print(f"time until notebook 02 had run to the end: {max(ran):.1f} s for the last of {len(ran)} students")
    reopened = sum(s.reopened for s in students)
    print(f"notebooks the link left unopened (opened from the file browser after 30 s): {reopened}; "
          f"pages reloaded after 2 minutes on the hub's start page: {sum(s.reloads for s in students)}")
    if usage:
        total = [u["server"] + u["kernel"] for u in usage]
        print(f"memory per student (resident, server + kernel): median {statistics.median(total):.0f} MiB, "
              f"max {max(total):.0f} MiB (server median {statistics.median(u['server'] for u in usage):.0f}, "
              f"kernel median {statistics.median(u['kernel'] for u in usage):.0f}); all {len(usage)}: {sum(total) / 1024:.1f} GiB")
        print(f"CPU time per student (server + kernel, whole session): median {statistics.median(u['cpu'] for u in usage):.1f} s, "
              f"max {max(u['cpu'] for u in usage):.1f} s")
    if state.cpu_per_move is not None:
        print(f"CPU time per slider move (servers + kernels): {state.cpu_per_move * 1000:.0f} ms")
    if latencies:
        print(f"slider latency with all {len(ok)} connected ({len(latencies)} moves): "
              f"p50 {percentile(latencies, 50):.0f} ms, p95 {percentile(latencies, 95):.0f} ms, max {max(latencies):.0f} ms")
    failures = [s for s in students if s.failure is not None]
    print(f"failures: {len(failures)}")
    for s in failures:
        print(f"  {s.name}: {s.failure}")
    p95 = f"{percentile(latencies, 95):.0f}" if latencies else "none"
    print(f"students_ok={len(ok)}/{len(students)} p95_ms={p95}")
    return 0 if not failures else 1


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--students", type=int, default=20)
    parser.add_argument("--arrival-seconds", type=float, default=None,
                        help="students click the link spread over this many seconds (default: 1 per student)")
    parser.add_argument("--image-venv", help="venv built by deploy/install-packages.sh (default: build one, ~2 min)")
    parser.add_argument("--proxy-dir", help="folder with configurable-http-proxy installed by npm ci (default: install one)")
    parser.add_argument("--timeout", type=float, default=1200, help="seconds allowed for the whole run (default 1200)")
    parser.add_argument("--step-timeout", type=float, default=600,
                        help="seconds a student may wait for a running notebook, and again for it to run (default 600)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (logs, homes) for inspection")
    args = parser.parse_args(argv)
    if args.students < 1:
        parser.error(f"--students must be at least 1 (it was {args.students})")
    for name in ("timeout", "step_timeout"):
        if not getattr(args, name) > 0:
            parser.error(f"--{name.replace('_', '-')} must be a positive number of seconds (it was {getattr(args, name):g})")
    if args.arrival_seconds is None:
        args.arrival_seconds = float(args.students)
    if not pathlib.Path(CHROMIUM).exists():
        parser.error(f"no Chromium at {CHROMIUM}: install it (Debian: apt-get install chromium) or set CHROMIUM")
    for tool in ("git", "npm", "node"):
        if shutil.which(tool) is None:
            parser.error(f"{tool} is needed and was not found on PATH")

    work = pathlib.Path(tempfile.mkdtemp(prefix="class-simulation-"))
    processes = Processes()
    signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))
    state = Run(args)
    try:
        asyncio.run(asyncio.wait_for(simulate(args, work, processes, state), timeout=args.timeout))
    except (TimeoutError, asyncio.TimeoutError):
        print(f"stopped: the simulation did not finish within {args.timeout:g} s")
    except KeyboardInterrupt:
        print("stopped: interrupted")
    except RuntimeError as error:
        print(f"stopped: {error}")
        for s in state.students:
            s.failure = s.failure or "the class could not start"
    try:
        if state.hub is not None and not state.usage:
            with contextlib.suppress(psutil.Error):
                state.usage = per_student_usage(state.hub)
        code = report(state)
    finally:
        processes.stop_all()
        if args.keep:
            print(f"kept: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    return code


if __name__ == "__main__":
    sys.exit(main())
