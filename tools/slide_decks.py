"""Slide decks for lecturers: one reveal.js deck per section notebook, from its stored outputs.

The committed notebooks are read, never written or run: slide types are assigned to an in-memory
copy. A cell with its own ``metadata.slideshow`` keeps it; otherwise a markdown cell whose first
line is a ``# `` or ``## `` heading starts a slide, a ``### `` heading a sub-slide, and any other
markdown continues the current one. Code inputs are hidden (lecturers show results, not code);
cells tagged ``voila-remove`` (the record of an explorer's numbers, for nbval) and code cells with
nothing left to show are skipped. An explorer needs a kernel, so its live-widget output becomes a
sentence saying so. A slide too long for the screen scrolls (mouse wheel, or the down and up arrows
before they move between sub-slides).

The decks load nothing from the network: reveal.js is a pinned npm package
(``tools/slides/package.json``; ``npm ci --prefix tools/slides``) copied next to the decks, and
nbconvert's template is stripped of require.js, jQuery, Mermaid, MathJax and the widget manager
(all from CDNs). Formulas become MathML, as in the static HTML edition. The command line is
``scripts/build_slides.py``.
"""
from __future__ import annotations

import copy
import html
import json
import pathlib
import re
import shutil

import nbformat
from jinja2 import DictLoader
from nbconvert import SlidesExporter
from nbconvert.filters.markdown_mistune import markdown2html_mistune

from evidence_course.text import CONTENT_NOTE, SUPPORT
from tools.html_edition import (
    COURSE_TITLE,
    FIGURE_ALT,
    NO_ALT,
    SECTION_GLOB,
    WIDGET_VIEW,
    MathMLMarkdownMixin,
    course_order,
    notebook_title,
    unname_empty_headers,
)

ROOT = pathlib.Path(__file__).resolve().parent.parent
REVEAL_PACKAGE = ROOT / "tools" / "slides" / "node_modules" / "reveal.js"
REVEAL_MAJOR = 4  # nbconvert 7's reveal template is written for reveal.js 4.x
REVEAL_FOLDER = "reveal.js"  # next to the decks; the decks' reveal_url_prefix
# What the template uses from the package: its script, style sheet and theme (with the theme's
# fonts), and the speaker-notes plugin. Source maps and the ES-module build are left out.
REVEAL_FILES = ("LICENSE", "dist/reveal.js", "dist/reveal.css", "dist/reset.css", "dist/theme/white.css",
                "dist/theme/fonts/source-sans-pro", "plugin/notes/notes.js")
INSTALL_HINT = "npm ci --prefix tools/slides"
EXPLORER_NOTE = "Explorer: open the notebook to use it"
SKIP_TAGS = {"voila-remove"}

_HEADING = re.compile(r"(#{1,3}) ")
_WIDGET_NAME = re.compile(r"^<(.+?)(?: \(interactive\))?>$")

# nbconvert's reveal template with nothing fetched from a CDN: no jQuery, require.js, Mermaid, MathJax
# or widget manager; reveal.js and its notes plugin as plain scripts from the local copy.
_DECK_TEMPLATE = """{%- extends 'index.html.j2' -%}
{% block html_head_js %}{% endblock html_head_js %}
{% block jupyter_widgets %}{% endblock jupyter_widgets %}
{% block html_head_js_mathjax %}{% endblock html_head_js_mathjax %}
{% block html_head_css %}<link rel="icon" href="data:,">
<style type="text/css">
/* A slide taller than the screen scrolls inside the slide instead of running off it. */
.reveal .slides > section > section { max-height: {{ reveal_height }}px; overflow-y: auto; box-sizing: border-box; }
.reveal .slides section img { max-width: 100%; height: auto; }
.reveal .explorer-note { border-left: 4px solid #0072B2; padding: 4px 12px; background: #f4f4f4; font-style: italic; }
.reveal a, .reveal .jp-RenderedHTMLCommon a:link,
.reveal .jp-RenderedHTMLCommon a:visited { text-decoration: underline; }
math { font-size: 1.1em; }
/* reveal.js draws the slide number white on #999 (2.8:1); darker, for 4.5:1 or more */
.reveal .slide-number { background-color: #333; color: #fff; }
</style>{% endblock html_head_css %}
{% block footer_js %}
<script src="{{ reveal_url_prefix }}/dist/reveal.js"></script>
<script src="{{ reveal_url_prefix }}/plugin/notes/notes.js"></script>
<script>
(function () {
  // A slide that scrolls takes the keyboard focus (tab), so it can be scrolled without a mouse.
  function markScrolling() {
    document.querySelectorAll('.reveal .slides > section > section').forEach(function (s) {
      if (s.scrollHeight > s.clientHeight + 1) { s.setAttribute('tabindex', '0'); }
    });
  }
  // On a slide taller than the screen, the down and up arrows scroll it first; at its end they move
  // between sub-slides as usual (reveal.js would otherwise take the keys and the rest stays hidden).
  window.addEventListener('keydown', function (event) {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') { return; }
    if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey || Reveal.isOverview()) { return; }
    var s = Reveal.getCurrentSlide();
    if (!s || s.scrollHeight <= s.clientHeight + 1) { return; }
    var down = event.key === 'ArrowDown';
    var room = down ? s.scrollHeight - s.clientHeight - s.scrollTop : s.scrollTop;
    if (room <= 1) { return; }
    s.scrollTop += (down ? 1 : -1) * Math.min(room, Math.round(s.clientHeight * 0.4));
    event.preventDefault();
    event.stopImmediatePropagation();
  }, true);
  Reveal.initialize({
    controls: true,
    progress: true,
    history: true,
    center: false,
    transition: "{{ reveal_transition }}",
    slideNumber: "{{ reveal_number }}",
    plugins: [RevealNotes],
    width: {{ reveal_width }},
    height: {{ reveal_height }}
  }).then(markScrolling);
  Reveal.on('slidechanged', markScrolling);
})();
</script>
{% endblock footer_js %}
"""


