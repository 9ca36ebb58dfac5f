"""The lecturer's and maintainer's tools: scripts/update_data_hashes.py, and the teaching/ kit
(alternative task data, pacing, rubric) as it is added."""
from __future__ import annotations

import importlib.util
import json
import pathlib
import shutil

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[1]


def _script(name):
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


hashes = _script("update_data_hashes")


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
