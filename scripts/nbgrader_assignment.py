"""Prepare the exercise sets for hand-out, collection and autograding with nbgrader.

``solutions/NN_*.ipynb`` stays the single source: this script works on COPIES, in an nbgrader
course folder of your choice, and never changes solutions/ or exercises/. For each set it writes
``COURSE/source/exNN/NN_<name>.ipynb``, an nbgrader *source* notebook:

* every code cell holding ``# BEGIN SOLUTION`` … ``# END SOLUTION`` becomes an nbgrader solution
  cell (``metadata.nbgrader``: solution, not graded, unlocked); nbgrader replaces the region with
  ``# YOUR CODE HERE`` / ``raise NotImplementedError()`` in the released version;
* after each such cell that ends in a self-check comes a locked, **autograded test cell** worth 1 point
  that asserts the cell's own self-check passes (``assert check("NN.k", answer)``); a solution cell
  with no self-check (the student's own working, such as loading and reshaping data for a later part)
  is a solution cell without a test;
* every written answer (a Markdown cell tagged ``solution``) becomes a manually graded answer cell
  worth 20 points, marked on ``teaching/marking_rubric.md`` (nbgrader shows "YOUR ANSWER HERE");
* the *Lecturer notes* cell (tagged ``lecturer``) is left out, and outputs are cleared.

It also writes ``COURSE/nbgrader_config.py``. With ``--release`` it then runs
``nbgrader generate_assignment`` for each set (nbgrader must be installed: see
requirements-lecturer.txt; the venv's ``bin/`` is put on PATH, because nbgrader runs ``alembic``).

    python scripts/nbgrader_assignment.py COURSE_FOLDER            # every set
    python scripts/nbgrader_assignment.py COURSE_FOLDER 03 10      # sets 03 and 10 only
    python scripts/nbgrader_assignment.py COURSE_FOLDER --release  # and generate the student versions

The autograded points are a small practice component: the expected values can be found by a
student who reads the course package, so assess with the written answers (see teaching/README.md).
"""
from __future__ import annotations

import os
import pathlib
import re
import shutil
import subprocess
import sys

import nbformat

ROOT = pathlib.Path(__file__).resolve().parent.parent
SOLUTIONS = ROOT / "solutions"
WRITTEN_POINTS = 20
CHECK_POINTS = 1
_CHECK = re.compile(r"""^\s*check\(\s*(["'])(?P<qid>[^"']+)\1\s*,\s*(?P<expr>.+?)\s*\)\s*$""", re.M)

CONFIG = '''# nbgrader configuration written by scripts/nbgrader_assignment.py
c = get_config()
c.CourseDirectory.course_id = "evidence-course"
c.CourseDirectory.root = {root!r}
# The course marks solutions with single-hash "# BEGIN SOLUTION" / "# END SOLUTION"; nbgrader matches the substring.
c.ClearSolutions.begin_solution_delimeter = "BEGIN SOLUTION"
c.ClearSolutions.end_solution_delimeter = "END SOLUTION"
c.ClearSolutions.code_stub = {{"python": "# YOUR CODE HERE\\nraise NotImplementedError()"}}
c.ClearSolutions.text_stub = "YOUR ANSWER HERE"
'''


class AssignmentError(ValueError):
    """The solution notebook cannot be turned into an nbgrader source notebook."""


def _meta(grade_id: str, *, solution: bool, grade: bool, locked: bool, points: int = 0) -> dict:
    meta = {"grade": grade, "grade_id": grade_id, "locked": locked, "schema_version": 3, "solution": solution,
            "task": False}
    if grade:
        meta["points"] = points
    return meta


