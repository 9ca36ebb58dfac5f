"""Tests for the static HTML edition (tools.html_edition, scripts/build_html.py), without running
the notebooks: the explorers' static display, TeX to MathML, the page template, the index and the errors.
The whole build is checked in a browser by tests/browser/test_html_edition.py.
"""
from __future__ import annotations

import base64
import logging
import pathlib
import re

import matplotlib

matplotlib.use("Agg")

import nbformat  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from bs4 import BeautifulSoup  # noqa: E402
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output  # noqa: E402

from tools import html_edition as H  # noqa: E402
from tools.scripts import load_script  # noqa: E402
from evidence_course import widgets as W  # noqa: E402

PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def explorer():
    estimates = pd.DataFrame({"label": ["Survey A", "Survey B"], "pct": [30.0, 12.0], "n": [1257, 941]})
    return W.survey_interval_explorer(estimates, n=500)


def _contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two #rrggbb colours."""
    def luminance(colour):
        channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        r, g, b = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * r + 0.7152 * g + 0.0722 * b
    high, low = sorted([luminance(a), luminance(b)], reverse=True)
    return (high + 0.05) / (low + 0.05)


def static_figure(explorer):
    return BeautifulSoup(explorer._repr_mimebundle_()["text/html"], "html.parser").figure


class TestExplorerStaticDisplay:
    def test_static_bundle_is_html_with_figure_alt_text_and_summary(self, explorer, monkeypatch):
        monkeypatch.setenv(W.STATIC_ENV, "1")
        bundle = explorer._repr_mimebundle_()
        assert set(bundle) == {"text/plain", "text/html"}
        assert bundle["text/plain"] == repr(explorer)
        figure = static_figure(explorer)
        assert figure.figcaption.get_text() == explorer.title
        img = figure.img
        assert img["src"].startswith("data:image/png;base64,")
        assert base64.b64decode(img["src"].split(",", 1)[1]).startswith(PNG)
        assert img["alt"] == f"Chart: {explorer.title}. Its numbers are in the sentence below it."
        assert "Survey A" in explorer.text
        assert img.find_next_sibling("p").get_text() == explorer.text  # the sentence follows the figure
        assert "Settings: Your sample size n: 500; Interval: Wilson score; Confidence: 95%; Design effect: 1.00." \
            in figure.get_text()

    def test_static_display_shows_the_current_settings(self, monkeypatch):
        monkeypatch.setenv(W.STATIC_ENV, "1")
        ex = W.dark_figure_explorer(recorded=1000, label="offences")
        ex.set(rate_pct=25)
        figure = static_figure(ex)
        assert "Reporting rate %: 25.00" in figure.p.get_text()
        assert "Plausible range %: 10.00 to 50.00" in figure.p.get_text()  # a range slider
        assert figure.img["alt"].startswith("Chart: ") and figure.img.find_next_sibling("p").get_text() == ex.text

    def test_invalid_input_shows_the_message_instead_of_a_figure(self, monkeypatch):
        monkeypatch.setenv(W.STATIC_ENV, "1")
        ex = W.sample_size_planner()
        with pytest.raises(ValueError, match="not exactly 0 or 100"):
            ex.set(pct=0)  # set() refuses it and changes nothing; a learner's control shows the message
        ex.controls["pct"].value = 0
        figure = static_figure(ex)
        assert figure.img is None
        assert "not exactly 0 or 100" in figure.find(role="alert").get_text()

    @pytest.mark.parametrize("value", [None, "0", ""])
    def test_without_the_variable_the_bundle_is_the_live_widget(self, explorer, monkeypatch, value):
        if value is None:
            monkeypatch.delenv(W.STATIC_ENV, raising=False)
        else:
            monkeypatch.setenv(W.STATIC_ENV, value)
        bundle = explorer._repr_mimebundle_()
        assert set(bundle) == {"text/plain", H.WIDGET_VIEW}
        assert bundle["text/plain"] == repr(explorer)
        assert bundle[H.WIDGET_VIEW]["model_id"] == explorer.model_id


