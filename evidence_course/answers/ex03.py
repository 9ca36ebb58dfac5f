"""Exercise set 03 · Online grooming: police, CEOP and court data, and under-reporting.

Expected values are computed from the data package when a check runs (Table 3.2, Table 3.3,
the ONS population estimates and facts.csv rows F035, F036 and F037); nothing from the chapter is
typed here. The only numbers typed are the exercises' own settings (the years and the ±2-point margin
the questions choose) and the tolerances.

Method choices (each question states the method; where another reasonable method gives a different
answer, ``accept`` marks it correct and says which one it matches):
03.5 Wilson without the finite population correction (with it, for N = 1,145, also accepted);
03.6 the ratio's interval scaled for overdispersion (quasi-Poisson, Pearson's φ from a log-linear trend
on all nine years; the deviance's φ agrees within the tolerance);
03.7 the normal-approximation planning formula, no finite population correction (Wilson planning
also accepted).
"""
from __future__ import annotations

import math

from ..checks import near as _near, pair_near as _pair_near, question, wilson_hints
from ..data import load_table, fact_value as _value
from .. import stats

MARGIN = 0.02  # exercise 6's chosen margin, ±2 percentage points (a setting, not a finding)
EARLIER, LATER = "2008/09", "2009/10"  # exercise 5's two financial years (a choice, not a finding)


def _sample() -> int:  # CEOP's 2012 representative sample of reports (F036, line 427)
    return int(_value("F036"))


def _contact_pct() -> float:  # "just under seven per cent" (F037, line 428): printed value, an upper bound
    return _value("F037")


def _public_reports() -> int:  # all reports CEOP received from the public in 2012 (F035, line 425)
    return int(_value("F035"))


def _offences():
    return load_table("3.2").set_index("year")["offences"]


def _population():
    return load_table("population_england_wales").set_index("year")["population"]


# --------------------------------------------------------------------------- 03.1 "just under seven per cent"
def _just_under(offset=0):
    n = _sample()
    k = math.floor(_contact_pct() / 100 * n) + offset  # the largest whole count below the printed percentage
    return stats.percent_of(k, n)


question(
    "03.1", _just_under, tolerance=0.006,
    prompt="The largest whole number of the 350 sampled reports that is under 7%, recomputed as a percentage, "
           "to 2 decimal places.",
    hints=[
        (lambda a, e: _near(a, _contact_pct(), 1e-9),
         "that is the printed percentage; the question asks what a whole number of reports below it gives "
         "when you recompute the percentage from the count."),
        (lambda a, e: _near(a, _just_under(offset=1), 0.006),
         "you rounded the implied count up: that whole number of reports is more than seven per cent, not "
         "'just under'. Round down."),
        (lambda a, e: _near(a, e / 100, 0.0001),
         "that is a proportion (between 0 and 1); give a percentage."),
        (lambda a, e: _near(a, math.floor(_contact_pct() / 100 * _sample()), 0.5)
         or _near(a, _contact_pct() / 100 * _sample(), 0.01),
         "that is a number of reports; the question asks you to turn the whole count back into a percentage "
         "of the sample."),
        (lambda a, e: _near(a, _just_under(offset=-1), 0.006),
         "that count is below seven per cent, but is it the largest whole count that is? Round the implied count "
         "down, once."),
        (lambda a, e: _near(a, e, 0.05),
         "close, but not within rounding: give the percentage to 2 decimal places."),
    ],
)


# --------------------------------------------------------------------------- 03.2 change in the rate per 100,000
def _rate(year, pop_year):
    return stats.rate_per_100k(_offences()[year], _population()[pop_year])


def _rate_change():
    return stats.percent_change(_rate("2011/12", "2011"), _rate("2012/13", "2012"))


question(
    "03.2", _rate_change, tolerance=0.006,
    prompt="Percentage change in the rate of recorded grooming offences per 100,000 people from 2011/12 "
           "(mid-2011 population) to 2012/13 (mid-2012 population), to 2 decimal places.",
    hints=[
        (lambda a, e: _near(a, stats.percent_change(_offences()["2011/12"], _offences()["2012/13"]), 0.006),
         "that is the percentage change in the counts (or in rates that use the same population for both "
         "years); divide each year's count by its own year's population first."),
        (lambda a, e: _near(a, stats.percent_change(_rate("2011/12", "2012"), _rate("2012/13", "2011")), 0.006),
         "you swapped the populations: 2011/12 goes with the mid-2011 estimate, 2012/13 with mid-2012."),
        (lambda a, e: _near(a, _rate("2012/13", "2012") - _rate("2011/12", "2011"), 0.0006),
         "that is the difference between the two rates (per 100,000 people); the question asks for the "
         "change as a percentage of the earlier rate."),
        (lambda a, e: _near(a, e / 100, 0.0001),
         "that is a proportion; give the percentage change."),
        (lambda a, e: _near(a, -e, 0.006),
         "right size, wrong sign: change is (later - earlier) / earlier, from 2011/12 to 2012/13."),
        (lambda a, e: _near(a, stats.percent_change(_rate("2012/13", "2012"), _rate("2011/12", "2011")), 0.006),
         "you divided by the later rate: percentage change is measured from the earlier year, 2011/12."),
        (lambda a, e: a > 0,
         "the count rose, but did the rate? Check that each year's count is divided by its own population."),
    ],
)


