"""The lecturers' slide decks (scripts/build_slides.py, tools/slide_decks.py), without a browser.

Slide types on a small in-memory notebook; the deck of notebook 00 (built without copying reveal.js,
so these run before `npm ci --prefix tools/slides`): nothing from off the machine, every figure's
alt text, one top-level slide per `## ` heading plus the title, explorers replaced by a sentence, no
code; the command line's answers to a missing reveal.js and a bad section number. Only the full
build, which copies reveal.js, needs the npm package and is skipped without it.
The decks in Chromium: tests/browser/test_slides.py (hence this file's name: pytest needs distinct basenames).
"""
import copy
import hashlib
import html.parser
import importlib.util
import pathlib
import re
import subprocess
import sys

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tools.slide_decks import (  # noqa: E402
    EXPLORER_NOTE,
    REVEAL_FILES,
    REVEAL_PACKAGE,
    SlidesError,
    build,
    prepare,
    select,
)

SCRIPT = ROOT / "scripts" / "build_slides.py"
NB00 = ROOT / "notebooks" / "00_start_here.ipynb"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def widget_output(name="Sample-size planner (interactive)", **more):
    return new_output("execute_result", execution_count=1,
                      data={WIDGET_VIEW: {"model_id": "abc", "version_major": 2, "version_minor": 0},
                            "text/plain": f"<{name}>", **more})


def small_notebook():
    return new_notebook(cells=[
        new_markdown_cell("# 99 · Title\n\nLearning outcomes"),
        new_code_cell("ec.show_content_note()", execution_count=1, outputs=[
            new_output("execute_result", execution_count=1, data={"text/markdown": "**Content note.**"})]),
        new_markdown_cell("\n## 1. A section"),
        new_markdown_cell("Prose that continues the slide."),
        new_markdown_cell("### A sub-slide"),
        new_markdown_cell("#### A small heading continues"),
        new_markdown_cell("#Not a heading"),
        new_code_cell("x = 1"),  # no output: nothing to show
        new_code_cell("w", execution_count=2, outputs=[widget_output()]),
        new_code_cell("w2", execution_count=3, outputs=[widget_output(**{"text/html": "<p>static view</p>"})]),
        new_markdown_cell("*(For the record ...)*", metadata={"tags": ["voila-remove"]}),
        new_code_cell("print(w.text)", execution_count=4, metadata={"tags": ["voila-remove"]},
                      outputs=[new_output("stream", name="stdout", text="numbers\n")]),
        new_markdown_cell("## Kept as the author set it", metadata={"slideshow": {"slide_type": "notes"}}),
        new_markdown_cell("An author's own slide", metadata={"slideshow": {"slide_type": "slide"},
                                                             "tags": ["voila-remove"]}),
    ])


def test_slide_types_follow_the_rules_and_leave_the_notebook_alone():
    nb = small_notebook()
    before = copy.deepcopy(nb)
    prepared = prepare(nb)
    assert nb == before  # assigned in memory only
    types = [c.metadata.slideshow["slide_type"] for c in prepared.cells]
    assert types == ["slide", "-", "slide", "-", "subslide", "-", "-", "skip", "-", "-", "skip", "skip",
                     "notes", "slide"]


def test_an_explorer_becomes_a_sentence_and_another_view_is_kept():
    prepared = prepare(small_notebook())
    (only,) = prepared.cells[8].outputs
    assert WIDGET_VIEW not in only["data"]
    assert only["data"]["text/plain"] == f"{EXPLORER_NOTE} (Sample-size planner)."
    assert f"{EXPLORER_NOTE} (<em>Sample-size planner</em>)." in only["data"]["text/html"]
    (static,) = prepared.cells[9].outputs
    assert set(static["data"]) == {"text/html", "text/plain"} and static["data"]["text/html"] == "<p>static view</p>"


class Sections(html.parser.HTMLParser):
    """Top-level <section>s of the deck (the slides; their sub-slides are nested sections)."""

    def __init__(self):
        super().__init__()
        self.depth, self.top, self.images = 0, 0, []

    def handle_starttag(self, tag, attrs):
        if tag == "section":
            self.top += self.depth == 0
            self.depth += 1
        elif tag == "img":
            self.images.append(dict(attrs))

    def handle_endtag(self, tag):
        if tag == "section":
            self.depth -= 1


def stored_alts(nb) -> list[str]:
    """The alt text of every figure stored as HTML (ec.show_figure) in the notebook's outputs."""
    alts = []
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            page = output.get("data", {}).get("text/html", "")
            alts += [html.unescape(a) for a in re.findall(r'<img\b[^>]*\balt="([^"]*)"', "".join(page))]
    return alts


@pytest.fixture(scope="module")
def deck00(tmp_path_factory):
    digest = hashlib.sha256(NB00.read_bytes()).hexdigest()
    out = tmp_path_factory.mktemp("slides")
    (deck,) = build(ROOT / "notebooks", out, ["00"], copy_files=False)
    assert hashlib.sha256(NB00.read_bytes()).hexdigest() == digest  # read, never written
    return deck.read_text(encoding="utf-8")


