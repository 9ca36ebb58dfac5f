"""pytest configuration shared by the unit tests and the notebook runs (nbval, strict).

Notebooks run with the kernel of the environment pytest runs in (--nbval-current-env,
set in pyproject.toml), so there is no kernelspec to install.
"""
import os

# Silences ipykernel's debugger warning about frozen modules on stderr at kernel start.
os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")

# The repository's root on sys.path, so tests import the build and test tooling (tools/, never
# installed) whatever pytest's import mode and wherever pytest is started from.
import pathlib  # noqa: E402
import sys  # noqa: E402

_ROOT = str(pathlib.Path(__file__).resolve().parent)
if _ROOT not in sys.path:
    sys.path.insert(0, _ROOT)


def pytest_configure(config):
    """Strict nbval compares a stored figure's alt text, not its PNG bytes (see nbval_sanitize.cfg)."""
    option = config.option
    if hasattr(option, "nbval_sanitize_with") and option.nbval_sanitize_with is None:
        option.nbval_sanitize_with = str(pathlib.Path(_ROOT) / "nbval_sanitize.cfg")
