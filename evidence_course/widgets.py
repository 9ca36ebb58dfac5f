"""Interactive explorers for sample sizes and rates.

Each builder returns an :class:`Explorer`: an ipywidgets box with controls, a figure
(drawn to a PNG ``Image`` widget, so it swaps without flicker and never leaks into a
cell's output), a sentence giving the numbers behind the figure, and a place for a
plain-language message when the input makes no sense.

Everything is also usable without a browser, which is how the tests, the benchmark and
the notebooks' checked cells use it::

    ex = survey_interval_explorer(surveys)
    ex.controls["n"].value = 500      # what a learner's slider does
    ex.set(n=500)                     # the same from code: checked first, then applied
    ex.result                         # the numbers now shown (a DataFrame or dict)
    ex.text                           # the sentence under the figure

Input honesty: an explorer shows exactly the value it was given or refuses it in plain
words. ``set()`` and the builders check every value first and raise ``ValueError`` with a
sentence a student understands (nothing is changed); they never move a value to a
slider's limit. A slider is widened to show a value it can hold (a larger sample size), and
numbers a learner types go in plain number boxes, checked by the explorer, which shows a
message instead of moving the number. A combination of settings that cannot be shown
(an end year before the start year) leaves the controls as chosen and shows a message.
"""
from __future__ import annotations

import base64
import html
import io
import math
import numbers
import os
import re
import warnings

import anywidget
import ipywidgets as W
import matplotlib as mpl
import numpy as np
import pandas as pd
import PIL.Image
import traitlets
from matplotlib.backends.backend_agg import FigureCanvasAgg
from scipy.stats import norm as _norm

from . import stats as S
from .style import FIGSIZE, GREY, PALETTE, RC, new_figure

CONFIDENCE_OPTIONS = [("90%", 0.90), ("95%", 0.95), ("99%", 0.99)]
METHOD_OPTIONS = [(label, key) for key, label in S.METHOD_LABELS.items()]
_STYLE = {"description_width": "initial"}
_MAX_BACKGROUNDS = 8  # cached figure backgrounds per widget (about 1 MB each)
_THOUSANDS = mpl.ticker.StrMethodFormatter("{x:,.0f}")  # 1,200,000 rather than 1.2 with a 1e6 offset
#: Set to "1" to display explorers as static HTML (the HTML edition, scripts/build_html.py).
STATIC_ENV = "EVIDENCE_COURSE_STATIC"
#: The largest sample size or count an explorer accepts (about eight times the world's population).
MAX_N = 10**11
#: The largest population (a rate's denominator) an explorer accepts.
MAX_POPULATION = 10**11
#: An explorer's figure is never drawn narrower than this (its 10-point text then stays 12 px or more).
MIN_FIGURE_WIDTH = 560


def _fmt_int(x) -> str:
    return f"{int(round(x)):,}"


# =========================================================================== accessible views
# ipywidgets' own views leave a screen-reader user out: its sliders have no accessible name and
# a log slider announces its exponent (n = 1,122 is read as "3.05"), its Image has no alt text,
# and an HTML widget rebuilds its content on every change (a live region inside it is new each
# time, so it may never be announced). The classes below keep ipywidgets' models (the same
# traits, checks and behaviour in Python) and give them small views of their own, written as
# anywidget modules (JavaScript carried in the Python package: nothing is fetched at run time).

_SLIDER_ESM = r"""
const FORMAT = /^(,?)(?:\.(\d+))?([dfg]?)$/;
function format(spec, value) {
  const m = FORMAT.exec(spec || '') || ['', '', '2', 'f'];
  const group = m[1] === ',', kind = m[3] || 'f';
  const digits = kind === 'd' ? 0 : (m[2] === undefined ? 6 : Number(m[2]));
  if (kind === 'g')
    return Number(value).toLocaleString('en-GB', {maximumSignificantDigits: Math.max(1, digits), useGrouping: group});
  return Number(value).toLocaleString('en-GB', {minimumFractionDigits: digits, maximumFractionDigits: digits,
                                                 useGrouping: group});
}
function decimals(spec) {  // the digits the readout shows, when it shows a fixed number of them
  const m = FORMAT.exec(spec || '');
  if (!m) return null;
  if (m[3] === 'd') return 0;
  return m[3] === 'f' || m[3] === '' ? (m[2] === undefined ? null : Number(m[2])) : null;
}
function render({ model, el }) {
  const log = model.get('base') !== undefined && model.get('base') !== null;
  const range = Array.isArray(model.get('value'));
  el.classList.add('ec-slider');
  // The arrow keys, Page Up/Down, Home and End belong to the slider: JupyterLab's notebook (cell
  // navigation) would otherwise take them, and the focus, away from it. ipywidgets' own inputs stop
  // their key events in the same way.
  el.addEventListener('keydown', event => event.stopPropagation());
  // A slider is named by the label around it (no ids, which could clash between widgets); each end
  // of a range is named by the description and which end it is.
  const text = document.createElement('span');
  text.className = 'ec-description';
  const inputs = (range ? ['low end', 'high end'] : ['']).map(end => {
    const input = document.createElement('input');
    input.type = 'range';
    input.dataset.end = end;
    return input;
  });
  const readout = document.createElement('span');
  readout.className = 'ec-readout';
  readout.setAttribute('aria-hidden', 'true');  // the slider itself announces the value (aria-valuetext)
  if (range) {
    el.append(text, ...inputs, readout);
  } else {
    const label = document.createElement('label');
    label.append(text, inputs[0]);
    el.append(label, readout);
  }

  const toPosition = v => log ? Math.log(v) / Math.log(model.get('base')) : v;
  const fromPosition = p => {
    const spec = model.get('readout_format');
    let v;
    if (log) {
      v = model.get('base') ** p;
      const d = decimals(spec);  // the value sent is the value shown
      if (d !== null) v = Number(v.toFixed(d));
    } else {
      const step = model.get('step'), low = model.get('min');
      v = step ? low + Math.round((p - low) / step) * step : p;
      v = Number(v.toFixed(10));
    }
    return v;
  };
  const values = () => range ? model.get('value') : [model.get('value')];
  const show = vs => {
    const spec = model.get('readout_format');
    const texts = vs.map(v => format(spec, v));
    inputs.forEach((input, i) => input.setAttribute('aria-valuetext', texts[i]));
    readout.textContent = texts.join(' to ');
  };
  const sync = () => {
    const description = model.get('description') || '';
    text.textContent = description;
    inputs.forEach(input => {
      if (range) input.setAttribute('aria-label', `${description}, ${input.dataset.end}`);
      input.min = String(model.get('min'));
      input.max = String(model.get('max'));
      input.step = log || !model.get('step') ? 'any' : String(model.get('step'));
      input.disabled = !!model.get('disabled');
    });
    values().forEach((v, i) => { inputs[i].value = String(toPosition(v)); });
    show(values());
  };
  const current = () => {
    const vs = inputs.map(input => fromPosition(Number(input.value)));
    return range ? vs.sort((a, b) => a - b) : vs;
  };
  const send = () => {
    const vs = current();
    model.set('value', range ? vs : vs[0]);
    model.save_changes();
  };
  for (const input of inputs) {
    input.addEventListener('input', () => { show(current()); if (model.get('continuous_update')) send(); });
    input.addEventListener('change', send);
  }
  for (const name of ['value', 'min', 'max', 'step', 'description', 'readout_format', 'disabled'])
    model.on(`change:${name}`, sync);
  sync();
  return () => { for (const name of ['value', 'min', 'max', 'step', 'description', 'readout_format', 'disabled'])
                   model.off(`change:${name}`, sync); };
}
export default { render };
"""

_SLIDER_CSS = """
.ec-slider { display: inline-flex; flex-wrap: wrap; align-items: center; gap: 2px 8px;
  font-family: var(--jp-ui-font-family, sans-serif); font-size: var(--jp-widgets-font-size, 13px);
  color: var(--jp-widgets-label-color, var(--jp-ui-font-color1, #000)); }
.ec-slider label { display: inline-flex; align-items: center; gap: 8px; }
.ec-slider .ec-description { white-space: nowrap; }
.ec-slider input[type=range] { width: 180px; margin: 0; accent-color: #0072B2; }
.ec-slider .ec-readout { min-width: 3.5em; font-variant-numeric: tabular-nums; }
"""


class _AccessibleSlider:
    """A slider's view: a native range input named by its visible label, announcing the value as the
    readout shows it (a sample size as n itself), followed by that readout. Keyboard: arrow keys,
    Page Up/Down, Home/End. The model is ipywidgets' (same traits and checks); only the view differs."""

    _esm = _SLIDER_ESM
    _css = _SLIDER_CSS

    def __init__(self, *args, **kwargs):
        kwargs.pop("style", None)  # the view sets its own (description width)
        super().__init__(*args, **kwargs)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(value={self.value!r}, description={self.description!r})"


class Slider(_AccessibleSlider, anywidget.AnyWidget, W.FloatSlider):
    """``ipywidgets.FloatSlider`` with an accessible view (same arguments)."""


class IntSlider(_AccessibleSlider, anywidget.AnyWidget, W.IntSlider):
    """``ipywidgets.IntSlider`` with an accessible view (same arguments)."""


class LogSlider(_AccessibleSlider, anywidget.AnyWidget, W.FloatLogSlider):
    """``ipywidgets.FloatLogSlider`` with an accessible view (same arguments): it announces the value, never
    the exponent, and with a readout of whole numbers it sends whole numbers."""


class RangeSlider(_AccessibleSlider, anywidget.AnyWidget, W.FloatRangeSlider):
    """``ipywidgets.FloatRangeSlider`` with an accessible view: two named sliders (low end, high end)."""


