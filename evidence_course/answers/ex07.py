"""Exercise set 07 · Indecent images of children online: scale and hosting.

Expected values are computed from the data package when a check runs (facts.csv rows F086–F088,
F093–F095 and F098–F102; F098, the 9,550 confirmed URLs of 2012, is also the finite population of
exercises 6 and 7); nothing from the chapter is typed here. The only numbers typed are the
exercises' own hypothetical settings (what "just" means, the repeat share and period factor of the
extrapolation, a sample of 300 URLs, a ±2-point margin) and the tolerances.
"""
from __future__ import annotations

import math

from ..checks import near as _near, pair_near as _pair_near, question, wilson_hints
from ..data import fact_value as _value
from .. import stats

HOSTING_SECTION = "Locations of indecent images of children"
HEDGE_PCT = 2          # exercise 3: ASSUMPTION that "just" means within 2% of the round number
REPEAT_PCT = 40        # exercise 5: ASSUMPTION, share of the images that are repeats
PERIOD_FACTOR = 1.25   # exercise 5: ASSUMPTION, the observed weeks ran at 1.25x an average period
WEEKS_IN_YEAR = 52
SAMPLE_N = 300         # exercise 6: a hypothetical random sample of confirmed URLs
MARGIN = 0.02          # exercise 7: ±2 percentage points (a setting we choose)


def _confirmed() -> float:  # 9,550 confirmed URLs, 2012 (F098, line 1301)
    return _value("F098")


# --------------------------------------------------------------------------- 07.1 implied count (reading facts)
def _implied(fact_id: str, base=None) -> float:
    return stats.implied_count(_value(fact_id), _confirmed() if base is None else base)


question(
    "07.1", lambda: _implied("F101"), tolerance=0.6,
    prompt="Implied number of the 9,550 confirmed URLs hosted in Europe, to the nearest whole URL.",
    hints=[
        (lambda a, e: _near(a, _value("F101"), 0.01),
         "that is the printed percentage; the question asks for a number of URLs (the share times its base)."),
        (lambda a, e: _near(a, e / 100, 0.1),
         "you divided by 100 twice: 37 per cent of a total is 37 / 100 of it."),
        (lambda a, e: _near(a, e * 100, 60),
         "you multiplied by the percentage without dividing by 100."),
        (lambda a, e: _near(a, _implied("F101", _value("F087")), 1) or _near(a, _implied("F101", _value("F086")), 1),
         "you used the URLs *processed* as the base; the hosting shares are shares of the URLs the IWF "
         "*confirmed* (the `denominator` column)."),
        (lambda a, e: _near(a, _implied("F101", _confirmed() - _value("F099")), 1),
         "you took the UK-hosted URLs out of the base; the printed shares are of all the confirmed URLs (and the "
         "chapter does not say whether the UK sits inside 'Europe')."),
        (lambda a, e: any(_near(a, _implied(i), 1) for i in ("F100", "F102")),
         "that is the implied count for a different hosting area: Europe is row F101."),
    ],
)

# --------------------------------------------------------------------------- 07.2 UK share from two counts
question(
    "07.2", lambda: stats.percent_of(_value("F099"), _confirmed()), tolerance=0.006,
    prompt="UK-hosted URLs as a percentage of the confirmed URLs, 2012, to 2 decimal places.",
    hints=[
        (lambda a, e: _near(a, e / 100, 0.0001),
         "that is a proportion (between 0 and 1); give a percentage."),
        (lambda a, e: _near(a, stats.percent_of(_value("F099"), _value("F087")), 0.006)
         or _near(a, stats.percent_of(_value("F099"), _value("F086")), 0.006),
         "you divided by the URLs *processed*; the 73 are a part of the URLs the IWF *confirmed* (line 1301)."),
        (lambda a, e: _near(a, 100 * _confirmed() / _value("F099"), 1),
         "you divided the wrong way round: the UK-hosted URLs are part of the confirmed URLs."),
        (lambda a, e: _near(a, 100 - e, 0.006),
         "that is the share hosted *outside* the UK; the question asks for the UK-hosted share."),
        (lambda a, e: _near(a, round(e, 1), 1e-6) or _near(a, round(e), 1e-6),
         "give 2 decimal places: the share is under one per cent, so fewer places hide most of it."),
    ],
)


# --------------------------------------------------------------------------- 07.3 the IWF's fall as a range
def _fall(old, new) -> float:
    return -stats.percent_change(old, new)


def _fall_range(h=HEDGE_PCT):
    old, new = _value("F086"), _value("F087")
    return (_fall(old, new), _fall(old * (1 + h / 100), new * (1 - h / 100)))


