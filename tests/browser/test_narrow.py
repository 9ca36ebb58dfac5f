"""Explorers on a narrow screen: JupyterLab 800 px wide with the file browser open.

The notebook then has about 500 px, and a figure scaled down to fit it has axis labels of about
6 px. Each explorer's figure must keep at least MIN_FIGURE_WIDTH px (at 640 px wide and 100 dpi the
10-point text is then 12 px or more, ticks 10 px or more), and any part of it that does not fit
must be reachable by scrolling sideways within the explorer (the page itself need not scroll), with
the keyboard too (the scrolling box takes the focus and says what it is).
"""
import pytest
from browser_support import SECTION_NOTEBOOKS, run_in_jupyterlab, shutdown_kernels

pytestmark = [pytest.mark.browser, pytest.mark.timeout(300)]

VIEWPORT = {"width": 800, "height": 900}
MIN_FIGURE_WIDTH = 560

FIGURES = """() => [...document.querySelectorAll('.jp-OutputArea-output > .jupyter-widgets')]
  .filter(box => box.querySelector('img'))
  .map(box => {
    const img = box.querySelector('img');
    const rect = img.getBoundingClientRect();
    const output = box.closest('.jp-OutputArea-output').getBoundingClientRect();
    let scroller = null;
    for (let el = img.parentElement; el && el !== document.body; el = el.parentElement) {
      const overflow = getComputedStyle(el).overflowX;
      if ((overflow === 'auto' || overflow === 'scroll') && el.scrollWidth > el.clientWidth) { scroller = el; break; }
    }
    return {title: box.firstElementChild.innerText.trim(), width: rect.width, natural: img.naturalWidth,
            fits: rect.right <= output.right + 1 && rect.left >= output.left - 1,
            scrolls: !!scroller && scroller.scrollWidth >= rect.width,
            keyboard: !!scroller && scroller.tabIndex === 0 && !!scroller.getAttribute('aria-label')};
  })"""


@pytest.mark.parametrize("notebook", SECTION_NOTEBOOKS, ids=[p.stem for p in SECTION_NOTEBOOKS])
def test_explorer_figures_stay_legible_at_800_px(lab, page, notebook):
    base, token = lab
    page.set_viewport_size(VIEWPORT)
    try:
        run_in_jupyterlab(page, base, token, notebook, file_browser=True)
        assert page.locator(".jp-FileBrowser").first.is_visible(), "the file browser should be open"
        figures = page.evaluate(FIGURES)
        assert figures, f"{notebook.name} shows no explorer"
        for figure in figures:
            assert figure["width"] >= MIN_FIGURE_WIDTH, (
                f"{notebook.name}: '{figure['title']}' is drawn {figure['width']:.0f} px wide at 800 px "
                f"(at least {MIN_FIGURE_WIDTH} px keeps its text legible)")
            assert figure["fits"] or figure["scrolls"], (
                f"{notebook.name}: part of '{figure['title']}' is cut off and cannot be scrolled to")
            assert figure["fits"] or figure["keyboard"], (  # axe's scrollable-region-focusable
                f"{notebook.name}: '{figure['title']}' scrolls sideways but the keyboard cannot reach it to scroll")
    finally:
        shutdown_kernels(base, token)
