"""Issue 11 standards on the committed notebooks: every section notebook has a dated "Since 2013"
section; later figures and changes come only from the two later-evidence resources (by their ids),
never typed into code; secondary reports are not taught, and the few rows that reproduce official
text through a third-party site say so wherever they are used."""
from __future__ import annotations

import pathlib
import re

import nbformat
import pytest

from evidence_course import data

ROOT = pathlib.Path(__file__).resolve().parents[1]
SECTION_NOTEBOOKS = sorted(p for p in (ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb") if p.name[:2] != "00")
LATER = data.later_evidence().set_index("id")
CHANGES = data.changes_since_2013().set_index("id")
#: Secondary reports of official text (allowed only with the "as reproduced by" caveat).
REPRODUCED = {"C005", "C010", "C011", "C012"}
DATED = re.compile(r"^#+ .*Since 2013: what has changed \(as of (January|February|March|April|May|June|July|August|"
                   r"September|October|November|December) 20\d\d\)", re.M)
ID = re.compile(r"\b([LC]\d{3})\b")


def _cells(path):
    return nbformat.read(path, as_version=4).cells


def _text(path):
    parts = []
    for cell in _cells(path):
        parts.append(cell.source)
        for out in cell.get("outputs", []):
            parts.append(out.get("text", "") + out.get("data", {}).get("text/plain", ""))
    return "\n".join(parts)


def test_there_are_ten_section_notebooks():
    assert [p.name[:2] for p in SECTION_NOTEBOOKS] == [f"{i:02d}" for i in range(1, 11)]


@pytest.mark.parametrize("path", SECTION_NOTEBOOKS, ids=[p.name[:2] for p in SECTION_NOTEBOOKS])
def test_dated_since_2013_section(path):
    markdown = "\n".join(c.source for c in _cells(path) if c.cell_type == "markdown")
    assert DATED.search(markdown), f"{path.name}: no '## Since 2013: what has changed (as of Month Year)' heading"


@pytest.mark.parametrize("path", SECTION_NOTEBOOKS, ids=[p.name[:2] for p in SECTION_NOTEBOOKS])
def test_later_ids_exist_and_secondary_reports_are_not_taught(path):
    ids = set(ID.findall(_text(path)))
    unknown = sorted(i for i in ids if i not in LATER.index and i not in CHANGES.index)
    assert not unknown, f"{path.name} names rows that are in neither later resource: {unknown}"
    kinds = {**LATER["source_kind"].to_dict(), **CHANGES["source_kind"].to_dict()}
    secondary = sorted(i for i in ids if kinds[i] != "publisher's own page" and i not in REPRODUCED)
    assert not secondary, f"{path.name} uses secondary reports, which the course does not teach: {secondary}"


@pytest.mark.parametrize("path", SECTION_NOTEBOOKS, ids=[p.name[:2] for p in SECTION_NOTEBOOKS])
def test_reproduced_official_text_is_labelled_where_it_is_used(path):
    for cell in _cells(path):
        if cell.cell_type != "markdown":
            continue
        used = REPRODUCED & set(ID.findall(cell.source))
        if used:
            assert "reproduced by" in cell.source, (
                f"{path.name}: a text cell uses {sorted(used)} without saying the official text is reproduced by a "
                f"third party:\n{cell.source[:300]}")


def _later_values():
    """Later figures distinctive enough to recognise when typed: whole numbers of 1,000 or more that are not
    round thousands (a round 20,000 or a year could be anything)."""
    values = set()
    for value in LATER["value"].dropna():
        if value >= 1000 and float(value).is_integer() and value % 1000:
            values.add(int(value))
    return values


@pytest.mark.parametrize("path", SECTION_NOTEBOOKS, ids=[p.name[:2] for p in SECTION_NOTEBOOKS])
def test_later_figures_are_read_from_the_resource_not_typed_into_code(path):
    values = _later_values()
    for cell in _cells(path):
        if cell.cell_type != "code":
            continue
        code = "\n".join(line.split("#", 1)[0] for line in cell.source.splitlines())  # comments may quote a source
        typed = {int(n.replace(",", "").replace("_", "")) for n in re.findall(r"(?<![\w.])\d[\d_,]{2,}(?![\w.])", code)}
        clash = sorted(typed & values)
        assert not clash, f"{path.name}: a code cell types later figures {clash} instead of reading them:\n{cell.source[:300]}"
