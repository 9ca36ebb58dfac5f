"""Exercise set 10 · Capstone: evaluating the evidence.

Expected values are computed from the data package when a check runs (source_appraisal.csv,
Tables 3.1, 3.6 and 3.7, and facts.csv rows F082–F083 and F125–F128); nothing from the chapter is
typed here. The only numbers typed are the exercises' own settings (80% power and 95% confidence in
exercise 4(b); the consistency rule of exercise 5, half the last printed digit) and the tolerances.

Exercise 4(b) leaves the sample-size formula open: the model answer uses Cohen's h (the default of
``stats.sample_size_two_proportions``), and the check also accepts the pooled and unpooled formulas,
saying which one the answer matches.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from ..checks import near as _near, pair_near as _pair_near, question, wilson_hints
from ..data import fact, load_table, fact_value as _value
from .. import stats

MEASURES = ("corresponded", "offline_contact", "concerned", "sexual_contact")  # Table 3.1's four measures
FIRST_YEAR, LAST_YEAR = "2006", "2012"  # exercise 2: the first and last calendar years of Table 3.7


# --------------------------------------------------------------------------- 10.1 which source counts people?
OPTIONS_1 = ("police", "cps", "ministry of justice", "iwf")

question(
    "10.1", lambda: "Ministry of Justice", kind="choice",
    prompt="Of police recorded crime, the CPS, the Ministry of Justice and the IWF, which counts people? "
           "'police', 'CPS', 'Ministry of Justice' or 'IWF'.",
    hints=[
        (lambda a, e: a == "police",
         "police recorded crime counts crimes recorded under the law (its unit is 'recorded crimes'), not "
         "people: one person can be recorded for several offences."),
        (lambda a, e: a == "cps",
         "the CPS counts charges, not offenders: read its unit in the table, and the chapter's warning that "
         "'one offender may receive multiple charges' (line 927)."),
        (lambda a, e: a == "iwf",
         "the IWF counts URLs: its unit column says 'not images, not people'."),
        (lambda a, e: a in ("moj", "ministry of justice court data", "the ministry of justice"),
         "use the option exactly as listed, in quotes."),
        (lambda a, e: a not in OPTIONS_1,
         "give one of the four options, 'police', 'CPS', 'Ministry of Justice' or 'IWF', in quotes."),
    ],
)


# --------------------------------------------------------------------------- 10.2 a trend in individuals sentenced
def _court(section="S.1", outcome="sentenced"):
    t = load_table("3.7")
    return t[(t["section"] == section) & (t["outcome"] == outcome)].set_index("year")["count"]


def _change(series, first=FIRST_YEAR, last=LAST_YEAR):
    return stats.percent_change(series[first], series[last])


def _cps_making():
    t = load_table("3.6")
    return t[t["offence"].str.startswith("Making")].set_index("year")["charges"]


def _all_sentenced():
    t = load_table("3.7")
    return t[t["outcome"] == "sentenced"].groupby("year")["count"].sum()


question(
    "10.2", lambda: _change(_court()), tolerance=0.06,
    prompt="Percent change in individuals sentenced under s.1 of the Protection of Children Act 1978, "
           "2006 to 2012, to 1 decimal place.",
    hints=[
        (lambda a, e: _near(a, e / 100, 0.001),
         "that is a proportion; give the change in per cent."),
        (lambda a, e: _near(a, e / 100 + 1, 0.001),
         "that is the ratio of the two years; a percent change is (ratio − 1) × 100."),
        (lambda a, e: _near(a, e + 100, 0.06),
         "that is the later year as a percentage of the earlier one; subtract 100 to get the change."),
        (lambda a, e: _near(a, _court()[LAST_YEAR] - _court()[FIRST_YEAR], 0.5),
         "that is the difference in individuals; express it as a percentage of the 2006 figure."),
        (lambda a, e: _near(abs(a), 100 * (_court()[LAST_YEAR] - _court()[FIRST_YEAR]) / _court()[LAST_YEAR], 0.06),
         "you divided by the 2012 figure; a change is measured against the earlier year."),
        (lambda a, e: _near(a, -e, 0.06),
         "the sign is wrong: the number sentenced rose, so the change is positive."),
        (lambda a, e: _near(a, _change(_court(outcome="found_guilty")), 0.06),
         "that is the change in individuals found guilty; the question asks about those sentenced."),
        (lambda a, e: _near(a, _change(_court(outcome="proceeded_against")), 0.06),
         "that is the change in individuals proceeded against; the question asks about those sentenced."),
        (lambda a, e: _near(a, _change(_court(section="S.160")), 0.06),
         "that is section 160 of the Criminal Justice Act 1988 (possession); the question asks about section 1 "
         "of the Protection of Children Act 1978."),
        (lambda a, e: _near(a, stats.percent_change(_value("F082"), _value("F083")), 0.06),
         "you used the chapter's hedged prose figures ('over 700', 'over 1,200'); use the counts in Table 3.7."),
        (lambda a, e: _near(a, _change(_all_sentenced()), 0.06),
         "you added up every row of the table for each year; the question asks about section 1 only."),
        (lambda a, e: _near(a, _change(_cps_making(), "2006/07", "2012/13"), 0.06)
         or _near(a, _change(_cps_making(), "2006/07", "2010/11"), 0.06),
         "that is the change in CPS charges (Table 3.6): charges, not individuals, and financial years. The "
         "question asks about individuals sentenced (Table 3.7)."),
        (lambda a, e: _near(a, _change(_court(), "2011", "2012"), 0.06),
         "that is the change over the last year only; the question asks about 2006 to 2012."),
    ],
)


# --------------------------------------------------------------------------- 10.3 Wilson interval for CEOP's moving SGII
def _base(fact_id="F128") -> int:  # the number of images a CEOP SGII percentage is a share of (line 1361)
    return int(fact(fact_id)["denominator"])


def _sgii_ci(pct_id="F128", n=None, method="wilson", confidence=0.95):
    n = _base() if n is None else n
    ci = stats.proportion_ci_pct(_value(pct_id), n, method=method, confidence=confidence)
    return (ci.low, ci.high)


def _whole_count_ci(k, n):
    ci = stats.proportion_ci(k, n).scaled(100)
    return (ci.low, ci.high)


question(
    "10.3", lambda: _sgii_ci(), kind="interval", tolerance=0.06,
    prompt="95% Wilson interval, in per cent to 1 decimal place, for the 37% female share of CEOP's 113 moving "
           "self-generated images.",
    hints=[
        *wilson_hints(lambda method: _sgii_ci(method=method)),
        (lambda a, e: _pair_near(a, _sgii_ci(confidence=0.9), 0.06) or _pair_near(a, _sgii_ci(confidence=0.99), 0.06),
         "check the confidence level: the question asks for 95%."),
        (lambda a, e: _pair_near(a, _sgii_ci(n=_base("F125")), 0.06),
         "you used the number of still images as n; the 37% is a share of the moving images (the denominator "
         "of F128)."),
        (lambda a, e: _pair_near(a, _sgii_ci(n=_base("F125") + _base()), 0.06),
         "you added the still and moving images together; the 37% is a share of the moving images only."),
        (lambda a, e: _pair_near(a, _sgii_ci(pct_id="F125", n=_base("F125")), 0.06),
         "that is the interval for the still images (82% female); the question asks about the moving images."),
        (lambda a, e: _pair_near(a, _sgii_ci(pct_id="F127"), 0.06),
         "that is the interval for the share of moving images whose subjects were male; the question asks "
         "about female."),
        (lambda a, e: any(_pair_near(a, _whole_count_ci(k, _base()), 0.06) for k in range(_base() + 1)),
         "you started from a whole-number count of images, which the chapter does not print; start from the "
         "printed percentage and n with stats.proportion_ci_pct."),
        (lambda a, e: a[0] < e[0] < e[1] < a[1] or e[0] < a[0] < a[1] < e[1],
         "your interval has about the right centre but the wrong width: check n and the confidence level."),
    ],
)


# --------------------------------------------------------------------------- 10.4a do the random-sample surveys differ?
def _random_surveys():
    s = load_table("3.1")
    return s[s["sampling_method"] != "Non-random sample"]


def _homogeneity(rows=None):
    rows = _random_surveys() if rows is None else rows
    return stats.chi2_homogeneity(rows["corresponded_n"].tolist(), rows["sample_size"].tolist())


def _leave_one_out_p_values(overlapping: bool):
    """Tests with one survey left out: the EU Kids Online UK or European sample (overlapping=True), or another."""
    r = _random_surveys()
    eu_kids = r["survey"].str.startswith("EU Kids Online")
    return [_homogeneity(r.drop(index=i))["p_value"] for i in r.index[eu_kids == overlapping]]


def _largest_pair_p():
    r = _random_surveys()
    share = r["corresponded_n"] / r["sample_size"]
    hi, lo = r.loc[share.idxmax()], r.loc[share.idxmin()]
    return stats.test_two_proportions(hi["corresponded_n"], hi["sample_size"], lo["corresponded_n"], lo["sample_size"])["p_value"]


def _p_with_df(df):
    from scipy.stats import chi2
    return float(chi2.sf(_homogeneity()["statistic"], df))


question(
    "10.4a", lambda: _homogeneity()["p_value"], tolerance=0.006,
    prompt="p-value, to 2 decimal places, of the chi-squared test of homogeneity of the 'corresponded' counts across "
           "Table 3.1's four random-sample surveys (stats.chi2_homogeneity).",
    hints=[
        (lambda a, e: 1 < a <= 100 and _near(a / 100, e, 0.006),
         "a p-value is a probability between 0 and 1, not a percentage."),
        (lambda a, e: _near(a, _homogeneity()["statistic"], 0.01),
         "that is the chi-squared statistic; the question asks for its p-value."),
        (lambda a, e: _near(a, _homogeneity(load_table("3.1"))["p_value"], 0.006),
         "you included Bryce (2008), a non-random sample; the test is about the four random-sample surveys."),
        (lambda a, e: any(_near(a, p, 0.006) for p in _leave_one_out_p_values(overlapping=True)),
         "that is the test with the UK or the European EU Kids Online sample left out (three surveys, 2 degrees of "
         "freedom). It is a good check, because the UK sample is part of the European one: keep it for Exercise "
         "6(a). The question asks for all four."),
        (lambda a, e: any(_near(a, p, 0.006) for p in _leave_one_out_p_values(overlapping=False)),
         "that is a test with one survey left out; the question asks for all four random-sample surveys."),
        (lambda a, e: _near(a, _largest_pair_p(), 0.006),
         "that is the p-value for the largest and smallest surveys compared on their own, a pair chosen after "
         "looking at the data; the question asks for one test across all four."),
        (lambda a, e: _near(a, _p_with_df(4), 0.006) or _near(a, _p_with_df(2), 0.006),
         "check the degrees of freedom: the number of surveys minus 1."),
        (lambda a, e: _near(a, 1 - e, 0.006),
         "that is 1 minus the p-value."),
        (lambda a, e: a < 0 or a > 1,
         "a p-value lies between 0 and 1."),
    ],
)


# --------------------------------------------------------------------------- 10.4b planning a new pair of surveys
def _plan(high=None, low=None, power=0.8, confidence=0.95, method="cohen-h"):
    r = _random_surveys()["corresponded_pct"]
    high = r.max() if high is None else high
    low = r.min() if low is None else low
    return stats.sample_size_two_proportions(high / 100, low / 100, power=power, confidence=confidence, method=method)


def _all_pairs():
    values = sorted(set(load_table("3.1")["corresponded_pct"]))
    return {_plan(a, b, method=m) for a in values for b in values if a != b for m in ("cohen-h", "pooled", "unpooled")}


question(
    "10.4b", lambda: _plan(), kind="count",
    prompt="Planning a new pair of equal-sized surveys: young people needed per survey to detect the difference between "
           "the highest and lowest random-sample 'corresponded' percentages (80% power, 95% confidence).",
    accept=[(lambda: _plan(method="pooled"), "from the pooled-variance formula for the z test (Fleiss et al.)"),
            (lambda: _plan(method="unpooled"), "from the unpooled-variance formula")],
    method="Cohen's effect size h (the default of stats.sample_size_two_proportions)",
    hints=[
        (lambda a, e: a in (2 * e, 2 * _plan(method="pooled"), 2 * _plan(method="unpooled")),
         "that is the total for the two surveys together; the question asks for the number per survey."),
        (lambda a, e: e - 1 <= a < e,
         "round up, not down: a sample one person smaller would fall short of 80% power."),
        (lambda a, e: a in {_plan(power=0.9, method=m) for m in ("cohen-h", "pooled", "unpooled")},
         "that is the size for 90% power; the question asks for 80%."),
        (lambda a, e: a in {_plan(confidence=c, method=m) for c in (0.9, 0.99) for m in ("cohen-h", "pooled", "unpooled")},
         "check the confidence level: the question asks for 95% (a two-sided test at the 5% level)."),
        (lambda a, e: a in {_plan(high=load_table("3.1")["corresponded_pct"].max(), method=m)
                            for m in ("cohen-h", "pooled", "unpooled")},
         "you included Bryce (2008), a non-random sample; the question asks about the four random-sample "
         "surveys only."),
        (lambda a, e: a in _all_pairs(),
         "you compared two of the surveys, but not the highest and the lowest of the four random-sample ones."),
        (lambda a, e: a in set(int(x) for x in _random_surveys()["sample_size"]),
         "that is the size of one of the real surveys; the question asks what a new pair of surveys would need."),
        (lambda a, e: any(a == stats.sample_size_for_margin(p / 100, m)
                          for p in _random_surveys()["corresponded_pct"] for m in (0.01, 0.015, 0.03)),
         "that is a sample size for a margin of error around one percentage; the question is about detecting "
         "a difference between two surveys: use stats.sample_size_two_proportions."),
        (lambda a, e: a != int(a),
         "a sample size is a whole number of young people: round up."),
    ],
)


# --------------------------------------------------------------------------- 10.5 percentages that do not match their counts
def _cells():
    s = load_table("3.1")
    frames = []
    for m in MEASURES:
        frames.append(pd.DataFrame({
            "printed": s[f"{m}_pct"],
            "qualifier": s[f"{m}_qualifier"] if f"{m}_qualifier" in s else pd.NA,
            "count": s[f"{m}_n"],
            "n": s["sample_size"],
        }))
    cells = pd.concat(frames).dropna(subset=["printed", "count"])
    cells["recomputed"] = 100 * cells["count"].astype(float) / cells["n"].astype(float)
    return cells


def _mismatches(tolerance=None, less_than=True):
    c = _cells()
    tol = np.where(c["printed"] % 1 == 0, 0.5, 0.05) if tolerance is None else tolerance
    bad = (c["recomputed"] - c["printed"]).abs() > tol
    if less_than:
        lt = c["qualifier"].eq("less than").fillna(False).astype(bool)
        bad[lt.values] = (c.loc[lt.values, "recomputed"] >= c.loc[lt.values, "printed"]).values
    return int(bad.sum())


question(
    "10.5", lambda: _mismatches(), kind="count",
    prompt="How many of Table 3.1's printed percentages (with a count beside them) do not match count / sample size?",
    hints=[
        (lambda a, e: a != int(a),
         "this is a number of table cells: a whole number."),
        (lambda a, e: a == _mismatches(less_than=False) and a != e,
         "your rule misses a cell printed with 'less than' (see the *_qualifier columns): for such a cell the "
         "recomputed percentage must be below the printed one."),
        (lambda a, e: a == len(_cells()),
         "that is the number of cells you checked; the question asks how many of them do not match."),
        (lambda a, e: a == len(_cells()) - e,
         "that is the number of cells that match; the question asks how many do not."),
        (lambda a, e: a == len(_cells()) - _mismatches(less_than=False),
         "that is the number of cells that match by your rule, and the rule misses the 'less than' cell: "
         "count the cells that do not match."),
        (lambda a, e: a == 0,
         "no mismatches means the rule is too loose: for a percentage printed to one decimal place, half its last "
         "digit is 0.05 points, not 0.5; and check the 'less than' cell."),
        (lambda a, e: a > e,
         "too many: check your tolerance (half the last printed digit: 0.5 points for whole percentages, 0.05 "
         "for one decimal place) and that you compared each count with its own survey's sample size."),
    ],
)
