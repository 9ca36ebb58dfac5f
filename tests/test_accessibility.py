"""Accessibility of the course's figures, checked on what learners receive.

Every chart (a PNG stored in a committed notebook, or an explorer's image) must

* use the course's colour-blind-safe theme: its coloured pixels are the Okabe-Ito palette of
  evidence_course.style, checked on the rendered pixels by tools.accessibility
  (the method and the measurements behind its thresholds are in that module's docstring);
* be followed by the numbers behind it, as a table or a sentence a screen reader can read.

The negative tests show the palette check can fail: the same figure drawn with matplotlib's
or seaborn's default colours fails it, and passes under the course theme.
"""
from __future__ import annotations

import base64
import functools
import html
import io
import pathlib
import re
from dataclasses import dataclass

import matplotlib

matplotlib.use("Agg")

import matplotlib as mpl  # noqa: E402
import nbformat  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
import seaborn as sns  # noqa: E402
from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402
from matplotlib.cm import ScalarMappable  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from tools import accessibility as A  # noqa: E402
from tools.scripts import load_script  # noqa: E402
from evidence_course import widgets as W  # noqa: E402
from evidence_course.style import use_course_style  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb")) + sorted((ROOT / "solutions").glob("*.ipynb"))
# A cell that draws with a colormap may use the theme's colormap (cividis) as well as the palette.
COLORMAP_CALL = re.compile(r"\b(cmap|imshow|matshow|pcolor|pcolormesh|heatmap|clustermap|contourf?|hexbin|hist2d)\b")


# =========================================================================== the figures stored in notebooks
@dataclass(frozen=True, repr=False)
class StoredFigure:
    path: pathlib.Path
    cells: tuple  # the notebook's code cells
    index: int  # of the figure's cell among them (0-based)
    output: int  # of the image among that cell's outputs

    @property
    def cell(self):
        return self.cells[self.index]

    @property
    def id(self) -> str:
        return f"{self.path.parent.name}/{self.path.stem}-cell{self.index + 1}"

    @property
    def png(self) -> bytes:
        return _stored_png(self.cell.outputs[self.output])

    def __repr__(self) -> str:
        return self.id

    def where(self) -> str:
        return f"{self.path.parent.name}/{self.path.name}, code cell {self.index + 1}:\n{self.cell.source[:200]}"


# A stored figure is an HTML <img> with alt text (ec.show_figure); a bare image/png output would be one too.
_IMG = re.compile(r'<img src="data:image/png;base64,([A-Za-z0-9+/=]+)"')


def _stored_png(output) -> bytes | None:
    data = output.get("data", {})
    if "image/png" in data:
        return base64.b64decode(data["image/png"])
    found = _IMG.search("".join(data.get("text/html", "")))
    return base64.b64decode(found.group(1)) if found else None


