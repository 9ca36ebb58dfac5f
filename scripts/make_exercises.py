"""Generate the student exercise notebooks (exercises/) from the model solutions (solutions/).

solutions/NN_*.ipynb is the single source. In it:
  * code between single-hash markers ``# BEGIN SOLUTION`` and ``# END SOLUTION`` becomes
    ``# YOUR CODE HERE`` + ``raise NotImplementedError()`` and the cell is tagged
    ``raises-exception`` (so nbval expects the error);
  * a markdown cell tagged ``solution`` (a written answer) becomes ``YOUR ANSWER HERE``;
  * a cell tagged ``lecturer`` (marking notes) is left out.
nbgrader matches the BEGIN/END SOLUTION substrings and otter-grader's assign accepts the
single-hash form, so the solutions can also be used with either tool.

    python scripts/make_exercises.py            # regenerate and execute every exercise notebook
    python scripts/make_exercises.py 02         # only sets whose file name starts with 02
Run it after editing a solution; tests/test_exercises.py fails if exercises/ is out of step.
"""
from __future__ import annotations

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


def student_version(solution: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """The exercise notebook for one solution notebook (sources and tags only; not executed)."""
    nb = nbformat.v4.new_notebook(metadata=dict(solution.metadata))
    nb.metadata.pop("widgets", None)
    for cell in solution.cells:
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
        nb.cells.append(new)
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


def main(argv: list[str]) -> int:
    from nbclient import NotebookClient

    prefix = argv[0] if argv else ""
    EXERCISES.mkdir(exist_ok=True)
    for path in sorted(SOLUTIONS.glob(f"{prefix}*.ipynb")):
        nb = student_version(nbformat.read(path, as_version=4))
        NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(EXERCISES)}},
                       record_timing=False).execute()
        nbformat.write(nb, EXERCISES / path.name)
        print(f"wrote {EXERCISES.name}/{path.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
