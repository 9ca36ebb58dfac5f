"""Exercise set 06 · Indecent images of children: police, CPS and court data.

Expected values are computed from the data package when a check runs (Tables 3.5, 3.6 and 3.7 and
the ONS population estimates); nothing from the chapter is typed here. Exercise 3 cleans the typed
extract data/extracts/table_3_6_as_typed.csv, whose numbers are the chapter's, so its checks are
computed from the tidy Table 3.6 the cleaned extract must equal. The only numbers typed are the
tolerances and the year labels of the comparison in 06.5.
"""
from __future__ import annotations

from ..checks import near as _near, pair_near as _pair_near, question
from ..data import load_table
from .. import stats

POSSESSION = "Possession of an indecent photograph of a child."
MAKING = "Making an indecent photograph of a child."
PCA, CJA, CAJA = "Protection of Children Act 1978", "Criminal Justice Act 1988", "Coroners and Justice Act 2009"


def _t6():
    return load_table("3.6")


def _t7():
    return load_table("3.7")


def _charges(year: str, legislation=None, offence=None) -> int:
    t6 = _t6()
    rows = t6[t6["year"] == year]
    if legislation is not None:
        rows = rows[rows["legislation"] == legislation]
    if offence is not None:
        rows = rows[rows["offence"] == offence]
    return int(rows["charges"].sum())


def _series(offence: str):
    t6 = _t6()
    return t6[t6["offence"] == offence].set_index("year")["charges"]


# --------------------------------------------------------------------------- 06.2 unit of Table 3.6
question(
    "06.1", lambda: "charges", kind="choice",
    prompt="What is one unit of a total of Table 3.6's charges? people, charges, recorded crimes or convictions.",
    hints=[
        (lambda a, e: a in ("charge", "offences charged", "offences"),
         "right idea: use the option exactly as listed."),
        (lambda a, e: a.startswith("people") or a.startswith("offender") or a.startswith("individual"),
         "the CPS records 'the numbers of charges relating to offences (not numbers of offenders)' (lines "
         "926–927): one person can face many charges."),
        (lambda a, e: a.startswith("recorded"),
         "recorded crimes are the police's unit (Table 3.5); Table 3.6 comes from the CPS."),
        (lambda a, e: a.startswith("conviction"),
         "Note 3 of Table 3.6: these offences reached a hearing, with 'no indication of final outcome'."),
        (lambda a, e: a not in ("people", "charges", "recorded crimes", "convictions"),
         "give one of the four options, people, charges, recorded crimes or convictions, in quotes."),
    ],
)


# --------------------------------------------------------------------------- 06.2 rate per 100,000
def _population(year: str) -> int:
    pop = load_table("population_england_wales")
    return int(pop.loc[pop["year"] == year, "population"].iloc[0])


def _recorded(year: str) -> int:
    t5 = load_table("3.5")
    return int(t5.loc[t5["year"] == year, "offences"].iloc[0])


def _rate(year: str = "2011/12", population_year: str = "2011") -> float:
    return stats.rate_per_100k(_recorded(year), _population(population_year))


question(
    "06.2", lambda: _rate(), tolerance=0.006,
    prompt="Recorded 'obscene publications' crimes per 100,000 people in 2011/12, mid-2011 population, to 2 "
           "decimal places.",
    hints=[
        (lambda a, e: _near(a, _rate(population_year="2012"), 0.006),
         "you used the mid-2012 population; financial year 2011/12 (April 2011 to March 2012) is closer to "
         "mid-2011."),
        (lambda a, e: any(_near(a, _rate(y, p), 0.006) for y in load_table("3.5")["year"] if y != "2011/12"
                          for p in ("2011", "2012")),
         "that is the rate for a different financial year; use the 2011/12 count from Table 3.5."),
        (lambda a, e: _near(a, e * 10, 0.06),
         "that is a rate per million; the question asks per 100,000."),
        (lambda a, e: _near(a, e / 100, 0.006) and a > 0.03,
         "that is a rate per 1,000; the question asks per 100,000."),
        (lambda a, e: _near(a, e / 1000, 0.006),
         "that is a percentage of the population (per 100); the question asks per 100,000."),
    ],
)


