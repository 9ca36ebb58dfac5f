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
