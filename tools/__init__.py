"""Build and test tooling for the course, kept out of the package students import (evidence_course).

- ``tools.html_edition``: the static HTML edition (command line: ``scripts/build_html.py``).
- ``tools.accessibility``: measurements on what learners receive (the colours of rendered figures,
  whether an output shows numbers a screen reader can read), used by the tests.

Run from the repository's root (the scripts and the test suite put it on ``sys.path``); this package
is not installed with the course.
"""
