"""The JupyterLab defaults the repository ships (jupyter-settings/): no news prompt on first start.

JupyterLab reads ``{sys.prefix}/share/jupyter/lab/settings/overrides.d/*.json`` as default settings.
requirements.txt installs ``./jupyter-settings`` (a regular install, which writes data files; the
course package's editable install would not), so the README's command and Binder both get them.
The browser test tests/browser/test_first_start.py opens JupyterLab with them as a new student would.
"""
import json
import pathlib
import sys
import tomllib

import jsonschema
import pytest

ROOT = pathlib.Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "jupyter-settings"
OVERRIDES = PACKAGE / "evidence-course.json"
TARGET = "share/jupyter/lab/settings/overrides.d"
SCHEMAS = pathlib.Path(sys.prefix) / "share" / "jupyter" / "lab" / "schemas"


def test_the_package_installs_the_settings_where_jupyterlab_reads_them():
    project = tomllib.loads((PACKAGE / "pyproject.toml").read_text())
    shared = project["tool"]["hatch"]["build"]["targets"]["wheel"]["shared-data"]
    assert shared == {OVERRIDES.name: f"{TARGET}/{OVERRIDES.name}"}
    installed = pathlib.Path(sys.prefix) / TARGET / OVERRIDES.name  # requirements.txt installed it here
    assert installed.is_file() and json.loads(installed.read_text()) == json.loads(OVERRIDES.read_text())


def test_no_news_prompt():
    settings = json.loads(OVERRIDES.read_text())
    # The prompt shows while fetchNews is "none" (JupyterLab's default); "false" never fetches news.
    assert settings["@jupyterlab/apputils-extension:notification"]["fetchNews"] == "false"


@pytest.mark.parametrize("plugin", json.loads(OVERRIDES.read_text()))
def test_each_setting_is_valid_for_the_installed_jupyterlab(plugin):
    package, name = plugin.split(":")
    schema = json.loads((SCHEMAS / package / f"{name}.json").read_text())
    jsonschema.validate(json.loads(OVERRIDES.read_text())[plugin], schema)
