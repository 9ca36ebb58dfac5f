"""Exercise set 10 · Capstone: evaluating the evidence.

Expected values are computed from the data package when a check runs (Table 3.1's random-sample surveys,
Table 3.6 and Table 3.7, and facts.csv looked up by key); nothing from the chapter is typed here. The only
numbers typed are the tolerances.

Set 10 has four self-checks: 10.1 (which source counts people?), 10.2 (the chi-squared test of homogeneity
across Table 3.1's random-sample surveys), and, in the analysis task's part (c), 10.3 (the percent change in
individuals sentenced under s.1, 2006 to 2012) and 10.4 (the lower end of the 95% interval for the ratio of
the two years' counts, allowing for overdispersion). 10.4 accepts the dispersion estimated from the deviance
as well as from Pearson's chi-squared (the model answer's), and says which one an answer matches. The hints
say what a wrong answer suggests; they do not name functions.
"""
from __future__ import annotations

from ..checks import near as _near, proportion_hint, question
from ..data import load_table, fact_value as _value
from .. import stats

FIRST_YEAR, LAST_YEAR = "2006", "2012"  # the first and last calendar years of Table 3.7


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
         "'one offender may receive multiple charges' (*Police recorded crime, charges and convictions data*, line 927)."),
        (lambda a, e: a == "iwf",
         "the IWF counts URLs: its unit column says 'not images, not people'."),
        (lambda a, e: a in ("moj", "ministry of justice court data", "the ministry of justice"),
         "use the option exactly as listed, in quotes."),
        (lambda a, e: a not in OPTIONS_1,
         "give one of the four options, 'police', 'CPS', 'Ministry of Justice' or 'IWF', in quotes."),
    ],
)


# --------------------------------------------------------------------------- 10.2 do the random-sample surveys differ?
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
    "10.2", lambda: _homogeneity()["p_value"], tolerance=0.006,
    prompt="p-value, to 2 decimal places, of the chi-squared test of homogeneity of the 'corresponded' counts across "
           "Table 3.1's four random-sample surveys.",
    hints=[
        (lambda a, e: 1 < a <= 100 and _near(a / 100, e, 0.006),
         "a p-value is a probability between 0 and 1, not a percentage."),
        (lambda a, e: _near(a, _homogeneity()["statistic"], 0.01),
         "that is the chi-squared statistic; the question asks for its p-value."),
        (lambda a, e: _near(a, _homogeneity(load_table("3.1"))["p_value"], 0.006),
         "you included Bryce (2008), a non-random sample; the test is about the four random-sample surveys."),
        (lambda a, e: any(_near(a, p, 0.006) for p in _leave_one_out_p_values(overlapping=True)),
         "that is the test with the UK or the European EU Kids Online sample left out (three surveys, 2 degrees of "
         "freedom). It is a good check, because the UK sample is part of the European one: keep it for "
         "the analysis task. The question asks for all four."),
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


# --------------------------------------------------------------------------- 10.3 a trend in individuals sentenced (analysis task, part c)
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
    "10.3", lambda: _change(_court()), tolerance=0.06,
    prompt="Percent change in individuals sentenced under s.1 of the Protection of Children Act 1978, "
           "2006 to 2012, to 1 decimal place.",
    hints=[
        proportion_hint("that is a proportion; give the change in per cent."),
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
        (lambda a, e: _near(a, stats.percent_change(_value("moj_sentenced_pca_s1_2006"), _value("moj_sentenced_pca_s1_2012")), 0.06),
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


# --------------------------------------------------------------------------- 10.4 the ratio of two years, allowing for overdispersion
def _dispersion(method="pearson"):
    return stats.poisson_trend(_court().tolist(), dispersion=method)["dispersion_used"]


def _ratio(dispersion=None, first=FIRST_YEAR, last=LAST_YEAR, series=None):
    counts = _court() if series is None else series
    phi = _dispersion() if dispersion is None else dispersion
    return stats.compare_counts(counts[first], counts[last], dispersion=phi)["ratio"]


question(
    "10.4", lambda: _ratio().low, tolerance=0.006,
    prompt="Lower end, to 2 decimal places, of the 95% interval for the ratio of individuals sentenced under s.1 in "
           "2012 to 2006, with the variance scaled by the series' dispersion (quasi-Poisson).",
    accept=[(lambda: _ratio(dispersion=_dispersion("deviance")).low,
             "with the dispersion estimated from the deviance")],
    method="the dispersion estimated from Pearson's chi-squared (the notebook's)",
    hints=[
        (lambda a, e: _near(a, _ratio(dispersion=1.0).low, 0.006),
         "that is the plain Poisson interval, which assumes the yearly counts vary only as much as Poisson chance; "
         "this series varies several times as much, so scale the variance by its dispersion."),
        (lambda a, e: _near(a, _ratio().estimate, 0.006),
         "that is the ratio itself; the question asks for the lower end of its interval."),
        (lambda a, e: _near(a, _ratio().high, 0.006) or _near(a, _ratio(dispersion=1.0).high, 0.006),
         "that is the upper end of an interval; the question asks for the lower end."),
        (lambda a, e: _near(a, 1 / _ratio().high, 0.006) or _near(a, 1 / _ratio().estimate, 0.006),
         "you put the years the wrong way round: the ratio is the later year (2012) over the earlier (2006)."),
        (lambda a, e: _near(a, stats.poisson_trend(_court().tolist())["rate_ratio_quasi"].low, 0.006)
         or _near(a, stats.poisson_trend(_court().tolist())["rate_ratio"].low, 0.006),
         "that is the interval for the trend per year; the question compares the last year with the first."),
        (lambda a, e: _near(a, _ratio(series=_court(outcome="found_guilty"), dispersion=stats.poisson_trend(
            _court(outcome="found_guilty").tolist())["dispersion_used"]).low, 0.006),
         "that is the series of individuals found guilty; the question asks about those sentenced."),
        (lambda a, e: _near(a, _dispersion(), 0.06),
         "that is the dispersion itself; use it to scale the comparison of the two years."),
        (lambda a, e: _near(a, _ratio().low - 1, 0.006),
         "that looks like the interval as a change (ratio − 1); give the ratio's lower end."),
    ],
)
