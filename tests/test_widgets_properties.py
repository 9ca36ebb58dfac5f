"""Property-based tests of input honesty for every explorer (issue 10, items 10-12).

For every explorer and every control, hypothesis tries values a student or lecturer might
give: valid ones, the limits, out-of-range ones, the wrong type, NaN, None, pandas' NA,
huge and negative numbers. Each ``set()`` must either apply exactly the value given (the
control holds it and the sentence shows it) or raise a ValueError whose message is plain
words and leave the explorer as it was. After any sequence of changes, the sentence, the
result and the figure agree with the controls. Deterministic (derandomized) and quick.
"""
from __future__ import annotations

import html
import io
import math
import pathlib
import re

import matplotlib

matplotlib.use("Agg")

import pandas as pd  # noqa: E402
import PIL.Image  # noqa: E402
import pytest  # noqa: E402
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from evidence_course import widgets as W  # noqa: E402
from tools.scripts import load_script  # noqa: E402

_bench = load_script("benchmark_widgets")
SCENARIOS = {name: build for name, build, _ in _bench.scenarios()}

SETTINGS = settings(derandomize=True, deadline=None, max_examples=30, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
LIBRARY_TEXT = ("Traceback", "NAType", "numpy", "np.", "TypeError", "OverflowError", "convert", "not in list",
                "float64", "int64", "object of type", "<NA>", "xerr", "Error", "Exception", "unsupported operand",
                "statsmodels", "scipy", "Series", "dtype")

# Values of the wrong kind, or blank, that every numeric control must refuse in words.
ODD = [None, pd.NA, float("nan"), float("inf"), -float("inf"), "500", "", True, [1, 2], {"n": 1}, 10**400, -10**400]


def numbers(low=-1e6, high=1e12):
    """Any number a learner or a notebook might type, including the edges and far outside."""
    return st.one_of(
        st.integers(min_value=-10**20, max_value=10**20),
        st.floats(min_value=low, max_value=high, allow_nan=False),
        st.floats(allow_nan=True, allow_infinity=True),
        st.sampled_from([0, 0.05, 0.1, 0.2, 1, 1.0, 9.9, 50, 99.9, 100, 100.1, 1e-200, 1e18, -1, -0.1]),
        st.sampled_from(ODD),
    )


def grid(low, high, step=0.1):
    """Valid positions of a slider in steps of ``step``."""
    return st.integers(min_value=round(low / step), max_value=round(high / step)).map(lambda k: round(k * step, 10))


def options(control):
    values = W._option_values(control)
    return st.one_of(st.sampled_from(values), st.sampled_from(["bogus", None, pd.NA, 3.5, True]))


def control_values(w, name):
    """A strategy of values for one control of explorer ``w``: mostly sensible, often not."""
    control = w.controls[name]
    if hasattr(control, "options"):
        return options(control)
    if isinstance(control, W.W.FloatRangeSlider):
        ends = st.one_of(grid(0, 100), numbers())
        return st.one_of(st.tuples(ends, ends), st.sampled_from([(10, 50), (50, 10), (0, 50), (0.2, 0.2), 30, "10-50",
                                                                  (1, 2, 3), None]))
    if isinstance(control, W.W.FloatSlider):
        return st.one_of(grid(control.min, control.max, control.step), numbers())
    if isinstance(control, (W.W.FloatLogSlider, W.W.IntSlider)):
        return st.one_of(st.integers(min_value=1, max_value=200_000), numbers())
    return st.one_of(grid(0, 100), numbers())  # number boxes (percentages, populations, attempts per person)


def plain(message: str) -> None:
    assert message.strip(), "an empty message"
    for bad in LIBRARY_TEXT:
        assert bad not in message, (bad, message)
    assert not re.search(r"\bnan\b", message), message


def same(a, b) -> bool:
    if isinstance(a, tuple) or isinstance(b, tuple):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if isinstance(a, float) or isinstance(b, float):
        return math.isclose(float(a), float(b), rel_tol=1e-12, abs_tol=1e-9)
    return a == b


def png_ok(data: bytes) -> None:
    image = PIL.Image.open(io.BytesIO(bytes(data)))
    assert image.format == "PNG" and image.size == (640, 360)


def agrees(w) -> None:
    """Sentence, result, figure and controls tell the same story."""
    if w.result is None:
        assert w.text == "" and w.summary.value == ""
        plain(w.message_text())
        assert "still showing the last settings" in w.image.alt  # the figure is not the one asked for
        return
    assert w.message.value == ""
    assert html.unescape(w.summary.value) == f"<p>{w.text}</p>"
    png_ok(w.image.value)
    # The figure's text alternative names it and gives the sentence's first sentence (its key numbers).
    assert w.image.alt == w.alt_text() and w.key_numbers() in w.image.alt and w.key_numbers().startswith(W._first_sentence(w.text))
    # The numbers shown are those the controls give now (recomputed from scratch).
    values = {name: w.check(name, value) if W._typed(c) else value
              for (name, value), c in zip(w.values().items(), w.controls.values())}
    assert w.describe(w.compute(**values)) == w.text
    for fragment in SHOWN[type(w).__name__](w.values()):
        assert fragment in w.text, (fragment, w.text)


def _n(x):
    return f"{int(round(x)):,}"


# What the sentence must say about each control's value (the numbers in .text match the controls).
SHOWN = {
    "SurveyIntervalExplorer": lambda v: [f"With n = {_n(v['n'])} ", f"design effect of {v['design_effect']:g} "],
    "SharesExplorer": lambda v: [f"n = {_n(v['n'])} "],
    "SampleSizePlanner": lambda v: [f"about {v['pct']:g}% to within ±{v['margin_points']:g} points",
                                    f"design effect {v['design_effect']:g}"],
    "RepeatedSurveyExplorer": lambda v: [f"surveys of {_n(v['n'])} people from a population rate of {v['pct']:g}%"],
    "TrendExplorer": lambda v: [f"From {v['start']} (", f" to {v['end']} ("],
    "RateExplorer": lambda v: [f"In {v['label']}, ", f"a population of {v['population']:,} "],
    "DarkFigureExplorer": lambda v: [f"If {v['rate_pct']:g}% of offences",
                                     f"from {v['range_pct'][0]:g}% to {v['range_pct'][1]:g}%"],
    "TwoProportionsExplorer": lambda v: [f" {v['pct1']:g}% vs ", f" {v['pct2']:g}%: ", f"With {_n(v['n'])} "],
    "GroupSharesSimulation": lambda v: [f"samples of {_n(v['n'])},"] +
                                       [f"assumed {v[k]:g}%" for k in v if k.startswith("share")],
    "CountingRuleExplorer": lambda v: [f"If {v['offline_meeting_pct']:g}% of grooming",
                                       f"and {v['more_serious_pct']:g}% of those"],
    "AttritionExplorer": lambda v: [f"{v['group']}, {v['year']}: "],
    "ExtrapolationExplorer": lambda v: [f"If {v['repeat_pct']:g}% are repeats", f"ran at {v['period_factor']:g}×"],
    "AttemptsExplorer": lambda v: [f"if {v['automated_pct']:g}% were automated", f"made {v['per_person']:g} attempts"],
    "BaseRateExplorer": lambda v: [f"if {v['base_rate_pct']:g}% ", f"{v['sensitivity_pct']:g}% sensitivity",
                                   f"{v['specificity_pct']:g}% specificity"],
}

_BUILT = {}


def explorer(name):
    """One explorer per builder for the whole module: a long sequence of changes across examples."""
    if name not in _BUILT:
        _BUILT[name] = SCENARIOS[name]()
    return _BUILT[name]


def set_one(w, name, value):
    """set() one value: applied exactly, or refused in words with nothing changed."""
    before, text, result, image = w.values(), w.text, w.result, bytes(w.image.value)
    try:
        w.set(**{name: value})
    except ValueError as error:
        plain(str(error))
        assert w.values() == before and w.text == text and w.result is result
        assert bytes(w.image.value) == image
        return False
    assert same(w.values()[name], value if not isinstance(value, list) else tuple(value)), (name, value, w.values())
    agrees(w)
    return True


@pytest.mark.parametrize("name", list(W.BUILDERS))
def test_every_builder_has_its_sentence_check(name):
    assert type(explorer(name)).__name__ in SHOWN


@pytest.mark.parametrize("name", list(W.BUILDERS))
def test_set_applies_exactly_or_refuses_in_plain_words(name):
    w = explorer(name)
    agrees(w)

    @SETTINGS
    @given(data=st.data())
    def check(data):
        steps = data.draw(st.integers(min_value=1, max_value=3))
        for _ in range(steps):
            control = data.draw(st.sampled_from(list(w.controls)))
            set_one(w, control, data.draw(control_values(w, control)))
        agrees(w)

    check()


@pytest.mark.parametrize("name", list(W.BUILDERS))
def test_every_control_refuses_values_of_the_wrong_kind(name):
    w = explorer(name)
    for control in w.controls:
        for value in ODD:
            if isinstance(w.controls[control], W.W.FloatRangeSlider) and isinstance(value, list):
                continue  # [1, 2] is a valid range
            assert set_one(w, control, value) is False, (control, value)


@pytest.mark.parametrize("name", [n for n in W.BUILDERS if n != "attrition_explorer"])
def test_a_number_typed_into_a_box_is_kept_and_explained_never_moved(name):
    # What a learner's typing does: the box keeps the number; the explorer shows it or says why not.
    w = SCENARIOS[name]()
    for control_name, control in w.controls.items():
        if not W._typed(control):
            continue
        start = control.value
        typed_values = (-5, 0, 130, 10**15) if isinstance(control, W.W.IntText) else (-5, 0, 0.5, 130, 1e15)
        for typed in typed_values:
            control.value = typed
            assert control.value == typed
            agrees(w)
        w.set(**{control_name: start})
        assert w.result is not None


BUILDER_ARGUMENTS = {  # builder -> (keyword, call with that keyword's value)
    "dark_figure_explorer": ("rate_pct", lambda x: W.dark_figure_explorer(373, rate_pct=x)),
    "two_proportions_explorer": ("pct1", lambda x: W.two_proportions_explorer(x, 5, 500)),
    "group_shares_simulation": ("n", lambda x: W.group_shares_simulation(["a", "b", "c"], n=x)),
    "base_rate_explorer": ("base_rate_pct", lambda x: W.base_rate_explorer(base_rate_pct=x)),
    "sample_size_planner": ("margin_points", lambda x: W.sample_size_planner(1, x)),
}


@pytest.mark.parametrize("name", list(BUILDER_ARGUMENTS))
def test_builders_show_exactly_the_value_given_or_refuse_it(name):
    keyword, build = BUILDER_ARGUMENTS[name]

    @settings(derandomize=True, deadline=None, max_examples=12, database=None,
              suppress_health_check=[HealthCheck.too_slow])
    @given(value=st.one_of(grid(0, 100), numbers()))
    def check(value):
        try:
            w = build(value)
        except ValueError as error:
            plain(str(error))
            return
        assert same(w.values()[keyword], value)
        agrees(w)

    check()
