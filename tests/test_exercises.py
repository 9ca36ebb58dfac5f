"""Exercise sets: the student notebooks in exercises/ are generated from solutions/ and must
stay in step, leak no solution, and the self-check must behave for right, wrong and
nonsense answers."""
import json
import pathlib

import pytest

from evidence_course import checks
from evidence_course.stats import Interval
from tools.scripts import load_script

ROOT = pathlib.Path(__file__).resolve().parents[1]
make = load_script("make_exercises")

import nbformat  # noqa: E402

SOLUTIONS = sorted((ROOT / "solutions").glob("*.ipynb"))


def _cells(nb):
    return [(c.get("id"), c.cell_type, c.source, sorted(c.get("metadata", {}).get("tags", []))) for c in nb.cells]


@pytest.mark.parametrize("path", SOLUTIONS, ids=[p.name for p in SOLUTIONS])
def test_exercise_is_generated_from_its_solution(path):
    exercise = ROOT / "exercises" / path.name
    assert exercise.exists(), f"exercises/{path.name} is missing: run python scripts/make_exercises.py"
    expected = make.student_version(nbformat.read(path, as_version=4))
    assert _cells(nbformat.read(exercise, as_version=4)) == _cells(expected), (
        f"exercises/{path.name} is out of step with solutions/{path.name}: run python scripts/make_exercises.py")


@pytest.mark.parametrize("path", SOLUTIONS, ids=[p.name for p in SOLUTIONS])
def test_no_solution_text_leaks_into_the_exercise(path):
    hidden = make.solution_texts(nbformat.read(path, as_version=4))
    assert hidden, f"{path.name} marks no solutions"
    text = (ROOT / "exercises" / path.name).read_text(encoding="utf-8")
    leaked = [line for line in hidden if json.dumps(line)[1:-1] in text]
    assert not leaked, f"solution text found in exercises/{path.name}: {leaked[:3]}"


@pytest.mark.parametrize("path", SOLUTIONS, ids=[p.name for p in SOLUTIONS])
def test_every_answer_cell_is_checked_and_expected_to_raise_for_students(path):
    exercise = nbformat.read(ROOT / "exercises" / path.name, as_version=4)
    for cell in exercise.cells:
        if cell.cell_type == "code" and "raise NotImplementedError()" in cell.source:
            assert "raises-exception" in cell.metadata.get("tags", [])


@pytest.mark.parametrize("path", SOLUTIONS, ids=[p.name for p in SOLUTIONS])
def test_every_solution_cell_that_calls_check_has_solution_markers(path):
    unmarked = make.unmarked_answer_cells(nbformat.read(path, as_version=4))
    assert not unmarked, f"solutions/{path.name}: cells {unmarked} call check( without BEGIN/END SOLUTION markers"


@pytest.mark.parametrize("path", SOLUTIONS, ids=[p.name for p in SOLUTIONS])
def test_exercise_opens_with_the_binder_warning_under_its_title(path):
    exercise = nbformat.read(ROOT / "exercises" / path.name, as_version=4)
    assert exercise.cells[0].source.startswith("# ")
    note = exercise.cells[1]
    assert note.get("id") == make.BINDER_NOTE_ID and note.source == make.BINDER_NOTE
    assert "Binder does not keep it" in note.source and "File > Download" in note.source


def _solution(*sources):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# Exercises 99 · Test")] + [nbformat.v4.new_code_cell(s) for s in sources]
    return nb


def test_cell_ids_come_from_the_solution_and_a_second_run_gives_the_same_notebook():
    solution = _solution("x = 1", "# BEGIN SOLUTION\nanswer = 2\n# END SOLUTION\ncheck('99.1', answer)")
    first, second = make.student_version(solution), make.student_version(solution)
    assert [c.id for c in first.cells] == [c.id for c in second.cells]
    assert [c.id for c in first.cells] == [solution.cells[0].id, make.BINDER_NOTE_ID] + [c.id for c in solution.cells[1:]]
    assert nbformat.writes(first) == nbformat.writes(second)


def test_a_cell_without_an_id_gets_a_derived_stable_one():
    cell = nbformat.from_dict({"cell_type": "code", "source": "x = 1", "metadata": {}, "outputs": [],
                               "execution_count": None})
    assert make._cell_id(cell, 3) == make._cell_id(cell, 3) != make._cell_id(cell, 4)


def test_a_cell_that_calls_check_without_markers_is_refused():
    solution = _solution("answer = 42\ncheck('99.1', answer)")
    assert make.unmarked_answer_cells(solution) == [1]
    with pytest.raises(ValueError, match="no '# BEGIN SOLUTION'"):
        make.student_version(solution)


def test_a_prefix_that_matches_nothing_fails_with_a_message(capsys):
    assert make.main(["99-no-such-set"]) == 2
    assert "nothing written" in capsys.readouterr().err
    assert make.main(["[0-9]"]) == 2  # taken literally, not as a pattern


