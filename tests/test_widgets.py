"""Tests for evidence_course.widgets, driven without a browser.

The explorers are used in notebooks the way these tests use them: build from the
course's data, ``w.set(...)`` as a learner's click would, then read ``w.result`` and
``w.text``. Groups: every builder builds and draws; the numbers shown equal
evidence_course.stats called directly; invalid input shows a plain message (never a
traceback) that the next valid input clears; bad data given to a builder is refused.
"""
from __future__ import annotations

import html
import io
import pathlib
import re

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import PIL.Image  # noqa: E402
import pytest  # noqa: E402

from evidence_course import load_table  # noqa: E402
from evidence_course import stats as S  # noqa: E402
from evidence_course import widgets as W  # noqa: E402
from tools.scripts import load_script  # noqa: E402

PNG = b"\x89PNG\r\n\x1a\n"


def _benchmark_module():
    return load_script("benchmark_widgets")


# The benchmark's scenarios(): (name, build with the course's data, settings a learner might choose).
SCENARIOS = {name: (build, settings) for name, build, settings in _benchmark_module().scenarios()}


def build(name):
    return SCENARIOS[name][0]()


def surveys():
    return load_table("3.1").rename(columns={"citation": "label", "corresponded_pct": "pct", "sample_size": "n"})


def grooming():
    return load_table("3.2").rename(columns={"year": "label", "offences": "count"})


def assert_plain_message(widget, *fragments):
    """Invalid input: no result, no text, and one plain sentence (no traceback) in the alert."""
    assert widget.result is None
    assert widget.text == ""
    html = widget.message.value
    assert 'role="alert"' in html
    plain = re.sub(r"<[^>]+>", "", html)
    for bad in ("Traceback", 'File "', "Error:", "Exception", "line "):
        assert bad not in plain, plain
    for fragment in fragments:
        assert fragment in plain, plain
    return plain


# =========================================================================== every builder
def test_every_builder_has_a_scenario():
    assert set(W.BUILDERS) == set(SCENARIOS)
    for name, builder in W.BUILDERS.items():
        assert builder.__name__ == name


@pytest.mark.parametrize("name", list(W.BUILDERS))
def test_builds_from_the_course_data_and_draws(name):
    w = build(name)
    assert isinstance(w, W.Explorer)
    assert w.result is not None
    assert w.message.value == ""
    assert w.text
    assert html.unescape(w.summary.value) == f"<p>{w.text}</p>"  # the sentence under the figure
    assert bytes(w.image.value).startswith(PNG)


@pytest.mark.parametrize("name", list(W.BUILDERS))
def test_repr_is_short_and_stable(name):
    a, b = build(name), build(name)
    assert repr(a) == repr(b) == f"<{a.title} (interactive)>"
    assert len(repr(a)) < 80
    assert not re.search(r"0x[0-9a-f]+", repr(a))
    a.set(**SCENARIOS[name][1][1])
    assert repr(a) == repr(b)  # does not depend on the state either


@pytest.mark.parametrize("name", list(W.BUILDERS))
def test_render_png_returns_png_bytes_of_the_course_size(name):
    w = build(name)
    png = w.render_png()
    assert isinstance(png, bytes) and png.startswith(PNG)
    image = PIL.Image.open(io.BytesIO(png))
    assert image.format == "PNG" and image.size == (640, 360)  # FIGSIZE (6.4, 3.6) at 100 dpi


@pytest.mark.parametrize("name", list(W.BUILDERS))
def test_scenario_settings_are_accepted_and_shown(name):
    # The first settings of the benchmark's own scenarios: each gives a result, no message,
    # and the controls hold the values that were set.
    w = build(name)
    for values in SCENARIOS[name][1][:4]:
        result = w.set(**values)
        assert result is not None, w.message.value
        assert result is w.result
        assert w.message.value == ""
        for key, value in values.items():
            got = w.values()[key]
            assert got == (tuple(value) if isinstance(got, tuple) else value)


@pytest.mark.parametrize("name", list(W.BUILDERS))
def test_set_with_an_unknown_control_raises_value_error(name):
    w = build(name)
    with pytest.raises(ValueError, match=r"has no control called 'bogus'; it has ") as info:
        w.set(bogus=1)
    for control in w.controls:
        assert control in str(info.value)


def test_failed_set_leaves_controls_and_result_consistent():
    w = W.sample_size_planner()  # starts at 0.1%
    with pytest.raises(ValueError):
        w.set(pct=30, bogus=1)
    assert w.result["pct"] == pytest.approx(w.values()["pct"])


def test_set_checks_every_value_before_changing_anything():
    # Issue 10, item 11: a refused value leaves the other values given in the same call unapplied.
    w = W.survey_interval_explorer(surveys())
    before, text, image = w.values(), w.text, bytes(w.image.value)
    with pytest.raises(ValueError, match="Method must be one of 'wilson', 'clopper-pearson', 'normal'; got the text 'bogus'"):
        w.set(n=100, method="bogus")
    assert w.values() == before and w.text == text and bytes(w.image.value) == image
    assert w.result["n"].iloc[0] == 500


def test_message_text_is_the_alert_as_plain_text():
    w = W.sample_size_planner()
    w.controls["pct"].value = 0  # typed by a learner
    assert w.message_text().startswith("The expected percentage must be between 0 and 100 (not exactly 0 or 100)")


