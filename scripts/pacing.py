"""Estimated study times for every notebook and exercise set, from one stated rule.

The rule (change the constants below, not the numbers in the README, and re-run):

* **Reading**: prose in Markdown cells at READING_WPM words a minute. Technical prose full of
  numbers, line references and caveats is read far more slowly than ordinary text (200–250 words a
  minute); 100 is a deliberate, careful-study pace.
* **Code**: CODE_CELL_MIN minutes per code cell (read it, run it, look at the output) plus
  CODE_LINE_MIN per line of code, because second-year criminology students read code line by line.
* **Explorers**: WIDGET_MIN extra minutes for each cell that displays an explorer (a widget), to try
  a few settings.
* **Exercises**: SELF_CHECKED_MIN minutes for each self-checked answer; WORKING_MIN for each cell of the
  student's own working without a self-check (loading, cleaning or reshaping data for a later part); and
  for each written answer, its word limit's upper end at WRITING_WPM words a minute (careful writing with
  the sources open), or WRITTEN_MIN when the exercise states no limit — whatever the set says.

How it was calibrated, and how to calibrate it for your students: the rule was set so that notebook 03
(about 5,200 words and 43 code cells) comes out near two hours, double the notebook's own "60–75
minutes", which is what a reviewer working through it end to end found (150 minutes); notebook 00 then
comes out at about 50 minutes, a little above its own "30–40". It has NOT yet been timed with students. Time two notebooks with a few students (or
yourself, reading every line and running every cell), compare with the table, and adjust the constants.

    python scripts/pacing.py            # a table of every notebook and set, the core path and the full route
    python scripts/pacing.py --markdown # the same as a Markdown table
    python scripts/pacing.py --write    # write the times into the README's table and each notebook's
                                        # "*Estimated time:*" line (tests check that they agree)
"""
from __future__ import annotations

import math
import pathlib
import re
import sys

import nbformat

ROOT = pathlib.Path(__file__).resolve().parent.parent

READING_WPM = 100
CODE_CELL_MIN = 1.0
CODE_LINE_MIN = 0.25
WIDGET_MIN = 3.0
SELF_CHECKED_MIN = 10.0
WORKING_MIN = 5.0
WRITING_WPM = 10
WRITTEN_MIN = 25.0

#: The short route for a two-week block (README, "Map of the course").
CORE_PATH = ("00", "01", "03", "06", "09", "10")

_WIDGET = re.compile(r"\b(?:ec\.)?widgets\.\w+\(|_explorer\(|_planner\(")
_MARKUP = re.compile(r"<[^>]+>|[#*_`|>]+")


def words(markdown: str) -> int:
    """Words a reader reads: Markdown and HTML markup removed."""
    return len(_MARKUP.sub(" ", markdown).split())


def notebook_minutes(path: pathlib.Path) -> dict:
    """Reading, code and explorer minutes for one section notebook."""
    nb = nbformat.read(path, as_version=4)
    prose = sum(words(c.source) for c in nb.cells if c.cell_type == "markdown")
    code = [c for c in nb.cells if c.cell_type == "code"]
    lines = sum(len([line for line in c.source.splitlines() if line.strip()]) for c in code)
    widgets = sum(1 for c in code if _WIDGET.search(c.source))
    reading, coding, exploring = prose / READING_WPM, len(code) * CODE_CELL_MIN + lines * CODE_LINE_MIN, widgets * WIDGET_MIN
    return {"words": prose, "code_cells": len(code), "code_lines": lines, "explorers": widgets,
            "minutes": reading + coding + exploring}


_LIMIT = re.compile(r"(\d+)\s*[–-]\s*(\d+)\s*words")


def written_answers(nb) -> list[tuple[int | None, str]]:
    """``(upper word limit, model answer)`` for each written answer (a Markdown cell tagged ``solution`` that
    starts with "**Model answer"); the limit is read from the exercise text since the previous answer or
    exercise heading, None where none is stated."""
    answers, prompt = [], []
    for cell in nb.cells:
        tags = cell.get("metadata", {}).get("tags", [])
        if "lecturer" in tags or cell.cell_type != "markdown":
            continue
        if "solution" in tags and cell.source.lstrip().startswith("**Model answer"):
            found = [int(high) for _, high in _LIMIT.findall("\n".join(prompt))]
            answers.append((max(found) if found else None, cell.source))
            prompt = []
        elif cell.source.startswith("## Exercise"):
            prompt = [cell.source]
        elif "solution" not in tags:
            prompt.append(cell.source)
    return answers


