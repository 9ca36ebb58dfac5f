"""Voila leaves out the cells tagged ``voila-remove`` (neither run nor shown), whichever way it starts.

Cells that exist for the record, or that drive an explorer from code so that strict nbval has
outputs to compare, would show a Voila viewer numbers that contradict the live explorer above
them, or prose about code the viewer cannot see. Notebook authors tag them ``voila-remove``
(markdown cells too); JupyterLab and nbval still run them.

Two copies of one setting: ``voila.json`` (read from the folder ``voila`` is started in, the
README's command from the repository's root) and ``.jupyter/jupyter_server_config.json`` (the
server's configuration on Binder, where the repository is the home folder and so holds
``~/.jupyter``; it serves the ``voila/render/...`` link). The setting is scoped to Voila's exporter,
so JupyterLab's own "export as HTML" and the static HTML edition are not affected.
"""
import json
import pathlib

import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook
from traitlets.config import Config

ROOT = pathlib.Path(__file__).resolve().parents[1]
TAG = "voila-remove"
CONFIG_FILES = [ROOT / "voila.json", ROOT / ".jupyter" / "jupyter_server_config.json"]


def _voila_section(path):
    return json.loads(path.read_text())["VoilaExporter"]["TagRemovePreprocessor"]


@pytest.mark.parametrize("path", CONFIG_FILES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_config_names_the_tag(path):
    assert _voila_section(path) == {"enabled": True, "remove_cell_tags": [TAG]}


def _preprocess(exporter, nb):
    resources = exporter._init_resources({"config_dir": str(ROOT), "metadata": {"name": "t"}})
    return exporter._preprocess(nb, resources)[0]


def test_voila_exporter_drops_the_tagged_cells_and_only_them():
    from voila.exporter import VoilaExporter

    nb = new_notebook(cells=[
        new_markdown_cell("# 02 · Title"),
        new_markdown_cell("Compare with what you saw.", metadata={"tags": [TAG]}),
        new_code_cell("print(w.text)", metadata={"tags": [TAG, "nbval-ignore-output"]}),
        new_code_cell("w", metadata={"tags": ["other"]}),
    ])
    config = Config(json.loads(CONFIG_FILES[0].read_text()))
    kept = _preprocess(VoilaExporter(config=config), nb)
    assert [c.source for c in kept.cells] == ["# 02 · Title", "w"]


def test_other_exporters_keep_the_tagged_cells():
    from nbconvert import HTMLExporter

    nb = new_notebook(cells=[new_code_cell("print(w.text)", metadata={"tags": [TAG]})])
    config = Config(json.loads(CONFIG_FILES[0].read_text()))
    assert len(_preprocess(HTMLExporter(config=config), nb).cells) == 1
