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
    """Apply the course theme to matplotlib and seaborn (call once at the top of a notebook)."""
    import seaborn as sns

    sns.set_theme(context="notebook", style="whitegrid", palette=PALETTE, rc=RC)


def new_figure(figsize=FIGSIZE) -> Figure:
    """A figure that is *not* registered with pyplot, for widgets (nothing is shown by accident)."""
    with mpl.rc_context(RC):
        return Figure(figsize=figsize, dpi=DPI, layout="constrained")