_FIGURE_ESM = r"""
function render({ model, el }) {
  el.classList.add('ec-figure');
  const img = document.createElement('img');
  img.style.cssText = 'display:block;width:100%;height:auto';
  el.append(img);
  let url = null;
  const size = () => {
    img.style.minWidth = model.get('min_width');
    img.style.maxWidth = model.get('max_width');
  };
  const alt = () => { img.alt = model.get('alt'); };
  const picture = () => {
    const data = model.get('value');
    alt();
    if (!data || !data.byteLength) { img.removeAttribute('src'); return; }
    const next = URL.createObjectURL(new Blob([data], { type: `image/${model.get('format') || 'png'}` }));
    img.src = next;
    if (url) URL.revokeObjectURL(url);
    url = next;
  };
  // On a narrow screen the figure keeps its minimum width and this box scrolls sideways; it can
  // then take the keyboard focus (so the arrow keys scroll it) and says what it is.
  const scrollable = () => {
    if (el.scrollWidth > el.clientWidth + 1) {
      el.tabIndex = 0;
      el.setAttribute('role', 'group');
      el.setAttribute('aria-label', 'Figure, scroll sideways to see all of it');
    } else {
      el.removeAttribute('tabindex');
      el.removeAttribute('role');
      el.removeAttribute('aria-label');
    }
  };
  // Arrow keys scroll the focused box (JupyterLab's notebook would otherwise take them).
  el.addEventListener('keydown', event => { if (el.tabIndex === 0) event.stopPropagation(); });
  const observer = new ResizeObserver(scrollable);
  observer.observe(el);
  img.addEventListener('load', scrollable);
  model.on('change:value', picture);
  model.on('change:alt', alt);
  model.on('change:min_width', size);
  model.on('change:max_width', size);
  size();
  picture();
  return () => {
    observer.disconnect();
    model.off('change:value', picture);
    model.off('change:alt', alt);
    model.off('change:min_width', size);
    model.off('change:max_width', size);
    if (url) URL.revokeObjectURL(url);
  };
}
export default { render };
"""


class Figure(anywidget.AnyWidget):
    """A PNG image with alt text (ipywidgets' Image has none). ``value`` is the PNG's bytes and ``alt``
    its text alternative, changed together (``hold_sync``). It keeps at least ``min_width`` and scrolls
    sideways in a narrow notebook, so that its text stays legible."""

    _esm = _FIGURE_ESM
    _css = ".ec-figure { overflow-x: auto; overflow-y: hidden; }"
    value = traitlets.Bytes(b"").tag(sync=True)
    format = traitlets.Unicode("png").tag(sync=True)
    alt = traitlets.Unicode("").tag(sync=True)
    min_width = traitlets.Unicode("560px").tag(sync=True)
    max_width = traitlets.Unicode("640px").tag(sync=True)

    def __repr__(self) -> str:
        return f"Figure(alt={self.alt!r})"


_LIVE_ESM = r"""
function render({ model, el }) {
  // One region for the widget's whole life, so that a screen reader announces each new text in it
  // (politely: after what it is reading). Only its content is replaced.
  const region = document.createElement('div');
  region.className = 'ec-live';
  region.setAttribute('role', 'status');
  region.setAttribute('aria-live', 'polite');
  region.setAttribute('aria-atomic', 'true');
  el.append(region);
  const sync = () => { region.innerHTML = model.get('value'); };
  model.on('change:value', sync);
  sync();
  return () => model.off('change:value', sync);
}
export default { render };
"""


class LiveText(anywidget.AnyWidget):
    """HTML shown in a persistent polite live region (``value``, as for an HTML widget): what changes is
    announced by screen readers without moving their focus."""

    _esm = _LIVE_ESM
    _css = ".ec-live p { margin: 0.4em 0; }"
    value = traitlets.Unicode("").tag(sync=True)

    def __repr__(self) -> str:
        return f"LiveText(value={self.value!r})"


# =========================================================================== plain checks
def _points(value: float) -> str:
    """'1 point', '0.5 points', '3 points': percentage points, in words that agree with the number."""
    return f"{value:g} point" if value == 1 else f"{value:g} points"


def _is_blank(value) -> bool:
    """None, pandas' NA, NaN or NaT: a cell with nothing in it."""
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    try:
        return bool(np.ndim(value) == 0 and pd.isna(value))
    except (TypeError, ValueError):
        return False


def _as_text(x) -> str:
    """A number or value as a learner would recognise it in a message (never a type name)."""
    if _is_blank(x):
        return "a blank"
    if isinstance(x, str):
        return f"the text {x!r}"
    if isinstance(x, bool):
        return f"{x} (a yes/no value)"
    if isinstance(x, numbers.Real):
        try:
            f = float(x)
        except OverflowError:
            return "a number too large to use"
        if math.isinf(f):
            return "infinity" if f > 0 else "minus infinity"
        if f == round(f) and abs(f) < 1e15:
            return f"{int(round(f)):,}"
        return f"{f:,.6g}"
    if isinstance(x, (list, tuple, np.ndarray, pd.Series)):
        return "a list of values"
    if isinstance(x, dict):
        return "a dictionary"
    return "something that is not a number"


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _number(value, what: str, *, whole: bool = False, low=None, high=None, low_open: bool = False,
            high_open: bool = False, step=None, origin: float = 0.0, advice: str = ""):
    """``value`` as a number inside the allowed range, or a ValueError with one plain sentence.

    ``what`` names the quantity in words ("the sample size n"). ``whole`` asks for a whole
    number (returned as an int). ``step`` asks for a value on a slider's grid (``origin`` +
    a whole number of steps). ``advice`` is added to the range message.
    """
    if _is_blank(value):
        raise ValueError(f"{_cap(what)} is blank: give a number.")
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        hint = " (write it without quotes)" if isinstance(value, str) else ""
        raise ValueError(f"{_cap(what)} must be a number; got {_as_text(value)}{hint}.")
    try:
        x = float(value)
    except OverflowError:
        x = math.inf if value > 0 else -math.inf
    if not math.isfinite(x):
        raise ValueError(f"{_cap(what)} must be a finite number; got {_as_text(x)}.")
    if whole and x != round(x):
        raise ValueError(f"{_cap(what)} must be a whole number; got {_as_text(x)}.")
    too_low = low is not None and (x <= low if low_open else x < low)
    too_high = high is not None and (x >= high if high_open else x > high)
    if too_low or too_high:
        if low is not None and high is not None:
            excluded = [_as_text(b) for b, is_open in ((low, low_open), (high, high_open)) if is_open]
            rule = f"between {_as_text(low)} and {_as_text(high)}" + (
                f" (not exactly {' or '.join(excluded)})" if excluded else "")
        elif low is not None:
            rule = f"greater than {_as_text(low)}" if low_open else f"at least {_as_text(low)}"
        else:
            rule = f"less than {_as_text(high)}" if high_open else f"at most {_as_text(high)}"
        kind = "a whole number " if whole else ""
        raise ValueError(f"{_cap(what)} must be {kind}{rule}; got {_as_text(x)}.{(' ' + advice) if advice else ''}")
    if step is not None:
        k = (x - origin) / step
        if abs(k - round(k)) > 1e-6:
            near = origin + round(k) * step
            raise ValueError(f"{_cap(what)} moves in steps of {step:g}: give a value such as {near:.10g}; "
                             f"got {_as_text(x)}.")
        x = float(round(origin + round(k) * step, 10))
    return int(round(x)) if whole else x


def _text(value, what: str) -> str:
    if _is_blank(value) or not isinstance(value, str):
        raise ValueError(f"{_cap(what)} must be text; got {_as_text(value)}.")
    return value


def _equal(a, b) -> bool:
    if isinstance(a, bool) != isinstance(b, bool):
        return False
    try:
        return bool(a == b)
    except (TypeError, ValueError):
        return False


def _option_values(control) -> list:
    return [o[1] if isinstance(o, tuple) and len(o) == 2 else o for o in control.options]


def _option_rule(control, what: str):
    """The check for a menu: the value must be one of its options (returned as the option itself)."""
    def check(value):
        if not _is_blank(value):
            for option in _option_values(control):
                if _equal(option, value):
                    return option
        shown = [repr(o) if isinstance(o, str) else _as_text(o) for o in _option_values(control)]
        listed = ", ".join(shown[:8]) + (f" … ({len(shown)} in all)" if len(shown) > 8 else "")
        raise ValueError(f"{_cap(what)} must be one of {listed}; got {_as_text(value)}.")
    return check


def _typed(control) -> bool:
    """A box the learner types into (its value reaches the explorer unchecked)."""
    return isinstance(control, (W.FloatText, W.IntText))


def _fit(control, value) -> None:
    """Widen a slider so that it can hold ``value`` exactly (never the other way round)."""
    if isinstance(control, W.FloatLogSlider):
        exponent = math.log10(value)
        if exponent > control.max:
            control.max = float(math.ceil(exponent))
        if exponent < control.min:
            control.min = float(math.floor(exponent))
    elif isinstance(control, W.IntSlider):
        if value > control.max:
            control.max = int(value)
        if value < control.min:
            control.min = int(value)


def _log_top(top: float) -> float:
    """The exponent whose power of ten is at least ``top`` (log10 alone can fall a hair short)."""
    e = math.log10(top)
    while 10**e < top:
        e = math.nextafter(e, math.inf)
    return e


def _n_slider(description: str, value: float, top=None) -> LogSlider:
    """A sample-size slider on a log scale from 1 to ``top`` (or a power of ten at least 100,000).

    It has no step, so any whole number in its range sits exactly on it; the explorers round
    what a learner drags to whole people, which is also what the readout shows.
    """
    hi = _log_top(top) if top is not None else float(max(5, math.ceil(math.log10(max(value, 1)))))
    return LogSlider(value=value, base=10, min=0, max=hi, step=None, description=description,
                     readout_format=",.0f", continuous_update=False)


def _pct_slider(description: str, value: float, low: float = 0.0, high: float = 100.0) -> Slider:
    """A percentage slider in steps of 0.1 points (so 0.2% is a position on it)."""
    return Slider(value=value, min=low, max=high, step=0.1, description=description, continuous_update=False)


def _n_rule(what: str, top=MAX_N, top_reason: str = ""):
    def check(value):
        return _number(value, what, whole=True, low=1, high=top, advice=top_reason)
    return check


def _pct_rule(what: str, low: float = 0.0, high: float = 100.0, low_open=False, high_open=False,
              step=None, advice: str = ""):
    def check(value):
        return _number(value, what, low=low, high=high, low_open=low_open, high_open=high_open, step=step,
                       origin=0.0, advice=advice)
    return check


def _design_effect_slider(value: float) -> Slider:
    return Slider(value=value, min=0.1, max=10.0, step=0.1, description="Design effect", continuous_update=False)


def _design_effect_rule(value):
    return _number(value, "the design effect", low=0.1, high=10, step=0.1,
                   advice="(1 is a simple random sample; clustered surveys are often 1.5 to 3.)")


def _method_dropdown(value="wilson") -> W.Dropdown:
    return W.Dropdown(options=METHOD_OPTIONS, value=value, description="Interval", style=_STYLE)


def _confidence_dropdown(value=0.95) -> W.Dropdown:
    return W.Dropdown(options=CONFIDENCE_OPTIONS, value=value, description="Confidence", style=_STYLE,
                      layout=W.Layout(width="160px"))


