"""Course standards every section notebook must meet, checked on the committed notebooks:
a content note and terminology note at the top, learning outcomes, references, and for
accessibility, every figure beside the numbers behind it (a table or a sentence)."""
import pathlib
import re

import nbformat
import pytest

from tools.accessibility import cell_shows_numbers

ROOT = pathlib.Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def _load(path):
    return nbformat.read(path, as_version=4)


def _has_numbers(cell) -> bool:
    """Does a code cell show text a screen reader can read (a table, a sentence, numbers)?

    The rule is shared with tests/test_accessibility.py: tools.accessibility.output_shows_numbers.
    """
    return cell_shows_numbers(cell)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_every_figure_has_the_numbers_behind_it_beside_it(path):
    cells = [c for c in _load(path).cells if c.cell_type == "code"]
    for i, cell in enumerate(cells):
        if any("image/png" in o.get("data", {}) for o in cell.get("outputs", [])):
            nearby = cells[max(i - 1, 0):i + 3]  # the table just before, the figure's own cell, or the next two
            assert any(_has_numbers(c) for c in nearby), (
                f"{path.name}: the figure made by code cell {i + 1} has no table or sentence of its numbers beside it:\n"
                + cell.source[:200])


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_opening_and_closing_sections(path):
    nb = _load(path)
    text = "\n".join(c.source for c in nb.cells)
    first_code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")[:600]
    assert nb.cells[0].source.startswith(f"# {path.name[:2]} · ")
    assert "Learning outcomes" in nb.cells[0].source and "Estimated time" in nb.cells[0].source
    assert "ec.show_content_note()" in first_code and "ec.show_terminology()" in text
    for heading in ("Check your understanding", "Discussion", "References"):
        assert f"## {heading}" in text or f"# {heading}" in text, heading
    assert "McGuire, M. and Dowling, S. (2013)" in text


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_no_unseeded_randomness_or_output_ignores(path):
    for cell in _load(path).cells:
        if cell.cell_type != "code":
            continue
        assert "NBVAL_SKIP" not in cell.source and "nbval-skip" not in cell.metadata.get("tags", [])
        assert "np.random.seed" not in cell.source and "random.random(" not in cell.source
        if "default_rng(" in cell.source:
            assert re.search(r"default_rng\(\s*\w", cell.source), "default_rng() needs a seed"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_title_metadata_is_the_first_heading(path):
    """Voila (and the HTML edition) name the page after the notebook's ``title`` metadata."""
    nb = _load(path)
    first_heading = nb.cells[0].source.splitlines()[0].lstrip("#").strip()
    assert nb.metadata.get("title") == first_heading
