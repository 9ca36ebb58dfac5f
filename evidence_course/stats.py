"""Statistics the notebooks share, built on statsmodels and scipy.

Conventions
-----------
* Proportions are between 0 and 1; the ``*_pct`` helpers take and give percentages.
* Every function checks its input and raises ``ValueError`` with a plain sentence
  saying what was wrong and what is allowed.
* Intervals are returned as :class:`Interval` (``estimate``, ``low``, ``high``), so a
  notebook can print them, tabulate them or plot them the same way.
"""
from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np
from scipy import stats as _sps
from statsmodels.stats import proportion as _smp
from statsmodels.stats import rates as _smr
from statsmodels.stats.power import NormalIndPower

from . import _validate as v

#: Interval methods for one proportion: our name -> statsmodels' name.
PROPORTION_METHODS = {
    "wilson": "wilson",
    "clopper-pearson": "beta",
    "normal": "normal",
}

#: What each method is called in prose, for tables and widget labels.
METHOD_LABELS = {
    "wilson": "Wilson score",
    "clopper-pearson": "Clopper–Pearson (exact)",
    "normal": "Normal approximation (Wald)",
}


class Interval(NamedTuple):
    """A point estimate with a confidence interval, on one scale (proportion, count, rate…)."""

    estimate: float
    low: float
    high: float

    @property
    def width(self) -> float:
        return self.high - self.low

    def scaled(self, factor: float) -> "Interval":
        """The same interval multiplied by ``factor`` (e.g. 100 for percentages)."""
        return Interval(self.estimate * factor, self.low * factor, self.high * factor)

    def __str__(self) -> str:  # readable in a notebook sentence
        return f"{self.estimate:.4g} ({self.low:.4g} to {self.high:.4g})"


def _alpha(confidence: float) -> float:
    return 1 - v.confidence(confidence)


def _k_n(k, n):
    n = v.count(n, "n (the sample size)", minimum=1)
    k = v.number(k, "k (the number with the outcome)")
    if k < 0:
        raise ValueError(f"k (the number with the outcome) cannot be negative; got {k:g}.")
    if k > n:
        raise ValueError(f"k (the number with the outcome) cannot be larger than n; got k={k:g}, n={n}.")
    return k, n


# --------------------------------------------------------------------------- one proportion
def proportion_ci(k, n, method: str = "wilson", confidence: float = 0.95) -> Interval:
    """Confidence interval for a proportion ``k / n``.

    ``method`` is ``"wilson"`` (the default, and the one to use), ``"clopper-pearson"``
    (exact, conservative) or ``"normal"`` (the textbook p ± z·SE, which breaks down for
    rare outcomes and small samples). The normal interval is cut off at 0 and 1; use
    :func:`normal_interval_unclipped` to show students where it escapes.
    ``k`` may be fractional (e.g. a count implied by a printed percentage).
    """
    k, n = _k_n(k, n)
    v.choice(method, "method", tuple(PROPORTION_METHODS))
    low, high = _smp.proportion_confint(k, n, alpha=_alpha(confidence), method=PROPORTION_METHODS[method])
    p = k / n
    low, high = float(np.clip(low, 0, 1)), float(np.clip(high, 0, 1))
    # Guard against floating-point noise at the boundaries (e.g. k == n).
    return Interval(p, min(low, p), max(high, p))


def normal_interval_unclipped(k, n, confidence: float = 0.95) -> Interval:
    """The normal-approximation interval *without* clipping: it can go below 0 or above 1."""
    k, n = _k_n(k, n)
    p = k / n
    z = _sps.norm.ppf(1 - _alpha(confidence) / 2)
    half = z * math.sqrt(p * (1 - p) / n)
    return Interval(p, p - half, p + half)


def proportion_ci_pct(pct, n, method: str = "wilson", confidence: float = 0.95) -> Interval:
    """Like :func:`proportion_ci` for a printed percentage and sample size; returns percentages."""
    pct = v.percentage(pct, "the percentage")
    n = v.count(n, "n (the sample size)", minimum=1)
    return proportion_ci(pct / 100 * n, n, method, confidence).scaled(100)


def implied_count(pct, n) -> float:
    """The count a printed percentage implies in a sample of ``n`` (not rounded)."""
    return v.percentage(pct, "the percentage") / 100 * v.count(n, "n (the sample size)", minimum=1)


def percent_of(k, n) -> float:
    """``k`` as a percentage of ``n`` — to check a printed percentage against its counts."""
    k, n = _k_n(k, n)
    return 100 * k / n