def test_building_a_widget_sets_only_known_layout_properties():
    import warnings

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        W.dark_figure_explorer(373)
    layout_warnings = [w for w in caught if "Layout" in str(w.message)]
    assert layout_warnings == []


def test_a_learner_moving_a_control_updates_the_result():
    # What a slider does in the browser: change the control's value (no set()).
    w = W.survey_interval_explorer(surveys())
    w.controls["n"].value = 250
    assert w.result["n"].iloc[0] == 250
    assert "With n = 250 " in w.text


# =========================================================================== screen readers, keyboards, narrow screens
# (issue 12, items 1 and 7; tests/browser/ checks the same in JupyterLab and Voila)
@pytest.mark.parametrize("name", list(W.BUILDERS))
def test_title_is_a_heading_and_the_sentence_is_a_live_region(name):
    w = build(name)
    header, *_ = w.children
    assert header.value.startswith("<h3") and f">{html.escape(w.title)}</h3>" in header.value
    assert isinstance(w.summary, W.LiveText) and w.children[-1] is w.summary  # one region, its text replaced
    assert isinstance(w.image, W.Figure) and w.children.index(w.image) == len(w.children) - 2


@pytest.mark.parametrize("name", list(W.BUILDERS))
def test_every_control_has_a_name_and_every_slider_an_accessible_view(name):
    w = build(name)
    for key, control in w.controls.items():
        assert control.description.strip(), f"{w.title}: the control {key!r} has no visible name"
        if any("Slider" in cls.__name__ for cls in type(control).__mro__ if cls.__module__.startswith("ipywidgets")):
            assert isinstance(control, W._AccessibleSlider), f"{w.title}: {key!r} is a plain ipywidgets slider"
            assert control._view_module == "anywidget"


@pytest.mark.parametrize("name", list(W.BUILDERS))
def test_alt_text_names_the_figure_gives_key_numbers_and_follows_every_change(name):
    w = build(name)
    first = w.image.alt
    assert first == w.alt_text()
    assert first.startswith(f"Chart: {w.title}") and re.search(r"\d", first)
    assert w.key_numbers() in first and first.endswith("All its numbers are in the sentence below it.")
    assert "?." not in first and ".." not in first  # no double punctuation after a title that ends in "?"
    for values in SCENARIOS[name][1][1:4]:
        before = (w.text, w.image.alt)
        w.set(**values)
        assert w.image.alt == w.alt_text() and w.key_numbers() in w.image.alt
        assert w.image.alt != before[1] or w.text == before[0], f"{w.title}: the sentence changed but not the alt text"


def test_alt_text_says_when_the_figure_is_not_of_the_settings_chosen():
    w = W.sample_size_planner()
    shown = bytes(w.image.value)
    w.controls["pct"].value = 0  # typed by a learner: refused with a message
    assert w.result is None and bytes(w.image.value) == shown
    assert w.image.alt.startswith(f"Chart: {w.title}, still showing the last settings that could be shown")
    w.controls["pct"].value = 1
    assert w.image.alt == w.alt_text() and "still showing" not in w.image.alt


def test_first_sentence_stops_at_a_full_stop_before_a_capital():
    assert W._first_sentence("With n = 1,122 the interval is ±2.9 points. EU Kids: 30%.") == (
        "With n = 1,122 the interval is ±2.9 points.")
    assert W._first_sentence("20% automated (e.g. botnets) of 1,000.") == "20% automated (e.g. botnets) of 1,000."


@pytest.mark.parametrize("name", list(W.BUILDERS))
def test_figure_keeps_a_legible_width_and_scrolls_on_a_narrow_screen(name):
    w = build(name)
    assert w.image.min_width == f"{W.MIN_FIGURE_WIDTH}px" and w.image.max_width == "640px"
    assert w.image.layout.width == "100%"
    assert "overflow-x: auto" in w.image._css


def test_sliders_keep_ipywidgets_checks_and_views_carry_no_network_address():
    # The same models (a log slider's min and max are exponents; a value is kept within them) ...
    s = W.LogSlider(value=1122, base=10, min=0, max=5, description="Sample size n", readout_format=",.0f")
    assert s.value == 1122 and s.max == 5 and W._shown_value(s) == "1,122"
    r = W.RangeSlider(value=(10, 50), min=0.1, max=100, step=0.1, description="Plausible range %")
    assert r.value == (10, 50) and W._shown_value(r) == "10.00 to 50.00"
    # ... with views written into the package: they load nothing from another machine.
    for module in (W._SLIDER_ESM, W._FIGURE_ESM, W._LIVE_ESM):
        assert "http" not in module and "import " not in module.replace("export default", "")
    for needed in ("aria-valuetext", "aria-label", "label.append(text, inputs[0])", "type = 'range'"):
        assert needed in W._SLIDER_ESM
    assert ".id =" not in W._SLIDER_ESM  # named by the label around it: no ids to clash between widgets
    # its keys are its own: JupyterLab's notebook would otherwise take the arrow keys and the focus
    assert "addEventListener('keydown', event => event.stopPropagation())" in W._SLIDER_ESM
    assert "aria-live', 'polite'" in W._LIVE_ESM and "img.alt" in W._FIGURE_ESM


