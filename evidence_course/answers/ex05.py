"""Exercise set 05 · Online grooming: offenders, methods, technology and motivations.

Expected values are computed from the data package when a check runs (facts.csv rows F056-F060
for Webster et al. (2012), F065 with its denominator for Wolak et al. (2004), F067-F069 for CEOP's
2012 public referrals; F067 is also the finite population of exercise 5); nothing from the chapter is
typed here. The only numbers typed are the
exercises' own hypothetical settings (the assumed type shares, seed and number of simulated samples
of exercise 6, the ±2-point margin of exercise 5) and the tolerances.
"""
from __future__ import annotations

import numpy as np

from ..checks import near as _near, pair_near as _pair_near, question, wilson_hints
from ..data import fact, load_table, fact_value as _value
from .. import stats

# Settings chosen for the exercises (not findings of the chapter). The solution notebook's setup
# cell states the same values; the seed and number of samples are those of the notebook's widget.
ASSUMED_SHARES = [0.40, 0.35, 0.25]  # intimacy-seeking, adaptable-style, hyper-sexualised: ASSUMED
SEED, REPEATS = 2012, 2000
MARGIN = 0.02  # exercise 5: ±2 percentage points


# --------------------------------------------------------------------------- 05.1 words, not numbers
def _offender_rows(part=None):
    facts = load_table("facts")
    rows = facts[facts["section"] == "Characteristics of offenders"]
    return rows if part is None else rows[rows["part"] == part]


question(
    "05.1", lambda: int(_offender_rows("grooming")["value"].isna().sum()), kind="count",
    prompt="Number of facts.csv rows in section 'Characteristics of offenders', part 'grooming', with no value.",
    hints=[
        (lambda a, e: a == len(_offender_rows("grooming")),
         "that is the number of rows in the section; the question asks how many of them have an empty `value`."),
        (lambda a, e: a == _offender_rows("grooming")["value"].notna().sum(),
         "you counted the rows that do have a number; the question asks for the rows whose `value` is empty."),
        (lambda a, e: a == _offender_rows()["value"].isna().sum(),
         "you included the rows about offenders who view indecent images (part 'images'); keep only the part "
         "'grooming'."),
        (lambda a, e: a == (_offender_rows("grooming")["unit"] == "proportion_words").sum(),
         "you counted only the rows with unit 'proportion_words'; another row in this section has no value "
         "although its unit is 'count'. Test the `value` column itself with .isna()."),
    ],
)


# --------------------------------------------------------------------------- 05.2 unit of the 1,145
question(
    "05.2", lambda: "referrals", kind="choice",
    prompt="What is one unit of the 1,145 (F067)? children, offenders, referrals or images.",
    hints=[
        (lambda a, e: a.rstrip("s") == "referral" or a in ("reports", "report"),
         "right idea: use the option exactly as listed, in the plural."),
        (lambda a, e: a.startswith("child") or a.startswith("victim"),
         "the chapter counts what members of the public reported to CEOP, not the children concerned: it does "
         "not say how many children the referrals involved."),
        (lambda a, e: a.startswith("offender"),
         "the chapter does not say how many people the referrals concerned; one person can be the subject of "
         "several referrals, and many are never referred."),
        (lambda a, e: a.startswith("image"),
         "webcams and images are what some of the referrals involved; read the `statement` and `population` "
         "columns of F067 for what was counted."),
        (lambda a, e: a not in ("children", "offenders", "referrals", "images"),
         "give one of the four options, children, offenders, referrals or images, in quotes."),
    ],
)


# --------------------------------------------------------------------------- 05.3 counts behind 74%
def _consistent_counts(fact_id: str = "F065") -> list[int]:
    row = fact(fact_id)
    pct, n = float(row["value"]), int(row["denominator"])
    return [k for k in range(n + 1) if round(100 * k / n) == pct]


def _n(fact_id: str = "F065") -> int:
    return int(fact(fact_id)["denominator"])


