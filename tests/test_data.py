"""Tests for the data package (data/) and its loader (evidence_course.data).

Groups, in order:

* the package validates, loads with the schema's types, and finds tables by name;
* tampering with a COPY of data/ (never the real folder) fails loudly, naming the file,
  the row and the field;
* cross-checks against what the chapter's prose says about its own tables (an
  independent transcription of the same numbers);
* provenance: every number can be traced to the chapter's text.
"""
from __future__ import annotations

import collections
import hashlib
import json
import pathlib
import re
import shutil

import pandas as pd
import pytest

import evidence_course as ec
from evidence_course import data as D

SOURCE = D.source_text()
LINES = SOURCE.split("\n")
TABLES = ["3.1", "3.2", "3.3", "3.5", "3.6", "3.7"]  # Table 3.4 has no numbers, so no CSV
GROOMING = "table_3_2_grooming_offences.csv"
SURVEYS = "table_3_1_surveys_stranger_contact.csv"


# The facts table for the section tests above the tampering tests; loaded without validating so a broken
# facts.csv fails test_validate_all_passes (with the loader's message) instead of stopping collection.
FACTS_FOR_SECTIONS = ec.load_table("facts", validate_first=False)


def _clear_caches():
    D._validate_cached.cache_clear()
    D._package_cached.cache_clear()


@pytest.fixture
def data_copy(tmp_path, monkeypatch):
    """A private copy of data/ that the loader reads instead of the real one."""
    copy = tmp_path / "data"
    shutil.copytree(D.DATA_DIR, copy)
    monkeypatch.setattr(D, "DATA_DIR", copy)
    _clear_caches()
    yield copy
    _clear_caches()  # the caches are keyed by file stamps, not by folder: never leak them


def edit(path, old, new, count=1):
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= 1, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def rehash(folder, filename):
    """Record a tampered file's new checksum and size, so the schema check (not the hash) must catch it."""
    descriptor = folder / "datapackage.json"
    package = json.loads(descriptor.read_text(encoding="utf-8"))
    content = (folder / filename).read_bytes()
    for resource in package["resources"]:
        if resource["path"] == filename:
            resource["hash"] = "sha256:" + hashlib.sha256(content).hexdigest()
            resource["bytes"] = len(content)
    descriptor.write_text(json.dumps(package, indent=2, ensure_ascii=False), encoding="utf-8")


def one(frame, **where):
    """The cell in column ``value`` of the one row matching the other keyword arguments."""
    column = where.pop("value")
    mask = pd.Series(True, index=frame.index)
    for key, val in where.items():
        mask &= frame[key] == val
    rows = frame.loc[mask, column]
    assert len(rows) == 1, f"{where} matched {len(rows)} rows"
    return rows.iloc[0]


# =========================================================================== package and loading
class TestPackage:
    """The package as shipped: valid, complete, with checksums that match the files."""

    def test_validate_all_passes(self):
        assert ec.validate_all() is None

    def test_table_names(self):
        assert ec.table_names() == [
            "table_3_1_surveys_stranger_contact", "table_3_2_grooming_offences",
            "table_3_3_meeting_child_following_grooming", "table_3_5_obscene_publications",
            "table_3_6_cps_iioc_charges", "table_3_7_iioc_court_outcomes", "facts", "source_appraisal",
            "population_england_wales", "later_evidence", "changes_since_2013"]

    @pytest.mark.parametrize("name", ec.table_names())
    def test_recorded_checksum_and_size_match_the_file(self, name):
        # Computed here with hashlib, independently of frictionless.
        resource = ec.resource(name)
        content = (D.DATA_DIR / resource["path"]).read_bytes()
        assert resource["hash"] == "sha256:" + hashlib.sha256(content).hexdigest()
        assert resource["bytes"] == len(content)

    def test_data_error_is_a_value_error(self):
        assert issubclass(ec.DataError, ValueError)