def source_notebook(solution: nbformat.NotebookNode, set_number: str) -> nbformat.NotebookNode:
    """The nbgrader source notebook for one solution notebook (a new notebook; the input is not changed)."""
    nb = nbformat.v4.new_notebook(metadata={k: v for k, v in solution.metadata.items() if k != "widgets"})
    nb.nbformat, nb.nbformat_minor = 4, 5
    written = 0
    for index, cell in enumerate(solution.cells):
        tags = list(cell.get("metadata", {}).get("tags", []))
        if "lecturer" in tags:
            continue
        cell_id = cell.get("id") or f"cell-{index}"
        if cell.cell_type == "markdown":
            new = nbformat.v4.new_markdown_cell(cell.source)
            if "solution" in tags:
                written += 1
                new.metadata["nbgrader"] = _meta(f"written_{set_number}_{written}", solution=True, grade=True,
                                                 locked=False, points=WRITTEN_POINTS)
            new["id"] = cell_id
            nb.cells.append(new)
        elif cell.cell_type == "code":
            new = nbformat.v4.new_code_cell(cell.source)
            new["id"] = cell_id
            if "BEGIN SOLUTION" not in cell.source:
                if "check(" in cell.source.replace("import check", ""):
                    raise AssignmentError(f"cell {index} calls check( but has no BEGIN/END SOLUTION markers.")
                nb.cells.append(new)
                continue
            calls = _CHECK.findall(cell.source)
            match = _CHECK.search(cell.source)
            if not calls and "check(" not in cell.source:
                # The student's own working (loading or reshaping data for a later part): a solution cell
                # with no test of its own; the parts that use it are tested, or marked as written answers.
                new.metadata["nbgrader"] = _meta(f"work_{set_number}_{index}", solution=True, grade=False,
                                                 locked=False)
                nb.cells.append(new)
                continue
            if len(calls) != 1 or match is None:
                raise AssignmentError(f"cell {index} has solution markers but not exactly one check(\"NN.k\", ...) line.")
            qid, expr = match.group("qid"), match.group("expr")
            safe = re.sub(r"[^A-Za-z0-9_]", "_", qid)
            new.metadata["nbgrader"] = _meta(f"answer_{safe}", solution=True, grade=False, locked=False)
            nb.cells.append(new)
            test = nbformat.v4.new_code_cell(
                f"# Autograded test for exercise {qid}: its self-check must pass ({CHECK_POINTS} point).\n"
                f"result = check({qid!r}, {expr})\n"
                f"assert result, f\"exercise {qid} is not yet correct: {{result.message}}\"")
            test["id"] = f"test-{safe.replace('_', '-')}"
            test.metadata["nbgrader"] = _meta(f"test_{safe}", solution=False, grade=True, locked=True,
                                              points=CHECK_POINTS)
            nb.cells.append(test)
        else:
            raw = nbformat.v4.new_raw_cell(cell.source)
            raw["id"] = cell_id
            nb.cells.append(raw)
    return nb


def assignment_name(path: pathlib.Path) -> str:
    return f"ex{path.name[:2]}"


def write_course(course: pathlib.Path, prefixes=()) -> list[pathlib.Path]:
    """Write the source notebooks and nbgrader_config.py into ``course``; return the notebooks written."""
    paths = sorted(SOLUTIONS.glob("[0-9][0-9]_*.ipynb"))
    if prefixes:
        paths = [p for p in paths if any(p.name.startswith(prefix) for prefix in prefixes)]
        if not paths:
            raise AssignmentError(f"no solution notebook starts with {', '.join(prefixes)}.")
    course.mkdir(parents=True, exist_ok=True)
    (course / "nbgrader_config.py").write_text(CONFIG.format(root=str(course.resolve())), encoding="utf-8")
    written = []
    for path in paths:
        folder = course / "source" / assignment_name(path)
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir(parents=True)
        nb = source_notebook(nbformat.read(path, as_version=4), path.name[:2])
        nbformat.validate(nb)
        nbformat.write(nb, folder / path.name)
        written.append(folder / path.name)
    return written


def nbgrader_env() -> dict:
    """The environment for running nbgrader: this Python's bin/ first on PATH (nbgrader runs alembic)."""
    env = dict(os.environ)
    env["PATH"] = str(pathlib.Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    return env


def run_nbgrader(course: pathlib.Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "nbgrader", *args], cwd=course, env=nbgrader_env(),
                          capture_output=True, text=True)


def main(argv: list[str]) -> int:
    release = "--release" in argv
    args = [a for a in argv if a != "--release"]
    if not args or args[0].startswith("-"):
        print(__doc__.split("\n\n")[0] + "\nusage: python scripts/nbgrader_assignment.py COURSE_FOLDER [NN ...] [--release]",
              file=sys.stderr)
        return 2
    course, prefixes = pathlib.Path(args[0]), args[1:]
    try:
        written = write_course(course, prefixes)
    except AssignmentError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    for path in written:
        print(f"wrote {path}")
    if release:
        for path in written:
            done = run_nbgrader(course, "generate_assignment", path.parent.name, "--force")
            if done.returncode:
                print(f"nbgrader generate_assignment {path.parent.name} failed:\n{done.stdout}{done.stderr}", file=sys.stderr)
                return 1
            print(f"released {course / 'release' / path.parent.name / path.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