def _p_text(p: float) -> str:
    """A p-value as printed in the course: never "p = 0.000"."""
    return "p < 0.001" if p < 0.001 else f"p = {p:.3f}"


def _require_columns(frame, columns, what):
    if not isinstance(frame, pd.DataFrame):
        raise ValueError(f"{what} must be a pandas DataFrame (a table); got {_as_text(frame)}.")
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ValueError(f"{what} needs the columns {', '.join(columns)}; missing {', '.join(missing)}.")
    if frame.empty:
        raise ValueError(f"{what} has no rows.")


def _row_name(label) -> str:
    return repr(label) if isinstance(label, str) else _as_text(label)


def _labels(values, what: str) -> list:
    """Row labels (years as printed, survey names): present, not fractional numbers, each once."""
    out = []
    for label in values:
        if _is_blank(label):
            raise ValueError(f"{what} has a row with a blank label: give every row a label.")
        if isinstance(label, numbers.Real) and not isinstance(label, bool):
            if not math.isfinite(float(label)) or float(label) != round(float(label)):
                raise ValueError(f"{what} has the label {float(label)!r}: labels name years or periods as "
                                 "printed (e.g. '2004/05' or 2012), not fractions.")
        out.append(label)
    seen = set()
    for label in out:
        key = (type(label).__name__, label) if isinstance(label, str) else ("number", float(label)) \
            if isinstance(label, numbers.Real) else (type(label).__name__, str(label))
        if key in seen:
            raise ValueError(f"{what} has the label {_row_name(label)} more than once: give each row once.")
        seen.add(key)
    return out


def _counts(values, what: str, labels, *, blank_ok: bool = True) -> list:
    """Whole counts at least 0, or None for a blank cell (blank is not zero)."""
    out = []
    for label, value in zip(labels, values):
        if _is_blank(value):
            if not blank_ok:
                raise ValueError(f"{what}: the count for {_row_name(label)} is blank.")
            out.append(None)
            continue
        out.append(_number(value, f"the count for {_row_name(label)} in {what}", whole=True, low=0, high=MAX_N))
    return out


class Explorer(W.VBox):
    """Controls + figure + sentence. Subclasses define ``compute``, ``draw`` and ``describe``.

    A subclass sets ``self.rules`` (control name -> check returning the accepted value or raising
    ValueError) before calling ``__init__``; menus are checked against their options by default.
    """

    title = "Explorer"
    #: How many sentences of the summary the figure's alt text repeats (its key numbers).
    alt_sentences = 1

    def __init__(self, controls: dict, *, figsize=FIGSIZE):
        self.controls = controls
        rules = dict(getattr(self, "rules", {}) or {})
        for name, control in controls.items():
            if name not in rules and hasattr(control, "options"):
                rules[name] = _option_rule(control, name.replace("_", " "))
        self.rules = rules
        self.figure = new_figure(figsize)
        self._canvas = FigureCanvasAgg(self.figure)
        self._backgrounds = {}  # background key -> saved pixels, oldest first
        self._laid_out = False
        width = int(round(figsize[0] * 100))  # pixels at the course's 100 dpi
        # At least 560 px (the text stays 12 px or more), scrolling sideways where the notebook is narrower.
        self.image = Figure(min_width=f"{min(width, MIN_FIGURE_WIDTH)}px", max_width=f"{width}px",
                            layout=W.Layout(width="100%"))
        self.message = W.HTML()
        self.summary = LiveText()  # the sentence of numbers, announced politely when it changes
        self.result = None
        self.text = ""
        header = W.HTML(f'<h3 class="ec-explorer-title" style="margin:0.6em 0 0.3em;font-size:1.15em">'
                        f"{html.escape(self.title)}</h3>")
        for control in controls.values():
            control.layout.margin = "2px 16px 2px 0"
        bar = W.Box(list(controls.values()), layout=W.Layout(flex_flow="row wrap"))
        super().__init__([header, bar, self.message, self.image, self.summary])
        for control in controls.values():
            control.observe(self._changed, names="value")
        if self.update() is None:  # the starting settings cannot be shown: say why, in the same words
            raise ValueError(self.message_text())

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

    def message_text(self) -> str:
        """The message shown now, as plain text ("" when there is none)."""
        return html.unescape(re.sub(r"<[^>]+>", "", self.message.value))

    def check(self, name: str, value):
        """The value ``name`` would take, or a ValueError in plain words (nothing is changed)."""
        if name not in self.controls:
            raise ValueError(f"{self.title} has no control called {name!r}; it has {', '.join(self.controls)}.")
        rule = self.rules.get(name)
        return value if rule is None else rule(value)

    def set(self, **values):
        """Set several controls at once (one redraw), as a learner would, and return the result.

        Every value is checked first; if any is refused, a ValueError says why and nothing
        changes. Accepted values are applied exactly (a slider is widened if it must be). A
        combination that cannot be shown (e.g. an end year before the start) is applied and
        the explorer shows a message instead of a result (``set`` then returns ``None``).
        """
        unknown = [name for name in values if name not in self.controls]
        if unknown:  # check every name before changing anything
            raise ValueError(f"{self.title} has no control called {unknown[0]!r}; it has {', '.join(self.controls)}.")
        checked = {name: self.check(name, value) for name, value in values.items()}
        with self.hold_trait_notifications():
            for name, value in checked.items():
                control = self.controls[name]
                control.unobserve(self._changed, names="value")
                try:
                    _fit(control, value)
                    control.value = value
                finally:
                    control.observe(self._changed, names="value")
        return self.update()

    def update(self, render: bool = True):
        """Recompute from the controls, redraw, and return the result (``None`` if the input was invalid)."""
        try:
            values = self.values()
            for name, control in self.controls.items():
                if _typed(control):  # typed by a learner: checked here, shown as a message if refused
                    values[name] = self.check(name, values[name])
            with warnings.catch_warnings():  # library warnings are not for learners
                warnings.simplefilter("ignore")
                result = self.compute(**values)
        except ValueError as error:
            self.result, self.text = None, ""
            self.message.value = (
                '<div role="alert" style="color:#8B0000;border-left:4px solid #D55E00;padding:4px 8px">'
                f"{html.escape(str(error))}</div>"
            )
            self.summary.value = ""
            self.image.alt = self.alt_text()
            return None
        self.result = result
        self.text = self.describe(result)
        self.message.value = ""
        self.summary.value = f"<p>{html.escape(self.text)}</p>"
        if render:
            png = self.render_png()
            with self.image.hold_sync():  # the picture and its text alternative arrive together
                self.image.alt = self.alt_text()
                self.image.value = png
        else:
            self.image.alt = self.alt_text()
        return result

    def alt_text(self) -> str:
        """The figure's text alternative: what it shows and its key numbers (the first sentence of the
        numbers below it), or, when the settings cannot be shown, that it still shows the last ones."""
        if self.result is None:
            return (f"Chart: {self.title}, still showing the last settings that could be shown; "
                    "the message above it says why these cannot.")
        title = self.title if self.title.endswith((".", "?", "!")) else f"{self.title}."
        return f"Chart: {title} {self.key_numbers()} All its numbers are in the sentence below it."

    def key_numbers(self) -> str:
        """The first ``alt_sentences`` sentences of the summary: the numbers the figure shows."""
        return " ".join(_SENTENCE_END.split(self.text.strip(), maxsplit=self.alt_sentences)[:self.alt_sentences])
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
                if len(self._backgrounds) >= _MAX_BACKGROUNDS:  # forget the oldest
                    self._backgrounds.pop(next(iter(self._backgrounds)))
                # Filed by what it shows, with where the axes sit in it: after a layout for another state
                # the axes may have moved, and a cached background puts them back where they belong.
                self._backgrounds[key] = (ax.get_position(), self._canvas.copy_from_bbox(self.figure.bbox))
                for artist in data:
                    artist.set_visible(True)
            else:
                position, pixels = self._backgrounds[key]
                if tuple(ax.get_position().bounds) != tuple(position.bounds):
                    ax.set_position(position)
                self._canvas.restore_region(pixels)
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
        except Exception:  # never let a callback die silently in the browser console
            self.result, self.text, self.summary.value = None, "", ""
            self.image.alt = self.alt_text()
            self.message.value = ('<div role="alert">Something went wrong with these settings, and the explorer '
                                  "cannot show them. Please tell your tutor which settings you chose.</div>")

    def __repr__(self) -> str:  # short and stable: this is what nbval compares for a displayed widget
        return f"<{self.title} (interactive)>"

    def _repr_mimebundle_(self, **kwargs):
        if os.environ.get(STATIC_ENV) != "1":
            self._warm_first_menu()
            return super()._repr_mimebundle_(**kwargs)
        return {"text/plain": repr(self), "text/html": self.static_html()}

    def _warm_first_menu(self) -> None:
        """When the explorer is first shown, draw the background of each choice of its first control if
        that is a short menu (a series, an Act): a learner's first switch to each is then as fast as the
        next. Only the cache changes; the figure shown, its sentence and the result stay as they are."""
        if getattr(self, "_warmed", False):
            return
        self._warmed = True
        name, control = next(iter(self.controls.items()))
        options = _option_values(control) if isinstance(control, W.Dropdown) else []
        if not 1 < len(options) < _MAX_BACKGROUNDS or self.result is None:
            return
        shown, values = self.result, self.values()
        try:
            for option in options:
                if _equal(option, values[name]):
                    continue
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    try:
                        self.result = self.compute(**{**values, name: option})
                    except ValueError:
                        continue
                self.render_png()
        finally:
            self.result = shown

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


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z(])")


def _first_sentence(text: str) -> str:
    """The first sentence of ``text`` (where a full stop is followed by a capital letter)."""
    return _SENTENCE_END.split(text.strip(), maxsplit=1)[0]


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
    """Everything drawn in the background: while it is unchanged the cached image is reused.

    Not the axes' position: that follows from these (through the layout) and is kept with the image.
    """
    def labels(axis):
        return tuple(t.get_text() for t in axis.get_majorticklabels())

    return (ax.get_xlim(), ax.get_ylim(), ax.get_xscale(), ax.get_yscale(),
            tuple(ax.get_xticks()), tuple(ax.get_yticks()), labels(ax.xaxis), labels(ax.yaxis),
            ax.get_xlabel(), ax.get_ylabel(), ax.get_title("left"), ax.get_title(), ax.get_title("right"))




