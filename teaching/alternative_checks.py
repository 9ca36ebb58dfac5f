"""Data and self-checks for the alternative task (teaching/alternative_task.ipynb).

The figures are in ``teaching/data/`` (their own small Frictionless data package, kept apart
from the course's ``data/``, which holds only the chapter's figures). :func:`load` validates a
table against its schema and checksum before reading it, as the course's ``load_table`` does.
:func:`figure` looks a figure up by its meaningful name (``"action_fraud_offences_2022"``).

The self-checks (``check("alt.1", answer)``) are for learning, not assessment: see
``teaching/README.md``.
"""
from __future__ import annotations

import pathlib

import pandas as pd

from evidence_course import checks, stats

DATA = pathlib.Path(__file__).resolve().parent / "data"


class AltDataError(ValueError):
    """A file of the alternative task's data package is missing, edited or invalid."""


def load(name: str) -> pd.DataFrame:
    """One table of ``teaching/data/datapackage.json``, validated first (schema and checksum)."""
    from frictionless import Package

    package = Package(str(DATA / "datapackage.json"))
    names = [r.name for r in package.resources]
    if name not in names:
        raise AltDataError(f"there is no table called {name!r}; the tables are: {', '.join(names)}.")
    resource = package.get_resource(name)
    report = resource.validate()
    if not report.valid:
        problems = "; ".join(f"{t}: {m}" for t, m in report.flatten(["type", "message"])[:3])
        raise AltDataError(f"teaching/data/{resource.path} failed validation ({problems}). "
                           "Restore it with `git checkout -- teaching/data/`.")
    return pd.read_csv(DATA / resource.path, keep_default_na=False)


def figure(name: str) -> float:
    """The value of one figure, by name (see the ``name`` column of ``fraud_figures``)."""
    figures = load("fraud_figures").set_index("name")
    if name not in figures.index:
        raise AltDataError(f"there is no figure called {name!r}. Look at the 'name' column of the table.")
    return float(figures.loc[name, "value"])


# ----------------------------------------------------------------------------- the self-checks
HYPOTHETICAL_N = 800  # a hypothetical number of fraud incidents in a survey sample (the page gives no base)


def _pct_change():
    return stats.percent_change(figure("action_fraud_offences_2021"), figure("action_fraud_offences_2022"))


def _implied_total():
    return stats.dark_figure(int(figure("action_fraud_offences_2022")),
                             figure("survey_fraud_reported_pct_2019") / 100)["implied"]


def _police_share():
    return stats.percent_of(figure("police_fraud_offences_2022"), figure("survey_fraud_offences_2022"))


def _wilson(method="wilson"):
    return stats.proportion_ci_pct(figure("survey_fraud_reported_pct_2019"), HYPOTHETICAL_N, method=method)


def _sample_size():
    return stats.sample_size_for_margin(figure("survey_fraud_reported_pct_2019") / 100, 0.02)


def _register() -> None:
    if "alt.1" in checks._REGISTRY:  # already registered in this kernel
        return
    checks.question("alt.1", _pct_change, tolerance=0.05, hints=[
        (lambda a, e: a > 0, "the count went down, so the change is negative: (later − earlier) / earlier × 100."),
        (lambda a, e: checks.near(a, 100 + e, 0.05) or checks.near(a, (100 + e) / 100, 0.0005),
         "that is the later count as a share of the earlier one (a ratio), not the percentage change."),
        (lambda a, e: checks.near(a, -11, 0.001),
         "that is the publisher's rounded figure; compute the change from the two counts."),
        (lambda a, e: checks.near(a, e / 100, 0.0005), "that is a proportion; give a percentage (× 100).")])
    checks.question("alt.2", lambda: "b", kind="choice")
    checks.question("alt.3", _implied_total, tolerance=1.0, hints=[
        (lambda a, e: checks.near(a, e * 0.15 * 0.15, 1), "you multiplied by the reporting rate: divide by it."),
        (lambda a, e: checks.near(a, e / 100, 1), "the reporting rate is a proportion (0.15), not a percentage (15)."),
        (lambda a, e: checks.near(a, e - figure("action_fraud_offences_2022"), 1),
         "that is the unrecorded part only; the question asks for the implied total.")])
    checks.question("alt.4", _police_share, tolerance=0.05, hints=[
        (lambda a, e: checks.near(a, stats.percent_of(figure("action_fraud_offences_2022"),
                                                       figure("survey_fraud_offences_2022")), 0.05),
         "that uses Action Fraud only; the question asks about all fraud reported to the police."),
        (lambda a, e: checks.near(a, e / 100, 0.0005), "that is a proportion; give a percentage (× 100)."),
        (lambda a, e: a > 100, "you divided the survey figure by the police figure: the other way round.")])
    checks.question("alt.5", _wilson, kind="interval", tolerance=0.05,
                    hints=checks.wilson_hints(lambda method: tuple(_wilson(method))[1:]))
    checks.question("alt.6", _sample_size, kind="count", hints=[
        (lambda a, e: a == stats.sample_size_for_margin(0.15, 0.04), "a margin of ±2 points is 0.02, not 0.04 (the full width)."),
        (lambda a, e: a < 100, "use proportions: 0.15 and 0.02, not 15 and 2.")])


_register()
check = checks.check
