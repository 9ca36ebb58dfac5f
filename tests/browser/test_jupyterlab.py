"""Every section notebook, run in JupyterLab in headless Chromium, as a student would.

For each notebook: clear the outputs, run all cells, and check that no cell shows an error,
that every widget the committed notebook displays renders (no "Loading widget…" or
model-not-found message), that every explorer's figure loads and is followed by its summary
sentence, and that moving one slider changes both the figure and the numbers within one
second. Notebook 06 has no slider; there the first explorer's number box is changed. The
page may only talk to this machine.
"""
import json
import secrets
import urllib.request

import pytest
from browser_support import (
    IMAGES_DECODED,
    PYTHON,
    SECTION_NOTEBOOKS,
    check_explorers,
    check_page,
    free_port,
    root_flag,
    server,
    stored_widget_outputs,
)

pytestmark = [pytest.mark.browser, pytest.mark.timeout(300)]

TOKEN_LENGTH = 24

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

# Error and stderr outputs, read from the notebook model so that none is missed.
MODEL_PROBLEMS = """() => {
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
  return problems;
}"""


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


def _shutdown_kernels(base, token):
    with urllib.request.urlopen(f"{base}/api/sessions?token={token}") as response:
        sessions = json.load(response)
    for session in sessions:
        request = urllib.request.Request(f"{base}/api/sessions/{session['id']}?token={token}", method="DELETE")
        urllib.request.urlopen(request).close()


@pytest.mark.parametrize("notebook", SECTION_NOTEBOOKS, ids=[p.stem for p in SECTION_NOTEBOOKS])
def test_notebook_runs_and_its_widgets_work_in_jupyterlab(lab, page, notebook):
    base, token = lab
    try:
        page.goto(f"{base}/lab/tree/notebooks/{notebook.name}?token={token}&reset")
        page.wait_for_function(KERNEL_IDLE, timeout=90_000, polling=250)
        page.evaluate("""async () => {
          await window.jupyterapp.commands.execute('notebook:clear-all-cell-outputs');
          await window.jupyterapp.commands.execute('notebook:run-all-cells');
        }""")
        page.wait_for_function(ALL_CELLS_RUN, timeout=180_000, polling=250)
        # Let the last widget views attach and their images decode.
        page.wait_for_function(IMAGES_DECODED, timeout=10_000)
        problems = page.evaluate(MODEL_PROBLEMS)
        assert problems == [], f"{notebook.name}:\n" + "\n".join(problems)
        check_page(page, notebook.name, stored_widget_outputs(notebook))
        check_explorers(page, notebook.name)
        assert page.recorder.off_machine_requests() == []
    finally:
        _shutdown_kernels(base, token)
