"""Statistics the notebooks share, built on statsmodels and scipy.

Conventions
-----------
* Proportions are between 0 and 1; the ``*_pct`` helpers take and give percentages.
* Every function checks its input and raises ``ValueError`` with a plain sentence
  saying what was wrong and what is allowed.
* Intervals are returned as :class:`Interval` (``estimate``, ``low``, ``high``), so a
  notebook can print them, tabulate them or plot them the same way. Every number
  returned is a plain Python ``float`` or ``int``, never a numpy scalar.
* Counts, sample sizes and populations are limited to a million million (10**12,
  ``_validate.MAX_COUNT``): far above anything in the course, and small enough that no
  calculation overflows.

References for the methods (each function's docstring says which it uses)
--------------------------------------------------------------------------
* Wilson (1927), *JASA* 22:209–212; Newcombe (1998a) "Two-sided confidence intervals for
  the single proportion: comparison of seven methods", *Statistics in Medicine* 17:857–872.
* Newcombe (1998b) "Interval estimation for the difference between independent
  proportions: comparison of eleven methods", *Statistics in Medicine* 17:873–890.
* Cochran (1977) *Sampling Techniques*, 3rd ed., Wiley, ch. 3 and 4 (finite population
  correction, sample size n = n0 / (1 + (n0 − 1)/N)).
* Korn and Graubard (1998) "Confidence intervals for proportions with small expected
  number of positive counts estimated from survey data", *Survey Methodology* 24:193–201
  (intervals at the effective sample size); Kish (1965) *Survey Sampling* (design effect).
* Garwood (1936) *Biometrika* 28:437–442 (exact Poisson interval).
* Fleiss, Levin and Paik (2003) *Statistical Methods for Rates and Proportions*, 3rd ed.,
  ch. 4 (sample size for two proportions); Cohen (1988) (effect size h).
* McCullagh and Nelder (1989) *Generalized Linear Models*, 2nd ed., ch. 6
  (quasi-Poisson: dispersion estimated by Pearson's chi-squared over its degrees of freedom);
  Farrington et al. (1996) *JRSS A* 159:547–563 (the dispersion not taken below 1).
* Chapman (1951); Seber (1982) *The Estimation of Animal Abundance*, 2nd ed. (variance);
  Chao (1987) *Biometrics* 43:783–791 (log-normal interval for the number never seen);
  Robson and Regier (1964) (the Chapman estimate wants at least 7 on both lists).
"""
from __future__ import annotations

import math
import warnings
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


def _z(confidence: float) -> float:
    """Two-sided critical value z_(1 − α/2) for a confidence level (checked)."""
    return float(_sps.norm.isf(_alpha(confidence) / 2))


def _population(population, n: int):
    """``None`` (an infinite population) or a whole number N at least n."""
    if population is None:
        return None
    big_n = v.count(population, "population (the number in the whole population)", minimum=1)
    if n > big_n:
        raise ValueError(f"a sample of {n:,} cannot be larger than the population of {big_n:,}.")
    return big_n


def finite_population_correction(n, population) -> float:
    """The finite population correction sqrt((N − n)/(N − 1)) for a sample of n from N.

    Multiply a standard error (or margin of error) by it when the sample is drawn without
    replacement from a population of known size N (Cochran 1977, ch. 3: the variance of a
    sample proportion is PQ/n · (N − n)/(N − 1)). ``population=None`` means an infinite (or
    very large) population: the correction is 1. A census (n = N) has no sampling error: 0.
    """
    n = v.count(n, "n (the sample size)", minimum=1)
    big_n = _population(population, n)
    if big_n is None:
        return 1.0
    if n == big_n:
        return 0.0
    return math.sqrt((big_n - n) / (big_n - 1))


def _effective_n(n: int, big_n, design_effect: float = 1.0) -> float:
    """Effective sample size n / deff · (N − 1)/(N − n) (Kish 1965; Korn and Graubard 1998); inf for a census."""
    n_eff = n / design_effect
    if big_n is not None:
        if n == big_n:
            return math.inf
        n_eff *= (big_n - 1) / (big_n - n)
    return n_eff