# --------------------------------------------------------------------------- 06.3 cleaned extract: blanks stay blank
PROHIBITED = "Possession of a prohibited image of a child."


def _prohibited_mean(fill_zero: bool = False) -> float:
    charges = _series(PROHIBITED).astype(float)
    return float((charges.fillna(0) if fill_zero else charges).mean())


question(
    "06.3", lambda: _prohibited_mean(), tolerance=0.06,
    prompt="Mean charges per year for possession of a prohibited image of a child, over the years with a value, from "
           "the cleaned typed extract of Table 3.6, to 1 decimal place.",
    hints=[
        (lambda a, e: _near(a, _prohibited_mean(fill_zero=True), 0.06),
         "that mean counts the four years printed as a dash as 0 charges. A dash is a missing value, not zero: turn "
         "the dashes into missing values (pandas then leaves them out of the mean)."),
        (lambda a, e: _near(a, float(_series(PROHIBITED).sum()), 0.06),
         "that is the total over the years; the question asks for the mean per year."),
        (lambda a, e: any(_near(a, float(_series(o).mean()), 0.06) for o in set(_t6()["offence"]) if o != PROHIBITED),
         "that is the mean of a different offence; the question is about the prohibited image row (Coroners and "
         "Justice Act 2009), not the indecent photograph rows."),
    ],
)


# --------------------------------------------------------------------------- 06.4 check sum of the cleaned extract
def _total(offences=None) -> int:
    t6 = _t6()
    if offences is not None:
        t6 = t6[t6["offence"].isin(offences)]
    return int(t6["charges"].sum())


def _offences_in_order() -> list:
    return list(dict.fromkeys(_t6()["offence"]))


question(
    "06.4", lambda: _total(), kind="count",
    prompt="Sum of every count in the cleaned typed extract of Table 3.6 (all offences, all years): a check sum.",
    hints=[
        (lambda a, e: a < e and any(a == e - int(_series(o).sum()) for o in _offences_in_order()),
         "one offence is missing from your total: look for a row that was dropped by mistake (for example with the "
         "empty row, the repeated header or the source line)."),
        (lambda a, e: a < e and any(a == _total(_offences_in_order()[:k]) for k in range(1, 6)),
         "your table stops part way: the rows after the empty row or the repeated header are missing."),
        (lambda a, e: a > e and any(a == e + int(_series(o).sum()) for o in _offences_in_order()),
         "one offence is counted twice: check for a row that appears twice after cleaning."),
        (lambda a, e: a < e,
         "your total is too small: a row or some cells were lost (check each step's result: there should be 42 "
         "rows once the table is long, 38 of them with a number)."),
        (lambda a, e: a > e,
         "your total is too large: something was counted twice, or a number was read wrongly."),
    ],
)


# --------------------------------------------------------------------------- 06.5 quasi-Poisson ratio, 2006/07 to 2012/13
FIRST, LAST = "2006/07", "2012/13"  # the first and last years of Table 3.6 (labels, not figures)


def _dispersion(kind: str = "pearson", offence: str = POSSESSION) -> float:
    counts = [int(c) for c in _series(offence).sort_index()]
    fit = stats.poisson_trend(counts)
    return float(fit["dispersion"] if kind == "pearson" else fit["deviance"] / fit["df"])


def _ratio_ci(dispersion=None, offence: str = POSSESSION, reverse: bool = False, confidence: float = 0.95,
              kind: str = "pearson"):
    s = _series(offence)
    b, a = int(s[FIRST]), int(s[LAST])
    if reverse:
        a, b = b, a
    phi = _dispersion(kind, offence) if dispersion is None else dispersion
    ci = stats.compare_counts(b, a, confidence=confidence, dispersion=phi)["ratio"]
    return (ci.low, ci.high)


