"""The browser tests list two known accessibility gaps in the notebooks instead of failing on them
(tests/browser/axe_support.py, KNOWN_OPEN; issue 12): stored matplotlib figures have no alt text in
JupyterLab and Voila, which draw an image/png output as an <img> without one. This test keeps that
exemption honest: it fails as soon as no notebook stores an image/png figure any more, so that the
exemption is removed with the problem."""
import pathlib

import nbformat

ROOT = pathlib.Path(__file__).resolve().parents[1]


def test_the_stored_figure_exemption_is_still_needed():
    stored = sum(1 for path in sorted((ROOT / "notebooks").glob("*.ipynb"))
                 for cell in nbformat.read(path, as_version=4).cells if cell.cell_type == "code"
                 for output in cell.get("outputs", []) if "image/png" in output.get("data", {}))
    assert stored > 0, ("no notebook stores an image/png figure any more: remove KNOWN_OPEN['image-alt'] from "
                        "tests/browser/axe_support.py")
