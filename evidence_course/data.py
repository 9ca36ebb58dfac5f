"""Loading the course's data package (``data/datapackage.json``) into pandas.

``load_table(name)`` validates the file against its Table Schema with ``frictionless``
before reading it, so a missing, truncated or edited file fails with a message that
names the file, the row and the field instead of producing quietly wrong numbers.
"""
from __future__ import annotations

import functools
import json
import os
import pathlib

import pandas as pd

def _find_data_dir(start: pathlib.Path | None = None) -> pathlib.Path:
    """Where the data package is: the EVIDENCE_COURSE_DATA environment variable if set; else
    ``data/`` beside the package (the course's own ``pip install -e .``); else the first
    ``data/`` holding a ``datapackage.json`` in the working folder or above it (a regular
    ``pip install .``, as Binder's repo2docker also runs, used from inside the course)."""
    if "EVIDENCE_COURSE_DATA" in os.environ:
        return pathlib.Path(os.environ["EVIDENCE_COURSE_DATA"])
    beside_package = pathlib.Path(__file__).resolve().parent.parent / "data"
    if (beside_package / "datapackage.json").exists():
        return beside_package
    here = (start or pathlib.Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "data" / "datapackage.json").exists():
            return folder / "data"
    return beside_package  # not found: package() names this path and says how to fix it


#: Folder of the data package (see :func:`_find_data_dir`).
DATA_DIR = _find_data_dir()

_PANDAS_TYPES = {"integer": "Int64", "number": "float64", "string": "str"}
_MAX_PROBLEMS = 5


class DataError(ValueError):
    """A data file is missing, unreadable or no longer matches its schema."""


def _descriptor_path() -> pathlib.Path:
    return DATA_DIR / "datapackage.json"


@functools.lru_cache(maxsize=None)
def _package_cached(mtime_ns: int) -> dict:
    return json.loads(_descriptor_path().read_text(encoding="utf-8"))


def package() -> dict:
    """The data package descriptor (``datapackage.json``) as a dict."""
    path = _descriptor_path()
    if not path.exists():
        raise DataError(f"The data package description is missing: {path}. Restore it with `git checkout -- data/`, "
                        "or, if the course package was installed without `-e`, run from inside the course folder "
                        "or set EVIDENCE_COURSE_DATA to its data folder.")
    try:
        descriptor = _package_cached(path.stat().st_mtime_ns)
    except json.JSONDecodeError as e:
        raise DataError(f"{path} is not valid JSON (line {e.lineno}): {e.msg}. Restore it with `git checkout -- data/`.") from None
    resources = descriptor.get("resources") if isinstance(descriptor, dict) else None
    if not isinstance(resources, list) or not all(isinstance(r, dict) and "name" in r and "path" in r for r in resources):
        raise DataError(f"{path} does not describe the course's tables (it needs a 'resources' list of tables with "
                        "a name and a path). Restore it with `git checkout -- data/`.")
    return descriptor


def table_names() -> list[str]:
    """Names accepted by :func:`load_table`."""
    return [r["name"] for r in package()["resources"]]


def resource(name: str) -> dict:
    """The descriptor of one table: title, source, description and schema.

    ``name`` may be the full name (``"table_3_2_grooming_offences"``) or the table's
    number (``"3.2"``).
    """
    if not isinstance(name, str):
        raise DataError(f"A table name must be text, e.g. '3.2' or 'facts'; got {name!r}.")
    wanted = name.strip().lower()
    for r in package()["resources"]:
        aliases = {r["name"]}
        if r["name"].startswith("table_"):  # "table_3_2_grooming_offences" is also "3.2", "table 3.2", "table_3_2"
            short = r["name"].removeprefix("table_")[:3].replace("_", ".")
            aliases |= {short, f"table {short}", f"table_{short.replace('.', '_')}"}
        if wanted in aliases:
            return r
    raise DataError(f"There is no table called {name!r}. Available: {', '.join(table_names())}.")


def _stamp(path: pathlib.Path) -> tuple:
    st = path.stat()
    return (st.st_mtime_ns, st.st_size)


