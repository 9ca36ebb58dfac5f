"""Exercise set 02 · Online grooming: surveys of young people (Table 3.1).

Expected values are computed from Table 3.1 of the data package when a check runs; nothing from
the chapter is typed here. The only numbers typed are the exercises' own hypothetical settings
(a survey of 100 children, a ±1-point margin, a design effect of 1.5) and the tolerances.

Exercise 7 states its method (the normal formula, the design effect applied before rounding, no finite
population correction for a population of millions) and also accepts the answer obtained by rounding
before applying the design effect, saying which order the model answer uses.
"""
from __future__ import annotations

import math

from ..checks import near as _near, pair_near as _pair_near, question, wilson_hints
from ..data import load_table
from .. import stats

UKCGO = "Livingstone and Bober, 2005"  # UK Children Go Online
EU = "Livingstone et al., 2011"        # EU Kids Online, European sample
EU_UK = "Livingstone et al., 2010"     # EU Kids Online, UK sample
EYNON = "Eynon, 2009"

SMALL_N = 100        # exercise 6: a hypothetical survey of 100 children
MARGIN = 0.01        # exercise 7: ±1 percentage point (a setting we choose)
DEFF = 1.5           # exercise 7: an illustrative design effect (the chapter reports none)


def _s():
    return load_table("3.1").set_index("citation")


def _row(citation):
    return _s().loc[citation]


# --------------------------------------------------------------------------- 02.1 recompute a percentage
def _eynon(measure="offline_contact"):
    r = _row(EYNON)
    return stats.percent_of(r[f"{measure}_n"], r["sample_size"])


question(
    "02.1", lambda: _eynon(), tolerance=0.006,
    prompt="Eynon (2009): offline contact as a percentage of the sample, recomputed from the count, to 2 decimal places.",
    hints=[
        (lambda a, e: _near(a, _row(EYNON)["offline_contact_pct"], 1e-9),
         "that is the percentage as printed; the question asks you to recompute it from the count and the sample size."),
        (lambda a, e: _near(a, round(e, 1), 1e-6),
         "you rounded to 1 decimal place; give 2 decimal places, which shows why the printed figure differs."),
        (lambda a, e: _near(a, e / 100, 0.0001),
         "that is a proportion (between 0 and 1); give a percentage."),
        (lambda a, e: _near(a, 100 * 100 / e, 1),
         "you divided the wrong way round: the count is part of the sample."),
        (lambda a, e: _near(a, _eynon("corresponded"), 0.01),
         "that is the 'corresponded with a stranger online' column; the question asks about offline contact."),
        (lambda a, e: any(_near(a, stats.percent_of(r["offline_contact_n"], r["sample_size"]), 0.01)
                          for _, r in _s().iterrows()),
         "that is the offline-contact percentage of a different survey: use the row for Eynon, 2009."),
    ],
)


# --------------------------------------------------------------------------- 02.2 the smallest possible base
def _smallest_base():
    r = _row(EU)
    return r["sexual_contact_n"] / (r["sexual_contact_pct"] / 100)


question(
    "02.2", _smallest_base, tolerance=0.5,
    prompt="The base above which 28 children would be less than 0.1%.",
    hints=[
        (lambda a, e: _near(a, e / 100, 0.01),
         "you divided by the percentage itself; divide by it as a proportion (the percentage / 100)."),
        (lambda a, e: _near(a, e * 100, 1),
         "you divided by 100 once too often: a percentage p is the proportion p / 100."),
        (lambda a, e: _near(a, _row(EU)["sample_size"], 0.5),
         "that is the size of the whole European sample; the question asks how large a base would have to be "
         "for the printed '28 individuals' to be under the printed 0.1%."),
        (lambda a, e: _near(a, stats.percent_of(_row(EU)["sexual_contact_n"], _row(EU)["sample_size"]), 0.01),
         "that is 28 as a percentage of the whole sample; the question asks for a number of children (a base)."),
        (lambda a, e: _near(a, _row(EU)["sexual_contact_n"] * _row(EU)["sexual_contact_pct"] / 100, 0.01),
         "you multiplied the count by the proportion; the base is the count divided by the proportion."),
    ],
)


