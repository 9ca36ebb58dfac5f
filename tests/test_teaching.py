"""The lecturer's and maintainer's tools: scripts/update_data_hashes.py, and the teaching/ kit
(alternative task data, pacing, rubric) as it is added."""
from __future__ import annotations

import json
import pathlib
import shutil

import nbformat
import pytest

from tools.scripts import load_script

ROOT = pathlib.Path(__file__).resolve().parents[1]


hashes = load_script("update_data_hashes")


class TestUpdateDataHashes:
    @pytest.fixture
    def package(self, tmp_path):
        folder = tmp_path / "data"
        folder.mkdir()
        for name in ("a.csv", "b.csv"):
            (folder / name).write_text("x\n1\n", encoding="utf-8")
        (folder / "datapackage.json").write_text(json.dumps(
            {"resources": [{"name": "a", "path": "a.csv"}, {"name": "b", "path": "b.csv"}]}), encoding="utf-8")
        hashes.update(folder)
        return folder

    def test_no_change_says_so_and_leaves_the_file_alone(self, package, capsys):
        before = (package / "datapackage.json").stat().st_mtime_ns
        assert hashes.main([str(package)]) == 0
        assert capsys.readouterr().out.startswith("no change")
        assert (package / "datapackage.json").stat().st_mtime_ns == before

    def test_names_every_changed_file_and_only_those(self, package, capsys):
        (package / "b.csv").write_text("x\n2\n", encoding="utf-8")
        assert hashes.main([str(package)]) == 0
        out = capsys.readouterr().out
        assert "b.csv" in out and "a.csv" not in out and "no change" not in out
        assert hashes.update(package) == []

    def test_missing_package_or_file_is_a_plain_message(self, package, tmp_path, capsys):
        assert hashes.main([str(tmp_path / "nowhere")]) == 2
        (package / "a.csv").unlink()
        assert hashes.main([str(package)]) == 1
        assert "a.csv" in capsys.readouterr().err

    def test_the_course_data_package_is_up_to_date(self, tmp_path):
        copy = tmp_path / "data"
        shutil.copytree(ROOT / "data", copy)
        assert hashes.update(copy) == []


# ------------------------------------------------------------------ the alternative task's data and checks
TEACHING = ROOT / "teaching"


@pytest.fixture(scope="module")
def alt():
    import sys

    sys.path.insert(0, str(TEACHING))
    try:
        import alternative_checks
    finally:
        sys.path.remove(str(TEACHING))
    return alternative_checks


class TestAlternativeTask:
    def test_its_data_package_is_valid_and_its_hashes_up_to_date(self, tmp_path):
        from frictionless import Package

        assert Package(str(TEACHING / "data" / "datapackage.json")).validate().valid
        copy = tmp_path / "data"
        shutil.copytree(TEACHING / "data", copy)
        assert hashes.update(copy) == []

    def test_every_figure_is_sourced_and_quoted_as_printed(self, alt):
        figures = alt.load("fraud_figures")
        for row in figures.itertuples():
            assert row.url.startswith("https://") and row.publisher and row.title and row.published, row.name
            assert row.value_as_printed in row.quote, f"{row.name}: {row.value_as_printed!r} is not in its quote"

    def test_it_is_kept_out_of_the_chapters_facts(self):
        facts = (ROOT / "data" / "facts.csv").read_text(encoding="utf-8")
        assert "Action Fraud" not in facts and "936,276" not in facts

    def test_model_answers_pass_and_common_mistakes_get_a_hint(self, alt):
        from evidence_course import stats

        f = alt.figure
        model = {
            "alt.1": stats.percent_change(f("action_fraud_offences_2021"), f("action_fraud_offences_2022")),
            "alt.2": "b",
            "alt.3": stats.dark_figure(int(f("action_fraud_offences_2022")), f("survey_fraud_reported_pct_2019") / 100)["implied"],
            "alt.4": stats.percent_of(f("police_fraud_offences_2022"), f("survey_fraud_offences_2022")),
            "alt.5": stats.proportion_ci_pct(f("survey_fraud_reported_pct_2019"), alt.HYPOTHETICAL_N),
            "alt.6": stats.sample_size_for_margin(f("survey_fraud_reported_pct_2019") / 100, 0.02),
        }
        for qid, answer in model.items():
            assert alt.check(qid, answer), qid
        assert "rounded" in alt.check("alt.1", -11).message
        assert "proportion" in alt.check("alt.3", 354758 / 15).message
        assert "Action Fraud only" in alt.check("alt.4", stats.percent_of(354758, 4500000)).message
        assert "normal-approximation" in alt.check("alt.5", stats.proportion_ci_pct(15, 800, method="normal")).message
        assert not alt.check("alt.2", "a")

    def test_a_missing_figure_or_table_is_a_plain_message(self, alt):
        with pytest.raises(ValueError, match="no figure called"):
            alt.figure("fraud_2099")
        with pytest.raises(ValueError, match="no table called"):
            alt.load("nope")

    def test_the_notebook_has_every_check_and_no_model_answer(self, alt):
        import nbformat

        nb = nbformat.read(TEACHING / "alternative_task.ipynb", as_version=4)
        sources = "\n".join(c.source for c in nb.cells)
        for qid in ("alt.1", "alt.2", "alt.3", "alt.4", "alt.5", "alt.6"):
            assert f'check("{qid}"' in sources or f"check('{qid}'" in sources
        assert 'answer = "b"' not in sources
        answer_cells = [c for c in nb.cells if c.cell_type == "code" and "raise NotImplementedError()" in c.source]
        assert len(answer_cells) == 6 and all("raises-exception" in c.metadata.get("tags", []) for c in answer_cells)


