"""Instant self-checks for the exercise notebooks.

An exercise cell ends with ``check("02.3", answer)``. The call says "Correct" or, for a
wrong answer, what is probably wrong in plain language ("that is the normal-approximation
interval; the question asks for Wilson") without printing the expected answer. A wrong
type or shape of answer gets a friendly sentence, never a traceback.

Questions are registered by the modules in :mod:`evidence_course.answers` (one per exercise
set). Expected values are computed from the data package when the check runs, so they
cannot drift from the data.
"""
from __future__ import annotations

import math
import numbers
from dataclasses import dataclass, field
from typing import Any, Callable

import numpy as np

KINDS = ("number", "interval", "choice", "count")


@dataclass
class Question:
    id: str
    expected: Callable[[], Any]
    kind: str = "number"
    tolerance: float = 0.01
    hints: list = field(default_factory=list)  # [(predicate(answer, expected) -> bool, message)]
    prompt: str = ""
    accept: list = field(default_factory=list)  # [(expected_fn, note)]: other reasonable methods, also correct
    method: str = ""  # the method the model answer uses, named when another accepted one was given


_REGISTRY: dict[str, Question] = {}


def question(id: str, expected: Callable[[], Any], kind: str = "number", tolerance: float = 0.01,
             hints=(), prompt: str = "", accept=(), method: str = "") -> Question:
    """Register a question. ``expected`` is a function (computed when checked); ``tolerance`` is
    absolute, in the answer's own units (e.g. 0.05 percentage points). ``hints`` pairs a test
    ``f(answer, expected)`` with the message shown when it is true.

    Where a question leaves a method choice open (Wilson or normal, with or without the finite
    population correction, pooled or unpooled), ``accept`` lists the other reasonable answers as
    pairs ``(expected_fn, note)``: an answer matching one of them is marked correct, and the reply
    says which method it matches and which one the model answer (``method``) uses."""
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {', '.join(KINDS)}; got {kind!r}.")
    if id in _REGISTRY:
        raise ValueError(f"question {id!r} is registered twice.")
    q = Question(id, expected, kind, tolerance, list(hints), prompt, list(accept), method)
    _REGISTRY[id] = q
    return q


def near(a, b, tol) -> bool:
    """For hints: is a number within ``tol`` of ``b``?"""
    return abs(a - b) <= tol


def pair_near(a, pair, tol) -> bool:
    """For hints: is an interval's each end within ``tol`` of the matching end of ``pair``?"""
    return abs(a[0] - pair[0]) <= tol and abs(a[1] - pair[1]) <= tol


def proportion_hint(message: str = "that is a proportion (between 0 and 1); give a percentage.",
                    tolerance: float = 0.001) -> tuple:
    """The hint for a percentage given as a proportion (the expected value divided by 100)."""
    return (lambda a, e: near(a, e / 100, tolerance), message)


def wilson_hints(ci: Callable[[str], Any], tolerance: float = 0.06, proportion_tolerance: float = 0.001) -> list:
    """Hints for a question asking for a Wilson interval in per cent, for the usual wrong turns:
    proportions instead of per cent, and the normal-approximation or Clopper–Pearson interval.
    ``ci(method)`` returns the interval by that method, in per cent; ``tolerance`` is in points."""
    return [
        (lambda a, e: pair_near(a, [x / 100 for x in e], proportion_tolerance),
         "those are proportions; give the interval in per cent."),
        (lambda a, e: pair_near(a, ci("normal"), tolerance),
         "that is the normal-approximation interval; the question asks for Wilson."),
        (lambda a, e: pair_near(a, ci("clopper-pearson"), tolerance),
         "that is the Clopper–Pearson (exact) interval; the question asks for Wilson."),
    ]


class CheckResult:
    """What ``check`` returns: shown as one line in the notebook; true when the answer is right."""

    def __init__(self, correct: bool, message: str):
        self.correct, self.message = correct, message

    def __bool__(self) -> bool:
        return self.correct

    def __repr__(self) -> str:
        return ("Correct! " if self.correct else "Not yet. ") + self.message

    def _repr_markdown_(self) -> str:
        return ("✅ **Correct!** " if self.correct else "❌ **Not yet.** ") + self.message


def _is_missing(answer) -> bool:
    """pandas' NA and NaT, and numpy/pandas missing markers, without importing pandas here."""
    return type(answer).__name__ in ("NAType", "NaTType")


