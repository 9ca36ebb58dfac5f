"""Exercise set 01 · Cyber-enabled crime and the two key forms of offending.

Expected values are computed from the data package when a check runs (facts.csv rows named by their
keys: the Sentencing Council scale, CEOP's 2009/10 reports and their six shares, CEOP's 2012 sample
and all reports of 2009/10); nothing from the chapter is typed here. The only numbers typed are the
half-point of rounding (exercise 3(c)'s accepted alternative) and the tolerances.

Exercise 2 states that the sample is drawn from the reports of 2009/10 (a finite population) and asks
for the finite population correction; the uncorrected answer is not marked correct, but gets a hint
that names the correction. Exercise 3 is the analysis task: 01.3 checks the table the student built
(the implied number of reports in the categories called online), 01.4 the range the printed shares
allow for the online share, accepting a range widened for rounding as another reasonable answer.
"""
from __future__ import annotations

from ..checks import near as _near, pair_near as _pair_near, question, wilson_hints
from ..data import load_table, fact_value as _value
from .. import stats

REPORTS = "ceop_2009_10_child_sex_reports"   # 3,652 reports relating to child sex offending (line 407)
ALL_REPORTS = "ceop_2009_10_all_reports"     # all reports to CEOP in 2009/10 (footnote 4, line 601)
SAMPLE = "ceop_2012_sample_reports"          # CEOP's 2012 representative sample of reports (line 427)
GROOMING = "ceop_2009_10_online_grooming_pct"
#: The six 2009/10 categories (lines 418-424) by setting, as the chapter describes them.
ONLINE = ["ceop_2009_10_online_grooming_pct", "ceop_2009_10_online_distribution_pct"]
UNCLEAR = ["ceop_2009_10_image_possession_pct"]          # "not clear if all of these were online offences"
MIXED = ["ceop_2009_10_contact_abuse_pct"]               # "both online and offline"
OFFLINE = ["ceop_2009_10_offline_grooming_pct", "ceop_2009_10_offline_distribution_pct"]
HALF_POINT = 0.5  # a whole-per-cent share may be up to half a point from the unrounded one


def _total() -> float:
    return _value(REPORTS)


def _sum(keys) -> float:
    return sum(_value(k) for k in keys)


def _implied(keys, base=None) -> float:
    base = _total() if base is None else base
    return _sum(keys) * base / 100


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


# --------------------------------------------------------------------------- 01.2 Wilson interval, 350 of the 3,652
def _interval_pct(method: str, n: int, population="reports"):
    """The online-grooming share's interval for a random sample of n; by default from the 2009/10 reports."""
    population = int(_total()) if population == "reports" else population
    ci = stats.proportion_ci_pct(_value(GROOMING), n, method=method, population=population)
    return (ci.low, ci.high)


def _sample() -> int:
    return int(_value(SAMPLE))


