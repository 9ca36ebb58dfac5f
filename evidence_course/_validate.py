"""Input checks shared by the statistics and widget code.

Every public function in the package checks its arguments with these helpers, so a
learner who types a sample size of 0 or a rate of 120% gets one plain sentence saying
what was wrong and what is allowed, never a traceback from deep inside a library.
"""
from __future__ import annotations

import math
import numbers

#: The largest count, sample size or population the package works with: a million million.
#: Far above any count in the course (England and Wales have about 56 million people), and
#: small enough that every calculation stays exact in floating point and never overflows.
MAX_COUNT = 10**12


def _describe(value) -> str:
    if isinstance(value, str):
        return f"the text {value!r}"
    if type(value).__name__ == "NAType":  # pandas' blank cell, pd.NA
        return "a blank value (<NA>)"
    return repr(value)


def number(value, name: str) -> float:
    """Return ``value`` as a float, or raise ValueError if it is not a finite number."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise ValueError(f"{name} must be a number; got {_describe(value)}.")
    try:
        value = float(value)
    except OverflowError:  # a Python int such as 10**400 is too large for a float
        raise ValueError(f"{name} must be a finite number; got a number too large to work with.") from None
    if not math.isfinite(value):
        raise ValueError(f"{name} must be a finite number; got {value!r}.")
    return value


def count(value, name: str, *, minimum: int = 0, maximum: int = MAX_COUNT) -> int:
    """A whole number >= ``minimum`` and <= ``maximum`` (counts, sample sizes)."""
    v = number(value, name)
    if v != int(v):
        raise ValueError(f"{name} must be a whole number; got {value!r}.")
    if v < minimum:
        what = "greater than 0" if minimum == 1 else f"at least {minimum}"
        raise ValueError(f"{name} must be a whole number {what}; got {int(v)}.")
    if v > maximum:
        limit = "a million million (10**12)" if maximum == MAX_COUNT else f"{maximum:,}"
        raise ValueError(f"{name} must be at most {limit}; got {v:.4g}, which is larger than this course's "
                         "calculations are built for.")
    return int(v)


def sequence(value, name: str, *, min_length: int = 1) -> list:
    """A list, tuple, array or pandas Series of values (not text, not a single number)."""
    if isinstance(value, (str, bytes, dict)) or value is None or not hasattr(value, "__iter__"):
        raise ValueError(f"{name} must be a list of numbers; got {_describe(value)}.")
    if hasattr(value, "tolist"):  # numpy arrays and pandas Series: plain Python values
        items = value.tolist()
        if not isinstance(items, list):  # a 0-d array
            raise ValueError(f"{name} must be a list of numbers; got {_describe(value)}.")
    else:
        items = list(value)
    if len(items) < min_length:
        raise ValueError(f"{name} must have at least {min_length} values; got {len(items)}.")
    return items


def positive(value, name: str) -> float:
    v = number(value, name)
    if v <= 0:
        raise ValueError(f"{name} must be greater than 0; got {value!r}.")
    return v


def proportion(value, name: str, *, allow_zero: bool = True, allow_one: bool = True) -> float:
    """A proportion between 0 and 1 (e.g. 0.3 for 30%)."""
    v = number(value, name)
    if v < 0 or v > 1:
        hint = " (did you give a percentage? divide it by 100)" if 1 < v <= 100 else ""
        raise ValueError(f"{name} must be a proportion between 0 and 1; got {value!r}{hint}.")
    if not allow_zero and v == 0:
        raise ValueError(f"{name} must be greater than 0; got 0.")
    if not allow_one and v == 1:
        raise ValueError(f"{name} must be less than 1; got 1.")
    return v


def percentage(value, name: str) -> float:
    """A percentage between 0 and 100."""
    v = number(value, name)
    if v < 0 or v > 100:
        raise ValueError(f"{name} must be a percentage between 0 and 100; got {value!r}.")
    return v


def confidence(value) -> float:
    v = number(value, "confidence")
    if not 0 < v < 1:
        hint = " (write 95% as 0.95)" if 1 < v < 100 else ""
        raise ValueError(f"confidence must be between 0 and 1, e.g. 0.95; got {value!r}{hint}.")
    return v


def choice(value, name: str, allowed) -> str:
    if not isinstance(value, str) or value not in allowed:
        options = ", ".join(repr(a) for a in allowed)
        raise ValueError(f"{name} must be one of {options}; got {_describe(value)}.")
    return value