class TestLoadTable:
    """load_table gives the schema's types; a blank in the source is <NA>, never 0."""

    @pytest.mark.parametrize("name", ec.table_names())
    def test_columns_and_dtypes_follow_the_schema(self, name):
        frame = ec.load_table(name)
        fields = ec.resource(name)["schema"]["fields"]
        assert list(frame.columns) == [f["name"] for f in fields]
        for field in fields:
            dtype = frame[field["name"]].dtype
            if field["type"] == "integer":
                assert dtype == "Int64", field["name"]
            elif field["type"] == "number":
                assert dtype == "float64", field["name"]
            else:
                assert pd.api.types.is_string_dtype(dtype), field["name"]
        assert frame.attrs["title"] == ec.resource(name)["title"]
        assert frame.attrs["source"]

    def test_row_counts(self):
        assert {n: len(ec.load_table(n)) for n in TABLES} == {
            "3.1": 5, "3.2": 9, "3.3": 42, "3.5": 7, "3.6": 42, "3.7": 63}

    def test_table_3_6_dashes_are_missing_not_zero(self):
        t = ec.load_table("3.6")
        coroners = t[t["legislation"] == "Coroners and Justice Act 2009"].set_index("year")["charges"]
        for year in ["2006/07", "2007/08", "2008/09", "2009/10"]:
            assert coroners[year] is pd.NA, year
        assert coroners["2010/11"] == 21
        assert t["charges"].isna().sum() == 4
        assert not (t["charges"] == 0).any()

    def test_table_3_7_blanks_are_missing_not_zero(self):
        t = ec.load_table("3.7")
        coroners = t[t["legislation"] == "Coroners and Justice Act 2009"]
        blank = coroners[coroners["year"].isin(["2006", "2007", "2008", "2009", "2010"])]
        assert len(blank) == 15 and blank["count"].isna().all()
        assert not (t["count"] == 0).any()

    def test_table_3_1_keeps_printed_text_and_empty_numbers(self):
        t = ec.load_table("3.1").set_index("survey")
        # 'N/A' is printed text, kept as text, not turned into a missing value.
        assert t.loc["Bridging the digital divide", "sexual_contact_as_printed"] == "N/A"
        assert pd.isna(t.loc["Bridging the digital divide", "sexual_contact_pct"])
        assert t["sexual_contact_n"].notna().sum() == 1
        assert t.loc["EU Kids Online, European sample", "sample_size"] == 25142

    def test_validate_first_false_gives_the_same_frame(self):
        pd.testing.assert_frame_equal(ec.load_table("3.2", validate_first=False), ec.load_table("3.2"))


class TestTableLookup:
    """Tables are found by number or full name; anything else is a DataError saying what exists."""

    @pytest.mark.parametrize("alias", ["3.2", "Table 3.2", "table 3.2", "TABLE 3.2", "table_3_2", " 3.2 ",
                                       "table_3_2_grooming_offences"])
    def test_aliases_of_table_3_2(self, alias):
        assert ec.resource(alias)["name"] == "table_3_2_grooming_offences"
        pd.testing.assert_frame_equal(ec.load_table(alias), ec.load_table("table_3_2_grooming_offences"))

    @pytest.mark.parametrize("number", TABLES)
    def test_every_table_number(self, number):
        assert ec.resource(number)["name"].startswith("table_" + number.replace(".", "_") + "_")

    def test_non_table_resources_by_full_name(self):
        assert ec.resource("facts")["path"] == "facts.csv"
        assert ec.resource("population_england_wales")["path"] == "population_england_wales.csv"

    @pytest.mark.parametrize("name", ["3.4", "3.8", "grooming", "", "table_3_9"])
    def test_unknown_name_lists_the_available_tables(self, name):
        with pytest.raises(ec.DataError, match=f"There is no table called {re.escape(repr(name))}") as info:
            ec.load_table(name)
        assert isinstance(info.value, ValueError)
        for available in ec.table_names():
            assert available in str(info.value)

    @pytest.mark.parametrize("name", [3.2, 32, None, ["3.2"], b"3.2"])
    def test_a_name_that_is_not_text(self, name):
        with pytest.raises(ec.DataError, match=r"A table name must be text, e\.g\. '3\.2' or 'facts'; got"):
            ec.load_table(name)

    def test_fact_by_id(self):
        row = ec.fact("F023")
        assert row["value"] == 373 and row["table_ref"] == "Table 3.2" and row["line"] == 343

    def test_fact_by_key(self):
        row = ec.fact("police_grooming_offences_2012_13")
        assert row["id"] == "F023" and row["value"] == 373
        assert D.fact_value("police_grooming_offences_2012_13") == D.fact_value("F023") == 373.0
        assert ec.fact_value is D.fact_value

    @pytest.mark.parametrize("name", ["F999", "F0", "f023", "zzzz"])
    def test_unknown_fact(self, name):
        with pytest.raises(ec.DataError, match=r"There is no fact called .* \(F001 to F174\)"):
            ec.fact(name)

    @pytest.mark.parametrize("name, close", [("ceop_2012_sampel_reports", "ceop_2012_sample_reports"),
                                              ("copine_scale", "copine_scale_points"),
                                              ("Police_Grooming_Offences_2012_13", "police_grooming_offences_2012_13"),
                                              ("copine", "copine_scale_points")])
    def test_unknown_key_suggests_a_close_one(self, name, close):
        with pytest.raises(ec.DataError, match=re.escape(f"Did you mean {close!r}")) as info:
            ec.fact(name)
        suggestions = re.search(r"Did you mean (.*?)\?", str(info.value)).group(1).split(" or ")
        assert 1 <= len(suggestions) <= 3

    @pytest.mark.parametrize("name", [23, None, 1.5, ["F023"], b"F023"])
    def test_a_fact_name_that_is_not_text(self, name):
        with pytest.raises(ec.DataError, match=r"A fact's name must be text"):
            ec.fact(name)
        with pytest.raises(ec.DataError, match=r"A fact's name must be text"):
            D.fact_value(name)

    def test_fact_value_of_a_fact_in_words_only_says_so(self):
        with pytest.raises(ec.DataError, match=r"has no number: the chapter gives it only as 'majority'"):
            D.fact_value("ceop_2012_public_reports_online_share")