# --------------------------------------------------------------------------- one proportion
def proportion_ci(k, n, method: str = "wilson", confidence: float = 0.95, population=None) -> Interval:
    """Confidence interval for a proportion ``k / n``.

    ``method`` is ``"wilson"`` (the default, and the one to use), ``"clopper-pearson"``
    (exact, conservative) or ``"normal"`` (the textbook p ± z·SE, which breaks down for
    rare outcomes and small samples). The normal interval is cut off at 0 and 1; use
    :func:`normal_interval_unclipped` to show students where it escapes.
    ``k`` may be fractional (e.g. a count implied by a printed percentage).

    ``population`` (N) is the size of the whole population the sample of ``n`` was drawn
    from without replacement, or ``None`` (the default) for a population so large that it
    does not matter. With N the interval is the chosen method applied at the *effective
    sample size* n·(N − 1)/(N − n), with k = p·n_eff: the variance of p under sampling without
    replacement is p(1 − p)/n_eff (Cochran 1977, ch. 3), and applying an interval method at
    the effective sample size is the approach of Korn and Graubard (1998) for survey data.
    For the normal method this is exactly p ± z·SE·sqrt((N − n)/(N − 1)). A census (n = N)
    has no sampling error: the interval is the single value p.
    """
    k, n = _k_n(k, n)
    v.choice(method, "method", tuple(PROPORTION_METHODS))
    alpha = _alpha(confidence)
    big_n = _population(population, n)
    p = k / n
    n_eff = _effective_n(n, big_n)
    if math.isinf(n_eff):
        return Interval(p, p, p)
    k_eff = k if big_n is None else p * n_eff
    low, high = _smp.proportion_confint(k_eff, n_eff, alpha=alpha, method=PROPORTION_METHODS[method])
    low, high = float(np.clip(low, 0, 1)), float(np.clip(high, 0, 1))
    # Guard against floating-point noise at the boundaries (e.g. k == n).
    return Interval(float(p), min(low, p), max(high, p))


def normal_interval_unclipped(k, n, confidence: float = 0.95) -> Interval:
    """The normal-approximation interval *without* clipping: it can go below 0 or above 1."""
    k, n = _k_n(k, n)
    p = k / n
    z = _sps.norm.ppf(1 - _alpha(confidence) / 2)
    half = float(z * math.sqrt(p * (1 - p) / n))
    return Interval(float(p), p - half, p + half)


def proportion_ci_pct(pct, n, method: str = "wilson", confidence: float = 0.95, population=None) -> Interval:
    """Like :func:`proportion_ci` for a printed percentage and sample size; returns percentages."""
    pct = v.percentage(pct, "the percentage")
    n = v.count(n, "n (the sample size)", minimum=1)
    return proportion_ci(pct / 100 * n, n, method, confidence, population=population).scaled(100)


def implied_count(pct, n) -> float:
    """The count a printed percentage implies in a sample of ``n`` (not rounded)."""
    return v.percentage(pct, "the percentage") / 100 * v.count(n, "n (the sample size)", minimum=1)


def percent_of(k, n) -> float:
    """``k`` as a percentage of ``n`` — to check a printed percentage against its counts."""
    k, n = _k_n(k, n)
    return 100 * k / n


def normal_approximation_ok(p, n) -> bool:
    """True when n·p and n·(1 − p) are both at least 10: the usual rule of thumb for the normal interval.

    When it is False (a rare outcome or a small sample) the normal (Wald) interval is
    unreliable — its coverage falls well below the nominal level — so use the Wilson
    interval, and plan sample sizes with ``sample_size_for_margin(..., method="wilson")``.
    (Thresholds of 5 and 10 are both in use; 10 is the more cautious.)
    """
    p = v.proportion(p, "p (the proportion)")
    n = v.number(n, "n (the sample size)")
    if n <= 0:
        raise ValueError(f"n (the sample size) must be greater than 0; got {n:g}.")
    return bool(n * p >= 10 and n * (1 - p) >= 10)


def margin_of_error(p, n, confidence: float = 0.95, design_effect: float = 1.0, population=None) -> float:
    """Half-width of the normal-approximation interval, z·√(deff·p(1−p)/n), as a proportion.

    With ``population`` (N), multiplied by the finite population correction
    sqrt((N − n)/(N − 1)) (Cochran 1977, ch. 3); 0 for a census (n = N).
    """
    p = v.proportion(p, "p (the proportion)")
    n = v.count(n, "n (the sample size)", minimum=1)
    deff = v.positive(design_effect, "design effect")
    z = _sps.norm.ppf(1 - _alpha(confidence) / 2)
    fpc = finite_population_correction(n, population)
    return float(z * math.sqrt(deff * p * (1 - p) / n)) * fpc


def _wilson_half_widths(p: float, n_eff: float, z: float) -> tuple[float, float]:
    """(p − low, high − p) of the Wilson interval at a (possibly fractional) sample size n_eff, k = p·n_eff."""
    z2 = z * z
    denom = 1 + z2 / n_eff
    centre = (p + z2 / (2 * n_eff)) / denom
    dist = z * math.sqrt(p * (1 - p) / n_eff + z2 / (4 * n_eff * n_eff)) / denom
    return p - (centre - dist), (centre + dist) - p


SAMPLE_SIZE_METHODS = ("normal", "wilson")


