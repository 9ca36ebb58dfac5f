"""The explorers added for the grooming notebooks: two percentages, small-sample group shares,
and the counting-rule model. Their numbers must equal evidence_course.stats (or simple algebra),
and impossible input must give a plain message, not a traceback."""
import numpy as np
import pandas as pd
import pytest

from evidence_course import stats as S
from evidence_course import widgets as W


class TestTwoProportions:
    def test_numbers_match_stats(self):
        w = W.two_proportions_explorer(20, 5, 500, ("15-16", "11-12"))
        r = w.result
        expected = S.diff_proportions(100, 500, 25, 500).scaled(100)
        assert r["diff"].low == pytest.approx(expected.low)
        assert r["diff"].high == pytest.approx(expected.high)
        assert r["n_needed"] == S.sample_size_two_proportions(0.20, 0.05)
        assert r["excludes_zero"] and "excludes zero" in w.text

    def test_small_difference_needs_a_large_sample(self):
        w = W.two_proportions_explorer(12, 10, 200)
        assert not w.result["excludes_zero"]
        assert w.result["n_needed"] > 3000  # 12% vs 10% is hard to detect
        assert "includes zero" in w.text

    def test_equal_percentages_are_explained(self):
        w = W.two_proportions_explorer(10, 10, 100)
        assert w.result["n_needed"] is None
        assert "no difference to detect" in w.text

    def test_percentage_above_100_is_refused_in_plain_words(self):
        # Issue 10, item 10: never moved to 100; refused by set(), and a typed 120 stays with a message.
        w = W.two_proportions_explorer(20, 5)
        with pytest.raises(ValueError, match=r"^The percentage for group 1 must be between 0 and 100; got 120.$"):
            w.set(pct1=120)
        assert w.values()["pct1"] == 20 and w.result["pct1"] == 20
        w.controls["pct1"].value = 120
        assert w.values()["pct1"] == 120 and w.result is None
        assert "must be between 0 and 100; got 120" in w.message.value
        with pytest.raises(ValueError, match="between 0 and 100"):
            W.two_proportions_explorer(150, 5)

    def test_zero_and_one_hundred_percent_print_no_warnings(self, recwarn):
        w = W.two_proportions_explorer(0, 100)
        assert w.result is not None and w.result["n_needed"] >= 1
        assert [str(x.message) for x in recwarn] == []

    def test_power_is_not_presented_as_a_guarantee(self):
        w = W.two_proportions_explorer(20, 5, 500)
        assert "about 20 studies in 100 of that size would miss it" in w.text

    def test_labels_must_be_two(self):
        with pytest.raises(ValueError, match="exactly two"):
            W.two_proportions_explorer(20, 5, labels=("a", "b", "c"))


class TestGroupShares:
    LABELS = ["intimacy-seeking", "adaptable", "hyper-sexualised"]

    def test_deterministic_and_contains_the_assumed_share(self):
        a = W.group_shares_simulation(self.LABELS, 33).result["table"]
        b = W.group_shares_simulation(self.LABELS, 33).result["table"]
        assert a.equals(b)
        assert ((a["low"] <= a["assumed_pct"]) & (a["assumed_pct"] <= a["high"])).all()

    def test_bands_narrow_as_n_grows(self):
        w = W.group_shares_simulation(self.LABELS, 33)
        small = (w.result["table"]["high"] - w.result["table"]["low"]).mean()
        w.set(n=1000)
        large = (w.result["table"]["high"] - w.result["table"]["low"]).mean()
        assert large < small / 3

    def test_wrong_largest_group_is_common_in_small_samples(self):
        w = W.group_shares_simulation(self.LABELS, 33, [40, 35, 25])
        assert 0.1 < w.result["wrong_largest"] < 0.9
        w.set(n=1000)
        assert w.result["wrong_largest"] < 0.05

    def test_ties_are_counted_apart_from_strict_wins(self):
        # Issue 10, item 5: np.argmax gave ties to the first group, so the order changed the answer.
        w = W.group_shares_simulation(self.LABELS, 33, [40, 35, 25])
        r = w.result
        assert 0 < r["tie_largest"] < 0.5 and 0 < r["wrong_largest"] < 0.5
        assert f"tied for largest" in w.text and "came out largest outright" in w.text

    @pytest.mark.parametrize("order", [(0, 1, 2), (2, 1, 0), (1, 0, 2), (1, 2, 0)])
    def test_permuting_the_groups_permutes_nothing_in_the_results(self, order):
        shares = [40, 35, 25]
        base = W.group_shares_simulation(self.LABELS, 33, shares).result
        labels = [self.LABELS[i] for i in order]
        moved = W.group_shares_simulation(labels, 33, [shares[i] for i in order]).result
        assert moved["wrong_largest"] == base["wrong_largest"] and moved["tie_largest"] == base["tie_largest"]
        assert moved["largest"] == base["largest"] == "intimacy-seeking"
        a = base["table"].set_index("label").sort_index()
        b = moved["table"].set_index("label").sort_index()
        assert a.equals(b)

    def test_n_above_the_slider_is_shown_exactly(self):
        w = W.group_shares_simulation(self.LABELS, 5000)
        assert w.values()["n"] == 5000 and w.result["n"] == 5000 and "samples of 5,000" in w.text
        with pytest.raises(ValueError, match="whole number between 1"):
            w.set(n=0)
        assert w.values()["n"] == 5000

    def test_shares_must_add_to_100(self):
        w = W.group_shares_simulation(self.LABELS, 33)
        assert w.set(share0=80) is None
        assert "add up to" in w.message.value

    def test_assumed_shares_are_called_assumptions(self):
        assert "assumptions, not findings" in W.group_shares_simulation(self.LABELS).text