question(
    "05.3", lambda: 100 * min(_consistent_counts()) / _n(), tolerance=0.06,
    prompt="Percentage of the 129 cases given by the smallest whole count that rounds to 74%, to 1 decimal place.",
    hints=[
        (lambda a, e: _near(a, _value("F065"), 0.06),
         "that is the printed percentage; the question asks what percentage the smallest consistent count "
         "actually gives before rounding."),
        (lambda a, e: _near(a, stats.implied_count(_value("F065"), _n()), 0.06),
         "that is the implied count (74% of 129), which is not a whole number; find the whole counts that "
         "round to 74%, then turn the smallest back into a percentage."),
        (lambda a, e: a in _consistent_counts(),
         "that is a count of cases; now turn it back into a percentage of the 129."),
        (lambda a, e: _near(a, 100 * max(_consistent_counts()) / _n(), 0.06),
         "that is the percentage for the largest count that rounds to 74%; the question asks for the smallest."),
        (lambda a, e: _near(a, e / 100, 0.001),
         "that is a proportion (between 0 and 1); give a percentage."),
    ],
)


# --------------------------------------------------------------------------- 05.4 Wilson interval, 74% of 129
def _ci(method: str = "wilson", n=None, confidence: float = 0.95):
    ci = stats.proportion_ci_pct(_value("F065"), n or _n(), method=method, confidence=confidence)
    return (ci.low, ci.high)


question(
    "05.4", lambda: _ci(), kind="interval", tolerance=0.06,
    prompt="95% Wilson interval, in per cent to 1 decimal place, for the 74% of 129 who agreed to meet.",
    hints=[
        *wilson_hints(_ci),
        (lambda a, e: _pair_near(a, _ci(n=int(_value("F059"))), 0.06),
         "you used Webster et al.'s 33 as n; the 74% is a share of Wolak et al.'s 129 cases."),
        (lambda a, e: _pair_near(a, _ci(n=int(_value("F067"))), 0.06),
         "you used CEOP's 1,145 referrals as n; the 74% is a share of Wolak et al.'s 129 cases."),
        (lambda a, e: _pair_near(a, _ci(confidence=0.9), 0.06),
         "that is a 90% interval; the question asks for 95%."),
        (lambda a, e: a[0] < e[0] < e[1] < a[1] or e[0] < a[0] < a[1] < e[1],
         "your interval has about the right centre but the wrong width: check n and the confidence level."),
    ],
)


# --------------------------------------------------------------------------- 05.5 sample size, webcams
# The population is finite and the question says so: a random sample is drawn from the 1,145 public referrals
# CEOP received in 2012 (F067), so the model answer uses the finite population correction (Cochran's n0/(1 + (n0-1)/N)
# with the normal formula). Rounding n0 up before the correction gives the same whole number here.
def _size(p_fact: str = "F069", margin: float = MARGIN, confidence: float = 0.95, finite: bool = True,
          method: str = "normal") -> int:
    population = int(_value("F067")) if finite else None
    return stats.sample_size_for_margin(_value(p_fact) / 100, margin, confidence=confidence, population=population,
                                        method=method)


def _either(a, **settings) -> bool:
    """Is the answer the size for these settings, with or without the finite population correction?"""
    return a in (_size(finite=True, **settings), _size(finite=False, **settings))


question(
    "05.5", lambda: _size(), kind="count",
    prompt="Referrals a random sample drawn from the 1,145 public referrals of 2012 (a finite population) needs to "
           "estimate the recorded webcam share (plan with 19%) to within ±2 percentage points, 95% confidence: normal "
           "formula with the finite population correction (stats.sample_size_for_margin with population=).",
    hints=[
        (lambda a, e: e - 1 <= a < e,
         "round up, not down or to the nearest: a sample one referral smaller than the formula's value would "
         "miss the margin."),
        (lambda a, e: a == _size(finite=False),
         "that is the size for an unlimited population, larger than the 1,145 referrals there are. The question says "
         "the population is finite, the 1,145 referrals of 2012 (F067): give it to the function as population= to "
         "apply the finite population correction."),
        (lambda a, e: a == _size(method="wilson"),
         "that is the answer planned with the Wilson interval; the question asks for the normal formula (the "
         "function's default method), which is adequate here because n·p is far above 10."),
        (lambda a, e: a in (stats.sample_size_for_margin(0.5, MARGIN),
                            stats.sample_size_for_margin(0.5, MARGIN, population=int(_value("F067")))),
         "that is the worst case, p = 0.5; the question asks you to plan with the recorded webcam share."),
        (lambda a, e: _either(a, p_fact="F068"),
         "you planned with the gaming-sites share (F068); the question is about webcams (F069)."),
        (lambda a, e: _either(a, margin=2 * MARGIN),
         "you used the full width of the interval as the margin; the margin is the half-width, ±2 points."),
        (lambda a, e: _either(a, margin=MARGIN / 2),
         "you used half the margin: ±2 points means a half-width of 2 percentage points."),
        (lambda a, e: _either(a, confidence=0.9),
         "that is the size for 90% confidence; the question asks for 95%."),
        (lambda a, e: a == int(_value("F067")),
         "that is every referral CEOP received in 2012: a census, which has no sampling error at all. The question "
         "asks for the smallest random sample that gives ±2 points."),
        (lambda a, e: a != int(a),
         "a sample size is a whole number of referrals: round up."),
        (lambda a, e: a < 100,
         "the margin is a proportion in the formula: ±2 points is 0.02, and 19% is 0.19."),
    ],
)


