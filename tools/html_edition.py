"""The static HTML edition: every section notebook, executed afresh, as one self-contained page.

Each notebook is run on a temporary copy with ``EVIDENCE_COURSE_STATIC=1``, so every explorer
displays itself as plain HTML at its starting settings (figure, settings and sentence) rather than
as a live widget. The pages load nothing from the network: no require.js, MathJax or widget
manager, images embedded, and TeX in markdown converted to MathML, which browsers render natively.
``scripts/build_html.py`` is the command line.
"""
from __future__ import annotations

import asyncio
import html
import logging
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile

import nbformat
from ipykernel.kernelspec import RESOURCES, get_kernel_dict
from jinja2 import DictLoader, pass_context
from jupyter_client import AsyncKernelManager
from jupyter_client.kernelspec import KernelSpec
from latex2mathml.converter import convert as latex_to_mathml
from nbclient import NotebookClient
from nbclient.exceptions import CellControlSignal, DeadKernelError
from nbconvert import HTMLExporter
from nbconvert.filters.markdown_mistune import IPythonRenderer, MarkdownWithMath, markdown2html_mistune

from evidence_course.text import CONTENT_NOTE, SUPPORT
from evidence_course.widgets import STATIC_ENV

log = logging.getLogger(__name__)
# nbconvert gives a figure without alt text a placeholder (and warns). Every course figure is
# followed by the table or sentence of its numbers (tests/test_accessibility.py), so say so.
_NBCONVERT_LOG = log.getChild("nbconvert")
_NBCONVERT_LOG.setLevel(logging.ERROR)
NO_ALT = 'alt="No description has been provided for this image"'
FIGURE_ALT = 'alt="Chart. Its numbers are in the table or sentence that follows it."'
# An empty header cell (pandas' corner above the row labels, and the cells beside an index name)
# names nothing: a screen reader would announce a blank header. It becomes an ordinary cell.
_EMPTY_HEADER = re.compile(r"<th((?:\s[^>]*)?)>(?:\s|&nbsp;)*</th>")

COURSE_TITLE = "The evidence on cyber-enabled sexual offending against children"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
SECTION_GLOB = "[0-9][0-9]_*.ipynb"

EDITION_NOTE = ("Static edition: the notebooks as run from the start, for reading without a kernel. "
                "The interactive explorers are shown at their starting settings. For the interactive "
                "course, see the repository's README.")
# Syntax colours at 4.5:1 or more on the code background (#f5f5f5): JupyterLab's light theme has
# numbers, operators and comments at 4.2-4.4:1 and a few rarer ones lower. Defined on <main>, so
# that they win over the theme's own definitions on :root.
CODE_BACKGROUND = "#f5f5f5"
SYNTAX_COLOURS = {"atom": "#6565bf", "bracket": "#6f6f56", "comment": "#3c7878", "error": "#e00000",
                  "hr": "#6f6f6f", "meta": "#a420f7", "number": "#008100", "operator": "#a420f7",
                  "quote": "#008000", "variable-3": "#007f4f"}
_SYNTAX_CSS = "main { " + " ".join(f"--jp-mirror-editor-{k}-color: {v};" for k, v in SYNTAX_COLOURS.items()) + " }"
# nbconvert's lab template without anything it would fetch from a CDN, at a readable width.
_PAGE_TEMPLATE = """{%- extends 'index.html.j2' -%}
{% block html_head_js %}{% endblock html_head_js %}
{% block jupyter_widgets %}{% endblock jupyter_widgets %}
{% block html_head_js_mathjax %}{% endblock html_head_js_mathjax %}
{% block html_head_js_mermaidjs %}{% endblock html_head_js_mermaidjs %}
{% block extra_css %}<style>
""" + _SYNTAX_CSS + """
main { max-width: 62rem; margin: 0 auto; padding: 1rem; }
.edition-note { font-family: var(--jp-content-font-family); font-size: var(--jp-content-font-size1);
  border-left: 4px solid var(--jp-brand-color1); padding: 4px 8px; background: var(--jp-layout-color2); }
.edition-note a { color: var(--jp-content-link-color); text-decoration: underline; }
/* links in text are told apart by more than colour (axe link-in-text-block); JupyterLab's own CSS removes the
   underline with '.jp-RenderedHTMLCommon a:link', so these selectors are one element more specific */
body a, body .jp-RenderedHTMLCommon a:link, body .jp-RenderedHTMLCommon a:visited,
body .jp-RenderedText pre a:link, body .jp-RenderedText pre a:visited { text-decoration: underline; }
main .jp-InputArea-editor pre, main .jp-OutputArea-output pre {
  white-space: pre-wrap; word-break: normal; overflow-wrap: anywhere; }
.evidence-explorer { margin: 0.5rem 0; }
.evidence-explorer img { max-width: 100%; height: auto; display: block; }
math { font-size: 1.1em; }
</style>{% endblock extra_css %}
{% block body_header %}{{ super() }}
<p class="edition-note">{{ resources.edition_note | e }} <a href="index.html">All sections</a></p>
{% endblock body_header %}
"""


