"""Exercise set 09 · Indecent images: offenders and links to contact offending.

Expected values are computed from the data package when a check runs (facts.csv rows F148–F172,
lines 1409–1450 of the chapter); nothing from the chapter is typed here. The only numbers typed are
the exercises' own hypothetical settings (the ±2-point margin of exercise 5; the group of 1,000, base
rate, sensitivity and specificity of exercise 7) and the tolerances.

Method choices: 09.4 states Wilson; 09.5 states the normal-approximation formula and a large population
(no finite population correction) and also accepts the Wilson-based plan, naming the method.
"""
from __future__ import annotations

import pandas as pd

from ..checks import near as _near, pair_near as _pair_near, question, wilson_hints
from ..data import fact_value as _value
from .. import stats

MARGIN = 0.02                 # exercise 5: ±2 percentage points (a setting we choose)
PEOPLE = 1000                 # exercise 7: a hypothetical group of people convicted of IIOC offences
BASE_RATE_PCT = 5             # exercise 7: ASSUMED share who also commit contact offences
SENSITIVITY_PCT = 80          # exercise 7: ASSUMED
SPECIFICITY_PCT = 90          # exercise 7: ASSUMED
NOTEBOOK_SPECIFICITY_PCT = 80  # the notebook's starting specificity, for a hint


def _ceop_n() -> float:     # CEOP (2012b) case studies (F154, line 1418)
    return _value("F154")


def _victims() -> float:    # victims identified from them (F161, line 1424)
    return _value("F161")


def _henry_n() -> int:      # Henry et al. (2010) convicted men (F148, line 1410)
    return int(_value("F148"))


def _carr_n() -> int:       # Carr (2004) offenders interviewed (F167, line 1436)
    return int(_value("F167"))


# --------------------------------------------------------------------------- 09.1 victims per offender
question(
    "09.1", lambda: _victims() / _ceop_n(), tolerance=0.006,
    prompt="Mean number of identified victims per offender in CEOP's case studies, to 2 decimal places.",
    hints=[
        (lambda a, e: _near(a, _ceop_n() / _victims(), 0.01),
         "you divided the wrong way round: victims per offender is the number of victims divided by the "
         "number of offenders."),
        (lambda a, e: _near(a, _victims() / (2 * _ceop_n()), 0.01),
         "you counted the offenders twice: F162 repeats the 97 case studies of F154 (see its notes), so there "
         "is one sample, not two."),
        (lambda a, e: _near(a, _victims() / _value("F155"), 0.01),
         "you divided by the number of police forces the case studies came from; divide by the number of "
         "offenders."),
        (lambda a, e: _near(a, _victims() / _henry_n(), 0.01),
         "that divides by Henry et al.'s sample; the victims were identified from CEOP's case studies."),
        (lambda a, e: _near(a, 100 * e, 0.5),
         "that is a percentage; victims per offender is a plain ratio (victims ÷ offenders)."),
        (lambda a, e: a == int(a) and abs(a - e) < 1,
         "you rounded to a whole number of victims; give the mean to 2 decimal places."),
        (lambda a, e: _near(a, round(e, 1), 1e-9),
         "you rounded to 1 decimal place; give the mean to 2 decimal places."),
    ],
)

# --------------------------------------------------------------------------- 09.2 what the mean hides
def _more_than_one():
    """Fewest and most of the offenders who could have had more than one identified victim, if each had at
    least one and no victim is counted twice: the victims left once each offender has one can all be linked to
    one offender, or spread one each over as many offenders as there are."""
    offenders, left_over = int(_ceop_n()), int(_victims() - _ceop_n())
    return (1 if left_over > 0 else 0, min(offenders, left_over))