def exercise_minutes(path: pathlib.Path) -> dict:
    """Minutes for one exercise set, counted from the solution: self-checked answers, cells of the
    student's own working, and written answers by their word limits."""
    nb = nbformat.read(path, as_version=4)
    headings = [c.source for c in nb.cells if c.cell_type == "markdown" and c.source.startswith("## Exercise")]
    answers = [c for c in nb.cells if c.cell_type == "code" and "BEGIN SOLUTION" in c.source]
    checked = sum(1 for c in nb.cells if c.cell_type == "code" and "check(" in c.source)
    working = sum(1 for c in answers if "check(" not in c.source)
    limits = [limit for limit, _ in written_answers(nb)]
    writing = sum(WRITTEN_MIN if limit is None else limit / WRITING_WPM for limit in limits)
    return {"exercises": len(headings), "self_checked": checked, "working": working, "written": len(limits),
            "minutes": checked * SELF_CHECKED_MIN + working * WORKING_MIN + writing}


def _round5(minutes: float) -> int:
    return int(5 * math.ceil(minutes / 5))


def _hours(minutes: float) -> str:
    return f"{minutes / 60:.1f} h"


def table() -> list[dict]:
    rows = []
    for path in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        row = {"number": path.name[:2], "notebook": path.stem, **notebook_minutes(path)}
        solution = ROOT / "solutions" / path.name
        row["exercise_minutes"] = exercise_minutes(solution)["minutes"] if solution.exists() else 0.0
        rows.append(row)
    return rows


def report(markdown: bool = False) -> str:
    rows = table()
    out = []
    if markdown:
        out.append("| Notebook | Words | Code cells (lines) | Explorers | Notebook | Exercise set | Both |")
        out.append("|---|---:|---:|---:|---:|---:|---:|")
    else:
        out.append(f"{'notebook':<52} {'words':>6} {'cells':>6} {'lines':>6} {'expl':>5} {'nb min':>7} {'ex min':>7} {'total':>7}")
    for r in rows:
        nb_min, ex_min = _round5(r["minutes"]), _round5(r["exercise_minutes"])
        if markdown:
            out.append(f"| {r['notebook']} | {r['words']:,} | {r['code_cells']} ({r['code_lines']}) | {r['explorers']} | "
                       f"{nb_min} min | {ex_min or '—'}{' min' if ex_min else ''} | {nb_min + ex_min} min |")
        else:
            out.append(f"{r['notebook']:<52} {r['words']:>6} {r['code_cells']:>6} {r['code_lines']:>6} {r['explorers']:>5} "
                       f"{nb_min:>7} {ex_min:>7} {nb_min + ex_min:>7}")
    core = [r for r in rows if r["number"] in CORE_PATH]
    core_total = sum(_round5(r["minutes"]) + _round5(r["exercise_minutes"]) for r in core)
    full_total = sum(_round5(r["minutes"]) + _round5(r["exercise_minutes"]) for r in rows)
    out.append("")
    out.append(f"Core path ({', '.join(CORE_PATH)}), notebooks and exercise sets: {core_total} minutes ({_hours(core_total)}).")
    out.append(f"Full route (all {len(rows)} notebooks and every exercise set): {full_total} minutes ({_hours(full_total)}).")
    out.append(f"Rule: {READING_WPM} words/min; {CODE_CELL_MIN:g} min per code cell + {CODE_LINE_MIN:g} min per line; "
               f"{WIDGET_MIN:g} min per explorer; {SELF_CHECKED_MIN:g} min per self-checked answer, {WORKING_MIN:g} per "
               f"cell of the student's own working, and a written answer's word limit at {WRITING_WPM} words/min "
               f"({WRITTEN_MIN:g} min without a limit).")
    return "\n".join(out)


README_START, README_END = "<!-- pacing:start -->", "<!-- pacing:end -->"
_STATED = re.compile(r"\*Estimated time:\* about (\d+) minutes by the course's pacing rule")


def stated_minutes(path: pathlib.Path) -> int | None:
    """The minutes a notebook's first cell states ("*Estimated time:* about N minutes by the course's pacing rule")."""
    match = _STATED.search(nbformat.read(path, as_version=4).cells[0].source)
    return int(match.group(1)) if match else None