# =========================================================================== sections and data files
class TestSectionAt:
    """ec.data.section_at(line): the facts.csv heading that contains a line of the chapter's text."""

    @pytest.mark.parametrize("row", FACTS_FOR_SECTIONS.to_dict("records"), ids=list(FACTS_FOR_SECTIONS["id"]))
    def test_every_fact_sits_in_its_recorded_section(self, row):
        assert D.section_at(row["line"]) == row["section"]

    def test_a_few_lines_by_hand(self):
        assert D.section_at(1) == D.section_at(9) == "What are cyber-enabled crimes?"  # above the first heading
        assert D.section_at(10) == "Key forms of sexual offending against children"
        assert D.section_at(len(LINES)) == ("The links between online grooming, indecent images of children, "
                                            "and offline sexual offending")

    def test_a_heading_that_wraps_onto_two_lines_starts_on_the_first(self):
        ceop = "Police recorded crime and data from the Child Exploitation and Online Protection Centre (CEOP)"
        assert LINES[329].startswith("Police recorded crime and data") and LINES[330].startswith("Protection Centre")
        assert D.section_at(329) == "Surveys of young people"
        assert D.section_at(330) == D.section_at(331) == D.section_at(343) == ceop

    def test_headings_no_fact_uses_still_end_the_section_above(self):
        assert LINES[856] == "Motivations"
        assert D.section_at(856) == "Offender use of technology"
        assert D.section_at(857) == D.section_at(868) == "Motivations"
        assert D.section_at(869) == D.section_at(871) == (
            "Key findings: What is known about the production, possession and distribution of online indecent "
            "images of children?")  # wraps onto three lines
        assert D.section_at(634) == "Characteristics of victims" and D.section_at(635) == "Demographics"

    def test_a_heading_used_twice_starts_twice(self):
        starts = [line for line, heading in D.section_starts() if heading == "Characteristics of offenders"]
        assert len(starts) == 2
        assert D.section_at(starts[1] - 1) == "Online child sexual exploitation"

    def test_accepts_numpy_and_pandas_integers(self):
        assert D.section_at(FACTS_FOR_SECTIONS["line"].iloc[0]) == FACTS_FOR_SECTIONS["section"].iloc[0]

    @pytest.mark.parametrize("line", [0, -1, len(LINES) + 1, 10**12])
    def test_out_of_range(self, line):
        with pytest.raises(ec.DataError, match=rf"The chapter's text has lines 1 to {len(LINES)}; there is no line"):
            D.section_at(line)

    @pytest.mark.parametrize("line", [3.0, "12", True, None, [12]])
    def test_not_a_whole_number(self, line):
        with pytest.raises(ec.DataError, match=r"A line of the chapter must be a whole number from 1 to"):
            D.section_at(line)