class TestKit:
    @pytest.mark.parametrize("name", ["README.md", "scheme_of_work.md", "seminar_plans.md", "marking_rubric.md",
                                      "assessment_brief.md", "disclosure_guidance.md", "institution_support.md",
                                      "support_sources.md", "alternative_task_answers.md"])
    def test_kit_file_exists(self, name):
        assert (TEACHING / name).read_text(encoding="utf-8").strip()

    def test_a_seminar_plan_per_section(self):
        text = (TEACHING / "seminar_plans.md").read_text(encoding="utf-8")
        for number in [f"{n:02d}" for n in range(11)]:
            assert f"\n## {number} · " in text, number

    def test_local_links_in_the_kit_resolve(self):
        import re

        for path in TEACHING.glob("*.md"):
            for target in re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", path.read_text(encoding="utf-8")):
                if "://" not in target:
                    assert (path.parent / target).exists(), f"{path.name} links to missing {target}"

    def test_disclosure_guidance_cites_public_guidance(self):
        text = (TEACHING / "disclosure_guidance.md").read_text(encoding="utf-8")
        assert "learning.nspcc.org.uk" in text and "999" in text and "0808 801 0331" in text


pacing = load_script("pacing")


class TestPacing:
    def test_rule_gives_notebook_03_about_what_a_reviewer_took(self):
        # A reviewer working through notebook 03 end to end took about 150 minutes (issue 13).
        minutes = pacing.notebook_minutes(ROOT / "notebooks" / "03_grooming_police_and_ceop_data.ipynb")["minutes"]
        assert 120 <= minutes <= 240

    @pytest.mark.parametrize("row", pacing.table(), ids=lambda r: r["number"])
    def test_each_notebook_states_the_rules_time(self, row):
        path = ROOT / "notebooks" / f"{row['notebook']}.ipynb"
        assert pacing.stated_minutes(path) == pacing._round5(row["minutes"]), (
            f"{path.name}: its *Estimated time* line is out of step with the rule; run python scripts/pacing.py --write")

    @pytest.mark.parametrize("path", sorted((ROOT / "solutions").glob("[0-9][0-9]_*.ipynb")), ids=lambda p: p.name[:2])
    def test_each_set_states_the_rules_time_and_its_exercises_own(self, path):
        for version in (path, ROOT / "exercises" / path.name):  # the student version copies the first cell
            first = nbformat.read(version, as_version=4).cells[0].source
            assert pacing.set_line(path) in first, (
                f"{version.name}: its **Estimated time:** line is out of step with the rule; run python "
                "scripts/pacing.py --write, then python scripts/make_exercises.py")

    def test_readme_table_is_the_rules(self):
        readme = (ROOT / "README.md").read_text(encoding="utf-8")
        assert pacing.readme_block() in readme, "README's table of times is out of step; run python scripts/pacing.py --write"

    def test_report_names_the_core_path_and_full_route(self):
        out = pacing.report()
        assert "Core path (00, 01, 03, 06, 09, 10)" in out and "Full route" in out and "words/min" in out

    def test_unknown_argument_is_refused(self, capsys):
        assert pacing.main(["--nope"]) == 2