def readme_block() -> str:
    """The README's table of times and the two routes, from the rule."""
    rows = table()
    out = [README_START, "| Notebook | Notebook | Exercise set | Both |", "|---|---:|---:|---:|"]
    for r in rows:
        nb_min, ex_min = _round5(r["minutes"]), _round5(r["exercise_minutes"])
        core = " (core)" if r["number"] in CORE_PATH else ""
        out.append(f"| {r['number']}{core} | {nb_min} min | {f'{ex_min} min' if ex_min else '—'} | {nb_min + ex_min} min |")
    core_total = sum(_round5(r["minutes"]) + _round5(r["exercise_minutes"]) for r in rows if r["number"] in CORE_PATH)
    full_total = sum(_round5(r["minutes"]) + _round5(r["exercise_minutes"]) for r in rows)
    out += ["", f"Core path with its exercise sets: about **{_hours(core_total)}**; full route: about "
                f"**{_hours(full_total)}**.", README_END]
    return "\n".join(out)


def _write_stated(path: pathlib.Path, minutes: int) -> bool:
    """Put ``minutes`` into the notebook's "*Estimated time:*" line; True if the file changed."""
    nb = nbformat.read(path, as_version=4)
    first = nb.cells[0]
    line = (f"*Estimated time:* about {minutes} minutes by the course's pacing rule (`python scripts/pacing.py`: "
            "careful study, reading every line and running every cell; a first read takes less).")
    new = re.sub(r"\*Estimated time:\*[^\n]*", lambda _: line, first.source, count=1)
    if new == first.source:
        return False
    first.source = new
    nbformat.write(nb, path)
    return True


_SET_TIME = re.compile(r"\*\*(?:Total estimated|Estimated) time:\*\* about \d+ minutes(?: by the course's pacing rule"
                       r" \(careful study; the times given with the exercises add up to about \d+\))?")
_EXERCISE_MINUTES = re.compile(r"^## Exercise[^\n]*?about (\d+) minutes", re.M)


def set_line(path: pathlib.Path) -> str:
    """A set's "**Estimated time:**" words: the rule's total, and what its exercises' own times add up to."""
    nb = nbformat.read(path, as_version=4)
    own = sum(int(m) for c in nb.cells if c.cell_type == "markdown" for m in _EXERCISE_MINUTES.findall(c.source))
    return (f"**Estimated time:** about {_round5(exercise_minutes(path)['minutes'])} minutes by the course's pacing rule "
            f"(careful study; the times given with the exercises add up to about {own})")


def _write_set_time(path: pathlib.Path) -> bool:
    """Put the rule's time into a set's first cell (the solution; make_exercises.py copies it); True if changed."""
    nb = nbformat.read(path, as_version=4)
    first = nb.cells[0]
    new = _SET_TIME.sub(lambda _: set_line(path), first.source, count=1)
    if new == first.source:
        return False
    first.source = new
    nbformat.write(nb, path)
    return True


def write() -> list[str]:
    """Write the rule's times into every notebook's and set's first cell and the README; return what changed."""
    changed = []
    for path in sorted((ROOT / "solutions").glob("[0-9][0-9]_*.ipynb")):
        if _write_set_time(path):
            changed.append(f"solutions/{path.name}")
    for _ in range(5):  # the line's own words count too: repeat until nothing moves
        moved = False
        for r in table():
            path = ROOT / "notebooks" / f"{r['notebook']}.ipynb"
            if _write_stated(path, _round5(r["minutes"])):
                moved = True
                if path.name not in changed:
                    changed.append(path.name)
        if not moved:
            break
    readme = ROOT / "README.md"
    text = readme.read_text(encoding="utf-8")
    start, end = text.find(README_START), text.find(README_END)
    if start < 0 or end < 0:
        raise SystemExit(f"README.md has no {README_START} ... {README_END} block to write the table into.")
    new = text[:start] + readme_block() + text[end + len(README_END):]
    if new != text:
        readme.write_text(new, encoding="utf-8")
        changed.append("README.md")
    return changed


def main(argv: list[str]) -> int:
    unknown = [a for a in argv if a not in ("--markdown", "--write")]
    if unknown:
        print(f"unknown argument(s) {unknown}; usage: python scripts/pacing.py [--markdown | --write]", file=sys.stderr)
        return 2
    if "--write" in argv:
        changed = write()
        print("updated " + ", ".join(changed) if changed else "no change: the README and the notebooks already agree")
        return 0
    print(report(markdown="--markdown" in argv))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
