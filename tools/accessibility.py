"""Accessibility checks for the course's figures: the colours drawn and the numbers shown.

Two questions, asked of what a learner actually receives (the PNG in a notebook's stored
output, or an explorer's image), not of the code that drew it:

* :func:`palette_report` / :func:`off_palette_share`: are the coloured pixels of a rendered
  figure the course's colour-blind-safe colours (:data:`evidence_course.style.PALETTE`)?
* :func:`output_shows_numbers` / :func:`cell_shows_numbers`: does a notebook output show text a
  screen reader can read (a table, or a sentence with numbers)? A figure must be followed by one.

How the palette check works
---------------------------
1. Decode the PNG (Pillow), composite any transparency onto the background (white) and round
   to 8-bit RGB. The work is done once per *distinct* colour (np.unique), weighted by its pixel
   count, so a 640 x 360 figure takes a few milliseconds.
2. Keep only *coloured* pixels: chroma, max(R, G, B) - min(R, G, B) (HSV saturation times
   value), at least :data:`CHROMA_MIN`. Greys, black and white (text, tick labels, axes, grid
   lines, the course's GREY) are neutral and always allowed. Very faint tints (an ``alpha=0.05``
   band) fall below the threshold too: their hue is mostly rounding noise.
3. A coloured pixel is *on theme* if either

   * it is a palette colour laid over the background at some opacity: the vector
     (background - pixel) points the same way as (background - palette colour), within
     :data:`ANGLE_TOL_DEG` degrees, for some palette colour. Opacity only scales that vector,
     so this one test covers solid fills, ``alpha`` shading and anti-aliased edges on white;
   * or it is an opaque mix of two theme colours (palette colours, black, GREY), within
     :data:`MIX_TOL` RGB units of the straight segment between them: where two coloured
     lines cross or overlap, or a black error bar or line crosses a coloured mark.

   Colormaps: the theme's ``image.cmap`` is cividis. A figure that uses a colormap can be
   checked with ``colormaps=("cividis",)``, which adds 256 samples of it as reference colours
   (with the same opacity test). It is off by default, since it makes the check more lenient
   (tab10's olive, for one, is a cividis colour) and no course figure uses a colormap yet.
4. What is neither is *off theme*: three-way edge pixels where two colours meet on white, a
   second translucent fill laid over a first, or colours from another palette. A figure passes
   if off-theme pixels are at most :data:`MAX_OFF_SHARE` of its coloured pixels.

Why these numbers (measured when the check was written, matplotlib 3.11, seaborn 0.13):

* :data:`CHROMA_MIN` = 24 (of 255). The (background - pixel) vector of a coloured pixel is
  then at least ~20 long, so rounding to 8 bits moves its direction by at most ~2.5 degrees.
* :data:`ANGLE_TOL_DEG` = 5: twice that rounding bound. The coloured colours of matplotlib's
  default cycle (tab10) are 9-18 degrees from the nearest Okabe-Ito colour, except its blue
  (2.5 degrees: a figure all in that blue cannot be told apart); seaborn's default ("deep")
  colours are 6-20 degrees away, except its orange and cyan (3.3 and 3.6).
* :data:`MIX_TOL` = 8 RGB units: rounding is under 1; the rest allows for a faint third colour.
* :data:`MAX_OFF_SHARE` = 0.10. On the 20 figures stored in the notebooks the largest share
  was 0.058 (notebook 03, two-panel line chart where orange and green lines lie on top of each
  other), and 0.017 on 197 explorer images (every setting of scripts/benchmark_widgets.py).
  Figures drawn with matplotlib's or seaborn's default colours (bars, lines with markers,
  translucent bands, scatter plots, seaborn bar and line plots) scored 0.53 or more.

Known limits: a figure drawn entirely in tab10's blue passes (it is 2.5 degrees from the
palette's blue); an off-theme colour covering less than a tenth of the coloured pixels passes;
two translucent palette fills overlapping over a large area, or seaborn's bar plots at their
default ``saturation=0.75`` (about 0.18 off theme), fail. Pass ``saturation=1`` to seaborn.
"""
from __future__ import annotations

import io
import re
from dataclasses import dataclass, field

import numpy as np
import PIL.Image
from matplotlib import colormaps as _colormaps
from matplotlib.colors import to_rgb

from evidence_course.style import GREY, PALETTE

CHROMA_MIN = 24
ANGLE_TOL_DEG = 5.0
MIX_TOL = 8.0
MAX_OFF_SHARE = 0.10
WHITE = (255, 255, 255)


def _rgb255(colours) -> np.ndarray:
    return np.array([to_rgb(c) for c in colours], dtype=float).reshape(-1, 3) * 255


def _colormap_samples(name: str, n: int = 256) -> np.ndarray:
    return _colormaps[name](np.linspace(0, 1, n))[:, :3] * 255


def _chroma(rgb: np.ndarray) -> np.ndarray:
    return rgb.max(axis=-1) - rgb.min(axis=-1)


def distinct_colours(png: bytes, background=WHITE) -> tuple[np.ndarray, np.ndarray]:
    """The distinct RGB colours of a PNG (float array, shape (k, 3)) and how many pixels have each.

    Transparent and translucent pixels are composited onto ``background`` first.
    """
    rgba = np.asarray(PIL.Image.open(io.BytesIO(bytes(png))).convert("RGBA"), dtype=np.float64)
    alpha = rgba[..., 3:] / 255
    rgb = rgba[..., :3] * alpha + np.asarray(background, dtype=float) * (1 - alpha)
    q = np.rint(rgb).astype(np.uint32).reshape(-1, 3)
    packed, counts = np.unique((q[:, 0] << 16) | (q[:, 1] << 8) | q[:, 2], return_counts=True)
    colours = np.stack([(packed >> 16) & 255, (packed >> 8) & 255, packed & 255], axis=1).astype(float)
    return colours, counts


