"""Stored figures carry a text alternative (issue 12): ``ec.show_figure`` and how strict nbval compares it."""
import base64
import json
import pathlib
import re
import subprocess
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

import evidence_course as ec  # noqa: E402
from evidence_course.style import figure_with_alt  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parent.parent


def _figure():
    fig, ax = plt.subplots()
    ax.bar(["a", "b"], [1, 2])
    return fig


def test_html_image_with_escaped_alt_and_plain_text():
    fig = _figure()
    bundle = figure_with_alt(fig, 'Bar chart of "a" & "b":\n  1 and 2.')._repr_mimebundle_()
    plt.close(fig)
    assert set(bundle) == {"text/html", "text/plain"}
    html = bundle["text/html"]
    assert html.startswith('<img src="data:image/png;base64,')
    assert 'alt="Bar chart of &quot;a&quot; &amp; &quot;b&quot;: 1 and 2."' in html
    png = base64.b64decode(re.search(r"base64,([^\"]+)", html).group(1))
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width = int.from_bytes(png[16:20], "big")
    assert f'width="{width}"' in html and 500 < width < 700
    assert bundle["text/plain"] == 'Figure: Bar chart of "a" & "b": 1 and 2.'


def test_the_png_is_the_same_every_time():
    pngs = []
    for _ in range(2):
        fig = _figure()
        pngs.append(figure_with_alt(fig, "Bar chart.").png)
        plt.close(fig)
    assert pngs[0] == pngs[1]
    assert b"Software" not in pngs[0] and b"matplotlib" not in pngs[0]


@pytest.mark.parametrize("alt", ["", "   ", None, 3])
def test_a_figure_without_alt_text_is_refused_in_words(alt):
    fig = _figure()
    with pytest.raises(ValueError, match="needs a text alternative"):
        figure_with_alt(fig, alt)
    plt.close(fig)


def test_not_a_figure():
    with pytest.raises(TypeError, match="takes a matplotlib figure"):
        figure_with_alt([1, 2], "A list.")


def test_show_figure_closes_the_figure():
    fig = _figure()
    before = len(plt.get_fignums())
    ec.show_figure(fig, "Bar chart.")
    assert len(plt.get_fignums()) == before - 1


def _nb_with_figure(alt: str, stored_png: str) -> dict:
    source = ("import matplotlib.pyplot as plt\nimport evidence_course as ec\n"
              "fig, ax = plt.subplots()\nax.plot([1, 2])\n"
              f"ec.show_figure(fig, {alt!r})")
    fig, ax = plt.subplots()
    ax.plot([1, 2])
    html = figure_with_alt(fig, "Line chart.")._repr_mimebundle_()["text/html"]
    plt.close(fig)
    html = re.sub(r"base64,[^\"]+", "base64," + stored_png, html)
    return {"nbformat": 4, "nbformat_minor": 5, "metadata": {},
            "cells": [{"cell_type": "code", "id": "a1", "execution_count": 1, "metadata": {}, "source": source,
                       "outputs": [{"output_type": "display_data", "metadata": {},
                                    "data": {"text/html": html, "text/plain": "Figure: Line chart."}}]}]}


@pytest.mark.parametrize("alt, passes", [("Line chart.", True), ("Bar chart.", False)])
def test_strict_nbval_compares_the_alt_text_not_the_png_bytes(tmp_path, alt, passes):
    """The stored PNG here is not the figure at all, yet only a changed alt text fails."""
    path = tmp_path / "figure.ipynb"
    path.write_text(json.dumps(_nb_with_figure(alt, "AAAA")), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-n0", "-q", "--nbval",
                             "--nbval-current-env", "--nbval-sanitize-with", str(ROOT / "nbval_sanitize.cfg"), str(path)], cwd=tmp_path, capture_output=True, text=True)
    assert (result.returncode == 0) is passes, result.stdout[-2000:]


def test_conftest_passes_the_sanitize_file_to_nbval():
    import importlib.util
    import types

    spec = importlib.util.spec_from_file_location("root_conftest", ROOT / "conftest.py")
    conftest = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(conftest)
    config = types.SimpleNamespace(option=types.SimpleNamespace(nbval_sanitize_with=None))
    conftest.pytest_configure(config)
    assert pathlib.Path(config.option.nbval_sanitize_with) == ROOT / "nbval_sanitize.cfg"
    assert "[figure_png]" in (ROOT / "nbval_sanitize.cfg").read_text(encoding="utf-8")


NOTEBOOKS = sorted(p for folder in ("notebooks", "solutions", "exercises", "teaching")
                   for p in (ROOT / folder).glob("*.ipynb"))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[f"{p.parent.name}/{p.name[:2]}" for p in NOTEBOOKS])
def test_every_stored_figure_has_alt_text(path):
    """No bare image/png output (JupyterLab and Voila would show it with no text alternative): every stored
    figure is an <img> with a real description (ec.show_figure), and it says where its numbers are."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    for index, cell in enumerate(nb["cells"]):
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            assert "image/png" not in data, (
                f"{path.name}, cell {index}: a figure shown with plt.show() has no alt text: use ec.show_figure(fig, alt=...)")
            html = "".join(data.get("text/html", ""))
            for alt in re.findall(r'<img src="data:image/png[^>]*?alt="([^"]*)"', html):
                assert len(alt.split()) >= 8, f"{path.name}, cell {index}: alt text too short to describe a figure: {alt!r}"
