"""axe-core in the browser tests: run it on a page, and split what it finds into the course's own
problems and those of the application around the notebook (JupyterLab's or Voila's own interface).

axe-core comes from the npm registry, pinned in tests/browser/package.json and package-lock.json
(``npm ci --prefix tests/browser``); it is injected from that file, never from a CDN.
"""
from __future__ import annotations

import pathlib

import pytest

AXE_JS = pathlib.Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = ("serious", "critical")
# WCAG 2.0-2.2 A and AA, and axe's best practices (landmarks, headings, empty table headers).
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]

# What the notebooks put on the page: their rendered Markdown and every cell output (including the
# explorers). Everything else (menus, toolbars, prompts, the code editor, Voila's spinner) belongs to
# JupyterLab or Voila.
COURSE_CONTENT = ".jp-OutputArea-output, .jp-RenderedMarkdown, .jp-MarkdownOutput"

RUN_AXE = """async ([tags, course]) => {
  const results = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
  const found = [];
  for (const rule of results.violations)
    for (const node of rule.nodes) {
      const target = node.target[node.target.length - 1];
      let element = null;
      try { element = document.querySelector(target); } catch (e) { element = null; }
      found.push({rule: rule.id, impact: node.impact || rule.impact, help: rule.help, target: String(target),
                  html: node.html.slice(0, 200), summary: (node.failureSummary || '').slice(0, 300),
                  course: !!(element && element.closest(course))});
    }
  return found;
}"""


def axe_available() -> pathlib.Path:
    if not AXE_JS.exists():
        pytest.fail(f"axe-core is not installed ({AXE_JS} is missing). From the repository's root, run "
                    "`npm ci --prefix tests/browser` (it installs the pinned version from the npm registry).")
    return AXE_JS


def run_axe(page, course_content: str = COURSE_CONTENT) -> list[dict]:
    """Every violation axe-core finds on the page, one entry per element, marked course=True when the
    element is part of the notebook's own content (``course_content``)."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(path=str(axe_available()))
    return page.evaluate(RUN_AXE, [TAGS, course_content])


def describe(found: list[dict]) -> str:
    return "\n".join(f"  [{v['impact']}] {v['rule']} ({v['help']}): {v['target']}\n      {v['html']}\n      "
                     + v["summary"].replace("\n", " ") for v in found)


def check_axe(page, name: str, course_content: str = COURSE_CONTENT) -> list[dict]:
    """No serious or critical violation in the course's content; the application's own are printed."""
    found = run_axe(page, course_content)
    own = [v for v in found if v["course"] and v["impact"] in BLOCKING]
    others = [v for v in found if not v["course"]]
    if others:
        rules = sorted({f"{v['rule']} ({v['impact']})" for v in others})
        print(f"{name}: {len(others)} axe findings in the application around the notebook, not the course's: "
              + ", ".join(rules))
    minor = [v for v in found if v["course"] and v["impact"] not in BLOCKING]
    if minor:
        print(f"{name}: minor or moderate findings in the course's content:\n{describe(minor)}")
    assert own == [], f"{name}: serious or critical accessibility problems in the course's content:\n{describe(own)}"
    return found