# =========================================================================== proportions
class SurveyIntervalExplorer(Explorer):
    """Intervals around several surveys' percentages, at their printed n and at an n you choose.

    ``population`` (optional): the size of the finite population every sample is drawn from;
    the intervals then use the finite population correction and n cannot exceed it.
    """

    title = "How sample size changes a survey's confidence interval"

    def __init__(self, estimates: pd.DataFrame, n: int = 500, population=None):
        _require_columns(estimates, ["label", "pct", "n"], "estimates")
        labels = _labels(estimates["label"], "estimates")
        self.population = None if population is None else _number(
            population, "the population (the number the samples are drawn from)", whole=True, low=1, high=MAX_N)
        top = MAX_N if self.population is None else self.population
        rows = []
        for label, pct, size in zip(labels, estimates["pct"], estimates["n"]):
            pct = _number(pct, f"the percentage for {_row_name(label)}", low=0, high=100,
                          advice="(A blank cell has no interval: leave that row out.)" if _is_blank(pct) else "")
            size = _number(size, f"the sample size n for {_row_name(label)}", whole=True, low=1, high=top,
                           advice="(A sample cannot be larger than the population it is drawn from.)"
                           if self.population is not None else "")
            rows.append({"label": label, "pct": pct, "n": size})
        self.estimates = pd.DataFrame(rows)
        reason = ("(A sample cannot be larger than the population it is drawn from.)" if self.population is not None
                  else "")
        self.rules = {"n": _n_rule("your sample size n", top, reason), "design_effect": _design_effect_rule}
        n = self.rules["n"](n)
        super().__init__({
            "n": _n_slider("Your sample size n", n, self.population),
            "method": _method_dropdown(),
            "confidence": _confidence_dropdown(),
            "design_effect": _design_effect_slider(1.0),
        })

    def _interval(self, pct, n, method, confidence):
        if self.population is None:
            return S.proportion_ci_pct(pct, n, method, confidence)
        return S.proportion_ci_pct(pct, n, method, confidence, population=self.population)

    def compute(self, n, method, confidence, design_effect):
        n = int(round(n))
        n_eff = int(round(n / design_effect))  # whole people
        if n_eff < 1:
            raise ValueError(f"With a design effect of {design_effect:g}, n = {n:,} is worth less than one "
                             "independent observation: choose a larger n.")
        rows = []
        for r in self.estimates.itertuples():
            printed = self._interval(r.pct, int(r.n), method, confidence)
            chosen = self._interval(r.pct, n_eff, method, confidence)
            rows.append({"label": r.label, "pct": r.pct, "n_printed": int(r.n),
                         "low_printed": printed.low, "high_printed": printed.high,
                         "n": n, "n_effective": n_eff, "low": chosen.low, "high": chosen.high})
        out = pd.DataFrame(rows)
        out.attrs.update(method=method, confidence=confidence, design_effect=design_effect,
                         population=self.population)
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
        finite = (f" (with the finite population correction for a population of {a['population']:,})"
                  if a["population"] is not None else "")
        return (f"With n = {_fmt_int(res['n'].iloc[0])} and a design effect of {a['design_effect']:g} "
                f"(effective n = {res['n_effective'].iloc[0]:,.0f}), the {conf}% {S.METHOD_LABELS[a['method']]} "
                f"intervals{finite} are about ±{half.min():.1f} to ±{half.max():.1f} points. " + "; ".join(parts) + ".")


def survey_interval_explorer(estimates: pd.DataFrame, n: int = 500, population=None) -> SurveyIntervalExplorer:
    """Build the survey interval explorer from a DataFrame with ``label``, ``pct`` and ``n``.

    Give ``population`` when every sample is drawn from one finite population of that size.
    """
    return SurveyIntervalExplorer(estimates, n, population)


class SharesExplorer(Explorer):
    """A breakdown into categories (percentages of one total), each with an interval for a sample of n.

    The ``total`` is the population the shares describe: a random sample of n from it (n at most
    ``total``) has intervals with the finite population correction, and n = ``total`` is a census
    with no sampling error.
    """

    title = "Shares of a total, with intervals for a sample of n"

    def __init__(self, shares: pd.DataFrame, total: int, group_label: str = "group"):
        _require_columns(shares, ["label", "pct"], "shares")
        labels = _labels(shares["label"], "shares")
        self.total = _number(total, "the total (the number the shares are of)", whole=True, low=1, high=MAX_N)
        self.group_label = _text(group_label, "the group label")
        pcts = [_number(p, f"the share for {_row_name(lab)}", low=0, high=100,
                        advice="A share is a percentage of the total.") for lab, p in zip(labels, shares["pct"])]
        frame = pd.DataFrame({"label": labels, "pct": pcts})
        if "group" in shares.columns:
            frame["group"] = [_text(g, f"the group of {_row_name(lab)}") for lab, g in zip(labels, shares["group"])]
        self._check_sum(frame["pct"], "The shares")
        if "group" in frame.columns:
            for name, part in frame.groupby("group", sort=False):
                if part["pct"].sum() > 100 + 1e-9:
                    raise ValueError(f"The shares in the {self.group_label} {name!r} add up to {part['pct'].sum():g}%, "
                                     "more than the whole: check the shares and their groups.")
        self.shares = frame
        self.rules = {"n": _n_rule("the sample size n", self.total,
                                   f"(A sample cannot be larger than the {self.total:,} it is drawn from.)")}
        controls = {
            "n": _n_slider("Sample size n", self.total, self.total),
            "method": _method_dropdown(),
            "confidence": _confidence_dropdown(),
        }
        if "group" in frame.columns:
            controls["view"] = W.ToggleButtons(options=[("Categories", "categories"), (f"By {self.group_label}", "groups")],
                                               value="categories", description="View", style=_STYLE)
        super().__init__(controls)

    @staticmethod
    def _check_sum(pcts, what):
        # Printed shares are rounded, so they may add to a little over 100 (at most half a point each).
        total, slack = float(sum(pcts)), 0.5 * len(pcts)
        if total > 100 + slack + 1e-9:
            raise ValueError(f"{what} add up to {total:g}%, more than 100% (even allowing for rounding): "
                             "shares of one total cannot add up to more than the whole.")

    def compute(self, n, method, confidence, view="categories"):
        n = int(round(n))
        frame = self.shares
        if "group" not in frame.columns:
            frame = frame.assign(group="")
        if view == "groups":
            frame = frame.groupby("group", sort=False, as_index=False)["pct"].sum().assign(label=lambda f: f["group"])
        rows = []
        for r in frame.itertuples():
            pct = min(r.pct, 100.0)  # only a group of rounded shares can pass 100 (see _check_sum)
            ci = S.proportion_ci_pct(pct, n, method, confidence, population=self.total)
            rows.append({"label": r.label, "group": r.group, "pct": r.pct,
                         "count_implied": S.implied_count(pct, n), "low": ci.low, "high": ci.high})
        out = pd.DataFrame(rows)
        out.attrs.update(n=n, method=method, confidence=confidence, view=view, total_pct=float(frame["pct"].sum()),
                         population=self.total, census=n == self.total)
        return out

    def draw(self, ax, res):
        y = np.arange(len(res))
        groups = list(res["group"])
        order = list(dict.fromkeys(groups))  # colour = group, in order of first appearance
        colours = [PALETTE[order.index(g) % len(PALETTE)] for g in groups]
        bars = ax.barh(y, res["pct"], color=colours, alpha=0.85)
        ax.errorbar(res["pct"], y, xerr=[np.maximum(res["pct"] - res["low"], 0), np.maximum(res["high"] - res["pct"], 0)],
                    fmt="none", ecolor="black", capsize=3)
        ax.set_yticks(y, res["label"])
        ax.yaxis.set_inverted(True)
        conf = int(round(res.attrs["confidence"] * 100))
        ax.set_xlabel("% (a census: no sampling error)" if res.attrs["census"] else
                      f"% (bars: as printed; whiskers: {conf}% interval at your n)")
        ax.set_xlim(0, max(100, float(res["high"].max())))
        if res.attrs["view"] == "categories" and len(order) > 1:
            handles = [bars[groups.index(g)] for g in order]
            ax.legend(handles, order, title=self.group_label, fontsize=8, title_fontsize=8, loc="lower right")

    def describe(self, res):
        a = res.attrs
        if a["census"]:
            parts = [f"{lab}: {p:g}% (about {c:,.0f})"
                     for lab, p, c in zip(res["label"], res["pct"], res["count_implied"])]
            return (f"n = {_fmt_int(a['n'])} is all {a['population']:,} (a census), so there is no sampling error: "
                    "the intervals have zero width. " + "; ".join(parts) +
                    f". The printed shares add up to {a['total_pct']:g}%.")
        conf = int(round(a["confidence"] * 100))
        parts = [f"{lab}: {p:g}% ({lo:.1f} to {hi:.1f}; about {c:,.0f})"
                 for lab, p, lo, hi, c in zip(res["label"], res["pct"], res["low"], res["high"], res["count_implied"])]
        return (f"A random sample of n = {_fmt_int(a['n'])} of the {a['population']:,} "
                f"({conf}% {S.METHOD_LABELS[a['method']]} intervals with the finite population correction): "
                + "; ".join(parts) + f". The printed shares add up to {a['total_pct']:g}%.")


def shares_explorer(shares: pd.DataFrame, total: int, group_label: str = "group") -> SharesExplorer:
    """Build the shares explorer from ``label``, ``pct`` (and optional ``group``) columns and the printed total.

    The total is the finite population: n runs from 1 to ``total`` and starts there (a census).
    """
    return SharesExplorer(shares, total, group_label)


_PLANNER_GRID = np.geomspace(10, 1e8, 200)


def _wilson_half_widths(p, n, z):
    """Lower and upper half-widths (p − low, high − p) of the Wilson interval at proportion p, for arrays of n."""
    n = np.asarray(n, dtype=float)
    centre = (p + z**2 / (2 * n)) / (1 + z**2 / n)
    half = z / (1 + z**2 / n) * np.sqrt(p * (1 - p) / n + z**2 / (4 * n**2))
    return p - (centre - half), centre + half - p