# --------------------------------------------------------------------------- 05.6 seeded simulation
def _samples(shares=None, n=None):
    shares = ASSUMED_SHARES if shares is None else shares
    n = int(_value("F059")) if n is None else n
    return np.random.default_rng(SEED).multinomial(n, shares, size=REPEATS)


def _explorer_share(outcome: str) -> float:
    """Notebook 05's explorer, tie-aware: 'outright' (another type largest on its own), 'tie' or 'right'."""
    samples = _samples()
    top = samples.max(axis=1, keepdims=True)
    tie = (samples == top).sum(axis=1) > 1
    right = ~tie & (samples[:, 0] == top[:, 0])
    return float(100 * np.mean({"outright": ~tie & ~right, "tie": tie, "right": right}[outcome]))


def _wrong_largest(shares=None, n=None, ties_count_as_wrong: bool = False) -> float:
    shares = ASSUMED_SHARES if shares is None else shares
    n = int(_value("F059")) if n is None else n
    rng = np.random.default_rng(SEED)
    samples = rng.multinomial(n, shares, size=REPEATS)  # people of each type in each simulated sample
    others = samples[:, 1:].max(axis=1)
    wrong = others >= samples[:, 0] if ties_count_as_wrong else others > samples[:, 0]
    return float(100 * np.mean(wrong))


question(
    "05.6", lambda: _wrong_largest(), tolerance=0.06,
    prompt="Percentage of 2,000 seeded samples of 33 (assumed shares 40/35/25) in which another type has more "
           "people than intimacy-seeking, to 1 decimal place.",
    hints=[
        (lambda a, e: _near(a, e / 100, 0.001),
         "that is a proportion (between 0 and 1); give a percentage."),
        (lambda a, e: _near(a, 100 - e, 0.06),
         "that is the share of samples in which intimacy-seeking came out on top; the question asks how often "
         "another type had more people."),
        (lambda a, e: _near(a, _wrong_largest(ties_count_as_wrong=True), 0.06),
         "you counted ties as 'another type came out on top'; the question asks for samples in which another type "
         "has strictly more people (use >, not >=)."),
        (lambda a, e: _near(a, _explorer_share("outright"), 0.06),
         "that is the explorer's 'largest outright' figure, which leaves out the samples in which adaptable-style and "
         "hyper-sexualised tie with each other above intimacy-seeking. The question counts every sample in which "
         "either of them has strictly more people than intimacy-seeking."),
        (lambda a, e: _near(a, _explorer_share("tie"), 0.06),
         "that is the share of samples in which two or more types tied for the largest count; the question asks how "
         "often adaptable-style or hyper-sexualised had strictly more people than intimacy-seeking."),
        (lambda a, e: _near(a, _explorer_share("right"), 0.06),
         "that is the share of samples in which intimacy-seeking was largest on its own; the question asks how often "
         "another type had strictly more people than intimacy-seeking."),
        (lambda a, e: _near(a, _wrong_largest(shares=[1 / 3] * 3), 0.06),
         "you simulated equal shares; the question uses the assumed shares 40%, 35% and 25% from the setup cell."),
        (lambda a, e: _near(a, _wrong_largest(n=10 * int(_value("F059"))), 0.06),
         "you simulated samples of 330; the question asks about samples the size of Webster et al.'s study."),
        (lambda a, e: _near(a, e, 6),
         "close, but not the seeded result: create the generator with np.random.default_rng(SEED) in the same cell "
         "and draw all REPEATS samples with one call to rng.multinomial."),
    ],
)
