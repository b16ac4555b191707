"""--keep-going builds every valid plan and reports each failure; without it the build stops."""
from __future__ import annotations

import re

from ..conftest import edit, run_cli
from .conftest import descendants

PROBLEM = re.compile(r"^\S+\.yaml:\d+:\d+: .+$", re.M)


def _break(path):
    edit(path, "lead: [van_phong_xa]", "lead: [nobody]")


def test_keep_going_builds_the_others_and_exits_non_zero(tree, tmp_path):
    _break(tree["huyen-1-xa-2"])
    result = run_cli("build", "plans", "--keep-going")
    assert result.exit_code != 0
    assert "plans/huyen-1-xa-2.yaml:" in result.output
    assert PROBLEM.search(result.output)
    assert "unknown unit 'nobody'" in result.output
    made = {p.stem for p in (tmp_path / "output").glob("*.docx")}
    assert made == set(tree) - {"huyen-1-xa-2"}
    assert "failed 1" in result.output and f"built {len(tree) - 1}" in result.output


def test_without_keep_going_the_build_stops_but_reports_the_failure(tree, tmp_path):
    _break(tree["huyen-1-xa-1"])
    result = run_cli("build", "plans", "-j", "1")
    assert result.exit_code != 0
    assert "plans/huyen-1-xa-1.yaml:" in result.output and "unknown unit 'nobody'" in result.output
    assert "stopped at the first failure" in result.output
    assert not (tmp_path / "output" / "huyen-1-xa-1.docx").exists()
    assert len(list((tmp_path / "output").glob("*.docx"))) < len(tree) - 1


def test_a_broken_parent_fails_its_subtree_and_is_reported_once(tree, tmp_path):
    edit(tree["huyen-2"], "lead: [so_ban_nganh_tinh]", "lead: [nobody]")
    result = run_cli("build", "plans", "-k")
    assert result.exit_code != 0
    lines = [line for line in result.output.splitlines() if "unknown unit 'nobody'" in line]
    assert len(lines) == 1 and lines[0].startswith("plans/huyen-2.yaml:")
    failed = [line for line in result.output.splitlines() if line.startswith("failed ")]
    blocked = len(descendants(tree, "huyen-2")) - 1
    assert blocked > 0
    assert failed == [f"failed plans/huyen-2.yaml (and {blocked} plan(s) that extend it)"]
    assert f"failed {blocked + 1}" in result.output.splitlines()[-1]
    made = {p.stem for p in (tmp_path / "output").glob("*.docx")}
    assert made == set(tree) - descendants(tree, "huyen-2")


def test_two_plans_with_one_output_name_are_refused(tree, tmp_path):
    other = tmp_path / "elsewhere"
    other.mkdir()
    (other / "province.yaml").write_text(tree["province"].read_text(encoding="utf-8"), encoding="utf-8")
    result = run_cli("build", "plans/province.yaml", "elsewhere/province.yaml")
    assert result.exit_code != 0
    assert "elsewhere/province.yaml:1:1: same output name as plans/province.yaml" in result.output
