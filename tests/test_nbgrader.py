"""Hand-out and collection with real nbgrader (scripts/nbgrader_assignment.py).

Generates the assignments from solutions/ (on copies), checks that no solution text reaches the
released versions, and autogrades two submissions of every set: the model answers (full marks on
every autograded test) and wrong answers (no marks). Needs nbgrader (requirements-lecturer.txt);
skipped without it. The course package must be importable by the python3 kernel.
"""
from __future__ import annotations

import json
import pathlib

import nbformat
import pytest

from tools.scripts import load_script

pytest.importorskip("nbgrader", reason="nbgrader is a lecturer tool: pip install -r requirements-lecturer.txt")

ROOT = pathlib.Path(__file__).resolve().parents[1]


grader = load_script("nbgrader_assignment")
make = load_script("make_exercises")
SOLUTIONS = sorted((ROOT / "solutions").glob("[0-9][0-9]_*.ipynb"))


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    folder = tmp_path_factory.mktemp("course")
    assert grader.main([str(folder), "--release"]) == 0
    return folder


def test_every_set_is_released(course):
    for path in SOLUTIONS:
        assert (course / "release" / grader.assignment_name(path) / path.name).exists(), path.name


@pytest.mark.parametrize("path", SOLUTIONS, ids=[p.name[:2] for p in SOLUTIONS])
def test_no_solution_text_reaches_the_released_version(course, path):
    solution = nbformat.read(path, as_version=4)
    released = (course / "release" / grader.assignment_name(path) / path.name).read_text(encoding="utf-8")
    leaked = [line for line in make.solution_texts(solution) if json.dumps(line)[1:-1] in released]
    assert not leaked, f"solution text in the released {path.name}: {leaked[:3]}"
    assert "BEGIN SOLUTION" not in released and "Lecturer notes" not in released


@pytest.mark.parametrize("path", SOLUTIONS, ids=[p.name[:2] for p in SOLUTIONS])
def test_each_self_checked_answer_has_a_locked_autograded_test(course, path):
    released = nbformat.read(course / "release" / grader.assignment_name(path) / path.name, as_version=4)
    answers = [c for c in released.cells if c.metadata.get("nbgrader", {}).get("solution") and c.cell_type == "code"]
    tests = [c for c in released.cells if c.metadata.get("nbgrader", {}).get("grade") and c.cell_type == "code"]
    checked = [c for c in answers if c.metadata["nbgrader"]["grade_id"].startswith("answer_")]
    assert checked and len(checked) == len(tests)
    working = [c for c in answers if c.metadata["nbgrader"]["grade_id"].startswith("work_")]
    assert all(not c.metadata["nbgrader"]["grade"] for c in working)  # the student's own working: not graded
    assert all(t.metadata["nbgrader"]["locked"] and t.metadata["nbgrader"]["points"] == grader.CHECK_POINTS for t in tests)
    written = [c for c in released.cells if c.cell_type == "markdown" and c.metadata.get("nbgrader", {}).get("grade")]
    assert written and all(c.metadata["nbgrader"]["points"] == grader.WRITTEN_POINTS for c in written)
    assert all(c.source.strip() == "YOUR ANSWER HERE" for c in written)


def test_a_check_cell_without_markers_is_refused():
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("answer = 1\ncheck('99.1', answer)")])
    with pytest.raises(grader.AssignmentError, match="no BEGIN/END SOLUTION"):
        grader.source_notebook(nb, "99")


def test_working_without_a_self_check_is_an_ungraded_solution_cell():
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell("# BEGIN SOLUTION\ntable = 1\n# END SOLUTION"),
        nbformat.v4.new_code_cell("# BEGIN SOLUTION\nanswer = table\n# END SOLUTION\ncheck('99.1', answer)")])
    source = grader.source_notebook(nb, "99")
    meta = [c.metadata.get("nbgrader", {}) for c in source.cells]
    assert [m.get("grade_id") for m in meta] == ["work_99_0", "answer_99_1", "test_99_1"]
    assert meta[0]["solution"] and not meta[0]["grade"]


def test_a_cell_with_two_checks_is_refused():
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
        "# BEGIN SOLUTION\na = 1\n# END SOLUTION\ncheck('99.1', a)\ncheck('99.2', a)")])
    with pytest.raises(grader.AssignmentError, match="not exactly one check"):
        grader.source_notebook(nb, "99")


def test_the_source_notebooks_leave_solutions_unchanged(tmp_path):
    before = {p.name: p.read_bytes() for p in SOLUTIONS}
    grader.write_course(tmp_path / "c", ["01"])
    assert {p.name: p.read_bytes() for p in SOLUTIONS} == before


@pytest.mark.parametrize("path", SOLUTIONS, ids=[p.name[:2] for p in SOLUTIONS])
def test_autograding_gives_full_marks_to_the_model_answers_and_not_to_wrong_ones(course, path):
    """Every set: the model answers, submitted, get every autograded point (their code runs in nbgrader's
    folders, where only ec.data_file finds the data). Wrong answers (-1 everywhere) get none."""
    from nbgrader.api import Gradebook

    assignment = grader.assignment_name(path)
    source = nbformat.read(course / "source" / assignment / path.name, as_version=4)
    wrong = nbformat.read(course / "release" / assignment / path.name, as_version=4)
    for cell in wrong.cells:
        cell.source = cell.source.replace("raise NotImplementedError()", "answer = -1")
    for student, nb in {"model": source, "wrong": wrong}.items():
        folder = course / "submitted" / student / assignment
        folder.mkdir(parents=True, exist_ok=True)
        nbformat.write(nb, folder / path.name)
    done = grader.run_nbgrader(course, "autograde", assignment, "--force", "--create")
    assert done.returncode == 0, done.stdout + done.stderr

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        model = gradebook.find_submission(assignment, "model")
        wrong_submission = gradebook.find_submission(assignment, "wrong")
        n_tests = sum(1 for c in source.cells if c.metadata.get("nbgrader", {}).get("grade") and c.cell_type == "code")
        assert model.max_code_score == n_tests * grader.CHECK_POINTS
        assert model.code_score == model.max_code_score, f"{path.name}: the model answers did not get full marks"
        assert wrong_submission.code_score == 0
