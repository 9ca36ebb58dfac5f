"""Exercise set 08 · Indecent images: victims, self-generated images and exploitation.

Expected values are computed from the data package when a check runs: facts.csv rows looked up by key
(the section *Victims of indecent images*, lines 1340–1350, and CEOP's 2012 samples of still and moving
self-generated images, *'Sexting' and self-generated indecent images (SGII)*, lines 1361–1364); nothing
from the chapter is typed here. The only numbers typed are the tolerances.

Set 08 has four self-checks: 08.1 (which percentages have a base), 08.2 (what the 73 counts), 08.3 and 08.4
(parts (a) and (c) of the analysis task). The hints say what a wrong answer suggests; they do not name
functions.

No question uses the chapter's figures on online child sexual exploitation (coercion, self-harm and a death
by suicide); the notebook states them once and the exercises leave them alone.
"""
from __future__ import annotations

from ..checks import near as _near, pair_near as _pair_near, question
from ..data import fact, load_table, fact_value as _value
from .. import stats

VICTIMS_SECTION = "Victims of indecent images"
STILL_N, MOVING_N = "ceop_2012_still_sgii_sample", "ceop_2012_moving_sgii_sample"           # 120 and 113 (line 1361)
STILL_FEMALE, STILL_MALE = "ceop_2012_still_sgii_female_pct", "ceop_2012_still_sgii_male_pct"  # 82%, 18% (line 1363)
MOVING_FEMALE, MOVING_MALE = "ceop_2012_moving_sgii_female_pct", "ceop_2012_moving_sgii_male_pct"  # 37%, 55% (line 1364)


def _n(key: str) -> int:
    return int(fact(key)["value"])


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
         "the chapter does not print how many child victims there were (Victims of indecent images, lines "
         "1340-1341): the 73 counts "
         "something else, which is why 79% of 73 is not a number of children."),
        (lambda a, e: a == "images",
         "images are the unit of the NCMEC study (1,660 images, Victims of indecent images, line 1343) and of "
         "CEOP's sample; read line 1340 of the same section."),
        (lambda a, e: a == "reports",
         "reports are the unit of CEOP's industry figures ('Sexting' and self-generated indecent images, line "
         "1354); read line 1340 (Victims of indecent images)."),
        (lambda a, e: a not in OPTIONS_082,
         "give one of the four options, children, urls, images or reports, in quotes."),
    ],
)


# --------------------------------------------------------------------------- 08.3 the footnote 7 gap, in images
def _gap_pct() -> float:
    return 100 - _value(MOVING_FEMALE) - _value(MOVING_MALE)


question(
    "08.3", lambda: _gap_pct() / 100 * _n(MOVING_N), tolerance=0.06,
    prompt="Implied number of moving images in CEOP's sample whose young person's sex was not described, to 1 "
           "decimal place.",
    hints=[
        (lambda a, e: _near(a, _gap_pct(), 0.06),
         "that is the gap as a percentage of the moving sample; the question asks for a number of images (the "
         "percentage times the sample size)."),
        (lambda a, e: _near(a, _gap_pct() / 100, 0.001),
         "that is the gap as a proportion; the question asks for a number of images."),
        (lambda a, e: _near(a, 0, 0.06),
         "the still images add up to 100%, but the moving images do not: add the two printed moving shares and "
         "see what is left (footnote 7)."),
        (lambda a, e: _near(a, _gap_pct() / 100 * _n(STILL_N), 0.06),
         "you used the still sample's size; the gap is in the moving sample."),
        (lambda a, e: _near(a, _value(MOVING_FEMALE) / 100 * _n(MOVING_N), 0.06)
         or _near(a, _value(MOVING_MALE) / 100 * _n(MOVING_N), 0.06),
         "that is the implied number of moving images showing a girl or a boy; the question asks for those whose "
         "sex was not described."),
    ],
)


# --------------------------------------------------------------------------- 08.4 the difference in the male share
def _diff(method="newcomb", whole=False, swap_n=False):
    """Moving minus still, male share, in points: a 95% interval on the implied counts (rounded to whole
    images if ``whole``; each share paired with the other sample's size if ``swap_n``)."""
    n_moving, n_still = _n(MOVING_N), _n(STILL_N)
    if swap_n:
        n_moving, n_still = n_still, n_moving
    k_moving = stats.implied_count(_value(MOVING_MALE), n_moving)
    k_still = stats.implied_count(_value(STILL_MALE), n_still)
    if whole:
        k_moving, k_still = round(k_moving), round(k_still)
    d = stats.diff_proportions(k_moving, n_moving, k_still, n_still, method=method).scaled(100)
    return (d.low, d.high)


def _single(key, n_key, method="wilson"):
    ci = stats.proportion_ci_pct(_value(key), _n(n_key), method=method)
    return (ci.low, ci.high)


def _separate_interval(a) -> bool:
    return any(_pair_near(a, _single(key, n_key, method), 0.06)
               for key, n_key in ((MOVING_MALE, MOVING_N), (STILL_MALE, STILL_N))
               for method in ("wilson", "normal", "clopper-pearson"))


question(
    "08.4", lambda: _diff(), kind="interval", tolerance=0.06,
    prompt="95% interval, in percentage points to 1 decimal place, for the male share of CEOP's moving SGII minus "
           "the male share of its still SGII (as printed; independent samples; no finite population correction).",
    accept=[(lambda: _diff("agresti-caffo"), "by the Agresti–Caffo interval for a difference"),
            (lambda: _diff("wald"), "by the simple (Wald) interval for a difference: adequate at these sizes, though "
                                    "it can be too narrow with small samples or shares near 0 or 100%"),
            (lambda: _diff(whole=True), "by Newcombe's interval on implied counts rounded to whole images")],
    method="Newcombe's interval for a difference of two proportions, on the implied counts",
    hints=[
        (lambda a, e: _pair_near(a, (-e[1], -e[0]), 0.06),
         "you subtracted in the other order: the question asks for moving minus still."),
        (lambda a, e: _pair_near(a, [x / 100 for x in e], 0.001),
         "those are differences of proportions; give them in percentage points."),
        (lambda a, e: _separate_interval(a),
         "that is an interval for one sample's share. The question is about the difference between the two "
         "samples: one interval for the difference, not two intervals compared by eye (overlap is not a test)."),
        (lambda a, e: _pair_near(a, _diff(swap_n=True), 0.06),
         "you paired each share with the other sample's size: check which n goes with which share."),
        (lambda a, e: a[0] < (e[0] + e[1]) / 2 < a[1] and not _pair_near(a, e, 0.06),
         "your interval is centred near the right difference but has the wrong width: check the two sample sizes "
         "and that the confidence level is 95%."),
    ],
)
