"""Tests for evidence_course.widgets, driven without a browser.

The explorers are used in notebooks the way these tests use them: build from the
course's data, ``w.set(...)`` as a learner's click would, then read ``w.result`` and
``w.text``. Groups: every builder builds and draws; the numbers shown equal
evidence_course.stats called directly; invalid input shows a plain message (never a
traceback) that the next valid input clears; bad data given to a builder is refused.
"""
from __future__ import annotations

import html
import importlib.util
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

PNG = b"\x89PNG\r\n\x1a\n"
BENCHMARK = pathlib.Path(__file__).resolve().parents[1] / "scripts" / "benchmark_widgets.py"


def _benchmark_module():
    spec = importlib.util.spec_from_file_location("benchmark_widgets", BENCHMARK)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


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

    def test_n_is_held_to_the_slider_range(self):
        w = W.survey_interval_explorer(surveys())
        assert w.set(n=0)["n"].iloc[0] == 10  # the slider's minimum: n = 0 cannot be chosen
        assert w.set(n=10**7)["n"].iloc[0] == 100_000

    def test_a_missing_percentage_gives_a_message_not_a_crash(self):
        # 'concerned' is N/A for three surveys in Table 3.1.
        data = load_table("3.1").rename(columns={"citation": "label", "concerned_pct": "pct", "sample_size": "n"})
        w = W.survey_interval_explorer(data)
        assert_plain_message(w, "the percentage must be a finite number")


# =========================================================================== shares
class TestSharesExplorer:
    """The CEOP breakdown of 3,652 reports (facts F027-F033)."""

    @staticmethod
    def ceop_shares():
        facts = load_table("facts").set_index("id")
        rows = facts.loc[["F028", "F029", "F030", "F031", "F032", "F033"]]
        return pd.DataFrame({"label": rows["statement"].values, "pct": rows["value"].values}), int(facts.loc["F027", "value"])

    def test_numbers_match_stats_directly(self):
        shares, total = self.ceop_shares()
        assert total == 3652
        w = W.shares_explorer(shares, total)
        res = w.result
        assert res.attrs["n"] == 3652
        for row in res.itertuples():
            ci = S.proportion_ci_pct(row.pct, 3652)
            assert (row.low, row.high) == pytest.approx((ci.low, ci.high))
            assert row.count_implied == pytest.approx(S.implied_count(row.pct, 3652))

    def test_text_says_the_printed_shares_add_up_to_99(self):
        shares, total = self.ceop_shares()
        w = W.shares_explorer(shares, total)
        assert w.text.startswith("Out of n = 3,652: ")
        assert w.text.endswith("The printed shares add up to 99%.")

    def test_changing_n_changes_result_and_text(self):
        shares, total = self.ceop_shares()
        w = W.shares_explorer(shares, total)
        wide = w.set(n=100).copy()
        assert w.text.startswith("Out of n = 100: ")
        narrow = w.set(n=10_000)
        assert ((wide["high"] - wide["low"]) > (narrow["high"] - narrow["low"])).all()

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
        w = W.sample_size_planner()
        r = w.set(pct=0.1, margin_points=0.05)
        assert r["n"] == S.sample_size_for_margin(0.001, 0.0005) == 15351
        assert "a survey needs n = 15,351 people" in w.text
        r = w.set(pct=30, margin_points=3, confidence=0.99, design_effect=2.0)
        assert r["n"] == S.sample_size_for_margin(0.3, 0.03, 0.99, 2.0)
        assert "about 30% to within ±3 points with 99% confidence (design effect 2)" in w.text
        # The curve is the margin of error at each n of its grid.
        m = int(r["grid"][0])
        assert r["moe"][0] == pytest.approx(100 * S.margin_of_error(0.3, m, 0.99, 2.0))

    @pytest.mark.parametrize("values,fragment", [
        ({"pct": 0}, "not exactly 0 or 100"),
        ({"pct": 100}, "not exactly 0 or 100"),
        ({"pct": 5, "margin_points": 0}, "The margin must be greater than 0 points."),
    ])
    def test_invalid_input_gives_a_plain_message_that_valid_input_clears(self, values, fragment):
        w = W.sample_size_planner()
        assert w.set(**values) is None
        assert_plain_message(w, fragment)
        assert w.set(pct=5, margin_points=1) is not None
        assert w.message.value == "" and w.result["n"] == S.sample_size_for_margin(0.05, 0.01)

    def test_out_of_range_values_are_held_to_the_box_limits(self):
        w = W.sample_size_planner()
        w.set(pct=-5)
        assert w.values()["pct"] == 0 and w.result is None
        w.set(pct=130)
        assert w.values()["pct"] == 100 and w.result is None


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
        with pytest.raises(ValueError, match="repeats must be a whole number at least 10; got 5"):
            W.repeated_survey_explorer(repeats=5)


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
        assert "blank in the source" in w.message.value and "not the same as 0" in w.message.value

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
        (0, "the population must be a whole number greater than 0; got 0."),
        (-5, "the population must be a whole number greater than 0; got -5."),
        (100, "count (186) cannot be larger than the population (100)."),
    ])
    def test_invalid_population_gives_a_plain_message_that_valid_input_clears(self, population, fragment):
        w = W.rate_explorer(grooming(), self.population())
        assert w.set(population=population) is None
        assert_plain_message(w, fragment)
        assert w.set(population=self.population()) is not None
        assert w.message.value == ""

    def test_built_with_population_zero_shows_the_message(self):
        w = W.rate_explorer(grooming(), 0)
        assert_plain_message(w, "the population must be a whole number greater than 0")


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

    def test_rate_zero_cannot_be_chosen_the_slider_stops_at_1(self):
        w = W.dark_figure_explorer(373)
        r = w.set(rate_pct=0, range_pct=(0, 50))
        assert w.values() == {"rate_pct": 1.0, "range_pct": (1.0, 50.0)}
        assert r["implied"] == pytest.approx(37_300)

    def test_rate_zero_would_be_refused_with_a_plain_sentence(self):
        # Not reachable through the sliders, so checked on compute() itself.
        w = W.dark_figure_explorer(373)
        with pytest.raises(ValueError, match=r"A reporting rate of 0% would mean no offence is ever recorded"):
            w.compute(rate_pct=0, range_pct=(10, 50))
        with pytest.raises(ValueError, match=r"choose a rate above 0%"):
            w.compute(rate_pct=20, range_pct=(0, 50))

    def test_zero_recorded(self):
        w = W.dark_figure_explorer(0)
        assert w.result["implied"] == 0 and w.message.value == ""