# --------------------------------------------------------------------------- 03.3 Table 3.3 is not a funnel
def _wide():
    courts = load_table("3.3")
    return courts.pivot(index=["victim_sex", "year"], columns="outcome", values="count")


def _rows(condition, sex=None):
    w = _wide()
    if sex is not None:
        w = w.loc[[sex]]
    return int(condition(w).sum())


def _more_guilty(w):
    return w["found_guilty"] > w["proceeded_against"]


question(
    "03.3", lambda: _rows(_more_guilty), kind="count",
    prompt="Number of rows (sex of the child and year) of Table 3.3 in which more people were found guilty "
           "than were proceeded against.",
    hints=[
        (lambda a, e: a == _rows(_more_guilty, "female"),
         "that is the count for female children only (or the number of distinct years); count the rows for "
         "both sexes."),
        (lambda a, e: a == _rows(_more_guilty, "male"),
         "that is the count for male children only; count the rows for both sexes."),
        (lambda a, e: a == _rows(lambda w: w["found_guilty"] >= w["proceeded_against"]),
         "you also counted rows where the two numbers are equal; the question asks for more found guilty."),
        (lambda a, e: a == _rows(lambda w: w["sentenced"] > w["found_guilty"]),
         "that compares sentenced with found guilty; the question compares found guilty with proceeded against."),
        (lambda a, e: a == _rows(lambda w: w["found_guilty"] < w["proceeded_against"]),
         "you counted the rows with fewer found guilty than proceeded against: reverse the comparison."),
        (lambda a, e: a == len(_wide()),
         "that is the number of rows in the table; count only the rows that meet the condition."),
        (lambda a, e: a > 100,
         "that looks like a number of people; the question asks how many rows (sex and year) meet the condition."),
    ],
)

# --------------------------------------------------------------------------- 03.4 people are not offences
question(
    "03.4", lambda: "c", kind="choice",
    prompt="72 sentenced (2012) divided by 373 recorded offences (2012/13): what is the main problem? a, b, c or d.",
    hints=[
        (lambda a, e: a == "a",
         "check what each table counts (ec.resource('3.2') and ec.resource('3.3') describe them): the "
         "numerator and the denominator must count the same thing over the same period."),
        (lambda a, e: a == "b",
         "dividing by people proceeded against does not help either: Table 3.3 is not a funnel of the same "
         "people (think of exercise 3)."),
        (lambda a, e: a == "d",
         "writing the ratio as a percentage does not change what it divides by what."),
        (lambda a, e: a not in ("a", "b", "c", "d"),
         "give one letter, a, b, c or d, in quotes."),
    ],
)


# --------------------------------------------------------------------------- 03.5 Wilson interval for CEOP's 7%
def _ci(method="wilson", n=None, pct=None, confidence=0.95, population=None):
    n = _sample() if n is None else n
    pct = _contact_pct() if pct is None else pct
    ci = stats.proportion_ci_pct(pct, n, method=method, confidence=confidence, population=population)
    return (ci.low, ci.high)


def _ci_from_count(method="wilson"):
    n = _sample()
    ci = stats.proportion_ci(math.floor(_contact_pct() / 100 * n), n, method=method).scaled(100)
    return (ci.low, ci.high)


question(
    "03.5", lambda: _ci(), kind="interval", tolerance=0.06,
    prompt="95% Wilson interval for the printed 7% of 350 sampled reports, in per cent to 1 decimal place, "
           "without the finite population correction.",
    accept=[(lambda: _ci(population=_public_reports()),
             "with the finite population correction for the 1,145 public reports of 2012 (population=1145), "
             "right if the 350 were a random sample of them, which the chapter does not say")],
    method="the Wilson interval without the finite population correction",
    hints=[
        *wilson_hints(_ci),
        (lambda a, e: _pair_near(a, _ci_from_count(), 0.06),
         "that is the interval for the whole count of exercise 1; this question uses the printed percentage."),
        (lambda a, e: _pair_near(a, _ci(n=_public_reports()), 0.06),
         "you used all the public reports of 2012 (F035) as n; the percentage is a share of the sample (F036)."),
        (lambda a, e: _pair_near(a, _ci(pct=100 - _contact_pct()), 0.06),
         "that is the interval for the online-only share; the question asks about reports with a contact meeting."),
        (lambda a, e: _pair_near(a, _ci(confidence=0.99), 0.06) or _pair_near(a, _ci(confidence=0.9), 0.06),
         "check the confidence level: the question asks for 95%."),
    ],
)


