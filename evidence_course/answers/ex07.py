"""Exercise set 07 · Indecent images of children online: scale and hosting.

Expected values are computed from the data package when a check runs: facts.csv rows looked up by key
(the IWF's URLs processed in 2010/11 and 2012, *The scale of indecent images of children available
online*, lines 1263–1265; the 9,550 confirmed URLs of 2012 and the North America share, *Locations of
indecent images of children*, lines 1301–1302) and, for the analysis task, the IWF's later series in
later_evidence.csv (publisher's own pages only; not from the chapter). Nothing from the chapter or the
later sources is typed here. The only numbers typed are the exercises' own hypothetical settings (what
"just" means, a sample of 2,000 URLs), the years the task names and the tolerances.

Set 07 has four self-checks: 07.1 (the IWF's fall as a range), 07.2 (an interval for a sample drawn from
a finite population), 07.3 and 07.4 (parts (a) and (c) of the analysis task). The hints say what a wrong
answer suggests; they do not name functions.
"""
from __future__ import annotations

from ..checks import near as _near, pair_near as _pair_near, proportion_hint, question
from ..data import fact_value as _value, load_table
from .. import stats

PROCESSED_2010_11 = "iwf_urls_processed_2010_11"   # "just over 13,000" (line 1263)
PROCESSED_2012 = "iwf_urls_processed_2012"         # "just under 10,000" (lines 1264-1265)
CONFIRMED_2012 = "iwf_2012_confirmed_urls_restated"  # 9,550 confirmed URLs (line 1301)
NORTH_AMERICA = "iwf_2012_hosted_north_america_pct"  # 54% (line 1302)
UK_HOSTED = "iwf_2012_uk_hosted_urls"               # "just 73" (line 1301)

HEDGE_PCT = 2          # exercise 1: ASSUMPTION that "just" means within 2% of the round number
SAMPLE_N = 2000        # exercise 2: a hypothetical simple random sample of the confirmed URLs
ASSESSED, CONFIRMED = "iwf_reports_assessed", "iwf_confirmed_urls"   # exercise 3: the two later series
FIRST, SECOND, LAST = 2020, 2021, 2024                               # exercise 3: years the task names


# --------------------------------------------------------------------------- 07.1 the IWF's fall as a range
def _fall(old, new) -> float:
    return -stats.percent_change(old, new)


def _fall_range(h=HEDGE_PCT):
    old, new = _value(PROCESSED_2010_11), _value(PROCESSED_2012)
    return (_fall(old, new), _fall(old * (1 + h / 100), new * (1 - h / 100)))


def _old_new():
    return _value(PROCESSED_2010_11), _value(PROCESSED_2012)


question(
    "07.1", lambda: _fall_range(), kind="interval", tolerance=0.06,
    prompt="Smallest and largest fall (per cent, 1 decimal place) in URLs processed, 2010/11 to 2012, if 'just' "
           "means within 2% of the round number.",
    hints=[
        (lambda a, e: a[1] < 0,
         "give the size of the fall as positive numbers (a change of -25% is a fall of 25%), smallest first."),
        (lambda a, e: _pair_near(a, _fall_range(5), 0.06),
         "that is the range for 'within 5%', the notebook's assumption; this exercise assumes 'within 2%'."),
        (lambda a, e: _pair_near(a, (100 * (_old_new()[0] - _old_new()[1]) / _old_new()[1],
                                     100 * (_old_new()[0] * (1 + HEDGE_PCT / 100) - _old_new()[1] * (1 - HEDGE_PCT / 100))
                                     / (_old_new()[1] * (1 - HEDGE_PCT / 100))), 0.06),
         "you divided by the 2012 value; a percentage change is measured against the earlier (2010/11) value."),
        (lambda a, e: _pair_near(a, (_fall(_old_new()[0], _old_new()[1] * (1 + HEDGE_PCT / 100)),
                                     _fall(_old_new()[0] * (1 + HEDGE_PCT / 100), _old_new()[1])), 0.06),
         "check the direction of each hedge: 'just over 13,000' is above 13,000 and 'just under 10,000' is "
         "below 10,000."),
        (lambda a, e: _near(a[0], e[0], 0.06) and _near(a[1], e[0], 0.06),
         "both ends are the change between the round numbers; the largest fall pairs the highest possible "
         "2010/11 value with the lowest possible 2012 value."),
        (lambda a, e: _near(a[0], e[0], 0.06),
         "your smallest fall is right; for the largest, pair the highest possible 2010/11 value with the lowest "
         "possible 2012 value."),
        (lambda a, e: _near(a[1], e[1], 0.06),
         "your largest fall is right; the smallest pairs the lowest possible 2010/11 value with the highest "
         "possible 2012 value."),
    ],
)


# --------------------------------------------------------------------------- 07.2 a sample from a finite population
# The 2,000 URLs would be drawn without replacement from the 9,550 confirmed in 2012, about a fifth of them, so the
# model answer applies the finite population correction. At this size the normal-approximation and Clopper-Pearson
# intervals with the correction agree with Wilson's to the tolerance, so they are marked correct too; every interval
# without the correction gets the hint about the finite population.
def _ci(method="wilson", n=SAMPLE_N, finite=True):
    population = int(_value(CONFIRMED_2012)) if finite else None
    ci = stats.proportion_ci_pct(_value(NORTH_AMERICA), n, method=method, population=population)
    return (ci.low, ci.high)


