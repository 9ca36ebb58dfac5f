"""The exercise sets' questions: one module per set (ex01.py … ex10.py), each registering its
questions with :func:`evidence_course.checks.question`. Every module here is imported."""
import importlib
import pkgutil

for _module in pkgutil.iter_modules(__path__):
    importlib.import_module(f"{__name__}.{_module.name}")