class TestDataFile:
    """ec.data_file(name): a file of the data folder by file name, path inside it, or table name."""

    @pytest.mark.parametrize("name, path", [
        ("table_3_2_grooming_offences.csv", "table_3_2_grooming_offences.csv"),
        ("table_3_2_grooming_offences", "table_3_2_grooming_offences.csv"),
        ("3.2", "table_3_2_grooming_offences.csv"),
        ("facts", "facts.csv"),
        ("source/cyber-crime-review-ch3.txt", "source/cyber-crime-review-ch3.txt"),
        ("cyber-crime-review-ch3.txt", "source/cyber-crime-review-ch3.txt"),
    ])
    def test_found(self, name, path):
        assert ec.data_file(name) == D.DATA_DIR / path
        assert ec.data_file(name).is_file()

    def test_a_file_in_a_sub_folder(self, data_copy):
        (data_copy / "extracts").mkdir(exist_ok=True)
        (data_copy / "extracts" / "example_extract.csv").write_text("a\n1\n", encoding="utf-8")
        assert ec.data_file("extracts/example_extract.csv") == data_copy / "extracts" / "example_extract.csv"
        assert ec.data_file("example_extract.csv") == data_copy / "extracts" / "example_extract.csv"

    def test_follows_the_data_folder_wherever_it_is(self, data_copy):
        assert ec.data_file("facts.csv") == data_copy / "facts.csv"

    def test_unknown_name_lists_the_data_files(self):
        with pytest.raises(ec.DataError, match=r"There is no data file called 'nope.csv'") as info:
            ec.data_file("nope.csv")
        assert "facts.csv" in str(info.value) and "table_3_2_grooming_offences.csv" in str(info.value)

    def test_a_name_used_twice_must_be_given_with_its_folder(self, data_copy):
        (data_copy / "extracts").mkdir(exist_ok=True)
        (data_copy / "extracts" / "facts.csv").write_text("a\n1\n", encoding="utf-8")
        assert ec.data_file("facts.csv") == data_copy / "facts.csv"  # the exact path wins
        (data_copy / "other").mkdir()
        (data_copy / "other" / "x.csv").write_text("a\n", encoding="utf-8")
        (data_copy / "extracts" / "x.csv").write_text("a\n", encoding="utf-8")
        with pytest.raises(ec.DataError, match=r"More than one data file is called 'x.csv'"):
            ec.data_file("x.csv")

    @pytest.mark.parametrize("name", ["../README.md", "..", "extracts/../../pyproject.toml", "/etc/hostname",
                                      "..\\README.md", "C:\\data\\facts.csv"])
    def test_a_path_out_of_the_folder_is_refused(self, name):
        with pytest.raises(ec.DataError, match=r"leads out of the data folder"):
            ec.data_file(name)

    def test_a_link_out_of_the_folder_is_refused(self, data_copy):
        link = data_copy / "outside.csv"
        try:
            link.symlink_to(data_copy.parent / "elsewhere.csv")
        except OSError:
            pytest.skip("symbolic links are not available here")
        (data_copy.parent / "elsewhere.csv").write_text("a\n", encoding="utf-8")
        with pytest.raises(ec.DataError, match=r"leads out of the data folder"):
            ec.data_file("outside.csv")

    def test_a_relative_path_object_is_accepted(self):
        assert ec.data_file(pathlib.Path("source") / "cyber-crime-review-ch3.txt") == D.DATA_DIR / "source" / "cyber-crime-review-ch3.txt"

    @pytest.mark.parametrize("name", [None, 3, "", "   ", b"facts.csv"])
    def test_a_name_that_is_not_text(self, name):
        with pytest.raises(ec.DataError, match=r"A data file's name must be text"):
            ec.data_file(name)