@functools.lru_cache(maxsize=None)
def _validate_cached(name: str, stamp: tuple, descriptor_stamp: tuple) -> None:
    from frictionless import Resource  # imported lazily: it is slow to import

    desc = dict(resource(name))
    report = Resource(desc, basepath=str(DATA_DIR)).validate()
    if report.valid:
        return
    path = DATA_DIR / desc["path"]
    problems = []
    for row, field, kind, message in report.flatten(["rowNumber", "fieldName", "type", "message"]):
        if kind in ("hash-count", "byte-count"):
            problems.append(
                f"{path.name} has been changed since the course was published (its {'checksum' if kind == 'hash-count' else 'size'} "
                "no longer matches data/datapackage.json). Restore it with `git checkout -- data/`; "
                "if the change is a reviewed correction, run `python scripts/update_data_hashes.py`."
            )
        elif row:
            where = f"row {row}" + (f", field '{field}'" if field else "")
            problems.append(f"{path.name}, {where}: {message}")
        else:
            problems.append(f"{path.name}: {message}")
    more = len(problems) - _MAX_PROBLEMS
    text = "\n  - ".join(problems[:_MAX_PROBLEMS]) + (f"\n  (and {more} more)" if more > 0 else "")
    raise DataError(f"The data file {path.name} failed validation:\n  - {text}")


def validate(name: str) -> None:
    """Check one table against its schema (and checksum); raise :class:`DataError` if it fails."""
    desc = resource(name)
    path = DATA_DIR / desc["path"]
    if not path.exists():
        raise DataError(f"The data file {path.name} is missing from {DATA_DIR}. Restore it with `git checkout -- data/`.")
    _validate_cached(desc["name"], _stamp(path), _stamp(_descriptor_path()))


def validate_all() -> None:
    """Validate every table in the package."""
    for name in table_names():
        validate(name)


def load_table(name: str, validate_first: bool = True) -> pd.DataFrame:
    """Read one table of the data package into a DataFrame with the schema's types.

    Counts are nullable integers (``Int64``): a cell the source leaves blank or prints
    as '-' is ``<NA>``, never 0. Text columns keep the wording as printed.

    >>> load_table("3.2").head(2)  # doctest: +SKIP
    """
    desc = resource(name)
    if validate_first:
        validate(desc["name"])
    dtypes = {f["name"]: _PANDAS_TYPES.get(f["type"], "str") for f in desc["schema"]["fields"]}
    frame = pd.read_csv(DATA_DIR / desc["path"], dtype=dtypes, keep_default_na=False, na_values=[""])
    frame.attrs["title"] = desc.get("title", desc["name"])
    frame.attrs["source"] = "; ".join(s["title"] for s in desc.get("sources", []))
    return frame


def fact_keys() -> list[str]:
    """Every fact's readable name (the ``key`` column of ``facts.csv``), in file order."""
    return load_table("facts")["key"].tolist()


def fact(name: str) -> pd.Series:
    """One row of ``facts.csv`` by its readable key (e.g. ``"ceop_2012_sample_reports"``) or by
    its id (e.g. ``"F036"``); both name the same row.

    An unknown name raises :class:`DataError` suggesting up to three keys that look like it.
    """
    import difflib

    if not isinstance(name, str):
        raise DataError(f"A fact's name must be text: its key such as 'ceop_2012_sample_reports' or its id "
                        f"such as 'F036'; got {name!r}.")
    facts = load_table("facts")
    match = facts[(facts["key"] == name) | (facts["id"] == name)]
    if match.empty:
        keys = facts["key"].tolist()
        wanted = name.strip().lower()
        close = difflib.get_close_matches(wanted, keys, n=3, cutoff=0.6)
        if not close:  # a word of the key given alone, e.g. "copine"
            close = [k for k in keys if wanted and wanted in k][:3]
        hint = (" Did you mean " + " or ".join(repr(c) for c in close) + "?") if close else ""
        raise DataError(f"There is no fact called {name!r} in facts.csv.{hint} A fact is named by its key "
                        f"(the 'key' column, e.g. 'ceop_2012_sample_reports') or its id "
                        f"(F001 to {facts['id'].iloc[-1]}); ec.data.fact_keys() lists every key.")
    return match.iloc[0]


def fact_value(name: str) -> float:
    """The ``value`` of one row of ``facts.csv`` as a float, by key or id
    (e.g. ``fact_value("police_grooming_offences_2012_13")`` or ``fact_value("F023")``).

    A fact the chapter gives only in words (``unit`` 'proportion_words', e.g. 'the majority')
    has no number: that raises :class:`DataError` quoting the words as printed.
    """
    row = fact(name)
    if pd.isna(row["value"]):
        raise DataError(f"Fact {row['key']} ({row['id']}) has no number: the chapter gives it only as "
                        f"{row['value_as_printed']!r}.")
    return float(row["value"])


def source_text() -> str:
    """The chapter's text as extracted from the PDF (``data/source/``)."""
    path = DATA_DIR / "source" / "cyber-crime-review-ch3.txt"
    if not path.exists():
        raise DataError(f"The chapter's text is missing: {path}. Restore it with `git checkout -- data/`.")
    return path.read_text(encoding="utf-8")