class SampleSizePlanner(Explorer):
    """How many people a survey needs to pin a rate down to ± a chosen margin.

    It plans with the Wilson interval (both sides of the interval within the margin) and shows the
    textbook normal-approximation answer beside it, with a warning where that answer is unreliable.
    ``population`` (optional) applies the finite population correction.
    """

    title = "Sample-size planner"

    def __init__(self, pct: float = 0.1, margin_points: float = 0.05, population=None):
        self.population = None if population is None else _number(
            population, "the population (the number the sample is drawn from)", whole=True, low=2, high=MAX_N)
        self.rules = {
            "pct": _pct_rule("the expected percentage", 0, 100, low_open=True, high_open=True,
                             advice="A survey cannot measure the width of an interval around a certainty (0% or 100%)."),
            "margin_points": _pct_rule("the ± margin", 0, 50, low_open=True,
                                       advice="(In percentage points: ±3 points around 30% is 27% to 33%.)"),
            "design_effect": _design_effect_rule,
        }
        pct, margin_points = self.rules["pct"](pct), self.rules["margin_points"](margin_points)
        super().__init__({
            "pct": W.FloatText(value=pct, step=0.1, description="Expected %", style=_STYLE,
                               layout=W.Layout(width="180px")),
            "margin_points": W.FloatText(value=margin_points, step=0.01, description="± margin (points)", style=_STYLE,
                                         layout=W.Layout(width="200px")),
            "confidence": _confidence_dropdown(),
            "design_effect": _design_effect_slider(1.0),
        })

    def compute(self, pct, margin_points, confidence, design_effect):
        p, margin = pct / 100, margin_points / 100
        z = float(_norm.ppf(1 - (1 - confidence) / 2))
        # The normal formula's answer before anything is rounded: refuse a plan no survey could carry out.
        log_n0 = 2 * math.log(z) + math.log(p * (1 - p) * design_effect) - 2 * math.log(margin)
        if not log_n0 < math.log(MAX_N / 10):
            raise ValueError(f"A margin of ±{_points(margin_points)} around {pct:g}% would need more people than "
                             "live on Earth: choose a wider margin.")
        extra = {} if self.population is None else {"population": self.population}
        n_normal = S.sample_size_for_margin(p, margin, confidence, design_effect, method="normal", **extra)
        n_wilson = S.sample_size_for_margin(p, margin, confidence, design_effect, method="wilson", **extra)
        grid = _PLANNER_GRID if self.population is None else _PLANNER_GRID[_PLANNER_GRID <= self.population]
        fpc = 1.0 if self.population is None else np.sqrt((self.population - grid) / (self.population - 1))
        moe = 100 * z * np.sqrt(design_effect * p * (1 - p) / grid) * fpc  # as stats.margin_of_error
        low, high = _wilson_half_widths(p, grid / design_effect, z)
        wilson = 100 * np.maximum(low, high) * fpc
        return {"pct": pct, "margin_points": margin_points, "confidence": confidence,
                "design_effect": design_effect, "population": self.population, "n": n_wilson, "method": "wilson",
                "n_normal": n_normal, "normal_ok": bool(S.normal_approximation_ok(p, n_normal)),
                "grid": grid, "moe": np.array(moe), "moe_wilson": np.array(wilson)}

    def draw(self, ax, r):
        # One curve (the Wilson interval's wider side); the normal formula's answer is a cross on the margin.
        ax.plot(r["grid"], r["moe_wilson"], color=PALETTE[0])
        ax.axhline(r["margin_points"], color=GREY, linestyle="--")
        ax.plot([r["n_normal"]], [r["margin_points"]], "x", color=PALETTE[1], markersize=8)
        ax.plot([r["n"]], [r["margin_points"]], "o", color=PALETTE[5])
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlim(_PLANNER_GRID[0], _PLANNER_GRID[-1])
        ax.set_ylim(1e-3, 100)
        ax.set_xlabel("sample size n (log scale; ● n for Wilson, × n for the normal formula)")
        ax.set_ylabel("± margin, points (log scale;\nline: Wilson, wider side)")

    def describe(self, r):
        conf = int(round(r["confidence"] * 100))
        finite = f", from a population of {r['population']:,}" if r["population"] is not None else ""
        text = (f"To estimate a rate of about {r['pct']:g}% to within ±{_points(r['margin_points'])} with {conf}% "
                f"confidence (design effect {r['design_effect']:g}{finite}), a survey needs n = {r['n']:,} people, "
                f"so that both sides of the Wilson interval are within the margin. The textbook normal formula "
                f"gives n = {r['n_normal']:,}")
        if not r["normal_ok"]:
            text += (f", but it is unreliable here: with n·p = {r['n_normal'] * r['pct'] / 100:.2g} (below 10) too few "
                     "people would have the outcome for the normal approximation, so do not rely on it")
        return text + "."


def sample_size_planner(pct: float = 0.1, margin_points: float = 0.05, population=None) -> SampleSizePlanner:
    """Build the planner with a starting expected percentage and margin (in percentage points).

    Give ``population`` to plan a sample from a finite population of that size.
    """
    return SampleSizePlanner(pct, margin_points, population)


class RepeatedSurveyExplorer(Explorer):
    """Draw many surveys from a known population rate: how much do their estimates vary, and how often
    does each interval method catch the true rate?"""

    title = "Repeated surveys from a known population rate"
    EXPECTED = {"wilson": "it should be close to 95%",
                "clopper-pearson": "it should be at least 95%",
                "normal": "it is often well below 95% when n·p is small"}

    def __init__(self, pct: float = 0.5, n: int = 1257, repeats: int = 1000, seed: int = 2013):
        self.repeats = _number(repeats, "repeats (the number of simulated surveys)", whole=True, low=10, high=100_000)
        self.seed = _number(seed, "the seed", whole=True, low=0, high=2**32 - 1)
        self.rules = {"pct": _pct_rule("the true rate", 0, 100), "n": _n_rule("the sample size n", 10**9)}
        pct, n = self.rules["pct"](pct), self.rules["n"](n)
        super().__init__({
            "pct": W.FloatText(value=pct, step=0.1, description="True rate %", style=_STYLE,
                               layout=W.Layout(width="180px")),
            "n": _n_slider("Sample size n", n),
            "method": _method_dropdown(),
        })

    def compute(self, pct, n, method):
        p = pct / 100
        n = int(round(n))
        est = S.simulate_surveys(p, n, self.repeats, self.seed)
        from statsmodels.stats.proportion import proportion_confint
        lo, hi = proportion_confint(est * n, n, alpha=0.05, method=S.PROPORTION_METHODS[method])
        lo, hi = np.clip(np.nan_to_num(lo, nan=0.0), 0, 1), np.clip(np.nan_to_num(hi, nan=1.0), 0, 1)
        tol = 1e-12  # statsmodels' Wilson limits at k = 0 or k = n are 0 or 1 only up to rounding
        covered = float(np.mean((lo <= p + tol) & (p - tol <= hi)))
        return {"pct": pct, "n": n, "method": method, "estimates_pct": est * 100, "coverage": covered,
                "zero_share": float(np.mean(est == 0)), "sd_points": float(np.std(est * 100)),
                "repeats": self.repeats}

    def draw(self, ax, r):
        # Fixed, rounded axes, so the background (ticks and labels) is reused from one setting to the next.
        top = max(float(r["estimates_pct"].max()), r["pct"]) * 1.1
        upper = next((b for b in (0.5, 1, 2, 5, 10, 20, 50, 100) if top <= b), 100)
        counts, edges = np.histogram(r["estimates_pct"], bins=30, range=(0, upper))
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
                f"{100 * r['coverage']:.1f}% of them ({self.EXPECTED[r['method']]}).")


def repeated_survey_explorer(pct: float = 0.5, n: int = 1257, repeats: int = 1000, seed: int = 2013) -> RepeatedSurveyExplorer:
    """Build the repeated-survey simulation (seeded, so its numbers are the same every run)."""
    return RepeatedSurveyExplorer(pct, n, repeats, seed)


# =========================================================================== counts and rates
def _series(frame, what):
    """``label``/``count`` rows with a count (blank years are left out: blank is not zero)."""
    _require_columns(frame, ["label", "count"], what)
    labels = _labels(frame["label"], what)
    counts = _counts(frame["count"], what, labels)
    out = pd.DataFrame({"label": labels, "count": counts})
    out = out[out["count"].notna()].reset_index(drop=True)
    if out.empty:
        raise ValueError(f"{what} has no non-empty counts.")
    out["count"] = out["count"].astype(int)
    return out


