"""Fixtures for the browser tests (``python -m pytest -m browser``); helpers are in browser_support.py.

On failure a screenshot is saved under ``test-artifacts/browser/``.
"""
import contextlib
import os
import pathlib
import re
import secrets
import shutil

import pytest
from browser_support import (
    ARTIFACTS,
    CHROMIUM,
    CHROMIUM_ARGS,
    PYTHON,
    ROOT,
    PageRecorder,
    free_port,
    on_this_machine,
    root_flag,
    server,
)

TOKEN_LENGTH = 24


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
        # The course's Voila configuration (deploy/voila: bundled MathJax, no Font Awesome CDN) comes
        # first on Jupyter's paths, so the tests check the repository's copy even in an environment
        # installed before it changed; tests/test_deployment.py checks the installed copy.
        "JUPYTER_PATH": str(ROOT / "deploy" / "voila" / "share" / "jupyter"),
        "JUPYTER_CONFIG_PATH": str(ROOT / "deploy" / "voila" / "etc" / "jupyter"),
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


@pytest.fixture(scope="session")
def lab(course_copy, jupyter_env):
    port, token = free_port(), secrets.token_hex(TOKEN_LENGTH // 2)
    command = [PYTHON, "-m", "jupyter", "lab", "--no-browser", f"--ServerApp.port={port}", "--ServerApp.ip=127.0.0.1",
               f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={course_copy}",
               "--ServerApp.port_retries=0", "--LabApp.expose_app_in_browser=True", "--LabApp.news_url=None",
               "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate", *root_flag()]
    base = f"http://127.0.0.1:{port}"
    with server(command, f"{base}/api/status?token={token}", cwd=course_copy, env=jupyter_env, log_name="jupyterlab"):
        yield base, token


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


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.browser_failed = report.failed
    return report


@pytest.fixture
def page(browser, request):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
    # As if offline: anything not on this machine fails at once (and is recorded).
    context.route(lambda url: not on_this_machine(url), lambda route: route.abort("internetdisconnected"))
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
