"""Load one of the repository's scripts (scripts/NAME.py) as a module, for the tests."""
from __future__ import annotations

import importlib.util
import pathlib
from types import ModuleType

SCRIPTS = pathlib.Path(__file__).resolve().parent.parent / "scripts"


def load_script(name: str) -> ModuleType:
    """``scripts/<name>.py`` as a module (the scripts are run as files, not installed)."""
    path = SCRIPTS / f"{name}.py"
    if not path.exists():
        raise FileNotFoundError(f"There is no script {path}.")
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