# --- Later evidence (after 2013): kept apart from the chapter's facts --------------------------------

def later_evidence() -> pd.DataFrame:
    """``data/later_evidence.csv``, validated: published figures from after the chapter, NOT from it.

    Every row carries its publisher, title, publication date, https URL, a verbatim quote and the
    month it was checked. Rows with the same ``series`` come from one publisher and measure; rows in
    different series are not one time series (read ``geography`` and ``notes``).
    """
    return load_table("later_evidence")


def changes_since_2013() -> pd.DataFrame:
    """``data/changes_since_2013.csv``, validated: changes in law, sentencing, recording practice and
    institutions since the chapter, with how each changes the reading of the chapter's numbers."""
    return load_table("changes_since_2013")


def _later_row(table: pd.DataFrame, row_id, prefix: str, what: str) -> pd.Series:
    if not isinstance(row_id, str):
        raise DataError(f"A {what} id must be text such as '{prefix}001'; got {row_id!r}.")
    wanted = row_id.strip().upper()
    match = table[table["id"] == wanted]
    if match.empty:
        raise DataError(f"There is no {what} with id {row_id!r} (ids run {table['id'].iloc[0]} to {table['id'].iloc[-1]}).")
    return match.iloc[0]


def later_figure(figure_id: str) -> pd.Series:
    """One row of ``later_evidence.csv`` by its id (e.g. ``"L003"``), with its citation columns."""
    return _later_row(later_evidence(), figure_id, "L", "later figure")


def later_change(change_id: str) -> pd.Series:
    """One row of ``changes_since_2013.csv`` by its id (e.g. ``"C001"``)."""
    return _later_row(changes_since_2013(), change_id, "C", "change since 2013")


def later_series(series: str) -> pd.DataFrame:
    """The rows of one ``series`` of ``later_evidence.csv`` in file order (e.g. ``"iwf_confirmed_urls"``)."""
    table = later_evidence()
    if not isinstance(series, str) or series not in set(table["series"]):
        raise DataError(f"There is no later-evidence series called {series!r}. Available: {', '.join(sorted(set(table['series'])))}.")
    return table[table["series"] == series].reset_index(drop=True)


def later_citation(row_id: str) -> str:
    """A one-line citation for a row of either later resource, labelled as not from the chapter.

    A figure (``"L003"``): ``"Not from the chapter: <publisher> (<publication date>) <title>. <url> (checked <month>)"``;
    a change (``"C001"``): ``"Not from the chapter: <instrument> (<date>). Source: <publisher>, <title>. <url> (checked <month>)"``.
    """
    if isinstance(row_id, str) and row_id.strip().upper().startswith("C"):
        row = later_change(row_id)
        return (f"Not from the chapter: {row['instrument']} ({row['date']}). Source: {row['publisher']}, "
                f"{row['title']}. {row['url']} (checked {row['checked']})")
    row = later_figure(row_id)
    return f"Not from the chapter: {row['publisher']} ({row['publication_date']}) {row['title']}. {row['url']} (checked {row['checked']})"


# --- Where a line of the chapter sits ------------------------------------------------------------

#: The chapter's opening heading, above the first heading that facts.csv uses.
OPENING_SECTION = "What are cyber-enabled crimes?"


@functools.lru_cache(maxsize=None)
def _section_starts_cached(text: str, sections: tuple[str, ...]) -> tuple[tuple[int, str], ...]:
    lines = [line.strip() for line in text.splitlines()]
    starts = []
    for number in range(1, len(lines) + 1):
        # A heading is a whole line, or wraps onto the next line or two (as three do in the PDF's text).
        window = lines[number - 1:number + 2]
        joined = {" ".join(window[:k]) for k in range(1, len(window) + 1) if all(window[:k])}
        starts += [(number, heading) for heading in sections if heading in joined]
    return tuple(starts)


def section_starts() -> list[tuple[int, str]]:
    """``(line, heading)`` for every place in the chapter's text where a heading used in the
    ``section`` column of ``facts.csv`` begins, in order of the text. A heading that wraps onto a
    second line starts on its first line; a heading the chapter uses twice (e.g. 'Characteristics
    of offenders', once for online groomers and once for IIOC offenders) starts twice."""
    return list(_section_starts_cached(source_text(), _headings()))


def _headings() -> tuple[str, ...]:
    return tuple(dict.fromkeys([*load_table("facts")["section"], *OTHER_HEADINGS]))