# =========================================================================== tampering
class TestTampering:
    """A changed, missing or broken file fails with a message naming the file (and row and field)."""

    def test_the_copy_is_valid_before_tampering(self, data_copy):
        assert D.DATA_DIR == data_copy
        ec.validate_all()

    def test_missing_csv(self, data_copy):
        (data_copy / GROOMING).unlink()
        with pytest.raises(ec.DataError, match=rf"The data file {re.escape(GROOMING)} is missing") as info:
            ec.load_table("3.2")
        assert isinstance(info.value, ValueError)
        with pytest.raises(ec.DataError, match=re.escape(GROOMING)):
            ec.validate_all()

    def test_edited_number_breaks_the_checksum(self, data_copy):
        edit(data_copy / GROOMING, "2012/13,373", "2012/13,374")
        with pytest.raises(ec.DataError) as info:
            ec.load_table("3.2")
        message = str(info.value)
        assert isinstance(info.value, ValueError)
        assert GROOMING in message
        assert "has been changed since the course was published" in message
        assert "checksum" in message
        assert "update_data_hashes.py" in message  # and says how to accept a reviewed correction

    def test_edited_size_is_reported_too(self, data_copy):
        edit(data_copy / GROOMING, "2012/13,373", "2012/13,3730")
        with pytest.raises(ec.DataError, match=r"has been changed since the course was published"):
            ec.validate("3.2")

    def test_a_file_edited_after_loading_is_caught_on_the_next_load(self, data_copy):
        ec.load_table("3.2")  # validated and cached
        edit(data_copy / GROOMING, "2012/13,373", "2012/13,374")
        with pytest.raises(ec.DataError, match="checksum"):
            ec.load_table("3.2")

    def test_a_restored_file_loads_again(self, data_copy):
        original = (data_copy / GROOMING).read_bytes()
        edit(data_copy / GROOMING, "2012/13,373", "2012/13,374")
        with pytest.raises(ec.DataError):
            ec.validate("3.2")
        (data_copy / GROOMING).write_bytes(original)
        assert one(ec.load_table("3.2"), year="2012/13", value="offences") == 373

    def test_truncated_file(self, data_copy):
        path = data_copy / GROOMING
        text = path.read_text(encoding="utf-8")
        path.write_text(text[: text.index("2007/08") + len("2007/08")], encoding="utf-8")  # cut mid-row
        rehash(data_copy, GROOMING)
        with pytest.raises(ec.DataError) as info:
            ec.load_table("3.2")
        message = str(info.value)
        assert "checksum" not in message  # the schema check caught it
        assert f"{GROOMING}, row 5, field 'offences'" in message

    def test_non_numeric_count(self, data_copy):
        edit(data_copy / GROOMING, "2012/13,373", "2012/13,3x3")
        rehash(data_copy, GROOMING)
        with pytest.raises(ec.DataError) as info:
            ec.load_table("3.2")
        assert f"{GROOMING}, row 10, field 'offences'" in str(info.value)
        assert "3x3" in str(info.value)

    def test_negative_count(self, data_copy):
        edit(data_copy / GROOMING, "2012/13,373", "2012/13,-373")
        rehash(data_copy, GROOMING)
        with pytest.raises(ec.DataError) as info:
            ec.load_table("3.2")
        assert f"{GROOMING}, row 10, field 'offences'" in str(info.value)
        assert "minimum" in str(info.value)

    def test_percentage_above_100(self, data_copy):
        # Bryce (2008) is the fifth survey: row 6 of the file, counting the header as row 1.
        edit(data_copy / SURVEYS, "Non-random sample,8–18 years,62,", "Non-random sample,8–18 years,130,")
        rehash(data_copy, SURVEYS)
        with pytest.raises(ec.DataError) as info:
            ec.load_table("3.1")
        assert f"{SURVEYS}, row 6, field 'corresponded_pct'" in str(info.value)
        assert "maximum" in str(info.value)

    def test_negative_count_in_table_3_7(self, data_copy):
        name = "table_3_7_iioc_court_outcomes.csv"
        edit(data_copy / name, "sentenced,1248,", "sentenced,-1248,")
        rehash(data_copy, name)
        with pytest.raises(ec.DataError, match=rf"{re.escape(name)}, row 64, field 'count'"):
            ec.load_table("3.7")

    def test_duplicated_fact_key(self, data_copy):
        # F036's key given to F037 as well: the schema's unique constraint catches it.
        edit(data_copy / "facts.csv", "F037,ceop_2012_sample_offline_meeting_pct,", "F037,ceop_2012_sample_reports,")
        rehash(data_copy, "facts.csv")
        with pytest.raises(ec.DataError) as info:
            ec.load_table("facts")
        message = str(info.value)
        assert "checksum" not in message
        assert "facts.csv, row 38, field 'key'" in message
        assert "unique" in message

    @pytest.mark.parametrize("key", ["Ceop_2012_sample_reports", "ceop 2012 sample reports", "2012_ceop_sample_reports",
                                     "ceop_2012_sample_reports_of_the_public_to_ceop"])
    def test_malformed_fact_key(self, data_copy, key):
        edit(data_copy / "facts.csv", "F036,ceop_2012_sample_reports,", f"F036,{key},")
        rehash(data_copy, "facts.csv")
        with pytest.raises(ec.DataError, match=r"facts.csv, row 37, field 'key'"):
            ec.load_table("facts")

    def test_missing_descriptor(self, data_copy):
        (data_copy / "datapackage.json").unlink()
        with pytest.raises(ec.DataError, match=r"The data package description is missing: .*datapackage\.json") as info:
            ec.load_table("3.2")
        assert isinstance(info.value, ValueError)
        with pytest.raises(ec.DataError, match="description is missing"):
            ec.table_names()

    def test_descriptor_that_is_not_json(self, data_copy):
        (data_copy / "datapackage.json").write_text('{"resources": [', encoding="utf-8")
        with pytest.raises(ec.DataError, match=r"datapackage\.json is not valid JSON \(line 1\)"):
            ec.load_table("3.2")

    @pytest.mark.parametrize("content", ["{}", "[]"])
    def test_descriptor_without_resources(self, data_copy, content):
        (data_copy / "datapackage.json").write_text(content, encoding="utf-8")
        with pytest.raises(ec.DataError, match=r"datapackage\.json"):
            ec.load_table("3.2")


