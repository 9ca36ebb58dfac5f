"""Generate the student exercise notebooks (exercises/) from the model solutions (solutions/).

solutions/NN_*.ipynb is the single source. In it:
  * code between single-hash markers ``# BEGIN SOLUTION`` and ``# END SOLUTION`` becomes
    ``# YOUR CODE HERE`` + ``raise NotImplementedError()`` and the cell is tagged
    ``raises-exception`` (so nbval expects the error);
  * a markdown cell tagged ``solution`` (a written answer) becomes ``YOUR ANSWER HERE``;
  * a cell tagged ``lecturer`` (marking notes) is left out;
  * a note that Binder does not keep work, and how to download it, is put under the title;
  * every cell keeps its solution cell's id, so running the script twice changes nothing.
For hand-out and collection with nbgrader see scripts/nbgrader_assignment.py.

    python scripts/make_exercises.py            # regenerate and execute every exercise notebook
    python scripts/make_exercises.py 02         # only sets whose file name starts with 02
Run it after editing a solution; tests/test_exercises.py fails if exercises/ is out of step.
A prefix that matches no solution notebook is an error (exit status 2), not a silent no-op.
"""
from __future__ import annotations

import hashlib
import pathlib
import re
import sys

import nbformat

ROOT = pathlib.Path(__file__).resolve().parent.parent
SOLUTIONS, EXERCISES = ROOT / "solutions", ROOT / "exercises"
BEGIN, END = "# BEGIN SOLUTION", "# END SOLUTION"
_BLOCK = re.compile(r"^([ \t]*)# BEGIN SOLUTION[^\n]*\n.*?^[ \t]*# END SOLUTION[^\n]*(\n|$)", re.S | re.M)


def _strip_code(source: str) -> str:
    def repl(match):
        indent = match.group(1)
        return f"{indent}# YOUR CODE HERE\n{indent}raise NotImplementedError(){match.group(2)}"

    out = _BLOCK.sub(repl, source)
    if BEGIN in out or END in out:
        raise ValueError("unbalanced '# BEGIN SOLUTION' / '# END SOLUTION' markers:\n" + source)
    return out


#: Id of the note about saving work on Binder (the same in every set).
BINDER_NOTE_ID = "binder-does-not-keep-work"
BINDER_NOTE = """> **Save your work: Binder does not keep it.** If you opened this notebook on Binder (mybinder.org),
> everything you type is lost when the session ends: when you close the tab, or after about ten minutes
> without activity. Before you stop, **download your notebook**: in JupyterLab, **File > Download**
> (in the classic notebook, File > Download as > Notebook (.ipynb)). Next time, start Binder again and
> upload your copy with the file browser's **Upload** button (the arrow above the file list), then open it.
> On your university's JupyterHub or your own computer, **File > Save Notebook** (Ctrl+S) keeps your work as usual."""


def _cell_id(cell: nbformat.NotebookNode, index: int) -> str:
    """The solution cell's own id; a cell without one gets an id derived from its place and text."""
    if cell.get("id"):
        return cell["id"]
    return "c" + hashlib.sha1(f"{index}\0{cell.source}".encode()).hexdigest()[:12]


_CHECK_CALL = re.compile(r"\bcheck\(")


def unmarked_answer_cells(solution: nbformat.NotebookNode) -> list[int]:
    """Indexes of code cells that call ``check(`` but hold no BEGIN/END SOLUTION markers: their
    answer would be copied into the student version, so they are refused."""
    return [i for i, cell in enumerate(solution.cells)
            if cell.cell_type == "code" and _CHECK_CALL.search(cell.source) and BEGIN not in cell.source]


def student_version(solution: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """The exercise notebook for one solution notebook (sources and tags only; not executed).

    Cell ids are the solution's, so the output is the same every time for the same input.
    A code cell that calls ``check(`` without solution markers is refused (ValueError)."""
    unmarked = unmarked_answer_cells(solution)
    if unmarked:
        raise ValueError(
            f"cell(s) {unmarked} call check( but have no '# BEGIN SOLUTION' / '# END SOLUTION' markers: "
            "the model answer would reach the students. Put the answer code between the markers.")
    nb = nbformat.v4.new_notebook(metadata=dict(solution.metadata))
    nb.metadata.pop("widgets", None)
    nb.nbformat, nb.nbformat_minor = 4, 5
    title_seen = False
    for index, cell in enumerate(solution.cells):
        tags = list(cell.get("metadata", {}).get("tags", []))
        if "lecturer" in tags:
            continue
        if cell.cell_type == "markdown":
            source = "YOUR ANSWER HERE" if "solution" in tags else cell.source
            new = nbformat.v4.new_markdown_cell(source)
        elif cell.cell_type == "code":
            source = cell.source
            if BEGIN in source:
                source = _strip_code(source)
                tags = [t for t in tags if t != "solution"] + ["raises-exception"]
            new = nbformat.v4.new_code_cell(source)
        else:
            new = nbformat.v4.new_raw_cell(cell.source)
        tags = [t for t in tags if t != "solution"]
        if tags:
            new.metadata["tags"] = sorted(set(tags))
        new["id"] = _cell_id(cell, index)
        nb.cells.append(new)
        if not title_seen and cell.cell_type == "markdown" and cell.source.lstrip().startswith("# "):
            title_seen = True
            note = nbformat.v4.new_markdown_cell(BINDER_NOTE)
            note["id"] = BINDER_NOTE_ID
            nb.cells.append(note)
    if not title_seen:  # no title: the note goes first
        note = nbformat.v4.new_markdown_cell(BINDER_NOTE)
        note["id"] = BINDER_NOTE_ID
        nb.cells.insert(0, note)
    return nb


def solution_texts(solution: nbformat.NotebookNode) -> list[str]:
    """Every line a student must not see: code inside markers and written answers."""
    hidden = []
    for cell in solution.cells:
        tags = cell.get("metadata", {}).get("tags", [])
        if cell.cell_type == "markdown" and "solution" in tags:
            hidden += [line.strip() for line in cell.source.splitlines()]
        elif cell.cell_type == "code":
            for match in _BLOCK.finditer(cell.source):
                hidden += [line.strip() for line in match.group(0).splitlines()[1:-1]]
    return [line for line in hidden if len(line) >= 12 and not line.startswith("#")]


def glob_escape(text: str) -> str:
    """A prefix taken literally by glob (so '[' or '*' in it match only themselves)."""
    return re.sub(r"([*?\[])", r"[\1]", text)


def main(argv: list[str]) -> int:
    from nbclient import NotebookClient

    if len(argv) > 1:
        print("usage: python scripts/make_exercises.py [PREFIX]   (one prefix, e.g. 02)", file=sys.stderr)
        return 2
    prefix = argv[0] if argv else ""
    paths = sorted(SOLUTIONS.glob(f"{glob_escape(prefix)}*.ipynb"))
    if not paths:
        available = ", ".join(p.name[:2] for p in sorted(SOLUTIONS.glob("*.ipynb"))) or "none"
        print(f"no solution notebook in {SOLUTIONS.name}/ has a name starting with {prefix!r}; nothing written. "
              f"Sets available: {available}.", file=sys.stderr)
        return 2
    EXERCISES.mkdir(exist_ok=True)
    for path in paths:
        try:
            nb = student_version(nbformat.read(path, as_version=4))
        except ValueError as error:
            print(f"{path.relative_to(ROOT)}: {error}", file=sys.stderr)
            return 1
        NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(EXERCISES)}},
                       record_timing=False).execute()
        nbformat.write(nb, EXERCISES / path.name)
        print(f"wrote {EXERCISES.name}/{path.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
