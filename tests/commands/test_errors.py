"""Every command given a path it cannot write or read: one plain line, exit 2, no traceback."""
from __future__ import annotations

import errno
import os
import subprocess
import sys

import pytest

from generator.errors import UsageProblem, file_problem
from generator.write import write_atomic

from ..conftest import ROOT, run_cli

NOWHERE = "/proc/nope"          # a folder that can never be created, for root as for anyone


@pytest.mark.parametrize("args, line", [
    (["build", "-o", NOWHERE], f"cannot create the output folder {NOWHERE}: no such file or folder"),
    (["build", "--force", "-o", f"{NOWHERE}/out"],
     f"cannot create the output folder {NOWHERE}/out: no such file or folder"),
    (["schema", "-o", f"{NOWHERE}/s.json"], f"cannot write {NOWHERE}/s.json: no such file or folder"),
    (["redline", "plans/province.yaml", "plans/department.yaml", "-o", f"{NOWHERE}/x.docx"],
     f"cannot write {NOWHERE}/x.docx: no such file or folder"),
    (["new", "--next-year", "plans/province.yaml", "-o", f"{NOWHERE}/x.yaml"],
     f"cannot write {NOWHERE}/x.yaml: no such file or folder"),
    (["diff", "plans/missing.yaml", "plans/province.yaml"], "plans/missing.yaml: no such file"),
    (["redline", "plans/missing.yaml", "plans/province.yaml"], "plans/missing.yaml: no such file"),
])
def test_an_unusable_path_is_one_line_naming_it(plans_dir, args, line):
    result = run_cli(*args)
    assert (result.exit_code, result.stderr, result.stdout) == (2, line + "\n", "")


def test_a_failed_write_names_the_file_in_plain_words_and_keeps_the_old_one(tmp_path, monkeypatch):
    target = tmp_path / "plan.docx"
    target.write_bytes(b"signed version")

    def disk_full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(UsageProblem) as caught:
        write_atomic(target, b"new version")
    assert caught.value.lines == [f"cannot write {target}: the disk is full"]
    assert caught.value.exit_code == 2
    assert target.read_bytes() == b"signed version"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.docx"]     # no temporary left


@pytest.mark.parametrize("code, words", [
    (errno.EACCES, "permission denied"), (errno.ENOSPC, "the disk is full"),
    (errno.EISDIR, "is a folder, not a file"), (errno.ENOENT, "no such file or folder"),
])
def test_system_errors_read_as_plain_words(code, words):
    assert file_problem(OSError(code, os.strerror(code), "x.docx")).lines == [f"x.docx: {words}"]


def test_an_os_error_anywhere_under_a_command_is_one_line(plans_dir, monkeypatch):
    import generator.plan.workspace as workspace

    def unreadable(self, path):
        raise PermissionError(errno.EACCES, "Permission denied", str(path))

    monkeypatch.setattr(workspace.Workspace, "load", unreadable)
    result = run_cli("resolve", "plans/province.yaml")
    assert (result.exit_code, result.stderr) == (2, "plans/province.yaml: permission denied\n")


def test_a_real_process_prints_no_traceback_for_an_unwritable_output(plans_dir):
    proc = subprocess.run([sys.executable, "-m", "generator", "schema", "-o", f"{NOWHERE}/s.json"],
                          capture_output=True, text=True, cwd=plans_dir.parent,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert (proc.returncode, proc.stderr) == (2, f"cannot write {NOWHERE}/s.json: no such file or folder\n")
