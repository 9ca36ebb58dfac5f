"""Time every widget in evidence_course.widgets as a learner would use it.

For each widget: build it with the course's own data, then make at least 50 simulated
interactions (set a control, recompute, draw the figure, encode it as PNG and write its alt
text — what the browser receives). Prints one line per widget with the median and 95th percentile in
milliseconds, then `p95_max_ms=<number>` as the last line.

    python scripts/benchmark_widgets.py            # 60 interactions per widget
    python scripts/benchmark_widgets.py --repeat 200

Target: p95 <= 50 ms per widget (about half of the ~100 ms limit for feeling instant).
This is a benchmark, not a test: machines are noisy, so compare medians and ratios.
"""
from __future__ import annotations

import argparse
import itertools
import platform
import statistics
import sys
import time

import matplotlib

matplotlib.use("Agg")

from evidence_course import load_table  # noqa: E402
from evidence_course import widgets as W  # noqa: E402


def scenarios():
    """(name, builder call, list of control settings to cycle through)."""
    surveys = load_table("3.1").rename(columns={"citation": "label", "corresponded_pct": "pct", "sample_size": "n"})
    grooming = load_table("3.2").rename(columns={"year": "label", "offences": "count"})
    shares = [("online grooming", 10, "online"), ("online distribution of images", 16, "online"),
              ("possession of indecent images", 15, "unclear"), ("contact abuse", 14, "online and offline"),
              ("offline grooming", 32, "offline"), ("offline distribution of images", 12, "offline")]
    import pandas as pd
    shares = pd.DataFrame(shares, columns=["label", "pct", "group"])
    population = int(load_table("population_england_wales")["population"].iloc[-1])
    courts = load_table("3.7")
    ns = [10, 50, 100, 350, 1000, 1257, 5000, 25142, 90000]
    return [
        ("survey_interval_explorer", lambda: W.survey_interval_explorer(surveys),
         [{"n": n, "method": m, "design_effect": d} for n, m, d in
          zip(ns * 3, ["wilson", "clopper-pearson", "normal"] * 9, [1.0, 1.5, 2.0, 0.8] * 7)]),
        ("shares_explorer", lambda: W.shares_explorer(shares, 3652, "setting"),
         [{"n": n, "view": view} for n, view in  # a sample of at most the 3,652 reports
          zip([10, 50, 100, 350, 1000, 1257, 2000, 3000, 3652] * 2, ["categories", "groups"] * 9)]),
        ("sample_size_planner", lambda: W.sample_size_planner(),
         [{"pct": p, "margin_points": m} for p, m in zip([0.1, 1, 5, 12, 30, 50] * 3, [0.05, 0.5, 1, 2, 3] * 4)]),
        ("repeated_survey_explorer", lambda: W.repeated_survey_explorer(),
         [{"pct": p, "n": n} for p, n in zip([0.1, 0.5, 3, 12, 30] * 4, ns * 3)]),
        ("trend_explorer", lambda: W.trend_explorer(grooming),
         [{"start": a, "end": b} for a, b in itertools.combinations(list(grooming["label"]), 2)]),
        ("rate_explorer", lambda: W.rate_explorer(grooming, population),
         [{"population": p, "label": lab} for p, lab in
          zip([56170900, 56567800, 1000000, 250000] * 3, list(grooming["label"]) * 2)]),
        ("dark_figure_explorer", lambda: W.dark_figure_explorer(373),
         [{"rate_pct": r, "range_pct": (lo, hi)} for r, (lo, hi) in
          zip([5, 10, 20, 35, 50, 80], [(2, 20), (5, 30), (10, 50), (20, 60), (1, 100)] * 2)]),
        ("two_proportions_explorer", lambda: W.two_proportions_explorer(20, 5, 500, ("aged 15-16", "aged 11-12")),
         [{"pct1": a, "pct2": b, "n": n} for a, b, n in
          zip([20, 12, 30, 50, 80, 5], [5, 10, 25, 45, 70, 1], ns * 2)]),
        ("group_shares_simulation", lambda: W.group_shares_simulation(["intimacy-seeking", "adaptable",
                                                                       "hyper-sexualised"], 33),
         [{"n": n} for n in [10, 33, 50, 100, 200, 500, 1000, 20]]),
        ("counting_rule_explorer", lambda: W.counting_rule_explorer(373),
         [{"offline_meeting_pct": a, "more_serious_pct": b} for a, b in
          zip([7, 20, 50, 80, 100], [0, 10, 25, 50, 75, 90])]),
        ("attrition_explorer", lambda: W.attrition_explorer(courts),
         [{"group": g, "year": y} for g, y in zip(
             ["Protection of Children Act 1978", "Criminal Justice Act 1988"] * 7, [str(y) for y in range(2006, 2013)] * 2)]),
        ("extrapolation_explorer", lambda: W.extrapolation_explorer(140000, 6),
         [{"repeat_pct": r, "period_factor": f} for r, f in zip([0, 10, 25, 50, 75], [1.0, 0.5, 2.0, 1.5])]),
        ("attempts_explorer", lambda: W.attempts_explorer(20000),
         [{"automated_pct": a, "per_person": p} for a, p in zip([0, 10, 30, 60, 90], [1, 2, 5, 10, 50, 3])]),
        ("base_rate_explorer", lambda: W.base_rate_explorer(),
         [{"base_rate_pct": b, "sensitivity_pct": s, "specificity_pct": sp} for b, s, sp in
          zip([1, 5, 20, 33, 50], [60, 80, 90, 95], [70, 80, 90, 95, 99, 50])]),
    ]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=60, help="interactions per widget (at least 50)")
    args = parser.parse_args(argv)
    repeat = max(50, args.repeat)
    print(f"# {platform.machine()}, {platform.python_implementation()} {platform.python_version()}, "
          f"matplotlib {matplotlib.__version__}; {repeat} interactions per widget")
    missing = set(W.BUILDERS) - {name for name, _, _ in scenarios()}
    if missing:
        print(f"no benchmark scenario for: {', '.join(sorted(missing))}", file=sys.stderr)
        return 1
    worst = 0.0
    for name, build, settings in scenarios():
        widget = build()
        for values in settings[:3]:  # warm caches (fonts, imports) before timing
            widget.set(**values)
        times = []
        for values in itertools.islice(itertools.cycle(settings), repeat):
            start = time.perf_counter()
            result = widget.set(**values)
            times.append((time.perf_counter() - start) * 1000)
            if result is None:
                print(f"{name}: settings {values} were rejected: {widget.message.value}", file=sys.stderr)
                return 1
        times.sort()
        p95 = times[min(len(times) - 1, int(round(0.95 * len(times))) - 1)]
        worst = max(worst, p95)
        print(f"{name:28s} median_ms={statistics.median(times):6.1f}  p95_ms={p95:6.1f}  n={len(times)}")
    print(f"p95_max_ms={worst:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