def margin_of_error(p, n, confidence: float = 0.95, design_effect: float = 1.0) -> float:
    """Half-width of the normal-approximation interval, z·√(deff·p(1−p)/n), as a proportion."""
    p = v.proportion(p, "p (the proportion)")
    n = v.count(n, "n (the sample size)", minimum=1)
    deff = v.positive(design_effect, "design effect")
    z = _sps.norm.ppf(1 - _alpha(confidence) / 2)
    return float(z * math.sqrt(deff * p * (1 - p) / n))


def sample_size_for_margin(p, margin, confidence: float = 0.95, design_effect: float = 1.0) -> int:
    """Smallest *n* whose normal-approximation margin of error for ``p`` is at most ``margin``.

    Both ``p`` and ``margin`` are proportions (±0.05 percentage points is 0.0005).
    Uses ``statsmodels.stats.proportion.samplesize_confint_proportion`` and multiplies
    by the design effect of a clustered or weighted survey.
    """
    p = v.proportion(p, "p (the expected proportion)", allow_zero=False, allow_one=False)
    margin = v.proportion(margin, "margin (half-width of the interval)", allow_zero=False)
    deff = v.positive(design_effect, "design effect")
    n = _smp.samplesize_confint_proportion(p, margin, alpha=_alpha(confidence), method="normal")
    return int(math.ceil(float(n) * deff - 1e-9))


def effective_sample_size(n, design_effect) -> float:
    """n / deff: the size of a simple random sample that would be as precise as this design."""
    n = v.count(n, "n (the sample size)", minimum=1)
    deff = v.positive(design_effect, "design effect")
    return n / deff


def simulate_surveys(p, n, repeats: int = 1000, seed: int = 0) -> np.ndarray:
    """Proportions observed in ``repeats`` simple random samples of size ``n`` from a population rate ``p``.

    Seeded, so the same call gives the same numbers in every run of a notebook.
    """
    p = v.proportion(p, "p (the population rate)")
    n = v.count(n, "n (the sample size)", minimum=1)
    repeats = v.count(repeats, "repeats", minimum=1)
    seed = v.count(seed, "seed")
    rng = np.random.default_rng(seed)
    return rng.binomial(n, p, size=repeats) / n


# --------------------------------------------------------------------------- two proportions
DIFF_METHODS = ("newcomb", "wald", "agresti-caffo")


def diff_proportions(k1, n1, k2, n2, method: str = "newcomb", confidence: float = 0.95) -> Interval:
    """Difference ``k1/n1 − k2/n2`` with a confidence interval (Newcombe's hybrid score by default)."""
    k1, n1 = _k_n(k1, n1)
    k2, n2 = _k_n(k2, n2)
    v.choice(method, "method", DIFF_METHODS)
    low, high = _smp.confint_proportions_2indep(
        k1, n1, k2, n2, method=method, compare="diff", alpha=_alpha(confidence)
    )
    d = k1 / n1 - k2 / n2
    return Interval(d, min(float(low), d), max(float(high), d))


def sample_size_two_proportions(p1, p2, power: float = 0.8, confidence: float = 0.95) -> int:
    """Children needed *per group* to detect ``p1`` vs ``p2`` (two-sided test, Cohen's h)."""
    p1 = v.proportion(p1, "p1")
    p2 = v.proportion(p2, "p2")
    if p1 == p2:
        raise ValueError("p1 and p2 are equal: there is no difference to detect, so no sample is large enough.")
    power = v.proportion(power, "power", allow_zero=False, allow_one=False)
    h = abs(float(_smp.proportion_effectsize(p1, p2)))
    if h < 1e-4:
        raise ValueError(f"p1 ({p1:g}) and p2 ({p2:g}) are too close: detecting a difference that small would "
                         "need more people than any survey can reach.")
    n = NormalIndPower().solve_power(effect_size=h, alpha=_alpha(confidence), power=power, ratio=1.0)
    if not np.isfinite(n):
        # statsmodels' solver does not converge for very large effects; the closed form it solves is
        # n = ((z_(1-alpha/2) + z_power) / h)^2, which is accurate there because the far tail is negligible.
        n = ((_sps.norm.ppf(1 - _alpha(confidence) / 2) + _sps.norm.ppf(power)) / h) ** 2
    return max(1, int(math.ceil(float(n))))


# --------------------------------------------------------------------------- counts and rates
def poisson_ci(count, confidence: float = 0.95) -> Interval:
    """Exact (Garwood) interval for a count treated as Poisson — e.g. offences recorded in a year."""
    c = v.count(count, "count")
    low, high = _smr.confint_poisson(c, 1, method="exact-c", alpha=_alpha(confidence))
    low = 0.0 if np.isnan(low) else float(low)
    return Interval(float(c), low, float(high))


