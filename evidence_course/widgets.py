"""Interactive explorers for sample sizes and rates.

Each builder returns an :class:`Explorer`: an ipywidgets box with controls, a figure
(drawn to a PNG ``Image`` widget, so it swaps without flicker and never leaks into a
cell's output), a sentence giving the numbers behind the figure, and a place for a
plain-language message when the input makes no sense.

Everything is also usable without a browser, which is how the tests, the benchmark and
the notebooks' checked cells use it::

    ex = survey_interval_explorer(surveys)
    ex.controls["n"].value = 500      # what a learner's slider does
    ex.result                         # the numbers now shown (a DataFrame or dict)
    ex.text                           # the sentence under the figure
"""
from __future__ import annotations

import base64
import html
import io
import os

import ipywidgets as W
import matplotlib as mpl
import numpy as np
import pandas as pd
import PIL.Image
from matplotlib.backends.backend_agg import FigureCanvasAgg
from scipy.stats import norm as _norm

from . import stats as S
from . import _validate as v
from .style import FIGSIZE, GREY, PALETTE, RC, new_figure

CONFIDENCE_OPTIONS = [("90%", 0.90), ("95%", 0.95), ("99%", 0.99)]
METHOD_OPTIONS = [(label, key) for key, label in S.METHOD_LABELS.items()]
_STYLE = {"description_width": "initial"}
_MAX_BACKGROUNDS = 4  # cached figure backgrounds per widget (about 1 MB each)
_THOUSANDS = mpl.ticker.StrMethodFormatter("{x:,.0f}")  # 1,200,000 rather than 1.2 with a 1e6 offset
#: Set to "1" to display explorers as static HTML (the HTML edition, scripts/build_html.py).
STATIC_ENV = "EVIDENCE_COURSE_STATIC"


def _fmt_int(x) -> str:
    return f"{int(round(x)):,}"