def _max_cos_to_rays(vectors: np.ndarray, refs: np.ndarray) -> np.ndarray:
    """For each vector, the largest cosine with any reference direction."""
    refs = refs / np.linalg.norm(refs, axis=1, keepdims=True)
    norms = np.maximum(np.linalg.norm(vectors, axis=1), 1e-9)
    return ((vectors @ refs.T) / norms[:, None]).max(axis=1)


def _distance_to_segments(points: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """For each point, the distance to the nearest segment between two of ``ends``."""
    best = np.full(len(points), np.inf)
    for i in range(len(ends)):
        for j in range(i + 1, len(ends)):
            a, d = ends[i], ends[j] - ends[i]
            t = np.clip(((points - a) @ d) / (d @ d), 0, 1)
            best = np.minimum(best, np.linalg.norm(points - (a + t[:, None] * d), axis=1))
    return best


@dataclass(frozen=True)
class PaletteReport:
    """The result of :func:`palette_report` for one image."""

    coloured_pixels: int
    off_palette_pixels: int
    max_share: float = MAX_OFF_SHARE
    #: The most common off-theme colours, as (hex, pixel count), most common first.
    worst: list = field(default_factory=list)

    @property
    def share(self) -> float:
        """Off-theme pixels as a share of coloured pixels (0 if nothing is coloured)."""
        return self.off_palette_pixels / self.coloured_pixels if self.coloured_pixels else 0.0

    @property
    def passed(self) -> bool:
        return self.share <= self.max_share

    def __str__(self) -> str:
        worst = ", ".join(f"{hex_} ({n} px)" for hex_, n in self.worst) or "none"
        return (f"{self.off_palette_pixels:,} of {self.coloured_pixels:,} coloured pixels are off the course palette "
                f"(share {self.share:.3f}, allowed {self.max_share:.2f}); most common off-palette colours: {worst}")


def palette_report(png: bytes, *, colours=PALETTE, colormaps=(), background=WHITE, chroma_min: float = CHROMA_MIN,
                   angle_tol_deg: float = ANGLE_TOL_DEG, mix_tol: float = MIX_TOL,
                   max_share: float = MAX_OFF_SHARE) -> PaletteReport:
    """Check a rendered figure's coloured pixels against the course palette (see the module docstring).

    ``png`` is PNG bytes (a notebook's decoded ``image/png`` output, or an explorer's
    ``image.value``). ``colours`` are the theme colours, ``colormaps`` names of colormaps whose
    colours are also allowed (e.g. ``("cividis",)``), ``background`` the colour translucent
    marks are laid over.
    """
    found, counts = distinct_colours(png, background)
    coloured = _chroma(found) >= chroma_min
    found, counts = found[coloured], counts[coloured]
    if not len(found):
        return PaletteReport(0, 0, max_share)
    theme = _rgb255(colours)
    refs = theme[_chroma(theme) > 0]  # coloured reference colours: black and greys give no direction
    for name in colormaps:
        samples = _colormap_samples(name)
        refs = np.vstack([refs, samples[_chroma(samples) >= chroma_min]])
    bg = np.asarray(background, dtype=float)
    on_theme = _max_cos_to_rays(bg - found, bg - refs) >= np.cos(np.radians(angle_tol_deg))
    ends = np.unique(np.vstack([theme, _rgb255([GREY, "black"])]), axis=0)
    rest = ~on_theme
    on_theme[rest] = _distance_to_segments(found[rest], ends) <= mix_tol
    off = ~on_theme
    order = np.argsort(-counts[off], kind="stable")[:5]
    worst = [("#" + "".join(f"{int(v):02X}" for v in found[off][k]), int(counts[off][k])) for k in order]
    return PaletteReport(int(counts.sum()), int(counts[off].sum()), max_share, worst)


def off_palette_share(png: bytes, **options) -> float:
    """The share of a figure's coloured pixels that are off the course palette (0 to 1)."""
    return palette_report(png, **options).share


# --------------------------------------------------------------------------- numbers beside figures
_DIGIT = re.compile(r"\d")
_WIDGET = "application/vnd.jupyter.widget-view+json"


def output_shows_numbers(output) -> bool:
    """Does one notebook output show text a screen reader can read: a table, or text with numbers?

    Counts: printed text (stdout) with a digit; an HTML table; Markdown with a digit; a plain-text
    result with a digit. Not counted: a figure's ``<Figure size 640x360 ...>`` text, a widget's
    text form (the browser shows the widget, not that text), and warnings on stderr.
    """
    if output.get("output_type") == "stream":
        return output.get("name") != "stderr" and bool(_DIGIT.search(output.get("text", "")))
    data = output.get("data", {})
    if "image/png" in data or _WIDGET in data:
        return False
    if "<table" in data.get("text/html", ""):
        return True
    if _DIGIT.search(data.get("text/markdown", "")):
        return True
    plain = data.get("text/plain", "")
    return bool(_DIGIT.search(plain)) and "Figure size" not in plain


def cell_shows_numbers(cell) -> bool:
    """Does any output of a code cell show a table or text with numbers (:func:`output_shows_numbers`)?"""
    return any(output_shows_numbers(out) for out in cell.get("outputs", []))