# --------------------------------------------------------------------------- 02.3 per cent of whom?
def _of_met():
    r = _row(EU)
    return stats.percent_of(r["concerned_n"], r["offline_contact_n"])


question(
    "02.3", _of_met, tolerance=0.06,
    prompt="The 251 bothered children as a percentage of the 2,263 who had met someone offline, to 1 decimal place.",
    hints=[
        (lambda a, e: _near(a, stats.percent_of(_row(EU)["concerned_n"], _row(EU)["sample_size"]), 0.06),
         "that is a percentage of the whole sample, the table's base; the question asks for a percentage of the "
         "children who had met someone offline, the base the prose names."),
        (lambda a, e: _near(a, e / 100, 0.001),
         "that is a proportion (between 0 and 1); give a percentage."),
        (lambda a, e: _near(a, 100 * 100 / e, 1),
         "you divided the wrong way round: the bothered children are part of those who met someone offline."),
        (lambda a, e: _near(a, stats.percent_of(_row(EU)["sexual_contact_n"], _row(EU)["offline_contact_n"]), 0.06),
         "you used the sexual-contact count; the question is about the children bothered by a meeting."),
        (lambda a, e: _near(a, stats.percent_of(_row(EU)["offline_contact_n"], _row(EU)["sample_size"]), 0.06),
         "that is the share of the whole sample who made offline contact; the question asks what share of those "
         "children were bothered by a meeting."),
    ],
)

# --------------------------------------------------------------------------- 02.4 same column, same question?
question(
    "02.4", lambda: "b", kind="choice",
    prompt="Are 0.5% (UK Children Go Online) and 1% (EU Kids Online) in the concerned/bothered column comparable? a, b or c.",
    hints=[
        (lambda a, e: a == "a",
         "read the two cells' wording (the concerned_as_printed column): are they answers to the same question?"),
        (lambda a, e: a == "c",
         "a larger sample would narrow each interval, but it would not change what each survey asked."),
        (lambda a, e: a not in ("a", "b", "c"),
         "give one letter, a, b or c, in quotes."),
    ],
)


# --------------------------------------------------------------------------- 02.5 Wilson for a rare outcome
def _ukcgo_ci(method="wilson"):
    r = _row(UKCGO)
    ci = stats.proportion_ci(r["concerned_n"], r["sample_size"], method=method).scaled(100)
    return (ci.low, ci.high)


def _ukcgo_printed_ci():
    r = _row(UKCGO)
    ci = stats.proportion_ci_pct(r["concerned_pct"], r["sample_size"])
    return (ci.low, ci.high)


question(
    "02.5", lambda: _ukcgo_ci("wilson"), kind="interval", tolerance=0.006,
    prompt="95% Wilson interval for 6 of 1,257, in per cent to 2 decimal places.",
    hints=[
        *wilson_hints(_ukcgo_ci, tolerance=0.006, proportion_tolerance=0.0001),
        (lambda a, e: _pair_near(a, _ukcgo_printed_ci(), 0.006),
         "you started from the printed, rounded percentage; use the count of children and the sample size."),
        (lambda a, e: _pair_near(a, e, 0.05),
         "close, but not within rounding: give each end to 2 decimal places and check you used the count, not "
         "the printed percentage, at 95% confidence."),
    ],
)


# --------------------------------------------------------------------------- 02.6 the unclipped normal interval
def _normal_low(k=None, n=SMALL_N):
    pct = _row(UKCGO)["concerned_pct"]
    k = stats.implied_count(pct, n) if k is None else k
    return stats.normal_interval_unclipped(k, n).scaled(100).low


