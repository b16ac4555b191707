"""Warnings and errors go to one stream (stderr), in the order of the file, so that they never
print out of order; what was written and a successful summary go to stdout."""
from __future__ import annotations

import pytest

from ..conftest import edit, run_cli

WARNING = ("plans/department.yaml:37:25: warning: deadline 'Quý IV/2023' is later than the "
           "parent's 'Quý II, III/2023' (plans/province.yaml:74:25); accepted because: chờ "
           "hướng dẫn (task kiem-tra)")


@pytest.fixture
def warned(plans_dir):
    """The department with an error before an accepted later deadline, and one after it."""
    path = plans_dir / "department.yaml"
    edit(path, "lead: [so_ban_nganh_tinh]\n              coordinating",
         "lead: [nobody]\n              coordinating")
    edit(path, '- id: kiem-tra\n              deadline: "Quý II/2023"',
         '- id: kiem-tra\n              deadline: "Quý IV/2023"\n'
         '              deadline_reason: "chờ hướng dẫn"\n              lead: [nobody2]')
    return path


ERRORS = ["plans/department.yaml:28:22: unknown unit 'nobody' (declare it under 'units:') (task kh-tinh)",
          WARNING,
          "plans/department.yaml:39:22: unknown unit 'nobody2' (declare it under 'units:') (task kiem-tra)"]


def test_validate_prints_warnings_among_errors_in_file_order(warned):
    result = run_cli("validate", "plans/department.yaml")
    assert result.exit_code == 1
    assert (result.stdout, result.stderr.splitlines()) == ("", [*ERRORS, "0 of 1 plan(s) valid"])


def test_build_prints_them_the_same_way(warned):
    result = run_cli("build", "plans/department.yaml")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines()[:4] == [*ERRORS, "failed plans/department.yaml"]


def test_a_warning_alone_goes_to_stderr_and_the_summary_to_stdout(warned):
    edit(warned, "lead: [nobody]", "lead: [so_ban_nganh_tinh]")
    edit(warned, "lead: [nobody2]", "lead: [so_ban_nganh_tinh]")
    result = run_cli("validate", "plans/department.yaml")
    assert (result.exit_code, result.stdout, result.stderr) == (
        0, "1 of 1 plan(s) valid\n", WARNING + "\n")
    result = run_cli("build", "plans/department.yaml")
    assert result.exit_code == 0
    assert result.stderr == WARNING + "\n"
    assert result.stdout.startswith("wrote output/department.docx\nbuilt 1, up to date 0, failed 0")