def _number(answer):
    """The answer as a float, or a sentence saying why it is not a usable number."""
    if _is_missing(answer):
        return None, ("your answer is a missing value (pandas shows it as <NA>): a value is missing somewhere "
                      "in your calculation, for example a blank cell in the table.")
    if isinstance(answer, bool):
        return None, "your answer is True/False; this question needs a number."
    if isinstance(answer, str):
        text = answer.strip().rstrip("%").replace(",", "")
        try:
            float(text)
        except ValueError:
            return None, f"your answer is the text {answer!r}; this question needs a number."
        return None, (f"your answer is the text {answer!r}. Give it as a number, without quotes"
                      + (" or a % sign" if answer.strip().endswith("%") else "") + ".")
    if hasattr(answer, "shape") and getattr(answer, "size", 2) == 1:  # one-element Series/array
        answer = np.asarray(answer, dtype=object).reshape(-1)[0]
        if _is_missing(answer):
            return _number(answer)
    if isinstance(answer, numbers.Real) or isinstance(answer, np.number):
        try:
            value = float(answer)
        except (OverflowError, TypeError, ValueError):
            return None, "your answer is too large to be a sensible result: check each step of your calculation."
        if math.isinf(value):
            return None, "your answer is infinite: did something divide by zero?"
        if math.isnan(value):
            return None, "your answer is NaN (not a number): a value is missing somewhere in your calculation."
        return value, ""
    if answer is None:
        return None, "your answer is None: did the cell assign it (answer = ...) rather than print it?"
    if hasattr(answer, "low") and hasattr(answer, "high"):
        return None, "your answer is an interval; this question needs a single number."
    if hasattr(answer, "__len__"):
        count = len(answer)
        return None, (f"your answer is a {type(answer).__name__} with {count} value{'s' if count != 1 else ''}; "
                      "this question needs a single number.")
    return None, f"your answer is a {type(answer).__name__}; this question needs a number."


def _interval(answer):
    if hasattr(answer, "low") and hasattr(answer, "high"):
        pair = (answer.low, answer.high)
    elif (isinstance(answer, (tuple, list, np.ndarray)) or type(answer).__name__ == "Series") and len(answer) == 2:
        pair = tuple(np.asarray(answer, dtype=object).reshape(-1))  # a pandas Series by position, not label
    else:
        return None, ("this question needs an interval: two numbers, (low, high), e.g. a tuple or the "
                      "Interval that evidence_course.stats returns.")
    values = []
    for part in pair:
        value, problem = _number(part)
        if value is None:
            return None, "each end of the interval must be a number: " + problem
        values.append(value)
    if values[0] > values[1]:
        return None, "the low end of your interval is above the high end: give (low, high)."
    return tuple(values), ""


def _as_pair(q: Question, expected):
    if q.kind == "interval" and hasattr(expected, "low") and hasattr(expected, "high"):
        return (expected.low, expected.high)  # an Interval from evidence_course.stats
    return expected


def _matches(q: Question, given, expected) -> bool:
    if q.kind == "interval":
        return all(abs(g - e) <= q.tolerance for g, e in zip(given, expected))
    if q.kind == "count":
        return given == expected
    return abs(given - expected) <= q.tolerance


def check(question_id: str, answer) -> CheckResult:
    """Check a learner's answer to a registered question."""
    from . import answers  # registers every exercise set's questions

    q = _REGISTRY.get(question_id)
    if q is None:
        broken = answers.LOAD_ERRORS.get(f"ex{str(question_id).split('.')[0]}")
        if broken:
            return CheckResult(False, f"the self-checks for this exercise set could not be loaded ({broken}); "
                                      "please tell your tutor. Your answer has not been checked.")
        return CheckResult(False, f"there is no question called {question_id!r}: check the first argument of check().")
    try:
        expected = q.expected()
    except ValueError as error:  # e.g. a data file that is missing or has been edited (DataError)
        return CheckResult(False, f"the check could not run because the course data could not be read: {error}")
    expected = _as_pair(q, expected)
    if q.kind == "choice":
        if not isinstance(answer, str):
            return CheckResult(False, "this question needs one of the options as text, in quotes.")
        given = answer.strip().lower()
        if given == str(expected).strip().lower():
            return CheckResult(True, "")
    else:
        parse = _interval if q.kind == "interval" else _number
        given, problem = parse(answer)
        if given is None:
            return CheckResult(False, problem)
        if _matches(q, given, expected):
            return CheckResult(True, "")
        for other, note in q.accept:
            try:
                value = _as_pair(q, other())
            except ValueError:
                continue
            if _matches(q, given, value):
                said = f" The model answer uses {q.method}; both are accepted." if q.method else ""
                return CheckResult(True, f"That is the answer {note}.{said}")
    for predicate, message in q.hints:
        try:
            if predicate(given, expected):
                return CheckResult(False, message)
        except Exception:  # a hint that cannot judge this answer simply does not apply
            continue
    generic = {"number": "check each step of your calculation, and the units (a proportion is not a percentage).",
               "count": "check what is being counted, and which rows or years you included.",
               "interval": "check the method, the confidence level and which counts you used.",
               "choice": "read the question again: which option fits the evidence?"}[q.kind]
    return CheckResult(False, generic)


def question_ids() -> list[str]:
    from . import answers  # noqa: F401

    return sorted(_REGISTRY)