def compare_counts(before, after, confidence: float = 0.95) -> dict:
    """Is a change from ``before`` to ``after`` larger than chance variation in Poisson counts?

    Returns the ratio after/before with its score interval and the two-sided p-value of
    statsmodels' ``test_poisson_2indep``.
    """
    b = v.count(before, "the earlier count", minimum=1)
    a = v.count(after, "the later count")
    low, high = _smr.confint_poisson_2indep(a, 1, b, 1, method="score", compare="ratio", alpha=_alpha(confidence))
    test = _smr.test_poisson_2indep(a, 1, b, 1, method="score")
    ratio = a / b
    low = 0.0 if a == 0 else float(low)  # the score interval's lower limit is 0 when nothing is counted
    return {"ratio": Interval(ratio, min(low, ratio), max(float(high), ratio)), "p_value": float(test.pvalue)}


def rate_per_100k(count, population) -> float:
    """``count`` per 100,000 people in ``population``."""
    c = v.number(count, "count")
    if c < 0:
        raise ValueError(f"count cannot be negative; got {count!r}.")
    pop = v.positive(population, "population")
    if c > pop:
        raise ValueError(f"count ({c:,.0f}) cannot be larger than the population ({pop:,.0f}).")
    return 100_000 * c / pop


def percent_change(old, new) -> float:
    """Change from ``old`` to ``new`` as a percentage of ``old``."""
    o = v.positive(old, "the earlier value")
    n = v.number(new, "the later value")
    return 100 * (n - o) / o


def compound_annual_change(first, last, periods) -> float:
    """Average yearly percentage change that turns ``first`` into ``last`` over ``periods`` years (CAGR)."""
    f = v.positive(first, "the first value")
    la = v.number(last, "the last value")
    if la < 0:
        raise ValueError(f"the last value cannot be negative; got {last!r}.")
    p = v.positive(periods, "periods (number of years between the two values)")
    return 100 * ((la / f) ** (1 / p) - 1)


def dark_figure(recorded, reporting_rate, low_rate=None, high_rate=None) -> dict:
    """Offences implied by a recorded count if only a share ``reporting_rate`` is ever recorded.

    Rates are proportions (0.2 means one in five offences is recorded). Give a plausible
    ``low_rate``/``high_rate`` to see the range: the *lower* the rate, the *larger* the
    implied total. Returns ``implied``, ``unrecorded`` and, with a range, ``range``.
    """
    c = v.count(recorded, "recorded count")
    r = v.proportion(reporting_rate, "reporting rate", allow_zero=False)
    out = {"recorded": c, "reporting_rate": r, "implied": c / r, "unrecorded": c / r - c}
    if (low_rate is None) != (high_rate is None):
        raise ValueError("give both low_rate and high_rate, or neither.")
    if low_rate is not None:
        lo = v.proportion(low_rate, "low reporting rate", allow_zero=False)
        hi = v.proportion(high_rate, "high reporting rate", allow_zero=False)
        if lo > hi:
            raise ValueError(f"the low reporting rate ({lo:g}) is above the high one ({hi:g}).")
        out["range"] = (c / hi, c / lo)
    return out


def capture_recapture(n1, n2, m, method: str = "chapman", confidence: float = 0.95) -> Interval:
    """Estimate a hidden population from two overlapping lists (e.g. two agencies' records).

    ``n1`` and ``n2`` are the sizes of the two lists and ``m`` the number on both.
    ``"lincoln-petersen"`` is n1·n2/m (undefined when m = 0); ``"chapman"`` is the
    less biased (n1+1)(n2+1)/(m+1) − 1. The interval is a normal approximation using
    Seber's variance for the Chapman estimator, cut off at the number actually seen.
    """
    n1 = v.count(n1, "n1 (size of the first list)", minimum=1)
    n2 = v.count(n2, "n2 (size of the second list)", minimum=1)
    m = v.count(m, "m (number on both lists)")
    v.choice(method, "method", ("chapman", "lincoln-petersen"))
    if m > min(n1, n2):
        raise ValueError(f"m (number on both lists) cannot exceed the smaller list; got m={m}, n1={n1}, n2={n2}.")
    if method == "lincoln-petersen":
        if m == 0:
            raise ValueError("the Lincoln–Petersen estimate needs at least one case on both lists (m ≥ 1); use method='chapman'.")
        est = n1 * n2 / m
    else:
        est = (n1 + 1) * (n2 + 1) / (m + 1) - 1
    var = (n1 + 1) * (n2 + 1) * (n1 - m) * (n2 - m) / ((m + 1) ** 2 * (m + 2))
    z = _sps.norm.ppf(1 - _alpha(confidence) / 2)
    seen = n1 + n2 - m
    half = z * math.sqrt(var)
    return Interval(est, max(seen, est - half), est + half)
