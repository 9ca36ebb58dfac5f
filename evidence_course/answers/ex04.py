"""Exercise set 04 · Online grooming: characteristics of victims.

Expected values are computed from the data package when a check runs (facts.csv rows F035,
F043, F045 and F048); nothing from the chapter is typed here. The only numbers typed are the
exercises' own hypothetical settings (a sample of 35 reports, 150 children per age group, 90%
power), the rounding rule the questions assume (a whole per cent) and the tolerances.

Method choices (each question states the method; where another reasonable method gives a different
answer, ``accept`` marks it correct and says which one it matches):
04.3 Wilson without the finite population correction (with it, for N = 1,145, also accepted);
04.4 Wilson widths, no finite population correction (the sample sizes are hypothetical);
04.7 Cohen's arcsine h, the default of stats.sample_size_two_proportions (the pooled and unpooled
normal formulas also accepted).
"""
from __future__ import annotations

import math

from ..checks import near as _near, pair_near as _pair_near, question, wilson_hints
from ..data import fact, fact_value as _value
from .. import stats

SMALL_N = 35        # exercise 4: a hypothetical sample of 35 reports (a tenth of the printed 350)
GROUP_N = 150       # exercise 6: hypothetical children per age group (the chapter gives no group sizes)
NOTEBOOK_N = 250    # the hypothetical group size notebook 04's widget starts from
POWER = 0.9         # exercise 7: the power the question asks for (a setting, not a finding)
HALF_POINT = 0.5    # a percentage printed as a whole number lies within half a point of the true value


def _female_pct() -> float:  # "80 per cent the 350 reports" (F043, line 639)
    return _value("F043")


def _reports() -> int:  # its base, "the 350 reports examined" (F043's denominator)
    return int(fact("F043")["denominator"])


def _older() -> float:  # 15-16-year-olds, 20 per cent (F045, line 645)
    return _value("F045")


def _younger() -> float:  # 11-12-year-olds, 5 per cent (F048, line 646)
    return _value("F048")


# --------------------------------------------------------------------------- 04.1 which counts print as 80%?
def _smallest():
    return math.ceil(stats.implied_count(_female_pct() - HALF_POINT, _reports()))


def _largest():
    return math.floor(stats.implied_count(_female_pct() + HALF_POINT, _reports()))


question(
    "04.1", _smallest, kind="count",
    prompt="The smallest whole number of the 350 reports that prints as 80 per cent when the percentage is "
           "rounded to a whole number.",
    hints=[
        (lambda a, e: _near(a, stats.implied_count(_female_pct(), _reports()), 1e-9),
         "that is the count 80 per cent implies exactly; the question asks for the smallest whole count that "
         "would still be printed as 80 per cent."),
        (lambda a, e: a == _largest(),
         "that is the largest whole count that prints as 80 per cent; the question asks for the smallest."),
        (lambda a, e: a == e - 1,
         "recompute that count as a percentage of the 350 and round it to a whole number: is it still printed as "
         "80 per cent? Round the lower limit up, not down."),
        (lambda a, e: _near(a, stats.implied_count(100 - _female_pct(), _reports()), 1.5),
         "that is about the remaining 20 per cent of reports; the question asks about the reports in which "
         "female victims were apparent."),
        (lambda a, e: _near(a, stats.implied_count(_female_pct(), int(_value("F035"))), 2),
         "you used all the public reports of 2012 (F035); the 80 per cent is a share of the reports examined (F043)."),
        (lambda a, e: 0 < a < 1,
         "that is a proportion; the question asks for a whole number of reports."),
        (lambda a, e: _near(a, stats.percent_of(e, _reports()), 0.5),
         "that is a percentage; the question asks for a whole number of reports."),
        (lambda a, e: a != int(a),
         "a number of reports is a whole number."),
    ],
)