class TestMathML:
    def test_inline_formula(self):
        mathml = H.tex_to_mathml(r"\hat p \pm 1.96\sqrt{\hat p(1-\hat p)/n}")
        assert mathml.startswith("<math") and 'display="inline"' in mathml
        assert "<msqrt>" in mathml and "<mn>1.96</mn>" in mathml

    def test_display_formula(self):
        assert 'display="block"' in H.tex_to_mathml(r"\frac{a}{b}", display=True)

    @pytest.mark.parametrize("tex", [r"\frac{1}{", r"\notacommand x"])
    def test_tex_that_does_not_convert_stays_readable_with_a_warning(self, tex, caplog):
        with caplog.at_level(logging.WARNING, logger=H.__name__):
            out = H.tex_to_mathml(tex)
        assert out == f"${tex}$"
        assert "could not convert" in caplog.text and tex in caplog.text

    def test_markdown_math_becomes_mathml_and_code_is_untouched(self):
        nb = new_notebook(cells=[
            new_markdown_cell("# A title\n\nThe share $\\hat p = k/n$, costing `$5` in a code span.\n\n$$x^2$$"),
            new_code_cell('price = "$5 or $6"', outputs=[
                new_output("execute_result", {"text/plain": "'$5 or $6'"}, execution_count=1)]),
        ])
        nb.metadata["title"] = "A title | static edition"
        page, _ = H.StaticHTMLExporter().from_notebook_node(nb)
        soup = BeautifulSoup(page, "html.parser")
        maths = soup.find_all("math")
        assert [m["display"] for m in maths] == ["inline", "block"]
        assert soup.find("code", string="$5") is not None
        assert "$5 or $6" in soup.find(class_="jp-CodeCell").find(class_="jp-InputArea").get_text()
        assert "$5 or $6" in soup.find(class_="jp-CodeCell").find(class_="jp-OutputArea").get_text()
        assert soup.html["lang"] == "en" and soup.title.string == "A title | static edition"
        assert soup.find_all("script", src=True) == [] and soup.find_all("link") == []  # nothing from a CDN
        # No In [1]: / Out[1]: prompts (meaningless without a kernel, and grey at 2.2:1 in the lab theme).
        assert soup.find(class_="jp-InputPrompt") is None and soup.find(class_="jp-OutputPrompt") is None

    def test_syntax_colours_reach_4_5_to_1_on_the_code_background(self):
        page, _ = H.StaticHTMLExporter().from_notebook_node(new_notebook(cells=[new_code_cell("x = 1  # c")]))
        assert H._SYNTAX_CSS in page
        for name, colour in H.SYNTAX_COLOURS.items():
            assert _contrast(colour, H.CODE_BACKGROUND) >= 4.5, name

    def test_empty_header_cells_become_ordinary_cells(self):
        frame = pd.DataFrame({"pct": [30.0]}, index=pd.Index(["A"], name="survey"))
        table = H.unname_empty_headers(frame.to_html() + '<th class="blank level0" >&nbsp;</th>')
        soup = BeautifulSoup(table, "html.parser")
        assert [th.get_text() for th in soup.find_all("th")] == ["pct", "survey", "A"]
        assert soup.find("td", class_="blank") is not None
        assert H.unname_empty_headers("<th>x</th><th scope='col'> </th>") == "<th>x</th><td scope='col'></td>"


