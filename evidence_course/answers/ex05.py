"""Exercise set 05 · Online grooming: offenders, methods, technology and motivations.

Expected values are computed from the data package when a check runs (facts.csv rows of Webster et al.
(2012), e.g. ``webster_online_groomers``, the 33 of the simulation, and CEOP's 2012 public referrals,
``ceop_2012_public_referrals``); nothing from the chapter is typed here. The only numbers typed are the
exercise's own hypothetical settings (the assumed type shares, seed and number of simulated samples of
exercise 3, and the factor of ten for the larger sample) and the tolerances.
"""
from __future__ import annotations

import numpy as np

from ..checks import near as _near, proportion_hint, question
from ..data import load_table, fact_value as _value

# Settings chosen for the exercises (not findings of the chapter). The solution notebook's setup
# cell states the same values; the seed and number of samples are those of the notebook's widget.
ASSUMED_SHARES = [0.40, 0.35, 0.25]  # intimacy-seeking, adaptable-style, hyper-sexualised: ASSUMED
SEED, REPEATS = 2012, 2000
LARGER = 10  # exercise 3(c): samples ten times the size of Webster et al.'s


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
    prompt="What is one unit of the 1,145 (ceop_2012_public_referrals)? children, offenders, referrals or images.",
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
         "columns of the row ceop_2012_public_referrals for what was counted."),
        (lambda a, e: a not in ("children", "offenders", "referrals", "images"),
         "give one of the four options, children, offenders, referrals or images, in quotes."),
    ],
)


# --------------------------------------------------------------------------- 05.3-05.5 seeded simulation
def _n() -> int:
    return int(_value("webster_online_groomers"))


def _samples(shares=None, n=None):
    shares = ASSUMED_SHARES if shares is None else shares
    n = _n() if n is None else n
    return np.random.default_rng(SEED).multinomial(n, shares, size=REPEATS)  # people of each type per sample


def _share(rule: str, shares=None, n=None) -> float:
    """Percentage of the seeded samples that fall under ``rule``:
    'right'    intimacy-seeking largest on its own;
    'strict'   adaptable-style or hyper-sexualised has strictly more people than intimacy-seeking (model rule);
    'outright' another type largest on its own (notebook 05's explorer);
    'not_right' intimacy-seeking not largest on its own (ties at the top count as misleading);
    'tie'      two or more types share the largest count."""
    samples = _samples(shares, n)
    top = samples.max(axis=1, keepdims=True)
    tie = (samples == top).sum(axis=1) > 1
    right = ~tie & (samples[:, 0] == top[:, 0])
    others = samples[:, 1:].max(axis=1)
    chosen = {"right": right, "strict": others > samples[:, 0], "outright": ~tie & ~right,
              "not_right": ~right, "tie": tie}[rule]
    return float(100 * np.mean(chosen))


def _common_hints(rule: str, n_factor: int = 1) -> list:
    n = lambda: n_factor * _n()  # noqa: E731
    other_n = lambda: (LARGER if n_factor == 1 else 1) * _n()  # noqa: E731
    return [
        proportion_hint(),
        (lambda a, e: _near(a, _share(rule, shares=[1 / 3] * 3, n=n()), 0.06),
         "you simulated equal shares; the question uses the assumed shares 40%, 35% and 25% from the setup cell."),
        (lambda a, e: _near(a, _share(rule, n=other_n()), 0.06),
         f"that is the result for samples of {other_n()}; this step asks about samples of {n()}."),
        (lambda a, e: _near(a, e, 6),
         "close, but not the seeded result: create the generator, seeded with SEED, just before "
         "drawing, and draw all REPEATS samples with one call."),
    ]


question(
    "05.3", lambda: _share("right"), tolerance=0.06,
    prompt="Percentage of 2,000 seeded samples of 33 (assumed shares 40/35/25) in which intimacy-seeking has the most "
           "people on its own, to 1 decimal place.",
    hints=[
        (lambda a, e: _near(a, _share("outright"), 0.06),
         "that is the share in which another type was largest on its own; the question asks how often "
         "intimacy-seeking was."),
        (lambda a, e: _near(a, _share("tie"), 0.06),
         "that is the share of samples in which two or more types tied for the largest count."),
        (lambda a, e: _near(a, _share("not_right"), 0.06),
         "that is the share in which intimacy-seeking was NOT largest on its own; the question asks the opposite."),
        (lambda a, e: _near(a, 100 * np.mean(_samples()[:, 0] == _samples().max(axis=1)), 0.06),
         "you counted samples in which intimacy-seeking ties for the top as well; the question asks for samples "
         "in which it is largest on its own (a tie is not 'on its own')."),
        *_common_hints("right"),
    ],
)

_ACCEPT_NOTES = {
    "outright": "for the rule 'another type is largest on its own' (ties between the other two left out)",
    "not_right": "for the rule 'intimacy-seeking is not largest on its own' (ties at the top counted as misleading)",
}
_METHOD = "the rule 'adaptable-style or hyper-sexualised has strictly more people than intimacy-seeking'"


def _misleading_question(qid: str, n_factor: int, prompt: str):
    n = lambda: n_factor * _n()  # noqa: E731
    question(
        qid, lambda: _share("strict", n=n()), tolerance=0.06, prompt=prompt,
        accept=[(lambda rule=rule: _share(rule, n=n()), note) for rule, note in _ACCEPT_NOTES.items()],
        method=_METHOD,
        hints=[
            (lambda a, e: _near(a, _share("right", n=n()), 0.06),
             "that is the share in which intimacy-seeking was largest on its own: the samples that would NOT mislead."),
            (lambda a, e: _near(a, _share("tie", n=n()), 0.06),
             "that is the share of ties only; a misleading sample is one in which another type comes out on top "
             "(by the rule you chose in (b))."),
            *_common_hints("strict", n_factor),
        ],
    )


_misleading_question("05.4", 1, "Percentage of 2,000 seeded samples of 33 (assumed shares 40/35/25) that would mislead a "
                                "reader about the most common type, by the rule chosen in 3(b), to 1 decimal place.")
_misleading_question("05.5", LARGER, "The same for 2,000 seeded samples of 330 (ten times Webster et al.'s 33), with a "
                                     "freshly seeded generator, to 1 decimal place.")
