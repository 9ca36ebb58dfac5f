"""data/later_evidence.csv and data/changes_since_2013.csv: evidence from after the chapter, kept apart
from facts.csv (the chapter's numbers only). Every row must be citable: https URL, publisher, title,
ISO date, verbatim quote and the month it was checked; every later figure must appear in its quote as
printed; and nothing from after 2013 may leak into facts.csv."""
import re

import pandas as pd
import pytest

import evidence_course as ec
from evidence_course import data as ecdata

LATER = ec.load_table("later_evidence")
CHANGES = ec.load_table("changes_since_2013")
FACTS = ec.load_table("facts")
CITATION_COLUMNS = ["url", "publisher", "title", "quote", "checked"]
ISO = re.compile(r"^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$")
NOTEBOOK_IDS = {f"{n:02d}" for n in range(11)}


def printed_number(text: str) -> float:
    """The number a printed figure states: '73,260' -> 73260, '7.5%' -> 7.5, '3.1 million' -> 3100000."""
    match = re.fullmatch(r"([0-9][0-9,]*(?:\.[0-9]+)?)(%| million)?", text.strip())
    assert match, f"not a plain printed number: {text!r}"
    number = float(match.group(1).replace(",", ""))
    return number * 1_000_000 if match.group(2) == " million" else number


class TestSchema:
    @pytest.mark.parametrize("name", ["later_evidence", "changes_since_2013"])
    def test_validates_against_its_table_schema_and_checksum(self, name):
        ec.validate(name)

    @pytest.mark.parametrize("name", ["later_evidence", "changes_since_2013"])
    def test_schema_requires_the_citation_and_constrains_url_and_dates(self, name):
        fields = {f["name"]: f for f in ec.resource(name)["schema"]["fields"]}
        for column in CITATION_COLUMNS:
            assert fields[column]["constraints"]["required"] is True, column
        assert fields["url"]["constraints"]["pattern"].startswith("^https://")
        date_field = "publication_date" if name == "later_evidence" else "date"
        assert fields[date_field]["constraints"]["required"] is True

    def test_facts_stays_the_chapters_own_resource(self):
        assert "later" not in ec.resource("facts")["title"].lower()
        assert "NOT from the chapter" in ec.resource("later_evidence")["title"]
        assert "NOT from the chapter" in ec.resource("changes_since_2013")["title"]


@pytest.mark.parametrize("table,prefix", [(LATER, "L"), (CHANGES, "C")], ids=["later_evidence", "changes_since_2013"])
class TestEveryRowIsCitable:
    def test_ids_unique_and_numbered_in_order(self, table, prefix):
        assert table["id"].is_unique
        assert list(table["id"]) == [f"{prefix}{i:03d}" for i in range(1, len(table) + 1)]

    def test_every_row_has_https_url_publisher_title_quote_checked(self, table, prefix):
        for column in CITATION_COLUMNS:
            assert table[column].notna().all() and table[column].str.strip().ne("").all(), column
        assert table["url"].str.match(r"^https://[^\s]+$").all()

    def test_dates_are_iso(self, table, prefix):
        column = "publication_date" if prefix == "L" else "date"
        bad = [d for d in table[column] if not ISO.match(str(d))]
        assert not bad, bad

    def test_checked_is_a_month(self, table, prefix):
        assert table["checked"].str.match(r"^20[0-9]{2}-(0[1-9]|1[0-2])$").all()

    def test_notebooks_are_course_notebooks(self, table, prefix):
        for cell in table["notebooks"]:
            assert set(cell.split(";")) <= NOTEBOOK_IDS, cell

    def test_secondary_reports_say_so_in_their_notes(self, table, prefix):
        secondary = table[table["source_kind"] == "secondary report"]
        assert secondary["notes"].notna().all()

    def test_quotes_are_short(self, table, prefix):
        assert table["quote"].str.len().max() <= 300