# =========================================================================== the chapter's own prose
class TestChapterProse:
    """What the chapter says about its tables, checked against the transcribed tables."""

    def test_table_3_2_first_and_last_years(self):
        # "There were 373 grooming offences ... in 2012/13 ..., an increase from the 186 ... in 2004/05"
        t = ec.load_table("3.2")
        assert one(t, year="2012/13", value="offences") == 373
        assert one(t, year="2004/05", value="offences") == 186
        assert list(t["year"]) == [f"{y}/{(y + 1) % 100:02d}" for y in range(2004, 2013)]

    def test_table_3_3_sentenced_2012(self):
        # "in 2012, a total of 72 individuals were sentenced for meeting either a female or male child"
        t = ec.load_table("3.3")
        sentenced = t[(t["year"] == "2012") & (t["outcome"] == "sentenced")]
        assert sorted(sentenced["victim_sex"]) == ["female", "male"]
        assert sentenced["count"].sum() == 72

    def test_table_3_5_obscene_publications(self):
        # "In 2006/07 there were over 2,000 ... which increased to over 3,000 by 2012/13"
        t = ec.load_table("3.5")
        assert 2000 < one(t, year="2006/07", value="offences") < 3000
        assert one(t, year="2012/13", value="offences") > 3000

    def charges(self, offence_start):
        t = ec.load_table("3.6")
        return t[t["offence"].str.startswith(offence_start)].set_index("year")["charges"]

    def test_table_3_6_making(self):
        # "almost 11,000 charges in 2006/07 ... increased annually reaching a peak of over 16,000
        #  in 2010/11, before declining to over 15,000 in 2011/12"
        making = self.charges("Making an indecent photograph")
        assert 10_000 < making["2006/07"] < 11_000
        assert making["2010/11"] > 16_000 and making.idxmax() == "2010/11"
        assert 15_000 < making["2011/12"] < making["2010/11"]
        rising = making.loc["2006/07":"2010/11"]
        assert rising.is_monotonic_increasing and rising.is_unique

    def test_table_3_6_possession(self):
        # "from under 3,000 charges in 2006/07 to a peak of over 4,500 in 2010/11,
        #  before declining to under 4,000 in 2011/12"
        possession = self.charges("Possession of an indecent photograph")
        assert possession["2006/07"] < 3_000
        assert possession["2010/11"] > 4_500 and possession.idxmax() == "2010/11"
        assert possession["2011/12"] < 4_000

    def test_table_3_6_possession_did_not_increase_every_year_as_printed(self):
        # A quirk kept as printed (facts.csv F079): the prose says possession charges "increased
        # annually" to 2010/11, but the table prints 4,241 (2008/09) then 4,117 (2009/10).
        possession = self.charges("Possession of an indecent photograph")
        assert possession["2009/10"] < possession["2008/09"]

    def sentenced(self, legislation, year):
        t = ec.load_table("3.7")
        return one(t, legislation=legislation, year=year, outcome="sentenced", value="count")

    def test_table_3_7_protection_of_children_act(self):
        # "In 2006 over 700 individuals were sentenced under this legislation, rising to over 1,200 in 2012"
        assert 700 < self.sentenced("Protection of Children Act 1978", "2006") < 800
        assert 1_200 < self.sentenced("Protection of Children Act 1978", "2012") < 1_300

    def test_table_3_7_section_1_increased_at_every_stage(self):
        # "an increase in number of offenders proceeded against, found guilty and sentenced under Section 1"
        t = ec.load_table("3.7")
        s1 = t[t["legislation"] == "Protection of Children Act 1978"]
        for outcome in ["proceeded_against", "found_guilty", "sentenced"]:
            by_year = s1[s1["outcome"] == outcome].set_index("year")["count"]
            assert by_year["2012"] > by_year["2006"], outcome

    def test_table_3_7_criminal_justice_act(self):
        # "In 2012, over 200 individuals were sentenced under Section 160 of the Criminal Justice Act 1988"
        assert 200 < self.sentenced("Criminal Justice Act 1988", "2012") < 300

    PAIRS = [("corresponded_pct", "corresponded_n"), ("offline_contact_pct", "offline_contact_n"),
             ("concerned_pct", "concerned_n"), ("sexual_contact_pct", "sexual_contact_n")]

    def test_table_3_1_percentages_agree_with_counts(self):
        # Each printed percentage against count / sample size, computed here.
        t = ec.load_table("3.1")
        checked = 0
        for row in t.itertuples():
            for pct_col, n_col in self.PAIRS:
                pct, count = getattr(row, pct_col), getattr(row, n_col)
                if pd.isna(pct) and pd.isna(count):
                    continue
                assert not (pd.isna(pct) or pd.isna(count)), f"{row.survey}: {pct_col} without {n_col}"
                computed = 100 * count / row.sample_size
                assert abs(computed - pct) <= 0.5, f"{row.survey} {pct_col}: printed {pct}, computed {computed:.2f}"
                checked += 1
        assert checked == 13

    def test_table_3_1_less_than_0_1_percent_does_not_fit_the_full_sample(self):
        # The known quirk, kept as printed: 28 of the 25,142 children is 0.111%, so it is
        # within half a point of 0.1 but NOT "less than 0.1%" as the table says. The base
        # must be the 11-16-year-olds (see the row's notes).
        row = ec.load_table("3.1").set_index("survey").loc["EU Kids Online, European sample"]
        assert (row["sexual_contact_qualifier"], row["sexual_contact_pct"], row["sexual_contact_n"]) == ("less than", 0.1, 28)
        computed = 100 * 28 / row["sample_size"]
        assert computed == pytest.approx(0.111, abs=0.001)
        assert not computed < row["sexual_contact_pct"]
        assert "0.11%" in row["notes"]

    def test_ceop_shares_add_up_to_99_as_printed(self):
        # Facts F028-F033: the six shares of the 3,652 CEOP reports sum to 99, as printed.
        facts = ec.load_table("facts").set_index("id")
        shares = facts.loc[["F028", "F029", "F030", "F031", "F032", "F033"]]
        assert (shares["denominator"] == 3652).all()
        assert shares["value"].sum() == 99

    @pytest.mark.parametrize("fact_id,number,check", [
        ("F023", "3.2", lambda t: one(t, year="2012/13", value="offences")),
        ("F024", "3.2", lambda t: one(t, year="2004/05", value="offences")),
        ("F038", "3.3", lambda t: t[(t["year"] == "2012") & (t["outcome"] == "sentenced")]["count"].sum()),
        ("F022", "3.1", lambda t: t["sexual_contact_n"].dropna().iloc[0]),
    ])
    def test_facts_that_restate_a_table_cell_agree_with_it(self, fact_id, number, check):
        assert ec.fact(fact_id)["value"] == check(ec.load_table(number))


