"""pytest configuration shared by the unit tests and the notebook runs (nbval, strict).

Notebooks run with the kernel of the environment pytest runs in (--nbval-current-env,
set in pyproject.toml), so there is no kernelspec to install.
"""
import os

# Silences ipykernel's debugger warning about frozen modules on stderr at kernel start.
os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