def _any_method(a, **settings) -> bool:
    return any(_pair_near(a, _ci(method, **settings), 0.06) for method in ("wilson", "normal", "clopper-pearson"))


question(
    "07.2", lambda: _ci(), kind="interval", tolerance=0.06,
    prompt="95% interval, per cent to 1 decimal place, for the North America share among all 9,550 confirmed URLs, "
           "from a hypothetical simple random sample of 2,000 of them that shows the printed 54% (a finite "
           "population: allow for it).",
    accept=[(lambda: _ci("normal"), "by the normal-approximation interval with the finite population correction"),
            (lambda: _ci("clopper-pearson"), "by the Clopper–Pearson interval with the finite population correction")],
    method="the Wilson interval with the finite population correction",
    hints=[
        (lambda a, e: _pair_near(a, [x / 100 for x in e], 0.001),
         "those are proportions; give the interval in per cent."),
        (lambda a, e: _any_method(a, finite=False),
         "that interval treats the 2,000 URLs as drawn from an unlimited population. They are about a fifth of "
         "the 9,550 confirmed URLs, a finite population that is known: allow for it (notebook 07, Section 7, "
         "shows how much that narrows the interval)."),
        (lambda a, e: _near(a[1] - a[0], 0, 0.001),
         "an interval of zero width describes the census of all 9,550 URLs; the question is about a sample of "
         "2,000 of them."),
        (lambda a, e: _any_method(a, n=int(_value(UK_HOSTED))) or _any_method(a, n=int(_value(UK_HOSTED)), finite=False),
         "you used the UK-hosted URLs as n; the question is about a hypothetical sample of 2,000."),
        (lambda a, e: a[0] < e[0] < e[1] < a[1] or e[0] < a[0] < a[1] < e[1],
         "your interval has the wrong width: check the sample size (2,000), the population (9,550) and that the "
         "confidence level is 95%."),
    ],
)


# --------------------------------------------------------------------------- 07.3 / 07.4 the analysis task
def _by_year():
    """Years with both later IWF series (publisher's own pages only), with the confirmed share in per cent."""
    later = load_table("later_evidence")
    rows = later[later["series"].isin([ASSESSED, CONFIRMED]) & (later["source_kind"] == "publisher's own page")].copy()
    rows["year"] = rows["period"].str[:4].astype(int)
    table = rows.pivot(index="year", columns="series", values="value").dropna()
    table["confirmed_pct"] = 100 * table[CONFIRMED] / table[ASSESSED]
    return table


def _share(year=FIRST) -> float:
    return float(_by_year().loc[year, "confirmed_pct"])


def _other_years_share(a) -> bool:
    return any(_near(a, share, 0.06) for year, share in _by_year()["confirmed_pct"].items() if year != FIRST)


def _mismatched_years(a) -> bool:
    table = _by_year()
    confirmed = table.loc[FIRST, CONFIRMED]
    return any(_near(a, 100 * confirmed / assessed, 0.06)
               for year, assessed in table[ASSESSED].items() if year != FIRST)


question(
    "07.3", lambda: _share(), tolerance=0.06,
    prompt="Confirmed reports as a percentage of the reports the IWF assessed in 2020 (not from the chapter), per cent "
           "to 1 decimal place.",
    hints=[
        proportion_hint(),
        (lambda a, e: _near(a, 10000 / e, 0.06),
         "you divided the wrong way round: the confirmed reports are a part of the reports assessed."),
        (lambda a, e: _near(a, 100 - e, 0.06),
         "that is the share of assessed reports that were *not* confirmed; the question asks for the confirmed share."),
        (lambda a, e: _other_years_share(a),
         "that is the share for another year; the question asks for 2020."),
        (lambda a, e: _mismatched_years(a),
         "you divided 2020's confirmed count by another year's reports assessed: put the two series side by side "
         "by year (one row per year) before dividing."),
    ],
)


def _change(first=FIRST, second=SECOND) -> float:
    return _share(second) - _share(first)


question(
    "07.4", lambda: _change(), tolerance=0.06,
    prompt="Change in the IWF's confirmed share from 2020 to 2021, in percentage points to 1 decimal place (a rise "
           "is positive).",
    hints=[
        (lambda a, e: _near(a, -e, 0.06),
         "you subtracted the other way round: a rise from 2020 to 2021 is a positive change."),
        (lambda a, e: _near(a, 100 * e / _share(), 0.06),
         "that is the relative change, as a percentage of the 2020 share; the question asks for the difference in "
         "percentage points."),
        proportion_hint("that is a difference of proportions; give it in percentage points."),
        (lambda a, e: _near(a, _change(second=LAST), 0.06),
         "that is the change from 2020 to 2024; the question asks for 2020 to 2021."),
        (lambda a, e: _near(a, _share(SECOND), 0.06) or _near(a, _share(), 0.06),
         "that is one year's share; the question asks for the change between the two years."),
    ],
)
