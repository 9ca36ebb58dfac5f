"""Presentation mode: every section notebook as a Voila dashboard (code hidden), in Chromium.

Voila runs the notebook when the page is opened. The checks are the ones made in JupyterLab:
no error output, every widget rendered, each explorer's figure followed by its numbers, and a
slider that changes the figure and the numbers within a second.
"""
import secrets

import pytest
from browser_support import (
    IMAGES_DECODED,
    PYTHON,
    SECTION_NOTEBOOKS,
    WIDGET_VIEWS,
    check_explorers,
    check_page,
    free_port,
    server,
    stored_widget_outputs,
)

pytestmark = [pytest.mark.browser, pytest.mark.timeout(300)]

# Voila's own 'lab' template links Font Awesome's stylesheet from a CDN. Voila's JavaScript
# bundle already carries Font Awesome, the course uses no icons, and the page works without it
# (the tests block every request off this machine), so this is the one request allowed out.
VOILA_TEMPLATE_CDN = "https://cdn.jsdelivr.net/npm/@fortawesome/fontawesome-free@"


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
    page.goto(f"{base}/voila/render/{notebook.name}?token={token}", timeout=180_000)
    page.wait_for_function(f"() => ({WIDGET_VIEWS})() >= {expected}", timeout=180_000, polling=250)
    page.wait_for_function(IMAGES_DECODED, timeout=10_000)
    assert page.locator(".jp-CodeCell .jp-InputArea-editor, .jp-CodeMirrorEditor").count() == 0, "Voila should hide the code"
    assert page.locator("h1").first.inner_text().startswith(notebook.name[:2])
    check_page(page, notebook.name, expected)
    check_explorers(page, notebook.name)
    assert [url for url in page.recorder.off_machine_requests() if not url.startswith(VOILA_TEMPLATE_CDN)] == []
