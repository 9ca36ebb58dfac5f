"""Exercise set 04 · Online grooming: characteristics of victims.

Expected values are computed from the data package when a check runs (the facts.csv rows with keys
ceop_ocse_sample_female_victims_pct, ceop_2012_public_reports, livingstone_2011_uk_15_16_sexual_msg_pct
and livingstone_2011_uk_11_12_sexual_msg_pct); nothing from the chapter is typed here. The only numbers
typed are the exercises' own hypothetical settings (150 children per age group, 90% power), the rounding
rule the questions assume (a whole per cent) and the tolerances.

Questions: 04.1 and 04.2 are the quick checks; 04.3 and 04.4 are part (c) of the analysis task.

Method choices (where another reasonable method gives a different answer, ``accept`` marks it correct and
says which one it matches):
04.3 Newcombe's interval for the difference (the Agresti–Caffo interval also accepted);
04.4 Cohen's arcsine effect size h (the pooled and unpooled normal-approximation formulas also accepted).
Hints never name a course function (from set 04 on, the exercises point to the notebook's sections).
"""
from __future__ import annotations

import math

from ..checks import near as _near, pair_near as _pair_near, question
from ..data import fact, fact_value as _value
from .. import stats

GROUP_N = 150       # exercise 3: hypothetical children per age group (the chapter gives no group sizes)
NOTEBOOK_N = 250    # the hypothetical group size notebook 04's widget starts from
POWER = 0.9         # exercise 3c: the power the question asks for (a setting, not a finding)
HALF_POINT = 0.5    # a percentage printed as a whole number lies within half a point of the true value

FEMALE = "ceop_ocse_sample_female_victims_pct"        # "80 per cent the 350 reports" (line 639)
OLDER = "livingstone_2011_uk_15_16_sexual_msg_pct"    # 15-16-year-olds, 20 per cent (line 645)
YOUNGER = "livingstone_2011_uk_11_12_sexual_msg_pct"  # 11-12-year-olds, 5 per cent (line 646)


def _female_pct() -> float:
    return _value(FEMALE)


def _reports() -> int:  # its base, "the 350 reports examined" (the fact's denominator)
    return int(fact(FEMALE)["denominator"])


def _older() -> float:
    return _value(OLDER)


def _younger() -> float:
    return _value(YOUNGER)


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
        (lambda a, e: _near(a, stats.implied_count(_female_pct(), int(_value("ceop_2012_public_reports"))), 2),
         "you used all 1,145 public reports of 2012; the 80 per cent is a share of the 350 reports examined."),
        (lambda a, e: 0 < a < 1,
         "that is a proportion; the question asks for a whole number of reports."),
        (lambda a, e: _near(a, stats.percent_of(e, _reports()), 0.5),
         "that is a percentage; the question asks for a whole number of reports."),
        (lambda a, e: a != int(a),
         "a number of reports is a whole number."),
    ],
)

# --------------------------------------------------------------------------- 04.2 which way round?
question(
    "04.2", lambda: "b", kind="choice",
    prompt="What does Wolak et al.'s '70 per cent of youths who experienced online approaches were girls' "
           "support on its own? a, b, c or d.",
    hints=[
        (lambda a, e: a == "a",
         "that compares two rates, the share of girls who were approached and the share of boys who were; "
         "the 70 per cent is the share of girls among those approached, and the chapter gives neither rate."),
        (lambda a, e: a == "c",
         "that turns the percentage round: it is a share of the youths who were approached, not a share of girls."),
        (lambda a, e: a == "d",
         "an interval needs the sample size, and the chapter gives none for this study (look at the fact's "
         "denominator column)."),
        (lambda a, e: a not in ("a", "b", "c", "d"),
         "give one letter, a, b, c or d, in quotes."),
    ],
)


# --------------------------------------------------------------------------- 04.3 the difference between age groups
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
    "04.3", lambda: _diff(), kind="interval", tolerance=0.006,
    prompt="95% interval for the difference 20% - 5% (older minus younger) with a hypothetical 150 children per "
           "group, in percentage points to 2 decimal places.",
    accept=[(lambda: _diff("agresti-caffo"),
             "from the Agresti–Caffo interval (one child with and one without added to each group), also a sound "
             "interval for a difference")],
    method="Newcombe's interval, built from the two groups' Wilson intervals",
    hints=[
        (lambda a, e: _pair_near(a, [x / 100 for x in e], 0.0001),
         "those are differences between proportions; give the interval in percentage points."),
        (lambda a, e: _pair_near(a, _diff("wald"), 0.006),
         "that is the Wald (normal-approximation) interval, which works poorly when one group's percentage is "
         "as low as 5% in a group of 150; notebook 04, Section 6, uses a better interval for a difference."),
        (lambda a, e: _pair_near(a, _diff(first=_younger(), second=_older()), 0.006),
         "your interval is for younger minus older; the question asks for the older group minus the younger."),
        (lambda a, e: _pair_near(a, _diff(n=NOTEBOOK_N), 0.006),
         "that is the interval for 250 per group, the notebook's starting setting; the task sets 150."),
        (lambda a, e: _pair_near(a, _subtracted_wilson_ends(), 0.006),
         "subtracting the ends of the two groups' own intervals gives an interval that is too wide: the "
         "difference needs an interval of its own, which combines the two uncertainties properly."),
        (lambda a, e: a[0] <= 0 <= a[1],
         "your interval includes zero: check the group sizes (150 each) and that the counts are 20% and 5% of them."),
        (lambda a, e: _pair_near(a, e, 0.05),
         "close, but not within rounding: give each end to 2 decimal places."),
    ],
)


# --------------------------------------------------------------------------- 04.4 planning for power
def _per_group(power=POWER, confidence=0.95, method="cohen-h"):
    return stats.sample_size_two_proportions(_older() / 100, _younger() / 100, power=power, confidence=confidence,
                                             method=method)


question(
    "04.4", lambda: _per_group(), kind="count",
    prompt="Children needed per age group to detect 20% against 5% with 90% power at the 5% level.",
    accept=[(lambda: _per_group(method="pooled"), "from the pooled normal-approximation formula"),
            (lambda: _per_group(method="unpooled"), "from the unpooled normal-approximation formula")],
    method="Cohen's arcsine effect size h, as notebook 04's planner does",
    hints=[
        (lambda a, e: a in [_per_group(power=0.8, method=m) for m in stats.TWO_PROPORTION_SIZE_METHODS],
         "that is the size for 80% power, the planner's default; the question asks for 90%."),
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