class TestNotebooks:
    def test_course_order_is_numeric(self):
        names = ["10_capstone.ipynb", "notes.ipynb", "02_b.ipynb", "9_a.ipynb", "00_start.ipynb", "01_z.ipynb"]
        assert H.course_order(names) == ["00_start.ipynb", "01_z.ipynb", "02_b.ipynb", "9_a.ipynb",
                                         "10_capstone.ipynb", "notes.ipynb"]

    def test_course_order_of_paths(self, tmp_path):
        paths = [tmp_path / "10_x.ipynb", tmp_path / "02_y.ipynb"]
        assert H.course_order(paths) == paths[::-1]

    def test_title_is_the_first_heading(self):
        nb = new_notebook(cells=[new_code_cell("x = 1"), new_markdown_cell("Some text."),
                                 new_markdown_cell("Intro\n\n# 03 · Police data\n\n## Later")])
        assert H.notebook_title(nb, "03_police") == "03 · Police data"
        assert H.notebook_title(new_notebook(cells=[new_markdown_cell("No heading")]), "03_police") == "03_police"

    def test_widget_views_are_dropped_and_their_text_kept(self):
        view = {"model_id": "abc", "version_major": 2, "version_minor": 0}
        nb = new_notebook(cells=[new_code_cell("w", outputs=[
            new_output("display_data", {"text/plain": "IntSlider(value=3)", H.WIDGET_VIEW: view})])])
        nb.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {}}
        assert H.strip_widget_views(nb) == 1
        assert dict(nb.cells[0].outputs[0].data) == {"text/plain": "IntSlider(value=3)"}
        assert "widgets" not in nb.metadata

    def test_index_lists_the_pages_in_the_order_given(self):
        soup = BeautifulSoup(H.index_html([("00_a.html", "00 · Start"), ("01_b.html", "01 · <Next>")]),
                             "html.parser")
        assert [(a["href"], a.get_text()) for a in soup.find_all("a")] == [
            ("00_a.html", "00 · Start"), ("01_b.html", "01 · <Next>")]
        assert soup.html["lang"] == "en" and "static edition" in soup.title.string
        assert "without a kernel" in soup.get_text() and "README" in soup.get_text()

    def test_index_opens_with_the_content_note_and_support(self):
        note = BeautifulSoup(H.index_html([]), "html.parser").find("aside", class_="content-note")
        assert note.get_text().strip().startswith("Content note. This course discusses")
        # Every service of the shared wording (evidence_course.text.SUPPORT), in its order.
        services = re.findall(r"^- \*\*(.+?)\*\*", H.SUPPORT, re.MULTILINE)
        assert services[:2] == ["Childline", "NSPCC Helpline"]
        assert [li.strong.get_text() for li in note.find_all("li")] == services


class TestErrors:
    def test_missing_folder(self, tmp_path):
        with pytest.raises(H.BuildError, match="no notebooks folder"):
            H.build(tmp_path / "missing", tmp_path / "site")

    def test_folder_without_section_notebooks(self, tmp_path):
        nbformat.write(new_notebook(), tmp_path / "scratch.ipynb")
        with pytest.raises(H.BuildError, match="no section notebooks"):
            H.build(tmp_path, tmp_path / "site")

    def test_a_failing_cell_names_the_notebook(self, tmp_path):
        # The first cell checks what the build promises the kernel: the static setting, and a copy of the folder.
        original = tmp_path / "notebooks"
        check = (f"import os, pathlib\nassert os.environ[{W.STATIC_ENV!r}] == '1'\n"
                 f"assert pathlib.Path.cwd().name == 'notebooks' and pathlib.Path.cwd() != pathlib.Path({str(original)!r})")
        nb = new_notebook(cells=[new_code_cell(check), new_code_cell("raise ValueError('deliberate')")])
        original.mkdir()
        nbformat.write(nb, original / "01_bad.ipynb")
        with pytest.raises(H.BuildError, match=r"01_bad.ipynb: a cell failed while running \(ValueError: deliberate\)"):
            H.build(original, tmp_path / "site")

    def test_script_reports_errors_in_one_line(self, tmp_path, capsys):
        script = load_script("build_html")
        assert script.main(["--notebooks", str(tmp_path / "missing"), "--out", str(tmp_path / "site")]) == 1
        err = capsys.readouterr().err
        assert err.startswith("build_html: There is no notebooks folder") and "Traceback" not in err
        assert not (tmp_path / "site").exists()