# --------------------------------------------------------------------------- 04.2 a percentage of what?
question(
    "04.2", lambda: "reports", kind="choice",
    prompt="The 80 per cent (line 639) is a percentage of: reports, victims, girls or children?",
    hints=[
        (lambda a, e: a.rstrip("s") == "report",
         "use the option exactly as listed, in the plural."),
        (lambda a, e: a.startswith("victim"),
         "read line 639 again: the base is 'the 350 reports examined'. One report can concern more than one "
         "child, so a share of reports is not a share of victims."),
        (lambda a, e: a.startswith("girl"),
         "female victims are what the 80 per cent counts, not what it is a percentage of: what are there 350 of?"),
        (lambda a, e: a.startswith("child"),
         "the chapter does not say how many children the reports concerned: what are there 350 of?"),
        (lambda a, e: a not in ("reports", "victims", "girls", "children"),
         "give one of the four options, reports, victims, girls or children, in quotes."),
    ],
)


# --------------------------------------------------------------------------- 04.3 Wilson interval for 80% of 350
def _ci(method="wilson", n=None, population=None):
    n = _reports() if n is None else n
    ci = stats.proportion_ci_pct(_female_pct(), n, method=method, population=population)
    return (ci.low, ci.high)


question(
    "04.3", lambda: _ci(), kind="interval", tolerance=0.06,
    prompt="95% Wilson interval for 80 per cent of 350 reports, in per cent to 1 decimal place, without the finite "
           "population correction.",
    accept=[(lambda: _ci(population=int(_value("F035"))),
             "with the finite population correction for the 1,145 public reports of 2012 (population=1145), "
             "right if the 350 were a random sample of them, which the chapter does not say")],
    method="the Wilson interval without the finite population correction",
    hints=[
        *wilson_hints(_ci),
        (lambda a, e: _pair_near(a, _ci(n=int(_value("F035"))), 0.06),
         "you used all the public reports of 2012 (F035) as n; the 80 per cent is a share of the reports examined."),
        (lambda a, e: _pair_near(a, [100 - x for x in reversed(e)], 0.06),
         "that is the interval for the other 20 per cent of reports; the question asks about the 80 per cent."),
        (lambda a, e: a[0] < e[0] < e[1] < a[1] or e[0] < a[0] < a[1] < e[1],
         "your interval has the right centre but the wrong width: check the sample size and that the "
         "confidence level is 95%."),
    ],
)


# --------------------------------------------------------------------------- 04.4 precision and the sample size
def _width(n, method="wilson"):
    return stats.proportion_ci_pct(_female_pct(), n, method=method).width


def _width_ratio(method="wilson"):
    return _width(SMALL_N, method) / _width(_reports(), method)


question(
    "04.4", _width_ratio, tolerance=0.006,
    prompt="How many times wider the 95% Wilson interval for 80 per cent is at a hypothetical n = 35 than at "
           "n = 350 (no finite population correction), to 2 decimal places.",
    hints=[
        (lambda a, e: _near(a, math.sqrt(_reports() / SMALL_N), 0.006),
         "that is the square-root rule of thumb (or the normal approximation, which follows it exactly); the "
         "question asks for the ratio of the two Wilson widths, which differs a little for a small sample."),
        (lambda a, e: _near(a, 1 / e, 0.006),
         "you divided the wrong way round: the interval at n = 35 is the wider one, so the answer is above 1."),
        (lambda a, e: _near(a, _reports() / SMALL_N, 0.006),
         "ten times fewer reports does not make the interval ten times wider: precision grows with the square "
         "root of n."),
        (lambda a, e: _near(a, _width(SMALL_N), 0.06) or _near(a, _width(_reports()), 0.06),
         "that is the width of one interval (in percentage points); the question asks for the ratio of the two."),
        (lambda a, e: _near(a, _width(SMALL_N) / 2, 0.06) or _near(a, _width(_reports()) / 2, 0.06),
         "that is a margin of error (half a width); the question asks for the ratio of the two widths."),
        (lambda a, e: _near(a, _width_ratio("clopper-pearson"), 0.006),
         "that uses the Clopper–Pearson interval; the question asks about Wilson."),
        (lambda a, e: _near(a, e, 0.05),
         "close, but not within rounding: give the ratio to 2 decimal places."),
    ],
)