class TestCountingRule:
    def test_algebra(self):
        w = W.counting_rule_explorer(373, offline_meeting_pct=50, more_serious_pct=20)
        r = w.result
        assert r["visible_share"] == pytest.approx(0.5 * 0.8)
        assert r["total"] == pytest.approx(373 / 0.4)
        assert sum(r["parts"].values()) == pytest.approx(r["total"])

    def test_no_hidden_cases_when_every_case_is_visible(self):
        r = W.counting_rule_explorer(373, 100, 0).result
        assert r["total"] == pytest.approx(373)
        assert np.allclose([r["parts"]["recorded as a more serious offence"],
                            r["parts"]["online only: recorded under another offence or not at all"]], 0)

    def test_impossible_shares_are_refused_in_plain_words(self):
        w = W.counting_rule_explorer(373)
        before = w.values()
        with pytest.raises(ValueError, match="nothing would be recorded"):
            w.set(offline_meeting_pct=50, more_serious_pct=100)
        with pytest.raises(ValueError, match="no case had an offline meeting"):
            w.set(offline_meeting_pct=0, more_serious_pct=10)
        assert w.values() == before

    def test_shares_below_1_percent_are_shown_exactly(self):
        w = W.counting_rule_explorer(373, offline_meeting_pct=0.5)
        assert w.result["meet"] == pytest.approx(0.005) and w.text.startswith("If 0.5% of grooming cases")

    def test_recorded_count_must_be_positive(self):
        with pytest.raises(ValueError, match="whole number between 1 and"):
            W.counting_rule_explorer(0)


class TestAttrition:
    def setup_method(self):
        from evidence_course import load_table
        self.w = W.attrition_explorer(load_table("3.7"))

    def test_starts_on_a_complete_series_and_numbers_match_the_table(self):
        r = self.w.result
        assert r["year"] == "2012" and r["group"] != "Coroners and Justice Act 2009"
        self.w.set(group="Protection of Children Act 1978", year="2012")
        c = self.w.result["counts"]
        assert (c["proceeded_against"], c["found_guilty"], c["sentenced"]) == (1466, 1315, 1248)
        assert self.w.result["guilty_per_100_proceeded"] == pytest.approx(100 * 1315 / 1466)

    def test_more_found_guilty_than_proceeded_against_is_explained(self):
        self.w.set(group="Criminal Justice Act 1988", year="2011")
        assert self.w.result["not_a_funnel"] and "not the same people" in self.w.text

    def test_negative_duplicated_and_blank_counts_are_refused_in_plain_words(self):
        from evidence_course import load_table
        t7 = load_table("3.7")
        negative = t7.assign(count=t7["count"].where(t7.index != 20, -3))
        with pytest.raises(ValueError, match=r"must be a whole number between 0 and .*; got -3."):
            W.attrition_explorer(negative)
        with pytest.raises(ValueError, match="more than one row for .*: give each count once"):
            W.attrition_explorer(pd.concat([t7, t7.iloc[[20]]]))
        with pytest.raises(ValueError, match="every count is blank"):
            W.attrition_explorer(t7.assign(count=pd.array([None] * len(t7), dtype="Int64")))

    def test_blank_cells_and_uncertain_years(self):
        assert self.w.set(group="Coroners and Justice Act 2009", year="2008") is None
        assert "blank (not zero)" in self.w.message.value
        self.w.set(group="Coroners and Justice Act 2009", year="2012")
        assert "does not settle which year" in self.w.text


class TestVolumesAndBaseRates:
    def test_extrapolation_is_linear_and_assumptions_reduce_it(self):
        w = W.extrapolation_explorer(140000, 6)
        assert w.result["naive"] == pytest.approx(140000 * 52 / 6)
        w.set(repeat_pct=50, period_factor=2.0)
        assert w.result["adjusted"] == pytest.approx(140000 * 0.5 * 52 / 6 / 2)

    def test_extrapolation_refuses_more_than_a_year(self):
        with pytest.raises(ValueError, match=r"between 0 and 52 \(not exactly 0\); got 60"):
            W.extrapolation_explorer(100, 60)

    def test_attempts_to_people(self):
        w = W.attempts_explorer(20000)
        assert w.result["people"] == pytest.approx(20000)
        w.set(automated_pct=50, per_person=4)
        assert w.result["people"] == pytest.approx(2500)
        with pytest.raises(ValueError, match="at least one attempt"):
            w.set(automated_pct=0, per_person=0.5)
        assert w.values()["per_person"] == 4

    def test_base_rate_natural_frequencies(self):
        w = W.base_rate_explorer(20, 80, 80, population=1000)
        r = w.result
        assert (r["tp"], r["fp"], r["fn"], r["tn"]) == pytest.approx((160, 160, 40, 640))
        assert r["ppv"] == pytest.approx(0.5)
        w.set(base_rate_pct=1)
        assert w.result["ppv"] < 0.05  # a rare condition makes most flags wrong
        w.set(base_rate_pct=0.1)  # issue 10, item 9: base rates below 1% can be shown
        assert w.values()["base_rate_pct"] == 0.1 and w.result["base"] == pytest.approx(0.001)
        assert "if 0.1% also commit contact offences" in w.text
        assert w.set(base_rate_pct=0, specificity_pct=100) is None
        assert "nobody is flagged" in w.message.value

    def test_two_proportions_with_unequal_groups(self):
        w = W.two_proportions_explorer(82, 37, 120, ("still", "moving"), n2=113)
        expected = S.diff_proportions(0.82 * 120, 120, 0.37 * 113, 113).scaled(100)
        assert w.result["diff"].low == pytest.approx(expected.low)
        assert "120 (still) and 113 (moving)" in w.text
