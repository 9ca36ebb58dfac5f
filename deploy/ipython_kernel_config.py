"""IPython kernel configuration for a JupyterHub user image; deploy/install-packages.sh installs it
as ``{sys.prefix}/etc/ipython/ipython_kernel_config.py``, which every IPython kernel reads.

The image holds the course's packages but not the course: each student's copy is the folder that
nbgitpuller pulled into their home. A kernel starts in the folder of its notebook, so when that
folder is inside a copy of the course (its notebooks/, exercises/ or solutions/), the copy's root
goes first on ``sys.path``: ``import evidence_course`` then imports that copy, which reads the
copy's data/. Pulling an update is enough to see new code and data; no image rebuild is needed.
Anywhere else this does nothing.
"""
import pathlib as _pathlib
import sys as _sys


def _course_root():
    try:
        here = _pathlib.Path.cwd()
    except OSError:  # the working folder was deleted
        return None
    for folder in (here, *here.parents):
        if (folder / "evidence_course" / "__init__.py").is_file() and (folder / "data" / "datapackage.json").is_file():
            return folder
    return None


_root = _course_root()
if _root is not None and str(_root) not in _sys.path:
    _sys.path.insert(0, str(_root))