def sample_size_for_margin(p, margin, confidence: float = 0.95, design_effect: float = 1.0, *,
                           population=None, method: str = "normal") -> int:
    """Smallest *n* whose margin of error for ``p`` is at most ``margin``.

    Both ``p`` and ``margin`` are proportions (±0.05 percentage points is 0.0005).

    ``method="normal"`` (the default) is the textbook n0 = deff·z²·p(1 − p)/margin²
    (the formula of ``statsmodels.stats.proportion.samplesize_confint_proportion``, times the
    design effect of a clustered or weighted survey), rounded up.

    ``method="wilson"`` is the smallest n whose *Wilson* interval (with k = p·n, which may be
    fractional) has both half-widths, p − low and high − p, at most ``margin``. Use it for a
    rare outcome (n·p below about 10, see :func:`normal_approximation_ok`), where the normal
    formula promises a margin the interval will not deliver: for p = 0.1% and ±0.05 points
    the normal formula gives 15,351, but the Wilson interval needs 23,015. The design
    effect enters through the effective sample size n/deff. The search brackets the answer
    by doubling and then bisects (the widest Wilson half-width falls as n grows).

    ``population`` (N) applies the finite population correction. For the normal method
    this is Cochran's (1977, ch. 4) n = n0 / (1 + (n0 − 1)/N), the exact solution of
    z·sqrt(deff·p(1 − p)/n)·sqrt((N − n)/(N − 1)) = margin, rounded up (n0 is used before
    rounding; rounding it first can move the answer by one). For the Wilson method the
    interval is taken at the effective sample size n/deff · (N − 1)/(N − n). The answer is
    never more than N: a census has no sampling error.
    """
    p = v.proportion(p, "p (the expected proportion)", allow_zero=False, allow_one=False)
    margin = v.proportion(margin, "margin (half-width of the interval)", allow_zero=False)
    deff = v.positive(design_effect, "design effect")
    v.choice(method, "method", SAMPLE_SIZE_METHODS)
    alpha = _alpha(confidence)
    big_n = None if population is None else v.count(
        population, "population (the number in the whole population)", minimum=1)
    crit = float(_sps.norm.isf(alpha / 2.0))

    too_many = ValueError(
        f"a margin of ±{100 * margin:.3g} percentage points is too small to plan for: it would need more than "
        "a million million (10**12) people. Choose a larger margin.")

    if method == "normal":
        # Same arithmetic as statsmodels' samplesize_confint_proportion, so old results are unchanged.
        if crit == 0:  # a confidence level so low that no sample is needed
            return 1
        step = (margin / crit) ** 2
        n0 = math.inf if step == 0 else p * (1 - p) / step * deff
        if big_n is None:
            if n0 > v.MAX_COUNT:
                raise too_many
            return max(1, int(math.ceil(n0 - 1e-9)))
        # Cochran: n = n0 / (1 + (n0 - 1)/N), written as N / (1 + (N - 1)/n0) so that n0 = inf gives N.
        n = big_n / (1 + (big_n - 1) / n0)
        return min(big_n, max(1, int(math.ceil(n - 1e-9))))

    # Wilson: smallest whole n whose widest half-width at the effective sample size is within the margin.
    def ok(n: int) -> bool:
        n_eff = _effective_n(n, big_n, deff)
        if math.isinf(n_eff):
            return True
        return max(_wilson_half_widths(p, n_eff, crit)) <= margin * (1 + 1e-12)

    limit = v.MAX_COUNT if big_n is None else big_n
    if ok(1):
        return 1
    lo, hi = 1, 2  # ok(lo) is False
    while not ok(hi):
        if hi >= limit:
            raise too_many
        lo, hi = hi, min(2 * hi, limit)
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if ok(mid):
            hi = mid
        else:
            lo = mid
    return int(hi)


def effective_sample_size(n, design_effect) -> float:
    """n / deff: the size of a simple random sample that would be as precise as this design."""
    n = v.count(n, "n (the sample size)", minimum=1)
    deff = v.positive(design_effect, "design effect")
    return n / deff


#: Most simulated surveys one call may draw (memory: 8 bytes each).
MAX_REPEATS = 1_000_000


def simulate_surveys(p, n, repeats: int = 1000, seed: int = 0) -> np.ndarray:
    """Proportions observed in ``repeats`` simple random samples of size ``n`` from a population rate ``p``.

    Seeded, so the same call gives the same numbers in every run of a notebook.
    """
    p = v.proportion(p, "p (the population rate)")
    n = v.count(n, "n (the sample size)", minimum=1)
    repeats = v.count(repeats, "repeats", minimum=1, maximum=MAX_REPEATS)
    seed = v.count(seed, "seed")
    rng = np.random.default_rng(seed)
    return rng.binomial(n, p, size=repeats) / n


# --------------------------------------------------------------------------- two proportions
DIFF_METHODS = ("newcomb", "wald", "agresti-caffo")