def test_explorer_widgets_have_short_reprs():
    w = W.dark_figure_explorer(373)
    assert repr(w.controls["rate_pct"]) == "Slider(value=20.0, description='Reporting rate %')"
    assert not re.search(r"0x[0-9a-f]+", repr(w.image) + repr(w.summary))


# =========================================================================== survey intervals
class TestSurveyIntervalExplorer:
    """Intervals at each survey's printed n and at the learner's n."""

    def test_numbers_match_stats_directly(self):
        data = surveys()
        w = W.survey_interval_explorer(data)
        res = w.set(n=1000, method="clopper-pearson", confidence=0.99, design_effect=1.0)
        for row, survey in zip(res.itertuples(), data.itertuples()):
            chosen = S.proportion_ci_pct(survey.pct, 1000, "clopper-pearson", 0.99)
            printed = S.proportion_ci_pct(survey.pct, int(survey.n), "clopper-pearson", 0.99)
            assert (row.low, row.high) == pytest.approx((chosen.low, chosen.high))
            assert (row.low_printed, row.high_printed) == pytest.approx((printed.low, printed.high))
            assert row.n_printed == survey.n

    def test_small_n_is_wider_than_large_n(self):
        w = W.survey_interval_explorer(surveys())
        small = w.set(n=100).copy()
        large = w.set(n=10_000).copy()
        assert ((small["high"] - small["low"]) > (large["high"] - large["low"])).all()
        # The whole interval at n = 10,000 lies inside the one at n = 100.
        assert (small["low"] < large["low"]).all() and (large["high"] < small["high"]).all()

    def test_text_reports_the_new_values(self):
        w = W.survey_interval_explorer(surveys())
        w.set(n=100, method="wilson", confidence=0.95)
        first = S.proportion_ci_pct(30, 100)
        assert w.text.startswith("With n = 100 and a design effect of 1 (effective n = 100), the 95% Wilson score")
        assert f"Livingstone and Bober, 2005: 30% ({first.low:.1f} to {first.high:.1f})" in w.text
        w.set(n=10_000, confidence=0.90)
        assert w.text.startswith("With n = 10,000 ") and "the 90% Wilson score" in w.text

    def test_design_effect_halves_the_effective_sample(self):
        w = W.survey_interval_explorer(surveys())
        res = w.set(n=1000, design_effect=2.0)
        assert (res["n_effective"] == 500).all()
        expected = S.proportion_ci_pct(62, 500)
        bryce = res[res["label"] == "Bryce, 2008"].iloc[0]
        assert (bryce["low"], bryce["high"]) == pytest.approx((expected.low, expected.high))
        assert "effective n = 500" in w.text

    def test_n_out_of_range_is_refused_never_moved(self):
        # Issue 10, item 10: n = 0 used to become 10 and n = 10**7 used to become 100,000.
        w = W.survey_interval_explorer(surveys())
        for bad in (0, -3, 1e18, 500.5, None, pd.NA, float("nan"), "500"):
            with pytest.raises(ValueError, match=r"^Your sample size n ") as info:
                w.set(n=bad)
            assert "NAType" not in str(info.value) and "convert" not in str(info.value)
            assert w.values()["n"] == 500 and w.result["n"].iloc[0] == 500
        assert w.set(n=10**7)["n"].iloc[0] == 10**7  # the slider widens to hold it
        assert w.values()["n"] == 10**7 and "With n = 10,000,000 " in w.text
        assert w.set(n=1)["n"].iloc[0] == 1

    def test_a_missing_percentage_is_refused_in_plain_words(self):
        # 'concerned' is N/A for three surveys in Table 3.1.
        data = load_table("3.1").rename(columns={"citation": "label", "concerned_pct": "pct", "sample_size": "n"})
        with pytest.raises(ValueError, match=r"The percentage for 'Livingstone et al., 2010' is blank: give a number."):
            W.survey_interval_explorer(data)

    @pytest.mark.parametrize("blank", [pd.NA, None, float("nan")])
    def test_a_blank_printed_n_is_refused_in_plain_words(self, blank):
        data = surveys().astype({"n": "object"})
        data.loc[1, "n"] = blank
        with pytest.raises(ValueError, match=r"^The sample size n for 'Livingstone et al., 2011' is blank: give a number.$"):
            W.survey_interval_explorer(data)

    def test_population_applies_the_finite_population_correction(self):
        one = pd.DataFrame({"label": ["female victims apparent"], "pct": [70.0], "n": [200]})
        w = W.survey_interval_explorer(one, n=200, population=1000)
        expected = S.proportion_ci_pct(70, 200, population=1000)
        row = w.result.iloc[0]
        assert (row["low"], row["high"]) == pytest.approx((expected.low, expected.high))
        assert (row["low_printed"], row["high_printed"]) == pytest.approx((expected.low, expected.high))
        assert "finite population correction for a population of 1,000" in w.text
        census = w.set(n=1000).iloc[0]
        assert census["low"] == census["high"] == pytest.approx(70)
        with pytest.raises(ValueError, match="cannot be larger than the population"):
            w.set(n=1001)
        assert W.survey_interval_explorer(one, n=200, population=None).result.attrs["population"] is None


