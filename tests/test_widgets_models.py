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
