"""Every section notebook, run in JupyterLab in headless Chromium, as a student would.

For each notebook: clear the outputs, run all cells, and check that no cell shows an error,
that every widget the committed notebook displays renders (no "Loading widget…" or
model-not-found message), that every explorer's figure loads and is followed by its summary
sentence, and that moving one slider changes both the figure and the numbers within one
second. Notebook 06 has no slider; there the first explorer's number box is changed. The
page may only talk to this machine.
"""
import urllib.request

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from conftest import PYTHON, SECTION_NOTEBOOKS, free_port, root_flag, server, stored_widget_outputs

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

# Problems a student would see: error and stderr outputs (from the notebook model, so none is
# missed), and widgets that did not render.
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
  const widgets = [...document.querySelectorAll('.jp-OutputArea-output')]
    .filter(o => o.querySelector(':scope > .jupyter-widgets'));
  for (const o of document.querySelectorAll('.jp-OutputArea-output')) {
    const text = o.innerText || '';
    for (const bad of ['Loading widget', 'Error displaying widget', 'model not found', 'Traceback'])
      if (text.includes(bad)) problems.push(`an output shows "${bad}": ${text.slice(0, 200)}`);
  }
  for (const img of document.querySelectorAll('.jp-OutputArea-output img'))
    if (!img.complete || img.naturalWidth === 0) problems.push(`an image did not load: ${img.alt || img.src.slice(0, 60)}`);
  return {problems, widgets: widgets.length};
}"""

# Explorers: a widget box holding a figure; its last child is the summary sentence.
EXPLORERS = """() => [...document.querySelectorAll('.jp-OutputArea-output > .jupyter-widgets')]
  .filter(box => box.querySelector('img'))
  .map(box => ({title: box.firstElementChild.innerText, summary: box.lastElementChild.innerText,
                imageBeforeSummary: !!(box.querySelector('img').compareDocumentPosition(box.lastElementChild)
                                       & Node.DOCUMENT_POSITION_FOLLOWING),
                slider: !!box.querySelector('.noUi-handle')}))"""

# Marks the first explorer with a slider (or, failing that, a number box or a menu), starts
# watching its figure and its summary sentence, and notes when the learner lets go of the control.
WATCH_FIRST_EXPLORER = """() => {
  const boxes = [...document.querySelectorAll('.jp-OutputArea-output > .jupyter-widgets')].filter(b => b.querySelector('img'));
  let control = null, box = null;
  for (const kind of ['slider', 'number', 'menu']) {
    const query = {slider: '.noUi-handle', number: 'input[type=number]', menu: 'select'}[kind];
    box = boxes.find(b => b.querySelector(query));
    if (box) { control = kind; box.querySelector(query).setAttribute('data-test-control', ''); break; }
  }
  if (!box) return null;
  window.__changes = {};
  const seen = what => () => { window.__changes[what] ??= performance.now(); };
  for (const event of ['pointerup', 'keyup', 'change'])
    document.addEventListener(event, seen('released'), true);
  new MutationObserver(seen('figure')).observe(box.querySelector('img'), {attributes: true, attributeFilter: ['src']});
  new MutationObserver(seen('numbers')).observe(box.lastElementChild, {subtree: true, childList: true, characterData: true});
  return {title: box.firstElementChild.innerText, control};
}"""

BOTH_CHANGED = "() => window.__changes.figure !== undefined && window.__changes.numbers !== undefined"


@pytest.fixture(scope="session")
def lab(course_copy, jupyter_env):
    import secrets

    port, token = free_port(), secrets.token_hex(TOKEN_LENGTH // 2)
    command = [PYTHON, "-m", "jupyter", "lab", "--no-browser", f"--ServerApp.port={port}", "--ServerApp.ip=127.0.0.1",
               f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={course_copy}",
               "--ServerApp.port_retries=0", "--LabApp.expose_app_in_browser=True", "--LabApp.news_url=None",
               "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate", *root_flag()]
    base = f"http://127.0.0.1:{port}"
    with server(command, f"{base}/api/status?token={token}", cwd=course_copy, env=jupyter_env, log_name="jupyterlab"):
        yield base, token


def change_control(page, selector: str, kind: str) -> None:
    """Change a control as a student would: drag a slider's handle with the mouse, type a new
    number and press Enter, or pick the next item in a menu."""
    control = page.locator(selector).first
    control.scroll_into_view_if_needed()
    if kind == "slider":
        box = control.bounding_box()
        x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
        page.mouse.move(x, y)
        page.mouse.down()
        page.mouse.move(x + 30, y, steps=5)
        page.mouse.up()
    elif kind == "number":
        control.fill(str(2 * int(float(control.input_value() or 1))))
        control.press("Enter")
    else:
        options = control.locator("option").all_inner_texts()
        current = control.evaluate("select => select.selectedIndex")
        control.select_option(index=(current + 1) % len(options))


def _shutdown_kernels(base, token):
    import json

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
        page.wait_for_function("() => [...document.querySelectorAll('.jp-OutputArea-output img')].every(i => i.complete)",
                               timeout=10_000)

        found = page.evaluate(PROBLEMS)
        assert found["problems"] == [], f"{notebook.name}:\n" + "\n".join(found["problems"])
        expected = stored_widget_outputs(notebook)
        assert found["widgets"] == expected, (
            f"{notebook.name}: {found['widgets']} widgets rendered in JupyterLab, the committed notebook shows {expected}")

        explorers = page.evaluate(EXPLORERS)
        assert explorers, f"{notebook.name} shows no explorer"
        for explorer in explorers:
            assert explorer["imageBeforeSummary"] and any(ch.isdigit() for ch in explorer["summary"]), (
                f"{notebook.name}: '{explorer['title']}' has no summary sentence of numbers after its figure")

        explorer = page.evaluate(WATCH_FIRST_EXPLORER)
        assert explorer, f"{notebook.name}: no explorer has a control to change"
        change_control(page, "[data-test-control]", explorer["control"])
        try:
            page.wait_for_function(BOTH_CHANGED, timeout=1_000, polling="raf")
        except PlaywrightTimeout:
            seen = sorted(set(page.evaluate("window.__changes")) - {"released"})
            pytest.fail(f"{notebook.name}: one second after changing a {explorer['control']} in '{explorer['title']}', "
                        f"changed: {seen or 'nothing'} (expected the figure and the numbers)")
        changes = page.evaluate("window.__changes")
        print(f"{notebook.name}: after a {explorer['control']} in '{explorer['title']}' was changed, new numbers "
              f"in {changes['numbers'] - changes['released']:.0f} ms, a new figure in "
              f"{changes['figure'] - changes['released']:.0f} ms")

        assert page.recorder.page_errors == [], page.recorder.page_errors
        assert page.recorder.off_machine_requests() == []
    finally:
        _shutdown_kernels(base, token)
