"""Exercise set 01 · Cyber-enabled crime and the two key forms of offending.

Expected values are computed from the data package when a check runs (facts.csv rows F003,
F027–F033, F036 and F041); nothing from the chapter is typed here. The only numbers typed are
the exercise's own hypothetical settings (the ±2-point margin of exercise 7) and the tolerances.

Exercises 6 and 7 state that the sample is drawn from the reports of 2009/10 (F027, a finite
population) and ask for the finite population correction. The uncorrected answers are
not marked correct, but get a hint that names the correction (not "check what is being counted").
"""
from __future__ import annotations

from ..checks import near as _near, pair_near as _pair_near, question, wilson_hints
from ..data import load_table, fact_value as _value
from .. import stats

CEOP_SHARE_IDS = ["F028", "F029", "F030", "F031", "F032", "F033"]  # the six 2009/10 categories (lines 418-424)
MARGIN = 0.02  # exercise 7's chosen margin, ±2 percentage points (a setting, not a finding)


def _ceop_shares():
    facts = load_table("facts")
    return facts[facts["id"].isin(CEOP_SHARE_IDS)]["value"]


def _total() -> float:  # reports relating to child sex offending, 2009/10 (F027, line 407)
    return _value("F027")


def _all_reports() -> float:  # all reports to CEOP in 2009/10 (F041, footnote 4, line 601)
    return _value("F041")


def _sample() -> int:  # CEOP's 2012 representative sample of reports (F036, line 427)
    return int(_value("F036"))


def _interval_pct(method: str, n: int, population="reports"):
    """The online-grooming share's interval for a random sample of n; by default from the reports of F027."""
    population = int(_total()) if population == "reports" else population
    ci = stats.proportion_ci_pct(_value("F028"), n, method=method, population=population)
    return (ci.low, ci.high)


def _plan(margin=MARGIN, p=None, confidence=0.95, population="reports"):
    """Reports to read for the margin; by default from the finite population of reports (F027)."""
    p = _value("F028") / 100 if p is None else p
    population = int(_total()) if population == "reports" else population
    return stats.sample_size_for_margin(p, margin, confidence=confidence, population=population)


# --------------------------------------------------------------------------- 01.1 ordinal scale
question(
    "01.1", lambda: "c", kind="choice",
    prompt="Which statement about Sentencing Council levels respects an ordinal scale? a, b or c.",
    hints=[
        (lambda a, e: a == "a",
         "a mean adds up level numbers and divides, which treats every step between levels as the same size; "
         "the scale only puts the levels in order of 'increasing seriousness'."),
        (lambda a, e: a == "b",
         "'twice as serious' needs equal units and a true zero; the level numbers are ranks, not amounts."),
        (lambda a, e: a not in ("a", "b", "c"),
         "give one letter, a, b or c, in quotes."),
    ],
)

# --------------------------------------------------------------------------- 01.2 sum of the printed shares
question(
    "01.2", lambda: float(_ceop_shares().sum()), tolerance=0.01,
    prompt="Sum of the six printed CEOP 2009/10 percentages.",
    hints=[
        (lambda a, e: _near(a, 100, 0.01),
         "that is what shares of a whole should add up to, not what the chapter printed: add the `value` column "
         "of the six rows F028 to F033."),
        (lambda a, e: _near(a, e / 100, 0.001),
         "that is a proportion; the question asks for the sum of the percentages as printed."),
        (lambda a, e: _near(a, e + _total(), 0.5),
         "you have included F027, the total number of reports, in the sum: keep only the six shares F028 to F033."),
        (lambda a, e: _near(a, e * _total() / 100, 1),
         "that is a number of reports (implied counts); the question asks for the sum of the percentages."),
        (lambda a, e: a < e,
         "your total is too small: check that you selected all six rows, F028 to F033."),
        (lambda a, e: a > e,
         "your total is too large: check that you selected only the six rows F028 to F033."),
    ],
)

# --------------------------------------------------------------------------- 01.3 implied count
question(
    "01.3", lambda: _value("F028") * _total() / 100, tolerance=0.06,
    prompt="Implied number of the 2009/10 reports that related to online grooming, to 1 decimal place.",
    hints=[
        (lambda a, e: _near(a, _value("F028") * _all_reports() / 100, 0.5),
         "you used all the reports CEOP received (footnote 4); the percentages are shares of the reports that "
         "related to child sex offending."),
        (lambda a, e: _near(a, e * 100, 5),
         "you multiplied by the percentage without dividing by 100."),
        (lambda a, e: _near(a, e / 100, 0.01),
         "you divided by 100 twice: a share of 10 per cent is 10 / 100 of the reports."),
        (lambda a, e: _near(a, round(e), 0.01),
         "you rounded to a whole report; give the implied count to 1 decimal place (it need not be a whole "
         "number, because the percentage was rounded)."),
        (lambda a, e: any(_near(a, _value(i) * _total() / 100, 0.06) for i in CEOP_SHARE_IDS[1:]),
         "that is the implied count for a different category: online grooming is row F028."),
    ],
)

# --------------------------------------------------------------------------- 01.4 share of all reports
question(
    "01.4", lambda: stats.percent_of(_total(), _all_reports()), tolerance=0.06,
    prompt="Percentage of all reports to CEOP in 2009/10 that related to child sex offending, to 1 decimal place.",
    hints=[
        (lambda a, e: _near(a, e / 100, 0.001),
         "that is a proportion (between 0 and 1); give a percentage."),
        (lambda a, e: _near(a, 100 * _all_reports() / _total(), 0.1),
         "you divided the wrong way round: the reports about child sex offending are part of all reports."),
        (lambda a, e: _near(a, 100 - e, 0.1),
         "that is the share of reports about other types of incident; the question asks for the share that "
         "related to child sex offending."),
    ],
)

