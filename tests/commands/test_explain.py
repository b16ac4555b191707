"""``plangen explain PLAN [ID|FIELD…] [--changed]``: where each value comes from."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import run_cli

ROOT = Path(__file__).resolve().parents[2]
TASK = "appendix.parts[nhiem-vu-kiem-soat].tasks[kh-ra-soat]"


@pytest.fixture
def plans(tmp_path, monkeypatch) -> Path:
    shutil.copytree(ROOT / "plans", tmp_path / "plans")
    monkeypatch.chdir(tmp_path)
    return tmp_path / "plans"


def explain(*args: str) -> list[str]:
    result = run_cli("explain", *args)
    assert result.exit_code == 0, result.output
    return result.output.splitlines()


def test_a_task_id_keeps_that_task_and_shows_what_each_override_replaced(plans):
    lines = explain("plans/cho-vam-2024.yaml", "kh-ra-soat")
    assert all(line.startswith((TASK + ".", "    replaces ")) for line in lines), lines
    at = lines.index(f'{TASK}.deadline = "Tháng 01 năm 2024"    ← plans/cho-vam-2024.yaml:65:21')
    assert lines[at + 1] == '    replaces "Tháng 12/2023"    ← plans/an-giang-2024.yaml:148:21'
    assert (f'{TASK}.result = "Kế hoạch rà soát quy định TTHC năm 2024"    '
            "← plans/an-giang-2024.yaml:149:19  (inherited)") in lines


def test_a_field_keeps_that_field_everywhere(plans):
    lines = explain("plans/cho-vam-2024.yaml", "deadline_reason")
    values = [line for line in lines if not line.startswith("    replaces ")]
    assert len(values) == 3 and all(".deadline_reason = " in line for line in values)
    assert lines[1] == ('    replaces "Kế hoạch của huyện được ban hành sau khi có Kế hoạch của '
                        'tỉnh"    ← plans/phu-tan-2024.yaml:49:28')


def test_texts_are_shown_in_full(plans):
    [line] = explain("plans/an-giang-2024.yaml", "reconstructed")
    assert len(line) > 1000 and "bỏ đi, vì không có bằng chứng về chúng." in line
    assert "…" not in line


def test_changed_keeps_the_plans_own_values_and_its_drops(plans):
    lines = explain("plans/an-giang-so-xay-dung-2023.yaml", "--changed")
    values = [line for line in lines if " = " in line]
    assert values and all("plans/an-giang-so-xay-dung-2023.yaml:" in line and
                          "(inherited)" not in line for line in values)
    drop = next(line for line in lines if "[kh-ksthc-tinh] dropped" in line)
    assert drop == ("appendix.parts[kiem-soat].groups[kiem-soat-chi-dao].tasks[kh-ksthc-tinh] "
                    "dropped    ← plans/an-giang-so-xay-dung-2023.yaml:52:41  "
                    "(the parent's at plans/an-giang-2023.yaml:138:19)")
    everything = explain("plans/an-giang-so-xay-dung-2023.yaml")
    assert len(everything) > len(lines) and drop in everything


def test_a_selection_that_matches_nothing_is_a_usage_error(plans):
    result = run_cli("explain", "plans/cho-vam-2024.yaml", "no-such-task")
    assert result.exit_code == 2
    assert result.output.strip() == "plans/cho-vam-2024.yaml: no value matches no-such-task"