class TrendExplorer(Explorer):
    """Change between two years of a count, with an exact Poisson interval on each year.

    ``series`` has ``label`` (the year as printed) and ``count`` columns, and optionally a
    ``series`` column naming several series (e.g. one per offence), which adds a menu.
    Blank counts stay blank: choosing a year with no value gives a message, not a zero.

    Recorded counts usually vary from year to year far more than Poisson chance alone would
    (overdispersion). So a log-linear Poisson trend is fitted to the whole series shown
    (``stats.poisson_trend``); its dispersion φ (Pearson χ² / df) scales the comparison of the
    two chosen years (quasi-Poisson), and the verdict rests on the scaled comparison.
    """

    title = "Is the change real? Counts over time with Poisson intervals"

    def __init__(self, series: pd.DataFrame, unit: str = "offences"):
        _require_columns(series, ["label", "count"], "series")
        frame = series.copy()
        if "series" not in frame.columns:
            frame["series"] = ""
        names = []
        for name in frame["series"]:
            if _is_blank(name):
                raise ValueError("series has a row with a blank series name: name every row's series.")
            names.append(name)
        frame["series"] = names
        self.labels = _labels(dict.fromkeys(frame["label"]), "series")
        self.unit = _text(unit, "the unit")
        self.tables = {}
        self._dispersions = {}
        for name, part in frame.groupby("series", sort=False):
            where = "series" if name == "" else f"series {name!r}"
            _labels(part["label"], where)  # each year at most once in each series
            counts = dict(zip(part["label"], _counts(part["count"], where, list(part["label"]))))
            values = [counts.get(label) for label in self.labels]
            if all(c is None for c in values):
                raise ValueError(f"{where} has no non-empty counts.")
            cis = [S.poisson_ci(c) if c is not None else None for c in values]
            self.tables[name] = pd.DataFrame({
                "label": self.labels, "count": pd.array(values, dtype="Int64"),
                "low": [c.low if c else np.nan for c in cis], "high": [c.high if c else np.nan for c in cis]})
        names = list(self.tables)
        first = self.tables[names[0]]
        present = list(first.loc[first["count"].notna(), "label"])
        controls = {}
        if len(names) > 1:
            controls["series"] = W.Dropdown(options=names, value=names[0], description="Series", style=_STYLE,
                                            layout=W.Layout(width="420px"))
        start, end = present[0], present[-1]
        controls["start"] = W.Dropdown(options=self.labels, value=start, description="From", style=_STYLE,
                                       layout=W.Layout(width="180px"))
        controls["end"] = W.Dropdown(options=self.labels, value=end, description="To", style=_STYLE,
                                     layout=W.Layout(width="180px"))
        super().__init__(controls)

    @property
    def table(self) -> pd.DataFrame:
        """The counts and Poisson intervals of the series shown now."""
        return self.tables[self.values().get("series", next(iter(self.tables)))]

    def dispersion(self, name) -> dict:
        """φ and the trend fit for a series (the years with a value), cached: computed once per series."""
        if name not in self._dispersions:
            t = self.tables[name]
            counts = [int(c) for c in t["count"] if not pd.isna(c)]
            years = [lab for lab, c in zip(t["label"], t["count"]) if not pd.isna(c)]
            # Where each count falls among all the labels: a year with no figure keeps its place, so a series with
            # gaps is fitted on its real spacing, not closed up as if the years were consecutive.
            times = [i for i, c in enumerate(t["count"]) if not pd.isna(c)]
            if len(counts) < 3 or sum(counts) == 0:
                self._dispersions[name] = {"dispersion": None, "df": 0, "years": years}
            else:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    fit = S.poisson_trend(counts, times=times)
                self._dispersions[name] = {"dispersion": float(fit["dispersion"]), "df": int(fit["df"]),
                                           "pearson_chi2": float(fit["pearson_chi2"]), "years": years}
        return self._dispersions[name]

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
                                 " (there is no figure for that year in the data, which is not the same as 0): choose another year.")
        a, b = int(a), int(b)
        if a == 0:
            raise ValueError(f"The count in {start} is 0, so a percentage change from it is undefined: choose another start year.")
        fit = self.dispersion(name)
        phi = fit["dispersion"]
        poisson = S.compare_counts(a, b)
        scaled = S.compare_counts(a, b, dispersion=phi) if phi is not None and phi > 1 else None
        chosen = scaled if scaled is not None else poisson
        return {"series": name, "start": start, "end": end, "first": a, "last": b, "years": j - i,
                "percent_change": S.percent_change(a, b), "annual_change": S.compound_annual_change(a, b, j - i),
                "ratio": poisson["ratio"], "p_value": poisson["p_value"], "z": poisson.get("z"),
                "dispersion": phi, "dispersion_df": fit["df"], "dispersion_years": fit["years"],
                "ratio_quasi": None if scaled is None else scaled["ratio"],
                "p_value_quasi": None if scaled is None else scaled["p_value"],
                "z_quasi": None if scaled is None else scaled.get("z"),
                "p_value_verdict": chosen["p_value"], "verdict_method": "quasi-Poisson" if scaled else "Poisson",
                "table": t}

    def draw(self, ax, r):
        t = r["table"]
        x = np.arange(len(t))
        ok = t["count"].notna().to_numpy()
        counts = t["count"].to_numpy(dtype=float, na_value=np.nan)
        ax.errorbar(x[ok], counts[ok], yerr=[counts[ok] - t["low"].to_numpy()[ok], t["high"].to_numpy()[ok] - counts[ok]],
                    fmt="o-", color=PALETTE[0], capsize=3)
        idx = [self.labels.index(r["start"]), self.labels.index(r["end"])]
        ax.plot(idx, counts[idx], "D", color=PALETTE[5], markersize=9, label="compared")
        ax.set_xticks(x, [str(lab) for lab in t["label"]], rotation=45, ha="right")
        ax.set_ylabel(f"{self.unit}\n(95% Poisson interval)")
        ax.yaxis.set_major_formatter(_THOUSANDS)
        ax.set_ylim(bottom=0)
        ax.legend(fontsize=8)

    def describe(self, r):
        where = f"{r['series']}: " if r["series"] else ""
        yearly = (f" ({r['annual_change']:+.1f}% a year on average over {r['years']} years)" if r["years"] > 1 else "")
        ratio = r["ratio"]
        z = f"z = {r['z']:.2f}, " if r["z"] is not None else ""
        text = (f"{where}From {r['start']} ({r['first']:,}) to {r['end']} ({r['last']:,}): a change of "
                f"{r['percent_change']:+.1f}%{yearly}. Treating each year's count as Poisson, the ratio "
                f"{ratio.estimate:.2f} has a 95% interval of {ratio.low:.2f} to {ratio.high:.2f} "
                f"({z}{_p_text(r['p_value'])}).")
        phi, years = r["dispersion"], r["dispersion_years"]
        span = f"{years[0]} to {years[-1]}" if years else ""
        if phi is None:
            text += (" The series has too few years to estimate how much the counts vary beyond Poisson chance, so "
                     "only the Poisson comparison can be made.")
        elif phi > 1:
            q = r["ratio_quasi"]
            zq = f"z = {r['z_quasi']:.2f}, " if r["z_quasi"] is not None else ""
            text += (f" But around a trend the counts vary about {phi:.1f} times as much as Poisson chance would "
                     f"(dispersion φ = {phi:.2f}, {span}). Scaled for this overdispersion (quasi-Poisson), the "
                     f"interval is {q.low:.2f} to {q.high:.2f} ({zq}{_p_text(r['p_value_quasi'])}).")
        else:
            text += (f" Around a trend the counts vary no more than Poisson chance would (dispersion φ = {phi:.2f}, "
                     f"{span}), so the Poisson comparison is adequate.")
        verdict = ("larger than year-to-year chance variation alone would usually produce"
                   if r["p_value_verdict"] < 0.05 else "within what chance variation alone could produce")
        basis = "On the scaled comparison" if r["verdict_method"] == "quasi-Poisson" else "On this comparison"
        return (text + f" {basis}, the change is {verdict}. Chance is not the only explanation for a change in "
                "recorded numbers: recording practice and reporting change too.")


def trend_explorer(series: pd.DataFrame, unit: str = "offences") -> TrendExplorer:
    """Build the trend explorer from ``label`` (year as printed) and ``count`` columns (and optional ``series``)."""
    return TrendExplorer(series, unit)


class RateExplorer(Explorer):
    """A count per 100,000 people, with a population the learner sets."""

    title = "Rate per 100,000 people"

    def __init__(self, series: pd.DataFrame, population: int, unit: str = "offences"):
        self.series = _series(series, "series")
        self.unit = _text(unit, "the unit")
        self.rules = {"population": lambda value: _number(value, "the population", whole=True, low=1,
                                                          high=MAX_POPULATION)}
        population = self.rules["population"](population)
        super().__init__({
            "population": W.IntText(value=population, description="Population", style=_STYLE,
                                    layout=W.Layout(width="240px")),
            "label": W.Dropdown(options=list(self.series["label"]), value=self.series["label"].iloc[-1],
                                description="Year", style=_STYLE, layout=W.Layout(width="180px")),
        })
        self.rules["label"] = _option_rule(self.controls["label"], "the year")

    def compute(self, population, label):
        pop = int(population)
        rows = []
        for r in self.series.itertuples():
            ci = S.poisson_ci(r.count)
            rows.append({"label": r.label, "count": r.count, "rate": S.rate_per_100k(r.count, pop),
                         "low": S.rate_per_100k(ci.low, pop), "high": S.rate_per_100k(min(ci.high, pop), pop)})
        table = pd.DataFrame(rows)
        return {"population": pop, "label": label, "table": table,
                "row": table[[_equal(x, label) for x in table["label"]]].iloc[0]}

    def draw(self, ax, r):
        t = r["table"]
        x = np.arange(len(t))
        colours = [PALETTE[5] if _equal(lab, r["label"]) else PALETTE[0] for lab in t["label"]]
        ax.bar(x, t["rate"], color=colours, alpha=0.85)
        ax.errorbar(x, t["rate"], yerr=[t["rate"] - t["low"], t["high"] - t["rate"]], fmt="none", ecolor="black",
                    capsize=2)
        ax.set_xticks(x, [str(lab) for lab in t["label"]], rotation=45, ha="right")
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
    """How many offences a recorded count implies if only some are ever reported and recorded.

    The rates move in steps of 0.1 points from 0.1% to 100%.
    """

    title = "The dark figure: recorded count and an assumed reporting rate"
    alt_sentences = 2  # the total at the chosen rate, then the range of totals
    _ZERO = ("A reporting rate of 0% would mean no offence is ever recorded, so a recorded count could not exist: "
             "choose a rate of at least 0.1%.")

    def __init__(self, recorded: int, label: str = "recorded offences", rate_pct: float = 20.0,
                 range_pct: tuple = (10.0, 50.0)):
        self.recorded = _number(recorded, "the recorded count", whole=True, low=0, high=MAX_N)
        self.label = _text(label, "the label")
        self.rules = {"rate_pct": self._rate, "range_pct": self._range}
        rate_pct, range_pct = self._rate(rate_pct), self._range(range_pct)
        super().__init__({
            "rate_pct": _pct_slider("Reporting rate %", rate_pct, 0.1, 100),
            "range_pct": RangeSlider(value=range_pct, min=0.1, max=100, step=0.1, description="Plausible range %",
                                     continuous_update=False),
        })

    def _rate(self, value, what="the reporting rate"):
        x = _number(value, what, low=0, high=100, step=0.1)
        if x == 0:
            raise ValueError(self._ZERO)
        return x

    def _range(self, value):
        if isinstance(value, (str, bytes)) or not hasattr(value, "__len__") or len(value) != 2:
            raise ValueError(f"The plausible range must be two percentages, low and high, e.g. (10, 50); "
                             f"got {_as_text(value)}.")
        lo, hi = (self._rate(x, "each end of the plausible range") for x in value)
        if lo > hi:
            raise ValueError(f"The plausible range runs from low to high: give ({hi:g}, {lo:g}), "
                             f"not ({lo:g}, {hi:g}).")
        return (lo, hi)

    def compute(self, rate_pct, range_pct):
        lo, hi = range_pct
        return S.dark_figure(self.recorded, rate_pct / 100, lo / 100, hi / 100) | {"range_pct": (lo, hi),
                                                                                   "rate_pct": rate_pct}

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
        return (f"If {r['rate_pct']:g}% of offences are recorded, {r['recorded']:,} {self.label} imply about "
                f"{r['implied']:,.0f} in all ({r['unrecorded']:,.0f} unrecorded). With a reporting rate anywhere "
                f"from {a:g}% to {b:g}%, the total could be {lo:,.0f} to {hi:,.0f}. The chapter says the scale of "
                "under-reporting is not known: the rate is an assumption, and the answer is only as good as it.")


