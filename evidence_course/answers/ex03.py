"""Exercise set 03 · Online grooming: police, CEOP and court data, and under-reporting.

Expected values are computed from the data package when a check runs (Table 3.2, Table 3.3 and the
ONS population estimates); nothing from the chapter is typed here. The only numbers typed are the
exercises' own settings (the years the questions choose) and the tolerances.

Questions: 03.1 and 03.2 are the quick checks; 03.3 to 03.5 are parts (a) to (c) of the analysis task.

Method choices (where another reasonable method gives a different answer, ``accept`` marks it correct
and says which one it matches):
03.4 the dispersion φ as Pearson's chi-squared over its degrees of freedom, around a log-linear Poisson
trend on all nine years (φ from the deviance also accepted);
03.5 the ratio's interval scaled for overdispersion (quasi-Poisson) with Pearson's φ (with the deviance's
φ also accepted).
"""
from __future__ import annotations

import math
import statistics

from ..checks import near as _near, pair_near as _pair_near, question
from ..data import load_table
from .. import stats

FIRST, LAST = "2004/05", "2012/13"  # the headline's two financial years (lines 343-345; a choice, not a finding)


def _offences():
    return load_table("3.2").set_index("year")["offences"]


def _population():
    return load_table("population_england_wales").set_index("year")["population"]


# --------------------------------------------------------------------------- 03.1 Table 3.3 is not a funnel
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
    "03.1", lambda: _rows(_more_guilty), kind="count",
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

# --------------------------------------------------------------------------- 03.2 people are not offences
question(
    "03.2", lambda: "c", kind="choice",
    prompt="72 sentenced (2012) divided by 373 recorded offences (2012/13): what is the main problem? a, b, c or d.",
    hints=[
        (lambda a, e: a == "a",
         "check what each table counts (ec.resource('3.2') and ec.resource('3.3') describe them): the "
         "numerator and the denominator must count the same thing over the same period."),
        (lambda a, e: a == "b",
         "dividing by people proceeded against does not help either: Table 3.3 is not a funnel of the same "
         "people (think of exercise 1)."),
        (lambda a, e: a == "d",
         "writing the ratio as a percentage does not change what it divides by what."),
        (lambda a, e: a not in ("a", "b", "c", "d"),
         "give one letter, a, b, c or d, in quotes."),
    ],
)


# --------------------------------------------------------------------------- 03.3 change in the rate per 100,000 (task, part a)
def _rate(year, pop_year):
    return stats.rate_per_100k(_offences()[year], _population()[pop_year])


def _rate_change():
    return stats.percent_change(_rate("2011/12", "2011"), _rate("2012/13", "2012"))