# --------------------------------------------------------------------------- 04.5 which way round?
question(
    "04.5", lambda: "b", kind="choice",
    prompt="What does Wolak et al.'s '70 per cent of youths who experienced online approaches were girls' "
           "support on its own? a, b, c or d.",
    hints=[
        (lambda a, e: a == "a",
         "that compares two rates, the share of girls who were approached and the share of boys who were; "
         "the 70 per cent is the share of girls among those approached, and the chapter gives neither rate."),
        (lambda a, e: a == "c",
         "that turns the percentage round: it is a share of the youths who were approached, not a share of girls."),
        (lambda a, e: a == "d",
         "an interval needs the sample size, and the chapter gives none for this study (look at the denominator "
         "column of F044)."),
        (lambda a, e: a not in ("a", "b", "c", "d"),
         "give one letter, a, b, c or d, in quotes."),
    ],
)


# --------------------------------------------------------------------------- 04.6 Newcombe interval for a difference
def _diff(method="newcomb", n=GROUP_N, first=None, second=None):
    first = _older() if first is None else first
    second = _younger() if second is None else second
    d = stats.diff_proportions(first / 100 * n, n, second / 100 * n, n, method=method).scaled(100)
    return (d.low, d.high)


def _subtracted_wilson_ends():
    one = stats.proportion_ci_pct(_older(), GROUP_N)
    two = stats.proportion_ci_pct(_younger(), GROUP_N)
    return (one.low - two.high, one.high - two.low)


question(
    "04.6", lambda: _diff(), kind="interval", tolerance=0.006,
    prompt="95% Newcombe interval for the difference 20% − 5% (older minus younger) with a hypothetical 150 "
           "children per group, in percentage points to 2 decimal places.",
    hints=[
        (lambda a, e: _pair_near(a, [x / 100 for x in e], 0.0001),
         "those are differences between proportions; give the interval in percentage points."),
        (lambda a, e: _pair_near(a, _diff("wald"), 0.006),
         "that is the Wald (normal-approximation) interval; the question asks for Newcombe's."),
        (lambda a, e: _pair_near(a, _diff("agresti-caffo"), 0.006),
         "that is the Agresti–Caffo interval; the question asks for Newcombe's."),
        (lambda a, e: _pair_near(a, _diff(first=_younger(), second=_older()), 0.006),
         "your interval is for younger minus older; the question asks for the older group minus the younger."),
        (lambda a, e: _pair_near(a, _diff(n=NOTEBOOK_N), 0.006),
         "that is the interval for 250 per group, the notebook's starting setting; the question sets 150."),
        (lambda a, e: _pair_near(a, _subtracted_wilson_ends(), 0.006),
         "subtracting the ends of the two groups' Wilson intervals gives an interval that is too wide; use "
         "stats.diff_proportions, which combines the two uncertainties properly."),
        (lambda a, e: _pair_near(a, e, 0.05),
         "close, but not within rounding: give each end to 2 decimal places."),
    ],
)


# --------------------------------------------------------------------------- 04.7 planning a survey
def _per_group(power=POWER, confidence=0.95, method="cohen-h"):
    return stats.sample_size_two_proportions(_older() / 100, _younger() / 100, power=power, confidence=confidence,
                                             method=method)


question(
    "04.7", lambda: _per_group(), kind="count",
    prompt="Children needed per age group to detect 20% against 5% with 90% power at the 5% level.",
    accept=[(lambda: _per_group(method="pooled"), "from the pooled normal-approximation formula (method=\"pooled\")"),
            (lambda: _per_group(method="unpooled"), "from the unpooled normal-approximation formula (method=\"unpooled\")")],
    method="Cohen's arcsine effect size h (the default of stats.sample_size_two_proportions)",
    hints=[
        (lambda a, e: a in [_per_group(power=0.8, method=m) for m in stats.TWO_PROPORTION_SIZE_METHODS],
         "that is the size for 80% power, the widget's default; the question asks for 90%."),
        (lambda a, e: a == 2 * e,
         "that is the total for both groups; the question asks for the number in each group."),
        (lambda a, e: a == 2 * _per_group(power=0.8),
         "that is the total for both groups at 80% power; the question asks for each group, at 90% power."),
        (lambda a, e: a == _per_group(confidence=0.99),
         "that is the size at the 1% level; the question asks for the 5% level (95% confidence)."),
        (lambda a, e: e - 1 <= a < e,
         "round up, not down: a fraction of a child short would leave the survey below the power asked for."),
        (lambda a, e: a != int(a),
         "a number of children is a whole number: round up."),
    ],
)
