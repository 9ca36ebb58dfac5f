"""Exercise set 09 · Indecent images: offenders and links to contact offending.

Expected values are computed from the data package when a check runs (facts.csv, looked up by key: CEOP's case studies
and victims identified, lines 1418 and 1424; Wolak et al.'s "around 20 per cent", line 1450); nothing from
the chapter is typed here. The only numbers typed are the analysis task's own hypothetical settings (a group
of 1,000 people, the assumed base rate, sensitivity and specificity of Exercise 3) and the tolerances.

Set 09 has three self-checks: 09.1 (victims per offender), 09.2 (per cent of whom?) and 09.3 (the share of
flagged people who also commit contact offences, part (c) of the analysis task). The hints say what a wrong
answer suggests; they do not name functions.
"""
from __future__ import annotations

from ..checks import near as _near, proportion_hint, question
from ..data import fact_value as _value

PEOPLE = 1000                 # exercise 3: a hypothetical group of people convicted of IIOC offences
BASE_RATE_PCT = 5             # exercise 3(c): ASSUMED share who also commit contact offences
SENSITIVITY_PCT = 80          # exercise 3: ASSUMED
SPECIFICITY_PCT = 90          # exercise 3: ASSUMED
NOTEBOOK_SPECIFICITY_PCT = 80  # the notebook's starting specificity, for a hint

CEOP_CASES = "ceop_case_study_offenders"  # CEOP (2012b) case studies (line 1418)
VICTIMS = "ceop_case_study_victims"  # victims identified from them (line 1424)
FORCES = "ceop_case_study_police_forces"  # the police forces the case studies came from (line 1418)
HENRY_N = "henry_2010_convicted_men"  # Henry et al. (2010) convicted men (line 1410)
WOLAK = "wolak_2005_groomers_took_iioc_pct"  # Wolak et al.'s "around 20 per cent" of US online groomers (line 1450)


def _ceop_n() -> float:
    return _value(CEOP_CASES)


def _victims() -> float:
    return _value(VICTIMS)


def _henry_n() -> int:
    return int(_value(HENRY_N))


# --------------------------------------------------------------------------- 09.1 victims per offender
question(
    "09.1", lambda: _victims() / _ceop_n(), tolerance=0.006,
    prompt="Mean number of identified victims per offender in CEOP's case studies, to 2 decimal places.",
    hints=[
        (lambda a, e: _near(a, _ceop_n() / _victims(), 0.01),
         "you divided the wrong way round: victims per offender is the number of victims divided by the "
         "number of offenders."),
        (lambda a, e: _near(a, _victims() / (2 * _ceop_n()), 0.01),
         "you counted the offenders twice: the row of offenders 'from whom victims were identified' repeats the "
         "same 97 case studies, so there is one sample, not two."),
        (lambda a, e: _near(a, _victims() / _value(FORCES), 0.01),
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

# --------------------------------------------------------------------------- 09.2 per cent of whom?
OPTIONS_2 = ("iioc offenders", "online groomers", "contact offenders", "children")

question(
    "09.2", lambda: "online groomers", kind="choice",
    prompt="Wolak et al.'s 'around 20 per cent' (line 1450) is a percentage of which group? "
           "IIOC offenders, online groomers, contact offenders or children.",
    hints=[
        (lambda a, e: a == "iioc offenders",
         "that reads the finding in the opposite direction. Look at the row's population column: whose behaviour "
         "was counted, and who was the base? 'Of X, how many did Y' is not 'of Y, how many did X'."),
        (lambda a, e: a == "contact offenders",
         "the chapter does not describe the base as contact offenders: read the row's population and statement "
         "columns."),
        (lambda a, e: a == "children",
         "the 20 per cent is a share of offenders, not of children: read the row's population column."),
        (lambda a, e: a.rstrip("s") in ("groomer", "online groomer"),
         "use the option exactly as listed, in the plural."),
        (lambda a, e: a not in OPTIONS_2,
         "give one of the four options, 'IIOC offenders', 'online groomers', 'contact offenders' or 'children', "
         "in quotes."),
    ],
)


# --------------------------------------------------------------------------- 09.3 what a flag is worth (analysis task, part c)
def _ppv(base=BASE_RATE_PCT, sens=SENSITIVITY_PCT, spec=SPECIFICITY_PCT, people=PEOPLE):
    contact = people * base / 100
    true_flags = contact * sens / 100
    false_flags = (people - contact) * (100 - spec) / 100
    return 100 * true_flags / (true_flags + false_flags)


def _flags():
    contact = PEOPLE * BASE_RATE_PCT / 100
    return contact * SENSITIVITY_PCT / 100, (PEOPLE - contact) * (100 - SPECIFICITY_PCT) / 100


question(
    "09.3", lambda: _ppv(), tolerance=0.06,
    prompt="Of 1,000 people (hypothetical), base rate 5%, sensitivity 80%, specificity 90% (all assumed): "
           "percentage of flagged people who also commit contact offences, to 1 decimal place.",
    hints=[
        proportion_hint(),
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
        (lambda a, e: _near(a, _ppv(base=_value(WOLAK)), 0.06),
         "you used Wolak et al.'s figure as the base rate; part (c) assumes 5% (and Wolak et al.'s figure is a share of online groomers, not of IIOC offenders)."),
        (lambda a, e: _near(a, sum(_flags()), 0.5),
         "that is the number of people flagged; the question asks what percentage of them also commit contact "
         "offences."),
    ],
)
