"""check(): answers of every type get a plain sentence, and questions that leave a method choice
open accept each reasonable method and say which one the model answer uses."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from evidence_course import checks
from evidence_course.stats import Interval


@pytest.fixture(scope="module", autouse=True)
def _questions():
    checks.question("test_checks.number", lambda: 5.0)
    checks.question("test_checks.count", lambda: 1479, kind="count",
                    accept=[(lambda: 646, "with the finite population correction (N = 1,145)")],
                    method="the formula without the correction")
    checks.question("test_checks.interval", lambda: Interval(1.5, 1.0, 2.0), kind="interval")
    checks.question("test_checks.broken_alternative", lambda: 3.0,
                    accept=[(lambda: (_ for _ in ()).throw(ValueError("no data")), "by another method")])
    yield
    for key in [k for k in checks._REGISTRY if k.startswith("test_checks.")]:
        del checks._REGISTRY[key]


@pytest.mark.parametrize("answer, words", [
    (pd.NA, "missing value"),
    (pd.Series([pd.NA]), "missing value"),
    (10**400, "too large"),
    (float("inf"), "infinite"),
    (np.float64("nan"), "NaN"),
])
def test_awkward_numbers_get_a_plain_sentence(answer, words):
    result = checks.check("test_checks.number", answer)
    assert not result
    assert words in result.message
    assert "NAType" not in result.message and "Traceback" not in result.message


def test_one_value_series_and_array_are_numbers():
    assert checks.check("test_checks.number", pd.Series([5.0]))
    assert checks.check("test_checks.number", np.array([5.0]))


@pytest.mark.parametrize("answer", [
    (1.0, 2.0), [1.0, 2.0], np.array([1.0, 2.0]),
    pd.Series([1.0, 2.0]), pd.Series([1.0, 2.0], index=[7, 3]),  # by position, not by index label
    pd.Series([2.0, 1.0], index=["high", "low"]),  # labelled ends are read by their names
    Interval(1.5, 1.0, 2.0),
])
def test_an_interval_in_any_two_value_container(answer):
    assert checks.check("test_checks.interval", answer)


def test_an_interval_with_a_missing_end():
    result = checks.check("test_checks.interval", pd.Series([pd.NA, 2.0]))
    assert not result and "missing value" in result.message


def test_another_reasonable_method_is_accepted_and_named():
    plain = checks.check("test_checks.count", 1479)
    assert plain and plain.message == ""
    corrected = checks.check("test_checks.count", 646)
    assert corrected
    assert "finite population correction" in corrected.message
    assert "model answer uses the formula without the correction" in corrected.message
    assert not checks.check("test_checks.count", 700)


def test_an_alternative_that_cannot_be_computed_is_skipped():
    assert checks.check("test_checks.broken_alternative", 3.0)
    assert not checks.check("test_checks.broken_alternative", 4.0)


def test_proportion_hint_fires_on_the_expected_value_over_100():
    from evidence_course.checks import proportion_hint

    predicate, message = proportion_hint()
    assert predicate(0.512, 51.2) and not predicate(51.2, 51.2)
    assert message == "that is a proportion (between 0 and 1); give a percentage."
    assert proportion_hint("give points.")[1] == "give points."
