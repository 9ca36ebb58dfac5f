"""The exercise sets' questions: one module per set (ex01.py … ex10.py), each registering its
questions with :func:`evidence_course.checks.question`. Every module here is imported; one that
fails to import is recorded in LOAD_ERRORS so that only its own set's checks say so."""
import importlib
import pkgutil

LOAD_ERRORS: dict[str, str] = {}

for _module in pkgutil.iter_modules(__path__):
    try:
        importlib.import_module(f"{__name__}.{_module.name}")
    except Exception as error:  # noqa: BLE001 - reported by check() for that set only
        LOAD_ERRORS[_module.name] = f"{type(error).__name__}: {error}"