question(
    "01.2", lambda: _interval_pct("wilson", _sample()), kind="interval", tolerance=0.06,
    prompt="95% Wilson interval with the finite population correction, in per cent to 1 decimal place, for the "
           "online-grooming share in a random sample of 350 of the reports of 2009/10.",
    hints=[
        (lambda a, e: _pair_near(a, _interval_pct("wilson", _sample(), population=None), 0.06),
         "that is the Wilson interval for a sample from a very large population. The sample is drawn from the "
         "reports of 2009/10, a finite population: give population= the number of reports (the finite "
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
        (lambda a, e: _pair_near(a, _interval_pct("wilson", int(_value(ALL_REPORTS)), population=None), 0.06),
         "you used all the reports CEOP received that year as n; the question asks about a sample of the size "
         "CEOP read in 2012."),
        (lambda a, e: _pair_near(a, _interval_pct("wilson", _sample(), population=int(_value(ALL_REPORTS))), 0.06),
         "you gave all the reports CEOP received that year (footnote 4) as the population; the shares are of the "
         "reports that related to child sex offending."),
        (lambda a, e: a[0] < e[0] < e[1] < a[1] or e[0] < a[0] < a[1] < e[1],
         "your interval has the right centre but the wrong width: check the sample size, the population and that "
         "the confidence level is 95%."),
    ],
)

# --------------------------------------------------------------------------- 01.3 task (a): the table the student built
question(
    "01.3", lambda: _implied(ONLINE), tolerance=0.06,
    prompt="Implied number of the 2009/10 reports in the categories whose setting is 'online', to 1 decimal place.",
    hints=[
        (lambda a, e: _near(a, _implied(ONLINE, base=_value(ALL_REPORTS)), 0.5),
         "you used all the reports CEOP received (footnote 4) as the base; the percentages are shares of the "
         "reports that related to child sex offending (the `denominator` column)."),
        (lambda a, e: _near(a, _sum(ONLINE), 0.01),
         "that is the online share in per cent; the question asks for a number of reports (share × base / 100)."),
        (lambda a, e: _near(a, _implied(ONLINE + UNCLEAR + MIXED), 0.5),
         "you counted the 'unclear' and the 'online and offline' categories as online; the chapter calls only two "
         "categories online (lines 418-419)."),
        (lambda a, e: _near(a, _implied(ONLINE + UNCLEAR), 0.5),
         "you counted possession of indecent images as online, but 'it is not clear if all of these were online "
         "offences' (lines 421-422): give it the setting 'unclear'."),
        (lambda a, e: _near(a, _implied(ONLINE + MIXED), 0.5),
         "you counted contact abuse as online, but the chapter puts it 'both online and offline' (lines 422-423): "
         "give it its own setting."),
        (lambda a, e: _near(a, _implied(ONLINE[:1]), 0.5) or _near(a, _implied(ONLINE[1:]), 0.5),
         "that is one online category; add up every category whose setting is 'online'."),
        (lambda a, e: _near(a, e * 100, 5),
         "you multiplied by the percentage without dividing by 100."),
        (lambda a, e: _near(a, round(e), 0.01),
         "you rounded to a whole report; give the implied count to 1 decimal place (it need not be a whole "
         "number, because the percentages were rounded)."),
        (lambda a, e: _near(a, _implied(OFFLINE), 0.5),
         "that is the offline categories; the question asks about those whose setting is 'online'."),
    ],
)


# --------------------------------------------------------------------------- 01.4 task (c): the range of the online share
def _range():
    return (_sum(ONLINE), _sum(ONLINE + UNCLEAR + MIXED))


def _range_with_rounding():
    low, high = _range()
    return (low - HALF_POINT * len(ONLINE), high + HALF_POINT * len(ONLINE + UNCLEAR + MIXED))


question(
    "01.4", _range, kind="interval", tolerance=0.01,
    prompt="Lowest and highest share (per cent of the 3,652 reports) that could have related to online offending, "
           "from the shares as printed.",
    accept=[(_range_with_rounding,
             "you get by also allowing each printed share to be up to half a point from its unrounded value")],
    method="the shares as printed, without a rounding allowance",
    hints=[
        (lambda a, e: _pair_near(a, tuple(x * _total() / 100 for x in e), 1),
         "those are numbers of reports; give the range in per cent of the 3,652 reports."),
        (lambda a, e: _pair_near(a, tuple(x / 100 for x in e), 0.001),
         "those are proportions; give the range in per cent."),
        (lambda a, e: _pair_near(a, (e[0], _sum(ONLINE + UNCLEAR)), 0.01)
         or _pair_near(a, (e[0], _sum(ONLINE + MIXED)), 0.01),
         "your high end adds only one of the two undecided categories: both 'unclear' and 'online and offline' "
         "could include online offending."),
        (lambda a, e: abs(a[0] - e[0]) > 0.01 and abs(a[1] - e[1]) <= 0.01,
         "your high end is right; the low end counts only the categories the chapter calls online."),
        (lambda a, e: abs(a[0] - e[0]) <= 0.01,
         "your low end is right; the high end adds every category that could be online to it."),
    ],
)