# =========================================================================== shares
class TestSharesExplorer:
    """The CEOP breakdown of 3,652 reports (facts F027-F033)."""

    @staticmethod
    def ceop_shares():
        facts = load_table("facts").set_index("id")
        rows = facts.loc[["F028", "F029", "F030", "F031", "F032", "F033"]]
        return pd.DataFrame({"label": rows["statement"].values, "pct": rows["value"].values}), int(facts.loc["F027", "value"])

    def test_numbers_match_stats_directly(self):
        # Issue 10, item 3: the total is a finite population, so intervals use the correction.
        shares, total = self.ceop_shares()
        assert total == 3652
        w = W.shares_explorer(shares, total)
        res = w.set(n=500, method="clopper-pearson")
        assert res.attrs["n"] == 500
        for row in res.itertuples():
            ci = S.proportion_ci_pct(row.pct, 500, "clopper-pearson", population=3652)
            assert (row.low, row.high) == pytest.approx((ci.low, ci.high))
            assert row.count_implied == pytest.approx(S.implied_count(row.pct, 500))

    def test_the_whole_total_is_a_census_without_sampling_error(self):
        shares, total = self.ceop_shares()
        w = W.shares_explorer(shares, total)
        res = w.result
        assert res.attrs["n"] == 3652 and res.attrs["census"]
        assert np.allclose(res["low"], res["pct"]) and np.allclose(res["high"], res["pct"])  # zero width
        assert w.text.startswith("n = 3,652 is all 3,652 (a census), so there is no sampling error")
        assert w.text.endswith("The printed shares add up to 99%.")

    def test_n_cannot_exceed_the_total(self):
        shares, total = self.ceop_shares()
        w = W.shares_explorer(shares, total)
        assert 10 ** w.controls["n"].max >= 3652 > 10 ** w.controls["n"].max - 1
        with pytest.raises(ValueError, match=r"at most|between 1 and 3,652"):
            w.set(n=3653)
        assert w.values()["n"] == 3652

    def test_changing_n_changes_result_and_text(self):
        shares, total = self.ceop_shares()
        w = W.shares_explorer(shares, total)
        wide = w.set(n=100).copy()
        assert w.text.startswith("A random sample of n = 100 of the 3,652 (95% Wilson score intervals with the finite "
                                 "population correction): ")
        narrow = w.set(n=3000)
        assert ((wide["high"] - wide["low"]) > (narrow["high"] - narrow["low"])).all()

    @pytest.mark.parametrize("pcts,fragment", [
        ([150, 5], "The share for 'a' must be between 0 and 100; got 150."),
        ([60, 50], "The shares add up to 110%, more than 100%"),
        ([pd.NA, 5], "The share for 'a' is blank: give a number."),
    ])
    def test_impossible_shares_are_refused_in_plain_words(self, pcts, fragment):
        with pytest.raises(ValueError) as info:
            W.shares_explorer(pd.DataFrame({"label": ["a", "b"], "pct": pd.array(pcts, dtype="object")}), 100)
        assert fragment in str(info.value)
        assert "xerr" not in str(info.value)

    def test_grouped_view(self):
        w = build("shares_explorer")
        res = w.set(view="groups")
        assert dict(zip(res["label"], res["pct"])) == {"online": 26, "unclear": 15, "online and offline": 14,
                                                       "offline": 44}
        w.set(view="categories")
        assert len(w.result) == 6


# =========================================================================== sample-size planner
class TestSampleSizePlanner:
    def test_numbers_match_stats_directly(self):
        # Issue 10, item 7: it plans with Wilson and shows the normal formula's answer beside it.
        w = W.sample_size_planner()
        r = w.set(pct=0.1, margin_points=0.05)
        assert r["n_normal"] == S.sample_size_for_margin(0.001, 0.0005) == 15351
        assert r["n"] == S.sample_size_for_margin(0.001, 0.0005, method="wilson") > 20_000
        assert f"a survey needs n = {r['n']:,} people, so that both sides of the Wilson interval" in w.text
        assert "The textbook normal formula gives n = 15,351." in w.text
        r = w.set(pct=30, margin_points=3, confidence=0.99, design_effect=2.0)
        assert r["n"] == S.sample_size_for_margin(0.3, 0.03, 0.99, 2.0, method="wilson")
        assert r["n_normal"] == S.sample_size_for_margin(0.3, 0.03, 0.99, 2.0)
        assert "about 30% to within ±3 points with 99% confidence (design effect 2)" in w.text
        # The curve is the margin of error at each n of its grid.
        m = int(r["grid"][0])
        assert r["moe"][0] == pytest.approx(100 * S.margin_of_error(0.3, m, 0.99, 2.0))

    def test_a_rare_outcome_is_not_planned_with_the_normal_formula(self):
        # The example: 0.1% ± 1 point. The normal formula says 39 people, yet the Wilson
        # interval for 0 of 39 runs from 0 to about 9%.
        w = W.sample_size_planner(0.1, 1)
        r = w.result
        assert r["n_normal"] == 39 and not r["normal_ok"]
        assert r["n"] == S.sample_size_for_margin(0.001, 0.01, method="wilson") > 39
        assert "unreliable here" in w.text and "do not rely on it" in w.text
        assert S.proportion_ci(0, 39).high > 0.08

    def test_population_applies_the_finite_population_correction(self):
        w = W.sample_size_planner(50, 3, population=1145)
        r = w.result
        assert r["n_normal"] == S.sample_size_for_margin(0.5, 0.03, population=1145)
        assert r["n"] == S.sample_size_for_margin(0.5, 0.03, population=1145, method="wilson")
        assert r["n"] <= 1145 and "from a population of 1,145" in w.text

    @pytest.mark.parametrize("values,fragment", [
        ({"pct": 0}, "not exactly 0 or 100"),
        ({"pct": 100}, "not exactly 0 or 100"),
        ({"pct": 5, "margin_points": 0}, "The ± margin must be between 0 and 50 (not exactly 0); got 0."),
    ])
    def test_invalid_input_is_refused_and_typed_input_gives_a_message_that_valid_input_clears(self, values, fragment):
        w = W.sample_size_planner()
        before = w.values()
        with pytest.raises(ValueError) as info:
            w.set(**values)
        assert fragment in str(info.value) and w.values() == before and w.result is not None
        for name, value in values.items():  # typed into the boxes by a learner: shown, with a message
            w.controls[name].value = value
        assert all(w.values()[name] == value for name, value in values.items())
        assert_plain_message(w, fragment)
        assert w.set(pct=5, margin_points=1) is not None
        assert w.message.value == "" and w.result["n"] == S.sample_size_for_margin(0.05, 0.01, method="wilson")

    def test_out_of_range_values_are_refused_never_moved(self):
        w = W.sample_size_planner()
        for bad in (-5, 130):
            with pytest.raises(ValueError, match=r"must be between 0 and 100"):
                w.set(pct=bad)
            assert w.values()["pct"] == 0.1 and w.result is not None
        w.controls["pct"].value = 130  # typed: the box keeps 130 and the explorer says why it cannot use it
        assert w.values()["pct"] == 130
        assert_plain_message(w, "got 130")

    def test_an_impossibly_small_margin_is_refused_in_plain_words(self):
        with pytest.raises(ValueError, match="more people than live on Earth"):
            W.sample_size_planner(0.1, 1e-200)