question(
    "09.2", _more_than_one, kind="interval", tolerance=0,
    prompt="Smallest and largest numbers of the 97 offenders who could have had more than one identified victim, "
           "if each had at least one and no victim is counted twice.",
    hints=[
        (lambda a, e: a[0] != int(a[0]) or a[1] != int(a[1]),
         "numbers of offenders are whole numbers: this is a count of offenders, not a mean or a share."),
        (lambda a, e: a[1] == 100 or (a[1] <= 1 and a[0] < a[1]),
         "give numbers of offenders (whole numbers from 0 to 97), not percentages or proportions."),
        (lambda a, e: a[0] == 0,
         "the smallest number cannot be 0: there are more identified victims than offenders, so at least one "
         "offender must be linked to more than one."),
        (lambda a, e: a[1] == _victims() - _ceop_n(),
         "that is the number of victims left once each offender has one; the question asks for numbers of "
         "offenders, and there cannot be more of them than there are case studies (F154)."),
        (lambda a, e: a[1] == _ceop_n() - 1,
         "96 is how many could have had only one identified victim (everyone but one offender); the question asks how "
         "many could have had more than one. Could every offender have a second? Count the victims left once each "
         "has one."),
        (lambda a, e: a[1] in (int(_victims() // _ceop_n()), int(_victims() // _ceop_n()) + 1),
         "those look like victims per offender in the even split; the question asks for numbers of offenders."),
        (lambda a, e: a == (_ceop_n() - _victims() % _ceop_n(), _victims() % _ceop_n())
         or a == (_victims() % _ceop_n(), _ceop_n() - _victims() % _ceop_n()),
         "those are the offenders with two and with three victims in the most even split; both groups have more "
         "than one. The question asks for the fewest and the most offenders who could have more than one."),
        (lambda a, e: a[0] == e[0] and a[1] < e[1],
         "your smallest number is right; your largest is too small. Once each offender has one victim, are there "
         "enough left to give every offender a second?"),
        (lambda a, e: a[1] == e[1] and a[0] > e[0],
         "your largest number is right; your smallest is too big. All the victims left once each offender has one "
         "could be linked to a single offender."),
    ],
)


# --------------------------------------------------------------------------- 09.3 counts behind a printed percentage
def _counts_fitting(pct, n, decimals=0):
    men = pd.Series(range(n + 1))
    fits = men[(100 * men / n).round(decimals) == pct]
    return (int(fits.min()), int(fits.max()))


question(
    "09.3", lambda: _counts_fitting(_value("F153"), _henry_n()), kind="interval", tolerance=0,
    prompt="Smallest and largest whole numbers of the 633 men whose share, rounded to a whole per cent, is 93.",
    hints=[
        (lambda a, e: _pair_near(a, (stats.implied_count(_value("F153"), _henry_n()),) * 2, 0.5),
         "that is the single count the printed percentage implies; the question asks for every whole number "
         "of men that would be printed as 93 per cent, from the smallest to the largest."),
        (lambda a, e: a[0] > 50 and a[1] < 101 and a[1] - a[0] <= 1.01,
         "those are percentages; give numbers of men: which whole numbers of men, divided by 633, give a "
         "percentage that rounds to 93?"),
        (lambda a, e: a[1] <= 1,
         "those are proportions; give numbers of men (whole numbers between 0 and 633)."),
        (lambda a, e: _pair_near(a, _counts_fitting(_value("F151"), _henry_n()), 0)
         or a == (_counts_fitting(_value("F149"), _henry_n(), 1)),
         "that range belongs to a different statement: the question is about the 93 per cent (F153)."),
        (lambda a, e: a[0] > e[0] and a[1] < e[1],
         "your range is too narrow: counts further from the implied value still round to 93 per cent. Check "
         "each whole number of men, not only the two next to the implied count."),
        (lambda a, e: a[0] < e[0] or a[1] > e[1],
         "your range is too wide at one end at least: the percentage of each end, rounded to a whole per cent, "
         "must be exactly 93."),
    ],
)


# --------------------------------------------------------------------------- 09.4 Wilson interval for Carr's 75 per cent
def _carr_ci(method="wilson", pct_id="F168", n=None, confidence=0.95):
    ci = stats.proportion_ci_pct(_value(pct_id), _carr_n() if n is None else n, method=method,
                                 confidence=confidence)
    return (ci.low, ci.high)


def _carr_count_ci(k):
    ci = stats.proportion_ci(k, _carr_n()).scaled(100)
    return (ci.low, ci.high)


question(
    "09.4", lambda: _carr_ci(), kind="interval", tolerance=0.06,
    prompt="95% Wilson interval, in per cent to 1 decimal place, for Carr's 75 per cent of 106 offenders.",
    hints=[
        *wilson_hints(_carr_ci),
        (lambda a, e: _pair_near(a, _carr_ci(n=_henry_n()), 0.06),
         "you used Henry et al.'s 633 men as n; Carr interviewed a different, smaller group."),
        (lambda a, e: _pair_near(a, _carr_ci(confidence=0.9), 0.06) or _pair_near(a, _carr_ci(confidence=0.99), 0.06),
         "check the confidence level: the question asks for 95%."),
        (lambda a, e: any(_pair_near(a, _carr_count_ci(k), 0.06) for k in range(_carr_n() + 1)),
         "you started from a whole-number count of offenders, which the chapter does not print; start from the "
         "printed percentage and n with stats.proportion_ci_pct."),
        (lambda a, e: any(_pair_near(a, _carr_ci(pct_id=i), 0.06) for i in ("F169", "F170", "F171")),
         "that is the interval for one of the other security measures; the question asks about 'no security "
         "measures' (F168)."),
        (lambda a, e: a[0] < e[0] < e[1] < a[1] or e[0] < a[0] < a[1] < e[1],
         "your interval has about the right centre but the wrong width: check n and the confidence level."),
    ],
)

# --------------------------------------------------------------------------- 09.5 sample size for a new study
question(
    "09.5", lambda: stats.sample_size_for_margin(_value("F169") / 100, MARGIN), kind="count",
    prompt="Offenders a new study must interview to estimate a share of about 8% (password system) to within "
           "±2 percentage points, 95% confidence, with the normal-approximation formula and a large population "
           "(no finite population correction).",
    accept=[(lambda: stats.sample_size_for_margin(_value("F169") / 100, MARGIN, method="wilson"),
             "for planning with the Wilson interval (both of its half-widths within ±2 points)")],
    method="the normal-approximation formula n = z²p(1 − p)/m², rounded up",
    hints=[
        (lambda a, e: e - 1 <= a < e,
         "round up, not down: one offender fewer would miss the margin."),
        (lambda a, e: a == stats.sample_size_for_margin(0.5, MARGIN),
         "that is the worst case, p = 0.5; the question asks you to plan with Carr's printed share for "
         "password systems."),
        (lambda a, e: a == stats.sample_size_for_margin(_value("F168") / 100, MARGIN),
         "you planned with the 75 per cent who took no security measures; the question is about password "
         "systems (F169)."),
        (lambda a, e: a == stats.sample_size_for_margin(_value("F170") / 100, MARGIN),
         "you planned with the 6 per cent for encryption or ambiguously named folders; the question is about "
         "password systems (F169)."),
        (lambda a, e: a == stats.sample_size_for_margin(_value("F169") / 100, 2 * MARGIN),
         "you used the full width of the interval as the margin; the margin is the half-width, ±2 points."),
        (lambda a, e: a == stats.sample_size_for_margin(_value("F169") / 100, MARGIN / 2),
         "you used half the margin: ±2 points means a half-width of 2 percentage points."),
        (lambda a, e: a == stats.sample_size_for_margin(_value("F169") / 100, MARGIN, confidence=0.9),
         "that is the size for 90% confidence; the question asks for 95%."),
        (lambda a, e: a == _carr_n(),
         "that is the number Carr actually interviewed; the question asks what the formula requires."),
        (lambda a, e: a != int(a),
         "a sample size is a whole number of offenders: round up."),
    ],
)

# --------------------------------------------------------------------------- 09.6 per cent of whom?
OPTIONS_6 = ("iioc offenders", "online groomers", "contact offenders", "children")

question(
    "09.6", lambda: "online groomers", kind="choice",
    prompt="Wolak et al.'s 'around 20 per cent' (F172) is a percentage of which group? "
           "IIOC offenders, online groomers, contact offenders or children.",
    hints=[
        (lambda a, e: a == "iioc offenders",
         "that reads the finding in the opposite direction. Look at F172's population column: whose behaviour "
         "was counted, and who was the base? 'Of X, how many did Y' is not 'of Y, how many did X'."),
        (lambda a, e: a == "contact offenders",
         "the chapter does not describe the base as contact offenders: read F172's population and statement "
         "columns."),
        (lambda a, e: a == "children",
         "the 20 per cent is a share of offenders, not of children: read F172's population column."),
        (lambda a, e: a.rstrip("s") in ("groomer", "online groomer"),
         "use the option exactly as listed, in the plural."),
        (lambda a, e: a not in OPTIONS_6,
         "give one of the four options, 'IIOC offenders', 'online groomers', 'contact offenders' or 'children', "
         "in quotes."),
    ],
)


# --------------------------------------------------------------------------- 09.7 what a flag is worth
def _ppv(base=BASE_RATE_PCT, sens=SENSITIVITY_PCT, spec=SPECIFICITY_PCT, people=PEOPLE):
    contact = people * base / 100
    true_flags = contact * sens / 100
    false_flags = (people - contact) * (100 - spec) / 100
    return 100 * true_flags / (true_flags + false_flags)


def _flags():
    contact = PEOPLE * BASE_RATE_PCT / 100
    return contact * SENSITIVITY_PCT / 100, (PEOPLE - contact) * (100 - SPECIFICITY_PCT) / 100


question(
    "09.7", lambda: _ppv(), tolerance=0.06,
    prompt="Of 1,000 people (hypothetical), base rate 5%, sensitivity 80%, specificity 90% (all assumed): "
           "percentage of flagged people who also commit contact offences, to 1 decimal place.",
    hints=[
        (lambda a, e: _near(a, e / 100, 0.001),
         "that is a proportion (between 0 and 1); give a percentage."),
        (lambda a, e: _near(a, SENSITIVITY_PCT, 0.06),
         "that is the sensitivity: the share of contact offenders who are flagged. The question asks the other "
         "way round: the share of flagged people who are contact offenders."),
        (lambda a, e: _near(a, SPECIFICITY_PCT, 0.06),
         "that is the specificity, an assumed property of the indicator; the question asks what share of the "
         "flagged people are contact offenders."),
        (lambda a, e: _near(a, BASE_RATE_PCT, 0.06),
         "that is the assumed base rate, the share before anyone is flagged; the question asks about the "
         "people who are flagged."),
        (lambda a, e: _near(a, 100 - e, 0.06),
         "that is the share of flags that are wrong; the question asks for the share that are right."),
        (lambda a, e: _near(a, 100 * _flags()[0] / PEOPLE, 0.06),
         "you divided by everyone in the group; divide by the number who are flagged (true flags plus false "
         "flags)."),
        (lambda a, e: _near(a, 100 * _flags()[0] / (_flags()[0] + (PEOPLE - PEOPLE * BASE_RATE_PCT / 100)
                                                  * SPECIFICITY_PCT / 100), 0.06),
         "you flagged the specificity's share of the people who do not commit contact offences; the "
         "specificity is the share correctly left unflagged, so (100 − specificity)% of them are flagged."),
        (lambda a, e: _near(a, _ppv(spec=NOTEBOOK_SPECIFICITY_PCT), 0.06),
         "you used the notebook's 80% specificity; this question assumes 90%."),
        (lambda a, e: _near(a, _ppv(base=_value("F172")), 0.06),
         "you used the notebook's starting base rate; this question assumes 5%."),
        (lambda a, e: _near(a, sum(_flags()), 0.5),
         "that is the number of people flagged; the question asks what percentage of them also commit contact "
         "offences."),
    ],
)