# =========================================================================== provenance
NUMBER_TOKEN = re.compile(r"(?<![\d,.])(\d{1,3}(?:,\d{3})+|\d+)(?!\d)(?!,\d)(?!\.\d)")


def as_printed(value) -> str:
    """How the chapter prints a whole number: 1,257 for 1257, plain below 1,000."""
    return f"{int(value):,}"


def table_region(number: str) -> str:
    """The lines of the source text from a table's caption to its 'Source:' line."""
    start = next(i for i, line in enumerate(LINES) if re.match(rf"\s*Table {re.escape(number)}:", line))
    # Table 3.1 has no 'Source:' line: it ends where the next section's heading begins.
    end_marker = "Police recorded crime and data from the Child" if number == "3.1" else "Source:"
    end = next(i for i in range(start + 1, len(LINES)) if LINES[i].strip().startswith(end_marker))
    return "\n".join(LINES[start:end])


def integer_values(number):
    frame = ec.load_table(number)
    columns = [f["name"] for f in ec.resource(number)["schema"]["fields"] if f["type"] == "integer"]
    return [as_printed(v) for c in columns for v in frame[c].dropna()]


class TestProvenance:
    """Every number can be found in data/source/cyber-crime-review-ch3.txt."""

    def test_as_printed(self):
        assert [as_printed(v) for v in (5, 373, 1257, 25142, 16289)] == ["5", "373", "1,257", "25,142", "16,289"]

    @pytest.mark.parametrize("number", TABLES)
    def test_every_integer_appears_in_the_chapter(self, number):
        values = integer_values(number)
        assert values
        missing = sorted({v for v in values
                          if not re.search(rf"(?<![\d,.]){re.escape(v)}(?!\d)(?!,\d)(?!\.\d)", SOURCE)})
        assert missing == []

    @pytest.mark.parametrize("number", TABLES)
    def test_every_integer_appears_in_its_own_table_as_often_as_it_is_used(self, number):
        # Stronger: counted within the table's own lines of the source, so a value copied
        # into the wrong cell twice, or taken from another table, is caught.
        wanted = collections.Counter(integer_values(number))
        found = collections.Counter(NUMBER_TOKEN.findall(table_region(number)))
        short = {v: (n, found[v]) for v, n in wanted.items() if found[v] < n}
        assert short == {}, "value: (times in the CSV, times in the table's text)"

    def test_table_3_1_percentages_appear_in_the_table(self):
        region = table_region("3.1")
        t = ec.load_table("3.1")
        for column in ["corresponded_pct", "offline_contact_pct", "concerned_pct", "sexual_contact_pct"]:
            for pct in t[column].dropna():
                assert re.search(rf"(?<![\d.]){re.escape(f'{pct:g}')}%", region), (column, pct)

    def test_table_regions_are_where_the_tables_are(self):
        # Guards the helper above: each region starts at its caption and holds its source note.
        assert table_region("3.2").splitlines()[0].startswith("Table 3.2: Number of sexual grooming offences")
        assert "25,142 internet using" in table_region("3.1")
        assert "16,289" in table_region("3.6") and "16,289" not in table_region("3.7")


# Loaded without validating so that a broken facts.csv fails test_validate_all_passes
# (with the loader's message) instead of stopping this whole module from being collected.
FACTS = ec.load_table("facts", validate_first=False)


