"""Every section notebook, run in JupyterLab in headless Chromium, as a student would.

For each notebook: clear the outputs, run all cells, and check that no cell shows an error,
that every widget the committed notebook displays renders (no "Loading widget…" or
model-not-found message), that every explorer's figure loads and is followed by its summary
sentence, and that moving one slider changes both the figure and the numbers within one
second. Notebook 06 has no slider; there the first explorer's number box is changed. The
page may only talk to this machine.
"""
import pytest
from browser_support import (
    SECTION_NOTEBOOKS,
    check_explorers,
    check_page,
    run_in_jupyterlab,
    shutdown_kernels,
    stored_widget_outputs,
)

pytestmark = [pytest.mark.browser, pytest.mark.timeout(300)]

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


@pytest.mark.parametrize("notebook", SECTION_NOTEBOOKS, ids=[p.stem for p in SECTION_NOTEBOOKS])
def test_notebook_runs_and_its_widgets_work_in_jupyterlab(lab, page, notebook):
    base, token = lab
    try:
        run_in_jupyterlab(page, base, token, notebook)
        problems = page.evaluate(MODEL_PROBLEMS)
        assert problems == [], f"{notebook.name}:\n" + "\n".join(problems)
        check_page(page, notebook.name, stored_widget_outputs(notebook))
        check_explorers(page, notebook.name)
        assert page.recorder.off_machine_requests() == []
    finally:
        shutdown_kernels(base, token)