# =========================================================================== repeated surveys
class TestRepeatedSurveyExplorer:
    def test_estimates_are_the_seeded_simulation(self):
        w = W.repeated_survey_explorer(pct=0.5, n=1257, repeats=1000, seed=2013)
        np.testing.assert_array_equal(w.result["estimates_pct"], S.simulate_surveys(0.005, 1257, 1000, 2013) * 100)
        again = W.repeated_survey_explorer(pct=0.5, n=1257, repeats=1000, seed=2013)
        assert w.text == again.text

    def test_result_follows_the_controls(self):
        w = W.repeated_survey_explorer()
        r = w.set(pct=30, n=1000, method="clopper-pearson")
        assert (r["pct"], r["n"], r["method"]) == (30, 1000, "clopper-pearson")
        assert r["estimates_pct"].std() == pytest.approx(r["sd_points"])
        assert r["sd_points"] == pytest.approx(100 * np.sqrt(0.3 * 0.7 / 1000), rel=0.1)
        assert 0.9 <= r["coverage"] <= 1.0
        assert w.text.startswith("1,000 surveys of 1,000 people from a population rate of 30%")

    @pytest.mark.parametrize("pct,expected", [(0, 1.0), (100, 1.0)])
    @pytest.mark.parametrize("method", ["clopper-pearson", "normal"])
    def test_coverage_at_certain_rates(self, pct, expected, method):
        w = W.repeated_survey_explorer()
        assert w.set(pct=pct, n=1000, method=method)["coverage"] == expected

    def test_wilson_coverage_at_a_true_rate_of_zero(self):
        w = W.repeated_survey_explorer()
        assert w.set(pct=0, n=1000, method="wilson")["coverage"] == 1.0

    def test_too_few_repeats_is_refused(self):
        with pytest.raises(ValueError, match=r"Repeats \(the number of simulated surveys\) must be a whole number "
                                             r"between 10 and 100,000; got 5"):
            W.repeated_survey_explorer(repeats=5)

    @pytest.mark.parametrize("method,expected", [("wilson", "it should be close to 95%"),
                                                 ("clopper-pearson", "it should be at least 95%"),
                                                 ("normal", "it is often well below 95% when n·p is small")])
    def test_the_sentence_says_what_to_expect_of_each_method(self, method, expected):
        w = W.repeated_survey_explorer()
        w.set(method=method)
        assert w.text.endswith(f"({expected}).")