class TestFacts:
    """facts.csv: each quote is on its line, each value is in its quote, ids are in order."""

    def test_ids_are_unique_and_in_order(self):
        ids = list(FACTS["id"])
        assert ids == [f"F{i:03d}" for i in range(1, len(ids) + 1)]
        assert FACTS["id"].is_unique
        # "in order of appearance": the lines never go backwards.
        assert FACTS["line"].is_monotonic_increasing

    def test_keys_are_unique_and_well_formed(self):
        keys = list(FACTS["key"])
        assert FACTS["key"].notna().all() and FACTS["key"].is_unique
        bad = [k for k in keys if not re.fullmatch(r"[a-z][a-z0-9_]*", k) or len(k) > 40]
        assert not bad
        assert list(FACTS.columns[:2]) == ["id", "key"]
        # No two keys differ only by a trailing number unless they are a dated series (..._2004_05, ..._2012).
        stems = collections.defaultdict(list)
        for k in keys:
            stems[re.sub(r"[_0-9]+$", "", k)].append(k)
        for group in (g for g in stems.values() if len(g) > 1):
            assert all(re.search(r"_(19|20)\d\d(_\d\d)?$", k) for k in group), group

    def test_fact_by_key_equals_fact_by_id_for_every_row(self):
        for row in FACTS.itertuples():
            by_key, by_id = ec.fact(row.key), ec.fact(row.id)
            assert by_key.equals(by_id), row.key
            assert by_key["id"] == row.id and by_id["key"] == row.key

    def test_keys_are_not_ids(self):
        assert not FACTS["key"].str.fullmatch(r"f\d{3}").any()

    def test_lines_are_inside_the_source(self):
        assert FACTS["line"].between(1, len(LINES)).all()

    @pytest.mark.parametrize("row", FACTS.to_dict("records"), ids=list(FACTS["id"]))
    def test_quote_is_verbatim_on_its_line(self, row):
        assert row["quote"] in LINES[row["line"] - 1]

    @pytest.mark.parametrize("row", FACTS.to_dict("records"), ids=list(FACTS["id"]))
    def test_value_as_printed_is_in_the_quote_or_wraps_to_the_next_line(self, row):
        line = LINES[row["line"] - 1]
        following = LINES[row["line"]] if row["line"] < len(LINES) else ""
        assert row["value_as_printed"] in row["quote"] or row["value_as_printed"] in f"{line} {following}"


    def test_percent_values_are_0_to_100(self):
        percent = FACTS[FACTS["unit"] == "percent"]
        assert len(percent) == 57
        assert percent["value"].notna().all()
        assert percent["value"].between(0, 100).all()

    WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "nine": 9, "ten": 10}

    def test_value_matches_value_as_printed(self):
        # Read the printed form independently: digits (with separators, 'million') or a number word.
        checked = 0
        for row in FACTS.dropna(subset=["value"]).itertuples():
            printed = row.value_as_printed
            digits = re.search(r"\d[\d,]*(?:\.\d+)?", printed)
            if digits:
                read = float(digits.group().replace(",", "")) * (1_000_000 if "million" in printed else 1)
            else:
                words = [self.WORDS[w] for w in re.findall(r"[a-z]+", printed.lower()) if w in self.WORDS]
                assert words, f"{row.id}: cannot read {printed!r}"
                read = words[0]
            assert read == row.value, f"{row.id}: {printed!r} read as {read}, recorded {row.value}"
            checked += 1
        assert checked == len(FACTS) - 16  # 16 rows give only words like 'the majority'

    def test_rows_without_a_value_are_words_only(self):
        no_value = FACTS[FACTS["value"].isna()]
        assert not no_value["value_as_printed"].str.contains(r"\d").any()
        assert set(no_value["unit"]) <= {"proportion_words", "count"}


# =========================================================================== finding data/
class TestFindingTheDataFolder:
    """Binder's repo2docker runs a plain `pip install .` after requirements.txt, which replaces the
    editable install: the package then lives in site-packages, away from data/. It must still find
    data/ from the working folder (notebooks run in notebooks/)."""

    def test_beside_the_package_by_default(self, monkeypatch):
        monkeypatch.delenv("EVIDENCE_COURSE_DATA", raising=False)
        assert D._find_data_dir() == pathlib.Path(D.__file__).resolve().parent.parent / "data"

    def test_environment_variable_wins(self, monkeypatch, tmp_path):
        monkeypatch.setenv("EVIDENCE_COURSE_DATA", str(tmp_path))
        assert D._find_data_dir() == tmp_path

    def test_installed_elsewhere_finds_data_from_the_working_folder(self, monkeypatch, tmp_path):
        monkeypatch.delenv("EVIDENCE_COURSE_DATA", raising=False)
        site_packages = tmp_path / "site-packages" / "evidence_course"
        site_packages.mkdir(parents=True)
        monkeypatch.setattr(D, "__file__", str(site_packages / "data.py"))
        course = tmp_path / "course"
        (course / "data").mkdir(parents=True)
        (course / "data" / "datapackage.json").write_text("{}")
        (course / "notebooks").mkdir()
        assert D._find_data_dir(course / "notebooks") == course / "data"
        # Nothing above tmp_path: the default, named in the error. (A stray data/datapackage.json in an
        # ancestor of the temporary folder, e.g. /tmp/data, would be found first: that is the rule, so expect it.)
        stray = next((f / "data" for f in tmp_path.parents if (f / "data" / "datapackage.json").exists()), None)
        assert D._find_data_dir(tmp_path) == (stray or site_packages.parent / "data")


def test_facts_notes_keep_the_chapters_hedges():
    """Issue 11: notes must not state as fact what the chapter leaves open."""
    f036 = ec.fact("F036")["notes"]
    assert "likely reading" in f036 and "does not state" in f036          # 350 drawn from the 1,145?
    f111 = ec.fact("F111")["notes"]
    assert "does not state the base" in f111 and "not the chapter's statement" in f111
