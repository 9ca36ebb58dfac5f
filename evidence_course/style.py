"""One colour-blind-safe look for every figure in the course.

The palette is Okabe and Ito's (2008), distinguishable with the common forms of
colour-vision deficiency; shapes and labels carry meaning too, never colour alone.
"""
from __future__ import annotations

import matplotlib as mpl
from matplotlib.figure import Figure

#: Okabe–Ito colours, in the order plots use them.
PALETTE = [
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#56B4E9",  # sky blue
    "#D55E00",  # vermillion
    "#F0E442",  # yellow (use on dark backgrounds or with outlines only)
    "#000000",  # black
]
GREY = "#7F7F7F"

#: Every figure in the course has this size, so stored outputs stay identical.
FIGSIZE = (6.4, 3.6)
DPI = 100

RC = {
    "figure.figsize": FIGSIZE,
    "figure.dpi": DPI,
    "savefig.dpi": DPI,
    "axes.prop_cycle": mpl.cycler(color=PALETTE),
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "font.size": 10,
    "axes.titlesize": 11,
    "legend.frameon": False,
    "image.cmap": "cividis",
    "svg.hashsalt": "evidence-course",
    # Rendering text is most of the cost of redrawing a widget's figure; unhinted text
    # draws faster with no visible loss at screen resolution.
    "text.hinting": "none",
}


def use_course_style() -> None:
    """Apply the course theme to matplotlib and seaborn, and show wide tables in a scroll box that the
    keyboard can reach (call once at the top of a notebook)."""
    import seaborn as sns

    sns.set_theme(context="notebook", style="whitegrid", palette=PALETTE, rc=RC)
    _register_table_display()


#: A table wider than this (estimated, in pixels) is shown in its own scroll box. At 800 px with JupyterLab's
#: file browser open a notebook's output is about 450 px wide.
WIDE_TABLE_PX = 450


def _estimated_width(frame) -> float:
    """About how wide pandas' HTML table of ``frame`` is drawn: 7 px a character of its widest text line
    (the first 30 rows, as pandas' text view lays it out) plus each column's padding."""
    text = frame.head(30).to_string(line_width=None, max_colwidth=50)
    widest = max((len(line) for line in text.splitlines()), default=0)
    return widest * 7 + (frame.shape[1] + frame.index.nlevels) * 10


def table_html(frame) -> str:
    """pandas' own HTML for a DataFrame; a wide one inside a scroll box that takes the keyboard focus and
    says what it is (otherwise JupyterLab's output area scrolls, and a keyboard cannot reach it)."""
    html = frame._repr_html_()
    if html is None or _estimated_width(frame) <= WIDE_TABLE_PX:
        return html
    rows, columns = frame.shape
    label = (f"Table of {rows:,} row{'s' if rows != 1 else ''} and {columns:,} column{'s' if columns != 1 else ''}; "
             "scroll sideways to see every column")
    return (f'<div class="ec-wide-table" role="region" tabindex="0" aria-label="{label}" '
            f'style="overflow-x:auto;max-width:100%">{html}</div>')


def _register_table_display() -> None:
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython comes with Jupyter
        return
    shell = get_ipython()
    if shell is None:
        return
    import pandas as pd

    shell.display_formatter.formatters["text/html"].for_type(pd.DataFrame, table_html)


def new_figure(figsize=FIGSIZE) -> Figure:
    """A figure that is *not* registered with pyplot, for widgets (nothing is shown by accident)."""
    with mpl.rc_context(RC):
        return Figure(figsize=figsize, dpi=DPI, layout="constrained")


class FigureWithAlt:
    """A stored figure with a text alternative: an HTML ``<img alt="...">`` holding the PNG.

    JupyterLab and Voila draw a plain ``image/png`` output without any alt text, so a screen reader
    announces nothing (or the file name). This output is HTML instead, which every front end (and
    nbconvert's HTML edition) prefers to a PNG; its ``text/plain`` form is the alt text itself.
    """

    def __init__(self, png: bytes, alt: str):
        self.png, self.alt = png, alt
        self.width = int.from_bytes(png[16:20], "big")  # from the PNG's header

    def _repr_mimebundle_(self, include=None, exclude=None):
        import base64
        import html

        src = "data:image/png;base64," + base64.b64encode(self.png).decode("ascii")
        # Only the width: the front ends scale an image down to the page (max-width: 100%) and keep
        # its proportions when no height is fixed.
        img = f'<img src="{src}" alt="{html.escape(self.alt, quote=True)}" width="{self.width}">'
        return {"text/html": img, "text/plain": f"Figure: {self.alt}"}

    def __repr__(self) -> str:
        return f"Figure: {self.alt}"


def figure_with_alt(fig, alt: str) -> FigureWithAlt:
    """The figure as a :class:`FigureWithAlt` (PNG at the course's resolution, no timestamp)."""
    import io

    if not isinstance(alt, str) or not alt.strip():
        raise ValueError("A figure needs a text alternative: pass alt='what the figure shows and where its "
                         "numbers are', a sentence of plain text.")
    if not hasattr(fig, "savefig"):
        raise TypeError(f"show_figure() takes a matplotlib figure (for example from plt.subplots()), "
                        f"not {type(fig).__name__}.")
    buffer = io.BytesIO()
    # "Software" would stamp matplotlib's version into the file; nothing else in a PNG varies.
    fig.savefig(buffer, format="png", dpi=DPI, bbox_inches="tight", metadata={"Software": None})
    png = buffer.getvalue()
    return FigureWithAlt(png, " ".join(alt.split()))


def show_figure(fig, alt: str) -> None:
    """Show a finished matplotlib figure with its text alternative, then close it.

    Use it instead of ``plt.show()``::

        ec.show_figure(fig, alt="Bar chart of recorded offences by year, 2008/09 to 2012/13; "
                                "the numbers are in the table below.")

    ``alt`` says what the figure shows (its type, what it plots, its key numbers or where they are).
    """
    import matplotlib.pyplot as plt
    from IPython.display import display

    shown = figure_with_alt(fig, alt)
    plt.close(fig)
    display(shown)
