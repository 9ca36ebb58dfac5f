"""Seeded simulations of how often each interval the notebooks use covers the true value.

A 95% interval method should cover the true proportion (or mean) in about 95% of samples.
For each point of a grid we draw 4,000 samples (seeded), work out the interval for each, and
count how often it contains the truth. The interval depends on the sample only through k,
so it is computed once per possible k; the coverage is still that of 4,000 simulated surveys.

What the simulations show (and the notebooks teach):

* Wilson: close to 95% on average over the grid, dipping a little below at some points.
* Clopper–Pearson: at or above 95% at every point (it is conservative by construction), so
  "about 95%" undersells it: it is *at least* 95%.
* The normal (Wald) interval: poor when n·p is small — at p = 1%, n = 50 it covers the
  truth well under two times in three.
* Garwood's exact Poisson interval: at least 95% for every mean.
* With a finite population, the correction brings Wilson back to about 95%; without it the
  interval is too wide and over-covers.
* For overdispersed counts, the Poisson test of two years finds "significant" changes far
  more often than 5% when nothing changed; the quasi-Poisson test (dispersion given) does not.

Monte Carlo standard error of a coverage near 0.95 with 4,000 samples: sqrt(0.95·0.05/4000)
≈ 0.0034; the tolerances below are about three of them.
"""
from __future__ import annotations

import numpy as np
import pytest

from evidence_course import stats as S

SAMPLES = 4000
MC_SLACK = 0.011  # about three Monte Carlo standard errors at 95%
P_GRID = [0.01, 0.05, 0.1, 0.3, 0.5]
N_GRID = [20, 50, 100, 500]


def coverage(method, p, n, seed, population=None, correct=True, samples=SAMPLES):
    """Share of ``samples`` seeded samples whose interval contains the truth.

    With ``population`` the samples are drawn without replacement (hypergeometric) from a population
    with round(p·N) cases; ``correct=False`` then ignores the finite population in the interval.
    """
    rng = np.random.default_rng(seed)
    if population is None:
        ks = rng.binomial(n, p, size=samples)
    else:
        cases = round(p * population)
        ks = rng.hypergeometric(cases, population - cases, n, size=samples)
        p = cases / population
    covers = np.zeros(n + 1, dtype=bool)
    for k in np.unique(ks):
        ci = S.proportion_ci(int(k), n, method, population=population if correct else None)
        covers[k] = ci.low <= p <= ci.high
    return float(covers[ks].mean())


def grid(method):
    return {(p, n): coverage(method, p, n, seed=1000 * i + j)
            for i, p in enumerate(P_GRID) for j, n in enumerate(N_GRID)}


@pytest.fixture(scope="module")
def wilson():
    return grid("wilson")


@pytest.fixture(scope="module")
def clopper_pearson():
    return grid("clopper-pearson")


@pytest.fixture(scope="module")
def normal():
    return grid("normal")


def test_wilson_is_close_to_nominal_on_average(wilson):
    average = np.mean(list(wilson.values()))
    assert 0.93 <= average <= 0.97, wilson
    # ... and never far below it anywhere on the grid.
    assert min(wilson.values()) >= 0.85, wilson


def test_clopper_pearson_is_at_least_nominal_everywhere(clopper_pearson):
    low = {point: c for point, c in clopper_pearson.items() if c < 0.95 - MC_SLACK}
    assert not low, low
    # Conservative: on average clearly above 95%.
    assert np.mean(list(clopper_pearson.values())) > 0.96


def test_normal_interval_is_poor_when_np_is_small(normal, wilson):
    small = [point for point in normal if point[0] * point[1] < 5]
    assert len(small) == 6
    for point in small:  # n·p below 5: always worse than Wilson, and far below 95% when n·p is 1 or less
        assert normal[point] < wilson[point], (point, normal[point], wilson[point])
        if point[0] * point[1] <= 1:
            assert normal[point] < 0.67, (point, normal[point])
    # p = 1%, n = 50: fewer than two samples in three give an interval containing the truth.
    assert normal[(0.01, 50)] < 0.67
    # Where n·p and n·(1 - p) are large it is fine.
    assert abs(normal[(0.5, 500)] - 0.95) < MC_SLACK


def test_finite_population_correction_restores_nominal_coverage():
    # Samples of 600 drawn without replacement from the 1,145 referrals (F067), true share 19% (F069).
    with_fpc = coverage("wilson", 0.19, 600, seed=7, population=1145)
    without = coverage("wilson", 0.19, 600, seed=7, population=1145, correct=False)
    assert abs(with_fpc - 0.95) < MC_SLACK
    # Ignoring the finite population, the interval is too wide: it over-covers.
    assert without > 0.98


@pytest.mark.parametrize("mean", [0.5, 2, 5, 10, 50, 186])
def test_garwood_poisson_interval_is_at_least_nominal(mean):
    rng = np.random.default_rng(int(mean * 10))
    counts = rng.poisson(mean, size=SAMPLES)
    covers = {c: S.poisson_ci(int(c)).low <= mean <= S.poisson_ci(int(c)).high for c in np.unique(counts)}
    cov = np.mean([covers[c] for c in counts])
    assert cov >= 0.95 - MC_SLACK, cov


def test_quasi_poisson_comparison_keeps_false_alarms_near_5_percent():
    # Two years with the same expected count (340) but variance six times the mean (negative binomial),
    # like Table 3.2's series (dispersion about 6). Nothing changed, so a 5% test should reject about 5%.
    rng = np.random.default_rng(2013)
    mean, phi = 340, 6.0
    size = mean / (phi - 1)  # NB variance mean + mean^2/size = phi * mean
    pairs = rng.negative_binomial(size, size / (size + mean), size=(1500, 2))
    pairs[:, 0] = np.maximum(pairs[:, 0], 1)
    poisson = np.mean([S.compare_counts(int(b), int(a))["p_value"] < 0.05 for b, a in pairs])
    quasi = np.mean([S.compare_counts(int(b), int(a), dispersion=phi)["p_value"] < 0.05 for b, a in pairs])
    assert poisson > 0.3  # the Poisson test cries wolf in about half of all such pairs
    assert abs(quasi - 0.05) < 0.02
