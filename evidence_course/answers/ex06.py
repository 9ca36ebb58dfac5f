"""Exercise set 06 · Indecent images of children: police, CPS and court data.

Expected values are computed from the data package when a check runs (Tables 3.5, 3.6 and 3.7,
facts.csv row F074 and the ONS population estimates); nothing from the chapter is typed here. The
only numbers typed are the exercises' own hypothetical settings (the ±2-point margin and the
planning share of one-half in exercise 7) and the tolerances. Exercise 7's population is not
given in the chapter, so it is planned as a large one (no finite population correction).
"""
from __future__ import annotations

import re

from ..checks import near as _near, pair_near as _pair_near, question
from ..data import fact, load_table
from .. import stats

MARGIN = 0.02          # exercise 7: ±2 percentage points (a setting, not a finding)
PLANNING_SHARE = 0.5   # exercise 7: "over one-half" (F075) is near one-half, the worst case

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


# --------------------------------------------------------------------------- 06.1 total charges 2012/13
question(
    "06.1", lambda: _charges("2012/13"), kind="count",
    prompt="Total of all six offences' charges in Table 3.6 in 2012/13.",
    hints=[
        (lambda a, e: a == _charges("2012/13", legislation=PCA),
         "that is the Protection of Children Act rows only; the question asks for all six offences."),
        (lambda a, e: a == _charges("2012/13", offence=MAKING),
         "that is the 'making' row only; the question asks for all six offences."),
        (lambda a, e: any(a == _charges(y) for y in _t6()["year"].unique() if y != "2012/13"),
         "that is the total for a different financial year; select the rows whose year is '2012/13'."),
        (lambda a, e: a == int(_t6()["charges"].sum()),
         "you added every year; keep only the rows for 2012/13."),
        (lambda a, e: a == int(load_table("3.5").set_index("year").loc["2012/13", "offences"]),
         "that is Table 3.5, police recorded crimes; the question asks about Table 3.6."),
    ],
)

