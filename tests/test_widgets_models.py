"""The explorers added for the grooming notebooks: two percentages, small-sample group shares,
and the counting-rule model. Their numbers must equal evidence_course.stats (or simple algebra),
and impossible input must give a plain message, not a traceback."""
import numpy as np
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
        w = W.two_proportions_explorer(20, 5)
        assert w.set(pct1=120)["pct1"] == 100  # the text box clamps what a learner types
        with pytest.raises(ValueError, match="between 0 and 100"):
            w.compute(pct1=120, pct2=5, n=100, power=0.8)

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
        with pytest.raises(ValueError, match="nothing would be recorded"):
            w.compute(offline_meeting_pct=50, more_serious_pct=100)
        with pytest.raises(ValueError, match="no case had an offline meeting"):
            w.compute(offline_meeting_pct=0, more_serious_pct=10)

    def test_recorded_count_must_be_positive(self):
        with pytest.raises(ValueError, match="greater than 0"):
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
        with pytest.raises(ValueError, match="at most 52"):
            W.extrapolation_explorer(100, 60)

    def test_attempts_to_people(self):
        w = W.attempts_explorer(20000)
        assert w.result["people"] == pytest.approx(20000)
        w.set(automated_pct=50, per_person=4)
        assert w.result["people"] == pytest.approx(2500)
        with pytest.raises(ValueError, match="at least one attempt"):
            w.compute(automated_pct=0, per_person=0.5)

    def test_base_rate_natural_frequencies(self):
        w = W.base_rate_explorer(20, 80, 80, population=1000)
        r = w.result
        assert (r["tp"], r["fp"], r["fn"], r["tn"]) == pytest.approx((160, 160, 40, 640))
        assert r["ppv"] == pytest.approx(0.5)
        w.set(base_rate_pct=1)
        assert w.result["ppv"] < 0.05  # a rare condition makes most flags wrong
        assert w.set(base_rate_pct=0, specificity_pct=100) is None
        assert "nobody is flagged" in w.message.value

    def test_two_proportions_with_unequal_groups(self):
        w = W.two_proportions_explorer(82, 37, 120, ("still", "moving"), n2=113)
        expected = S.diff_proportions(0.82 * 120, 120, 0.37 * 113, 113).scaled(100)
        assert w.result["diff"].low == pytest.approx(expected.low)
        assert "120 (still) and 113 (moving)" in w.text
