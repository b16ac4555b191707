"""Warnings and errors go to one stream (stderr), in the order of the file, so that they never
print out of order; what was written and a successful summary go to stdout.

The lines are matched by position and kind, not wording (the messages are another test's).
"""
from __future__ import annotations

import pytest

from ..conftest import edit, run_cli

ERROR_28, WARNING_37, ERROR_39 = ("plans/department.yaml:28:22: ",
                                  "plans/department.yaml:37:25: warning: ",
                                  "plans/department.yaml:39:22: ")


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


def starts(lines: list[str], prefixes: list[str]) -> bool:
    return len(lines) == len(prefixes) and all(map(str.startswith, lines, prefixes))


def test_validate_prints_warnings_among_errors_in_file_order(warned):
    result = run_cli("validate", "plans/department.yaml")
    assert result.exit_code == 1 and result.stdout == ""
    lines = result.stderr.splitlines()
    assert starts(lines, [ERROR_28, WARNING_37, ERROR_39, "0 of 1 plan(s) valid"]), lines
    assert "'nobody'" in lines[0] and "'nobody2'" in lines[2]


def test_build_prints_them_the_same_way(warned):
    result = run_cli("build", "plans/department.yaml")
    assert result.exit_code == 1 and result.stdout == ""
    lines = result.stderr.splitlines()
    assert starts(lines, [ERROR_28, WARNING_37, ERROR_39, "failed plans/department.yaml", "built 0"]), lines


def test_a_warning_alone_goes_to_stderr_and_the_summary_to_stdout(warned):
    edit(warned, "lead: [nobody]", "lead: [so_ban_nganh_tinh]")
    edit(warned, "lead: [nobody2]", "lead: [so_ban_nganh_tinh]")
    result = run_cli("validate", "plans/department.yaml")
    assert (result.exit_code, result.stdout) == (0, "1 of 1 plan(s) valid\n")
    assert starts(result.stderr.splitlines(), [WARNING_37])
    result = run_cli("build", "plans/department.yaml")
    assert result.exit_code == 0
    assert starts(result.stderr.splitlines(), [WARNING_37])
    assert starts(result.stdout.splitlines(), ["wrote output/department.docx", "built 1, up to date 0, failed 0"])