def diff_proportions(k1, n1, k2, n2, method: str = "newcomb", confidence: float = 0.95) -> Interval:
    """Difference ``k1/n1 − k2/n2`` with a confidence interval (Newcombe's hybrid score by default).

    ``"newcomb"`` is Newcombe's (1998b) method 10, built from the two Wilson intervals;
    ``"wald"`` the textbook p1 − p2 ± z·SE; ``"agresti-caffo"`` adds one success and one
    failure to each group before the Wald interval.
    """
    k1, n1 = _k_n(k1, n1)
    k2, n2 = _k_n(k2, n2)
    v.choice(method, "method", DIFF_METHODS)
    low, high = _smp.confint_proportions_2indep(
        k1, n1, k2, n2, method=method, compare="diff", alpha=_alpha(confidence)
    )
    d = float(k1 / n1 - k2 / n2)
    return Interval(d, min(float(low), d), max(float(high), d))


def test_two_proportions(k1, n1, k2, n2, confidence: float = 0.95) -> dict:
    """Do two independent samples differ? The difference with Newcombe's interval, and the pooled z test.

    Returns ``difference`` (an :class:`Interval` for k1/n1 − k2/n2, Newcombe's method 10 —
    see :func:`diff_proportions`), ``z`` and ``p_value``: the two-sided z test with the
    pooled proportion in the standard error, z = (p1 − p2)/sqrt(p̄(1 − p̄)(1/n1 + 1/n2))
    (statsmodels ``proportions_ztest``; the same as the chi-squared test on the 2×2 table
    without continuity correction, z² = chi²). If both samples have the outcome in none or
    in all of their members, the proportions are identical: z = 0 and p = 1.

    The two samples must be independent: a national subsample of a larger survey is not
    independent of the whole.
    """
    k1, n1 = _k_n(k1, n1)
    k2, n2 = _k_n(k2, n2)
    difference = diff_proportions(k1, n1, k2, n2, "newcomb", confidence)
    pooled = (k1 + k2) / (n1 + n2)
    if pooled in (0.0, 1.0):
        z, p_value = 0.0, 1.0
    else:
        z, p_value = _smp.proportions_ztest([k1, k2], [n1, n2])
    return {"difference": difference, "z": float(z), "p_value": float(p_value)}


def chi2_homogeneity(counts, sizes) -> dict:
    """Chi-squared test that several independent samples share one proportion.

    ``counts[i]`` of ``sizes[i]`` have the outcome in sample i. The k×2 table (with, without)
    is tested with ``scipy.stats.chi2_contingency`` without Yates's correction: Pearson's
    chi-squared on k − 1 degrees of freedom. Returns ``statistic``, ``df``, ``p_value`` and
    ``expected_min``, the smallest expected count (the chi-squared approximation wants it at
    least about 5). If every sample has the outcome in none or all of its members the
    proportions are identical: statistic 0, p = 1.

    The samples must be independent (a subsample and the survey it belongs to are not).
    """
    counts = v.sequence(counts, "counts", min_length=2)
    sizes = v.sequence(sizes, "sizes", min_length=2)
    if len(counts) != len(sizes):
        raise ValueError(f"counts and sizes must have the same length; got {len(counts)} counts and "
                         f"{len(sizes)} sizes.")
    pairs = [_k_n(k, n) for k, n in zip(counts, sizes)]
    table = np.array([[k, n - k] for k, n in pairs], dtype=float)
    df = len(pairs) - 1
    expected = np.outer(table.sum(axis=1), table.sum(axis=0)) / table.sum()
    if (table.sum(axis=0) == 0).any():
        return {"statistic": 0.0, "df": df, "p_value": 1.0, "expected_min": float(expected.min())}
    stat, p_value, dof, expected = _sps.chi2_contingency(table, correction=False)
    return {"statistic": float(stat), "df": int(dof), "p_value": float(p_value), "expected_min": float(expected.min())}


TWO_PROPORTION_SIZE_METHODS = ("cohen-h", "pooled", "unpooled")