class TestLaterFiguresAsPrinted:
    @pytest.mark.parametrize("row", LATER.to_dict("records"), ids=list(LATER["id"]))
    def test_value_appears_in_its_quote_as_printed(self, row):
        assert row["value_as_printed"] in row["quote"]
        assert printed_number(row["value_as_printed"]) == pytest.approx(row["value"])

    @pytest.mark.parametrize("row", LATER[LATER["qualifier"].notna()].to_dict("records"),
                             ids=list(LATER.loc[LATER["qualifier"].notna(), "id"]))
    def test_hedge_is_the_publishers_own(self, row):
        assert row["qualifier"].lower() in row["quote"].lower()

    def test_published_after_the_chapter(self):
        years = LATER["publication_date"].str[:4].astype(int)
        assert (years > 2013).all()

    def test_series_share_publisher_and_unit(self):
        grouped = LATER.groupby("series")
        assert grouped["publisher"].nunique().eq(1).all()
        assert grouped["unit"].nunique().eq(1).all()

    def test_must_have_figures_are_present(self):
        def has(value, words):
            rows = LATER[LATER["value"] == value]
            return any(words in quote for quote in rows["quote"])
        assert has(7.5, "adults aged 18 to 74")             # ONS CSEW, year ending March 2019
        assert has(3_100_000, "3.1 million")
        assert has(73260, "sexual offences where there are data to identify the victim was a child")
        assert len(LATER[LATER["series"].str.startswith("nspcc_foi_s15a_offences")]) >= 4
        assert len(LATER[LATER["series"] == "iwf_confirmed_urls"]) >= 5


class TestNothingLeaksIntoFacts:
    def test_no_later_figure_is_a_facts_row(self):
        later = set(zip(LATER["value"], LATER["value_as_printed"], LATER["unit"]))
        facts = set(zip(FACTS["value"], FACTS["value_as_printed"], FACTS["unit"]))
        assert not later & facts
        for quote in LATER["quote"]:
            assert not FACTS["quote"].apply(lambda q: q in quote or quote in q).any(), quote

    def test_facts_cite_no_source_dated_after_2013(self):
        years = [int(y) for text in FACTS["source"].dropna() for y in re.findall(r"\b(?:19|20)[0-9]{2}\b", text)]
        assert years and max(years) <= 2013

    def test_facts_periods_end_by_2013(self):
        years = [int(y) for text in FACTS["period"].dropna() for y in re.findall(r"\b20[0-9]{2}\b", str(text))]
        assert max(years) <= 2013
        assert not FACTS["period"].dropna().astype(str).str.contains(r"/1[4-9]\b").any()


class TestChanges:
    def test_changes_since_2013_are_dated_from_2013(self):
        since = CHANGES[CHANGES["since_2013"] == "yes"]
        assert (since["date"].str[:4].astype(int) >= 2013).all()

    def test_points_of_law_that_predate_the_chapter_are_marked(self):
        older = CHANGES[CHANGES["date"].str[:4].astype(int) < 2013]
        assert older["since_2013"].str.startswith("no: ").all()

    def test_every_change_says_how_it_changes_the_reading(self):
        assert CHANGES["reading"].str.len().min() > 40


class TestLoaders:
    def test_loaders_return_the_validated_tables(self):
        pd.testing.assert_frame_equal(ecdata.later_evidence(), LATER)
        pd.testing.assert_frame_equal(ecdata.changes_since_2013(), CHANGES)

    def test_later_figure_and_citation(self):
        row = ecdata.later_figure("l003")
        assert row["value_as_printed"] == "73,260"
        citation = ecdata.later_citation("L003")
        assert citation.startswith("Not from the chapter: Office for National Statistics (")
        assert row["url"] in citation and "checked" in citation
        assert ecdata.later_citation("C001").startswith("Not from the chapter: Serious Crime Act 2015")

    def test_later_series_in_file_order(self):
        series = ecdata.later_series("iwf_confirmed_urls")
        assert list(series["id"]) == sorted(series["id"])

    @pytest.mark.parametrize("bad", [3, None, "L999", "F003", ""])
    def test_bad_ids_are_refused_in_plain_words(self, bad):
        with pytest.raises(ValueError, match=r"later figure"):
            ecdata.later_figure(bad)

    def test_bad_series_is_refused_in_plain_words(self):
        with pytest.raises(ValueError, match="no later-evidence series"):
            ecdata.later_series("nonsense")