class BuildError(Exception):
    """A problem the command line reports in one sentence (no traceback)."""


def course_order(paths):
    """Section notebooks (``NN_name.ipynb``) in course order: by their number, then name."""
    def key(path):
        name = pathlib.PurePath(path).name
        number = re.match(r"\d+", name)
        return (int(number.group()) if number else sys.maxsize, name)

    return sorted(paths, key=key)


def notebook_title(nb, default: str) -> str:
    """The text of the notebook's first markdown heading (``default`` if it has none)."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            match = re.search(r"^#+\s+(.+?)\s*#*$", cell.source, re.MULTILINE)
            if match:
                return match.group(1)
    return default


def tex_to_mathml(tex: str, display: bool = False) -> str:
    """MathML for a TeX formula; TeX that does not convert stays as escaped text, with a warning."""
    delimiter = "$$" if display else "$"
    try:
        mathml = latex_to_mathml(tex, display="block" if display else "inline")
    except Exception as error:  # latex2mathml raises a range of exception types for bad TeX
        mathml, reason = None, f"{type(error).__name__}: {error}"
    else:
        unknown = re.search(r">(\\[A-Za-z]+)<", mathml)  # latex2mathml passes unknown commands through
        reason = f"unknown command {unknown.group(1)}" if unknown else None
    if reason:
        log.warning("could not convert %s%s%s to MathML (%s); left as text", delimiter, tex, delimiter, reason)
        return html.escape(f"{delimiter}{tex}{delimiter}", quote=False)
    return mathml


def unname_empty_headers(page: str) -> str:
    """Empty table header cells (``<th></th>``, ``<th>&nbsp;</th>``) as ordinary cells, keeping their attributes."""
    return _EMPTY_HEADER.sub(r"<td\1></td>", page)


def strip_widget_views(nb) -> int:
    """Drop live-widget views from the outputs (their text/plain stays); return how many there were."""
    found = 0
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            if WIDGET_VIEW in output.get("data", {}):
                del output["data"][WIDGET_VIEW]
                found += 1
    nb.metadata.pop("widgets", None)
    return found


class MathMLRenderer(IPythonRenderer):
    """nbconvert's markdown renderer, with $...$ and $$...$$ as MathML instead of TeX for MathJax."""

    def inline_math(self, body: str) -> str:
        return tex_to_mathml(body)

    def block_math(self, body: str) -> str:
        return tex_to_mathml(body, display=True)


class MathMLMarkdownMixin:
    """For an nbconvert HTML exporter: Markdown rendered as HTMLExporter.markdown2html does, but with TeX
    as MathML (browsers draw it and screen readers read it without MathJax)."""

    @pass_context
    def markdown2html(self, context, source):
        renderer = MathMLRenderer(
            escape=False, attachments=context.get("cell", {}).get("attachments", {}), embed_images=self.embed_images,
            path=context.get("resources", {}).get("metadata", {}).get("path", ""),
            anchor_link_text=self.anchor_link_text, exclude_anchor_links=self.exclude_anchor_links,
            **self.lexer_options)
        return MarkdownWithMath(renderer=renderer).render(source)


class StaticHTMLExporter(MathMLMarkdownMixin, HTMLExporter):
    """The lab template without anything from a CDN, images embedded, math as MathML."""

    def __init__(self, **kw):
        # No In [n]: / Out[n]: prompts: they mean nothing without a kernel (and were grey at 2.2:1).
        kw = {"exclude_input_prompt": True, "exclude_output_prompt": True, **kw}
        super().__init__(template_name="lab", template_file="static_edition.html.j2", embed_images=True,
                         extra_loaders=[DictLoader({"static_edition.html.j2": _PAGE_TEMPLATE})], log=_NBCONVERT_LOG,
                         **kw)


class _CurrentEnvKernelManager(AsyncKernelManager):
    """A kernel of this Python, whatever kernel the notebook names (its kernelspec may be another Python's)."""

    @property
    def kernel_spec(self):
        return KernelSpec(resource_dir=RESOURCES, **get_kernel_dict())