def sample_size_two_proportions(p1, p2, power: float = 0.8, confidence: float = 0.95,
                                method: str = "cohen-h") -> int:
    """Children needed *per group* to detect ``p1`` vs ``p2`` with a two-sided test.

    ``method``:

    * ``"cohen-h"`` (the default): the arcsine effect size h = 2·asin√p1 − 2·asin√p2 (Cohen
      1988), solved with statsmodels' ``NormalIndPower``.
    * ``"pooled"``: the classic formula for the pooled z test (Fleiss, Levin and Paik 2003,
      ch. 4, without the continuity correction):
      n = (z_(1−α/2)·sqrt(2·p̄q̄) + z_power·sqrt(p1q1 + p2q2))² / (p1 − p2)², p̄ = (p1 + p2)/2.
    * ``"unpooled"``: n = (z_(1−α/2) + z_power)²·(p1q1 + p2q2)/(p1 − p2)².

    The three agree closely for moderate proportions and differ by a few per cent otherwise.
    ``power`` must lie strictly between the significance level α = 1 − confidence and 1:
    with no real difference at all a test already "detects" one with probability α.
    Use this to plan a study *before* it is run; the power of a study already done says
    nothing its confidence interval does not (no post-hoc power).
    """
    p1 = v.proportion(p1, "p1")
    p2 = v.proportion(p2, "p2")
    if p1 == p2:
        raise ValueError("p1 and p2 are equal: there is no difference to detect, so no sample is large enough.")
    power = v.proportion(power, "power", allow_zero=False, allow_one=False)
    alpha = _alpha(confidence)
    v.choice(method, "method", TWO_PROPORTION_SIZE_METHODS)
    if power <= alpha:
        raise ValueError(
            f"power must be greater than the significance level ({alpha:.3g} at {100 * (1 - alpha):.3g}% confidence) "
            f"and less than 1; got {power:g}. Even with no real difference a test finds one with probability "
            "equal to the significance level, so a lower power needs no sample at all.")
    too_close = ValueError(f"p1 ({p1:g}) and p2 ({p2:g}) are too close: detecting a difference that small would "
                           "need more people than any survey can reach.")
    z_a = float(_sps.norm.isf(alpha / 2))
    z_b = float(_sps.norm.ppf(power))
    if method == "cohen-h":
        h = abs(float(_smp.proportion_effectsize(p1, p2)))
        if h < 1e-4:
            raise too_close
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # statsmodels' solver warns near h = pi (p1 = 0, p2 = 1)
            try:
                n = float(NormalIndPower().solve_power(effect_size=h, alpha=alpha, power=power, ratio=1.0))
            except Exception:  # noqa: BLE001 - fall back to the closed form below
                n = math.nan
        if not math.isfinite(n) or n <= 0:
            # statsmodels' solver does not converge for very large effects; the closed form it solves is
            # n = 2((z_(1-alpha/2) + z_power) / h)^2 for two groups, ignoring the negligible far tail.
            n = 2 * ((z_a + z_b) / h) ** 2
    else:
        q1, q2 = 1 - p1, 1 - p2
        spread = p1 * q1 + p2 * q2
        if method == "pooled":
            pbar = (p1 + p2) / 2
            top = z_a * math.sqrt(2 * pbar * (1 - pbar)) + z_b * math.sqrt(spread)
        else:
            top = (z_a + z_b) * math.sqrt(spread)
        n = top ** 2 / (p1 - p2) ** 2
    if not math.isfinite(n) or n > v.MAX_COUNT:
        raise too_close
    return max(1, int(math.ceil(n - 1e-9)))


def format_p_value(p, digits: int = 3) -> str:
    """A p-value as a report would print it: 'p = 0.048', or 'p < 0.001' (never 'p = 0.000').

    ``digits`` decimal places (2 to 4); below the smallest printable value it says 'p < 0.001'
    (for three digits).
    """
    p = v.proportion(p, "the p-value")
    digits = v.count(digits, "digits", minimum=2, maximum=4)
    floor = 10.0 ** -digits
    if p < floor:
        return f"p < {floor:.{digits}f}"
    return f"p = {p:.{digits}f}"


# --------------------------------------------------------------------------- counts and rates
def poisson_ci(count, confidence: float = 0.95) -> Interval:
    """Exact (Garwood 1936) interval for a count treated as Poisson — e.g. offences recorded in a year.

    low = χ²_(α/2, 2c)/2 (0 when c = 0), high = χ²_(1−α/2, 2c+2)/2. The interval is
    conservative: it covers the true mean at least as often as the confidence level says.
    """
    c = v.count(count, "count")
    low, high = _smr.confint_poisson(c, 1, method="exact-c", alpha=_alpha(confidence))
    low = 0.0 if np.isnan(low) else float(low)
    return Interval(float(c), low, float(high))


def _ratio_score_interval(a: int, b: int, crit: float) -> tuple[float, float]:
    """Score interval for the ratio a/b of two Poisson counts with equal exposure, at critical value ``crit``.

    Given a + b, a is binomial with probability R/(1 + R), and the score test for R is the
    score test for that probability: the interval is the Wilson interval for a of a + b,
    mapped by π → π/(1 − π).
    """
    s = a + b
    pi = a / s
    c2 = crit * crit
    denom = 1 + c2 / s
    centre = (pi + c2 / (2 * s)) / denom
    dist = crit * math.sqrt(pi * (1 - pi) / s + c2 / (4 * s * s)) / denom
    lo_pi, hi_pi = max(0.0, centre - dist), min(1.0, centre + dist)
    lo = 0.0 if a == 0 else lo_pi / (1 - lo_pi)
    hi = math.inf if hi_pi >= 1 else hi_pi / (1 - hi_pi)
    return lo, hi


