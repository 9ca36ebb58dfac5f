"""Exercise set 02 · Online grooming: surveys of young people (Table 3.1).

Expected values are computed from Table 3.1 of the data package when a check runs; nothing from
the chapter is typed here. The only numbers typed are the exercises' own hypothetical settings
(a survey of 100 children, a ±1-point margin, a design effect of 1.5) and the tolerances.

Exercise 1 is the rare outcome (Wilson for 6 of 1,257; the unclipped normal interval in a hypothetical
survey of 100). Exercise 2 is the course's one margin-planning drill: it states its method (the normal
formula, the design effect applied before rounding, no finite population correction for a population of
millions) and also accepts the answer obtained by rounding before applying the design effect, saying which
order the model answer uses. Exercise 3 is the analysis task: 02.4 checks the long table the student built
(the largest absolute gap between a recomputed and a printed percentage), 02.5 the interval for the EU Kids
Online UK sample's offline contact by the method the student chose (Wilson, the model answer; Clopper-Pearson
and the normal approximation also accepted and named).
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

SMALL_N = 100        # exercise 1(ii): a hypothetical survey of 100 children
MARGIN = 0.01        # exercise 2: ±1 percentage point (a setting we choose)
DEFF = 1.5           # exercise 2: an illustrative design effect (the chapter reports none)


def _s():
    return load_table("3.1").set_index("citation")


def _row(citation):
    return _s().loc[citation]


# --------------------------------------------------------------------------- 02.1 Wilson for a rare outcome
def _ukcgo_ci(method="wilson"):
    r = _row(UKCGO)
    ci = stats.proportion_ci(r["concerned_n"], r["sample_size"], method=method).scaled(100)
    return (ci.low, ci.high)


def _ukcgo_printed_ci():
    r = _row(UKCGO)
    ci = stats.proportion_ci_pct(r["concerned_pct"], r["sample_size"])
    return (ci.low, ci.high)


question(
    "02.1", lambda: _ukcgo_ci("wilson"), kind="interval", tolerance=0.006,
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


# --------------------------------------------------------------------------- 02.2 the unclipped normal interval
def _normal_low(k=None, n=SMALL_N):
    pct = _row(UKCGO)["concerned_pct"]
    k = stats.implied_count(pct, n) if k is None else k
    return stats.normal_interval_unclipped(k, n).scaled(100).low


question(
    "02.2", lambda: _normal_low(), tolerance=0.006,
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


# --------------------------------------------------------------------------- 02.3 planning a survey with a design effect
def _plan(p=None, margin=MARGIN, deff=DEFF, method="normal"):
    p = _row(EU_UK)["offline_contact_pct"] / 100 if p is None else p
    return stats.sample_size_for_margin(p, margin, design_effect=deff, method=method)


def _plan_rounded_first():
    """Round the simple-random-sample size up first, then multiply by the design effect and round up again."""
    return math.ceil(_plan(deff=1) * DEFF - 1e-9)


question(
    "02.3", lambda: _plan(), kind="count",
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


# --------------------------------------------------------------------------- 02.4 task (a): the long table of thirteen cells
MEASURES = ["corresponded", "offline_contact", "concerned", "sexual_contact"]


def _gaps():
    """Recomputed minus printed percentage, in points, for every cell printed with a count."""
    s = _s()
    gaps = []
    for measure in MEASURES:
        both = s[s[f"{measure}_n"].notna()]
        gaps += list(100 * both[f"{measure}_n"] / both["sample_size"] - both[f"{measure}_pct"])
    return gaps


question(
    "02.4", lambda: max(abs(g) for g in _gaps()), tolerance=0.006,
    prompt="The largest absolute gap, in percentage points, between a percentage recomputed from its count and the "
           "percentage printed in Table 3.1.",
    hints=[
        (lambda a, e: _near(a, max(_gaps()), 0.003),
         "that is the largest gap with its sign; take the absolute value (.abs()) first: a recomputed figure "
         "below the printed one is as much a mismatch as one above it."),
        (lambda a, e: _near(a, 100 * e, 0.5),
         "that looks 100 times too big: the gap is already in percentage points (recomputed per cent minus "
         "printed per cent)."),
        (lambda a, e: _near(a, e / 100, 0.0001),
         "that looks like a proportion: compute the recomputed percentage as 100 × count / sample size."),
        (lambda a, e: _near(a, 0, 1e-9),
         "a gap of zero everywhere means you compared a column with itself: recompute the percentage from the "
         "count and the sample size."),
        (lambda a, e: a < e,
         "some gap is larger than that: check that your table has all thirteen cells with a count, from all four "
         "measures."),
    ],
)


# --------------------------------------------------------------------------- 02.5 task (c): an interval by the chosen method
def _uk_offline(method="wilson"):
    r = _row(EU_UK)
    ci = stats.proportion_ci(r["offline_contact_n"], r["sample_size"], method=method).scaled(100)
    return (ci.low, ci.high)


question(
    "02.5", lambda: _uk_offline("wilson"), kind="interval", tolerance=0.006,
    prompt="95% interval for offline contact in the EU Kids Online UK sample, in per cent to 2 decimal places.",
    accept=[(lambda: _uk_offline("clopper-pearson"), "you get with the Clopper–Pearson (exact) interval"),
            (lambda: _uk_offline("normal"),
             "you get with the normal approximation, reasonable here because enough children had the outcome "
             "(n·p well above 10)")],
    method="the Wilson score interval",
    hints=[
        (lambda a, e: _pair_near(a, tuple(x / 100 for x in e), 0.0001),
         "those are proportions; give the interval in per cent (.scaled(100))."),
        (lambda a, e: _pair_near(a, (lambda ci: (ci.low, ci.high))(
            stats.proportion_ci_pct(_row(EU_UK)["offline_contact_pct"], _row(EU_UK)["sample_size"])), 0.006),
         "you started from the printed, rounded 4%; use the count of children and the sample size."),
        (lambda a, e: any(_pair_near(a, (lambda ci: (ci.low, ci.high))(
            stats.proportion_ci(r["offline_contact_n"], r["sample_size"]).scaled(100)), 0.006)
            for c, r in _s().iterrows() if c != EU_UK),
         "that is another survey's interval: the question asks for the EU Kids Online UK sample, "
         "'Livingstone et al., 2010'."),
        (lambda a, e: _pair_near(a, e, 0.05),
         "close, but not within rounding: give each end to 2 decimal places, at 95% confidence."),
    ],
)