async def execute_static(path: pathlib.Path, timeout: int = 600):
    """Run a notebook (in its own folder) with explorers displayed as static HTML; return it."""
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, kernel_manager_class=_CurrentEnvKernelManager, timeout=timeout,
                            store_widget_state=False, resources={"metadata": {"path": str(path.parent)}})
    env = {**os.environ, STATIC_ENV: "1", "PYDEVD_DISABLE_FILE_VALIDATION": "1"}
    try:
        await client.async_execute(env=env, stderr=subprocess.DEVNULL)
    except CellControlSignal as error:  # a cell raised, or timed out
        detail = f"{error.ename}: {error.evalue}" if hasattr(error, "ename") else str(error).strip().splitlines()[0]
        raise BuildError(f"{path.name}: a cell failed while running ({detail}).") from None
    except DeadKernelError as error:
        raise BuildError(f"{path.name}: the kernel died while running ({error}).") from None
    return nb


async def _execute_all(paths, timeout: int, jobs: int) -> list:
    slots = asyncio.Semaphore(jobs)

    async def run(path):
        async with slots:
            return await execute_static(path, timeout)

    return await asyncio.gather(*map(run, paths))


def _content_note_html() -> str:
    """The course's content note and UK support signposting (the wording every notebook opens with)."""
    note = CONTENT_NOTE.replace("This notebook", "This course", 1)
    return markdown2html_mistune(f"{note}\n\n{SUPPORT}")


def index_html(entries) -> str:
    """The contents page: ``entries`` are (file name, title) pairs in course order."""
    items = "\n".join(f'<li><a href="{html.escape(href)}">{html.escape(title)}</a></li>' for href, title in entries)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>{html.escape(COURSE_TITLE)}: static edition</title>
<style>
body {{ font-family: system-ui, sans-serif; line-height: 1.5; max-width: 46rem; margin: 2rem auto; padding: 0 1rem; }}
.content-note {{ border-left: 4px solid #0072B2; padding: 0 1rem; background: #f4f4f4; }}
ol {{ list-style: none; padding-left: 0; }}  /* the titles carry the section numbers */
</style>
</head>
<body>
<main>
<h1>{html.escape(COURSE_TITLE)}</h1>
<p>A course on Chapter 3 of <i>Cyber crime: A review of the evidence</i> (McGuire and Dowling, 2013).</p>
<p>{html.escape(EDITION_NOTE)}</p>
<aside class="content-note">
{_content_note_html()}
</aside>
<h2>Sections</h2>
<ol>
{items}
</ol>
</main>
</body>
</html>
"""


def build(notebooks: pathlib.Path, out: pathlib.Path, timeout: int = 600, jobs: int = 2) -> list[pathlib.Path]:
    """Write one HTML page per section notebook and ``index.html`` to ``out``; return the pages written.

    ``jobs`` notebooks run at a time; ``timeout`` is the seconds allowed for one cell.
    """
    notebooks, out = pathlib.Path(notebooks), pathlib.Path(out)
    if not notebooks.is_dir():
        raise BuildError(f"There is no notebooks folder at {notebooks}.")
    sections = course_order(notebooks.glob(SECTION_GLOB))
    if not sections:
        raise BuildError(f"{notebooks} has no section notebooks (files named like 00_start_here.ipynb).")
    with tempfile.TemporaryDirectory(prefix="html-edition-") as tmp:
        copy = pathlib.Path(tmp) / notebooks.name
        shutil.copytree(notebooks, copy, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
        executed = asyncio.run(_execute_all([copy / s.name for s in sections], timeout, max(1, jobs)))
    exporter = StaticHTMLExporter()
    out.mkdir(parents=True, exist_ok=True)
    written, entries = [], []
    for section, nb in zip(sections, executed):
        if strip_widget_views(nb):
            log.warning("%s displays widgets other than explorers; they are shown as text", section.name)
        title = notebook_title(nb, section.stem)
        nb.metadata["title"] = f"{title} | static edition"
        page, _ = exporter.from_notebook_node(nb, resources={
            "metadata": {"name": section.stem, "path": str(notebooks)},
            "edition_note": EDITION_NOTE})
        page = unname_empty_headers(page.replace(NO_ALT, FIGURE_ALT))
        target = out / f"{section.stem}.html"
        target.write_text(page, encoding="utf-8")
        written.append(target)
        entries.append((target.name, title))
        log.info("wrote %s (%d KB)", target, target.stat().st_size // 1024)
    (out / "index.html").write_text(index_html(entries), encoding="utf-8")
    return written