def compare_counts(before, after, confidence: float = 0.95, dispersion: float = 1.0) -> dict:
    """Is a change from ``before`` to ``after`` larger than chance variation in Poisson counts?

    Returns ``ratio`` (after/before with its score interval), ``z`` and ``p_value`` (the
    two-sided score test, statsmodels' ``test_poisson_2indep``; with equal exposure
    z = (after − before)/sqrt(after + before)) and the ``dispersion`` used.

    ``dispersion`` φ: a pure Poisson count has variance equal to its mean (φ = 1, the
    default). A yearly series of offences usually varies more than that (overdispersion:
    estimate φ with :func:`poisson_trend`, Pearson's chi-squared over its degrees of freedom).
    Quasi-Poisson inference (McCullagh and Nelder 1989, ch. 6) multiplies every variance
    by φ: the standard error by sqrt(φ), so z is divided by sqrt(φ), the p-value comes from
    that smaller z, and the interval is the score interval found with the critical value
    multiplied by sqrt(φ) — wider. Treating an overdispersed series as Poisson makes
    ordinary year-to-year variation look "significant".
    """
    b = v.count(before, "the earlier count", minimum=1)
    a = v.count(after, "the later count")
    v.confidence(confidence)
    phi = v.positive(dispersion, "dispersion")
    ratio = a / b
    # Closed forms of statsmodels' test_poisson_2indep / confint_poisson_2indep (method="score", equal
    # exposures), which statsmodels finds by numerical root-finding (agreement about 1e-9; tests check it).
    low, high = _ratio_score_interval(a, b, _z(confidence) * math.sqrt(phi))
    z = (a - b) / math.sqrt(a + b) / math.sqrt(phi)
    p_value = float(2 * _sps.norm.sf(abs(z)))
    return {"ratio": Interval(float(ratio), min(float(low), ratio), max(float(high), ratio)),
            "z": float(z), "p_value": p_value, "dispersion": float(phi)}


def _fit_quietly(fit):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with np.errstate(all="ignore"):
            return fit()