# --------------------------------------------------------------------------- 03.6 is a rise larger than chance?
def _phi(kind="pearson"):  # dispersion of Table 3.2 around a log-linear Poisson trend (about 6)
    return stats.poisson_trend(list(_offences()), dispersion=kind)["dispersion"]


def _ratio(earlier=EARLIER, later=LATER, dispersion=None):
    phi = _phi() if dispersion is None else dispersion
    ratio = stats.compare_counts(_offences()[earlier], _offences()[later], dispersion=phi)["ratio"]
    return (ratio.low, ratio.high)


question(
    "03.6", lambda: _ratio(), kind="interval", tolerance=0.006,
    prompt="95% interval for the ratio of recorded grooming offences 2009/10 to 2008/09 (later ÷ earlier), "
           "scaled for overdispersion (stats.compare_counts with dispersion = Pearson's φ of the whole series), "
           "to 2 decimal places.",
    hints=[
        (lambda a, e: _pair_near(a, _ratio(dispersion=1.0), 0.006),
         "that interval treats each count as Poisson (dispersion 1), but Table 3.2 varies about six times as much as "
         "Poisson chance allows: estimate φ with stats.poisson_trend and pass it as dispersion=phi."),
        (lambda a, e: _pair_near(a, _ratio(dispersion=math.sqrt(_phi())), 0.006),
         "you passed the square root of φ: dispersion is φ itself, the factor that multiplies the variance "
         "(compare_counts takes the square root for you)."),
        (lambda a, e: _pair_near(a, _ratio(LATER, EARLIER), 0.006) or _pair_near(a, _ratio(LATER, EARLIER, 1.0), 0.006),
         "your interval is for earlier ÷ later: put the earlier year first in stats.compare_counts."),
        (lambda a, e: _pair_near(a, [100 * (x - 1) for x in e], 0.6),
         "that is the interval as a percentage change; the question asks for the ratio itself."),
        (lambda a, e: any(_pair_near(a, (ci.low, ci.high), 1)
                          for ci in (stats.poisson_ci(_offences()[y]) for y in (EARLIER, LATER))),
         "that is the Poisson interval for one year's count; the question asks for the interval of the ratio "
         "between the two years."),
        (lambda a, e: a[1] < 1,
         "an interval below 1 means a fall: check the two years and their order (the later year is divided by "
         "the earlier one)."),
        (lambda a, e: a[0] > 1,
         "an interval wholly above 1: is it scaled for overdispersion? Pass dispersion=phi, with phi from "
         "stats.poisson_trend on the whole series."),
        (lambda a, e: _pair_near(a, e, 0.05),
         "close, but not within rounding: give each end to 2 decimal places."),
    ],
)

# --------------------------------------------------------------------------- 03.7 planning a new sample of reports
question(
    "03.7", lambda: stats.sample_size_for_margin(_contact_pct() / 100, MARGIN), kind="count",
    prompt="Reports to sample to estimate the contact-meeting share, planning value the printed 7%, to within "
           "±2 percentage points with 95% confidence (normal-approximation formula, no finite population correction).",
    accept=[(lambda: stats.sample_size_for_margin(_contact_pct() / 100, MARGIN, method="wilson"),
             "planned with the Wilson interval (both of its half-widths within ±2 points, method=\"wilson\")")],
    method="the normal-approximation formula",
    hints=[
        (lambda a, e: a == stats.sample_size_for_margin(_contact_pct() / 100, MARGIN, population=_public_reports()),
         "that applies the finite population correction for 2012's 1,145 reports; the question plans for a new "
         "year whose number of reports is not known, so leave the correction out (keep it for the defence)."),
        (lambda a, e: e - 1 <= a < e,
         "round up, not down or to the nearest: one report fewer would miss the margin."),
        (lambda a, e: a == stats.sample_size_for_margin(0.5, MARGIN),
         "that is the worst case, p = 0.5; the question asks you to plan with the printed 7%."),
        (lambda a, e: a == stats.sample_size_for_margin(_contact_pct() / 100, 2 * MARGIN),
         "you used the full width of the interval as the margin; the margin is the half-width, ±2 points."),
        (lambda a, e: a == stats.sample_size_for_margin(_contact_pct() / 100, MARGIN / 2),
         "you used half the margin: ±2 points means a half-width of 2 percentage points (0.02)."),
        (lambda a, e: a == _sample(),
         "that is the sample CEOP actually examined; the question asks what the formula requires."),
        (lambda a, e: a == stats.sample_size_for_margin(_contact_pct() / 100, MARGIN, confidence=0.9),
         "that is the size for 90% confidence; the question asks for 95%."),
        (lambda a, e: a != int(a),
         "a sample size is a whole number of reports: round up."),
    ],
)
