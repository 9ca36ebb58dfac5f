"""Exercise set 08 · Indecent images: victims, self-generated images and exploitation.

Expected values are computed from the data package when a check runs (facts.csv rows F108–F117,
F123–F128 and F130); nothing from the chapter is typed here. The only numbers typed are the
exercises' own hypothetical settings (a ±5-point margin and an assumed design effect of 2) and the
tolerances.

No question uses the chapter's figures on online child sexual exploitation (F143–F147: coercion,
self-harm and a death by suicide); the notebook states them once and the exercises leave them alone.
"""
from __future__ import annotations

from ..checks import near as _near, pair_near as _pair_near, question, wilson_hints
from ..data import fact, load_table, fact_value as _value
from .. import stats

VICTIMS_SECTION = "Victims of indecent images"
# Exercises 4-6 treat the collections CEOP's samples came from as large (the chapter gives no total of the
# self-generated images received), so no finite population correction; the questions say so. In exercise 6
# rounding before or after the design effect gives the same whole number, so no alternative is accepted.
MARGIN = 0.05   # exercise 6: ±5 percentage points (a setting we choose)
DEFF = 2.0      # exercise 6: ASSUMED design effect (images of the same young person cluster)


def _n(fact_id: str) -> int:
    return int(fact(fact_id)["value"])


# --------------------------------------------------------------------------- 08.1 which percentages have a base?
def _section():
    facts = load_table("facts")
    return facts[facts["section"] == VICTIMS_SECTION]


def _with_base():
    s = _section()
    return int(((s["unit"] == "percent") & s["denominator"].notna()).sum())


question(
    "08.1", _with_base, kind="count",
    prompt="How many of the percentages in the section 'Victims of indecent images' have a stated base?",
    hints=[
        (lambda a, e: a == int((_section()["unit"] == "percent").sum()),
         "that is every percentage in the section; keep only those whose `denominator` is not blank."),
        (lambda a, e: a == int(((_section()["unit"] == "percent") & _section()["denominator"].isna()).sum()),
         "those are the percentages *without* a stated base (the `denominator` is blank)."),
        (lambda a, e: a == int(_section()["denominator"].notna().sum()),
         "you counted every row with a base, including one whose `unit` is words, not a percentage: keep only "
         "unit == 'percent'."),
        (lambda a, e: a == len(_section()),
         "that is every row of the section; keep the percentages that have a stated base."),
        (lambda a, e: a != int(a),
         "this is a number of rows: a whole number."),
    ],
)

# --------------------------------------------------------------------------- 08.2 what does the 73 count?
OPTIONS_082 = ("children", "urls", "images", "reports")

question(
    "08.2", lambda: "urls", kind="choice",
    prompt="In 'the UK-hosted content (73 URLs) ... 79 per cent of child victims', what is one unit of the 73? "
           "children, urls, images or reports.",
    hints=[
        (lambda a, e: a in ("url", "the urls", "web addresses"),
         "use the option exactly as listed."),
        (lambda a, e: a == "children",
         "the chapter does not print how many child victims there were (lines 1340-1341): the 73 counts "
         "something else, which is why 79% of 73 is not a number of children."),
        (lambda a, e: a == "images",
         "images are the unit of the NCMEC study (1,660 images, line 1343) and of CEOP's sample; read line 1340."),
        (lambda a, e: a == "reports",
         "reports are the unit of CEOP's industry figures (line 1354); read line 1340."),
        (lambda a, e: a not in OPTIONS_082,
         "give one of the four options, children, urls, images or reports, in quotes."),
    ],
)


# --------------------------------------------------------------------------- 08.3 combining two samples
def _girls(still_base=None, moving_base=None):
    still_n, moving_n = _n("F123"), _n("F124")
    girls = stats.implied_count(_value("F125"), still_n) + stats.implied_count(_value("F128"), moving_n)
    base = (still_n if still_base is None else still_base) + (moving_n if moving_base is None else moving_base)
    return 100 * girls / base


question(
    "08.3", lambda: _girls(), tolerance=0.15,
    prompt="Share of all the still and moving SGII in CEOP's two samples that showed a girl, per cent to 1 decimal "
           "place.",
    hints=[
        (lambda a, e: _near(a, (_value("F125") + _value("F128")) / 2, 0.06),
         "you averaged the two percentages; the samples are of different sizes, so work with (implied) counts of "
         "images and divide by all the images."),
        (lambda a, e: _near(a, e / 100, 0.002),
         "that is a proportion (between 0 and 1); give a percentage."),
        (lambda a, e: _near(a, e * (_n("F123") + _n("F124")) / 100, 1),
         "that is a number of images; the question asks for a percentage of all the sampled images."),
        (lambda a, e: _near(a, _girls(moving_base=_n("F124") * (_value("F127") + _value("F128")) / 100), 0.15),
         "you left the moving images whose sex was not described (footnote 7) out of the base; the question asks "
         "for a share of all the sampled images."),
        (lambda a, e: _near(a, _value("F125"), 0.06) or _near(a, _value("F128"), 0.06),
         "that is one sample's printed share; combine the still and the moving images."),
        (lambda a, e: _near(a, 100 - e, 0.15),
         "that is the share of images that did *not* show a girl; the question asks for the share that did."),
    ],
)


