"""data/source_appraisal.csv: the capstone's table of source types and the chapter's caveats.
Every caveat must be traceable: its quote is verbatim on its line of the chapter."""
import pytest

import evidence_course as ec

APPRAISAL = ec.load_table("source_appraisal")
LINES = ec.data.source_text().splitlines()


@pytest.mark.parametrize("row", APPRAISAL.to_dict("records"), ids=list(APPRAISAL["id"]))
def test_quote_is_verbatim_on_its_line(row):
    assert row["quote"] in LINES[row["line"] - 1]


def test_every_source_type_has_its_unit_and_period_on_every_row():
    for column in ["what_it_counts", "unit", "period_type"]:
        assert APPRAISAL.groupby("source_type")[column].nunique().eq(1).all(), column


def test_every_table_of_the_chapter_is_appraised():
    cited = " ".join(APPRAISAL["tables"].dropna())
    for table in ["3.1", "3.2", "3.3", "3.5", "3.6", "3.7"]:
        assert f"Table {table}" in cited


def test_caveats_keep_the_chapters_hedges():
    """Issue 11: the appraisal must not say more than the chapter does."""
    rows = APPRAISAL.set_index("id")
    assert "may not represent" in rows.loc["S19", "caveat"] and "might more accurately" in rows.loc["S19", "caveat"]
    assert "may not represent" in LINES[1303] and "might more accurately" in LINES[1303]  # lines 1304-1305
    assert "cannot be clearly established" in rows.loc["S23", "caveat"]
    assert "cannot be clearly established" in LINES[1471]  # line 1472
    assert rows.loc["S16", "period_type"].startswith("not stated")  # the chapter gives Childline no period (line 597)
    assert "not stated in the chapter" in rows.loc["S12", "unit"]  # principal-offence counting is MoJ convention
    assert not any("principal offence" in line for line in LINES)