def test_deck_requests_nothing_from_off_the_machine(deck00):
    sources = re.findall(r'<(?:script|img|iframe|source)\b[^>]*\bsrc="([^"]*)"', deck00)
    sources += re.findall(r'<link\b[^>]*\bhref="([^"]*)"', deck00)
    sources += re.findall(r'@import\s+(?:url\()?["\']?([^"\');\s]+)', deck00)
    assert sources, "the deck loads reveal.js"
    remote = [s for s in sources if re.match(r"(?i)(https?:)?//", s)]
    assert remote == []
    assert {s for s in sources if not s.startswith("data:")} == {
        "reveal.js/dist/reveal.css", "reveal.js/dist/theme/white.css", "reveal.js/dist/reveal.js",
        "reveal.js/plugin/notes/notes.js"}
    assert not re.search(r"require\.js|jquery|mathjax|mermaid|unpkg|cdnjs|jsdelivr", deck00, re.IGNORECASE)
    for name in ("reveal.js/dist/reveal.css", "reveal.js/dist/theme/white.css", "reveal.js/dist/reveal.js",
                 "reveal.js/plugin/notes/notes.js"):
        assert name.removeprefix("reveal.js/") in REVEAL_FILES


def test_deck_has_a_slide_per_section_heading_and_keeps_every_alt_text(deck00):
    nb = nbformat.read(NB00, as_version=4)
    headings = [c for c in nb.cells if c.cell_type == "markdown" and c.source.lstrip().startswith("## ")
                and "voila-remove" not in c.metadata.get("tags", []) and "slideshow" not in c.metadata]
    parser = Sections()
    parser.feed(deck00)
    assert parser.depth == 0
    assert parser.top == len(headings) + 1  # and the title slide
    alts = stored_alts(nb)
    assert alts, "notebook 00 stores a figure with alt text (ec.show_figure)"
    deck_alts = [html.unescape(img.get("alt") or "") for img in parser.images]
    for alt in alts:
        assert alt in deck_alts
    assert all(a.strip() for a in deck_alts), "every image on a slide has alt text"


def test_deck_shows_results_not_code_and_explorers_as_a_sentence(deck00):
    nb = nbformat.read(NB00, as_version=4)
    explorers = sum(WIDGET_VIEW in o.get("data", {}) and set(o["data"]) <= {WIDGET_VIEW, "text/plain"}
                    for c in nb.cells for o in c.get("outputs", []))
    assert explorers >= 1
    assert deck00.count(f'<p class="explorer-note">{EXPLORER_NOTE}') == explorers
    assert WIDGET_VIEW not in deck00
    assert not re.search(r'class="[^"]*(jp-CodeMirrorEditor|highlight)', deck00), "no code is shown"
    assert "import evidence_course" not in deck00
    assert "Content note." in deck00.split("</section>", 1)[0], "the first slide keeps the content note"
    assert "<math" in deck00, "TeX in the markdown is MathML (no MathJax from a CDN)"


def run_script(*args):
    return subprocess.run([sys.executable, str(SCRIPT), *map(str, args)], cwd=ROOT, capture_output=True, text=True)


def run_main(capsys, *args):
    """The command line in this process (faster than a new Python): its exit code and what it printed on stderr."""
    spec = importlib.util.spec_from_file_location("build_slides", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    code = module.main([str(a) for a in args])
    return code, capsys.readouterr().err


def test_missing_reveal_js_exits_2_with_what_to_run(tmp_path):
    done = run_script("00", "--out", tmp_path / "out", "--reveal", tmp_path / "node_modules" / "reveal.js")
    assert done.returncode == 2
    assert "npm ci --prefix tools/slides" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "out").exists()


def test_bad_section_number_is_refused_in_plain_words(tmp_path, capsys):
    assert select(ROOT / "notebooks", ["3"])[0].name.startswith("03_")
    for bad, words in (("99", "There is no section 99"), ("abc", "is not a section number")):
        with pytest.raises(SlidesError, match=words):
            select(ROOT / "notebooks", [bad])
        if (REVEAL_PACKAGE / "package.json").exists():  # else the command line stops first, at reveal.js
            code, err = run_main(capsys, bad, "--out", tmp_path)
            assert code == 1 and words in err


@pytest.mark.skipif(not (REVEAL_PACKAGE / "package.json").exists(),
                    reason="reveal.js is not installed from npm yet (npm ci --prefix tools/slides)")
def test_full_build_copies_reveal_js_beside_the_decks(tmp_path):
    done = run_script("00", "01", "--out", tmp_path)
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in tmp_path.glob("*.html")) == [
        "00_start_here.slides.html", "01_cyber_enabled_crime_and_key_forms.slides.html", "index.html"]
    for name in REVEAL_FILES:
        assert (tmp_path / "reveal.js" / name).exists(), name
    for css in (tmp_path / "reveal.js").rglob("*.css"):
        text = css.read_text(encoding="utf-8")
        assert not re.search(r"@import\s+(url\()?[\"']?(https?:)?//|url\([\"']?(https?:)?//", text), css