# --------------------------------------------------------------------------- 08.4 Wilson near 100%
def _ci(method="wilson", n=None):
    ci = stats.proportion_ci_pct(_value("F130"), _n("F123") if n is None else n, method=method)
    return (ci.low, ci.high)


question(
    "08.4", lambda: _ci(), kind="interval", tolerance=0.06,
    prompt="95% Wilson interval, per cent to 1 decimal place, for the 93% of still SGII featuring children over 10 "
           "(collection treated as large: no finite population correction).",
    hints=[
        *wilson_hints(_ci),
        (lambda a, e: _pair_near(a, _ci(n=_n("F124")), 0.06),
         "you used the number of moving images as n; the 93% is a share of the still images."),
        (lambda a, e: _pair_near(a, _ci(n=_n("F123") + _n("F124")), 0.06),
         "you used both samples as n; the 93% is a share of the still images only."),
        (lambda a, e: _near(a[1], e[1], 0.06),
         "your upper end is right; check the lower end (1 decimal place, Wilson, 95%)."),
        (lambda a, e: a[0] < e[0] < e[1] < a[1] or e[0] < a[0] < a[1] < e[1],
         "your interval has the wrong width: check the sample size and that the confidence level is 95%."),
    ],
)


# --------------------------------------------------------------------------- 08.5 difference of two proportions
def _diff(method="newcomb", first=("F127", "F124"), second=("F126", "F123")):
    (p1, n1), (p2, n2) = first, second
    d = stats.diff_proportions(stats.implied_count(_value(p1), _n(n1)), _n(n1),
                               stats.implied_count(_value(p2), _n(n2)), _n(n2), method=method).scaled(100)
    return (d.low, d.high)


question(
    "08.5", lambda: _diff(), kind="interval", tolerance=0.06,
    prompt="Newcombe 95% interval, in percentage points to 1 decimal place, for the male share of moving SGII "
           "minus the male share of still SGII (as printed; independent samples from collections treated as large).",
    hints=[
        (lambda a, e: _pair_near(a, (-e[1], -e[0]), 0.06),
         "you subtracted in the other order: the question asks for moving minus still."),
        (lambda a, e: _pair_near(a, [x / 100 for x in e], 0.001),
         "those are differences of proportions; give them in percentage points."),
        (lambda a, e: _pair_near(a, _diff("wald"), 0.06),
         "that is the Wald interval; the question asks for Newcombe's (method='newcomb')."),
        (lambda a, e: _pair_near(a, _diff("agresti-caffo"), 0.06),
         "that is the Agresti-Caffo interval; the question asks for Newcombe's (method='newcomb')."),
        (lambda a, e: _pair_near(a, _diff(first=("F125", "F123"), second=("F128", "F124")), 0.06),
         "that interval compares a different pair of shares (the female shares as printed, or the male shares with "
         "every undescribed moving image counted as male); use the two printed male shares."),
        (lambda a, e: _pair_near(a, _diff(first=("F127", "F123"), second=("F126", "F124")), 0.06),
         "you paired each share with the other sample's size: check which n goes with which share."),
    ],
)


# --------------------------------------------------------------------------- 08.6 planning a sample with a design effect
def _plan(p=None, margin=MARGIN, deff=DEFF):
    p = _value("F125") / 100 if p is None else p
    return stats.sample_size_for_margin(p, margin, design_effect=deff)


question(
    "08.6", lambda: _plan(), kind="count",
    prompt="Still images needed to estimate the share showing a girl to within ±5 points, 95% confidence, planning "
           "with the printed 82% and an assumed design effect of 2: normal formula, design effect applied before "
           "rounding, collection treated as large (no finite population correction).",
    hints=[
        (lambda a, e: e - 1 <= a < e,
         "round up, not down or to the nearest: one image fewer would miss the margin."),
        (lambda a, e: a == stats.sample_size_for_margin(_value("F125") / 100, MARGIN, design_effect=DEFF,
                                                        method="wilson"),
         "that is the size planned with the Wilson interval; the question asks for the normal formula (the "
         "function's default method), which is adequate here because n·p is far above 10."),
        (lambda a, e: a == _plan(deff=1),
         "that is the size for independent observations; multiply by the design effect (images of the same young "
         "person carry less information than separately sampled ones)."),
        (lambda a, e: a == _plan(deff=1 / DEFF) and a == _plan(margin=2 * MARGIN),
         "that is a quarter of the size needed: either you divided by the design effect instead of multiplying, "
         "or you used the full width of the interval (0.1) as the margin instead of the half-width (±5 points)."),
        (lambda a, e: a == _plan(deff=1 / DEFF),
         "you divided by the design effect; a design effect above 1 means you need more images, not fewer."),
        (lambda a, e: a == _plan(p=0.5),
         "that is the worst case, p = 0.5; the question asks you to plan with the printed share of still images "
         "showing a girl."),
        (lambda a, e: a == _plan(margin=2 * MARGIN),
         "you used the full width of the interval as the margin; the margin is the half-width, ±5 points."),
        (lambda a, e: a == _plan(margin=MARGIN / 2),
         "you used half the margin: ±5 points means a half-width of 5 percentage points (0.05)."),
        (lambda a, e: a == _n("F123"),
         "that is the size of CEOP's still sample; the question asks what the formula requires."),
        (lambda a, e: a != int(a),
         "a sample size is a whole number of images: round up."),
    ],
)