# =========================================================================== trends
class TestTrendExplorer:
    def test_numbers_match_stats_directly(self):
        w = W.trend_explorer(grooming())
        r = w.set(start="2004/05", end="2012/13")
        assert (r["first"], r["last"], r["years"]) == (186, 373, 8)
        assert r["percent_change"] == pytest.approx(S.percent_change(186, 373))
        assert r["annual_change"] == pytest.approx(S.compound_annual_change(186, 373, 8))
        direct = S.compare_counts(186, 373)
        assert r["ratio"] == pytest.approx(direct["ratio"]) and r["p_value"] == pytest.approx(direct["p_value"])
        assert w.text.startswith("From 2004/05 (186) to 2012/13 (373): a change of +100.5% (+9.1% a year")
        fit = S.poisson_trend(list(grooming()["count"]))
        assert r["dispersion"] == pytest.approx(fit["dispersion"])
        scaled = S.compare_counts(186, 373, dispersion=fit["dispersion"])
        assert r["ratio_quasi"] == pytest.approx(scaled["ratio"]) and r["p_value_quasi"] == pytest.approx(scaled["p_value"])

    def test_overdispersion_scales_the_comparison_and_the_verdict(self):
        # Issue 10, item 2: Table 3.2 varies about six times as much as Poisson; the 2010/11 to
        # 2011/12 rise has z = 2.38 (p = 0.017) under Poisson but z of about 0.97 once scaled.
        w = W.trend_explorer(grooming())
        r = w.set(start="2010/11", end="2011/12")
        assert r["dispersion"] == pytest.approx(42.3 / 7, abs=0.01)
        assert r["z"] == pytest.approx(2.38, abs=0.01) and r["p_value"] == pytest.approx(0.017, abs=0.001)
        assert r["z_quasi"] == pytest.approx(0.97, abs=0.01) and r["p_value_quasi"] == pytest.approx(0.33, abs=0.01)
        assert r["verdict_method"] == "quasi-Poisson" and r["p_value_verdict"] == r["p_value_quasi"]
        assert "(z = 2.38, p = 0.017)" in w.text
        assert "the counts vary about 6.0 times as much as Poisson chance would" in w.text
        assert f"(z = 0.97, p = {r['p_value_quasi']:.3f})" in w.text
        assert "On the scaled comparison, the change is within what chance variation alone could produce." in w.text
        w.set(start="2004/05", end="2012/13")
        assert "p < 0.001" in w.text and "p = 0.000" not in w.text
        assert "On the scaled comparison, the change is larger than" in w.text

    def test_a_series_that_varies_no_more_than_poisson_says_poisson_is_adequate(self):
        w = W.trend_explorer(pd.DataFrame({"label": ["1", "2", "3", "4"], "count": [100, 101, 99, 100]}))
        assert w.result["dispersion"] <= 1 and w.result["verdict_method"] == "Poisson"
        assert "so the Poisson comparison is adequate" in w.text

    def test_a_short_series_says_dispersion_cannot_be_estimated(self):
        w = W.trend_explorer(pd.DataFrame({"label": ["2011", "2012"], "count": [50, 80]}))
        assert w.result["dispersion"] is None
        assert "too few years to estimate" in w.text

    @pytest.mark.parametrize("frame,fragment", [
        (pd.DataFrame({"label": [2004.5, 2005.5, 2006.5], "count": [1, 2, 3]}), "has the label 2004.5: labels name"),
        (pd.DataFrame({"label": ["a", "a", "b"], "count": [1, 2, 3]}), "has the label 'a' more than once"),
        (pd.DataFrame({"label": ["a", "b", "c"], "count": [1, 2.5, 3]}), "The count for 'b' in series must be a whole number; got 2.5."),
        (pd.DataFrame({"label": ["a", "b", "c"], "count": [1, "2", 3]}), "The count for 'b' in series must be a number; got the text '2'"),
    ])
    def test_fractional_or_duplicated_labels_and_bad_counts_are_refused(self, frame, fragment):
        with pytest.raises(ValueError) as info:
            W.trend_explorer(frame)
        assert fragment in str(info.value)

    def test_table_has_a_poisson_interval_per_year(self):
        w = W.trend_explorer(grooming())
        t = w.result["table"]
        assert list(t["label"]) == list(grooming()["label"])
        for row in t.itertuples():
            ci = S.poisson_ci(row.count)
            assert (row.low, row.high) == pytest.approx((ci.low, ci.high))

    def test_new_years_change_result_and_text(self):
        w = W.trend_explorer(grooming())
        w.set(start="2009/10", end="2010/11")
        assert (w.result["first"], w.result["last"]) == (393, 309)
        assert "From 2009/10 (393) to 2010/11 (309): a change of -21.4%" in w.text
        assert "a year on average" not in w.text  # one year: no yearly average to report

    @pytest.mark.parametrize("start,end", [("2012/13", "2004/05"), ("2008/09", "2008/09")])
    def test_end_not_after_start_gives_a_plain_message(self, start, end):
        w = W.trend_explorer(grooming())
        assert w.set(start=start, end=end) is None
        assert_plain_message(w, f"Choose an end year after the start year (you chose {start} to {end}).")
        assert w.set(start="2004/05", end="2005/06") is not None
        assert w.message.value == "" and "From 2004/05 (186) to 2005/06 (237)" in w.text

    def test_blank_years_stay_blank_and_are_refused_with_a_message(self):
        # Coroners and Justice Act charges (Table 3.6) are '-' until 2010/11: blank, never 0.
        t = load_table("3.6")
        series = t[t["legislation"] == "Coroners and Justice Act 2009"].rename(columns={"year": "label", "charges": "count"})
        w = W.trend_explorer(series)
        table = w.result["table"]
        assert table["count"].isna().sum() == 4 and (table["count"].dropna() > 0).all()
        assert (w.result["start"], w.result["end"]) == ("2010/11", "2012/13")  # starts on the first real value
        assert (w.result["first"], w.result["last"]) == (21, 394)
        assert w.set(start="2006/07") is None
        assert "no figure for that year" in w.message.value and "not the same as 0" in w.message.value

    def test_a_fall_to_zero_has_an_interval_containing_zero(self):
        w = W.trend_explorer(pd.DataFrame({"label": ["2011", "2012"], "count": [5, 0]}))
        ratio = w.result["ratio"]
        assert ratio.low <= ratio.estimate == 0 <= ratio.high