def poisson_trend(counts, dispersion="pearson", confidence: float = 0.95, times=None) -> dict:
    """Log-linear trend in a series of yearly counts, with and without allowance for overdispersion.

    Fits log E[count_t] = a + b·t (a Poisson GLM with log link, statsmodels), where t is
    0, 1, …, k − 1 for a series without gaps, or the ``times`` given (e.g. the calendar years
    2013, 2015, 2018: a series with missing years must say where its counts fall, or the
    missing years are silently closed up and the trend per step is wrong). exp(b) is the
    *rate ratio per unit of t* (per year for a yearly series): 1.05 means about 5% more each
    year. Returns:

    * ``rate_ratio``, ``z``, ``p_value``: the Poisson model, which assumes the counts vary
      from year to year only as much as Poisson chance (variance = mean).
    * ``pearson_chi2``, ``deviance`` and ``df`` (k − 2): the goodness of fit; ``dispersion`` φ =
      pearson_chi2/df (or the number given as ``dispersion``, or the deviance over df with
      ``dispersion="deviance"``). φ well above 1 means the series varies more than Poisson.
    * ``rate_ratio_quasi``, ``z_quasi``, ``p_value_quasi``: quasi-Poisson (McCullagh and Nelder
      1989, ch. 6): the same estimate with standard errors multiplied by sqrt(φ). An
      estimated φ below 1 is not allowed to make the intervals narrower than Poisson's:
      ``dispersion_used`` is max(φ, 1) (Farrington et al. 1996, *JRSS A* 159:547–563), unless a
      number is given as ``dispersion``;
      ``p_value_quasi_t`` uses Student's t on ``df`` degrees of freedom instead of the normal,
      more cautious for a short series.
    * ``nb``: a negative-binomial model (statsmodels ``NegativeBinomial``, NB2, variance
      μ + α·μ², α estimated by maximum likelihood): a dict with ``rate_ratio``, ``z``,
      ``p_value``, ``alpha`` and ``converged``. When the estimate of α is at its boundary 0
      (no overdispersion) the negative-binomial fit is the Poisson fit and that is returned;
      when the fit fails, its ``rate_ratio``, ``z`` and ``p_value`` are ``None``.
    """
    values = v.sequence(counts, "counts", min_length=3)
    y = np.array([v.count(c, "each count") for c in values], dtype=float)
    if times is None:
        x = np.arange(len(y), dtype=float)
    else:
        t = [v.number(value, "each time") for value in v.sequence(times, "times", min_length=3)]
        if len(t) != len(y):
            raise ValueError(f"times must give one time for each count: {len(t)} times for {len(y)} counts.")
        if any(b <= a for a, b in zip(t, t[1:])):
            raise ValueError("times must increase from each count to the next (the counts in time order).")
        x = np.array(t, dtype=float) - t[0]
    if y.sum() == 0:
        raise ValueError("every count is 0: there is no trend to fit.")
    if isinstance(dispersion, str):
        v.choice(dispersion, "dispersion", ("pearson", "deviance"))
    else:
        dispersion = v.positive(dispersion, "dispersion")
    crit = _z(confidence)
    import statsmodels.api as sm  # imported here: slow to import, and only this function needs it

    design = sm.add_constant(x)
    fit = _fit_quietly(lambda: sm.GLM(y, design, family=sm.families.Poisson()).fit())
    b, se = float(fit.params[1]), float(fit.bse[1])
    df = int(fit.df_resid)
    pearson = float(fit.pearson_chi2)
    if not (math.isfinite(b) and math.isfinite(se) and se > 0):
        raise ValueError("these counts are too few or too close to zero to fit a trend.")
    if dispersion == "pearson":
        phi = pearson / df
    elif dispersion == "deviance":
        phi = float(fit.deviance) / df
    else:
        phi = float(dispersion)
    # An estimated dispersion below 1 (less variation than Poisson) is, in a short series of counts, almost
    # always chance; scaling the standard errors *down* by it would claim more precision than the Poisson
    # model, so the quasi-Poisson results use max(phi, 1) (as Farrington et al. 1996 do). A number given as
    # ``dispersion`` is used as it is.
    phi_used = max(phi, 1.0) if isinstance(dispersion, str) else phi

    def exp(x):
        return math.inf if x > 700 else math.exp(x)

    def rr(est, s, c):
        return Interval(exp(est), exp(est - c * s), exp(est + c * s))

    z = b / se
    se_q = se * math.sqrt(phi_used)
    z_q = b / se_q
    out = {
        "rate_ratio": rr(b, se, crit),
        "z": z,
        "p_value": float(2 * _sps.norm.sf(abs(z))),
        "pearson_chi2": pearson,
        "deviance": float(fit.deviance),
        "df": df,
        "dispersion": float(phi),
        "dispersion_used": float(phi_used),
        "rate_ratio_quasi": rr(b, se_q, crit),
        "z_quasi": float(z_q),
        "p_value_quasi": float(2 * _sps.norm.sf(abs(z_q))),
        "p_value_quasi_t": float(2 * _sps.t.sf(abs(z_q), df)),
    }

    def negative_binomial():
        res = sm.NegativeBinomial(y, design, loglike_method="nb2").fit(disp=0, maxiter=200)
        return res

    nb = {"rate_ratio": None, "z": None, "p_value": None, "alpha": None, "converged": False}
    try:
        res = _fit_quietly(negative_binomial)
        params, bse = np.asarray(res.params, dtype=float), np.asarray(res.bse, dtype=float)
        alpha_nb = float(params[2])
        converged = bool(res.mle_retvals.get("converged", False))
        if converged and np.isfinite(params).all() and np.isfinite(bse[:2]).all() and bse[1] > 0:
            nb_b, nb_se = float(params[1]), float(bse[1])
            nb = {"rate_ratio": rr(nb_b, nb_se, crit), "z": nb_b / nb_se,
                  "p_value": float(2 * _sps.norm.sf(abs(nb_b / nb_se))), "alpha": alpha_nb, "converged": True}
        elif math.isfinite(alpha_nb) and alpha_nb < 1e-6:
            # alpha at its boundary 0: the negative binomial is the Poisson model.
            nb = {"rate_ratio": out["rate_ratio"], "z": z, "p_value": out["p_value"], "alpha": 0.0,
                  "converged": True}
    except Exception:  # noqa: BLE001 - a failed optional fit is reported, not raised
        pass
    out["nb"] = nb
    return out


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
    out = 100 * (n - o) / o
    if not math.isfinite(out):
        raise ValueError("the change is too large to work out: check the two values.")
    return out


def compound_annual_change(first, last, periods) -> float:
    """Average yearly percentage change that turns ``first`` into ``last`` over ``periods`` years (CAGR)."""
    f = v.positive(first, "the first value")
    la = v.number(last, "the last value")
    if la < 0:
        raise ValueError(f"the last value cannot be negative; got {last!r}.")
    p = v.positive(periods, "periods (number of years between the two values)")
    try:
        out = 100 * ((la / f) ** (1 / p) - 1)
    except OverflowError:
        out = math.inf
    if not math.isfinite(out):
        raise ValueError("the change is too large to work out: check the values and the number of years.")
    return out