def test_markers_are_replaced_with_the_same_indentation():
    source = "x = 1\nif x:\n    # BEGIN SOLUTION\n    y = 2\n    # END SOLUTION\ncheck('a', y)"
    assert make._strip_code(source) == "x = 1\nif x:\n    # YOUR CODE HERE\n    raise NotImplementedError()\ncheck('a', y)"


def test_unbalanced_markers_are_refused():
    with pytest.raises(ValueError, match="unbalanced"):
        make._strip_code("# BEGIN SOLUTION\nx = 1\n")


class TestCheck:
    """check() with questions registered here (ids starting 'test.')."""

    @classmethod
    def setup_class(cls):
        if "test.rate" not in checks._REGISTRY:
            checks.question("test.rate", lambda: 0.659, tolerance=0.001,
                            hints=[(lambda a, e: abs(a - e * 1000) < 1, "you found the rate per 100 million, not per 100,000."),
                                   (lambda a, e: abs(a / 100 - e) < 0.001, "that looks like a percentage of a percentage.")])
            checks.question("test.ci", lambda: (27.52, 32.58), kind="interval", tolerance=0.05,
                            hints=[(lambda a, e: abs(a[0] - 27.46) < 0.05, "that is the normal-approximation interval; the question asks for Wilson.")])
            checks.question("test.count", lambda: 72, kind="count")
            checks.question("test.choice", lambda: "individuals", kind="choice")

    def test_right_answers(self):
        assert checks.check("test.rate", 0.6594)
        assert checks.check("test.ci", Interval(30, 27.53, 32.57))
        assert checks.check("test.ci", (27.5, 32.6))
        assert checks.check("test.count", 72)
        assert checks.check("test.choice", " Individuals ")

    def test_wrong_answers_get_the_intended_hint_without_the_answer(self):
        result = checks.check("test.rate", 659.0)
        assert not result and "per 100 million" in result.message and "0.659" not in repr(result)
        result = checks.check("test.ci", (27.46, 32.53))
        assert not result and "normal-approximation" in result.message
        assert "72" not in repr(checks.check("test.count", 70))

    @pytest.mark.parametrize("answer, hint", [((0.2753, 0.3259), "proportions"), ((27.47, 32.53), "normal-approximation"),
                                              ((27.48, 32.62), "Clopper–Pearson")])
    def test_wilson_hints_name_the_interval_given(self, answer, hint):
        from evidence_course.stats import proportion_ci_pct

        if "test.wilson" not in checks._REGISTRY:
            checks.question("test.wilson", lambda: tuple(proportion_ci_pct(30, 1257))[1:], kind="interval", tolerance=0.05,
                            hints=checks.wilson_hints(lambda method: tuple(proportion_ci_pct(30, 1257, method=method))[1:]))
        assert checks.check("test.wilson", tuple(proportion_ci_pct(30, 1257))[1:])
        result = checks.check("test.wilson", answer)
        assert not result and hint in result.message

    @pytest.mark.parametrize("nonsense", ["0.659", "abc", None, True, [1, 2, 3], {"a": 1}, float("nan"), object()])
    def test_nonsense_gets_a_friendly_message_not_a_traceback(self, nonsense):
        result = checks.check("test.rate", nonsense)
        assert not result and result.message and "Traceback" not in result.message

    def test_interval_shape_and_order(self):
        assert "two numbers" in checks.check("test.ci", 30).message
        assert "low end" in checks.check("test.ci", (32.6, 27.5)).message

    def test_unknown_question_and_text_for_choice(self):
        assert "no question called" in checks.check("nope", 1).message
        assert "as text" in checks.check("test.choice", 3).message

    def test_registered_expected_values_compute(self):
        for qid in checks.question_ids():
            assert checks._REGISTRY[qid].expected() is not None, qid

    def test_display_is_one_stable_line(self):
        assert repr(checks.check("test.count", 72)) == "Correct! "
        assert checks.check("test.count", 72)._repr_markdown_().startswith("✅")


def test_interval_questions_accept_an_interval_as_expected_value():
    from evidence_course import stats
    if "test.interval_obj" not in checks._REGISTRY:
        checks.question("test.interval_obj", lambda: stats.proportion_ci_pct(30, 1257), kind="interval", tolerance=0.05)
    assert checks.check("test.interval_obj", stats.proportion_ci_pct(30, 1257))
    assert checks.check("test.interval_obj", (27.52, 32.58))


def test_a_broken_answer_module_only_affects_its_own_set(monkeypatch):
    from evidence_course import answers
    monkeypatch.setitem(answers.LOAD_ERRORS, "ex99", "SyntaxError: invalid syntax")
    result = checks.check("99.1", 5)
    assert not result and "could not be loaded" in result.message and "tell your tutor" in result.message


def test_a_check_whose_data_cannot_be_read_says_so(monkeypatch):
    import evidence_course as ec
    if "test.data" not in checks._REGISTRY:
        checks.question("test.data", lambda: ec.load_table("no such table"), kind="count")
    result = checks.check("test.data", 1)
    assert not result and "could not run" in result.message