question(
    "06.5", lambda: _ratio_ci(), kind="interval", tolerance=0.006,
    prompt="95% interval for the ratio of possession charges, 2012/13 to 2006/07, allowing for the overdispersion of "
           "the seven-year series (quasi-Poisson), to 2 decimal places.",
    accept=[(lambda: _ratio_ci(kind="deviance"),
             "with the dispersion measured by the deviance over its degrees of freedom (quasi-Poisson)")],
    method="the dispersion measured by Pearson's chi-squared over its degrees of freedom (quasi-Poisson)",
    hints=[
        (lambda a, e: _pair_near(a, _ratio_ci(dispersion=1.0), 0.006),
         "that is the plain Poisson interval, which treats every charge as an independent event. Charges cluster "
         "(one offender may receive several), and this series varies far more from year to year than Poisson "
         "counts would: measure how much more and widen the interval for it (notebook 06, Section 3)."),
        (lambda a, e: _pair_near(a, _ratio_ci(reverse=True), 0.006),
         "you put the years the wrong way round: the ratio is 2012/13's count divided by 2006/07's."),
        (lambda a, e: _pair_near(a, _ratio_ci(dispersion=1.0, reverse=True), 0.006),
         "that is the plain Poisson interval, with the years the wrong way round as well."),
        (lambda a, e: _pair_near(a, [100 * x for x in e], 0.6),
         "that is in per cent; give the ratio itself (1 means no change)."),
        (lambda a, e: _pair_near(a, _ratio_ci(offence=MAKING), 0.006),
         "you used the 'making' series; the question is about possession (CJA 1988 s.160)."),
        (lambda a, e: _pair_near(a, _ratio_ci(confidence=0.9), 0.006),
         "that is a 90% interval; the question asks for 95%."),
        (lambda a, e: a[0] > 10,
         "that looks like an interval for one year's count; the question asks for the interval of the ratio "
         "between the two years."),
    ],
)


# --------------------------------------------------------------------------- 06.6 charges per individual sentenced
def _sentenced(year: str, legislation: str = CJA, outcome: str = "sentenced") -> int:
    t7 = _t7()
    row = t7[(t7["year"] == year) & (t7["legislation"] == legislation) & (t7["outcome"] == outcome)]
    return int(row["count"].iloc[0])


def _ratio(fy: str = "2012/13", legislation: str = CJA, outcome: str = "sentenced") -> float:
    return _charges(fy, legislation=legislation) / _sentenced("2012", legislation, outcome)


question(
    "06.6", lambda: _ratio(), tolerance=0.06,
    prompt="Criminal Justice Act 1988 s.160 charges in 2012/13 (Table 3.6) per individual sentenced under s.160 in "
           "2012 (Table 3.7), to 1 decimal place.",
    hints=[
        (lambda a, e: _near(a, _ratio(fy="2011/12"), 0.06),
         "you paired 2012 with 2011/12, the financial year that ends in March 2012; the question asks for 2012/13, "
         "the one that starts in April 2012."),
        (lambda a, e: _near(a, 1 / e, 0.01),
         "you divided the wrong way round: charges are the numerator, individuals sentenced the denominator."),
        (lambda a, e: _near(a, _ratio(outcome="found_guilty"), 0.06),
         "you divided by the individuals found guilty; the question asks per individual sentenced."),
        (lambda a, e: _near(a, _ratio(outcome="proceeded_against"), 0.06),
         "you divided by the individuals proceeded against; the question asks per individual sentenced."),
        (lambda a, e: any(_near(a, _ratio(legislation=leg), 0.06) for leg in (PCA, CAJA)),
         "that is the ratio for a different Act; the question is about the Criminal Justice Act 1988 (s.160)."),
        (lambda a, e: _near(a, _charges("2012/13") / _t7().query("year == '2012' and outcome == 'sentenced'")["count"].sum(), 0.06),
         "you used all three Acts; the question is about the Criminal Justice Act 1988 (s.160) only."),
        (lambda a, e: _near(a, 100 * e, 6),
         "that is per 100 individuals; the question asks for charges per individual."),
    ],
)