question(
    "07.3", lambda: _fall_range(), kind="interval", tolerance=0.06,
    prompt="Smallest and largest fall (per cent, 1 decimal place) in URLs processed, 2010/11 to 2012, if 'just' "
           "means within 2% of the round number.",
    hints=[
        (lambda a, e: a[1] < 0,
         "give the size of the fall as positive numbers (a change of -25% is a fall of 25%), smallest first."),
        (lambda a, e: _pair_near(a, _fall_range(5), 0.06),
         "that is the range for 'within 5%', the notebook's assumption; this exercise assumes 'within 2%'."),
        (lambda a, e: _pair_near(a, (100 * (_value("F086") - _value("F087")) / _value("F087"),
                                     100 * (_value("F086") * (1 + HEDGE_PCT / 100) - _value("F087") * (1 - HEDGE_PCT / 100))
                                     / (_value("F087") * (1 - HEDGE_PCT / 100))), 0.06),
         "you divided by the 2012 value; a percentage change is measured against the earlier (2010/11) value."),
        (lambda a, e: _pair_near(a, (_fall(_value("F086"), _value("F087") * (1 + HEDGE_PCT / 100)),
                                     _fall(_value("F086") * (1 + HEDGE_PCT / 100), _value("F087"))), 0.06),
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

# --------------------------------------------------------------------------- 07.4 unit of the ISP's count
OPTIONS_074 = ("individuals", "attempts", "urls", "images")

question(
    "07.4", lambda: "attempts", kind="choice",
    prompt="What is one unit of the ISP's 'more than 20,000'? individuals, attempts, urls or images.",
    hints=[
        (lambda a, e: a.rstrip("s") in ("individual", "attempt", "url", "image") and a not in OPTIONS_074,
         "use the option exactly as listed, in the plural."),
        (lambda a, e: a == "individuals",
         "that is the reading the chapter warns against (lines 1297-1298): repeat tries and automated traffic "
         "mean the count need not be a count of people."),
        (lambda a, e: a == "urls",
         "URLs are what the IWF counts; read what the ISP reported blocking (line 1296)."),
        (lambda a, e: a == "images",
         "images are what Renold et al. (2003) counted; read what the ISP reported blocking (line 1296)."),
        (lambda a, e: a not in OPTIONS_074,
         "give one of the four options, individuals, attempts, urls or images, in quotes."),
    ],
)


# --------------------------------------------------------------------------- 07.5 a year from six weeks
def _year(repeat_pct=REPEAT_PCT, factor=PERIOD_FACTOR, divide=True):
    per_week = _value("F093") * (1 - repeat_pct / 100) / _value("F094")
    year = per_week * WEEKS_IN_YEAR
    return year / factor if divide else year * factor


question(
    "07.5", lambda: _year(), tolerance=1,
    prompt="Yearly figure from 140,000 images in six weeks, with 40% repeats and the observed period at 1.25x an "
           "average period, to the nearest whole image.",
    hints=[
        (lambda a, e: _near(a, _year(0, 1), 1),
         "that is the naive figure (every week the same, every image new); apply both assumptions."),
        (lambda a, e: _near(a, _year(factor=1), 1),
         "you removed the repeats but did not allow for the busier-than-average period."),
        (lambda a, e: _near(a, _year(repeat_pct=0), 1),
         "you allowed for the busier period but did not remove the repeats."),
        (lambda a, e: _near(a, _year(divide=False), 1),
         "if the observed weeks were busier than average, an average week has fewer images: divide by the "
         "factor, do not multiply."),
        (lambda a, e: _near(a, _year(repeat_pct=100 - REPEAT_PCT), 1),
         "you kept the repeats and removed the rest: if 40% are repeats, 60% are kept."),
        (lambda a, e: _near(a, e / WEEKS_IN_YEAR * _value("F094"), 1) or _near(a, e / WEEKS_IN_YEAR, 1),
         "that is a figure for six weeks or one week; the question asks for a year (52 weeks)."),
    ],
)


# --------------------------------------------------------------------------- 07.6 hypothetical Wilson interval
# The population is finite and the question says so: the 300 URLs would be drawn without replacement from the
# 9,550 confirmed in 2012 (F098), so the model answer applies the finite population correction (population=).
# At 300 of 9,550 (about 3%) the correction moves the upper end by less than 0.1 point, which is still enough
# to change the rounded answer, so the uncorrected interval is accepted too, with a note.
def _ci(method="wilson", n=SAMPLE_N, finite=True):
    population = int(_confirmed()) if finite else None
    ci = stats.proportion_ci_pct(_value("F102"), n, method=method, population=population)
    return (ci.low, ci.high)


question(
    "07.6", lambda: _ci(), kind="interval", tolerance=0.06,
    prompt="95% Wilson interval, per cent to 1 decimal place, for a 9% share in a hypothetical random sample of "
           "300 of the 9,550 confirmed URLs (a finite population: use the finite population correction).",
    accept=[(lambda: _ci(finite=False),
             "without the finite population correction (as if the URLs came from an unlimited population); at 300 "
             "of 9,550 URLs, about 3%, the correction narrows the interval only slightly")],
    method="the Wilson interval with the finite population correction (population=9,550)",
    hints=[
        *wilson_hints(_ci),
        *wilson_hints(lambda method: _ci(method, finite=False))[1:],
        (lambda a, e: _pair_near(a, _ci(n=int(_confirmed())), 0.06) or _near(a[1] - a[0], 0, 0.001),
         "that treats all 9,550 confirmed URLs as the sample: a census has no sampling error. The question is about "
         "a hypothetical sample of 300."),
        (lambda a, e: _pair_near(a, _ci(n=int(_value("F099"))), 0.06)
         or _pair_near(a, _ci(n=int(_value("F099")), finite=False), 0.06),
         "you used the UK-hosted URLs as n; the question is about a hypothetical sample of 300."),
        (lambda a, e: a[0] < e[0] < e[1] < a[1] or e[0] < a[0] < a[1] < e[1],
         "your interval has the wrong width: check the sample size, the population (9,550) and that the confidence "
         "level is 95%."),
    ],
)


# --------------------------------------------------------------------------- 07.7 sample size for a margin
# The population is finite and the question says so: the sample is drawn from the 9,550 confirmed URLs (F098).
# The model answer is the normal formula with Cochran's correction applied to the unrounded n0
# (stats.sample_size_for_margin with population=). Rounding n0 up to a whole number first, then correcting, gives
# one URL more; that order is accepted too, with a note.
def _n(p=None, margin=MARGIN, confidence=0.95, finite=True, method="normal"):
    p = _value("F100") / 100 if p is None else p
    return stats.sample_size_for_margin(p, margin, confidence=confidence, method=method,
                                        population=int(_confirmed()) if finite else None)


def _n_rounded_first():
    n0 = _n(finite=False)                      # the uncorrected size, already rounded up
    big_n = _confirmed()
    return math.ceil(n0 / (1 + (n0 - 1) / big_n))


def _either(a, **settings) -> bool:
    """Is the answer the size for these settings, with or without the finite population correction?"""
    return a in (_n(finite=True, **settings), _n(finite=False, **settings))


question(
    "07.7", lambda: _n(), kind="count",
    prompt="URLs to check in a simple random sample drawn from the 9,550 confirmed URLs (a finite population) to "
           "estimate the North America share to within ±2 points, 95% confidence, planning with the printed 54%: "
           "normal formula with the finite population correction.",
    accept=[(_n_rounded_first,
             "with the uncorrected size rounded up to a whole number before the finite population correction")],
    method="the correction applied to the unrounded size (stats.sample_size_for_margin with population=)",
    hints=[
        (lambda a, e: e - 1 <= a < e,
         "round up, not down or to the nearest: one URL fewer would miss the margin."),
        (lambda a, e: a == _n(finite=False),
         "that is the size for an unlimited population. The question says the population is finite, the 9,550 URLs "
         "confirmed in 2012 (F098): give it to the function as population= to apply the finite population "
         "correction, which matters when a sample is a large part of the population."),
        (lambda a, e: a in (_n(method="wilson"), _n(method="wilson", finite=False)),
         "that is the answer planned with the Wilson interval; the question asks for the normal formula (the "
         "function's default method), which is adequate here because n·p is far above 10."),
        (lambda a, e: _either(a, p=0.5),
         "that is the worst case, p = 0.5; the question asks you to plan with the printed North America share."),
        (lambda a, e: _either(a, margin=2 * MARGIN),
         "you used the full width of the interval as the margin; the margin is the half-width, ±2 points."),
        (lambda a, e: _either(a, margin=MARGIN / 2),
         "you used half the margin: ±2 points means a half-width of 2 percentage points (0.02)."),
        (lambda a, e: _either(a, confidence=0.9),
         "that is the size for 90% confidence; the question asks for 95%."),
        (lambda a, e: a == int(_confirmed()),
         "that is every confirmed URL: a census, which has no sampling error at all. The question asks for the "
         "smallest random sample that gives ±2 points."),
        (lambda a, e: a != int(a),
         "a sample size is a whole number of URLs: round up."),
    ],
)
