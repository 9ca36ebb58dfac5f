"""The static HTML edition (scripts/build_html.py), built once and read in headless Chromium from file://.

The index links every section in course order. Each page loads nothing from off the machine and
raises no script error; every image has loaded and has alternative text; no widget placeholder,
widget-view script or traceback is left; every explorer's figure is followed by its summary
sentence; and the formulas in 00 and 02 are MathML that Chromium renders. axe-core finds no serious
or critical accessibility problem on any page (the whole page is the course's here).
"""
import pathlib

import pytest
from axe_support import check_axe
from browser_support import SECTION_NOTEBOOKS, build_with_script, stored_widget_outputs

WITH_MATH = {"00", "02"}  # the sections with TeX in their markdown

pytestmark = [pytest.mark.browser, pytest.mark.timeout(900)]  # the first test also builds the site

PAGE_FACTS = """() => ({
  h1: document.querySelectorAll('h1').length,
  text: document.body.innerText,
  images: [...document.images].map(img => ({complete: img.complete, width: img.naturalWidth, alt: img.alt.trim()})),
  widgetScripts: document.querySelectorAll('script[type="application/vnd.jupyter.widget-view+json"]').length,
  stderr: [...document.querySelectorAll('[data-mime-type="application/vnd.jupyter.stderr"]')].map(e => e.innerText),
  explorers: [...document.querySelectorAll('figure.evidence-explorer')].map(f => {
    const img = f.querySelector('img');
    const next = img && img.nextElementSibling;
    return {alt: img ? img.alt : null, after: next ? next.innerText.trim() : null,
            title: f.querySelector('figcaption').innerText.trim()};
  }),
  maths: [...document.querySelectorAll('math')].map(m => ({
    mathml: m instanceof MathMLElement, width: m.getBoundingClientRect().width})),
  overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
})"""


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> pathlib.Path:
    return build_with_script("build_html.py", tmp_path_factory.mktemp("site"))


def test_index_links_every_section_in_course_order(page, site):
    page.goto((site / "index.html").as_uri())
    assert page.locator("html").get_attribute("lang") == "en"
    assert "static edition" in page.title()
    links = page.locator("main ol a").evaluate_all("as => as.map(a => [a.getAttribute('href'), a.innerText])")
    assert [href for href, _ in links] == [f"{p.stem}.html" for p in SECTION_NOTEBOOKS]
    for (href, title), section in zip(links, SECTION_NOTEBOOKS):
        assert title.startswith(section.name[:2] + " · ")
        assert (site / href).is_file()
    assert "without a kernel" in page.inner_text("body")
    check_axe(page, "index.html", course_content="html")
    assert page.recorder.page_errors == [] and page.recorder.off_machine_requests() == []


@pytest.mark.parametrize("section", SECTION_NOTEBOOKS, ids=[p.name[:2] for p in SECTION_NOTEBOOKS])
def test_section_page_reads_without_a_kernel(page, site, section):
    page.goto((site / f"{section.stem}.html").as_uri())
    page.wait_for_load_state("load")
    facts = page.evaluate(PAGE_FACTS)
    assert page.recorder.page_errors == []
    assert page.recorder.off_machine_requests() == []
    assert page.locator("html").get_attribute("lang") == "en" and page.title().startswith(section.name[:2])
    assert facts["h1"] >= 1
    assert facts["images"], "no figures at all"
    assert [i for i in facts["images"] if not (i["complete"] and i["width"] > 0 and i["alt"])] == []
    for bad in ("Loading widget", "Error displaying widget", "Traceback (most recent call last)"):
        assert bad not in facts["text"]
    assert facts["widgetScripts"] == 0
    assert facts["stderr"] == []
    assert len(facts["explorers"]) == stored_widget_outputs(section)  # every widget is an explorer
    for explorer in facts["explorers"]:
        assert explorer["alt"] == f"Chart: {explorer['title']}. Its numbers are in the sentence below it."
        assert any(ch.isdigit() for ch in explorer["after"])  # the summary sentence follows the figure
    alts = [i["alt"] for i in facts["images"]]
    assert "No description has been provided for this image" not in alts
    if section.name[:2] in WITH_MATH:
        assert facts["maths"] and all(m["mathml"] and m["width"] > 0 for m in facts["maths"])
        assert "\\hat" not in facts["text"]
    assert facts["overflow"] <= 0, "the page scrolls sideways"
    check_axe(page, section.name, course_content="html")
