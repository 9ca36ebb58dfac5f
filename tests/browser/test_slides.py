"""The lecturers' slide decks (scripts/build_slides.py) in headless Chromium, served from 127.0.0.1.

All decks are built once into a temporary folder and served by Python's http.server, as a lecturer
would open them. For each section: reveal.js starts, there are more than five slides, ArrowRight moves
to the next slide (ArrowDown first scrolls a first slide taller than the screen), nothing is requested
from off the machine (reveal.js, its theme and fonts come from the copy beside the decks), no script or
console error, every image has loaded and has alternative text. axe-core checks the first slide (the
whole deck is the course's own content here) and the index page.
Needs `npm ci --prefix tools/slides` (reveal.js) and `npm ci --prefix tests/browser` (axe-core).
"""
import functools
import http.server
import pathlib
import threading

import pytest
from axe_support import check_axe
from browser_support import SECTION_NOTEBOOKS, build_with_script

pytestmark = [pytest.mark.browser, pytest.mark.timeout(600)]

READY = "() => !!window.Reveal && Reveal.isReady()"
DECK_FACTS = """() => ({
  slides: Reveal.getTotalSlides(),
  top: Reveal.getHorizontalSlides().length,
  indices: Reveal.getIndices(),
  images: [...document.querySelectorAll('.reveal .slides img')].map(
    img => ({alt: (img.getAttribute('alt') || '').trim(), src: img.src.slice(0, 40)})),
  explorers: document.querySelectorAll('.explorer-note').length,
})"""
SCROLLS = "() => { const s = Reveal.getCurrentSlide(); return s.scrollHeight > s.clientHeight + 1; }"
IMAGES_LOADED = """async () => {
  const images = [...document.querySelectorAll('.reveal .slides img')];
  await Promise.all(images.map(img => img.decode().catch(() => null)));
  return images.filter(img => !img.complete || img.naturalWidth === 0).map(img => img.alt);
}"""


@pytest.fixture(scope="module")
def decks(tmp_path_factory) -> pathlib.Path:
    return build_with_script("build_slides.py", tmp_path_factory.mktemp("slides"))


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def served(decks):
    """The decks' folder on a local web server: its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(decks))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()
    thread.join(5)


def test_index_lists_every_deck_in_course_order(page, served, decks):
    page.goto(f"{served}/index.html")
    assert page.locator("html").get_attribute("lang") == "en"
    links = page.locator("main ol a").evaluate_all("as => as.map(a => a.getAttribute('href'))")
    assert links == [f"{p.stem}.slides.html" for p in SECTION_NOTEBOOKS]
    assert all((decks / href).is_file() for href in links)
    assert "Content note." in page.inner_text("main")
    check_axe(page, "slides index.html", course_content="html")
    assert page.recorder.page_errors == [] and page.recorder.off_machine_requests() == []


@pytest.mark.parametrize("notebook", SECTION_NOTEBOOKS, ids=[p.stem for p in SECTION_NOTEBOOKS])
def test_deck(page, served, notebook):
    console_errors = []
    page.on("console", lambda message: console_errors.append(message.text) if message.type == "error" else None)
    name = f"{notebook.stem}.slides.html"
    page.goto(f"{served}/{name}")
    page.wait_for_function(READY, timeout=30_000)
    facts = page.evaluate(DECK_FACTS)
    assert facts["slides"] > 5, f"{name}: only {facts['slides']} slides"
    assert facts["indices"]["h"] == 0
    assert page.evaluate(IMAGES_LOADED) == [], f"{name}: an image did not load"
    no_alt = [img["src"] for img in facts["images"] if not img["alt"]]
    assert no_alt == [], f"{name}: images without alternative text: {no_alt}"
    print(f"{name}: {facts['slides']} slides ({facts['top']} sections), {len(facts['images'])} images, "
          f"{facts['explorers']} explorer notes")
    # axe-core on the first slide (the only one shown; reveal.js hides the others from assistive technology)
    check_axe(page, f"{name} (first slide)", course_content="html")
    if page.evaluate(SCROLLS):  # a long first slide: the down arrow scrolls it, staying on the slide
        page.keyboard.press("ArrowDown")
        assert page.evaluate("() => Reveal.getCurrentSlide().scrollTop") > 0, f"{name}: ArrowDown did not scroll"
        assert page.evaluate("() => [Reveal.getIndices().h, Reveal.getIndices().v]") == [0, 0]
    page.keyboard.press("ArrowRight")
    page.wait_for_function("() => Reveal.getIndices().h === 1", timeout=5_000)
    assert page.evaluate("() => document.querySelector('.reveal .slides > section.present') === "
                         "Reveal.getHorizontalSlides()[1]")
    assert page.recorder.off_machine_requests() == [], f"{name}: requests off this machine"
    assert page.recorder.page_errors == [], f"{name}: script errors"
    assert console_errors == [], f"{name}: console errors"