# =========================================================================== rates
class TestRateExplorer:
    @staticmethod
    def population():
        return int(load_table("population_england_wales")["population"].iloc[-1])

    def test_numbers_match_stats_directly(self):
        pop = self.population()
        assert pop == 56_567_800
        w = W.rate_explorer(grooming(), pop)
        r = w.set(label="2012/13")
        row = r["row"]
        ci = S.poisson_ci(373)
        assert row["count"] == 373
        assert row["rate"] == pytest.approx(S.rate_per_100k(373, pop))
        assert (row["low"], row["high"]) == pytest.approx((S.rate_per_100k(ci.low, pop), S.rate_per_100k(ci.high, pop)))
        assert w.text.startswith(f"In 2012/13, 373 offences in a population of 56,567,800 is {row['rate']:.3f} per 100,000")

    def test_new_population_changes_result_and_text(self):
        w = W.rate_explorer(grooming(), self.population())
        r = w.set(population=1_000_000, label="2004/05")
        assert r["row"]["rate"] == pytest.approx(18.6)
        assert "In 2004/05, 186 offences in a population of 1,000,000 is 18.600 per 100,000" in w.text

    @pytest.mark.parametrize("population,fragment", [
        (0, "The population must be a whole number between 1 and 100,000,000,000; got 0."),
        (-5, "The population must be a whole number between 1 and 100,000,000,000; got -5."),
    ])
    def test_invalid_population_is_refused_and_typed_gives_a_message_that_valid_input_clears(self, population, fragment):
        w = W.rate_explorer(grooming(), self.population())
        with pytest.raises(ValueError) as info:
            w.set(population=population)
        assert str(info.value) == fragment and w.values()["population"] == self.population()
        w.controls["population"].value = population  # typed by a learner
        assert_plain_message(w, fragment)
        assert w.set(population=self.population()) is not None
        assert w.message.value == ""

    def test_a_population_smaller_than_the_count_gives_a_plain_message(self):
        w = W.rate_explorer(grooming(), self.population())
        assert w.set(population=100) is None
        assert_plain_message(w, "count (186) cannot be larger than the population (100).")

    def test_built_with_population_zero_is_refused(self):
        with pytest.raises(ValueError, match="The population must be a whole number between 1 and"):
            W.rate_explorer(grooming(), 0)


# =========================================================================== the dark figure
class TestDarkFigureExplorer:
    def test_numbers_match_stats_directly(self):
        w = W.dark_figure_explorer(373)
        r = w.set(rate_pct=20, range_pct=(10, 50))
        direct = S.dark_figure(373, 0.2, 0.1, 0.5)
        for key in ("recorded", "implied", "unrecorded", "range"):
            assert r[key] == pytest.approx(direct[key])
        assert w.text.startswith("If 20% of offences are recorded, 373 recorded offences imply about 1,865 in all "
                                 "(1,492 unrecorded). With a reporting rate anywhere from 10% to 50%, the total "
                                 "could be 746 to 3,730.")

    def test_new_rate_changes_result_and_text(self):
        w = W.dark_figure_explorer(373)
        r = w.set(rate_pct=50)
        assert r["implied"] == pytest.approx(746)
        assert "If 50% of offences are recorded" in w.text

    def test_rates_below_1_percent_are_shown_exactly(self):
        # Issue 10, item 10: dark_figure_explorer(373, rate_pct=0.2) used to say "If 1% ...".
        w = W.dark_figure_explorer(373, rate_pct=0.2)
        assert w.values()["rate_pct"] == 0.2
        assert w.result["implied"] == pytest.approx(186_500)
        assert w.text.startswith("If 0.2% of offences are recorded, 373 recorded offences imply about 186,500")
        w.set(range_pct=(0.5, 5))
        assert w.values()["range_pct"] == (0.5, 5.0) and "from 0.5% to 5%" in w.text

    def test_rate_zero_is_refused_with_a_plain_sentence(self):
        w = W.dark_figure_explorer(373)
        before = w.values()
        with pytest.raises(ValueError, match=r"A reporting rate of 0% would mean no offence is ever recorded"):
            w.set(rate_pct=0)
        with pytest.raises(ValueError, match=r"A reporting rate of 0% would mean"):
            w.set(range_pct=(0, 50))
        with pytest.raises(ValueError, match=r"moves in steps of 0.1: give a value such as 0.2; got 0.25"):
            w.set(rate_pct=0.25)
        with pytest.raises(ValueError, match=r"give \(10, 50\), not \(50, 10\)"):
            w.set(range_pct=(50, 10))
        assert w.values() == before

    def test_zero_recorded(self):
        w = W.dark_figure_explorer(0)
        assert w.result["implied"] == 0 and w.message.value == ""