class Explorer(W.VBox):
    """Controls + figure + sentence. Subclasses define ``compute``, ``draw`` and ``describe``."""

    title = "Explorer"

    def __init__(self, controls: dict, *, figsize=FIGSIZE):
        self.controls = controls
        self.figure = new_figure(figsize)
        self._canvas = FigureCanvasAgg(self.figure)
        self._backgrounds = {}  # background key -> saved pixels, oldest first
        self._laid_out = False
        self.image = W.Image(format="png", layout=W.Layout(width="100%", max_width=f"{int(figsize[0] * 100)}px"))
        self.message = W.HTML()
        self.summary = W.HTML()
        self.result = None
        self.text = ""
        header = W.HTML(f"<b>{html.escape(self.title)}</b>")
        for control in controls.values():
            control.layout.margin = "2px 16px 2px 0"
        bar = W.Box(list(controls.values()), layout=W.Layout(flex_flow="row wrap"))
        super().__init__([header, bar, self.message, self.image, self.summary])
        for control in controls.values():
            control.observe(self._changed, names="value")
        self.update()

    # -- to override -------------------------------------------------------
    def compute(self, **values):  # pragma: no cover - abstract
        raise NotImplementedError

    def draw(self, ax, result) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def describe(self, result) -> str:  # pragma: no cover - abstract
        raise NotImplementedError

    # -- machinery ---------------------------------------------------------
    def values(self) -> dict:
        return {name: control.value for name, control in self.controls.items()}

    def set(self, **values):
        """Set several controls at once (one redraw), as a learner would, and return the result."""
        unknown = [name for name in values if name not in self.controls]
        if unknown:  # check every name before changing anything
            raise ValueError(f"{self.title} has no control called {unknown[0]!r}; it has {', '.join(self.controls)}.")
        with self.hold_trait_notifications():
            for name, value in values.items():
                control = self.controls[name]
                control.unobserve(self._changed, names="value")
                try:
                    control.value = value
                finally:
                    control.observe(self._changed, names="value")
        return self.update()

    def update(self, render: bool = True):
        """Recompute from the controls, redraw, and return the result (``None`` if the input was invalid)."""
        try:
            result = self.compute(**self.values())
        except ValueError as error:
            self.result, self.text = None, ""
            self.message.value = (
                '<div role="alert" style="color:#8B0000;border-left:4px solid #D55E00;padding:4px 8px">'
                f"{html.escape(str(error))}</div>"
            )
            self.summary.value = ""
            return None
        self.result = result
        self.text = self.describe(result)
        self.message.value = ""
        self.summary.value = f"<p>{html.escape(self.text)}</p>"
        if render:
            self.image.value = self.render_png()
        return result

    def render_png(self) -> bytes:
        """Draw the current result and return the PNG bytes (what the inline backend would send).

        Speed matters here (a widget should answer in well under 100 ms), and drawing text is
        most of the cost. So the axes are reused, and everything but the data (ticks, labels,
        grid, title) is drawn once, laid out to fit, and reused while it stays the same: only
        the data artists are redrawn on top of it (blitting).
        """
        with mpl.rc_context(RC):
            if not self.figure.axes:
                self.figure.add_subplot()
            ax = self.figure.axes[0]
            _remove_data_artists(ax)
            self.draw(ax, self.result)
            data = _data_artists(ax)
            key = _background_key(ax)
            if key not in self._backgrounds:
                for artist in data:
                    artist.set_visible(False)
                self._canvas.draw()
                if self._needs_layout(ax):  # new ticks or labels would be cut off: lay the figure out again
                    self.figure.set_layout_engine("constrained")
                    self._canvas.draw()
                    self.figure.set_layout_engine("none")
                key = _background_key(ax)  # the axes may have moved: file the image under where it is now
                if len(self._backgrounds) >= _MAX_BACKGROUNDS:  # forget the oldest
                    self._backgrounds.pop(next(iter(self._backgrounds)))
                self._backgrounds[key] = self._canvas.copy_from_bbox(self.figure.bbox)
                for artist in data:
                    artist.set_visible(True)
            else:
                self._canvas.restore_region(self._backgrounds[key])
            for artist in sorted(data, key=lambda a: a.get_zorder()):
                ax.draw_artist(artist)
            width, height = self._canvas.get_width_height()
            image = PIL.Image.frombuffer("RGBA", (width, height), self._canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
            buffer = io.BytesIO()
            image.save(buffer, format="png", compress_level=1)
        return buffer.getvalue()

    def _needs_layout(self, ax) -> bool:
        """Does anything of the axes (tick labels, axis labels, title, legend) fall outside the figure?

        The constrained layout is costly, so it runs on the first draw and then only when a new
        state would otherwise be clipped (a longer tick label, a larger number).
        """
        if not self._laid_out:  # the figure is created with the constrained layout, used by the first draw
            self._laid_out = True
            self.figure.set_layout_engine("none")
            return False
        box = ax.get_tightbbox(self._canvas.get_renderer())
        fig = self.figure.bbox
        return box.x0 < fig.x0 - 1 or box.y0 < fig.y0 - 1 or box.x1 > fig.x1 + 1 or box.y1 > fig.y1 + 1

    def _changed(self, _change=None) -> None:
        try:
            self.update()
        except Exception as error:  # never let a callback die silently in the browser console
            self.message.value = (
                f'<div role="alert">Something went wrong: {html.escape(type(error).__name__)}: '
                f"{html.escape(str(error))}. Please tell your tutor.</div>"
            )

    def __repr__(self) -> str:  # short and stable: this is what nbval compares for a displayed widget
        return f"<{self.title} (interactive)>"

    def _repr_mimebundle_(self, **kwargs):
        if os.environ.get(STATIC_ENV) != "1":
            return super()._repr_mimebundle_(**kwargs)
        return {"text/plain": repr(self), "text/html": self.static_html()}

    def static_html(self) -> str:
        """The explorer as it is now, as plain HTML: title, settings, figure, then the sentence of its numbers."""
        settings = "; ".join(f"{html.escape(c.description)}: {html.escape(_shown_value(c))}"
                             for c in self.controls.values())
        if self.result is None:
            body = self.message.value
        else:
            png = base64.b64encode(self.image.value).decode("ascii")
            alt = f"Chart: {self.title}. Its numbers are in the sentence below it."
            body = f'<img src="data:image/png;base64,{png}" alt="{html.escape(alt)}">{self.summary.value}'
        return (f'<figure class="evidence-explorer"><figcaption><b>{html.escape(self.title)}</b></figcaption>'
                f"<p>Settings: {settings}.</p>{body}</figure>")


def _shown_value(control) -> str:
    """A control's value as the widget shows it: an option's label, or a number (a range as "a to b")."""
    if hasattr(control, "options"):  # dropdowns and toggle buttons
        return str(control.label)
    fmt = getattr(control, "readout_format", "")
    values = control.value if isinstance(control.value, tuple) else (control.value,)
    if not fmt:
        fmt = "," if isinstance(values[0], int) else "g"
    return " to ".join(format(value, fmt) for value in values)


def _remove_data_artists(ax) -> None:
    """Empty the axes for the next draw but keep its ticks and spines.

    About ten times faster than ``ax.cla()``, which rebuilds every tick. ``draw`` methods
    must therefore set everything they rely on each time (labels, limits, ticks) and use
    idempotent calls (``yaxis.set_inverted(True)``, not ``invert_yaxis()``).
    """
    for group in (ax.lines, ax.collections, ax.patches, ax.texts, ax.images):
        for artist in list(group):
            artist.remove()
    ax.containers.clear()
    if ax.get_legend() is not None:
        ax.get_legend().remove()
    ax.set_title("")
    ax.set_autoscale_on(True)
    ax.ignore_existing_data_limits = True


def _data_artists(ax) -> list:
    """What ``draw`` added: redrawn every time, on top of the cached background."""
    artists = [*ax.lines, *ax.collections, *ax.patches, *ax.texts, *ax.images]
    if ax.get_legend() is not None:
        artists.append(ax.get_legend())
    return artists


def _background_key(ax) -> tuple:
    """Everything drawn in the background: while it is unchanged the cached image is reused."""
    def labels(axis):
        return tuple(t.get_text() for t in axis.get_majorticklabels())

    return (tuple(ax.get_position().bounds), ax.get_xlim(), ax.get_ylim(), ax.get_xscale(), ax.get_yscale(),
            tuple(ax.get_xticks()), tuple(ax.get_yticks()), labels(ax.xaxis), labels(ax.yaxis),
            ax.get_xlabel(), ax.get_ylabel(), ax.get_title("left"), ax.get_title(), ax.get_title("right"))


def _log_slider(description: str, value: float, lo: int, hi: int) -> W.FloatLogSlider:
    value = min(max(value, 10**lo), 10**hi)
    return W.FloatLogSlider(value=value, base=10, min=lo, max=hi, step=0.01, description=description,
                            readout_format=",.0f", continuous_update=False, style=_STYLE)


def _method_dropdown(value="wilson") -> W.Dropdown:
    return W.Dropdown(options=METHOD_OPTIONS, value=value, description="Interval", style=_STYLE)


def _confidence_dropdown(value=0.95) -> W.Dropdown:
    return W.Dropdown(options=CONFIDENCE_OPTIONS, value=value, description="Confidence", style=_STYLE,
                      layout=W.Layout(width="160px"))


def _require_columns(frame, columns, what):
    if not isinstance(frame, pd.DataFrame):
        raise ValueError(f"{what} must be a pandas DataFrame; got {type(frame).__name__}.")
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ValueError(f"{what} needs the columns {', '.join(columns)}; missing {', '.join(missing)}.")
    if frame.empty:
        raise ValueError(f"{what} has no rows.")


# =========================================================================== proportions
class SurveyIntervalExplorer(Explorer):
    """Intervals around several surveys' percentages, at their printed n and at an n you choose."""

    title = "How sample size changes a survey's confidence interval"

    def __init__(self, estimates: pd.DataFrame, n: int = 500):
        _require_columns(estimates, ["label", "pct", "n"], "estimates")
        self.estimates = estimates[["label", "pct", "n"]].reset_index(drop=True)
        super().__init__({
            "n": _log_slider("Your sample size n", n, 1, 5),
            "method": _method_dropdown(),
            "confidence": _confidence_dropdown(),
            "design_effect": W.FloatSlider(value=1.0, min=0.5, max=4.0, step=0.1, description="Design effect",
                                           continuous_update=False, style=_STYLE),
        })

    def compute(self, n, method, confidence, design_effect):
        n = int(round(v.number(n, "n")))
        n_eff = int(round(S.effective_sample_size(n, design_effect)))  # whole people
        rows = []
        for r in self.estimates.itertuples():
            printed = S.proportion_ci_pct(r.pct, int(r.n), method, confidence)
            if n_eff < 1:
                raise ValueError(f"With a design effect of {design_effect:g}, n = {n} is worth less than one "
                                 "independent observation: choose a larger n.")
            chosen = S.proportion_ci_pct(r.pct, n_eff, method, confidence)
            rows.append({"label": r.label, "pct": r.pct, "n_printed": int(r.n),
                         "low_printed": printed.low, "high_printed": printed.high,
                         "n": n, "n_effective": n_eff, "low": chosen.low, "high": chosen.high})
        out = pd.DataFrame(rows)
        out.attrs.update(method=method, confidence=confidence, design_effect=design_effect)
        return out

    def draw(self, ax, res):
        y = np.arange(len(res))
        ax.errorbar(res["pct"], y + 0.15, xerr=[res["pct"] - res["low_printed"], res["high_printed"] - res["pct"]],
                    fmt="s", color=GREY, capsize=3)
        ax.errorbar(res["pct"], y - 0.15, xerr=[res["pct"] - res["low"], res["high"] - res["pct"]],
                    fmt="o", color=PALETTE[0], capsize=3)
        ax.set_title("grey: at the printed n   blue: at your n", fontsize=9, loc="right")
        ax.set_yticks(y, [f"{lab} (n={_fmt_int(n)})" for lab, n in zip(res["label"], res["n_printed"])])
        ax.set_ylim(len(res) - 0.5, -0.5)  # top to bottom in table order, markers beside their label
        ax.set_xlabel(f"% ({int(round(res.attrs['confidence'] * 100))}% confidence interval)")
        ax.set_xlim(0, 100)
        ax.set_xticks([0, 25, 50, 75, 100])

    def describe(self, res):
        a = res.attrs
        conf = int(round(a["confidence"] * 100))
        half = (res["high"] - res["low"]) / 2
        parts = [f"{lab}: {p:g}% ({lo:.1f} to {hi:.1f})" for lab, p, lo, hi in zip(res["label"], res["pct"], res["low"], res["high"])]
        return (f"With n = {_fmt_int(res['n'].iloc[0])} and a design effect of {a['design_effect']:g} "
                f"(effective n = {res['n_effective'].iloc[0]:,.0f}), the {conf}% {S.METHOD_LABELS[a['method']]} "
                f"intervals are about ±{half.min():.1f} to ±{half.max():.1f} points. " + "; ".join(parts) + ".")


def survey_interval_explorer(estimates: pd.DataFrame, n: int = 500) -> SurveyIntervalExplorer:
    """Build the survey interval explorer from a DataFrame with ``label``, ``pct`` and ``n``."""
    return SurveyIntervalExplorer(estimates, n)


class SharesExplorer(Explorer):
    """A breakdown into categories (percentages of one total), each with an interval for a sample of n."""

    title = "Shares of a total, with intervals for a sample of n"

    def __init__(self, shares: pd.DataFrame, total: int, group_label: str = "group"):
        _require_columns(shares, ["label", "pct"], "shares")
        self.shares = shares.reset_index(drop=True)
        self.total = v.count(total, "total", minimum=1)
        self.group_label = group_label
        has_groups = "group" in shares.columns
        controls = {
            "n": _log_slider("Sample size n", self.total, 1, 5),
            "method": _method_dropdown(),
            "confidence": _confidence_dropdown(),
        }
        if has_groups:
            controls["view"] = W.ToggleButtons(options=[("Categories", "categories"), (f"By {group_label}", "groups")],
                                               value="categories", description="View", style=_STYLE)
        super().__init__(controls)

    def compute(self, n, method, confidence, view="categories"):
        n = int(round(v.number(n, "n")))
        frame = self.shares
        if "group" not in frame.columns:
            frame = frame.assign(group="")
        if view == "groups":
            frame = frame.groupby("group", sort=False, as_index=False)["pct"].sum().assign(label=lambda f: f["group"])
        rows = []
        for r in frame.itertuples():
            ci = S.proportion_ci_pct(min(r.pct, 100), n, method, confidence)
            rows.append({"label": r.label, "group": r.group, "pct": r.pct,
                         "count_implied": S.implied_count(min(r.pct, 100), n), "low": ci.low, "high": ci.high})
        out = pd.DataFrame(rows)
        out.attrs.update(n=n, method=method, confidence=confidence, view=view, total_pct=float(frame["pct"].sum()))
        return out

    def draw(self, ax, res):
        y = np.arange(len(res))
        groups = list(res["group"])
        order = list(dict.fromkeys(groups))  # colour = group, in order of first appearance
        colours = [PALETTE[order.index(g) % len(PALETTE)] for g in groups]
        bars = ax.barh(y, res["pct"], color=colours, alpha=0.85)
        ax.errorbar(res["pct"], y, xerr=[res["pct"] - res["low"], res["high"] - res["pct"]], fmt="none",
                    ecolor="black", capsize=3)
        ax.set_yticks(y, res["label"])
        ax.yaxis.set_inverted(True)
        ax.set_xlabel(f"% (bars: as printed; whiskers: {int(round(res.attrs['confidence'] * 100))}% interval at your n)")
        ax.set_xlim(0, max(100, float(res["high"].max())))
        if res.attrs["view"] == "categories" and len(order) > 1:
            handles = [bars[groups.index(g)] for g in order]
            ax.legend(handles, order, title=self.group_label, fontsize=8, title_fontsize=8, loc="lower right")

    def describe(self, res):
        a = res.attrs
        parts = [f"{lab}: {p:g}% ({lo:.1f} to {hi:.1f}; about {c:,.0f})"
                 for lab, p, lo, hi, c in zip(res["label"], res["pct"], res["low"], res["high"], res["count_implied"])]
        return (f"Out of n = {_fmt_int(a['n'])}: " + "; ".join(parts) +
                f". The printed shares add up to {a['total_pct']:g}%.")


def shares_explorer(shares: pd.DataFrame, total: int, group_label: str = "group") -> SharesExplorer:
    """Build the shares explorer from ``label``, ``pct`` (and optional ``group``) columns and the printed total."""
    return SharesExplorer(shares, total, group_label)


_PLANNER_GRID = np.geomspace(10, 1e8, 200)


class SampleSizePlanner(Explorer):
    """How many people a survey needs to pin a rate down to ± a chosen margin."""

    title = "Sample-size planner"

    def __init__(self, pct: float = 0.1, margin_points: float = 0.05):
        super().__init__({
            "pct": W.BoundedFloatText(value=pct, min=0, max=100, step=0.1, description="Expected %", style=_STYLE,
                                      layout=W.Layout(width="180px")),
            "margin_points": W.BoundedFloatText(value=margin_points, min=0, max=50, step=0.01,
                                                description="± margin (points)", style=_STYLE,
                                                layout=W.Layout(width="200px")),
            "confidence": _confidence_dropdown(),
            "design_effect": W.FloatSlider(value=1.0, min=0.5, max=4.0, step=0.1, description="Design effect",
                                           continuous_update=False, style=_STYLE),
        })

    def compute(self, pct, margin_points, confidence, design_effect):
        p = v.percentage(pct, "the expected percentage") / 100
        if p in (0, 1):
            raise ValueError("The expected percentage must be between 0 and 100, not exactly 0 or 100: "
                             "a survey cannot measure the width of an interval around a certainty.")
        margin = v.number(margin_points, "the margin") / 100
        if margin <= 0:
            raise ValueError("The margin must be greater than 0 points.")
        n = S.sample_size_for_margin(p, margin, confidence, design_effect)
        grid = _PLANNER_GRID
        z = _norm.ppf(1 - (1 - confidence) / 2)
        moe = 100 * z * np.sqrt(design_effect * p * (1 - p) / grid)  # same formula as stats.margin_of_error
        return {"pct": p * 100, "margin_points": margin * 100, "confidence": confidence,
                "design_effect": design_effect, "n": n, "grid": grid, "moe": np.array(moe)}

    def draw(self, ax, r):
        ax.plot(r["grid"], r["moe"], color=PALETTE[0])
        ax.axhline(r["margin_points"], color=GREY, linestyle="--")
        ax.plot([r["n"]], [r["margin_points"]], "o", color=PALETTE[5])
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlim(_PLANNER_GRID[0], _PLANNER_GRID[-1])
        ax.set_ylim(1e-3, 100)
        ax.set_xlabel("sample size n (log scale)")
        ax.set_ylabel("± margin, points (log scale)")

    def describe(self, r):
        conf = int(round(r["confidence"] * 100))
        return (f"To estimate a rate of about {r['pct']:g}% to within ±{r['margin_points']:g} points with {conf}% "
                f"confidence (design effect {r['design_effect']:g}), a survey needs n = {r['n']:,} people.")


def sample_size_planner(pct: float = 0.1, margin_points: float = 0.05) -> SampleSizePlanner:
    """Build the planner with a starting expected percentage and margin (in percentage points)."""
    return SampleSizePlanner(pct, margin_points)


class RepeatedSurveyExplorer(Explorer):
    """Draw many surveys from a known population rate: how much do their estimates vary, and how often
    does each interval method catch the true rate?"""

    title = "Repeated surveys from a known population rate"

    def __init__(self, pct: float = 0.5, n: int = 1257, repeats: int = 1000, seed: int = 2013):
        self.repeats, self.seed = v.count(repeats, "repeats", minimum=10), v.count(seed, "seed")
        super().__init__({
            "pct": W.BoundedFloatText(value=pct, min=0, max=100, step=0.1, description="True rate %", style=_STYLE,
                                      layout=W.Layout(width="180px")),
            "n": _log_slider("Sample size n", n, 1, 5),
            "method": _method_dropdown(),
        })

    def compute(self, pct, n, method):
        p = v.percentage(pct, "the true rate") / 100
        n = int(round(v.number(n, "n")))
        est = S.simulate_surveys(p, n, self.repeats, self.seed)
        from statsmodels.stats.proportion import proportion_confint
        lo, hi = proportion_confint(est * n, n, alpha=0.05, method=S.PROPORTION_METHODS[method])
        lo, hi = np.clip(lo, 0, 1), np.clip(hi, 0, 1)
        tol = 1e-12  # statsmodels' Wilson limits at k = 0 or k = n are 0 or 1 only up to rounding
        covered = float(np.mean((lo <= p + tol) & (p - tol <= hi)))
        return {"pct": p * 100, "n": n, "method": method, "estimates_pct": est * 100, "coverage": covered,
                "zero_share": float(np.mean(est == 0)), "sd_points": float(np.std(est * 100)),
                "repeats": self.repeats}

    def draw(self, ax, r):
        # Fixed, rounded axes, so the background (ticks and labels) is reused from one setting to the next.
        top = max(float(r["estimates_pct"].max()), r["pct"]) * 1.1
        upper = next((b for b in (0.5, 1, 2, 5, 10, 20, 50, 100) if top <= b), 100)
        counts, edges = np.histogram(r["estimates_pct"], bins=30)
        ax.stairs(counts / counts.max(), edges, fill=True, color=PALETTE[4])  # one artist, not 30 bars
        ax.axvline(r["pct"], color=PALETTE[5], linestyle="--", label="true rate")
        ax.set_xlim(0, upper)
        ax.set_ylim(0, 1.05)
        ax.set_yticks([])
        ax.set_xlabel(f"estimate from each of {r['repeats']:,} simulated surveys (%)")
        ax.set_ylabel("surveys (relative number)")
        ax.legend(fontsize=8)

    def describe(self, r):
        return (f"{r['repeats']:,} surveys of {r['n']:,} people from a population rate of {r['pct']:g}%: the estimates "
                f"have a standard deviation of {r['sd_points']:.2f} points, {100 * r['zero_share']:.1f}% of surveys "
                f"found nobody, and the 95% {S.METHOD_LABELS[r['method']]} interval contained the true rate in "
                f"{100 * r['coverage']:.1f}% of them (it should be about 95%).")


def repeated_survey_explorer(pct: float = 0.5, n: int = 1257, repeats: int = 1000, seed: int = 2013) -> RepeatedSurveyExplorer:
    """Build the repeated-survey simulation (seeded, so its numbers are the same every run)."""
    return RepeatedSurveyExplorer(pct, n, repeats, seed)


# =========================================================================== counts and rates
def _series(frame, what):
    _require_columns(frame, ["label", "count"], what)
    frame = frame[["label", "count"]].dropna().reset_index(drop=True)
    if frame.empty:
        raise ValueError(f"{what} has no non-empty counts.")
    frame["count"] = frame["count"].astype(int)
    return frame


class TrendExplorer(Explorer):
    """Change between two years of a count, with an exact Poisson interval on each year.

    ``series`` has ``label`` (the year as printed) and ``count`` columns, and optionally a
    ``series`` column naming several series (e.g. one per offence), which adds a menu.
    Blank counts stay blank: choosing a year with no value gives a message, not a zero.
    """

    title = "Is the change real? Counts over time with Poisson intervals"

    def __init__(self, series: pd.DataFrame, unit: str = "offences"):
        _require_columns(series, ["label", "count"], "series")
        frame = series.copy()
        if "series" not in frame.columns:
            frame["series"] = ""
        self.labels = list(dict.fromkeys(frame["label"]))
        self.unit = unit
        self.tables = {}
        for name, part in frame.groupby("series", sort=False):
            part = part.set_index("label").reindex(self.labels)[["count"]].reset_index()
            counts = pd.array(part["count"], dtype="Int64")
            if counts.isna().all():
                raise ValueError("series has no non-empty counts." if name == "" else
                                 f"series {name!r} has no non-empty counts.")
            cis = [S.poisson_ci(int(c)) if not pd.isna(c) else None for c in counts]
            self.tables[name] = pd.DataFrame({
                "label": part["label"], "count": counts,
                "low": [c.low if c else np.nan for c in cis], "high": [c.high if c else np.nan for c in cis]})
        names = list(self.tables)
        first = self.tables[names[0]]
        present = list(first.loc[first["count"].notna(), "label"])
        controls = {}
        if len(names) > 1:
            controls["series"] = W.Dropdown(options=names, value=names[0], description="Series", style=_STYLE,
                                            layout=W.Layout(width="420px"))
        controls["start"] = W.Dropdown(options=self.labels, value=present[0], description="From", style=_STYLE,
                                       layout=W.Layout(width="180px"))
        controls["end"] = W.Dropdown(options=self.labels, value=present[-1], description="To", style=_STYLE,
                                     layout=W.Layout(width="180px"))
        super().__init__(controls)

    @property
    def table(self) -> pd.DataFrame:
        """The counts and Poisson intervals of the series shown now."""
        return self.tables[self.values().get("series", next(iter(self.tables)))]

    def compute(self, start, end, series=None):
        name = next(iter(self.tables)) if series is None else series
        t = self.tables[name]
        i, j = self.labels.index(start), self.labels.index(end)
        if j <= i:
            raise ValueError(f"Choose an end year after the start year (you chose {start} to {end}).")
        a, b = t["count"].iloc[i], t["count"].iloc[j]
        for year, value in ((start, a), (end, b)):
            if pd.isna(value):
                raise ValueError(f"There is no value for {year}" + (f" in '{name}'" if name else "") +
                                 " (the cell is blank in the source, which is not the same as 0): choose another year.")
        a, b = int(a), int(b)
        if a == 0:
            raise ValueError(f"The count in {start} is 0, so a percentage change from it is undefined: choose another start year.")
        comparison = S.compare_counts(a, b)
        return {"series": name, "start": start, "end": end, "first": a, "last": b, "years": j - i,
                "percent_change": S.percent_change(a, b), "annual_change": S.compound_annual_change(a, b, j - i),
                "ratio": comparison["ratio"], "p_value": comparison["p_value"], "table": t}

    def draw(self, ax, r):
        t = r["table"]
        x = np.arange(len(t))
        ok = t["count"].notna().to_numpy()
        counts = t["count"].to_numpy(dtype=float, na_value=np.nan)
        ax.errorbar(x[ok], counts[ok], yerr=[counts[ok] - t["low"].to_numpy()[ok], t["high"].to_numpy()[ok] - counts[ok]],
                    fmt="o-", color=PALETTE[0], capsize=3)
        idx = [self.labels.index(r["start"]), self.labels.index(r["end"])]
        ax.plot(idx, counts[idx], "D", color=PALETTE[5], markersize=9, label="compared")
        ax.set_xticks(x, t["label"], rotation=45, ha="right")
        ax.set_ylabel(f"{self.unit}\n(95% Poisson interval)")
        ax.yaxis.set_major_formatter(_THOUSANDS)
        ax.set_ylim(bottom=0)
        ax.legend(fontsize=8)

    def describe(self, r):
        ratio = r["ratio"]
        verdict = ("larger than year-to-year chance variation alone would usually produce" if r["p_value"] < 0.05
                   else "within what chance variation alone could produce")
        where = f"{r['series']}: " if r["series"] else ""
        yearly = (f" ({r['annual_change']:+.1f}% a year on average over {r['years']} years)" if r["years"] > 1 else "")
        p = "p < 0.001" if r["p_value"] < 0.001 else f"p = {r['p_value']:.3f}"
        return (f"{where}From {r['start']} ({r['first']:,}) to {r['end']} ({r['last']:,}): a change of "
                f"{r['percent_change']:+.1f}%{yearly}. The ratio {ratio.estimate:.2f} has a 95% interval of "
                f"{ratio.low:.2f} to {ratio.high:.2f} ({p}): {verdict}. Chance is not the only "
                "explanation for a change in recorded numbers: recording practice and reporting change too.")


def trend_explorer(series: pd.DataFrame, unit: str = "offences") -> TrendExplorer:
    """Build the trend explorer from ``label`` (year as printed) and ``count`` columns (and optional ``series``)."""
    return TrendExplorer(series, unit)


class RateExplorer(Explorer):
    """A count per 100,000 people, with a population the learner sets."""

    title = "Rate per 100,000 people"

    def __init__(self, series: pd.DataFrame, population: int, unit: str = "offences"):
        self.series = _series(series, "series")
        self.unit = unit
        super().__init__({
            "population": W.IntText(value=int(population), description="Population", style=_STYLE,
                                    layout=W.Layout(width="240px")),
            "label": W.Dropdown(options=list(self.series["label"]), value=self.series["label"].iloc[-1],
                                description="Year", style=_STYLE, layout=W.Layout(width="180px")),
        })

    def compute(self, population, label):
        pop = v.count(population, "the population", minimum=1)
        rows = []
        for r in self.series.itertuples():
            ci = S.poisson_ci(r.count)
            rows.append({"label": r.label, "count": r.count, "rate": S.rate_per_100k(r.count, pop),
                         "low": S.rate_per_100k(ci.low, pop), "high": S.rate_per_100k(min(ci.high, pop), pop)})
        table = pd.DataFrame(rows)
        return {"population": pop, "label": label, "table": table,
                "row": table[table["label"] == label].iloc[0]}

    def draw(self, ax, r):
        t = r["table"]
        x = np.arange(len(t))
        colours = [PALETTE[5] if lab == r["label"] else PALETTE[0] for lab in t["label"]]
        ax.bar(x, t["rate"], color=colours, alpha=0.85)
        ax.errorbar(x, t["rate"], yerr=[t["rate"] - t["low"], t["high"] - t["rate"]], fmt="none", ecolor="black",
                    capsize=2)
        ax.set_xticks(x, t["label"], rotation=45, ha="right")
        ax.set_ylabel(f"{self.unit} per 100,000")

    def describe(self, r):
        row = r["row"]
        return (f"In {row['label']}, {row['count']:,} {self.unit} in a population of {r['population']:,} is "
                f"{row['rate']:.3f} per 100,000 (95% Poisson interval {row['low']:.3f} to {row['high']:.3f}). "
                "A rate is only as good as its denominator: the population should match the area and period "
                "the count covers.")


def rate_explorer(series: pd.DataFrame, population: int, unit: str = "offences") -> RateExplorer:
    """Build the rate explorer from ``label``/``count`` columns and a starting population."""
    return RateExplorer(series, population, unit)


class DarkFigureExplorer(Explorer):
    """How many offences a recorded count implies if only some are ever reported and recorded."""

    title = "The dark figure: recorded count and an assumed reporting rate"

    def __init__(self, recorded: int, label: str = "recorded offences", rate_pct: float = 20.0,
                 range_pct: tuple = (10.0, 50.0)):
        self.recorded = v.count(recorded, "recorded count")
        self.label = label
        super().__init__({
            "rate_pct": W.FloatSlider(value=rate_pct, min=1, max=100, step=1, description="Reporting rate %",
                                      continuous_update=False, style=_STYLE),
            "range_pct": W.FloatRangeSlider(value=range_pct, min=1, max=100, step=1,
                                            description="Plausible range %", continuous_update=False, style=_STYLE),
        })

    def compute(self, rate_pct, range_pct):
        rate = v.percentage(rate_pct, "the reporting rate")
        lo, hi = (v.percentage(x, "the reporting-rate range") for x in range_pct)
        if rate == 0 or lo == 0:
            raise ValueError("A reporting rate of 0% would mean no offence is ever recorded, so a recorded count "
                             "could not exist: choose a rate above 0%.")
        return S.dark_figure(self.recorded, rate / 100, lo / 100, hi / 100) | {"range_pct": (lo, hi)}

    def draw(self, ax, r):
        ax.barh([0], [r["recorded"]], color=PALETTE[0], label="recorded")
        ax.barh([0], [r["unrecorded"]], left=[r["recorded"]], color=PALETTE[1], alpha=0.7, label="implied, unrecorded")
        lo, hi = r["range"]
        ax.plot([lo, hi], [0.5, 0.5], "|-", color="black", markersize=12, label="total for the plausible range")
        ax.set_ylim(-0.6, 0.9)
        ax.set_yticks([])
        ax.set_xlabel(self.label)
        ax.legend(fontsize=8, loc="upper right")

    def describe(self, r):
        lo, hi = r["range"]
        a, b = r["range_pct"]
        return (f"If {100 * r['reporting_rate']:g}% of offences are recorded, {r['recorded']:,} {self.label} imply about "
                f"{r['implied']:,.0f} in all ({r['unrecorded']:,.0f} unrecorded). With a reporting rate anywhere "
                f"from {a:g}% to {b:g}%, the total could be {lo:,.0f} to {hi:,.0f}. The chapter says the scale of "
                "under-reporting is not known: the rate is an assumption, and the answer is only as good as it.")


def dark_figure_explorer(recorded: int, label: str = "recorded offences", rate_pct: float = 20.0,
                         range_pct: tuple = (10.0, 50.0)) -> DarkFigureExplorer:
    """Build the dark-figure explorer for a recorded count."""
    return DarkFigureExplorer(recorded, label, rate_pct, range_pct)


# =========================================================================== comparisons and models
class TwoProportionsExplorer(Explorer):
    """Two groups' percentages: the difference with its interval, and the sample needed to detect it."""

    title = "Comparing two percentages: difference, interval and sample size"

    def __init__(self, pct1: float, pct2: float, n: int = 500, labels: tuple = ("group 1", "group 2"), n2=None):
        self.labels = tuple(str(label) for label in labels)
        if len(self.labels) != 2:
            raise ValueError("labels must name exactly two groups.")
        controls = {
            "pct1": W.BoundedFloatText(value=pct1, min=0, max=100, step=0.5, description=f"{self.labels[0]} %",
                                       style=_STYLE, layout=W.Layout(width="220px")),
            "pct2": W.BoundedFloatText(value=pct2, min=0, max=100, step=0.5, description=f"{self.labels[1]} %",
                                       style=_STYLE, layout=W.Layout(width="220px")),
            "n": _log_slider("n per group" if n2 is None else f"n ({self.labels[0]})", n, 1, 5),
            "power": W.Dropdown(options=[("80%", 0.8), ("90%", 0.9)], value=0.8, description="Power",
                                style=_STYLE, layout=W.Layout(width="150px")),
        }
        if n2 is not None:  # groups of different sizes, e.g. 120 still and 113 moving images
            controls["n2"] = _log_slider(f"n ({self.labels[1]})", n2, 1, 5)
        super().__init__(controls)

    def compute(self, pct1, pct2, n, power, n2=None):
        p1 = v.percentage(pct1, f"the percentage for {self.labels[0]}") / 100
        p2 = v.percentage(pct2, f"the percentage for {self.labels[1]}") / 100
        n = int(round(v.number(n, "n")))
        m = n if n2 is None else int(round(v.number(n2, "n2")))
        diff = S.diff_proportions(p1 * n, n, p2 * m, m).scaled(100)
        one = S.proportion_ci(p1 * n, n).scaled(100)
        two = S.proportion_ci(p2 * m, m).scaled(100)
        needed = S.sample_size_two_proportions(p1, p2, power=power) if p1 != p2 else None
        return {"pct1": p1 * 100, "pct2": p2 * 100, "n": n, "n2": m, "power": power, "diff": diff,
                "ci1": one, "ci2": two, "n_needed": needed, "excludes_zero": diff.low > 0 or diff.high < 0}

    def draw(self, ax, r):
        ys = [2, 1, 0]
        values = [r["ci1"], r["ci2"], r["diff"]]
        names = [self.labels[0], self.labels[1], "difference"]
        for y, ci, colour in zip(ys, values, [PALETTE[0], PALETTE[1], PALETTE[2]]):
            ax.errorbar([ci.estimate], [y], xerr=[[ci.estimate - ci.low], [ci.high - ci.estimate]], fmt="o",
                        color=colour, capsize=4)
        ax.axvline(0, color=GREY, linewidth=1)
        ax.set_yticks(ys, names)
        ax.set_ylim(-0.6, 2.6)
        ax.set_xlim(min(-5, r["diff"].low - 2), 100)
        ax.set_xlabel("% or difference in percentage points (95% intervals)")

    def describe(self, r):
        d = r["diff"]
        needed = (f"To detect this difference with {r['power']:.0%} power at the 5% level you would need about "
                  f"{r['n_needed']:,} in each group." if r["n_needed"] else "The two percentages are equal: "
                  "there is no difference to detect.")
        verdict = "excludes" if r["excludes_zero"] else "includes"
        sizes = (f"With {r['n']:,} in each group" if r["n"] == r["n2"] else
                 f"With {r['n']:,} ({self.labels[0]}) and {r['n2']:,} ({self.labels[1]})")
        return (f"{sizes}, {self.labels[0]} {r['pct1']:g}% vs {self.labels[1]} {r['pct2']:g}%: "
                f"a difference of {d.estimate:+.1f} points, 95% interval {d.low:+.1f} to {d.high:+.1f} "
                f"(Newcombe), which {verdict} zero. {needed}")


def two_proportions_explorer(pct1: float, pct2: float, n: int = 500,
                             labels: tuple = ("group 1", "group 2"), n2=None) -> TwoProportionsExplorer:
    """Build the two-percentage comparison (difference interval and sample-size planner).

    ``n`` is the size of each group, or of the first group when ``n2`` gives the second's.
    """
    return TwoProportionsExplorer(pct1, pct2, n, labels, n2)


class GroupSharesSimulation(Explorer):
    """How much a small sample's group shares vary by chance, given assumed true shares."""

    title = "Chance in a small sample: how group shares vary"

    def __init__(self, labels, n: int = 33, assumed_pct=None, repeats: int = 2000, seed: int = 2012):
        self.labels = [str(label) for label in labels]
        if not 2 <= len(self.labels) <= 6:
            raise ValueError("give between 2 and 6 group labels.")
        if assumed_pct is None:
            assumed_pct = [100 / len(self.labels)] * len(self.labels)
        if len(assumed_pct) != len(self.labels):
            raise ValueError("give one assumed share per group.")
        self.repeats, self.seed = v.count(repeats, "repeats", minimum=10), v.count(seed, "seed")
        controls = {"n": W.IntSlider(value=n, min=1, max=1000, description="Sample size n",
                                     continuous_update=False, style=_STYLE)}
        for i, (label, pct) in enumerate(zip(self.labels, assumed_pct)):
            controls[f"share{i}"] = W.BoundedFloatText(value=round(float(pct), 1), min=0, max=100, step=1,
                                                       description=f"{label} %", style=_STYLE,
                                                       layout=W.Layout(width="230px"))
        super().__init__(controls)

    def compute(self, n, **shares):
        n = v.count(n, "n (the sample size)", minimum=1)
        pct = np.array([v.percentage(shares[f"share{i}"], f"the share for {label}")
                        for i, label in enumerate(self.labels)])
        if pct.sum() <= 0:
            raise ValueError("At least one group needs a share above 0%.")
        if abs(pct.sum() - 100) > 0.5:
            raise ValueError(f"The assumed shares add up to {pct.sum():g}%; make them add up to 100%.")
        p = pct / pct.sum()
        rng = np.random.default_rng(self.seed)
        draws = rng.multinomial(n, p, size=self.repeats) / n * 100
        low, high = np.percentile(draws, [2.5, 97.5], axis=0)
        biggest = int(np.argmax(p))
        ties = np.isclose(p, p.max()).sum() > 1
        wrong_order = float(np.mean(np.argmax(draws, axis=1) != biggest)) if not ties else float("nan")
        table = pd.DataFrame({"label": self.labels, "assumed_pct": pct, "low": low, "high": high})
        return {"n": n, "table": table, "repeats": self.repeats, "wrong_largest": wrong_order,
                "largest": self.labels[biggest], "ties": ties}

    def draw(self, ax, r):
        t = r["table"]
        y = np.arange(len(t))
        ax.barh(y, t["high"] - t["low"], left=t["low"], color=PALETTE[4], alpha=0.6, height=0.5)
        ax.plot(t["assumed_pct"], y, "D", color=PALETTE[5])
        ax.set_yticks(y, t["label"])
        ax.yaxis.set_inverted(True)
        ax.set_xlim(0, 100)
        ax.set_xlabel("% of sample (◆ assumed; band: middle 95%)")

    def describe(self, r):
        t = r["table"]
        parts = [f"{lab}: assumed {a:g}%, observed {lo:.0f}% to {hi:.0f}%" for lab, a, lo, hi in
                 zip(t["label"], t["assumed_pct"], t["low"], t["high"])]
        order = ("" if r["ties"] else f" In {100 * r['wrong_largest']:.1f}% of samples a group other than "
                 f"{r['largest']} came out largest.")
        return (f"In {r['repeats']:,} simulated samples of {r['n']:,}, the middle 95% of observed shares were: "
                + "; ".join(parts) + "." + order + " The assumed shares are assumptions, not findings.")


def group_shares_simulation(labels, n: int = 33, assumed_pct=None, repeats: int = 2000,
                            seed: int = 2012) -> GroupSharesSimulation:
    """Build the simulation of group shares in a small sample (seeded, so its numbers repeat exactly)."""
    return GroupSharesSimulation(labels, n, assumed_pct, repeats, seed)


class CountingRuleExplorer(Explorer):
    """How the Home Office Counting Rules can hide grooming in police recorded crime.

    Of all grooming cases that come to police attention, only those with an offline meeting can be
    recorded as 'sexual grooming', and of those, any that led to a more serious offence are recorded
    only as that offence (the principal-offence rule). The learner sets both shares.
    """

    title = "Counting rules: which grooming cases are recorded as grooming?"

    def __init__(self, recorded: int, offline_meeting_pct: float = 50.0, more_serious_pct: float = 20.0,
                 label: str = "grooming offences recorded"):
        self.recorded = v.count(recorded, "recorded count", minimum=1)
        self.label = label
        super().__init__({
            "offline_meeting_pct": W.FloatSlider(value=offline_meeting_pct, min=1, max=100, step=1,
                                                 description="% with an offline meeting",
                                                 continuous_update=False, style=_STYLE),
            "more_serious_pct": W.FloatSlider(value=more_serious_pct, min=0, max=99, step=1,
                                              description="% of those recorded as a more serious offence",
                                              continuous_update=False, style=_STYLE),
        })

    def compute(self, offline_meeting_pct, more_serious_pct):
        meet = v.percentage(offline_meeting_pct, "the share with an offline meeting") / 100
        serious = v.percentage(more_serious_pct, "the share recorded as a more serious offence") / 100
        if meet == 0:
            raise ValueError("If no case had an offline meeting, nothing could be recorded as grooming: "
                             "choose a share above 0%.")
        if serious == 1:
            raise ValueError("If every case were recorded as a more serious offence, nothing would be recorded "
                             "as grooming: choose a share below 100%.")
        visible = meet * (1 - serious)
        total = self.recorded / visible
        parts = {"recorded as grooming": self.recorded,
                 "recorded as a more serious offence": total * meet * serious,
                 "online only: recorded under another offence or not at all": total * (1 - meet)}
        return {"recorded": self.recorded, "meet": meet, "serious": serious, "visible_share": visible,
                "total": total, "parts": parts}

    def draw(self, ax, r):
        left = 0.0
        for (name, value), colour in zip(r["parts"].items(), [PALETTE[0], PALETTE[5], PALETTE[1]]):
            ax.barh([0], [value], left=[left], color=colour, label=name)
            left += value
        ax.set_yticks([])
        ax.set_ylim(-0.6, 1.2)
        ax.set_xlabel("grooming cases implied by the recorded count and your assumptions")
        ax.legend(fontsize=8, loc="upper left", ncols=1)

    def describe(self, r):
        p = r["parts"]
        return (f"If {100 * r['meet']:g}% of grooming cases involve an offline meeting and {100 * r['serious']:g}% of "
                f"those are recorded only as a more serious offence, then the {r['recorded']:,} {self.label} are "
                f"{100 * r['visible_share']:.1f}% of about {r['total']:,.0f} cases: about "
                f"{p['recorded as a more serious offence']:,.0f} would be counted as the more serious offence and "
                f"{p['online only: recorded under another offence or not at all']:,.0f} could not be recorded as "
                "grooming at all. Both shares are assumptions: the chapter gives neither for police data.")


def counting_rule_explorer(recorded: int, offline_meeting_pct: float = 50.0, more_serious_pct: float = 20.0,
                           label: str = "grooming offences recorded") -> CountingRuleExplorer:
    """Build the counting-rule explorer for a recorded number of grooming offences."""
    return CountingRuleExplorer(recorded, offline_meeting_pct, more_serious_pct, label)


# =========================================================================== courts, volumes and base rates
class AttritionExplorer(Explorer):
    """Individuals proceeded against, found guilty and sentenced, for one group and year."""

    title = "Proceeded against, found guilty, sentenced"
    STAGES = ("proceeded_against", "found_guilty", "sentenced")
    STAGE_LABELS = {"proceeded_against": "proceeded against", "found_guilty": "found guilty", "sentenced": "sentenced"}

    def __init__(self, table: pd.DataFrame, group_column: str = "legislation"):
        _require_columns(table, ["year", "outcome", "count", group_column], "table")
        unknown = set(table["outcome"]) - set(self.STAGES)
        if unknown:
            raise ValueError(f"outcome must be one of {', '.join(self.STAGES)}; found {', '.join(sorted(map(str, unknown)))}.")
        self.wide = table.pivot_table(index=[group_column, "year"], columns="outcome", values="count",
                                      aggfunc="first", dropna=False).reindex(columns=list(self.STAGES))
        self.group_column = group_column
        self.uncertain = set()
        if "placement" in table.columns:  # Table 3.7 marks cells whose year the source cannot settle
            self.uncertain = set(map(tuple, table.loc[table["placement"] == "uncertain", [group_column, "year"]].to_numpy()))
        groups = list(dict.fromkeys(table[group_column]))
        years = list(dict.fromkeys(table["year"]))
        complete = self.wide.notna().all(axis=1).groupby(level=0).sum()
        best = complete.idxmax()  # start on the group with the most complete years, at its latest one
        start = (best, next(y for y in reversed(years) if (best, y) in self.wide.index and self.wide.loc[(best, y)].notna().all()))
        super().__init__({
            "group": W.Dropdown(options=groups, value=start[0], description=group_column.replace("_", " ").capitalize(),
                                style=_STYLE, layout=W.Layout(width="420px")),
            "year": W.Dropdown(options=years, value=start[1], description="Year", style=_STYLE,
                               layout=W.Layout(width="160px")),
        })

    def compute(self, group, year):
        if (group, year) not in self.wide.index:
            raise ValueError(f"There is no row for {group} in {year}.")
        row = self.wide.loc[(group, year)]
        if row.isna().any():
            raise ValueError(f"{group}, {year}: the source leaves these cells blank (not zero), so there is "
                             "nothing to compare: choose another year.")
        pa, fg, se = (int(row[s]) for s in self.STAGES)
        if pa == 0 or fg == 0:
            raise ValueError(f"{group}, {year}: a stage has 0 people, so the ratios between stages are undefined.")
        return {"group": group, "year": year, "counts": {s: int(row[s]) for s in self.STAGES},
                "guilty_per_100_proceeded": 100 * fg / pa, "sentenced_per_100_guilty": 100 * se / fg,
                "not_a_funnel": fg > pa or se > fg, "uncertain": (group, year) in self.uncertain}

    def draw(self, ax, r):
        x = np.arange(3)
        values = [r["counts"][s] for s in self.STAGES]
        bars = ax.bar(x, values, color=[PALETTE[0], PALETTE[1], PALETTE[2]])
        ax.bar_label(bars, labels=[f"{v:,}" for v in values], padding=2)
        ax.set_xticks(x, [self.STAGE_LABELS[s] for s in self.STAGES])
        ax.set_ylabel("individuals")
        ax.set_ylim(0, max(values) * 1.2)

    def describe(self, r):
        c = r["counts"]
        note = (" More people appear at a later stage than an earlier one: each stage is counted separately, on the "
                "principal offence at that stage and in the year it happened, so the columns are not the same people "
                "moving through a funnel." if r["not_a_funnel"] else "")
        caution = (" Caution: the source does not settle which year these values belong to (see data/README.md)."
                   if r["uncertain"] else "")
        return (f"{r['group']}, {r['year']}: {c['proceeded_against']:,} proceeded against, {c['found_guilty']:,} found "
                f"guilty ({r['guilty_per_100_proceeded']:.1f} per 100 proceeded against), {c['sentenced']:,} sentenced "
                f"({r['sentenced_per_100_guilty']:.1f} per 100 found guilty).{note}{caution}")


def attrition_explorer(table: pd.DataFrame, group_column: str = "legislation") -> AttritionExplorer:
    """Build the attrition view from a long table with ``year``, ``outcome``, ``count`` and a group column."""
    return AttritionExplorer(table, group_column)


class ExtrapolationExplorer(Explorer):
    """Scaling a count seen over a few weeks up to a year, under assumptions the learner sets."""

    title = "From a few weeks to a year: what extrapolation assumes"

    def __init__(self, count: int, weeks: float, unit: str = "images"):
        self.count = v.count(count, "count", minimum=1)
        self.weeks = v.positive(weeks, "weeks observed")
        if self.weeks > 52:
            raise ValueError("weeks observed must be at most 52 (one year).")
        self.unit = unit
        super().__init__({
            "repeat_pct": W.FloatSlider(value=0, min=0, max=95, step=5, description="% that are repeats",
                                        continuous_update=False, style=_STYLE),
            "period_factor": W.FloatSlider(value=1.0, min=0.25, max=4.0, step=0.05,
                                           description="Observed period vs an average one (×)",
                                           continuous_update=False, style=_STYLE),
        })

    def compute(self, repeat_pct, period_factor):
        repeats = v.percentage(repeat_pct, "the share of repeats") / 100
        factor = v.positive(period_factor, "the period factor")
        scale = 52 / self.weeks
        naive = self.count * scale
        unique_in_period = self.count * (1 - repeats)
        adjusted = unique_in_period * scale / factor
        return {"count": self.count, "weeks": self.weeks, "naive": naive, "repeats": repeats,
                "factor": factor, "adjusted": adjusted}

    def draw(self, ax, r):
        names = [f"seen in {r['weeks']:g} weeks", "× 52/weeks (naive)", "with your assumptions"]
        values = [r["count"], r["naive"], r["adjusted"]]
        bars = ax.barh(np.arange(3), values, color=[PALETTE[0], GREY, PALETTE[1]])
        ax.bar_label(bars, labels=[f"{v:,.0f}" for v in values], padding=3, fontsize=8)
        ax.set_yticks(np.arange(3), names)
        ax.yaxis.set_inverted(True)
        ax.set_xlim(0, max(values) * 1.25)
        ax.xaxis.set_major_formatter(_THOUSANDS)
        ax.xaxis.set_major_locator(mpl.ticker.MaxNLocator(4))
        ax.set_xlabel(self.unit)

    def describe(self, r):
        return (f"{r['count']:,} {self.unit} in {r['weeks']:g} weeks becomes {r['naive']:,.0f} a year if every week is "
                f"the same and every item new. If {100 * r['repeats']:g}% are repeats and the observed weeks ran at "
                f"{r['factor']:g}× an average period, the estimate is {r['adjusted']:,.0f}. Neither assumption is known "
                "from the chapter, which asks whether the period is representative and whether there are seasonal "
                "fluctuations.")


def extrapolation_explorer(count: int, weeks: float, unit: str = "images") -> ExtrapolationExplorer:
    """Build the extrapolation explorer for a count observed over a number of weeks."""
    return ExtrapolationExplorer(count, weeks, unit)


class AttemptsExplorer(Explorer):
    """How many people a number of blocked attempts could represent."""

    title = "Attempts are not people"

    def __init__(self, attempts: int, unit: str = "blocked attempts in one day"):
        self.attempts = v.count(attempts, "attempts", minimum=1)
        self.unit = unit
        super().__init__({
            "automated_pct": W.FloatSlider(value=0, min=0, max=99, step=1, description="% automated (e.g. botnets)",
                                           continuous_update=False, style=_STYLE),
            "per_person": W.FloatLogSlider(value=1, base=10, min=0, max=3, step=0.01,
                                           description="Attempts per person", readout_format=".1f",
                                           continuous_update=False, style=_STYLE),
        })

    def compute(self, automated_pct, per_person):
        auto = v.percentage(automated_pct, "the automated share") / 100
        if auto == 1:
            raise ValueError("If every attempt were automated there would be no people to count: choose less than 100%.")
        each = v.number(per_person, "attempts per person")
        if each < 1:
            raise ValueError("Each person makes at least one attempt: choose 1 or more attempts per person.")
        human = self.attempts * (1 - auto)
        return {"attempts": self.attempts, "automated": self.attempts * auto, "human_attempts": human,
                "per_person": each, "people": human / each}

    def draw(self, ax, r):
        names = ["attempts", "by people", "people"]
        values = [r["attempts"], r["human_attempts"], r["people"]]
        bars = ax.barh(np.arange(3), values, color=[GREY, PALETTE[0], PALETTE[1]])
        ax.bar_label(bars, labels=[f"{v:,.0f}" for v in values], padding=3, fontsize=8)
        ax.set_yticks(np.arange(3), names)
        ax.yaxis.set_inverted(True)
        ax.set_xlim(0, r["attempts"] * 1.2)
        ax.xaxis.set_major_formatter(_THOUSANDS)
        ax.xaxis.set_major_locator(mpl.ticker.MaxNLocator(4))
        ax.set_xlabel("number (of attempts in the first two bars, of people in the last)")

    def describe(self, r):
        people = "fewer than one person" if r["people"] < 1 else f"about {r['people']:,.0f} people"
        return (f"{r['attempts']:,} {self.unit}: if {100 * r['automated'] / r['attempts']:.0f}% were automated and each person "
                f"made {r['per_person']:.1f} attempts on average, they came from {people}. "
                "Attempts are not individuals: repeat attempts and automated (botnet) traffic inflate the count.")


def attempts_explorer(attempts: int, unit: str = "blocked attempts in one day") -> AttemptsExplorer:
    """Build the attempts-to-people explorer."""
    return AttemptsExplorer(attempts, unit)


class BaseRateExplorer(Explorer):
    """Positive predictive value in natural frequencies: of the people an indicator flags, how many are
    (say) contact offenders, given how common that is and how good the indicator is."""

    title = "Base rates: what does a flag mean?"

    def __init__(self, base_rate_pct: float = 20.0, sensitivity_pct: float = 80.0, specificity_pct: float = 80.0,
                 population: int = 1000, condition: str = "also commit contact offences",
                 group: str = "people convicted of IIOC offences"):
        self.population = v.count(population, "population", minimum=10)
        self.condition, self.group = condition, group
        slider = dict(min=0, max=100, step=1, continuous_update=False, style=_STYLE)
        super().__init__({
            "base_rate_pct": W.FloatSlider(value=base_rate_pct, description="Base rate %", **slider),
            "sensitivity_pct": W.FloatSlider(value=sensitivity_pct, description="Sensitivity %", **slider),
            "specificity_pct": W.FloatSlider(value=specificity_pct, description="Specificity %", **slider),
        })

    def compute(self, base_rate_pct, sensitivity_pct, specificity_pct):
        b = v.percentage(base_rate_pct, "the base rate") / 100
        se = v.percentage(sensitivity_pct, "the sensitivity") / 100
        sp = v.percentage(specificity_pct, "the specificity") / 100
        n = self.population
        with_c = n * b
        tp, fn = with_c * se, with_c * (1 - se)
        fp, tn = (n - with_c) * (1 - sp), (n - with_c) * sp
        flagged = tp + fp
        if flagged == 0:
            raise ValueError("With these settings nobody is flagged, so there is nothing to predict: raise the "
                             "sensitivity, lower the specificity, or raise the base rate.")
        return {"n": n, "base": b, "sens": se, "spec": sp, "tp": tp, "fn": fn, "fp": fp, "tn": tn,
                "ppv": tp / flagged, "npv": tn / (tn + fn) if tn + fn else float("nan")}

    def draw(self, ax, r):
        segments = [  # (row, left, width, colour, hatch, legend); every segment also carries its count
            (1, 0, r["tp"], PALETTE[0], "", f"flagged, and {self.condition}"),
            (1, r["tp"], r["fp"], PALETTE[1], "//", "flagged, but do not"),
            (0, 0, r["fn"], PALETTE[3], "", f"not flagged, but {self.condition}"),
            (0, r["fn"], r["tn"], PALETTE[4], "//", "not flagged, and do not"),
        ]
        for row, left, width, colour, hatch, label in segments:
            bars = ax.barh([row], [width], left=[left], color=colour, hatch=hatch, edgecolor="white", label=label)
            if width >= 0.03 * r["n"]:  # room for the number inside the segment
                ax.bar_label(bars, labels=[f"{width:,.0f}"], label_type="center", fontsize=8)
        ax.set_yticks([1, 0], ["flagged", "not flagged"])
        ax.set_xlim(0, r["n"])
        ax.set_ylim(-0.5, 2.6)
        ax.set_xlabel(f"out of {r['n']:,} {self.group}")
        ax.legend(fontsize=7, loc="upper right", ncols=2)

    def describe(self, r):
        return (f"Of {r['n']:,} {self.group}, if {100 * r['base']:g}% {self.condition} and the indicator has "
                f"{100 * r['sens']:g}% sensitivity and {100 * r['spec']:g}% specificity: {r['tp'] + r['fp']:,.0f} are "
                f"flagged, of whom {r['tp']:,.0f} {self.condition} and {r['fp']:,.0f} do not, so a flag is right "
                f"{100 * r['ppv']:.1f}% of the time; {r['fn']:,.0f} who {self.condition} are missed. All three "
                "percentages are assumptions for exploring the logic, not findings of the chapter.")


def base_rate_explorer(base_rate_pct: float = 20.0, sensitivity_pct: float = 80.0, specificity_pct: float = 80.0,
                       population: int = 1000, condition: str = "also commit contact offences",
                       group: str = "people convicted of IIOC offences") -> BaseRateExplorer:
    """Build the base-rate (positive predictive value) explorer in natural frequencies."""
    return BaseRateExplorer(base_rate_pct, sensitivity_pct, specificity_pct, population, condition, group)


#: Every builder, for the benchmark and the tests.
BUILDERS = {
    "survey_interval_explorer": survey_interval_explorer,
    "shares_explorer": shares_explorer,
    "sample_size_planner": sample_size_planner,
    "repeated_survey_explorer": repeated_survey_explorer,
    "trend_explorer": trend_explorer,
    "rate_explorer": rate_explorer,
    "dark_figure_explorer": dark_figure_explorer,
    "two_proportions_explorer": two_proportions_explorer,
    "group_shares_simulation": group_shares_simulation,
    "counting_rule_explorer": counting_rule_explorer,
    "attrition_explorer": attrition_explorer,
    "extrapolation_explorer": extrapolation_explorer,
    "attempts_explorer": attempts_explorer,
    "base_rate_explorer": base_rate_explorer,
}