class SlidesError(Exception):
    """A problem the command line reports in one sentence (no traceback)."""


class RevealMissing(SlidesError):
    """reveal.js is not installed from npm."""


def _first_line(source: str) -> str:
    for line in source.splitlines():
        if line.strip():
            return line.lstrip()
    return ""


def markdown_slide_type(source: str) -> str:
    """The slide type the rules give a markdown cell: 'slide', 'subslide' or '-' (continue)."""
    match = _HEADING.match(_first_line(source))
    if not match:
        return "-"
    return "subslide" if len(match.group(1)) == 3 else "slide"


def explorer_note_output(widget_text: str | None) -> dict:
    """The output that stands in for an explorer's live widget on a slide."""
    match = _WIDGET_NAME.match((widget_text or "").strip())
    name = f" (<em>{html.escape(match.group(1))}</em>)" if match else ""
    plain = f"{EXPLORER_NOTE}{' (' + match.group(1) + ')' if match else ''}."
    return nbformat.v4.new_output("display_data", data={
        "text/html": f'<p class="explorer-note">{EXPLORER_NOTE}{name}.</p>', "text/plain": plain})


def _is_widget_only(output) -> bool:
    data = output.get("data", {})
    return WIDGET_VIEW in data and set(data) <= {WIDGET_VIEW, "text/plain"}


def prepare(nb):
    """A copy of the notebook with slide types assigned and explorers replaced; the notebook is untouched."""
    nb = copy.deepcopy(nb)
    nb.metadata.pop("widgets", None)  # no widget state: the template would load the widget manager from a CDN
    for cell in nb.cells:
        own = cell.metadata.get("slideshow", {})
        if not isinstance(own, dict):
            own = {}
        if cell.cell_type == "code":
            outputs = []
            for output in cell.get("outputs", []):
                if _is_widget_only(output):
                    outputs.append(explorer_note_output(output.get("data", {}).get("text/plain")))
                else:
                    if WIDGET_VIEW in output.get("data", {}):  # another view is shown in its place
                        output = copy.deepcopy(output)
                        del output["data"][WIDGET_VIEW]
                    outputs.append(output)
            cell.outputs = outputs
        if own.get("slide_type"):
            continue
        tags = set(cell.metadata.get("tags", []))
        if tags & SKIP_TAGS or cell.cell_type == "raw":
            slide_type = "skip"
        elif cell.cell_type == "markdown":
            slide_type = markdown_slide_type(cell.source)
        else:
            slide_type = "-" if cell.outputs else "skip"
        cell.metadata["slideshow"] = {**own, "slide_type": slide_type}
    return nb


class CourseSlidesExporter(MathMLMarkdownMixin, SlidesExporter):
    """nbconvert's reveal.js slides without anything from a CDN, code inputs hidden, math as MathML."""

    def __init__(self, reveal_url_prefix: str = REVEAL_FOLDER, **kw):
        kw = {"exclude_input": True, "exclude_input_prompt": True, "exclude_output_prompt": True, **kw}
        super().__init__(template_file="course_slides.html.j2", embed_images=True,
                         extra_loaders=[DictLoader({"course_slides.html.j2": _DECK_TEMPLATE})],
                         reveal_url_prefix=reveal_url_prefix, reveal_theme="white",
                         reveal_number="c/t", **kw)


def deck_html(nb, name: str, path: str = ".", exporter: CourseSlidesExporter | None = None) -> str:
    """The reveal.js deck (HTML) for a notebook node; reveal.js is expected in ``reveal.js/`` beside it."""
    exporter = exporter or CourseSlidesExporter()
    prepared = prepare(nb)
    prepared.metadata["title"] = notebook_title(nb, name)
    body, _ = exporter.from_notebook_node(prepared, resources={"metadata": {"name": name, "path": path}})
    return unname_empty_headers(body.replace(NO_ALT, FIGURE_ALT))