# --------------------------------------------------------------------------- 06.2 unit of Table 3.6
question(
    "06.2", lambda: "charges", kind="choice",
    prompt="What does one unit of the 06.1 total count? people, charges, recorded crimes or convictions.",
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


# --------------------------------------------------------------------------- 06.3 first fall in possession
def _first_fall(offence: str = POSSESSION) -> str:
    change = _series(offence).diff()
    return str(change[change < 0].index[0])


def _peak_year(offence: str = POSSESSION) -> str:
    return str(_series(offence).idxmax())


_FINANCIAL_YEAR = re.compile(r"^\d{4}/\d{2}$")

question(
    "06.3", _first_fall, kind="choice",
    prompt="First financial year in which possession charges (CJA 1988 s.160) were lower than the year before, "
           "as printed, e.g. '2007/08'.",
    hints=[
        (lambda a, e: not _FINANCIAL_YEAR.match(a),
         "give the financial year as it is printed in the table, four digits, a slash and two digits, in quotes: "
         "e.g. '2007/08'."),
        (lambda a, e: a not in set(_t6()["year"]),
         "that year is not in Table 3.6, which runs from 2006/07 to 2012/13."),
        (lambda a, e: a > _peak_year(),
         "that fall comes after the peak, and the chapter reports it ('before declining'); look for a fall before "
         "the peak, which the prose does not mention."),
        (lambda a, e: a == _peak_year(),
         "that is the peak year, when charges were higher than the year before; look for a fall."),
        (lambda a, e: a in set(_series(POSSESSION).index) and _series(POSSESSION).diff()[a] > 0,
         "in that year possession charges were higher than the year before; look for a year with a lower count."),
        (lambda a, e: a == str(_series(POSSESSION).index[0]),
         "that is the first year of the table, which has no year before it to compare with."),
    ],
)


# --------------------------------------------------------------------------- 06.4 rate per 100,000
def _population(year: str) -> int:
    pop = load_table("population_england_wales")
    return int(pop.loc[pop["year"] == year, "population"].iloc[0])


def _recorded(year: str) -> int:
    t5 = load_table("3.5")
    return int(t5.loc[t5["year"] == year, "offences"].iloc[0])


def _rate(year: str = "2011/12", population_year: str = "2011") -> float:
    return stats.rate_per_100k(_recorded(year), _population(population_year))


question(
    "06.4", lambda: _rate(), tolerance=0.006,
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


# --------------------------------------------------------------------------- 06.5 found guilty per 100 proceeded
def _stages():
    return _t7().pivot(index=["legislation", "year"], columns="outcome", values="count").astype(float)


def _per_100(numerator: str, denominator: str, how: str = "max") -> float:
    s = _stages()
    ratio = 100 * s[numerator] / s[denominator]
    return float(getattr(ratio, how)())


question(
    "06.5", lambda: _per_100("found_guilty", "proceeded_against"), tolerance=0.06,
    prompt="Largest number found guilty per 100 proceeded against in Table 3.7 (any Act, any year with values), "
           "to 1 decimal place.",
    hints=[
        (lambda a, e: _near(a, e / 100, 0.001),
         "that is a ratio per 1, not per 100: multiply by 100."),
        (lambda a, e: _near(a, _per_100("proceeded_against", "found_guilty"), 0.06),
         "you divided the wrong way round: found guilty is the numerator, proceeded against the denominator."),
        (lambda a, e: _near(a, _per_100("sentenced", "found_guilty"), 0.06),
         "that is sentenced per 100 found guilty; the question asks about found guilty per 100 proceeded against."),
        (lambda a, e: _near(a, _per_100("sentenced", "proceeded_against"), 0.06),
         "that is sentenced per 100 proceeded against; the question asks about found guilty."),
        (lambda a, e: _near(a, _per_100("found_guilty", "proceeded_against", "min"), 0.06),
         "that is the smallest value; the question asks for the largest."),
        (lambda a, e: _near(a, 100, 0.06),
         "in these tables a later stage can be larger than an earlier one, so the ratio can exceed 100: do not cap "
         "it, and look at every Act and year."),
    ],
)


# --------------------------------------------------------------------------- 06.6 Poisson ratio interval
def _fall_years():
    after = _first_fall()
    years = list(_series(POSSESSION).index)
    return years[years.index(after) - 1], after


def _ratio_ci(offence: str = POSSESSION, reverse: bool = False, confidence: float = 0.95):
    before, after = _fall_years()
    s = _series(offence)
    b, a = int(s[before]), int(s[after])
    if reverse:
        a, b = b, a
    ci = stats.compare_counts(b, a, confidence=confidence)["ratio"]
    return (ci.low, ci.high)


question(
    "06.6", lambda: _ratio_ci(), kind="interval", tolerance=0.006,
    prompt="95% score interval (stats.compare_counts) for the ratio of possession charges in the year of the first "
           "fall to the year before, to 2 decimal places.",
    hints=[
        (lambda a, e: _pair_near(a, _ratio_ci(reverse=True), 0.006),
         "you put the years the wrong way round: the ratio is the later year's count divided by the earlier one's, "
         "so give the earlier year first to compare_counts."),
        (lambda a, e: _pair_near(a, [100 * x for x in e], 0.6),
         "that is in per cent; give the ratio itself (1 means no change)."),
        (lambda a, e: _pair_near(a, [100 * (x - 1) for x in e], 0.6),
         "that is a percentage change; give the ratio itself (1 means no change)."),
        (lambda a, e: _pair_near(a, _ratio_ci(offence=MAKING), 0.006),
         "you used the 'making' series; the question is about possession (CJA 1988 s.160)."),
        (lambda a, e: _pair_near(a, _ratio_ci(confidence=0.9), 0.006),
         "that is a 90% interval; the question asks for 95%."),
        (lambda a, e: a[0] > 10,
         "that looks like an interval for one year's count; the question asks for the interval of the ratio "
         "between the two years (the 'ratio' entry of compare_counts)."),
    ],
)


# --------------------------------------------------------------------------- 06.7 sample size, "over one-half"
def _size(p: float = PLANNING_SHARE, margin: float = MARGIN, confidence: float = 0.95) -> int:
    return stats.sample_size_for_margin(p, margin, confidence=confidence)


# The population (all of CEOP's actionable reports in 2011/12) is not given in the chapter, so the question says to
# plan for a large population, without the finite population correction.
question(
    "06.7", lambda: _size(), kind="count",
    prompt="Reports a random sample needs to estimate a share near one-half to within ±2 percentage points, 95% "
           "confidence, for a large population (size unknown: no finite population correction).",
    hints=[
        (lambda a, e: a == stats.sample_size_for_margin(PLANNING_SHARE, MARGIN, population=int(fact("F074")["value"])),
         "you used the 610 as the population; 610 is CEOP's sample, not the number of actionable reports it was drawn "
         "from, which the chapter does not give. Plan for a large population: leave out population=."),
        (lambda a, e: e - 1 <= a < e,
         "round up, not down or to the nearest: a sample one report smaller than the formula's value would miss "
         "the margin."),
        (lambda a, e: a == _size(margin=2 * MARGIN),
         "you used the full width of the interval as the margin; the margin is the half-width, ±2 points."),
        (lambda a, e: a == _size(margin=MARGIN / 2),
         "you used half the margin: ±2 points means a half-width of 2 percentage points."),
        (lambda a, e: a == _size(confidence=0.9),
         "that is the size for 90% confidence; the question asks for 95%."),
        (lambda a, e: a == int(fact("F074")["value"]),
         "that is the size of CEOP's sample; the question asks what the formula requires for ±2 points."),
        (lambda a, e: a != int(a),
         "a sample size is a whole number of reports: round up."),
        (lambda a, e: a < 100,
         "in the formula the share and the margin are proportions: one-half is 0.5 and ±2 points is 0.02."),
    ],
)


# --------------------------------------------------------------------------- 06.8 charges per individual sentenced
def _sentenced(year: str, legislation: str = CJA, outcome: str = "sentenced") -> int:
    t7 = _t7()
    row = t7[(t7["year"] == year) & (t7["legislation"] == legislation) & (t7["outcome"] == outcome)]
    return int(row["count"].iloc[0])


def _ratio(fy: str = "2012/13", legislation: str = CJA, outcome: str = "sentenced") -> float:
    return _charges(fy, legislation=legislation) / _sentenced("2012", legislation, outcome)


question(
    "06.8", lambda: _ratio(), tolerance=0.06,
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
