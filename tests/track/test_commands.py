"""plangen status new / check: a scaffold names every task, carries the period before forward,
and never overwrites a file without --force."""
import shutil

import pytest

from generator.plan.workspace import load_plan
from generator.track.status import load_status

from .conftest import NAME
from ..conftest import ROOT, run_cli


def test_new_lists_every_task_not_started(project):
    result = run_cli("status", "new", f"plans/{NAME}.yaml", "--period", "2023-Q1")
    assert result.exit_code == 0, result.output
    assert result.stdout == f"wrote status/{NAME}/2023-Q1.yaml (98 tasks)\n"
    path = project / "status" / NAME / "2023-Q1.yaml"
    text = path.read_text(encoding="utf-8")
    assert "  # 1 · Kế hoạch Tổ chức hoạt động kiểm soát thủ tục hành chính năm 2023\n  kh-ksthc-tinh:\n" in text
    status = load_status(path, load_plan(f"plans/{NAME}.yaml"))
    assert status.as_of.isoformat() == "2023-03-14"
    assert {e.state for e in status.entries.values()} == {"not_started"}
    assert len(status.entries) == 98


def test_new_carries_the_latest_earlier_period_forward(project):
    (project / "status" / NAME).mkdir(parents=True)
    shutil.copy(ROOT / "status" / NAME / "2023-Q1.yaml", project / "status" / NAME)
    result = run_cli("status", "new", f"plans/{NAME}.yaml", "--period", "2023-H1", "--as-of", "2023-06-20")
    assert result.exit_code == 0, result.output
    assert result.stdout.endswith(f"carried forward from status/{NAME}/2023-Q1.yaml)\n")
    plan = load_plan(f"plans/{NAME}.yaml")
    before = load_status(project / "status" / NAME / "2023-Q1.yaml", plan)
    after = load_status(project / "status" / NAME / "2023-H1.yaml", plan)
    assert dict(after.entries) == dict(before.entries)
    assert after.entries["kh-ksthc-tinh"].evidence == ("77/QĐ-UBND",)
    assert str(after.as_of) == "2023-06-20"


def test_new_never_overwrites_without_force(project):
    assert run_cli("status", "new", f"plans/{NAME}.yaml", "--period", "2023-Q1").exit_code == 0
    path = project / "status" / NAME / "2023-Q1.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("state: not_started", "state: done\n    date: 2023-01-18", 1),
                    encoding="utf-8")
    edited = path.read_bytes()
    result = run_cli("status", "new", f"plans/{NAME}.yaml", "--period", "2023-Q1")
    assert result.exit_code == 2
    assert result.stderr == f"status/{NAME}/2023-Q1.yaml: exists; use --force to overwrite it\n"
    assert path.read_bytes() == edited
    assert run_cli("status", "new", f"plans/{NAME}.yaml", "--period", "2023-Q1", "--force").exit_code == 0
    assert path.read_bytes() != edited


@pytest.mark.parametrize("args, line", [
    (["--period", "2023-Q7"], "'2023-Q7' is not a report period: write 2023-Q2 (a quarter), "
                              "2023-H1 (six months), 2023 (the year) or 2023-06 (a month)"),
    (["--period", "2024-Q1"], "period 2024-Q1 is not in the plan's year 2023"),
    (["--period", "2023-Q1", "--as-of", "14/3/2023"], "--as-of '14/3/2023': write dates as YYYY-MM-DD, here 2023-03-14"),
    (["--period", "2023-Q2", "--as-of", "2023-03-31"], "--as-of is 2023-03-31, outside period 2023-Q2 (2023-04-01 to 2023-06-30)"),
])
def test_new_refuses_a_bad_request_in_one_line(project, args, line):
    result = run_cli("status", "new", f"plans/{NAME}.yaml", *args)
    assert (result.exit_code, result.stderr) == (2, line + "\n")
    assert not (project / "status").exists()


def test_check_finds_the_plan_beside_status(project):
    (project / "status" / NAME).mkdir(parents=True)
    shutil.copy(ROOT / "status" / NAME / "2023-Q2.yaml", project / "status" / NAME)
    result = run_cli("status", "check", f"status/{NAME}/2023-Q2.yaml")
    assert result.exit_code == 0, result.output
    assert result.stdout == f"status/{NAME}/2023-Q2.yaml: 98 task(s) as of 2023-06-14\n"
