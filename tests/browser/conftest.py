"""Shared fixtures for the browser tests (``python -m pytest -m browser``).

They drive Debian's Chromium (``apt-get install chromium``; another binary can be named in
the ``CHROMIUM`` environment variable) with Playwright's Python package, headless, with the
flags that keep Chromium off the network. Servers (JupyterLab, Voilà) run on loopback with a
random token, from a temporary copy of the notebooks so that nothing a test does is saved
into the repository. On failure a screenshot is saved under ``test-artifacts/browser/``.
"""
from __future__ import annotations

import contextlib
import os
import pathlib
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from urllib.parse import urlsplit

import pytest

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


@pytest.fixture(scope="session")
def course_copy(tmp_path_factory) -> pathlib.Path:
    """A throwaway copy of the notebooks (JupyterLab autosaves; the committed notebooks must not change)."""
    root = tmp_path_factory.mktemp("course")
    shutil.copytree(ROOT / "notebooks", root / "notebooks")
    return root


@pytest.fixture(scope="session")
def jupyter_env(tmp_path_factory) -> dict:
    """Environment for Jupyter servers: config, settings and workspaces kept out of the user's home."""
    home = tmp_path_factory.mktemp("jupyter-home")
    env = dict(os.environ)
    env.update({
        "JUPYTER_CONFIG_DIR": str(home / "config"),
        "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
        "JUPYTERLAB_SETTINGS_DIR": str(home / "lab-settings"),
        "JUPYTERLAB_WORKSPACES_DIR": str(home / "lab-workspaces"),
        "JUPYTER_PLATFORM_DIRS": "1",
        "PYDEVD_DISABLE_FILE_VALIDATION": "1",
        "MPLCONFIGDIR": str(home / "matplotlib"),
    })
    # Attach every cell to the page (the default, 'contentVisibility', may leave off-screen
    # outputs unrendered), so the tests see every output.
    tracker = home / "lab-settings" / "@jupyterlab" / "notebook-extension" / "tracker.jupyterlab-settings"
    tracker.parent.mkdir(parents=True)
    tracker.write_text('{"windowingMode": "none"}')
    # No "Would you like to get notified about official Jupyter news?" prompt (and no fetching news).
    notification = home / "lab-settings" / "@jupyterlab" / "apputils-extension" / "notification.jupyterlab-settings"
    notification.parent.mkdir(parents=True)
    notification.write_text('{"fetchNews": "false", "checkForUpdates": false}')
    return env


def root_flag() -> list[str]:
    return ["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []


@pytest.fixture(scope="session")
def browser():
    if not pathlib.Path(CHROMIUM).exists():
        pytest.fail(f"No Chromium at {CHROMIUM}. Install it with `sudo apt-get install chromium` "
                    "(Debian/Ubuntu), or set CHROMIUM to the path of a Chromium or Chrome binary.")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


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
        bad = []
        for url in self.requests:
            parts = urlsplit(url)
            if parts.scheme in ("data", "blob", "file", "about"):
                continue
            if parts.hostname not in ("127.0.0.1", "localhost", "::1"):
                bad.append(url)
        return bad


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.browser_failed = report.failed
    return report


@pytest.fixture
def page(browser, request):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
    pg = context.new_page()
    pg.recorder = PageRecorder(pg)
    yield pg
    if getattr(request.node, "browser_failed", False):
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        name = re.sub(r"[^\w.-]+", "_", request.node.nodeid.split("::", 1)[-1])
        with contextlib.suppress(Exception):
            pg.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
            print(f"screenshot: {ARTIFACTS / f'{name}.png'}")
    context.close()


def stored_widget_outputs(path: pathlib.Path) -> int:
    """How many widget views the committed notebook displays (each must render in the browser)."""
    import nbformat

    nb = nbformat.read(path, as_version=4)
    return sum(WIDGET_VIEW in out.get("data", {}) for cell in nb.cells if cell.cell_type == "code"
               for out in cell.get("outputs", []))


PYTHON = sys.executable
