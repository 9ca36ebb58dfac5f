"""axe-core on every section notebook, in JupyterLab (run as a student would) and as a Voila dashboard.

The check: no serious or critical violation in the course's own content (rendered Markdown and every
cell output, the explorers included). Findings in JupyterLab's or Voila's own interface are listed
in the output, not failed: the course cannot change them. The HTML edition gets the same check in
test_html_edition.py. axe-core is the pinned npm package (``npm ci --prefix tests/browser``).

Voila runs here as the README starts it, from the repository's root, so that the repository's
``voila.json`` applies (cells tagged ``voila-remove`` are neither run nor shown); the page's title
must be the notebook's (its ``title`` metadata, the text of its first heading).
"""
import pathlib
import secrets

import nbformat
import pytest
from axe_support import axe_available, check_axe
from browser_support import (
    PYTHON,
    ROOT,
    SECTION_NOTEBOOKS,
    free_port,
    open_in_voila,
    run_in_jupyterlab,
    server,
    shutdown_kernels,
)

pytestmark = [pytest.mark.browser, pytest.mark.timeout(300)]
VOILA_REMOVE = "voila-remove"


def _notebook(path):
    return nbformat.read(path, as_version=4)


def _first_heading(nb) -> str:
    for line in nb.cells[0].source.splitlines():
        if line.startswith("#"):
            return line.lstrip("#").strip()
    return ""


@pytest.fixture(scope="session", autouse=True)
def _axe():
    axe_available()


@pytest.mark.parametrize("notebook", SECTION_NOTEBOOKS, ids=[p.stem for p in SECTION_NOTEBOOKS])
def test_axe_in_jupyterlab(lab, page, notebook):
    base, token = lab
    try:
        run_in_jupyterlab(page, base, token, notebook)
        check_axe(page, f"JupyterLab {notebook.name}")
    finally:
        shutdown_kernels(base, token)


@pytest.fixture(scope="session")
def voila_from_root(course_copy, jupyter_env):
    """Voila started in the repository's root (its voila.json applies), serving the throwaway copy."""
    port, token = free_port(), secrets.token_hex(12)
    # The voila script, as the README runs it (``python -m voila`` in the root would import the root's
    # voila.py, a configuration file, instead of the voila package).
    command = [str(pathlib.Path(PYTHON).parent / "voila"), str(course_copy / "notebooks"), "--no-browser", f"--port={port}",
               "--Voila.ip=127.0.0.1", f"--token={token}", "--Voila.port_retries=0"]
    base = f"http://127.0.0.1:{port}"
    with server(command, f"{base}/?token={token}", cwd=ROOT, env=jupyter_env, log_name="voila-axe"):
        yield base, token


@pytest.mark.parametrize("notebook", SECTION_NOTEBOOKS, ids=[p.stem for p in SECTION_NOTEBOOKS])
def test_axe_in_voila(voila_from_root, page, notebook):
    base, token = voila_from_root
    nb = _notebook(notebook)
    shown = [c for c in nb.cells if VOILA_REMOVE not in c.metadata.get("tags", [])]
    expected = sum("application/vnd.jupyter.widget-view+json" in out.get("data", {})
                   for c in shown if c.cell_type == "code" for out in c.get("outputs", []))
    open_in_voila(page, f"{base}/voila/render/{notebook.name}?token={token}", expected)
    # The tagged cells are left out: the page has one cell per untagged cell.
    assert page.locator("#rendered_cells [cell-index]").count() == len(shown)
    check_axe(page, f"Voila {notebook.name}")
    assert page.title() == _first_heading(nb), "Voila's page title should be the notebook's title"