# =========================================================================== bad data for builders
BAD_BUILDS = [
    ("survey_interval_explorer", lambda: W.survey_interval_explorer([30, 29]),
     "estimates must be a pandas DataFrame; got list."),
    ("survey_interval_explorer", lambda: W.survey_interval_explorer(load_table("3.1")),
     "estimates needs the columns label, pct, n; missing label, pct, n."),
    ("survey_interval_explorer", lambda: W.survey_interval_explorer(surveys().drop(columns="n")),
     "estimates needs the columns label, pct, n; missing n."),
    ("survey_interval_explorer", lambda: W.survey_interval_explorer(surveys().iloc[0:0]), "estimates has no rows."),
    ("shares_explorer", lambda: W.shares_explorer(None, 3652), "shares must be a pandas DataFrame; got NoneType."),
    ("shares_explorer", lambda: W.shares_explorer(pd.DataFrame({"label": ["a"]}), 3652),
     "shares needs the columns label, pct; missing pct."),
    ("shares_explorer", lambda: W.shares_explorer(pd.DataFrame({"label": ["a"], "pct": [10]}), 0),
     "total must be a whole number greater than 0; got 0."),
    ("trend_explorer", lambda: W.trend_explorer({"label": ["2004/05"], "count": [186]}),
     "series must be a pandas DataFrame; got dict."),
    ("trend_explorer", lambda: W.trend_explorer(load_table("3.2")),
     "series needs the columns label, count; missing label, count."),
    ("trend_explorer", lambda: W.trend_explorer(pd.DataFrame({"label": ["a"], "count": pd.array([None], dtype="Int64")})),
     "series has no non-empty counts."),
    ("trend_explorer", lambda: W.trend_explorer(pd.DataFrame({"label": ["a", "b"], "count": [-1, 3]})),
     "count must be a whole number at least 0; got -1."),
    ("rate_explorer", lambda: W.rate_explorer("grooming", 56_567_800), "series must be a pandas DataFrame; got str."),
    ("rate_explorer", lambda: W.rate_explorer(grooming()[["label"]], 56_567_800),
     "series needs the columns label, count; missing count."),
    ("dark_figure_explorer", lambda: W.dark_figure_explorer(-1), "recorded count must be a whole number at least 0; got -1."),
    ("dark_figure_explorer", lambda: W.dark_figure_explorer("373"), "recorded count must be a number; got the text '373'."),
    ("repeated_survey_explorer", lambda: W.repeated_survey_explorer(seed=-1), "seed must be a whole number at least 0"),
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