def reveal_version(package: pathlib.Path = REVEAL_PACKAGE) -> str:
    """The installed reveal.js version; RevealMissing (with what to run) if it is not installed or not 4.x."""
    manifest = pathlib.Path(package) / "package.json"
    missing = [f for f in REVEAL_FILES if not (pathlib.Path(package) / f).exists()]
    if not manifest.is_file() or missing:
        raise RevealMissing(f"reveal.js is not installed ({package} is missing or incomplete). From the "
                            f"repository's root, run `{INSTALL_HINT}` (it installs the pinned version from npm).")
    version = json.loads(manifest.read_text(encoding="utf-8")).get("version", "")
    if not version.startswith(f"{REVEAL_MAJOR}."):
        raise RevealMissing(f"reveal.js {version} is installed, but the slides need {REVEAL_MAJOR}.x, as pinned in "
                            f"tools/slides/package.json. Run `{INSTALL_HINT}`.")
    return version


def copy_reveal(out: pathlib.Path, package: pathlib.Path = REVEAL_PACKAGE) -> pathlib.Path:
    """Copy the files the decks use from the npm package to ``out/reveal.js``; return that folder."""
    target = pathlib.Path(out) / REVEAL_FOLDER
    if target.exists():
        shutil.rmtree(target)
    for name in REVEAL_FILES:
        source, dest = pathlib.Path(package) / name, target / name
        dest.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(source, dest)
        else:
            shutil.copy2(source, dest)
    return target


def select(notebooks: pathlib.Path, numbers=()) -> list[pathlib.Path]:
    """The section notebooks in course order, or those whose two-digit numbers are given."""
    notebooks = pathlib.Path(notebooks)
    if not notebooks.is_dir():
        raise SlidesError(f"There is no notebooks folder at {notebooks}.")
    sections = course_order(notebooks.glob(SECTION_GLOB))
    if not sections:
        raise SlidesError(f"{notebooks} has no section notebooks (files named like 00_start_here.ipynb).")
    if not numbers:
        return sections
    chosen = []
    for number in numbers:
        text = str(number).strip()
        if not re.fullmatch(r"\d{1,2}", text):
            raise SlidesError(f"'{number}' is not a section number: give two digits, like 03.")
        found = [p for p in sections if p.name.startswith(f"{int(text):02d}_")]
        if not found:
            raise SlidesError(f"There is no section {int(text):02d}: the sections are "
                              + ", ".join(p.name[:2] for p in sections) + ".")
        chosen += [p for p in found if p not in chosen]
    return course_order(chosen)


def index_html(entries) -> str:
    """A contents page for the decks: ``entries`` are (file name, title) pairs in course order."""
    items = "\n".join(f'<li><a href="{html.escape(href)}">{html.escape(title)}</a></li>' for href, title in entries)
    note = markdown2html_mistune(f"{CONTENT_NOTE.replace('This notebook', 'This course', 1)}\n\n{SUPPORT}")
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>{html.escape(COURSE_TITLE)}: slides</title>
<style>
body {{ font-family: system-ui, sans-serif; line-height: 1.5; max-width: 46rem; margin: 2rem auto; padding: 0 1rem; }}
.content-note {{ border-left: 4px solid #0072B2; padding: 0 1rem; background: #f4f4f4; }}
ol {{ list-style: none; padding-left: 0; }}
</style>
</head>
<body>
<main>
<h1>{html.escape(COURSE_TITLE)}: slides</h1>
<p>One deck per section, from the notebooks' stored results. Arrow keys move between slides, Esc shows
them all, S opens the speaker view. The explorers need the notebooks: students use those.</p>
<aside class="content-note">
{note}
</aside>
<h2>Sections</h2>
<ol>
{items}
</ol>
</main>
</body>
</html>
"""


def build(notebooks: pathlib.Path, out: pathlib.Path, numbers=(), package: pathlib.Path = REVEAL_PACKAGE,
          copy_files: bool = True) -> list[pathlib.Path]:
    """Write a deck per section notebook (or the numbered ones), ``index.html`` and ``reveal.js/`` to ``out``.

    Raises RevealMissing before writing anything if reveal.js is not installed (unless ``copy_files``
    is false: then only the HTML is written, for checks that do not open the decks).
    """
    sections = select(notebooks, numbers)
    if copy_files:
        reveal_version(package)
    out = pathlib.Path(out)
    out.mkdir(parents=True, exist_ok=True)
    exporter = CourseSlidesExporter()
    written, entries = [], []
    for section in sections:
        nb = nbformat.read(section, as_version=4)
        target = out / f"{section.stem}.slides.html"
        target.write_text(deck_html(nb, section.stem, str(section.parent), exporter), encoding="utf-8")
        written.append(target)
        entries.append((target.name, notebook_title(nb, section.stem)))
    if copy_files:
        copy_reveal(out, package)
    (out / "index.html").write_text(index_html(entries), encoding="utf-8")
    return written