# --------------------------------------------------------------------------- 01.5 unit of the 3,652
question(
    "01.5", lambda: "reports", kind="choice",
    prompt="What is one unit of the 3,652? children, offenders, offences or reports.",
    hints=[
        (lambda a, e: a.rstrip("s") == "report",
         "use the option exactly as listed, in the plural."),
        (lambda a, e: a.startswith("child"),
         "the chapter counts what was reported to CEOP, not the children concerned: it does not say how many "
         "children the reports involved."),
        (lambda a, e: a.startswith("offender"),
         "the chapter does not say how many people the reports concerned; more than one report can relate "
         "to the same person."),
        (lambda a, e: a.startswith("offence") or a.startswith("crime"),
         "recorded offences are what the police count (Table 3.2); the chapter does not say how many of these "
         "were recorded as crimes."),
        (lambda a, e: a not in ("children", "offenders", "offences", "reports"),
         "give one of the four options, children, offenders, offences or reports, in quotes."),
    ],
)

# --------------------------------------------------------------------------- 01.6 Wilson interval, 350 of the 3,652
question(
    "01.6", lambda: _interval_pct("wilson", _sample()), kind="interval", tolerance=0.06,
    prompt="95% Wilson interval with the finite population correction, in per cent to 1 decimal place, for the "
           "online-grooming share in a random sample of 350 of the reports of 2009/10.",
    hints=[
        (lambda a, e: _pair_near(a, _interval_pct("wilson", _sample(), population=None), 0.06),
         "that is the Wilson interval for a sample from a very large population. The sample is drawn from the "
         "reports of 2009/10 (F027), a finite population: give population= the number of reports (the finite "
         "population correction), which makes the interval a little narrower."),
        *wilson_hints(lambda method: _interval_pct(method, _sample())),
        (lambda a, e: _pair_near(a, _interval_pct("normal", _sample(), population=None), 0.06),
         "that is the normal-approximation interval without the finite population correction; the question asks "
         "for Wilson, with population= the number of reports."),
        (lambda a, e: a[0] == a[1],
         "an interval of zero width is what a census gives (n equal to the population): the question asks about "
         "a sample of the size CEOP read in 2012."),
        (lambda a, e: _pair_near(a, _interval_pct("wilson", int(_total()), population=None), 0.06),
         "you used all the reports of 2009/10 as n; the question asks about a sample of the size CEOP read in 2012."),
        (lambda a, e: _pair_near(a, _interval_pct("wilson", int(_all_reports()), population=None), 0.06),
         "you used all the reports CEOP received that year as n; the question asks about a sample of the size "
         "CEOP read in 2012."),
        (lambda a, e: _pair_near(a, _interval_pct("wilson", _sample(), population=int(_all_reports())), 0.06),
         "you gave all the reports CEOP received that year (F041) as the population; the shares are of the reports "
         "that related to child sex offending (F027)."),
        (lambda a, e: a[0] < e[0] < e[1] < a[1] or e[0] < a[0] < a[1] < e[1],
         "your interval has the right centre but the wrong width: check the sample size, the population and that "
         "the confidence level is 95%."),
    ],
)

# --------------------------------------------------------------------------- 01.7 sample size, finite population
question(
    "01.7", lambda: _plan(), kind="count",
    prompt="Reports to read, from the reports of 2009/10, to estimate a share of about 10% to within ±2 percentage "
           "points, 95% confidence, with the finite population correction.",
    hints=[
        (lambda a, e: a == _plan(population=None),
         "that is the size for a sample from a population so large that its size does not matter. Here the "
         "sample is drawn from the reports of 2009/10 (F027), a finite population: give population= the number of "
         "reports (the finite population correction), which lowers the number needed."),
        (lambda a, e: a in (stats.sample_size_for_margin(_value("F028") / 100, MARGIN, method="wilson",
                                                         population=int(_total())),
                            stats.sample_size_for_margin(_value("F028") / 100, MARGIN, method="wilson")),
         "that is the Wilson plan (both sides of the Wilson interval within the margin); the question asks for the "
         "textbook normal formula, the function's default method, with the finite population correction."),
        (lambda a, e: a == int(_total()),
         "that is every report: a census has no sampling error, but the question asks for the smallest random "
         "sample that meets the margin."),
        (lambda a, e: e - 1 <= a < e,
         "round up, not down or to the nearest: a sample one report smaller than the formula's value would "
         "miss the margin."),
        (lambda a, e: a == _plan(p=0.5),
         "that is the worst case, p = 0.5; the question asks you to plan with the 2009/10 share of online "
         "grooming reports."),
        (lambda a, e: a == _plan(margin=2 * MARGIN),
         "you used the full width of the interval as the margin; the margin is the half-width, ±2 points."),
        (lambda a, e: a == _plan(margin=MARGIN / 2),
         "you used half the margin: ±2 points means a half-width of 2 percentage points."),
        (lambda a, e: a == _plan(population=int(_all_reports())),
         "you gave all the reports CEOP received that year (F041) as the population; the sample is drawn from the "
         "reports that related to child sex offending (F027)."),
        (lambda a, e: a == _sample(),
         "that is the sample CEOP actually read in 2012; the question asks what the formula requires."),
        (lambda a, e: a == _plan(confidence=0.9),
         "that is the size for 90% confidence; the question asks for 95%."),
        (lambda a, e: a in (_plan(population=None, margin=2 * MARGIN), _plan(population=None, p=0.5)),
         "check the margin and the expected share, and give population= the number of reports."),
        (lambda a, e: a != int(a),
         "a sample size is a whole number of reports: round up."),
    ],
)