question(
    "03.3", _rate_change, tolerance=0.006,
    prompt="Percentage change in the rate of recorded grooming offences per 100,000 people from 2011/12 "
           "(mid-2011 population) to 2012/13 (mid-2012 population), to 2 decimal places.",
    hints=[
        (lambda a, e: _near(a, stats.percent_change(_offences()["2011/12"], _offences()["2012/13"]), 0.006),
         "that is the percentage change in the counts (or in rates that use the same population for both "
         "years): did each financial year get its own mid-year population in the merge?"),
        (lambda a, e: _near(a, stats.percent_change(_rate("2011/12", "2012"), _rate("2012/13", "2011")), 0.006),
         "you matched each financial year to the mid-year after it starts: 2011/12 (April 2011 to March 2012) "
         "contains mid-2011, and mid-2012 falls after it ends. Use the first four characters of the label."),
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


# --------------------------------------------------------------------------- 03.4 the dispersion (task, part b)
def _phi(kind="pearson"):  # dispersion of Table 3.2 around a log-linear Poisson trend (about 6)
    return stats.poisson_trend(list(_offences()), dispersion=kind)["dispersion"]


def _fit():
    return stats.poisson_trend(list(_offences()))


question(
    "03.4", lambda: _phi(), tolerance=0.006,
    prompt="Dispersion phi of Table 3.2 around a log-linear Poisson trend: Pearson's chi-squared over its "
           "degrees of freedom, to 2 decimal places.",
    accept=[(lambda: _phi("deviance"),
             "from the deviance instead of Pearson's chi-squared; the two estimates of phi differ a little")],
    method="Pearson's chi-squared over its degrees of freedom",
    hints=[
        (lambda a, e: _near(a, math.sqrt(e), 0.006),
         "that is the square root of phi, the factor by which intervals widen; the dispersion is phi itself, "
         "the factor that multiplies the variance."),
        (lambda a, e: _near(a, _fit()["pearson_chi2"], 0.05),
         "that is Pearson's chi-squared itself; divide it by its degrees of freedom."),
        (lambda a, e: any(_near(a, _fit()["pearson_chi2"] / df, 0.006) for df in (len(_offences()), len(_offences()) - 1)),
         "check the degrees of freedom: nine years minus the two numbers the trend fits (a level and a slope)."),
        (lambda a, e: _near(a, statistics.variance(_offences()) / statistics.mean(_offences()), 0.05),
         "that is the variance of the counts over their mean, with no trend: the rise over the years counts as "
         "spread. Measure the spread around a fitted trend (notebook 03, Section 3)."),
        (lambda a, e: _near(a, 1, 0.006),
         "a dispersion of exactly 1 is what a Poisson series is assumed to have; the question asks you to "
         "estimate it from the data."),
        (lambda a, e: _near(a, e, 0.05),
         "close, but not within rounding: give phi to 2 decimal places."),
    ],
)


# --------------------------------------------------------------------------- 03.5 the whole-period ratio (task, part c)
def _ratio(earlier=FIRST, later=LAST, dispersion=None):
    phi = _phi() if dispersion is None else dispersion
    ratio = stats.compare_counts(_offences()[earlier], _offences()[later], dispersion=phi)["ratio"]
    return (ratio.low, ratio.high)


question(
    "03.5", lambda: _ratio(), kind="interval", tolerance=0.006,
    prompt="95% interval for the ratio of recorded grooming offences 2012/13 to 2004/05 (later / earlier), "
           "scaled for overdispersion with Pearson's phi of the whole series, to 2 decimal places.",
    accept=[(lambda: _ratio(dispersion=_phi("deviance")),
             "scaled with the deviance's estimate of phi; the model answer uses Pearson's")],
    method="the quasi-Poisson comparison with Pearson's phi",
    hints=[
        (lambda a, e: _pair_near(a, _ratio(dispersion=1.0), 0.006),
         "that interval treats each count as Poisson (dispersion 1), but you found in part (b) that the series "
         "varies about six times as much as Poisson chance: pass your phi as the dispersion."),
        (lambda a, e: _pair_near(a, _ratio(dispersion=math.sqrt(_phi())), 0.006),
         "you passed the square root of phi: dispersion is phi itself, the factor that multiplies the variance "
         "(compare_counts takes the square root for you)."),
        (lambda a, e: _pair_near(a, _ratio(LAST, FIRST), 0.006) or _pair_near(a, _ratio(LAST, FIRST, 1.0), 0.006),
         "your interval is for earlier / later: put the earlier year, 2004/05, first."),
        (lambda a, e: _pair_near(a, [100 * (x - 1) for x in e], 0.6),
         "that is the interval as a percentage change; the question asks for the ratio itself."),
        (lambda a, e: any(_pair_near(a, (ci.low, ci.high), 1)
                          for ci in (stats.poisson_ci(_offences()[y]) for y in (FIRST, LAST))),
         "that is the Poisson interval for one year's count; the question asks for the interval of the ratio "
         "between the two years."),
        (lambda a, e: a[1] < 1,
         "an interval below 1 means a fall: check the two years and their order (the later year is divided by "
         "the earlier one)."),
        (lambda a, e: _pair_near(a, e, 0.05),
         "close, but not within rounding: give each end to 2 decimal places."),
    ],
)
