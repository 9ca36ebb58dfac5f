"""Exercise sets a lecturer can adopt (issue 13): model answers within their own word limits, one mark
scheme (the rubric, out of 20), no "Tools" hint that gives a function's name away after set 03, and a core
analysis task in every set in which students load or reshape data themselves."""
import json
import pathlib
import re

import nbformat
import pytest

from tools.scripts import load_script

pacing = load_script("pacing")
ROOT = pathlib.Path(__file__).resolve().parents[1]
SOLUTIONS = sorted((ROOT / "solutions").glob("[0-9][0-9]_*.ipynb"))
IDS = [p.name[:2] for p in SOLUTIONS]

WORD = re.compile(r"[A-Za-z0-9]")


def _cells(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    return [(c["cell_type"], "".join(c["source"]), c.get("metadata", {}).get("tags", [])) for c in nb["cells"]]


def words(markdown: str) -> int:
    """Words a reader counts: tokens with a letter or digit, after markdown emphasis and the label."""
    text = re.sub(r"^\*\*Model answer[^*]*\*\*", "", markdown.strip())
    text = re.sub(r"[*_`#>|]", " ", text)
    return sum(1 for token in text.split() if WORD.search(token))


def test_word_count():
    assert words("**Model answer.** The 186 offences *recorded* by the police — in 2004/05.") == 9


@pytest.mark.parametrize("path", SOLUTIONS, ids=IDS)
def test_every_model_answer_is_within_its_own_word_limit(path):
    answers = pacing.written_answers(nbformat.read(path, as_version=4))
    assert answers, f"{path.name} has no model answer"
    for limit, answer in answers:
        assert limit, f"{path.name}: the exercise before this model answer states no word limit:\n{answer[:120]}"
        assert words(answer) <= limit, (
            f"{path.name}: a model answer has {words(answer)} words, over the exercise's own limit of {limit}:"
            f"\n{answer[:160]}...")


@pytest.mark.parametrize("path", SOLUTIONS, ids=IDS)
def test_one_mark_scheme_the_rubric_out_of_20(path):
    notes = "\n".join(source for kind, source, tags in _cells(path) if "lecturer" in tags)
    assert "marking_rubric.md" in notes and re.search(r"out of 20", notes), (
        f"{path.name}: the Lecturer notes must mark written answers out of 20 on teaching/marking_rubric.md")
    other = re.findall(r"\(\s*\d+\s+marks?\b|\b\d+\s+marks?\)|out of (?!20\b)\d+\b", notes)
    assert not other, f"{path.name}: the Lecturer notes still give another mark scheme: {other}"


@pytest.mark.parametrize("path", [p for p in SOLUTIONS if int(p.name[:2]) >= 4], ids=[p.name[:2] for p in SOLUTIONS
                                                                                         if int(p.name[:2]) >= 4])
def test_no_tools_hint_names_a_function_after_set_03(path):
    for kind, source, tags in _cells(path):
        if kind != "markdown" or "solution" in tags or "lecturer" in tags:
            continue
        for hint in re.findall(r"Tools?:?\*{0,2}[^\n]*", source):
            assert not re.search(r"`[\w.]*\w\(", hint), f"{path.name}: a Tools hint gives a function away: {hint[:160]}"


@pytest.mark.parametrize("path", SOLUTIONS, ids=IDS)
def test_students_load_or_reshape_data_themselves(path):
    """The core task: an answer cell in which the student reads a data file or reshapes a table."""
    code = "\n".join(source for kind, source, tags in _cells(path) if kind == "code" and "BEGIN SOLUTION" in source)
    assert re.search(r"read_csv\(|\.pivot\(|\.pivot_table\(|\.melt\(|\.groupby\(|\.merge\(|pd\.concat\(", code), (
        f"{path.name}: no answer cell loads or reshapes data (read_csv, pivot, melt, groupby, merge, concat)")


def test_the_messy_extract_is_cleaned_in_some_set():
    messy = sorted((ROOT / "data" / "extracts").glob("*.csv"))
    assert messy, "data/extracts/ holds no deliberately messy extract"
    used = [p.name for p in SOLUTIONS if any(m.name in p.read_text(encoding="utf-8") for m in messy)]
    assert used, "no exercise set uses the messy extract in data/extracts/"


@pytest.mark.parametrize("path", SOLUTIONS, ids=IDS)
def test_data_files_are_found_wherever_the_set_runs(path):
    """A path such as "../data/facts.csv" works only beside the repository's notebooks, not in nbgrader's
    release and submission folders or a copied exercise: read files with ec.data_file(name)."""
    text = path.read_text(encoding="utf-8")
    assert "../data/" not in text, f"{path.name}: read data files with pd.read_csv(ec.data_file(name)), not '../data/…'"