#: The chapter's headings that no fact's ``section`` uses, so that their lines are not counted as part of
#: the section above them (e.g. 'Motivations', between 'Offender use of technology' and the key findings on
#: indecent images).
OTHER_HEADINGS = (
    "Key findings: What is known about online grooming?",
    "Scale and nature of online grooming",
    "Characteristics of victims",
    "Motivations",
    "Key findings: What is known about the production, possession and distribution of online indecent images of children?",
)


def section_at(line: int) -> str:
    """The chapter's section heading that contains ``line`` of ``data/source/cyber-crime-review-ch3.txt``
    (numbered from 1, as the ``line`` column of ``facts.csv``).

    The headings are those of the ``section`` column of ``facts.csv`` and the few no fact uses
    (``OTHER_HEADINGS``). A line above the first of
    them belongs to the chapter's opening, 'What are cyber-enabled crimes?'.

    >>> section_at(343)  # doctest: +SKIP
    'Police recorded crime and data from the Child Exploitation and Online Protection Centre (CEOP)'
    """
    import numbers

    text = source_text()  # read once, for both the range and the headings
    n_lines = len(text.splitlines())
    if isinstance(line, bool) or not isinstance(line, numbers.Integral):
        raise DataError(f"A line of the chapter must be a whole number from 1 to {n_lines}; got {line!r}.")
    if not 1 <= line <= n_lines:
        raise DataError(f"The chapter's text has lines 1 to {n_lines}; there is no line {int(line)}.")
    current = OPENING_SECTION
    for start, heading in _section_starts_cached(text, _headings()):
        if start > line:
            break
        current = heading
    return current


# --- Files of the data folder by name ----------------------------------------------------------------

def data_files() -> list[str]:
    """Every file in the data folder, as a path relative to it with '/' separators
    (e.g. ``"facts.csv"``, ``"extracts/table_3_6_as_typed.csv"``); hidden files are left out."""
    root = DATA_DIR
    if not root.is_dir():
        return []
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*")
                  if p.is_file() and not any(part.startswith(".") for part in p.relative_to(root).parts))


def data_file(name: str) -> pathlib.Path:
    """The path of a file in the course's data folder, found by its file name
    (``"table_3_2_grooming_offences.csv"``), by its path inside the folder
    (``"extracts/table_3_6_as_typed.csv"``) or by a table's name in the data package
    (``"table_3_2_grooming_offences"``, ``"3.2"``, ``"facts"``).

    It uses :data:`DATA_DIR`, so it works wherever the course runs (Binder, JupyterHub, an
    nbgrader release folder), unlike a relative ``../data/`` path. A name that is not in the
    folder raises :class:`DataError` listing the files that are; a path leading out of the
    folder (``..``, an absolute path) is refused.

    >>> pd.read_csv(data_file("extracts/table_3_6_as_typed.csv"))  # doctest: +SKIP
    """
    if isinstance(name, os.PathLike):
        name = os.fspath(name)
    if not isinstance(name, str) or not name.strip():
        raise DataError(f"A data file's name must be text such as 'facts.csv' or 'extracts/table_3_6_as_typed.csv'; got {name!r}.")
    wanted = name.strip().replace("\\", "/")
    parts = pathlib.PurePosixPath(wanted).parts
    if wanted.startswith("/") or pathlib.PureWindowsPath(name.strip()).drive or ".." in parts:
        raise DataError(f"{name!r} leads out of the data folder; give a file's name or its path inside the data "
                        "folder, e.g. 'facts.csv' or 'extracts/table_3_6_as_typed.csv'.")
    root = DATA_DIR.resolve()
    files = data_files()
    candidates = []
    if wanted in files:
        candidates = [wanted]
    else:
        by_name = [f for f in files if f.rsplit("/", 1)[-1] == wanted]
        if len(by_name) == 1:
            candidates = by_name
        elif len(by_name) > 1:
            raise DataError(f"More than one data file is called {name!r}: {', '.join(by_name)}. Give its path inside "
                            "the data folder.")
        elif _descriptor_path().exists():
            try:
                candidates = [resource(wanted)["path"]]
            except DataError:
                candidates = []
    if candidates:
        path = (DATA_DIR / candidates[0]).resolve()
        if path.is_relative_to(root) and path.is_file():
            return DATA_DIR / candidates[0]
        if not path.is_relative_to(root):
            raise DataError(f"{name!r} leads out of the data folder ({DATA_DIR}); it is not a course data file.")
    listing = ", ".join(files) if files else "none: the folder is missing or empty"
    raise DataError(f"There is no data file called {name!r} in {DATA_DIR}. The data files are: {listing}.")