def _stored_figures() -> list[StoredFigure]:
    figures = []
    for path in NOTEBOOKS:
        cells = tuple(c for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code")
        for i, cell in enumerate(cells):
            for k, out in enumerate(cell.get("outputs", [])):
                if _stored_png(out) is not None:
                    figures.append(StoredFigure(path, cells, i, k))
    return figures


FIGURES = _stored_figures()
FIGURE_IDS = [f.id for f in FIGURES]


def test_the_stored_figures_are_found():
    assert len(FIGURES) >= 20, "the stored figures were not found: are the notebooks committed executed?"
    assert len(set(FIGURE_IDS)) == len(FIGURE_IDS)


@pytest.mark.parametrize("figure", FIGURES, ids=FIGURE_IDS)
def test_every_stored_figure_uses_the_course_palette(figure):
    colormaps = ("cividis",) if COLORMAP_CALL.search(figure.cell.source) else ()
    report = A.palette_report(figure.png, colormaps=colormaps)
    assert report.passed, f"{figure.where()}\n{report}"


@pytest.mark.parametrize("figure", FIGURES, ids=FIGURE_IDS)
def test_every_stored_figure_is_followed_by_its_numbers(figure):
    # After the image in the figure's own cell, or in one of the next two code cells: a table,
    # or text with numbers (a table only *before* the chart does not count: it should follow).
    later_outputs = figure.cell.outputs[figure.output + 1:]
    next_cells = figure.cells[figure.index + 1:figure.index + 3]
    assert any(A.output_shows_numbers(out) for out in later_outputs) or any(
        A.cell_shows_numbers(cell) for cell in next_cells), (
        f"no table or sentence with numbers follows the figure in {figure.where()}")


# =========================================================================== the explorers
def _benchmark_scenarios():
    module = load_script("benchmark_widgets")
    return {name: (build, settings) for name, build, settings in module.scenarios()}


# As in test_widgets.py: each builder called with the course's data and its defaults, and the
# control settings the benchmark cycles through.
SCENARIOS = _benchmark_scenarios()


def _colormaps_used(figure) -> set[str]:
    mapped = figure.findobj(lambda artist: isinstance(artist, ScalarMappable) and artist.get_array() is not None)
    return {artist.get_cmap().name for artist in mapped}


def _assert_on_palette(w, state):
    used = _colormaps_used(w.figure)
    assert used <= {"cividis"}, f"{w.title} ({state}) uses colormaps {sorted(used)}; the theme's is cividis"
    report = A.palette_report(bytes(w.image.value), colormaps=tuple(used))
    assert report.passed, f"{w.title} ({state}): {report}"


def test_every_builder_has_a_scenario():
    assert set(SCENARIOS) == set(W.BUILDERS)


@pytest.mark.parametrize("name", list(W.BUILDERS))
def test_every_explorer_uses_the_course_palette(name):
    build, settings = SCENARIOS[name]
    w = build()
    _assert_on_palette(w, "default settings")
    other = settings[-1]
    assert w.set(**other) is not None, w.message.value
    _assert_on_palette(w, f"settings {other}")


@pytest.mark.parametrize("name", list(W.BUILDERS))
def test_every_explorer_shows_a_sentence_with_numbers_after_its_image(name):
    w = SCENARIOS[name][0]()
    children = list(w.children)
    assert w.image in children and w.summary in children
    assert children.index(w.image) < children.index(w.summary), "the summary must come after the image"
    assert bytes(w.image.value).startswith(b"\x89PNG")
    shown = html.unescape(re.sub(r"<[^>]+>", "", w.summary.value)).strip()
    assert shown and shown == w.text.strip()
    assert re.search(r"\d", shown), f"{w.title}: the summary has no numbers: {shown!r}"


# =========================================================================== the check can fail
def _png(figure) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()


def _theme(style: str) -> None:
    if style == "matplotlib":
        mpl.style.use("default")  # tab10
    elif style == "seaborn":
        sns.set_theme()  # seaborn's default palette ("deep")
    else:
        use_course_style()


@functools.cache
def _demo_figure(style: str) -> bytes:
    """Bars in six cycle colours, and lines with markers and a translucent band: drawn with ``style``."""
    with mpl.rc_context():
        _theme(style)
        fig = Figure(figsize=(6.4, 3.6), dpi=100, layout="constrained")
        FigureCanvasAgg(fig)
        bars, lines = fig.subplots(1, 2)
        bars.barh(np.arange(6), [10, 16, 15, 14, 32, 12], color=[f"C{i}" for i in range(6)])
        years = np.arange(2006, 2013)
        for i, marker in enumerate("os^D"):
            counts = 10 + 8 * i + 3 * np.sin(years + i)
            lines.plot(years, counts, marker=marker, label=f"series {i + 1}")
        lines.fill_between(years, 6, 9, color="C0", alpha=0.2)
        lines.legend(fontsize=8)
        return _png(fig)


@functools.cache
def _seaborn_figure(style: str) -> bytes:
    """A seaborn line plot with one colour per group: drawn with ``style``."""
    long = pd.DataFrame({"year": np.tile(np.arange(2006, 2013), 3), "group": np.repeat(["a", "b", "c"], 7),
                         "count": np.r_[np.arange(7), 2 * np.arange(7) + 1, 3 * np.arange(7) + 2]})
    with mpl.rc_context():
        _theme(style)
        fig = Figure(figsize=(6.4, 3.6), dpi=100, layout="constrained")
        FigureCanvasAgg(fig)
        sns.lineplot(long, x="year", y="count", hue="group", style="group", markers=True, ax=fig.subplots())
        return _png(fig)


def _heatmap(cmap: str) -> bytes:
    with mpl.rc_context():
        use_course_style()
        fig = Figure(figsize=(6.4, 3.6), dpi=100, layout="constrained")
        FigureCanvasAgg(fig)
        ax = fig.subplots()
        fig.colorbar(ax.imshow(np.random.default_rng(2013).random((8, 16)), cmap=cmap), ax=ax)
        return _png(fig)


@pytest.mark.parametrize("style", ["matplotlib", "seaborn"])
@pytest.mark.parametrize("draw", [_demo_figure, _seaborn_figure], ids=["matplotlib-api", "seaborn-api"])
def test_default_colours_fail_and_the_course_theme_passes(draw, style):
    default, course = A.palette_report(draw(style)), A.palette_report(draw("course"))
    assert course.passed, str(course)
    assert not default.passed, str(default)
    assert default.share > 3 * A.MAX_OFF_SHARE  # not a near miss (measured: 0.53 or more)


def test_colormaps_are_allowed_only_when_asked_for_and_only_cividis():
    cividis, viridis = _heatmap("cividis"), _heatmap("viridis")
    assert A.palette_report(cividis, colormaps=("cividis",)).passed
    assert not A.palette_report(cividis).passed  # a colormap is not the palette
    assert not A.palette_report(viridis, colormaps=("cividis",)).passed


def test_off_palette_share_on_simple_images():
    def png(rgb_rows):
        import PIL.Image

        buffer = io.BytesIO()
        PIL.Image.fromarray(np.asarray(rgb_rows, dtype=np.uint8)).save(buffer, format="png")
        return buffer.getvalue()

    blue = (0, 0x72, 0xB2)  # PALETTE[0]
    faded_blue = tuple(round(255 - 0.3 * (255 - v)) for v in blue)  # alpha 0.3 on white
    tab10_green = (0x2C, 0xA0, 0x2C)
    assert A.off_palette_share(png([[blue, faded_blue, (255, 255, 255), (40, 40, 40)]])) == 0
    assert A.off_palette_share(png([[(255, 255, 255), (127, 127, 127)]])) == 0  # nothing coloured
    assert A.off_palette_share(png([[blue, tab10_green]])) == pytest.approx(0.5)


def test_what_counts_as_numbers_beside_a_figure():
    def display(**data):
        return nbformat.from_dict({"output_type": "display_data", "data": data, "metadata": {}})

    def stream(text, name="stdout"):
        return nbformat.from_dict({"output_type": "stream", "name": name, "text": text})

    counted = [stream("Total: 373 offences\n"), display(**{"text/html": "<table><tr><td>a</td></tr></table>"}),
               display(**{"text/markdown": "About **54%** were hosted in North America.", "text/plain": "<Note>"}),
               display(**{"text/plain": "proceeded_against    234"})]
    not_counted = [display(**{"image/png": "iVBOR", "text/plain": "<Figure size 640x360 with 1 Axes>"}),
                   display(**{"text/plain": "<Figure size 640x360 with 1 Axes>"}),
                   display(**{"application/vnd.jupyter.widget-view+json": {"model_id": "x"},
                              "text/plain": "<Explorer 2 (interactive)>"}),
                   stream("FutureWarning: line 12\n", name="stderr"), stream("no digits here\n")]
    assert all(A.output_shows_numbers(out) for out in counted)
    assert not any(A.output_shows_numbers(out) for out in not_counted)
