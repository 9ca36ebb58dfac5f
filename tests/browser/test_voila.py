"""Presentation mode: every section notebook as a Voila dashboard (code hidden), in Chromium.

Voila runs the notebook when the page is opened. The checks are the ones made in JupyterLab:
no error output, every widget rendered, each explorer's figure followed by its numbers, and a
slider that changes the figure and the numbers within a second. No request may leave this
machine: Voila's MathJax and Font Awesome come from Voila itself (deploy/voila configures it).

Voila runs two ways: the `voila` command (the README's, every notebook), and as a server extension
inside a Jupyter server, which is how Binder's voila/render/... link serves it (the notebooks with
formulas, where the MathJax CDN would otherwise be asked).
"""
import secrets

import pytest
from browser_support import (
    PYTHON,
    SECTION_NOTEBOOKS,
    check_explorers,
    check_page,
    free_port,
    open_in_voila,
    root_flag,
    server,
    stored_widget_outputs,
)

pytestmark = [pytest.mark.browser, pytest.mark.timeout(300)]

# Notebooks with TeX formulas (MathJax typesets them in the page)
FORMULA_NOTEBOOKS = [p for p in SECTION_NOTEBOOKS if p.name.startswith(("00_", "02_"))]
FORMULAS_TYPESET = "() => document.querySelectorAll('mjx-container').length"


@pytest.fixture(scope="session")
def voila(course_copy, jupyter_env):
    port, token = free_port(), secrets.token_hex(12)
    command = [PYTHON, "-m", "voila", str(course_copy / "notebooks"), "--no-browser", f"--port={port}",
               "--Voila.ip=127.0.0.1", f"--token={token}", "--Voila.port_retries=0"]
    base = f"http://127.0.0.1:{port}"
    with server(command, f"{base}/?token={token}", cwd=course_copy, env=jupyter_env, log_name="voila"):
        yield base, token


@pytest.mark.parametrize("notebook", SECTION_NOTEBOOKS, ids=[p.stem for p in SECTION_NOTEBOOKS])
def test_notebook_works_as_a_voila_dashboard(voila, page, notebook):
    base, token = voila
    expected = stored_widget_outputs(notebook)
    open_in_voila(page, f"{base}/voila/render/{notebook.name}?token={token}", expected)
    assert page.locator(".jp-CodeCell .jp-InputArea-editor, .jp-CodeMirrorEditor").count() == 0, "Voila should hide the code"
    assert page.locator("h1").first.inner_text().startswith(notebook.name[:2])
    check_page(page, notebook.name, expected)
    check_explorers(page, notebook.name)
    if notebook in FORMULA_NOTEBOOKS:
        page.wait_for_function(f"() => ({FORMULAS_TYPESET})() > 0", timeout=10_000)
    assert page.recorder.off_machine_requests() == []


@pytest.fixture(scope="session")
def voila_in_server(course_copy, jupyter_env):
    """Voila as a Jupyter server extension (Binder's voila/render/... link)."""
    port, token = free_port(), secrets.token_hex(12)
    command = [PYTHON, "-m", "jupyter", "server", "--no-browser", f"--ServerApp.port={port}", "--ServerApp.ip=127.0.0.1",
               f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={course_copy}", "--ServerApp.port_retries=0",
               *root_flag()]
    base = f"http://127.0.0.1:{port}"
    with server(command, f"{base}/api/status?token={token}", cwd=course_copy, env=jupyter_env, log_name="voila-server-extension"):
        yield base, token


@pytest.mark.parametrize("notebook", FORMULA_NOTEBOOKS, ids=[p.stem for p in FORMULA_NOTEBOOKS])
def test_voila_as_a_server_extension_asks_nothing_of_other_machines(voila_in_server, page, notebook):
    base, token = voila_in_server
    expected = stored_widget_outputs(notebook)
    open_in_voila(page, f"{base}/voila/render/notebooks/{notebook.name}?token={token}", expected)
    check_page(page, notebook.name, expected)
    page.wait_for_function(f"() => ({FORMULAS_TYPESET})() > 0", timeout=10_000)
    assert page.recorder.off_machine_requests() == []