question(
    "02.6", lambda: _normal_low(), tolerance=0.006,
    prompt="Lower end of the unclipped 95% normal interval, in per cent to 2 decimal places, for 0.5% in a "
           "hypothetical survey of 100.",
    hints=[
        (lambda a, e: _near(a, 0, 1e-9),
         "that is the interval after it has been cut off at 0 (method='normal' in stats.proportion_ci clips it); "
         "use stats.normal_interval_unclipped to see where the formula really goes."),
        (lambda a, e: _near(a, e / 100, 0.0001),
         "that is a proportion; give the lower end in per cent."),
        (lambda a, e: _near(a, stats.proportion_ci(stats.implied_count(_row(UKCGO)["concerned_pct"], SMALL_N),
                                                   SMALL_N).scaled(100).low, 0.006),
         "that is the Wilson interval's lower end; the question asks for the normal approximation."),
        (lambda a, e: _near(a, _normal_low(k=_row(UKCGO)["concerned_n"], n=_row(UKCGO)["sample_size"]), 0.006),
         "that is the interval for the real survey of 1,257; the question asks about a hypothetical survey of 100."),
        (lambda a, e: _near(a, _normal_low(k=1), 0.006),
         "you rounded the implied count to a whole child; keep it as the percentage implies (stats.implied_count)."),
        (lambda a, e: a > 0,
         "for so rare an outcome in so small a sample the normal formula's lower end is below zero: check that "
         "you used the unclipped interval, the hypothetical n and the percentage in per cent."),
    ],
)


# --------------------------------------------------------------------------- 02.7 planning a survey with a design effect
def _plan(p=None, margin=MARGIN, deff=DEFF, method="normal"):
    p = _row(EU_UK)["offline_contact_pct"] / 100 if p is None else p
    return stats.sample_size_for_margin(p, margin, design_effect=deff, method=method)


def _plan_rounded_first():
    """Round the simple-random-sample size up first, then multiply by the design effect and round up again."""
    return math.ceil(_plan(deff=1) * DEFF - 1e-9)


question(
    "02.7", lambda: _plan(), kind="count",
    prompt="Children needed to estimate the UK offline-contact rate to ±1 point, 95% confidence, design effect 1.5 "
           "(normal formula, design effect applied before rounding).",
    accept=[(_plan_rounded_first,
             "you get by rounding the simple-random-sample size up first and then applying the design effect")],
    method="the design effect applied to the unrounded size, then one rounding up (as stats.sample_size_for_margin does)",
    hints=[
        (lambda a, e: a == _plan(method="wilson"),
         "that is the Wilson plan (both sides of the Wilson interval within ±1 point), a stricter plan; the question "
         "asks for the textbook normal formula, the function's default method."),
        (lambda a, e: e - 1 <= a < e,
         "round up, not down or to the nearest: one child fewer would miss the margin."),
        (lambda a, e: a == _plan(deff=1),
         "that is the size for a simple random sample; multiply by the design effect (a clustered survey needs "
         "more children for the same precision)."),
        (lambda a, e: a == _plan(deff=1 / DEFF),
         "you divided by the design effect; a design effect above 1 means the survey needs more children, not fewer."),
        (lambda a, e: a == _plan(margin=2 * MARGIN),
         "you used the full width of the interval as the margin; the margin is the half-width, ±1 point."),
        (lambda a, e: a == _plan(margin=MARGIN / 2),
         "you used half the margin: ±1 point means a half-width of 1 percentage point."),
        (lambda a, e: a == _plan(p=0.5),
         "that is the worst case, p = 0.5; the question asks you to plan with the UK sample's printed rate."),
        (lambda a, e: a == _plan(p=_row(EU_UK)["offline_contact_n"] / _row(EU_UK)["sample_size"]),
         "you planned with the count-based rate; the question asks for the printed percentage, a planning value."),
        (lambda a, e: a == _row(EU_UK)["sample_size"],
         "that is the size of the UK sample the survey actually had; the question asks what the formula requires."),
        (lambda a, e: a != int(a),
         "a sample size is a whole number of children: round up."),
    ],
)