def dark_figure(recorded, reporting_rate, low_rate=None, high_rate=None) -> dict:
    """Offences implied by a recorded count if only a share ``reporting_rate`` is ever recorded.

    Rates are proportions (0.2 means one in five offences is recorded). Give a plausible
    ``low_rate``/``high_rate`` to see the range: the *lower* the rate, the *larger* the
    implied total. Returns ``implied``, ``unrecorded`` and, with a range, ``range``.
    """
    c = v.count(recorded, "recorded count")
    r = v.proportion(reporting_rate, "reporting rate", allow_zero=False)
    if (low_rate is None) != (high_rate is None):
        raise ValueError("give both low_rate and high_rate, or neither.")
    out = {"recorded": c, "reporting_rate": r, "implied": c / r, "unrecorded": c / r - c}
    if not math.isfinite(out["implied"]):
        raise ValueError(f"a reporting rate of {r:g} is too small to work with: it implies an infinite total.")
    if low_rate is not None:
        lo = v.proportion(low_rate, "low reporting rate", allow_zero=False)
        hi = v.proportion(high_rate, "high reporting rate", allow_zero=False)
        if lo > hi:
            raise ValueError(f"the low reporting rate ({lo:g}) is above the high one ({hi:g}).")
        if not math.isfinite(c / lo):
            raise ValueError(f"a reporting rate of {lo:g} is too small to work with: it implies an infinite total.")
        out["range"] = (c / hi, c / lo)
    return out


def _capture_inputs(n1, n2, m):
    n1 = v.count(n1, "n1 (size of the first list)", minimum=1)
    n2 = v.count(n2, "n2 (size of the second list)", minimum=1)
    m = v.count(m, "m (number on both lists)")
    if m > min(n1, n2):
        raise ValueError(f"m (number on both lists) cannot exceed the smaller list; got m={m}, n1={n1}, n2={n2}.")
    return n1, n2, m


def capture_recapture(n1, n2, m, method: str = "chapman", confidence: float = 0.95) -> Interval:
    """Estimate a hidden population from two overlapping lists (e.g. two agencies' records).

    ``n1`` and ``n2`` are the sizes of the two lists and ``m`` the number on both.
    ``"chapman"`` (the default) is the less biased (n1+1)(n2+1)/(m+1) − 1 (Chapman 1951),
    with Seber's (1982) variance (n1+1)(n2+1)(n1−m)(n2−m)/((m+1)²(m+2));
    ``"lincoln-petersen"`` is n1·n2/m (undefined when m = 0), with its own variance
    n1·n2·(n1−m)(n2−m)/m³.

    The interval is the log-normal interval of Chao (1987): the number never seen,
    f0 = N̂ − (n1 + n2 − m), is taken as log-normal, so with
    C = exp(z·sqrt(ln(1 + var/f0²))) the interval is (seen + f0/C, seen + f0·C). It never
    falls below the number actually seen and is lopsided upwards, as the uncertainty is
    when the overlap is small. With m = 0 the lists share nobody and the data put no upper
    limit on the population: the upper end is ``math.inf`` (see
    :func:`capture_recapture_note`). Every method assumes a closed population, lists that
    are independent of each other, and that everyone is equally likely to be listed.
    """
    n1, n2, m = _capture_inputs(n1, n2, m)
    v.choice(method, "method", ("chapman", "lincoln-petersen"))
    z = _z(confidence)
    seen = n1 + n2 - m
    if method == "lincoln-petersen":
        if m == 0:
            raise ValueError("the Lincoln–Petersen estimate needs at least one case on both lists (m ≥ 1); use method='chapman'.")
        est = n1 * n2 / m
        var = n1 * n2 * (n1 - m) * (n2 - m) / m ** 3
        f0 = (n1 - m) * (n2 - m) / m  # = est - seen, exactly
    else:
        est = (n1 + 1) * (n2 + 1) / (m + 1) - 1
        var = (n1 + 1) * (n2 + 1) * (n1 - m) * (n2 - m) / ((m + 1) ** 2 * (m + 2))
        f0 = (n1 - m) * (n2 - m) / (m + 1)  # = est - seen, exactly
    if f0 <= 0:  # one list contains the other: everyone was seen
        return Interval(float(est), float(seen), float(seen))
    c = math.exp(z * math.sqrt(math.log1p(var / f0 ** 2)))
    low = seen + f0 / c
    high = math.inf if m == 0 else seen + f0 * c
    return Interval(float(est), float(min(low, est)), float(max(high, est)))


def capture_recapture_note(n1, n2, m) -> str:
    """One plain sentence on what the overlap ``m`` lets a capture–recapture estimate say ('' if nothing to add)."""
    n1, n2, m = _capture_inputs(n1, n2, m)
    if m == 0:
        return ("No one appears on both lists, so the data put no upper limit on the hidden population: the "
                "estimate can be worked out, but the upper end of its interval is infinite.")
    if m < 7:
        return (f"Only {m} {'person appears' if m == 1 else 'people appear'} on both lists, so the estimate is "
                "very uncertain and its interval is wide and lopsided; Robson and Regier (1964) suggest at least "
                "7 on both lists before trusting the Chapman estimate.")
    return ""


# ``test_two_proportions`` is a statistics function, not a pytest test: stop pytest collecting it
# when a test module imports it by name.
test_two_proportions.__test__ = False