def dark_figure_explorer(recorded: int, label: str = "recorded offences", rate_pct: float = 20.0,
                         range_pct: tuple = (10.0, 50.0)) -> DarkFigureExplorer:
    """Build the dark-figure explorer for a recorded count (rates in steps of 0.1 points, 0.1% to 100%)."""
    return DarkFigureExplorer(recorded, label, rate_pct, range_pct)


# =========================================================================== comparisons and models
class TwoProportionsExplorer(Explorer):
    """Two groups' percentages: the difference with its interval, and the sample needed to detect it."""

    title = "Comparing two percentages: difference, interval and sample size"

    def __init__(self, pct1: float, pct2: float, n: int = 500, labels: tuple = ("group 1", "group 2"), n2=None):
        if isinstance(labels, str) or not hasattr(labels, "__len__") or len(labels) != 2:
            raise ValueError("labels must name exactly two groups, e.g. ('aged 15-16', 'aged 11-12').")
        self.labels = tuple(str(label) for label in labels)
        self.rules = {
            "pct1": _pct_rule(f"the percentage for {self.labels[0]}"),
            "pct2": _pct_rule(f"the percentage for {self.labels[1]}"),
            "n": _n_rule("n per group" if n2 is None else f"n ({self.labels[0]})"),
            "n2": _n_rule(f"n ({self.labels[1]})"),
        }
        pct1, pct2, n = self.rules["pct1"](pct1), self.rules["pct2"](pct2), self.rules["n"](n)
        controls = {
            "pct1": W.FloatText(value=pct1, step=0.5, description=f"{self.labels[0]} %", style=_STYLE,
                                layout=W.Layout(width="220px")),
            "pct2": W.FloatText(value=pct2, step=0.5, description=f"{self.labels[1]} %", style=_STYLE,
                                layout=W.Layout(width="220px")),
            "n": _n_slider("n per group" if n2 is None else f"n ({self.labels[0]})", n),
            "power": W.Dropdown(options=[("80%", 0.8), ("90%", 0.9)], value=0.8, description="Power",
                                style=_STYLE, layout=W.Layout(width="150px")),
        }
        if n2 is not None:  # groups of different sizes, e.g. 120 still and 113 moving images
            controls["n2"] = _n_slider(f"n ({self.labels[1]})", self.rules["n2"](n2))
        else:
            del self.rules["n2"]
        super().__init__(controls)

    def compute(self, pct1, pct2, n, power, n2=None):
        p1, p2 = pct1 / 100, pct2 / 100
        n = int(round(n))
        m = n if n2 is None else int(round(n2))
        diff = S.diff_proportions(p1 * n, n, p2 * m, m).scaled(100)
        one = S.proportion_ci(p1 * n, n).scaled(100)
        two = S.proportion_ci(p2 * m, m).scaled(100)
        needed = None
        if p1 != p2:
            try:
                needed = S.sample_size_two_proportions(p1, p2, power=power)
            except ValueError:  # a difference too small for any survey to detect
                needed = math.inf
        return {"pct1": pct1, "pct2": pct2, "n": n, "n2": m, "power": power, "diff": diff,
                "ci1": one, "ci2": two, "n_needed": needed, "excludes_zero": diff.low > 0 or diff.high < 0}

    def draw(self, ax, r):
        ys = [2, 1, 0]
        values = [r["ci1"], r["ci2"], r["diff"]]
        names = [self.labels[0], self.labels[1], "difference"]
        for y, ci, colour in zip(ys, values, [PALETTE[0], PALETTE[1], PALETTE[2]]):
            ax.errorbar([ci.estimate], [y], xerr=[[max(ci.estimate - ci.low, 0)], [max(ci.high - ci.estimate, 0)]],
                        fmt="o", color=colour, capsize=4)
        ax.axvline(0, color=GREY, linewidth=1)
        ax.set_yticks(ys, names)
        ax.set_ylim(-0.6, 2.6)
        ax.set_xlim(min(-5, r["diff"].low - 2), 100)
        ax.set_xlabel("% or difference in percentage points (95% intervals)")

    def describe(self, r):
        d = r["diff"]
        if r["n_needed"] is None:
            needed = "The two percentages are equal: there is no difference to detect."
        elif math.isinf(r["n_needed"]):
            needed = "The two percentages are so close that no survey could be large enough to detect the difference."
        else:
            miss = 100 - round(100 * r["power"])
            needed = (f"To detect this difference with {r['power']:.0%} power at the 5% level you would need about "
                      f"{r['n_needed']:,} in each group; even then about {miss} studies in 100 of that size would "
                      "miss it (power is a long-run rate, not a guarantee).")
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
    """How much a small sample's group shares vary by chance, given assumed true shares.

    The results do not depend on the order of the groups: the simulation runs on the groups in a
    fixed order (by assumed share, then label) and is reported in the order given. A sample in which
    two or more groups share the largest count is a tie, counted apart from a strict win by a group
    other than the truly largest.
    """

    title = "Chance in a small sample: how group shares vary"

    def __init__(self, labels, n: int = 33, assumed_pct=None, repeats: int = 2000, seed: int = 2012):
        if isinstance(labels, str) or not hasattr(labels, "__iter__"):
            raise ValueError(f"labels must be a list of group names; got {_as_text(labels)}.")
        self.labels = [_text(label, "each group label") for label in labels]
        if not 2 <= len(self.labels) <= 6:
            raise ValueError("give between 2 and 6 group labels.")
        if len(set(self.labels)) != len(self.labels):
            raise ValueError("each group label must be different: the same label appears twice.")
        if assumed_pct is None:
            assumed_pct = [round(100 / len(self.labels), 1)] * len(self.labels)
        if isinstance(assumed_pct, str) or not hasattr(assumed_pct, "__len__") or len(assumed_pct) != len(self.labels):
            raise ValueError("give one assumed share per group.")
        self.repeats = _number(repeats, "repeats (the number of simulated samples)", whole=True, low=10, high=100_000)
        self.seed = _number(seed, "the seed", whole=True, low=0, high=2**32 - 1)
        self.rules = {"n": _n_rule("the sample size n", 10**9)}
        for i, label in enumerate(self.labels):
            self.rules[f"share{i}"] = _pct_rule(f"the share for {label}")
        n = self.rules["n"](n)
        shares = [self.rules[f"share{i}"](p) for i, p in enumerate(assumed_pct)]
        controls = {"n": IntSlider(value=n, min=1, max=max(1000, n), description="Sample size n",
                                   continuous_update=False)}
        for i, (label, pct) in enumerate(zip(self.labels, shares)):
            controls[f"share{i}"] = W.FloatText(value=pct, step=1, description=f"{label} %", style=_STYLE,
                                                layout=W.Layout(width="230px"))
        super().__init__(controls)

    def compute(self, n, **shares):
        pct = np.array([float(shares[f"share{i}"]) for i in range(len(self.labels))])
        if pct.sum() <= 0:
            raise ValueError("At least one group needs a share above 0%.")
        if abs(pct.sum() - 100) > 0.5:
            raise ValueError(f"The assumed shares add up to {pct.sum():g}%; make them add up to 100%.")
        p = pct / pct.sum()
        order = sorted(range(len(p)), key=lambda i: (-p[i], self.labels[i]))  # a fixed order, whatever the input's
        rng = np.random.default_rng(self.seed)
        counts = np.empty((self.repeats, len(p)), dtype=np.int64)
        counts[:, order] = rng.multinomial(n, p[order], size=self.repeats)
        draws = counts / n * 100
        low, high = np.percentile(draws, [2.5, 97.5], axis=0)
        top = counts.max(axis=1, keepdims=True)
        at_top = counts == top
        tie = at_top.sum(axis=1) > 1
        assumed_tie = bool(np.isclose(p, p.max()).sum() > 1)
        biggest = int(np.argmax(p)) if not assumed_tie else None
        if biggest is None:
            wrong = float("nan")
        else:
            wrong = float(np.mean(~tie & ~at_top[:, biggest]))
        table = pd.DataFrame({"label": self.labels, "assumed_pct": pct, "low": low, "high": high})
        return {"n": int(n), "table": table, "repeats": self.repeats, "wrong_largest": wrong,
                "tie_largest": float(np.mean(tie)), "largest": None if biggest is None else self.labels[biggest],
                "ties": assumed_tie}

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
        if r["ties"]:
            order = (" The assumed shares tie for largest, so no group is truly largest; in "
                     f"{100 * r['tie_largest']:.1f}% of samples two or more groups tied for largest.")
        else:
            order = (f" In {100 * r['wrong_largest']:.1f}% of samples a group other than {r['largest']} came out "
                     f"largest outright, and in {100 * r['tie_largest']:.1f}% two or more groups tied for largest.")
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
    only as that offence (the principal-offence rule). The learner sets both shares (steps of 0.1).
    """

    title = "Counting rules: which grooming cases are recorded as grooming?"

    def __init__(self, recorded: int, offline_meeting_pct: float = 50.0, more_serious_pct: float = 20.0,
                 label: str = "grooming offences recorded"):
        self.recorded = _number(recorded, "the recorded count", whole=True, low=1, high=MAX_N)
        self.label = _text(label, "the label")
        self.rules = {"offline_meeting_pct": self._meeting, "more_serious_pct": self._serious}
        offline_meeting_pct, more_serious_pct = self._meeting(offline_meeting_pct), self._serious(more_serious_pct)
        super().__init__({
            "offline_meeting_pct": _pct_slider("% with an offline meeting", offline_meeting_pct, 0.1, 100),
            "more_serious_pct": _pct_slider("% of those recorded as a more serious offence", more_serious_pct, 0, 99.9),
        })

    @staticmethod
    def _meeting(value):
        x = _number(value, "the share with an offline meeting", low=0, high=100, step=0.1)
        if x == 0:
            raise ValueError("If no case had an offline meeting, nothing could be recorded as grooming: "
                             "choose a share of at least 0.1%.")
        return x

    @staticmethod
    def _serious(value):
        x = _number(value, "the share recorded as a more serious offence", low=0, high=100, step=0.1)
        if x == 100:
            raise ValueError("If every case were recorded as a more serious offence, nothing would be recorded "
                             "as grooming: choose a share of at most 99.9%.")
        return x

    def compute(self, offline_meeting_pct, more_serious_pct):
        meet, serious = offline_meeting_pct / 100, more_serious_pct / 100
        visible = meet * (1 - serious)
        total = self.recorded / visible
        parts = {"recorded as grooming": self.recorded,
                 "recorded as a more serious offence": total * meet * serious,
                 "online only: recorded under another offence or not at all": total * (1 - meet)}
        return {"recorded": self.recorded, "meet": meet, "serious": serious, "visible_share": visible,
                "meet_pct": offline_meeting_pct, "serious_pct": more_serious_pct, "total": total, "parts": parts}

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
        return (f"If {r['meet_pct']:g}% of grooming cases involve an offline meeting and {r['serious_pct']:g}% of "
                f"those are recorded only as a more serious offence, then the {r['recorded']:,} {self.label} are "
                f"{100 * r['visible_share']:.1f}% of about {r['total']:,.0f} cases: about "
                f"{p['recorded as a more serious offence']:,.0f} would be counted as the more serious offence and "
                f"{p['online only: recorded under another offence or not at all']:,.0f} could not be recorded as "
                "grooming at all. Both shares are assumptions: the chapter gives neither for police data.")


def counting_rule_explorer(recorded: int, offline_meeting_pct: float = 50.0, more_serious_pct: float = 20.0,
                           label: str = "grooming offences recorded") -> CountingRuleExplorer:
    """Build the counting-rule explorer for a recorded number of grooming offences (shares in steps of 0.1)."""
    return CountingRuleExplorer(recorded, offline_meeting_pct, more_serious_pct, label)


# =========================================================================== courts, volumes and base rates
class AttritionExplorer(Explorer):
    """Individuals proceeded against, found guilty and sentenced, for one group and year."""

    title = "Proceeded against, found guilty, sentenced"
    STAGES = ("proceeded_against", "found_guilty", "sentenced")
    STAGE_LABELS = {"proceeded_against": "proceeded against", "found_guilty": "found guilty", "sentenced": "sentenced"}

    def __init__(self, table: pd.DataFrame, group_column: str = "legislation"):
        group_column = _text(group_column, "group_column")
        _require_columns(table, ["year", "outcome", "count", group_column], "table")
        for column in ("year", "outcome", group_column):
            if any(_is_blank(x) for x in table[column]):
                raise ValueError(f"table has a row with a blank {column}: every row needs one.")
        unknown = set(table["outcome"]) - set(self.STAGES)
        if unknown:
            raise ValueError(f"outcome must be one of {', '.join(self.STAGES)}; found {', '.join(sorted(map(str, unknown)))}.")
        keys = list(zip(table[group_column], table["year"], table["outcome"]))
        seen = set()
        for key in keys:
            if key in seen:
                raise ValueError(f"table has more than one row for {key[0]}, {key[1]}, {self.STAGE_LABELS[key[2]]}: "
                                 "give each count once.")
            seen.add(key)
        counts = [None if _is_blank(c) else
                  _number(c, f"the count for {g}, {y}, {self.STAGE_LABELS[o]}", whole=True, low=0, high=MAX_N)
                  for (g, y, o), c in zip(keys, table["count"])]
        if all(c is None for c in counts):
            raise ValueError("table has no counts: every count is blank.")
        long = pd.DataFrame({"group": [k[0] for k in keys], "year": [k[1] for k in keys],
                             "outcome": [k[2] for k in keys], "count": pd.array(counts, dtype="Int64")})
        self.wide = long.pivot(index=["group", "year"], columns="outcome", values="count").reindex(columns=list(self.STAGES))
        self.group_column = group_column
        self.uncertain = set()
        if "placement" in table.columns:  # Table 3.7 marks cells whose year the source cannot settle
            self.uncertain = set(map(tuple, table.loc[table["placement"] == "uncertain", [group_column, "year"]].to_numpy()))
        groups = list(dict.fromkeys(table[group_column]))
        years = list(dict.fromkeys(table["year"]))
        complete = self.wide.notna().all(axis=1).groupby(level=0).sum()
        best = complete.idxmax()  # start on the group with the most complete years, at its latest one
        start = next(((best, y) for y in reversed(years)
                      if (best, y) in self.wide.index and self.wide.loc[(best, y)].notna().all()), None)
        if start is None:
            raise ValueError("table has no group and year with all three counts (proceeded against, found guilty, "
                             "sentenced), so there is nothing to compare.")
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
        note = (" More people appear at a later stage than an earlier one: each stage is counted separately, in the "
                "year it happened (and usually, by the Ministry of Justice's convention, which the chapter does not "
                "state, on the principal offence at that stage), so the columns are not the same people moving through "
                "a funnel." if r["not_a_funnel"] else "")
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
    alt_sentences = 2  # the naive figure, then the one under the learner's assumptions

    def __init__(self, count: int, weeks: float, unit: str = "images"):
        self.count = _number(count, "the count", whole=True, low=1, high=MAX_N)
        self.weeks = _number(weeks, "the weeks observed", low=0, high=52, low_open=True,
                             advice="(At most one year.)")
        self.unit = _text(unit, "the unit")
        self.rules = {
            "repeat_pct": _pct_rule("the share of repeats", 0, 99.9, step=0.1,
                                    advice="(At 100% nothing seen would be new, yet something was seen.)"),
            "period_factor": lambda value: _number(value, "the period factor", low=0.05, high=10, step=0.05,
                                                   advice="(1 means the observed weeks were an average period.)"),
        }
        super().__init__({
            "repeat_pct": _pct_slider("% that are repeats", 0, 0, 99.9),
            "period_factor": Slider(value=1.0, min=0.05, max=10.0, step=0.05,
                                    description="Observed period vs an average one (×)", readout_format=".2f",
                                    continuous_update=False),
        })

    def compute(self, repeat_pct, period_factor):
        repeats, factor = repeat_pct / 100, period_factor
        scale = 52 / self.weeks
        naive = self.count * scale
        unique_in_period = self.count * (1 - repeats)
        adjusted = unique_in_period * scale / factor
        return {"count": self.count, "weeks": self.weeks, "naive": naive, "repeats": repeats, "repeat_pct": repeat_pct,
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
                f"the same and every item new. If {r['repeat_pct']:g}% are repeats and the observed weeks ran at "
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
        self.attempts = _number(attempts, "the number of attempts", whole=True, low=1, high=MAX_N)
        self.unit = _text(unit, "the unit")
        self.rules = {
            "automated_pct": _pct_rule("the automated share", 0, 99.9, step=0.1,
                                       advice="(If every attempt were automated there would be no people to count.)"),
            "per_person": lambda value: _number(value, "attempts per person", low=1, high=self.attempts,
                                                advice="(Each person makes at least one attempt.)"),
        }
        super().__init__({
            "automated_pct": _pct_slider("% automated (e.g. botnets)", 0, 0, 99.9),
            "per_person": W.FloatText(value=1, step=1, description="Attempts per person", style=_STYLE,
                                      layout=W.Layout(width="220px")),
        })

    def compute(self, automated_pct, per_person):
        auto, each = automated_pct / 100, per_person
        human = self.attempts * (1 - auto)
        return {"attempts": self.attempts, "automated": self.attempts * auto, "automated_pct": automated_pct,
                "human_attempts": human, "per_person": each, "people": human / each}

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
        return (f"{r['attempts']:,} {self.unit}: if {r['automated_pct']:g}% were automated and each person "
                f"made {r['per_person']:g} attempts on average, they came from {people}. "
                "Attempts are not individuals: repeat attempts and automated (botnet) traffic inflate the count.")


def attempts_explorer(attempts: int, unit: str = "blocked attempts in one day") -> AttemptsExplorer:
    """Build the attempts-to-people explorer."""
    return AttemptsExplorer(attempts, unit)


class BaseRateExplorer(Explorer):
    """Positive predictive value in natural frequencies: of the people an indicator flags, how many are
    (say) contact offenders, given how common that is and how good the indicator is.

    The three percentages move in steps of 0.1 points, so base rates below 1% can be shown.
    """

    title = "Base rates: what does a flag mean?"

    def __init__(self, base_rate_pct: float = 20.0, sensitivity_pct: float = 80.0, specificity_pct: float = 80.0,
                 population: int = 1000, condition: str = "also commit contact offences",
                 group: str = "people convicted of IIOC offences"):
        self.population = _number(population, "the population", whole=True, low=10, high=MAX_POPULATION)
        self.condition, self.group = _text(condition, "the condition"), _text(group, "the group")
        self.rules = {
            "base_rate_pct": _pct_rule("the base rate", step=0.1),
            "sensitivity_pct": _pct_rule("the sensitivity", step=0.1),
            "specificity_pct": _pct_rule("the specificity", step=0.1),
        }
        values = [self.rules[k](x) for k, x in zip(self.rules, (base_rate_pct, sensitivity_pct, specificity_pct))]
        super().__init__({
            "base_rate_pct": _pct_slider("Base rate %", values[0]),
            "sensitivity_pct": _pct_slider("Sensitivity %", values[1]),
            "specificity_pct": _pct_slider("Specificity %", values[2]),
        })

    def compute(self, base_rate_pct, sensitivity_pct, specificity_pct):
        b, se, sp = base_rate_pct / 100, sensitivity_pct / 100, specificity_pct / 100
        n = self.population
        with_c = n * b
        tp, fn = with_c * se, with_c * (1 - se)
        fp, tn = (n - with_c) * (1 - sp), (n - with_c) * sp
        flagged = tp + fp
        if flagged == 0:
            raise ValueError("With these settings nobody is flagged, so there is nothing to predict: raise the "
                             "sensitivity, lower the specificity, or raise the base rate.")
        return {"n": n, "base": b, "sens": se, "spec": sp, "base_pct": base_rate_pct, "sens_pct": sensitivity_pct,
                "spec_pct": specificity_pct, "tp": tp, "fn": fn, "fp": fp, "tn": tn,
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
        return (f"Of {r['n']:,} {self.group}, if {r['base_pct']:g}% {self.condition} and the indicator has "
                f"{r['sens_pct']:g}% sensitivity and {r['spec_pct']:g}% specificity: {r['tp'] + r['fp']:,.0f} are "
                f"flagged, of whom {r['tp']:,.0f} {self.condition} and {r['fp']:,.0f} do not, so a flag is right "
                f"{100 * r['ppv']:.1f}% of the time; the indicator misses {r['fn']:,.0f} of those who {self.condition}. "
                "All three percentages are assumptions for exploring the logic, not findings of the chapter.")


def base_rate_explorer(base_rate_pct: float = 20.0, sensitivity_pct: float = 80.0, specificity_pct: float = 80.0,
                       population: int = 1000, condition: str = "also commit contact offences",
                       group: str = "people convicted of IIOC offences") -> BaseRateExplorer:
    """Build the base-rate (positive predictive value) explorer in natural frequencies (steps of 0.1 points)."""
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
