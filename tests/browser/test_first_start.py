"""JupyterLab as a new student first sees it: with the course's JupyterLab defaults and nothing else.

No "Would you like to get notified about official Jupyter news?" prompt (it covers the bottom right
of the notebook). The defaults come from jupyter-settings/, which requirements.txt installs into the
environment (``{sys.prefix}/share/jupyter/lab/settings/overrides.d/``); the user settings folder
starts empty, as on a student's own machine or on Binder, and no command-line flag is given.
"""
import pathlib
import secrets
import sys

import pytest
from browser_support import PYTHON, free_port, root_flag, server

pytestmark = [pytest.mark.browser, pytest.mark.timeout(300)]

INSTALLED = (pathlib.Path(sys.prefix) / "share" / "jupyter" / "lab" / "settings" / "overrides.d"
             / "evidence-course.json")
NEWS_PROMPT = "official Jupyter news"


@pytest.fixture
def fresh_lab(course_copy, tmp_path):
    if not INSTALLED.is_file():
        pytest.fail(f"The course's JupyterLab defaults are not installed ({INSTALLED} is missing): "
                    "run `pip install -r requirements.txt`, which installs ./jupyter-settings.")
    home = tmp_path / "home"
    env = {"HOME": str(home), "PATH": str(pathlib.Path(PYTHON).parent) + ":/usr/bin:/bin",
           "JUPYTER_PLATFORM_DIRS": "1", "PYDEVD_DISABLE_FILE_VALIDATION": "1", "MPLCONFIGDIR": str(home / "mpl")}
    port, token = free_port(), secrets.token_hex(12)
    command = [PYTHON, "-m", "jupyter", "lab", "--no-browser", f"--ServerApp.port={port}", "--ServerApp.ip=127.0.0.1",
               f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={course_copy}", "--ServerApp.port_retries=0",
               "--LabApp.default_url=/lab/tree/notebooks/00_start_here.ipynb", *root_flag()]
    base = f"http://127.0.0.1:{port}"
    with server(command, f"{base}/api/status?token={token}", cwd=course_copy, env=env, log_name="jupyterlab-first"):
        yield base, token


def test_no_news_prompt_on_first_start(fresh_lab, page):
    base, token = fresh_lab
    page.goto(f"{base}/lab/tree/notebooks/00_start_here.ipynb?token={token}")  # the README's starting page
    page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=90_000)
    page.wait_for_timeout(3_000)  # the prompt appears once the application has restored its layout
    toasts = page.locator(".Toastify__toast, .jp-Notification-Toast").all_inner_texts()
    assert not [t for t in toasts if NEWS_PROMPT in t], toasts
    assert NEWS_PROMPT not in page.inner_text("body")