# =========================================================================== bad data for builders
BAD_BUILDS = [
    ("survey_interval_explorer", lambda: W.survey_interval_explorer([30, 29]),
     "estimates must be a pandas DataFrame (a table); got a list of values."),
    ("survey_interval_explorer", lambda: W.survey_interval_explorer(load_table("3.1")),
     "estimates needs the columns label, pct, n; missing label, pct, n."),
    ("survey_interval_explorer", lambda: W.survey_interval_explorer(surveys().drop(columns="n")),
     "estimates needs the columns label, pct, n; missing n."),
    ("survey_interval_explorer", lambda: W.survey_interval_explorer(surveys().iloc[0:0]), "estimates has no rows."),
    ("shares_explorer", lambda: W.shares_explorer(None, 3652), "shares must be a pandas DataFrame (a table); got a blank."),
    ("shares_explorer", lambda: W.shares_explorer(pd.DataFrame({"label": ["a"]}), 3652),
     "shares needs the columns label, pct; missing pct."),
    ("shares_explorer", lambda: W.shares_explorer(pd.DataFrame({"label": ["a"], "pct": [10]}), 0),
     "The total (the number the shares are of) must be a whole number between 1 and 100,000,000,000; got 0."),
    ("trend_explorer", lambda: W.trend_explorer({"label": ["2004/05"], "count": [186]}),
     "series must be a pandas DataFrame (a table); got a dictionary."),
    ("trend_explorer", lambda: W.trend_explorer(load_table("3.2")),
     "series needs the columns label, count; missing label, count."),
    ("trend_explorer", lambda: W.trend_explorer(pd.DataFrame({"label": ["a"], "count": pd.array([None], dtype="Int64")})),
     "series has no non-empty counts."),
    ("trend_explorer", lambda: W.trend_explorer(pd.DataFrame({"label": ["a", "b"], "count": [-1, 3]})),
     "The count for 'a' in series must be a whole number between 0 and 100,000,000,000; got -1."),
    ("rate_explorer", lambda: W.rate_explorer("grooming", 56_567_800), "series must be a pandas DataFrame (a table); got the text 'grooming'."),
    ("rate_explorer", lambda: W.rate_explorer(grooming()[["label"]], 56_567_800),
     "series needs the columns label, count; missing count."),
    ("dark_figure_explorer", lambda: W.dark_figure_explorer(-1),
     "The recorded count must be a whole number between 0 and 100,000,000,000; got -1."),
    ("dark_figure_explorer", lambda: W.dark_figure_explorer("373"),
     "The recorded count must be a number; got the text '373' (write it without quotes)."),
    ("dark_figure_explorer", lambda: W.dark_figure_explorer(373, range_pct=(50, 10)),
     "The plausible range runs from low to high: give (10, 50), not (50, 10)."),
    ("repeated_survey_explorer", lambda: W.repeated_survey_explorer(seed=-1), "The seed must be a whole number between 0"),
    ("survey_interval_explorer", lambda: W.survey_interval_explorer(surveys(), n=pd.NA),
     "Your sample size n is blank: give a number."),
    ("survey_interval_explorer", lambda: W.survey_interval_explorer(surveys(), n=None),
     "Your sample size n is blank: give a number."),
    ("survey_interval_explorer", lambda: W.survey_interval_explorer(surveys(), n="500"),
     "Your sample size n must be a number; got the text '500' (write it without quotes)."),
    ("survey_interval_explorer", lambda: W.survey_interval_explorer(surveys(), n=500.5),
     "Your sample size n must be a whole number; got 500.5."),
    ("survey_interval_explorer", lambda: W.survey_interval_explorer(surveys(), n=0),
     "Your sample size n must be a whole number between 1 and 100,000,000,000; got 0."),
    ("two_proportions_explorer", lambda: W.two_proportions_explorer(150, 5),
     "The percentage for group 1 must be between 0 and 100; got 150."),
    ("group_shares_simulation", lambda: W.group_shares_simulation(["a", "a"]),
     "each group label must be different"),
    ("attrition_explorer", lambda: W.attrition_explorer(load_table("3.7").assign(count=pd.NA)),
     "table has no counts: every count is blank."),
    ("sample_size_planner", lambda: W.sample_size_planner(0.1, 1e-200),
     "would need more people than live on Earth"),
]


@pytest.mark.parametrize("name,call,message", BAD_BUILDS, ids=[f"{b[0]}-{i}" for i, b in enumerate(BAD_BUILDS)])
def test_builders_refuse_bad_data_with_a_clear_value_error(name, call, message):
    with pytest.raises(ValueError) as info:
        call()
    assert message in str(info.value)


def test_every_builder_that_takes_data_is_checked():
    data_builders = {name for name, *_ in BAD_BUILDS}
    assert data_builders >= {"survey_interval_explorer", "shares_explorer", "trend_explorer", "rate_explorer",
                             "dark_figure_explorer"}


def test_trend_explorer_fits_a_series_with_gaps_on_its_real_spacing():
    """A year with no figure keeps its place: the dispersion is that of a trend on the real years."""
    frame = pd.DataFrame({"label": ["2013", "2014", "2015", "2016", "2017", "2018"],
                          "count": pd.array([100, None, 160, None, None, 300], dtype="Int64")})
    w = W.trend_explorer(frame)
    expected = S.poisson_trend([100, 160, 300], times=[0, 2, 5])["dispersion"]
    closed_up = S.poisson_trend([100, 160, 300])["dispersion"]
    assert w.dispersion("")["dispersion"] == pytest.approx(expected)
    assert expected != pytest.approx(closed_up)
